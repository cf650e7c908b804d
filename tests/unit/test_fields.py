import numpy as np

from automation.grounding.fields import (
    TYPED_KINDS,
    field_beside,
    naming_fields,
    outlined_near,
    paired_field,
    spot_beside,
    white_runs,
)
from automation.types import Box, Element, TextSpan

GREY = 217


def form(width: int = 400, height: int = 200) -> np.ndarray:
    return np.full((height, width, 3), GREY, dtype=np.uint8)


def test_white_runs() -> None:
    assert white_runs(np.array([0, 1, 1, 0, 1], dtype=bool)) == [(1, 2), (4, 1)]


def test_field_right_of_label() -> None:
    pixels = form()
    pixels[40:60, 150:350] = 255
    label = Box(10 + 100, 45 + 50, 50, 12)  # area starts at (100, 50)
    assert field_beside(pixels, label, Box(100, 50, 400, 200)) == (100 + 150 + 10, 50 + 51)


def test_field_below_label() -> None:
    pixels = form()
    pixels[30:50, 12:250] = 255
    label = Box(10, 10, 60, 12)
    x, y = field_beside(pixels, label, Box(0, 0, 400, 200)) or (0, 0)
    assert 12 <= x < 250 and 30 <= y < 50


def test_a_field_far_right_on_the_label_row_is_not_the_label_s_field_below_it() -> None:
    """Qt's zoo form: "Reference" stands above its field, and its row runs on into a grid's cell
    400 px to the right; the click into the field below was recorded with no label."""
    pixels = form(width=700)
    pixels[10:40, 500:640] = 255  # a cell of another part of the form, on the label's row
    pixels[34:56, 12:250] = 255  # the field under the label
    label = Box(10, 14, 60, 12)
    x, y = field_beside(pixels, label, Box(0, 0, 700, 200)) or (0, 0)
    assert 12 <= x < 250 and 34 <= y < 56
    outlined = outlined_near([Box(500, 10, 140, 30), Box(12, 34, 238, 22)], label)
    assert outlined is not None and outlined[1] == Box(12, 34, 238, 22)


def test_short_white_gaps_are_not_fields() -> None:
    pixels = form()
    pixels[40:60, 150:170] = 255  # 20 px: a gap, not an entry
    assert field_beside(pixels, Box(10, 45, 50, 12), Box(0, 0, 400, 200)) is None


def test_grey_outlined_field_found_from_outlines() -> None:
    outlines = [Box(300, 40, 200, 22), Box(150, 38, 120, 24), Box(150, 90, 120, 24)]
    assert outlined_near(outlines, Box(10, 45, 50, 12)) == ((160, 51), Box(150, 38, 120, 24))
    assert field_beside(form(), Box(10, 45, 50, 12), Box(0, 0, 400, 200), outlines) == (160, 51)


def test_the_stretch_found_beside_a_label_is_where_typing_is_read_back() -> None:
    """No control recognised: the white run right of the label is the box to read after typing."""
    pixels = form()
    pixels[44:60, 150:300] = 255
    found = spot_beside(pixels, Box(10, 45, 50, 12), Box(0, 0, 400, 200))
    assert found is not None
    point, box = found
    assert point == field_beside(pixels, Box(10, 45, 50, 12), Box(0, 0, 400, 200))
    assert box.contains(*point) and box.x >= 60 and box.w >= 100 and box.y <= 45 and box.bottom >= 57


def motif_dialog() -> np.ndarray:
    """A grey Motif dialog (179) whose entry under its label is light grey (229), not white,
    with a dark border and a prefilled name whose first letter sits where a click would go."""
    pixels = np.full((200, 400, 3), 179, dtype=np.uint8)
    pixels[58:90, 8:300] = 0  # the border
    pixels[61:87, 11:297] = 229  # the fill
    pixels[66:80, 18:26] = 20  # a letter of the name it holds
    return pixels


def test_a_grey_themes_entry_below_its_label_is_found_by_its_fill_relative_to_the_window() -> None:
    label = Box(10, 40, 95, 12)
    found = spot_beside(motif_dialog(), label, Box(0, 0, 400, 200))
    assert found is not None
    _, box = found
    # The whole height of the fill, not the rows above the first letter: typing is read back there.
    assert (box.y, box.bottom, box.x, box.right) == (61, 87, 11, 297)


def test_a_grey_fill_on_a_light_window_is_not_an_entry() -> None:
    """The relative threshold only lowers on grey windows: on Tk's lighter grey, 229 is background-like."""
    pixels = form()
    pixels[30:50, 12:250] = 229
    assert field_beside(pixels, Box(10, 10, 60, 12), Box(0, 0, 400, 200)) is None


