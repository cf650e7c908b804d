"""Multi-step requests walked over the saved observations of the Tk client, the way the
agent loop will: decide, pretend the action worked, look at the next screen, decide again.
The model always takes the first option, so this tests the plan code builds."""

from collections.abc import Sequence

from automation.agent.decisions import Decision, Done, Situation, Turn
from models.fakes import CannedModel
from models.policy import ModelPolicy
from tests.eval import golden


def walk(request: str, screens: Sequence[str]) -> list[dict[str, object]]:
    """Each screen in turn, with the decisions so far as history; stops at Done. Every
    value in these requests is settled in code, so the model is only asked to choose."""
    model = CannedModel()
    policy = ModelPolicy(model)
    history: list[Turn] = []
    seen = []
    for name in screens:
        model.enqueue("1")
        decision: Decision = policy.decide(Situation(request, golden.observation(name), tuple(history)))
        assert model.left == 0
        seen.append(golden.describe(decision))
        if isinstance(decision, Done):
            break
        history.append(Turn(decision, True, "it worked"))
    return seen


def test_enter_an_amount_and_submit_through_the_dialog() -> None:
    steps = walk("enter 42.50 as the amount and submit", ["tk_empty", "tk_amount_filled", "tk_confirm", "tk_saved"])
    assert steps[:3] == [
        {"kind": "type", "label": "Amount", "text": "42.50"},
        {"kind": "click", "label": "Submit"},
        {"kind": "click", "label": "Yes"},
    ]
    assert steps[3]["kind"] == "done"


def test_choose_from_the_combo_box_then_export_through_the_menu() -> None:
    request = "choose Travel as the category and export the claim as JSON"
    screens = ["tk_empty", "tk_category_open", "tk_empty", "tk_file_menu", "tk_export_menu", "tk_saved"]
    steps = walk(request, screens)
    assert steps[:5] == [
        {"kind": "click", "label": "Category", "field": True},
        {"kind": "click", "label": "Travel"},
        {"kind": "click", "label": "File"},
        {"kind": "click", "label": "Export"},
        {"kind": "click", "label": "As JSON"},
    ]
    assert steps[5]["kind"] == "done"
