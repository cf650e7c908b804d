"""A window's accessibility tree is believed only where it agrees with the pixels (pure)."""

from automation.perception.accessible import merge, trustworthy
from automation.types import Accessible, Box, TextSpan, Window

WINDOW = Window(1, "Form", "form.py", Box(100, 100, 300, 200), pid=7)


def span(text: str, x: int, y: int, w: int = 50, h: int = 14) -> TextSpan:
    return TextSpan(text, Box(x, y, w, h), 90.0, "Form")


def element(role: str, name: str, x: int, y: int, w: int = 60, h: int = 24, **kw: object) -> Accessible:
    return Accessible(role, name, Box(x, y, w, h), frozenset({"showing", *kw.pop("states", ())}), **kw)  # type: ignore[arg-type]


TREE = [
    element("label", "Amount", 110, 110),
    element("text", "", 180, 110, 150, 24, states={"editable"}, label="Amount", value="42"),
    element("push button", "÷", 110, 150, 30, 30),
    element("push button", "Post", 300, 250),
]
SPANS = [span("Amount", 112, 115), span("Post", 305, 255)]


def test_a_trusted_tree_adds_what_ocr_missed_and_the_controls_outlines() -> None:
    merged = merge(WINDOW, SPANS, [], TREE)
    assert merged.trusted
    texts = {s.text for s in merged.spans}
    assert "÷" in texts  # a symbol key OCR never reads
    assert "" not in texts  # a field's (empty) name is not text on screen
    assert Box(180, 110, 150, 24) in merged.outlines and Box(110, 150, 30, 30) in merged.outlines
    assert merged.elements == TREE


def test_a_misreading_in_the_elements_place_takes_the_trees_name() -> None:
    merged = merge(WINDOW, [span("Arnount", 112, 115), span("Post", 305, 255)], [], TREE)
    assert [s.text for s in merged.spans if s.box == Box(112, 115, 50, 14)] == ["Amount"]


def test_the_same_word_elsewhere_is_not_a_misreading() -> None:
    far = span("Amounts", 300, 280)
    merged = merge(WINDOW, [*SPANS, far], [], TREE)
    assert far in merged.spans


def test_a_stale_tree_whose_boxes_left_the_window_is_dropped() -> None:
    moved = [Accessible(e.role, e.name, e.box.shifted(600, 0), e.states, e.value, e.label) for e in TREE]
    merged = merge(WINDOW, SPANS, [], moved)
    assert not merged.trusted and merged.spans == SPANS and merged.elements == []


def test_a_tree_whose_names_are_nowhere_on_screen_is_dropped() -> None:
    lying = [element("label", "Quantity", 110, 110), element("push button", "Cancel", 300, 250)]
    assert not trustworthy(WINDOW, SPANS, lying)


def test_a_tree_of_empty_names_is_dropped_when_the_pixels_have_text() -> None:
    blank = [element("push button", "", 110, 110), element("text", "", 180, 110, states={"editable"})]
    assert not trustworthy(WINDOW, SPANS, blank)


def test_a_canvas_with_no_text_read_trusts_a_tree_that_lies_in_the_window() -> None:
    assert trustworthy(WINDOW, [], TREE)


def test_no_tree_leaves_the_reading_alone() -> None:
    merged = merge(WINDOW, SPANS, [Box(1, 2, 3, 4)], None)
    assert merged.spans == SPANS and merged.outlines == [Box(1, 2, 3, 4)] and not merged.trusted


# GnuCash's New Account dialog (GTK 3): two short lists whose rows scrolled out of view are
# "showing" at G_MININT, and a tree's rows run past the window's right edge. Left in, they
# made a quarter of the tree seem outside the window, and the whole tree was dropped as stale.
DIALOG = Window(2, "New Account", "gnucash", Box(194, 20, 413, 654), pid=8)
NOWHERE = -(2**31)


def test_rows_scrolled_out_of_a_list_and_rows_cut_by_the_windows_edge_leave_the_tree_trusted() -> None:
    fields = [
        element("label", "Account name", 234, 94, 93, 34),
        element("text", "", 333, 94, 254, 34, states={"editable"}, label="Account name", value=""),
        element("label", "Notes", 289, 316, 38, 17),
        element("text", "", 337, 317, 246, 60, states={"editable"}, label="Notes", value=""),
        element("push button", "OK", 513, 632, 86, 34),
    ]
    scrolled = [element("table cell", f"Type {i}", NOWHERE, NOWHERE, 89, 21, value=f"Type {i}") for i in range(6)]
    cut = [element("table cell", name, 401, 566 + 23 * i, 243, 21, value=name) for i, name in enumerate("ABCD")]
    spans = [
        TextSpan("Account name", Box(234, 106, 93, 9), 96, "New Account"),
        TextSpan("Notes", Box(290, 320, 36, 9), 97, "New Account"),
        TextSpan("OK", Box(546, 643, 19, 11), 97, "New Account"),
    ]
    merged = merge(DIALOG, spans, [], [*fields, *scrolled, *cut])
    assert merged.trusted
    assert not any(e.name.startswith("Type") for e in merged.elements)  # no place on screen: not on it
    rows = [e for e in merged.elements if e.role == "table cell"]
    assert len(rows) == 4 and all(e.box.right == DIALOG.box.right for e in rows)  # the part inside the window


def test_a_stale_tree_is_still_dropped_when_its_rows_would_be_cut() -> None:
    moved = [element("table cell", name, 1000, 100 + 23 * i, 243, 21, value=name) for i, name in enumerate("ABCD")]
    moved += [element("push button", "OK", 1100, 632, 86, 34)]
    assert not merge(DIALOG, [TextSpan("OK", Box(546, 643, 19, 11), 97, "New Account")], [], moved).trusted


# JabRef's toolbar (Swing, round 17): its buttons are pictures; the tree names none of them and
# describes each with its tooltip. Undescribed, `act click "New BibTeX entry"` had to hover every
# picture; taken for names drawn on screen, the descriptions (29 of them, none read by OCR) would
# have made the whole tree untrusted.
PICTURES = [
    element("push button", "New BibTeX entry", 110, 250, 30, 33, described=True),
    element("push button", "Edit entry", 140, 250, 30, 33, described=True),
    element("push button", "Delete entry", 170, 250, 30, 33, described=True),
]


def test_a_picture_button_is_said_by_its_description_and_costs_the_tree_no_trust() -> None:
    read_as = span("5", 115, 255, 20, 20)  # the picture read as a letter, unsure
    read_as = TextSpan(read_as.text, read_as.box, 40.0, "Form")
    merged = merge(WINDOW, [*SPANS, read_as], [], TREE + PICTURES)
    assert merged.trusted
    said = {s.text: s.box for s in merged.spans}
    assert said["New BibTeX entry"] == Box(110, 250, 30, 33) and said["Delete entry"] == Box(170, 250, 30, 33)
    assert "5" not in said
    assert Box(140, 250, 30, 33) in merged.outlines
