"""A trusted tree's fields become the window's controls, preferred over shapes in the same place (pure)."""

from automation.perception.accessible import merge
from automation.perception.tree_controls import tree_fields, tree_value, with_tree
from automation.types import Accessible, Box, Element, TextSpan, Window

WINDOW = Window(1, "Form", "form", Box(100, 100, 400, 300), pid=7)


def acc(role: str, name: str, box: Box, *states: str, **kw: object) -> Accessible:
    return Accessible(role, name, box, frozenset({"showing", *states}), **kw)  # type: ignore[arg-type]


AMOUNT = Box(120, 150, 150, 24)  # under its label "Amount": the tree relates none
NOTE = Box(250, 210, 150, 24)
TREE = [
    acc("label", "Amount", Box(120, 128, 60, 16)),
    acc("text", "", AMOUNT, "editable", value="42.50"),
    acc("label", "Note", Box(180, 214, 50, 16)),
    acc("text", "Note", NOTE, "editable", "focused", label="Note", value=""),
    acc("check box", "Billable", Box(120, 260, 80, 20), "checked"),
    acc("push button", "Post", Box(400, 350, 60, 26)),
]


def test_fields_take_their_related_label_or_the_nearest_label_above_with_values_and_states() -> None:
    fields = {e.label: e for e in tree_fields(TREE, "Form")}
    assert fields["Amount"].kind == "text" and fields["Amount"].text == "42.50" and not fields["Amount"].focused
    assert fields["Amount"].label_box == Box(120, 128, 60, 16)
    assert fields["Note"].focused and fields["Note"].text == ""
    assert fields["Billable"].kind == "check" and fields["Billable"].checked
    assert "Post" not in fields  # a button is no field


def test_the_trees_words_win_over_a_shape_in_the_same_place_and_the_pixels_fill_in() -> None:
    drawn = Box(121, 151, 148, 22)
    pixels = [
        Element("text", drawn, "", "42.5O", None, focused=True, window="Form"),  # misread, no label found
        Element("readout", Box(122, 130, 55, 12), "", "Amount", window="Form"),  # its label, paired with nothing
        Element("text", Box(120, 300, 100, 24), "Total", "7", Box(60, 304, 40, 14), focused=True, window="Form"),
    ]
    merged = with_tree(pixels, TREE, "Form")
    amount = next(e for e in merged if e.label == "Amount")
    assert amount.box == drawn and amount.text == "42.50"
    assert not amount.focused  # the tree says the focus is in Note
    assert not any(e.kind == "readout" and e.text == "Amount" for e in merged)
    total = next(e for e in merged if e.label == "Total")
    assert total.text == "7" and not total.focused  # a control the tree lacks stays; the tree's focus rules
    assert [e.label for e in merged if e.focused] == ["Note"]


def test_read_back_takes_the_value_the_tree_gives_the_field_drawn_there() -> None:
    assert tree_value(TREE, Box(121, 151, 148, 22)) == "42.50"
    assert tree_value(TREE, Box(400, 350, 60, 26)) is None  # a button has no value
    plain = [acc("password text", "", AMOUNT, "editable", value="abc")]
    assert tree_value(plain, AMOUNT) is None  # a masked field answering its text is read from its pixels
    masked = [acc("password text", "", AMOUNT, "editable", value="●●●")]
    assert tree_value(masked, AMOUNT) == "●●●"  # GTK's masked echo: one bullet per character, counted
    qt = [acc("password text", "", AMOUNT, "editable", value="")]
    assert tree_value(qt, AMOUNT) is None  # Qt answers '' whatever its password field holds: the pixels say


def test_a_lying_tree_is_not_trusted_and_the_shapes_stand() -> None:
    off = [
        acc("label", "Amount", Box(1500, 900, 60, 16)),
        acc("text", "", Box(1500, 930, 150, 24), "editable", "focused", value="wrong"),
    ]
    spans = [TextSpan("Amount", Box(122, 130, 55, 12), 90.0, "Form")]
    merged = merge(WINDOW, spans, [], off)
    assert not merged.trusted and merged.elements == []


def test_a_combo_whose_value_only_repeats_its_name_leaves_its_text_to_the_pixels() -> None:
    combo = acc("combo box", "Department", Box(170, 56, 145, 34), value="Department")
    (field,) = tree_fields([combo], "Form")
    assert (field.kind, field.label, field.text) == ("combo", "Department", "")
    drawn = Element("combo", Box(170, 56, 145, 34), "Department", "Sales", window="Form")
    assert [e.text for e in with_tree([drawn], [combo], "Form")] == ["Sales"]
    assert tree_value([combo], combo.box) is None