def test_a_near_white_windows_background_is_no_fill() -> None:
    """GTK's window is gray 244: the open space right of a label above its field is not that field."""
    pixels = np.full((200, 400, 3), 244, dtype=np.uint8)
    pixels[28:29, 10:260] = pixels[60:61, 10:260] = 150  # the field's border
    pixels[29:60, 11:259] = 255  # its white fill, under the label
    found = spot_beside(pixels, Box(10, 10, 60, 12), Box(0, 0, 400, 200))
    assert found is not None
    point, box = found
    assert 11 <= point[0] < 259 and 29 <= point[1] < 60 and (box.y, box.bottom) == (29, 60)


def test_on_a_white_page_the_field_below_a_label_is_found_by_its_border() -> None:
    pixels = np.full((200, 400, 3), 255, dtype=np.uint8)
    outlines = [Box(300, 30, 80, 24), Box(12, 30, 200, 90)]  # a field further right, the one below
    assert spot_beside(pixels, Box(10, 10, 60, 12), Box(0, 0, 400, 200)) is None  # no fill stands out
    assert spot_beside(pixels, Box(10, 10, 60, 12), Box(0, 0, 400, 200), outlines) == ((22, 75), outlines[1])


def test_a_tall_field_beside_its_label_is_read_back_over_its_whole_height() -> None:
    """A multi-line note right of its label: its first line of text lies above the label's middle."""
    pixels = form()
    pixels[30:130, 150:350] = 255
    found = spot_beside(pixels, Box(10, 35, 50, 12), Box(0, 0, 400, 200))
    assert found is not None
    point, box = found
    assert point == (160, 41) and (box.y, box.bottom, box.x, box.right) == (30, 130, 150, 350)


def test_a_field_is_named_by_the_caption_beside_it_not_by_a_button_of_the_same_name() -> None:
    """KeePassXC (round 15): its toolbar button the tree names "URL" matched "URL" as typed and
    outranked the caption "URL:" beside the entry; the entry looked for right of the button
    was the next button (Auto-Type), which the click ran."""
    caption, button = Box(416, 359, 28, 19), Box(615, 142, 41, 40)
    spans = [TextSpan("URL", button, 100, "Form"), TextSpan("URL:", caption, 96, "Form")]
    entry = Element("text", Box(457, 354, 521, 29), "Url field", "", caption, window="Form")
    kept = naming_fields("URL", spans, [entry])
    assert [s.text for s in kept] == ["URL:"]
    assert naming_fields("URL", spans, []) == spans  # no caption names a field: the choice is the matcher's


def test_typing_pairs_a_caption_with_an_entry_never_with_the_check_box_it_also_names() -> None:
    """KeePassXC: the check box that shows or hides the notes is named by the caption "Notes:"
    beside it (the notes box, under no caption the tree relates, had none), and typing the
    notes went to the check box."""
    caption = Box(395, 474, 40, 10)
    toggle = Element("check", Box(366, 469, 19, 19), "Toggle notes visible", "", Box(367, 470, 72, 17), window="F")
    notes = Element("text", Box(456, 470, 563, 192), "Notes field", "", None, window="F")
    assert paired_field([toggle, notes], caption) == toggle  # a click on the caption's control ticks it
    assert paired_field([toggle, notes], caption, TYPED_KINDS) is None  # typing: the entry is found by its pixels
    named = Element("text", Box(456, 470, 563, 192), "Notes", "", Box(395, 472, 42, 12), window="F")
    assert paired_field([toggle, named], caption, TYPED_KINDS) == named


def test_a_field_below_another_control_under_the_label_is_not_the_labels() -> None:
    """A grid's header over a selected first-row cell (a tint, no fill) and a light second-row
    cell: the look under the header ran past the first cell and typed into the second (exit 0)."""
    pixels = form()
    pixels[40:76, 100:175] = (50, 140, 200)  # the selected first-row cell
    pixels[77:113, 100:175] = 255  # the second row's cell
    label = Box(110, 22, 30, 15)  # "Qty", in its header 100..175 x 14..39
    first, second = Box(99, 39, 77, 38), Box(100, 76, 75, 37)
    found = spot_beside(pixels, label, Box(0, 0, 400, 200), [Box(100, 14, 75, 26), first, second])
    assert found is not None and found[1] == first and first.contains(*found[0])
    # with nothing outlined between them, the light stretch under the label is its field
    pixels[40:76, 100:175] = 255
    found = spot_beside(pixels, label, Box(0, 0, 400, 200), [Box(100, 14, 75, 26)])
    assert found is not None and 40 <= found[0][1] < 76
