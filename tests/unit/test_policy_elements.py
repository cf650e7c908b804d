"""The policy's screen reading takes the elements' label pairings (above, placeholder) first."""

from dataclasses import replace

from automation.decisions import Situation
from automation.types import Box, Element, Window
from models.policy.candidates import build
from models.policy.screen import read
from tests.support.screens import FORM, observation

# Labels above their fields, and no outline right of any label: the row rule finds no field.
ABOVE = observation([("Payee", 100, 100), ("Amount", 100, 150), ("Post", 300, 200)], [(290, 196, 60, 22)])
FIELDS = (
    Element("text", Box(100, 116, 200, 22), "Payee", "", Box(100, 100, 40, 12), window=FORM.title),
    Element("text", Box(100, 166, 200, 22), "Amount", "", Box(100, 150, 48, 12), window=FORM.title),
    Element("button", Box(290, 196, 60, 22), "Post", "", Box(290, 196, 60, 22), window=FORM.title),
)


def roles(screen_labels: object) -> dict[str, str]:
    return {lb.text: lb.role for lb in screen_labels}  # type: ignore[attr-defined]


def test_without_elements_labels_above_are_not_fields() -> None:
    assert roles(read(ABOVE).labels)["Amount"] == "text"


def test_labels_above_their_fields_are_field_labels_from_the_elements() -> None:
    screen = read(replace(ABOVE, elements=FIELDS))
    assert roles(screen.labels) == {"Payee": "field", "Amount": "field", "Post": "button"}


def test_a_value_inside_a_field_paired_above_is_its_value() -> None:
    shown = observation(
        [("Payee", 100, 100), ("Amount", 100, 150), ("42.50", 104, 170), ("Post", 300, 200)], [(290, 196, 60, 22)]
    )
    screen = read(replace(shown, elements=FIELDS))
    amount = next(lb for lb in screen.labels if lb.text == "Amount")
    assert amount.value == "42.50" and roles(screen.labels)["42.50"] != "field"


def test_text_over_a_field_or_far_left_of_it_is_not_made_its_label() -> None:
    """An open menu's items lie over entries and left of them: the elements pair them, the policy does not."""
    shown = observation([("Export JSON", 104, 120), ("Quit", 20, 170)])
    over = Element("text", Box(100, 116, 200, 22), "Export JSON", "", Box(104, 120, 88, 12), window=FORM.title)
    left = Element("text", Box(180, 166, 200, 22), "Quit", "", Box(20, 170, 32, 12), window=FORM.title)
    assert roles(read(replace(shown, elements=(over, left))).labels) == {"Export JSON": "text", "Quit": "text"}


def test_a_request_on_a_labels_above_form_plans_the_field_then_the_button() -> None:
    menu = build(Situation("enter 42.50 as the amount and post it", replace(ABOVE, elements=FIELDS)))
    first = menu.options[0]
    assert (first.kind, first.label, first.field) == ("type", "Amount", True)


def test_labels_beside_their_fields_in_a_column_of_labels_above_theirs_are_field_labels() -> None:
    """A form mixing both layouts (Win32's zoo forms): "Owner" has its entry on its row with no other
    row label in its column, and "Level"'s combo box starts beyond the row rule's reach; both stand
    in the column of "Payee" and "Amount", whose fields lie below them. The spent draw 31700's Win32
    "Account holder" and "Priority" were read as text, and clicked instead of filled."""
    mixed = observation(
        [("Payee", 100, 100), ("Amount", 100, 150), ("Owner", 100, 210), ("Level", 100, 250), ("Menu item", 400, 300)],
        [(200, 205, 200, 22), (500, 295, 200, 22)],  # Owner's entry; an entry right of a lone text
    )
    level = Element("combo", Box(260, 244, 150, 24), "Level", "", Box(100, 250, 40, 12), window=FORM.title)
    owner = Element("text", Box(200, 205, 200, 22), "Owner", "", Box(100, 210, 40, 12), window=FORM.title)
    screen = read(replace(mixed, elements=(*FIELDS[:2], owner, level)))
    assert roles(screen.labels) == {
        "Payee": "field",
        "Amount": "field",
        "Owner": "field",
        "Level": "field",
        "Menu item": "text",  # a lone label with a box after it, in no column of field labels
    }
    alone = read(replace(mixed, elements=(owner, level)))  # no labels above fields: no column to stand in
    # beyond the row rule's reach a lone label stays text; right beside its field it is the field's label
    assert roles(alone.labels)["Level"] == "text" and roles(alone.labels)["Owner"] == "field"


