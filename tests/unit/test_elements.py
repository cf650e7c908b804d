"""Controls paired with their labels: left, above, inside, right; read-outs; the focused field."""

from __future__ import annotations

import numpy as np

from automation.grounding.fields import click_point, named_mark, paired_field
from automation.perception.elements import pair
from automation.perception.widgets import Shape
from automation.types import Box, Element, TextSpan


def span(text: str, x: int, y: int, w: int = 60, h: int = 13) -> TextSpan:
    return TextSpan(text, Box(x, y, w, h), 95.0)


def named(elements: list, kind: str) -> dict[str, str]:
    return {e.label: e.text for e in elements if e.kind == kind}


def test_labels_left_of_their_fields() -> None:
    shapes = [Shape("text", Box(120, 20, 200, 22)), Shape("text", Box(120, 52, 200, 22))]
    spans = [span("Employee", 10, 24), span("Amount", 10, 56), span("Li Si", 124, 24, 40)]
    elements = pair(shapes, spans, [])
    assert named(elements, "text") == {"Employee": "Li Si", "Amount": ""}


def test_labels_above_in_two_columns_name_the_field_under_them() -> None:
    shapes = [Shape("text", Box(10, 30, 200, 22)), Shape("text", Box(230, 30, 200, 22))]
    shapes += [Shape("text", Box(10, 80, 200, 22)), Shape("text", Box(230, 80, 200, 22))]
    spans = [span("Customer", 10, 12), span("Invoice Total", 230, 12, 80)]
    spans += [span("Due Date", 10, 62), span("Reference", 230, 62)]
    elements = pair(shapes, spans, [])
    fields = {e.label: e.box for e in elements if e.kind == "text"}
    assert fields == {
        "Customer": Box(10, 30, 200, 22),
        "Invoice Total": Box(230, 30, 200, 22),
        "Due Date": Box(10, 80, 200, 22),
        "Reference": Box(230, 80, 200, 22),
    }
    # Typing "into Due Date" lands in the field under the label, never on the label.
    target = paired_field(elements, span("Due Date", 10, 62).box)
    assert target is not None and target.box.contains(*click_point(target))


def test_no_label_across_another_field() -> None:
    shapes = [Shape("text", Box(100, 20, 100, 22)), Shape("text", Box(260, 20, 100, 22))]
    elements = pair(shapes, [span("Name", 10, 24)], [])
    assert [(e.label, e.box.x) for e in elements if e.kind == "text"] == [("Name", 100), ("", 260)]


def test_check_box_label_right_and_a_combo_choice() -> None:
    shapes = [Shape("check", Box(10, 60, 13, 13), checked=True), Shape("combo", Box(100, 20, 160, 22))]
    spans = [span("Urgent", 30, 60), span("Shipping", 10, 24), span("Express", 104, 24)]
    elements = pair(shapes, spans, [])
    assert named(elements, "check") == {"Urgent": ""}
    assert [e.checked for e in elements if e.kind == "check"] == [True]
    assert named(elements, "combo") == {"Shipping": "Express"}


def test_placeholder_in_grey_names_an_empty_field() -> None:
    pixels = np.full((100, 300, 3), 255, dtype=np.uint8)
    pixels[24:35, 14:80] = 150  # grey strokes: a placeholder, not typed text
    shapes = [Shape("text", Box(10, 20, 200, 22))]
    elements = pair(shapes, [span("Search", 14, 24)], [], pixels, Box(0, 0, 300, 100))
    ((field,),) = [[e for e in elements if e.kind == "text"]]
    assert (field.label, field.text) == ("Search", "")


def test_read_outs_buttons_and_a_display() -> None:
    shapes = [Shape("text", Box(10, 10, 200, 24)), Shape("text", Box(10, 50, 200, 24))]
    spans = [span("1234", 150, 14, 50), span("Submit", 80, 54, 50), span("Saved claim 1", 10, 100, 100)]
    spans += [span("OK", 300, 102, 20)]
    elements = pair(shapes, spans, [Box(290, 96, 50, 24)])
    assert [(e.kind, e.text or e.label) for e in elements] == [
        ("readout", "1234"),  # an unlabelled box showing a number: a display
        ("button", "Submit"),  # a light box with its text in the middle: Qt's or a web page's button
        ("readout", "Saved claim 1"),
        ("button", "OK"),
    ]