def test_a_grid_cell_is_named_by_its_column_header_not_by_a_caption_above_the_grid() -> None:
    tree = [
        acc("label", "Line items", Box(500, 60, 100, 16)),
        acc("table column header", "Qty", Box(500, 80, 60, 20)),
        acc("table cell", "", Box(500, 101, 60, 22), "editable", value="3"),
    ]
    (cell,) = tree_fields(tree, "Form")
    assert (cell.kind, cell.label, cell.text) == ("text", "Qty", "3")
    assert tree_value(tree, cell.box) is None  # typing goes into an editor over the cell: read its pixels


def test_a_combo_named_after_the_item_it_shows_takes_the_caption_beside_it_and_shows_the_item() -> None:
    # GTK names a combo box after its chosen item ("." of a decimal point), and draws its caption apart
    tree = [
        acc("label", "Decimal point:", Box(226, 496, 144, 34)),
        acc("combo box", ".", Box(370, 496, 93, 34), value="."),
        acc("label", "Thousands separator:", Box(606, 496, 144, 34)),
        acc("combo box", ",", Box(750, 496, 93, 34), value=","),
    ]
    fields = {e.label: e.text for e in tree_fields(tree, "Form")}
    assert fields == {"Decimal point:": ".", "Thousands separator:": ","}
    # a caption of that name drawn is the combo's label (a toolkit that names a combo after it)
    named = [
        acc("label", "Department", Box(60, 60, 90, 20)),
        acc("combo box", "Department", Box(170, 56, 145, 34), value="Department"),
    ]
    (field,) = tree_fields(named, "Form")
    assert (field.label, field.text) == ("Department", "")


def test_a_caption_the_tree_relates_to_several_fields_is_their_groups_and_each_takes_its_own() -> None:
    """Qt relates every control in a group box to the box's title ("Spinboxes"); each spin box's own
    caption stands right above it."""
    tree = [
        acc("label", "Enter a value:", Box(276, 497, 269, 17)),
        acc("spin button", "Spinboxes", Box(276, 520, 269, 26), label="Spinboxes", value="0"),
        acc("label", "Enter a price:", Box(276, 607, 269, 17)),
        acc("spin button", "Spinboxes", Box(276, 630, 269, 26), label="Spinboxes", value="$99"),
    ]
    assert [(e.label, e.text) for e in tree_fields(tree, "Form")] == [
        ("Enter a value:", "0"),
        ("Enter a price:", "$99"),
    ]
    # one field related to a caption keeps it, wherever it is drawn
    (alone,) = tree_fields(tree[:2], "Form")
    assert alone.label == "Spinboxes"


def test_a_speck_read_inside_a_tall_field_is_not_its_outline() -> None:
    # Chromium's multi-line field (too tall for a shape): the pixels read its resize grip, 7 by 7 px
    # in its corner, as the word "a"; that speck gave the field its box and the click went to the grip.
    note = Box(156, 349, 264, 102)
    tree = [
        acc("static", "Remarks", Box(56, 356, 68, 19)),
        acc("entry", "Remarks", note, "editable", "multi-line", value=""),
    ]
    pixels = [
        Element("readout", Box(57, 360, 66, 11), "", "Remarks", window="Form"),
        Element("readout", Box(409, 440, 7, 7), "", "a", window="Form"),
    ]
    merged = with_tree(pixels, tree, "Form")
    field = next(e for e in merged if e.label == "Remarks")
    assert field.box == note and field.kind == "text"
    # a shape of the field's height, a little narrower than the tree says, is still the field as drawn
    drawn = Box(158, 351, 200, 98)
    merged = with_tree([Element("text", drawn, "", "", None, window="Form")], tree, "Form")
    assert next(e for e in merged if e.label == "Remarks").box == drawn
    # what the pixels found there of a control's size is kept as drawn, however much larger the tree's
    # box (KeePassXC's notes box reaches, in its tree, under the OK and Cancel buttons below it)
    line = Box(160, 355, 120, 16)
    merged = with_tree([Element("readout", line, "", "work account", window="Form")], tree, "Form")
    assert next(e for e in merged if e.label == "Remarks").box == line
