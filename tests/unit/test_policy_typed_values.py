"""The policy never types the request's own instruction as a value: "type the invoice number and
save the file" asks what to type, "type hello world into the note" types "hello world", and quoted
text is typed as written."""

from __future__ import annotations

import pytest

from automation.decisions import Act, Ask, Situation
from automation.types import TypeText
from models.fakes import CannedModel
from models.policy import ModelPolicy
from models.policy.values import Missing, Slot, check
from tests.support.screens import form

TEXT = Slot("text", "What should I type?")


@pytest.mark.parametrize(
    ("raw", "request_", "value"),
    [
        ("the invoice number and save the file", "type the invoice number and save the file", None),
        ("invoice number", "type the invoice number and save the file", None),
        ("hello world", "type hello world into the note", "hello world"),
        ("the invoice number", 'type "the invoice number" and save the file', "the invoice number"),
        ('"and save it"', 'type "and save it"', "and save it"),
        ("Zhang San", "type Zhang San and submit", "Zhang San"),
    ],
)
def test_a_text_value_is_checked_against_the_request_s_instruction(raw: str, request_: str, value: str | None) -> None:
    checked = check(TEXT, raw, [request_], request_)
    assert (None if isinstance(checked, Missing) else checked) == value


def test_without_the_request_a_text_is_checked_as_before() -> None:
    request = "type the invoice number and save the file"
    assert check(TEXT, "invoice number", [request]) == "invoice number"


def decide(request: str, fill: str) -> object:
    model = CannedModel("1", fill)
    decision = ModelPolicy(model).decide(Situation(request, form()))
    assert model.left == 0
    return decision


@pytest.mark.parametrize("fill", ['{"text": "the invoice number and save the file"}', '{"text": "invoice number"}'])
def test_the_request_s_instruction_copied_as_the_text_to_type_is_asked_for(fill: str) -> None:
    decision = decide("type the invoice number and save the file", fill)
    assert isinstance(decision, Ask) and decision.param == "text"


def test_words_after_type_that_are_no_instruction_are_typed() -> None:
    decision = decide("type hello world into the note", '{"notes": "hello world"}')
    assert isinstance(decision, Act) and isinstance(decision.action, TypeText)
    assert decision.action.text == "hello world"
    assert decision.action.into is not None and decision.action.into.label == "Notes"


def test_quoted_text_is_typed_as_written() -> None:
    decision = decide('type "the invoice number" and save the file', '{"text": "the invoice number"}')
    assert isinstance(decision, Act) and decision.action == TypeText("the invoice number")


RECEIPT = "NOODLE HOUSE\nNoodles 32.00\nTea 6.20\nTotal 38.20"
FACTS = (("amount", "38.20"), ("vendor", "Noodle House"), ("category", "Meals"))


@pytest.mark.parametrize("fill", ['{"text": "receipt\'s total and save the file"}', '{"text": "the receipt\'s total"}'])
def test_a_document_s_read_value_the_request_names_is_typed_for_its_words(fill: str) -> None:
    """ "type the receipt's total and save the file": the model copied the request's words; the
    value those words name is the receipt's amount, which its reader found."""
    model = CannedModel("1", fill)
    situation = Situation("type the receipt's total and save the file", form(), documents=(RECEIPT,), facts=FACTS)
    decision = ModelPolicy(model).decide(situation)
    assert isinstance(decision, Act) and decision.action == TypeText("38.20")


def test_a_request_naming_no_read_value_is_still_asked_with_a_document_attached() -> None:
    model = CannedModel("1", '{"text": "invoice number and save the file"}')
    situation = Situation("type the invoice number and save the file", form(), documents=(RECEIPT,), facts=FACTS)
    decision = ModelPolicy(model).decide(situation)
    assert isinstance(decision, Ask) and decision.param == "text"