def test_a_lone_label_right_beside_its_field_is_a_field_label_but_not_in_a_pop_up() -> None:
    """A one-field dialog (yad's "Employee" beside its entry, near the window's top) has no column
    of labels to stand in: the elements' pairing on its row, within reach, makes it the field's label
    (it had been taken for a menu title, and the request's value was never offered). The same
    label lying in an open pop-up (a menu's item over an entry) stays no field's label."""
    shown = observation([("Employee", 84, 92), ("OK", 300, 200)], [(290, 196, 60, 22)])
    entry = Element("text", Box(160, 84, 200, 30), "Employee", "", Box(84, 92, 64, 12), window=FORM.title)
    assert roles(read(replace(shown, elements=(entry,))).labels)["Employee"] == "field"
    menu = Window(9, FORM.title, "Tk", Box(80, 85, 90, 40), kind="popup_menu")
    popped = replace(shown, elements=(entry,), windows=(replace(FORM, popups=(menu,)),))
    assert roles(read(popped).labels)["Employee"] != "field"
    menu_ = build(Situation("enter Li Na as the employee and press OK", replace(shown, elements=(entry,))))
    assert menu_.options[0].text == 'type "Li Na" into "Employee"'


def test_a_check_box_s_caption_with_an_entry_beside_it_labels_the_entry() -> None:
    """KeePassXC's entry form (round 15): "Notes:" is the caption of a check box that shows or hides
    the notes box beside it. Read as the box's button, "work account as the notes" was a click on
    it (the notes hidden) and the notes were never typed."""
    shown = observation([("Title:", 120, 100), ("Notes:", 124, 150), ("OK", 300, 260)],
                        [(170, 95, 200, 22), (100, 146, 70, 18), (290, 256, 60, 22)])  # fmt: skip
    elements = (
        Element("text", Box(170, 95, 200, 22), "Title:", "", Box(120, 100, 48, 12), window=FORM.title),
        Element("check", Box(100, 149, 14, 14), "Notes:", "", Box(100, 146, 70, 18), checked=True, window=FORM.title),
        Element("text", Box(180, 146, 200, 90), "Notes field", "", None, window=FORM.title),
    )
    screen = read(replace(shown, elements=elements))
    assert roles(screen.labels)["Notes:"] == "field"
    first = build(Situation("enter work account as the notes and press OK", replace(shown, elements=elements)))
    assert first.options[0].text == 'type "work account" into "Notes:"', [o.text for o in first.options]
    unticked = (elements[0], replace(elements[1], label="Notes"), elements[0])
    assert roles(read(replace(shown, elements=unticked)).labels)["Notes:"] == "button"  # no entry beside: a box


def test_a_check_box_s_caption_labels_an_entry_whose_element_is_only_its_text_line() -> None:
    """The notes box holding "main account": its element was the text's own line, 6 px under the
    caption's middle, and the caption was the check box's button again."""
    shown = observation([("Notes:", 124, 150), ("main account", 184, 156)], [(100, 146, 70, 18), (180, 146, 200, 90)])
    elements = (
        Element("check", Box(100, 149, 14, 14), "Notes:", "", Box(100, 146, 70, 18), checked=True, window=FORM.title),
        Element("text", Box(184, 156, 96, 12), "Notes field", "main account", None, window=FORM.title),
    )
    assert roles(read(replace(shown, elements=elements)).labels)["Notes:"] == "field"
