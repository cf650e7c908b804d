"""The value a request ties to a field by its grammar is settled by code, not copied by the model:
"enter Tartu as the employee and Oslo as the notes" types "Oslo" into the notes without a fill
pass, so a model that returns nothing it can back no longer makes the policy ask for a value the
request gives (the task evaluation's "What is the street?" after the city was typed)."""

from __future__ import annotations

import pytest

from automation.decisions import Act, Ask, Situation, Turn
from automation.types import Target, TypeText
from models.fakes import CannedModel
from models.policy import ModelPolicy
from models.policy.stated import stated_value
from tests.support.screens import form


@pytest.mark.parametrize(
    ("request_", "label", "value"),
    [
        ("enter Tartu as the city and Oslo as the street", "Street", "Oslo"),
        ("enter Tartu as the city and Oslo as the street", "City:", "Tartu"),
        ("type Cork into the street", "Street", "Cork"),
        ("set the city to Oslo please", "City", "Oslo"),
        ("add a transaction of 12.50 with the memo Lunch with Li and save", "Memo", "Lunch with Li"),
        ("enter 2026-06-19 as the invoice date", "Invoice date", "2026-06-19"),
        ("type 12.50 into the amount field and submit", "Amount", "12.50"),
        ("enter The Hague as the city", "City", "The Hague"),
        ("type hello world into the note", "Note", "hello world"),
        # no value tied to the field
        ("fill in the weight", "Weight", None),
        ("type the receipt's total into the weight", "Weight", None),  # described, not given
        ("type the invoice number into the memo", "Memo", None),
        ("write to the city council", "City", None),
        ("Zhang San should go in the employee field", "Employee", None),  # a sentence, not "X as the field"
        ("enter Tartu as the city", "Street", None),  # another field's value
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
