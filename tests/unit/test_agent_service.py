"""app.services.agent: one agent for do, the console and the panel, whose runs hand their
request to the skills they run (kept in each skill's run history)."""

from __future__ import annotations

from functools import partial
from types import SimpleNamespace
from typing import Any

from PIL import Image

from app.services.agent import SkilledAgent
from automation.actuation.targets import Targets
from automation.agent.loop import Agent, Status
from automation.decisions import Done, RunSkill
from automation.types import Observation
from models.fakes import ScriptedPolicy

BLANK = Observation(image=Image.new("RGB", (8, 8)), windows=(), active=None, spans=(), taken_at=0.0)


class BlankScreen:
    def observe(self, window: object = None) -> Observation:
        return BLANK


def test_each_run_hands_its_own_request_to_the_skills_it_runs() -> None:
    ran: list[tuple[str, dict[str, str], str]] = []

    def runner(decision: RunSkill, request: str = "") -> str:
        ran.append((decision.name, dict(decision.args), request))
        return f"ran skill {decision.name!r}"

    policy = ScriptedPolicy(
        RunSkill("lunch", {"who": "Li Si"}), Done("filed"), RunSkill("lunch", {"who": "Wang Wu"}), Done("filed")
    )
    # What the loop asks of an actor besides acting: the run's target among the windows.
    actor = SimpleNamespace(
        gate=SimpleNamespace(targets=Targets()),
        desktop=SimpleNamespace(windows=SimpleNamespace(list=list)),
        clear_tooltips=lambda: False,
    )
    make: Any = partial(Agent, BlankScreen(), actor, policy, confirm=lambda question, act: True)
    agent = SkilledAgent(make, runner, policy)  # type: ignore[arg-type]  # a scripted policy, not a model's
    assert agent.run("file my lunch with Li Si").status is Status.DONE
    assert agent.run("file my lunch with Wang Wu").status is Status.DONE
    assert agent.run_skill(RunSkill("lunch", {"who": "Zhao Liu"})) == "ran skill 'lunch'"
    assert ran == [
        ("lunch", {"who": "Li Si"}, "file my lunch with Li Si"),
        ("lunch", {"who": "Wang Wu"}, "file my lunch with Wang Wu"),
        ("lunch", {"who": "Zhao Liu"}, ""),  # chosen by name in the panel: no request in words
    ]
