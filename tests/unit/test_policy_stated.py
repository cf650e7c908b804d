"""The value a request ties to a field by its grammar is settled by code, not copied by the model:
"enter Tartu as the employee and Oslo as the notes" types "Oslo" into the notes without a fill
pass, so a model that returns nothing it can back no longer makes the policy ask for a value the
request gives (the task evaluation's "What is the street?" after the city was typed)."""

from __future__ import annotations

import pytest

from automation.decisions import Act, Ask, Situation, Turn
from automation.stated import stated_value
from automation.types import Click, Target, TypeText
from models.fakes import CannedModel
from models.policy import ModelPolicy
from tests.support.screens import form


@pytest.mark.parametrize(
    ("request_", "label", "value"),
    [
        ("enter Tartu as the city and Oslo as the street", "Street", "Oslo"),
        # yad's account form: an earlier value's tie and "with" end the head; a unit in brackets is no name
        ("set up Wang Wei as the user name with 2027-01-04 as the start date", "Start date", "2027-01-04"),
        ("set up Wang Wei as the user name with 2027-01-04 as the start date", "User name", "Wang Wei"),
        ("put 20 as the quota", "Quota (GB)", "20"),
        ("add Lunch with Li as the memo", "Memo", "Lunch with Li"),
        ("enter Tartu as the city and Oslo as the street", "City:", "Tartu"),
        ("type Cork into the street", "Street", "Cork"),
        ("set the city to Oslo please", "City", "Oslo"),
        ("add a transaction of 12.50 with the memo Lunch with Li and save", "Memo", "Lunch with Li"),
        ("enter 2026-06-19 as the invoice date", "Invoice date", "2026-06-19"),
        ("type 12.50 into the amount field and submit", "Amount", "12.50"),
        ("enter The Hague as the city", "City", "The Hague"),
        ("type hello world into the note", "Note", "hello world"),
        ("file a travel claim for Li Na to Shanghai, 3 nights, by train", "Nights", "3"),  # a count
        ("book 2 adults and 1 child", "Adults", "2"),
        ("book 2 adults and 1 child", "Child", "1"),
        # no value tied to the field
        ("fill in the weight", "Weight", None),
        ("type the receipt's total into the weight", "Weight", None),  # described, not given
        ("type the invoice number into the memo", "Memo", None),
        ("write to the city council", "City", None),
        ("Zhang San should go in the employee field", "Employee", None),  # a sentence, not "X as the field"
        ("enter Tartu as the city", "Street", None),  # another field's value
        ("print the Q3 nights report", "Nights", None),  # no number right before the field's words
    ],
)
def test_the_value_the_request_ties_to_a_field(request_: str, label: str, value: str | None) -> None:
    assert stated_value(request_, label) == value


def test_the_second_field_s_value_is_typed_from_the_request_without_asking() -> None:
    request = "enter Tartu as the employee and Oslo as the notes"
    history = (Turn(Act(TypeText("Tartu", into=Target("Employee", field=True))), True, "typed"),)
    model = CannedModel("1")  # the choice only: a fill pass would find the queue empty and fail
    decision = ModelPolicy(model).decide(Situation(request, form(("Employee", "Tartu")), history))
    assert not isinstance(decision, Ask)
    assert isinstance(decision, Act) and isinstance(decision.action, TypeText)
    assert decision.action.text == "Oslo" and decision.action.into is not None
    assert decision.action.into.label == "Notes"
    assert [c.purpose for c in decision.calls] == ["choose"]
    assert 'type "Oslo" into "Notes"' in model.prompts[0].messages[-1].content


def test_a_secret_field_is_never_settled_from_the_request() -> None:
    model = CannedModel("1")
    decision = ModelPolicy(model).decide(Situation("enter 1234 as the PIN", form(pin=True)))
    assert isinstance(decision, Ask) and decision.secret


@pytest.mark.parametrize(
    ("request_", "label"),
    [
        ("choose Normal as the priority", "Normal"),  # an item of the open list read as a field label
        ("set the city to the one on the invoice", "City"),  # a description, not a value
    ],
)
def test_a_description_after_the_link_is_no_value(request_: str, label: str) -> None:
    assert stated_value(request_, label) is None


def test_a_request_that_chooses_leaves_the_typing_option_without_a_value() -> None:
    """ "choose Meals as the category": the list is the way; a typing option showing "Meals" drew the
    model to type into a read-only combo box (round 9's first development run, Tk and GTK)."""
    from models.policy.candidates import build
    from tests.support.screens import observation

    obs = observation([("Category", 100, 130), ("Notes", 100, 160)], [(187, 126, 250, 20), (187, 156, 250, 20)])
    options = build(Situation("choose Meals as the category", obs)).options
    assert options[0].text == 'open the list of "Category"'
    typing = next(o for o in options if o.kind == "type" and o.label == "Category")
    assert not typing.value


def test_an_item_the_request_gives_as_a_field_s_value_is_no_field_to_open() -> None:
    """An open list's item read as a field label ("Normal" over the next item): opening "its list"
    clicked the item below it, and "High" was chosen for "choose Normal as the priority"."""
    from models.policy.candidates import build
    from tests.support.screens import observation

    items = [("Priority", 100, 130), ("Low", 190, 150), ("Normal", 190, 170), ("High", 190, 190)]
    obs = observation(items, [(187, 126, 250, 20), (187, 166, 250, 20), (187, 186, 250, 20)])
    opened = (Turn(Act(Click(Target("Priority", field=True))), True, "changed"),)
    options = build(Situation("choose Normal as the priority", obs, opened)).options
    assert not any(o.label == "Normal" and o.field for o in options), [o.text for o in options]
    assert options[0].text == 'click "Normal"'  # the item itself


def test_an_item_is_known_by_the_field_the_run_opened_even_when_the_list_covers_its_label() -> None:
    """GTK's open list lies over the Priority label; the field the run opened still says what
    the request gives it, so "Normal" is clicked as an item, not "opened"."""
    from models.policy.candidates import build
    from tests.support.screens import observation

    items = [("Low", 190, 150), ("Normal", 190, 170), ("High", 190, 190), ("Amount", 100, 230)]
    obs = observation(items, [(187, 146, 250, 20), (187, 166, 250, 20), (187, 186, 250, 20), (187, 226, 250, 20)])
    opened = (Turn(Act(Click(Target("Priority", field=True))), True, "changed"),)
    options = build(Situation("choose Normal as the priority", obs, opened)).options
    assert not any(o.label == "Normal" and o.field for o in options), [o.text for o in options]
