"""Multi-step requests walked over the saved observations of the Tk client, the way the
agent loop will: decide, pretend the action worked, look at the next screen, decide again.
The model always takes the first option, so this tests the plan code builds."""

from collections.abc import Sequence

from automation.decisions import Decision, Done, Situation, Turn
from models.fakes import CannedModel
from models.policy import ModelPolicy
from tests.eval import golden


def walk(request: str, screens: Sequence[str], fills: dict[int, str] | None = None) -> list[dict[str, object]]:
    """Each screen in turn, with the decisions so far as history; stops at Done. The model
    takes the first option; ``fills`` gives its answer to the fill pass on the step of
    that index (the other values in these requests are settled in code)."""
    model = CannedModel()
    policy = ModelPolicy(model)
    history: list[Turn] = []
    seen = []
    for step, name in enumerate(screens):
        model.enqueue("1")
        if fills and step in fills:
            model.enqueue(fills[step])
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


def test_a_part_nothing_leads_to_ends_the_walk_as_not_possible() -> None:
    steps = walk("choose Meals as the category and send it by email", ["tk_empty", "tk_category_open", "tk_empty"])
    assert steps[:2] == [{"kind": "click", "label": "Category", "field": True}, {"kind": "click", "label": "Meals"}]
    assert steps[2]["kind"] == "impossible"


def test_typing_then_a_command_in_a_closed_menu() -> None:
    screens = ["gnumeric_sheet", "gnumeric_sheet", "gnumeric_file_menu"]
    steps = walk("type 100 and save the workbook", screens, fills={0: '{"text": "100"}'})
    assert steps == [
        {"kind": "type", "label": None, "text": "100"},
        {"kind": "click", "label": "File"},
        {"kind": "click", "label": "Save"},
    ]
