"""The fakes refuse what a real backend or a real loop never would, so tests stay honest."""

import pytest

from automation.decisions import Done, Reply, Situation
from automation.errors import ModelUnavailable
from models.fakes import CannedModel, ScriptedPolicy
from models.language import Message, Prompt
from tests.support.screens import form

CHOICE = Prompt((Message("user", "pick"),), schema={"type": "integer", "enum": [1, 2]})
FILL = Prompt(
    (Message("user", "fill"),),
    schema={
        "type": "object",
        "properties": {"name": {"type": "string", "maxLength": 5}},
        "required": ["name"],
        "additionalProperties": False,
    },
)


def test_canned_answers_come_back_in_order_and_prompts_are_kept() -> None:
    model = CannedModel("2")
    model.enqueue('{"name": "Li"}')
    assert model.complete(CHOICE).text == "2"
    assert model.complete(FILL).text == '{"name": "Li"}'
    assert model.prompts == [CHOICE, FILL]


@pytest.mark.parametrize(
    ("prompt", "answer"),
    [(CHOICE, "3"), (FILL, '{"name": "Zhang San"}'), (FILL, '{"other": "x"}'), (FILL, "{}")],
)
def test_an_answer_the_schema_forbids_is_refused(prompt: Prompt, answer: str) -> None:
    with pytest.raises(ValueError, match="does not fit"):
        CannedModel(answer).complete(prompt)


def test_an_unexpected_call_is_an_error() -> None:
    with pytest.raises(ModelUnavailable, match="no answer was enqueued"):
        CannedModel().complete(CHOICE)


def test_scripted_policy_returns_its_decisions_and_keeps_the_situations() -> None:
    policy = ScriptedPolicy(Reply("hi"))
    policy.enqueue(Done("ok"))
    first, second = Situation("a", form()), Situation("b", form())
    assert policy.decide(first) == Reply("hi")
    assert policy.decide(second) == Done("ok")
    assert policy.situations == [first, second]
    with pytest.raises(AssertionError, match="no decision was enqueued"):
        policy.decide(first)
