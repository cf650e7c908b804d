"""Options the task evaluation's real applications showed were built wrong, on hand-built screens:

- a dialog with fields of its own is a form: its buttons come after the values the request
  gives and are one choice (HomeBank's "Add transaction": the buttons were offered first and
  clicked before the memo was typed);
- the one number a request gives without naming its field goes into the form's one empty field
  that holds numbers ("add a transaction of 12.50": the amount was never typed);
- one step read two ways keeps the earlier reading's place ("save a copy of this file": the
  File menu named by "file" late in the request, and holding "save" at its start, was left out
  behind Edit, the place of "copy").
"""

from __future__ import annotations

from automation.decisions import Act, Ask, Situation, Turn
from automation.types import Box, Click, Target, TypeText, Window
from models.policy.candidates import build
from tests.support.screens import FORM, observation

DIALOG = Window(2, "Add entry", "Tk", Box(120, 100, 320, 260))


def entry_dialog():  # type: ignore[no-untyped-def]
    """A main window with a menu bar, and over it a dialog holding Amount:, Memo: and three buttons."""
    labels = [("File", 90, 88), ("Amount:", 130, 130), ("Memo:", 130, 170), ("Close", 140, 320)]
    labels += [("Add & Keep", 220, 320), ("Add", 350, 320)]
    outlines = [(200, 126, 200, 20), (200, 166, 200, 20), (132, 314, 60, 24), (212, 314, 100, 24), (340, 314, 50, 24)]
    dialog_labels = {t: DIALOG.title for t, _, _ in labels if t != "File"}
    return observation(labels, outlines, windows=(DIALOG, FORM), active=DIALOG, window_of=dialog_labels)


REQUEST = "add an entry of 12.50 with the memo Lunch with Li"


def test_a_dialog_with_fields_gets_its_values_before_its_buttons() -> None:
    opened = (Turn(Act(Click(Target("File"))), True, "changed"),)
    first = build(Situation(REQUEST, entry_dialog(), opened)).options[0]
    assert (first.kind, first.label, first.value) == ("type", "Amount:", "12.50")  # the unnamed number
    typed = (*opened, Turn(Act(TypeText("12.50", into=Target("Amount:", field=True))), True, "typed"))
    second = build(Situation(REQUEST, entry_dialog(), typed)).options[0]
    assert (second.kind, second.label, second.value) == ("type", "Memo:", "Lunch with Li")
    filled = (*typed, Turn(Act(TypeText("Lunch with Li", into=Target("Memo:", field=True))), True, "typed"))
    options = build(Situation(REQUEST, entry_dialog(), filled)).options
    buttons = [o.label for o in options if o.group]
    assert buttons[0] == "Add" and "Add & Keep" in buttons  # one choice, the button the request names first


def test_a_number_tied_to_a_field_or_several_numbers_fill_no_other_field() -> None:
    opened = (Turn(Act(Click(Target("File"))), True, "changed"),)
    for request in ("add an entry with 12.50 as the memo", "add an entry of 12.50 and 3.20"):
        options = build(Situation(request, entry_dialog(), opened)).options
        assert not any(o.kind == "type" and o.label == "Amount:" and o.value for o in options), request


def test_a_step_read_two_ways_comes_where_the_earlier_reading_asks_for_it() -> None:
    menus = observation([("File", 90, 88), ("Edit", 130, 88)])
    first = build(Situation("save a copy of this file as copy.txt", menus)).options[0]
    assert (first.kind, first.label) == ("click", "File")


def test_a_form_dialog_filed_once_is_not_filed_again_and_its_row_closes_it() -> None:
    """HomeBank's "Add" kept its dialog up; the other buttons that go ahead ("Add & Keep") were
    clicked next. Once one was clicked, only the same row's other buttons are offered, to close it."""
    filed = (
        Turn(Act(TypeText("12.50", into=Target("Amount:", field=True))), True, "typed"),
        Turn(Act(TypeText("Lunch with Li", into=Target("Memo:", field=True))), True, "typed"),
        Turn(Act(Click(Target("Add"))), True, "changed"),
    )
    options = build(Situation(REQUEST, entry_dialog(), filed)).options
    clicks = [o.label for o in options if o.kind == "click"]
    assert clicks[0] == "Close" and "Add & Keep" not in clicks and "Add" not in clicks


def test_a_form_dialog_s_empty_number_field_is_asked_for_when_nothing_gives_it_then_typed() -> None:
    """ "add an entry with the memo Taxi": HomeBank took a transaction of 0. The amount is asked
    for before the dialog's buttons, and the answer typed; an attached document's value the
    request names fills it without asking."""
    request = "add an entry with the memo Taxi"
    memo = (Turn(Act(TypeText("Taxi", into=Target("Memo:", field=True))), True, "typed"),)
    first = build(Situation(request, entry_dialog(), memo)).options[0]
    assert (first.kind, first.slots[0].name) == ("ask", "Amount:")
    asked = (*memo, Turn(Ask(first.slots[0].question, "Amount:"), True, "answered"))
    typing = build(Situation(request, entry_dialog(), asked, answers=("23.40",))).options[0]
    assert (typing.kind, typing.label, typing.value) == ("type", "Amount:", "23.40")
    opened = (Turn(Act(Click(Target("Add entry..."))), True, "changed"),)  # the menu item that opened the dialog
    receipt = Situation("add the receipt's total as an entry", entry_dialog(), opened, facts=(("amount", "22.65"),))
    filled = build(receipt).options[0]
    assert (filled.kind, filled.label, filled.value) == ("type", "Amount:", "22.65")
