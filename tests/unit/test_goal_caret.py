"""A typed value whose last character reads under the caret ("322.3)" for "322.37", Qt's Hours in
round 9's held-out draw): never met as read, the loop reads the screen whole again."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from automation.actuation.targets import Targets
from automation.agent import loop
from automation.agent.goal import caret_over_last
from automation.agent.loop import Agent, Status
from automation.decisions import Act, Done
from automation.types import Observation, Target, TypeText, Window
from models.fakes import ScriptedPolicy
from tests.support.live_form import LiveForm, form_observation


@pytest.mark.parametrize(
    ("read", "value", "hidden"),
    [
        ("322.3)", "322.37", True),
        ("322.3|", "322.37", True),
        ("Mia Cost]", "Mia Costa", True),
        ("322.37", "322.37", False),  # read as typed
        ("322.37)", "322.37", False),  # the caret after the value: goal.with_caret's case
        ("322.4)", "322.37", False),  # another value
        ("322.31", "322.31", False),
    ],
)
def test_a_last_character_read_as_the_caret(read: str, value: str, hidden: bool) -> None:
    assert caret_over_last(read, value) is hidden


class CaretForm(LiveForm):
    """The amount reads with its last character under the caret until the screen is read whole
    ``blinks`` times (a caret that blinked off); ``lost``: the field really lost that character."""

    def __init__(self, blinks: int, lost: bool = False) -> None:
        super().__init__()
        self.gate = SimpleNamespace(targets=Targets())
        self.desktop = SimpleNamespace(windows=SimpleNamespace(list=lambda: []))
        self.blinks, self.lost, self.forgotten = blinks, lost, 0

    def forget(self, window: Window) -> None:
        self.forgotten += 1

    def observe(self, window: object = None) -> Observation:
        shown = dict(self.values)
        amount = shown.get("Amount", "")
        if amount and (self.lost or self.forgotten < self.blinks):
            shown["Amount"] = amount[:-1] + ")"
        return form_observation(shown, labels=self.labels, button=self.button)


@pytest.fixture(autouse=True)
def no_blink_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loop, "CARET_BLINK", 0.0)  # the stand-in's caret goes off when read whole


def run(form: CaretForm) -> Status:
    policy = ScriptedPolicy(Act(TypeText("322.37", into=Target("Amount", field=True))), Done("typed"), Done("typed"))
    agent = Agent(form, form, policy, lambda q, a: True)  # type: ignore[arg-type]
    return agent.run("type 322.37 into the amount").status


def test_a_value_under_the_caret_is_read_again_until_the_caret_is_off() -> None:
    form = CaretForm(blinks=1)
    assert run(form) is Status.DONE
    assert form.forgotten >= 1


def test_a_field_that_lost_its_last_character_is_never_finished() -> None:
    form = CaretForm(blinks=0, lost=True)
    assert run(form) is Status.UNFINISHED
