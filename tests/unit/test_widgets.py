"""Controls found by shape on drawn pictures, in several toolkits' styles."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from automation.perception.widgets import find_shapes, ticked
from automation.types import Box

GREY, WHITE = (217, 217, 217), (255, 255, 255)


def sunken_entry(d: ImageDraw.ImageDraw, box: Box) -> None:
    """Tk and Win32: a 2-px sunken border, dark top-left and light bottom-right."""
    d.rectangle((box.x, box.y, box.right - 1, box.bottom - 1), fill=WHITE)
    d.line((box.x, box.y, box.right - 1, box.y), fill=(120, 120, 120), width=2)
    d.line((box.x, box.y, box.x, box.bottom - 1), fill=(120, 120, 120), width=2)
    d.line((box.x, box.bottom - 1, box.right - 1, box.bottom - 1), fill=WHITE)
    d.line((box.right - 1, box.y, box.right - 1, box.bottom - 1), fill=WHITE)


def thin_entry(d: ImageDraw.ImageDraw, box: Box, radius: int = 0) -> None:
    """Swing (1-px line), HTML and Qt (1-px line, rounded corners)."""
    d.rounded_rectangle(
        (box.x, box.y, box.right - 1, box.bottom - 1), radius=radius, fill=WHITE, outline=(118, 118, 118)
    )


def arrow(d: ImageDraw.ImageDraw, box: Box) -> None:
    cx, cy = box.right - box.h // 2, box.center[1]
    d.polygon([(cx - 4, cy - 2), (cx + 4, cy - 2), (cx, cy + 3)], fill=(30, 30, 30))


def picture(background: tuple[int, int, int] = GREY) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("RGB", (420, 260), background)
    return image, ImageDraw.Draw(image)


def kinds(image: Image.Image, outlines: list[Box] | None = None) -> list[tuple[str, Box]]:
    return [(s.kind, s.box) for s in find_shapes(image, outlines or [])]


def test_tk_sunken_entry_is_a_text_box() -> None:
    image, d = picture()
    sunken_entry(d, Box(100, 40, 200, 22))
    ((kind, box),) = kinds(image)
    assert kind == "text" and abs(box.x - 102) <= 2 and abs(box.w - 197) <= 3


def test_one_pixel_borders_on_grey_and_on_a_white_page() -> None:
    for background, radius in ((GREY, 0), ((238, 238, 238), 3), (WHITE, 2)):
        image, d = picture(background)
        thin_entry(d, Box(40, 40, 180, 24), radius)
        thin_entry(d, Box(40, 100, 180, 24), radius)
        found = kinds(image)
        assert [k for k, _ in found] == ["text", "text"], (background, found)
        assert abs(found[1][1].y - 101) <= 1


def test_a_light_patch_that_is_not_set_off_is_no_field() -> None:
    image, d = picture()
    d.rectangle((40, 40, 220, 63), fill=WHITE)  # open at its bottom: spills into a light area
    d.rectangle((40, 64, 300, 200), fill=(250, 250, 250))
    assert kinds(image) == []


def test_combo_is_a_box_with_a_downward_arrow_at_its_right() -> None:
    image, d = picture()
    thin_entry(d, Box(40, 40, 180, 24))
    arrow(d, Box(40, 40, 180, 24))
    thin_entry(d, Box(40, 100, 180, 24))
    d.polygon([(205, 108), (205, 116), (210, 112)], fill=(30, 30, 30))  # a right-pointing arrow: no combo
    found = kinds(image)
    assert [k for k, _ in found] == ["combo", "text"]


def test_read_only_combo_drawn_like_a_button_is_found_from_its_outline() -> None:
    image, d = picture()
    d.rectangle((40, 40, 219, 63), fill=(225, 225, 225), outline=(90, 90, 90))
    arrow(d, Box(40, 40, 180, 24))
    ((kind, box),) = kinds(image, [Box(40, 40, 180, 24)])
    assert kind == "combo" and box == Box(40, 40, 180, 24)


def test_check_box_and_radio_button_with_their_state() -> None:
    image, d = picture()
    d.rectangle((30, 30, 42, 42), fill=WHITE, outline=(60, 60, 60))
    d.rectangle((30, 60, 42, 72), fill=WHITE, outline=(60, 60, 60))
    d.line((33, 66, 36, 69, 40, 62), fill=(0, 0, 0), width=2)  # a tick
    d.ellipse((30, 90, 43, 103), fill=WHITE, outline=(60, 60, 60))
    d.ellipse((30, 120, 43, 133), fill=WHITE, outline=(60, 60, 60))
    d.ellipse((34, 124, 39, 129), fill=(0, 0, 0))  # the dot
    found = [(s.kind, s.checked) for s in find_shapes(image, [])]
    assert found == [("check", False), ("check", True), ("radio", False), ("radio", True)]


def test_tk_check_box_its_bevel_dark_on_two_sides_only_is_a_check_box() -> None:
    # Tk's check box as grabbed (zoo dev seed 151), "Send copy" beside it: an 11-px white square,
    # a 1-px dark line on its top and left, its bottom and right as white as its inside, on the
    # grey 230 window. Its inner contour fills a hair under a square's share (0.79): it was taken
    # for a radio button, and the frame, read "t-", stayed in its label.
    image = Image.open(Path(__file__).parent / "data" / "marks" / "tk_check_box.png").convert("RGB")
    assert [(s.kind, s.box) for s in find_shapes(image, [])] == [("check", Box(23, 18, 11, 11))]


def test_a_white_radio_button_is_still_one() -> None:
    image = Image.new("RGB", (120, 60), (230, 230, 230))
    ImageDraw.Draw(image).ellipse((70, 20, 82, 32), fill=WHITE, outline=(138, 138, 138))
    assert [s.kind for s in find_shapes(image, [])] == ["radio"]


def test_a_letter_o_read_as_text_is_no_radio_button() -> None:
    image, d = picture()
    d.ellipse((30, 90, 43, 103), fill=WHITE, outline=(60, 60, 60))
    assert find_shapes(image, [], [Box(28, 88, 50, 18)]) == []  # the word "Over" reaches past the O


def test_a_ring_inside_a_label_that_begins_left_of_it_is_one_of_its_signs() -> None:
    """HomeBank's "Add & Keep" button: its "&" was taken for a radio button labelled "Keep", and
    "Add" then named two buttons (exit 5). Inside a label that begins left of it, a ring is a sign."""
    image, d = picture()
    d.ellipse((60, 90, 73, 103), fill=WHITE, outline=(60, 60, 60))
    assert [s.kind for s in find_shapes(image, [])] == ["radio"]  # alone, a radio button
    assert find_shapes(image, [], labels=[Box(20, 88, 110, 18)]) == []  # "Add & Keep" runs over it


def test_a_tick_read_as_a_letter_inside_the_box_keeps_the_check_box() -> None:
    image, d = picture()
    d.rectangle((30, 60, 42, 72), fill=WHITE, outline=(60, 60, 60))
    d.line((33, 66, 36, 69, 40, 62), fill=(0, 0, 0), width=2)
    assert [(s.kind, s.checked) for s in find_shapes(image, [], [Box(32, 62, 9, 9)])] == [("check", True)]


def test_a_check_box_read_into_its_label_is_still_a_check_box() -> None:
    # OCR read the box as "(" of "(Send": the word reaches past the box, yet a frame closed
    # on four sides is no letter. A Win32 3D box (dark top-left, light bottom-right) too.
    image, d = picture()
    d.rectangle((30, 30, 42, 42), fill=WHITE, outline=(118, 118, 118))
    d.rectangle((30, 60, 42, 72), fill=WHITE)  # Win32: the outer light line bottom-right
    d.rectangle((30, 60, 41, 71), fill=(227, 227, 227))
    d.rectangle((30, 60, 40, 70), fill=(166, 166, 166))
    d.rectangle((31, 61, 40, 70), fill=(106, 106, 106))
    d.rectangle((32, 62, 40, 70), fill=WHITE)
    words = [Box(30, 30, 50, 14), Box(30, 59, 60, 14)]
    assert [(s.kind, s.checked) for s in find_shapes(image, [], words)] == [("check", False), ("check", False)]


def test_a_letter_m_is_no_check_box() -> None:
    # Square enough and its hull fills its box, but its top and bottom are not closed lines.
    image, d = picture()
    d.line((30, 42, 30, 30, 36, 38, 42, 30, 42, 42), fill=(0, 0, 0), width=2)
    assert find_shapes(image, [], [Box(28, 28, 40, 16)]) == []


def test_a_closed_letter_inside_a_label_is_no_check_box() -> None:
    # Swing's bold "D" of "Posting Date" is a square frame; the label it stands in begins left of it.
    image, d = picture()
    d.rectangle((60, 30, 69, 40), fill=WHITE, outline=(0, 0, 0))
    words = [Box(10, 30, 45, 12), Box(60, 30, 30, 11)]
    assert [s.kind for s in find_shapes(image, [], words)] == ["check"]  # alone, a frame is a check box
    assert find_shapes(image, [], words, [Box(10, 30, 80, 12)]) == []


def test_marks_inside_a_bordered_table_cell_are_found() -> None:
    # The cell's outline is the outermost contour around them; the marks inside still count.
    image, d = picture()
    d.rectangle((10, 20, 300, 120), outline=(60, 60, 60))
    d.rectangle((30, 40, 42, 52), fill=WHITE, outline=(60, 60, 60))
    d.ellipse((30, 80, 43, 93), fill=WHITE, outline=(60, 60, 60))
    assert [s.kind for s in find_shapes(image, [])] == ["check", "radio"]


def test_a_radio_button_read_into_its_labels_first_word_is_still_one() -> None:
    # OCR read the ring as the "®" of "®Net": the ring stands 4 px from the "N"; an "O"
    # starting a word stands 1 px from the next letter, and a word's inner "o" is no mark.
    image, d = picture()
    d.ellipse((30, 90, 43, 103), fill=WHITE, outline=(60, 60, 60))
    d.rectangle((48, 92, 49, 101), fill=(0, 0, 0))  # the "N", 4 px after the ring
    d.ellipse((30, 150, 43, 163), fill=WHITE, outline=(60, 60, 60))
    d.rectangle((45, 152, 46, 161), fill=(0, 0, 0))  # a letter 1 px after an "O"
    d.ellipse((130, 150, 143, 163), fill=WHITE, outline=(60, 60, 60))
    d.rectangle((148, 152, 149, 161), fill=(0, 0, 0))  # "o" inside a word that began before it
    words = [Box(30, 89, 60, 16), Box(30, 149, 60, 16), Box(100, 149, 60, 16)]
    assert [(s.kind, s.box.y // 10) for s in find_shapes(image, [], words)] == [("radio", 8)]


def test_a_thin_tick_is_a_tick() -> None:
    # Wine's check box, as grabbed: a 13 px box, its tick a 1-px anti-aliased stroke.
    rows = [
        "245 245 245 245 245 245 245 245 245 245 245 245 245 245 245 245 245",
        "245 239 163 134 131 131 131 131 131 131 131 134 164 240 245 245 245",
        "245 163 197 252 255 255 255 255 255 255 255 252 196 164 245 245 245",
        "245 134 252 255 255 255 255 255 255 255 255 255 251 134 245 245 245",
        "245 131 255 255 255 255 255 255 255 255 224 172 255 131 245 245 245",
        "245 131 255 255 255 255 255 255 255 227 140 218 255 131 245 245 245",
        "245 131 255 255 255 255 255 255 228 140 217 255 255 131 245 245 245",
        "245 131 255 211 247 255 255 230 141 216 255 255 255 131 245 245 245",
        "245 131 255 183 157 248 231 142 214 255 255 255 255 131 245 245 245",
        "245 131 255 255 180 156 142 212 255 255 255 255 255 131 245 245 245",
        "245 131 255 255 254 179 210 255 255 255 255 255 255 131 245 245 245",
        "245 134 252 255 255 255 255 255 255 255 255 255 251 134 245 245 245",
        "245 164 196 252 255 255 255 255 255 255 255 252 194 164 245 245 245",
        "245 240 164 134 131 131 131 131 131 131 131 134 165 241 245 245 245",
        "245 245 245 245 245 245 245 245 245 245 245 245 245 245 245 245 245",
    ]
    gray = np.array([[int(v) for v in r.split()] for r in rows], dtype=np.uint8)
    clear = gray.copy()
    clear[2:12, 2:12] = 255
    assert ticked(gray, Box(0, 0, 15, 15)) and not ticked(clear, Box(0, 0, 15, 15))
    speck = clear.copy()
    speck[7, 7] = 120
    assert not ticked(speck, Box(0, 0, 15, 15))


def test_a_chevron_with_anti_aliased_tips_is_a_combo_arrow_and_a_letter_o_is_not() -> None:
    # Chromium's unstyled drop-down, as grabbed: the chevron's first row is narrower than its second.
    grabbed = Image.open(Path(__file__).parent / "data" / "select" / "chromium_select.png").convert("RGB")
    assert [k for k, _ in kinds(grabbed)] == ["combo"]
    image, d = picture(WHITE)
    thin_entry(d, Box(40, 100, 80, 16))
    d.ellipse((105, 104, 110, 109), outline=(0, 0, 0))  # a small "o" at the end of a text
    assert [k for k, _ in kinds(image)] == ["text"]
