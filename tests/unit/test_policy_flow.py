"""ModelPolicy end to end over a canned model: two passes, checks, questions, replies."""

from typing import Any

import pytest

from automation.agent.goal import EARLIER
from automation.decisions import (
    HELD_BACK,
    SCREEN_DISAGREES,
    Act,
    Ask,
    Decision,
    Done,
    Impossible,
    Reply,
    RunSkill,
    Situation,
    Turn,
)
from automation.errors import ModelUnavailable
from automation.skill_card import SkillCard, SkillParam
from automation.types import Click, Key, Target, TypeText
from models.fakes import CannedModel
from models.language import Completion, Prompt
from models.policy import NOT_ABOUT_SCREEN, ModelPolicy
from models.policy.progress import progress
from tests.support.sample_skills import EXPENSE
from tests.support.screens import form

WINDOW = "Expense Form"


def decide(request: str, *answers: str, **situation: Any) -> tuple[Decision, CannedModel]:
    """Decide ``request`` with the model answering ``answers`` in order, and all of them."""
    model = CannedModel(*answers)
    decision = ModelPolicy(model).decide(Situation(request, situation.pop("obs", form()), **situation))
    assert model.left == 0, "the policy asked the model fewer times than the test expected"
    return decision, model


def test_two_passes_choose_then_fill_sharing_the_prompt_prefix() -> None:
    # no grammar ties the name to the field here ("Zhang San as the employee" would): the model copies it
    decision, model = decide("put in Zhang San, the employee", "1", '{"employee": "Zhang San"}')
    assert isinstance(decision, Act)
    assert decision.action == TypeText("Zhang San", into=Target("Employee", window=WINDOW, field=True))
    assert [c.purpose for c in decision.calls] == ["choose", "fill"]
    choose, fill = model.prompts
    assert fill.messages[: len(choose.messages)] == choose.messages  # the fill pass continues the same chat
    assert fill.messages[len(choose.messages)].content == "1"
    assert choose.schema == {"type": "integer", "enum": list(range(1, choose.schema["enum"][-1] + 1))}
    assert '1. type into "Employee"' in choose.messages[-1].content


def test_the_fixed_instructions_come_first_and_never_change() -> None:
    _, first = decide("click Submit", "1")
    _, second = decide("type 42.50 into the amount", "1", obs=form(("Employee", "Li Si")))
    assert first.prompts[0].messages[0] == second.prompts[0].messages[0]
    assert first.prompts[0].messages[0].role == "system"
    user = first.prompts[0].messages[1].content
    assert user.index("Options:") < user.index("Request: click Submit")


def test_a_click_needs_no_second_pass() -> None:
    decision, _ = decide("click Submit", "1")
    assert isinstance(decision, Act) and decision.action == Click(Target("Submit", window=WINDOW))
    assert [c.purpose for c in decision.calls] == ["choose"]


def test_the_only_number_said_is_taken_without_asking_the_model() -> None:
    decision, _ = decide("type 42.50 into the amount", "1")
    assert isinstance(decision, Act) and decision.action == TypeText("42.50", into=Target("Amount", WINDOW, field=True))


def test_a_receipt_total_fills_an_amount_the_request_does_not_say() -> None:
    receipt = "NOODLE HOUSE\nNoodles 32.00\nTea 6.20\nTotal 38.20"
    decision, _ = decide("enter the amount from the receipt", "1", documents=(receipt,), facts=(("amount", "38.20"),))
    assert isinstance(decision, Act) and isinstance(decision.action, TypeText)
    assert decision.action.text == "38.20"


def test_a_receipt_whose_total_was_not_read_gives_no_number() -> None:
    """The document's reader found no amount: its other digits (an item's price) are no total."""
    receipt = "NOODLE HOUSE\nNoodles 32.00\nTotal"
    decision, _ = decide("enter the amount from the receipt", "1", documents=(receipt,), facts=(("vendor", "Noodle"),))
    assert isinstance(decision, Ask) and decision.param == "Amount"


def test_a_missing_number_is_asked_for_before_any_fill() -> None:
    decision, _ = decide("enter the amount", "1")
    assert decision == Ask("What is the amount?", "Amount")
    assert len(decision.calls) == 1