def test_caret_marks_the_focused_field() -> None:
    pixels = np.full((120, 300, 3), 217, dtype=np.uint8)
    shapes = []
    for y in (10, 50, 90):
        pixels[y : y + 22, 10:210] = 255
        shapes.append(Shape("text", Box(10, y, 200, 22)))
    pixels[54:68, 40] = 0  # a caret in the middle field
    elements = pair(shapes, [], [], pixels, Box(0, 0, 300, 120))
    assert [e.focused for e in elements] == [False, True, False]


def test_focus_ring_of_another_colour_marks_the_focused_field() -> None:
    pixels = np.full((120, 300, 3), 240, dtype=np.uint8)
    shapes = []
    for y, border in ((10, (150, 150, 150)), (50, (48, 140, 198)), (90, (150, 150, 150))):
        pixels[y - 1 : y + 23, 9:211] = border
        pixels[y : y + 22, 10:210] = 255
        shapes.append(Shape("text", Box(10, y, 200, 22)))
    elements = pair(shapes, [], [], pixels, Box(0, 0, 300, 120))
    assert [e.focused for e in elements] == [False, True, False]


# A grid: three column headers drawn as buttons, two rows of cells under them.
HEADERS = [Box(100, 20, 170, 25), Box(271, 20, 70, 25), Box(342, 20, 90, 25)]
HEADER_SPANS = [span("Item", 160, 26, 30), span("Qty", 295, 26, 25), span("Price", 370, 26, 35)]


def cells(row_y: int) -> list[Shape]:
    return [Shape("text", Box(h.x, row_y, h.w, 33)) for h in HEADERS]


def test_first_row_cells_are_named_by_their_column_headers() -> None:
    elements = pair(cells(46) + cells(80), HEADER_SPANS, HEADERS)
    first = {e.label: e.box.y for e in elements if e.cell}
    assert first == {"Item": 46, "Qty": 46, "Price": 46}


def test_a_cell_showing_text_is_a_cell_not_a_read_out() -> None:
    spans = [*HEADER_SPANS, span("bracket", 104, 56, 50)]
    elements = pair(cells(46), spans, HEADERS)
    (item,) = [e for e in elements if e.label == "Item" and e.kind == "text"]
    assert (item.cell, item.text, item.box.y) == (True, "bracket", 46)


def test_a_selected_first_row_takes_its_cells_from_the_row_below() -> None:
    """A selected row is drawn in a tint, no light box: the lower row gives the columns' cells."""
    elements = pair(cells(80), HEADER_SPANS, HEADERS)
    first = {e.label: e.box for e in elements if e.cell}
    assert first == {h: Box(b.x, b.bottom + 1, b.w, 33) for h, b in zip(("Item", "Qty", "Price"), HEADERS, strict=True)}
    target = paired_field(elements, HEADER_SPANS[1].box)
    assert target is not None and target.cell and target.box.contains(*click_point(target))


def test_a_column_too_narrow_for_a_field_takes_the_outlined_box_under_its_header() -> None:
    """Qt's "Qty" column (75 by 36 px) is no field's shape in any row; its first-row cell selected
    (a tint) left only the second row's light stretch under the header, and the value went there."""
    qty = HEADERS[1]
    first, second = Box(qty.x - 1, 45, qty.w + 2, 35), Box(qty.x, 80, qty.w, 34)
    shapes = [s for s in cells(46) + cells(80) if s.box.x != qty.x]
    elements = pair(shapes, HEADER_SPANS, [*HEADERS, first, second])
    target = paired_field(elements, HEADER_SPANS[1].box)
    assert target is not None and target.cell and target.box == first
    assert first.contains(*click_point(target))


def test_a_narrow_columns_tinted_first_cell_with_no_outline_takes_the_second_rows() -> None:
    """Swing's selected first row is a tint with no outline; its "Qty" column (75 by 36 px) is no
    field's shape in any row: the second row's outlined cell gives the first's, under the header."""
    qty = HEADERS[1]
    second = Box(qty.x, 83, qty.w, 36)
    elements = pair([s for s in cells(83) if s.box.x != qty.x], HEADER_SPANS, [*HEADERS, second])
    target = paired_field(elements, HEADER_SPANS[1].box)
    assert target is not None and target.cell and target.box == Box(qty.x, qty.bottom + 1, qty.w, 36)
    assert not second.contains(*click_point(target))


def test_an_outlined_box_under_a_key_is_no_cell() -> None:
    """Keys in a column (a keypad) with an unlabelled key under one: no grid, no cell."""
    keys = [Box(100, 20, 40, 30), Box(100, 51, 40, 30)]
    elements = pair([], [span("7", 115, 28, 10)], keys)
    assert not any(e.cell for e in elements)


