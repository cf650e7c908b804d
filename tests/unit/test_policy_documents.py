"""An attached receipt's values, walked over the saved screens of the Tk client: code
pairs them with the form's fields, so the model never copies a number or a date."""

from collections.abc import Sequence

from automation.decisions import Ask, Decision, Done, Situation, Turn
from automation.skill_card import SkillCard, SkillParam
from models.fakes import CannedModel
from models.policy import ModelPolicy
from models.policy.facts import fact_for
from tests.eval import golden

RECEIPT = "Receipt: amount 42.50; date 2026-11-28; vendor Noodle House; category Meals\nNoodle House\nTOTAL $42.50"
FACTS = (("amount", "42.50"), ("date", "2026-11-28"), ("vendor", "Noodle House"), ("category", "Meals"))


def decide(
    request: str, screen: str, history: Sequence[Turn] = (), answers: Sequence[str] = (), fill: str = ""
) -> Decision:
    """The policy's decision when the model takes the first option (and fills ``fill``, if given)."""
    model = CannedModel()
    model.enqueue("1")
    if fill:
        model.enqueue(fill)
    situation = Situation(
        request, golden.observation(screen), tuple(history), answers=tuple(answers), documents=(RECEIPT,), facts=FACTS
    )
    decision = ModelPolicy(model).decide(situation)
    assert model.left == 0, "the model was asked to fill a value the receipt gave"
    return decision


def walk(
    request: str, screens: Sequence[str], answers: Sequence[str] = (), fills: dict[int, str] | None = None
) -> list[dict[str, object]]:
    history: list[Turn] = []
    seen = []
    for step, screen in enumerate(screens):
        decision = decide(request, screen, history, answers, (fills or {}).get(step, ""))
        seen.append(golden.describe(decision))
        if isinstance(decision, Done):
            break
        history.append(Turn(decision, True, "it worked"))
    return seen


FILED = ["tk_empty", "tk_amount_filled", "tk_amount_filled", "tk_category_open", "tk_filled", "tk_filled"]
FILED_STEPS = [
    {"kind": "type", "label": "Amount", "text": "42.50"},
    {"kind": "type", "label": "Date", "text": "2026-11-28"},
    {"kind": "click", "label": "Category", "field": True},
    {"kind": "click", "label": "Meals"},
    {"kind": "ask", "param": "Attendees", "question": "Who did you eat with?"},
    {"kind": "type", "label": "Attendees", "text": "Zhang San"},
    {"kind": "click", "label": "Submit"},
    {"kind": "click", "label": "Yes"},
]


def test_file_this_receipt_fills_what_it_gives_asks_who_ate_then_submits() -> None:
    steps = walk(
        "file this receipt and submit",
        [*FILED, "tk_filled", "tk_confirm"],
        answers=["Zhang San"],
        fills={4: '{"attendees": ""}'},  # nothing in the request says who
    )
    assert steps[:8] == FILED_STEPS


def test_i_want_to_reimburse_files_the_attached_receipt_to_the_end() -> None:
    # The model would take a line of the receipt for the guests: only the user's words count.
    steps = walk(
        "I want to reimburse",
        [*FILED, "tk_filled", "tk_confirm"],
        answers=["Zhang San"],
        fills={4: '{"attendees": "Beef noodles"}'},
    )
    assert steps[:8] == FILED_STEPS


def test_what_the_receipt_lacks_is_asked_and_the_answer_typed() -> None:
    screens = ["tk_empty", "tk_amount_filled", "tk_amount_filled", "tk_category_open", "tk_filled", "tk_filled"]
    request = "file this receipt, fill in the attendees and submit"
    # the model copies the receipt's vendor into the attendees: that is a guess, so they are asked
    steps = walk(request, screens, answers=["Zhang San"], fills={4: '{"attendees": "Noodle House"}'})
    assert [s.get("label") for s in steps[:4]] == ["Amount", "Date", "Category", "Meals"]
    assert steps[4]["kind"] == "ask" and "attendees" in str(steps[4]["question"]).lower()
    assert steps[5] == {"kind": "type", "label": "Attendees", "text": "Zhang San"}


def test_a_number_the_user_says_beats_the_receipts() -> None:
    decision = decide("enter 40.00 as the amount", "tk_empty")
    assert golden.describe(decision) == {"kind": "type", "label": "Amount", "text": "40.00"}


def test_a_request_that_names_a_field_takes_its_value_from_the_receipt() -> None:
    decision = decide("enter the amount from the receipt", "tk_empty")
    assert golden.describe(decision) == {"kind": "type", "label": "Amount", "text": "42.50"}


def test_without_a_word_about_the_document_unnamed_fields_stay_untouched() -> None:
    decision = decide("enter Zhang San as the attendees", "tk_empty", fill='{"attendees": "Zhang San"}')
    assert golden.describe(decision)["label"] == "Attendees"


def test_a_skill_parameter_named_like_a_receipt_field_is_filled_from_it() -> None:
    card = SkillCard(
        "file_expense",
        "file an expense receipt",
        (SkillParam("amount", example="12.00"), SkillParam("expense_date"), SkillParam("attendees")),
        ("file an expense receipt",),
    )
    model = CannedModel()
    model.enqueue("1")
    model.enqueue('{"attendees": ""}')  # the model finds no attendees: only they are asked
    situation = Situation(
        "file this expense receipt", golden.observation("tk_empty"), skills=(card,), documents=(RECEIPT,), facts=FACTS
    )
    decision = ModelPolicy(model).decide(situation)
    assert isinstance(decision, Ask) and decision.param == "attendees", decision
    model.enqueue("1")
    asked = Situation(**{**situation.__dict__, "history": (Turn(decision, True, ""),), "answers": ("Zhang San",)})
    run = ModelPolicy(model).decide(asked)
    assert golden.describe(run) == {
        "kind": "skill",
        "name": "file_expense",
        "args": {"amount": "42.50", "expense_date": "2026-11-28", "attendees": "Zhang San"},
    }


def test_fields_and_parameters_meet_the_facts_by_their_words() -> None:
    assert fact_for("Amount", FACTS) == ("amount", "42.50")
    assert fact_for("Total", FACTS) == ("amount", "42.50")
    assert fact_for("expense_date", FACTS) == ("date", "2026-11-28")
    assert fact_for("Merchant", FACTS) == ("vendor", "Noodle House")
    assert fact_for("Attendees", FACTS) is None
    assert fact_for("Employee", FACTS) is None