def test_an_invented_value_becomes_a_question() -> None:
    decision, _ = decide("fill in the employee name", "1", '{"employee": "John Smith"}')
    assert decision == Ask("What is the employee?", "Employee")
    assert [c.purpose for c in decision.calls] == ["choose", "fill"]


def test_a_skill_gets_every_value_or_asks_for_the_first_missing_one() -> None:
    request = "file a meals expense of 42.50 with Zhang San"
    done, _ = decide(request, "1", '{"category": "meals", "attendees": "Zhang San"}', skills=(EXPENSE,))
    assert done == RunSkill("file_expense", {"amount": "42.50", "category": "meals", "attendees": "Zhang San"})
    asked, _ = decide(
        "file an expense of 42.50 for meals", "1", '{"category": "meals", "attendees": "meals"}', skills=(EXPENSE,)
    )
    assert asked == Ask("Who did you eat with?", "attendees")  # one value may not stand for two


def test_an_answer_fills_the_value_its_question_asked_for() -> None:
    history = (Turn(Ask("Who did you eat with?", "attendees"), True, "asked"),)
    decision, model = decide(
        "file an expense of 42.50 for meals",
        "1",
        '{"category": "meals"}',
        skills=(EXPENSE,),
        history=history,
        answers=("Li Wei",),
    )
    assert decision == RunSkill("file_expense", {"amount": "42.50", "category": "meals", "attendees": "Li Wei"})
    assert model.prompts[1].schema["required"] == ["category"]  # answered and settled values are not asked again


def test_a_secret_comes_only_from_an_answer_and_is_never_shown_to_the_model() -> None:
    asked, _ = decide("type my PIN 4321", "1", obs=form(pin=True))
    assert asked == Ask("What is the PIN?", "PIN", secret=True)  # not taken from the request, not asked of the model
    history = (Turn(Ask("What is the PIN?", "PIN"), True, "asked"),)
    typed, model = decide("type my PIN", "1", obs=form(pin=True), history=history, answers=("8642",))
    assert isinstance(typed, Act) and typed.action == TypeText("8642", into=Target("PIN", WINDOW, field=True))
    assert all("8642" not in m.content for p in model.prompts for m in p.messages)


def test_unrelated_requests_reach_the_model_and_its_reply_acts_on_nothing() -> None:
    decision, model = decide("tell me a joke", "1")
    assert isinstance(decision, Reply) and decision.text == NOT_ABOUT_SCREEN
    assert len(model.prompts) == 1  # no gate answered before the model saw it


@pytest.mark.parametrize(
    ("request_text", "pick", "kind"),
    [
        ("click Submit", "ask the user what they mean", Ask),
        ("open the Reports tab", "say it cannot be done on this screen", Impossible),
    ],
)
def test_the_fixed_choices_become_their_decisions(request_text: str, pick: str, kind: type) -> None:
    probe = CannedModel("1")
    ModelPolicy(probe).decide(Situation(request_text, form()))
    listed = probe.prompts[0].messages[-1].content.splitlines()
    number = next(line.split(".")[0] for line in listed if line.endswith(pick))
    decision, _ = decide(request_text, number)
    assert isinstance(decision, kind)


def test_finished_is_offered_once_the_steps_are_done() -> None:
    history = (Turn(Act(Click(Target("Submit"))), True, "clicked"),)
    decision, model = decide("click Submit", "1", history=history)
    assert isinstance(decision, Done) and "Submit" in decision.summary
    assert "1. say everything the request asks is already done" in model.prompts[0].messages[-1].content


def test_keys_come_from_code_never_from_the_model() -> None:
    decision, _ = decide("press escape", "1")
    assert isinstance(decision, Act) and decision.action == Key("Escape")


def test_model_calls_are_recorded() -> None:
    class Timed(CannedModel):
        def complete(self, prompt: Prompt) -> Completion:
            c = super().complete(prompt)
            return Completion(c.text, prompt_tokens=150, completion_tokens=1, cached_tokens=100, seconds=0.25)

    decision = ModelPolicy(Timed("1")).decide(Situation("click Submit", form()))
    (call,) = decision.calls
    assert (call.purpose, call.seconds, call.prompt_tokens, call.completion_tokens, call.cached_tokens) == (
        "choose",
        0.25,
        150,
        1,
        100,
    )


