"""A replay over the drawn desktop (tests/support/drawn_desktop.py): a claim skill, its values,
the form it runs on, and the Replayer wired to the stand-ins."""

from __future__ import annotations

from pathlib import Path

from PIL import ImageDraw

from automation.actuation.actor import BeforeAct
from automation.actuation.safety import SafetyGate
from automation.decisions import Act
from automation.desktop import Desktop
from automation.skill_card import SkillParam
from automation.skills.model import Anchor, ClickStep, KeyStep, Skill, TypeStep, WindowMatch
from automation.skills.replay import Replayer, StepReport
from automation.types import Box, Window
from tests.support.drawn_desktop import (
    CLIENT,
    FAST,
    MATCH,
    SCREEN,
    FakeInput,
    FakeObserver,
    FakeScreen,
    FakeWindows,
    World,
    span,
)

SKILL = Skill(
    "file-expense",
    params=(SkillParam("amount", "Amount in 'Expense Form'", "42.50"), SkillParam("pin", "PIN", "", secret=True)),
    steps=(
        TypeStep("{amount}", Anchor(MATCH, "Amount", field=True), MATCH),
        TypeStep("{pin}", None, MATCH),
        KeyStep("Tab", MATCH),
        ClickStep(Anchor(MATCH, "Submit"), expect="Submit this claim?"),
    ),
)
VALUES = {"amount": "77.10", "pin": "2468"}


CONFIRM = WindowMatch("Toplevel", "Confirm")
# The whole demonstration: its last key answers the confirmation (SKILL lost it, as a recorder could).
ANSWERED = Skill(SKILL.name, params=SKILL.params, steps=(*SKILL.steps, KeyStep("Return", CONFIRM)))


def form_world() -> World:
    world = World(spans=[span("Amount", 320, 250), span("Submit", 500, 450)])
    ImageDraw.Draw(world.image).rectangle((420, 246, 620, 266), fill=(255, 255, 255))
    confirm = Window(
        2, "Confirm", "Toplevel", Box(400, 280, 220, 90), client=CLIENT
    )  # another class: new, so it counts
    world.after_click["Submit"] = (confirm, [span("Submit this claim?", 420, 300, "Confirm")])
    world.after_key["Return"] = "Confirm"
    return world


def replayer(
    world: World, tmp_path: Path, approve: bool = True, policy: object = None, before_act: BeforeAct | None = None
) -> tuple[Replayer, list]:
    asked: list[str] = []
    reports: list[StepReport] = []
    screen, windows, input = FakeScreen(world), FakeWindows(world), FakeInput(world)
    desktop = Desktop(screen, windows, None, input)  # type: ignore[arg-type]
    gate = SafetyGate(input, windows, SCREEN)

    def confirm(question: str, act: Act) -> bool:
        asked.append(question)
        return approve

    made = Replayer(
        desktop,
        FakeObserver(world),  # type: ignore[arg-type]
        gate,
        confirm,
        report=reports.append,
        policy=policy,  # type: ignore[arg-type]
        timings=FAST,
        shots=tmp_path / "replays",
        before_act=before_act or (lambda point, window: None),
    )
    return made, [asked, reports]