def grid_picture() -> np.ndarray:
    """The grid above drawn: column lines shared by both rows, the first row selected (a tint,
    no light box) and showing "Widget", the second row's cells light and empty."""
    pixels = np.full((130, 460, 3), 240, dtype=np.uint8)
    for h in HEADERS:
        pixels[46:80, h.x : h.right] = (200, 212, 232)  # the selected first row
        pixels[80:113, h.x : h.right] = 255
        pixels[45:114, h.x - 1] = pixels[45:114, h.right] = 160  # the column's side lines
        pixels[[45, 79, 113], h.x - 1 : h.right + 1] = 160
    pixels[58:68, 106:150:4] = 30  # the strokes of "Widget"
    return pixels


def test_a_second_row_cell_never_takes_the_first_rows_text_as_its_label() -> None:
    spans = [*HEADER_SPANS, span("Widget", 104, 56, 48)]
    elements = pair(cells(80), spans, HEADERS, grid_picture(), Box(0, 0, 460, 130))
    second = [e for e in elements if e.kind == "text" and e.box.y == 80]
    assert len(second) == 3 and all(e.label != "Widget" for e in second)
    (item,) = [e for e in elements if e.cell and e.label == "Item"]
    assert (item.box.y, item.text) == (46, "Widget")  # the selected row's cell shows it


def test_a_label_above_its_field_on_the_open_background_still_names_it() -> None:
    pixels = np.full((120, 460, 3), 240, dtype=np.uint8)
    pixels[29:53, 9:211] = 150  # the field's border
    pixels[30:52, 10:210] = 255
    pixels[14:24, 12:60:4] = 30  # the strokes of "Customer", flush with the field's left edge
    elements = pair([Shape("text", Box(10, 30, 200, 22))], [span("Customer", 10, 12)], [], pixels, Box(0, 0, 460, 120))
    assert named(elements, "text") == {"Customer": ""}


def test_a_bordered_table_cell_holding_a_label_is_no_button() -> None:
    # An old web form: each label right-aligned in a bordered cell, its field in the cell to the
    # right, a check box with its text in a cell of its own (the outlines are the cells).
    cells = [Box(48, 69, 202, 26), Box(48, 178, 202, 27), Box(251, 178, 354, 27), Box(255, 265, 79, 17)]
    shapes = [Shape("text", Box(255, 73, 211, 17)), Shape("check", Box(257, 183, 15, 15), checked=False)]
    spans = [
        span("Vendor Name:", 117, 75, 126, 12),
        span("Payment Hold:", 114, 185, 129, 15),
        span("Block payments", 280, 185, 126, 15),
        span("Post Vendor", 262, 269, 65, 8),
    ]
    elements = pair(shapes, spans, cells)
    assert named(elements, "text") == {"Vendor Name:": ""}
    assert named(elements, "check") == {"Block payments": ""}
    assert [e.label for e in elements if e.kind == "button"] == ["Post Vendor"]  # centred: a button


def test_a_radio_buttons_ring_read_as_a_glyph_is_no_part_of_its_label() -> None:
    shapes = [Shape("radio", Box(337, 155, 15, 15), checked=False), Shape("radio", Box(417, 155, 15, 15))]
    elements = pair(shapes, [span("©Net 60", 355, 157, 52, 12), span("COD", 435, 157, 35, 12)], [])
    assert named(elements, "radio") == {"Net 60": "", "COD": ""}


def test_a_click_on_a_check_box_label_is_a_click_on_its_box() -> None:
    shapes = [Shape("check", Box(257, 183, 15, 15), checked=False), Shape("text", Box(120, 20, 200, 22))]
    spans = [span("Block payments", 280, 185, 126, 15), span("Vendor", 10, 24)]
    elements = pair(shapes, spans, [])
    mark = named_mark(elements, spans[0].box)
    assert mark is not None and mark.kind == "check" and click_point(mark) == mark.box.center
    assert named_mark(elements, spans[1].box) is None  # a text field's label names no mark


def test_a_label_that_only_overlaps_a_marks_label_is_not_its_label() -> None:
    # Wine's regedit: a tree expander taken for a check box, its label a misreading two lines
    # tall that reached into the menu bar; a click on the menu "Edit" went to the expander.
    mark = Element("check", Box(10, 46, 10, 10), "My Computer my computer", "", Box(21, 34, 100, 31))
    assert named_mark([mark], Box(71, 27, 22, 12)) is None
    assert named_mark([mark], Box(21, 34, 100, 31)) == mark