def test_an_answer_outside_the_options_is_a_model_error() -> None:
    class Wild(CannedModel):
        def complete(self, prompt: Prompt) -> Completion:
            return Completion("42")

    with pytest.raises(ModelUnavailable, match="not one of the"):
        ModelPolicy(Wild()).decide(Situation("click Submit", form()))


def test_a_value_the_history_typed_into_another_field_becomes_a_question() -> None:
    request = "enter 42.50 as the amount, fill in the employee and submit"
    history = (Turn(Act(TypeText("42.50", into=Target("Amount", field=True))), True, "typed"),)
    obs = form(("Amount", "42.50"))
    decision, _ = decide(request, "1", '{"employee": "42.50"}', obs=obs, history=history)
    assert isinstance(decision, Ask) and decision.param == "Employee"


def test_a_finish_the_goal_check_sent_back_makes_its_steps_to_do_again() -> None:
    typed = Turn(Act(TypeText("42.50", into=Target("Amount", WINDOW, field=True))), True, "typed")
    submitted = Turn(Act(Click(Target("Submit", WINDOW))), True, "clicked")
    outcome = "the screen does not show it: Amount: '42.50' not shown (it is empty); not submitted"
    done = progress([typed, submitted, Turn(Done("Finished"), False, outcome)], [])
    assert not done.was_done(("type", "amount"))  # an empty field is typed into again
    assert done.was_done(("click", "submit", ""))  # a button pressed once is not pressed again
    wrong = "the screen does not show it: Amount: '42.50' not shown (it shows '42.5042.50')"
    assert progress([typed, Turn(Done("Finished"), False, wrong)], []).was_done(("type", "amount"))


def test_a_commit_held_back_for_a_field_showing_another_value_makes_that_field_s_steps_to_do_again() -> None:
    """Nothing was sent: the list is opened again (and an item chosen), a typed value typed over; the
    held-back commit is no failed step, and the other fields stay done."""
    opened = Turn(Act(Click(Target("Currency:", WINDOW, field=True))), True, "clicked")
    typed = Turn(Act(TypeText("42.5", into=Target("Amount", WINDOW, field=True))), True, "typed")
    named = Turn(Act(TypeText("Ann", into=Target("Employee", WINDOW, field=True))), True, "typed")
    said = "Currency: 'Dollar' not shown (it shows 'Euro'); Amount: '42.50' not shown (it shows '42.5')"
    held = Turn(Act(Click(Target("Submit", WINDOW))), False, f"{HELD_BACK}{SCREEN_DISAGREES}{said}")
    chose = Turn(Act(Click(Target("Dollar", WINDOW))), True, "clicked")
    done = progress([opened, chose, typed, named, held], [])
    assert not done.was_done(("click", "currency:", "field")) and not done.was_done(("type", "amount"))
    assert not done.was_done(("click", "dollar", ""))  # the item it should show is chosen again
    assert done.was_done(("type", "employee"))
    assert ("click", "submit", "") not in done.failed and not done.was_done(("click", "submit", ""))


def test_a_form_filed_once_is_not_filed_again_when_sent_back() -> None:
    submitted = Turn(Act(Click(Target("Submit", WINDOW))), True, "clicked")
    rejected = Turn(Done("Finished"), False, f"the screen does not show it: {EARLIER}")
    assert progress([submitted, rejected], []).was_done(("click", "submit", ""))


def test_a_skill_parameter_flagged_secret_is_asked_as_one_whatever_its_name() -> None:
    """`value_2` names nothing secret; its flag does: asked masked, filled only from the placeholder."""
    skill = SkillCard(
        "open_vault", "open the vault", (SkillParam("value_2", "The code?", secret=True),), ("open the vault",)
    )
    asked, model = decide("open the vault with code 9911", "1", skills=(skill,))
    assert asked == Ask("The code?", "value_2", secret=True)
    history = (Turn(asked, True, "the user answered a secret"),)
    done, model = decide("open the vault", "1", skills=(skill,), history=history, answers=("⟨secret a⟩",))
    assert done == RunSkill("open_vault", {"value_2": "⟨secret a⟩"})
    assert all("9911" not in m.content for p in model.prompts for m in p.messages)
