"""A run that names its window follows that window by id: a retitled target, or a second
window that takes its title on top of it, changes nothing.

Two Tk clients with the same title, each saving its claims to its own file; the
agent runs with ``--window`` on the first. Between choosing and acting, the first is
retitled and the second (same title, another process) opens beside it, active and top-most. What each
client saved is the verdict.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from automation.agent.loop import Agent, Status
from automation.decisions import Act, Decision, Done, Situation
from automation.timings import wait_until
from automation.types import Click, Target, TypeText
from tests.support.apps import LEGACY_APP, RunningApp, deskhand, launch

pytestmark = pytest.mark.e2e

TITLE = "Legacy Expense System"


def client(out: Path, geometry: str) -> RunningApp:
    return launch([sys.executable, str(LEGACY_APP), "--out", str(out), "--no-confirm", "--geometry", geometry], TITLE)


def saved(out: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in out.read_text().splitlines()] if out.exists() else []


class SwitchAfterChoosing:
    """Decides like a model would (type, submit, done); before its first action it renames the
    run's window and opens a twin with the run's old title on top of it."""

    def __init__(self, first: RunningApp, make_twin: Callable[[], RunningApp]) -> None:
        self.first, self.make_twin = first, make_twin
        self.twin: RunningApp | None = None
        self.plan: list[Decision] = [
            Act(TypeText("Wu Fang", into=Target("Employee", TITLE))),
            Act(Click(Target("Submit", TITLE))),
        ]

    def decide(self, situation: Situation) -> Decision:
        if self.twin is None:
            wid = str(self.first.window.id)
            subprocess.run(["xdotool", "set_window", "--name", "Claims (draft)", wid], check=True, timeout=10)
            self.twin = self.make_twin()  # beside it, active and top-most, titled as the run's window was
        return self.plan.pop(0) if self.plan else Done("filed")


def test_a_named_window_is_followed_by_id_not_by_title(tmp_path: Path) -> None:
    from app.services.compose import build_session

    first_out, twin_out = tmp_path / "first.jsonl", tmp_path / "twin.jsonl"
    first = client(first_out, "+60+60")
    policy = SwitchAfterChoosing(first, lambda: client(twin_out, "+660+60"))
    try:
        session = build_session()
        agent = Agent(session.observer, session.actor, policy, confirm=lambda q, a: True, window=TITLE, max_steps=4)
        result = agent.run("file a claim for Wu Fang")
        assert policy.twin is not None
        wait_until(lambda: saved(first_out), name="the first client's claim", timeout=10)
        assert result.status is not Status.FAILED, result.message
        assert [c["employee"] for c in saved(first_out)] == ["Wu Fang"]
        assert saved(twin_out) == []  # the twin, top-most with the run's old title, got nothing
    finally:
        first.stop()
        if policy.twin is not None:
            policy.twin.stop()


def test_a_named_window_another_program_covers_is_raised_then_filled(tmp_path: Path) -> None:
    """xcalc stands over the client's labels, top-most: `act --window` raises the client first,
    as a person would, and the claim is filled and saved (it was exit 4, "no element labelled")."""
    out = tmp_path / "claims.jsonl"
    form = client(out, "+60+60")
    cover = launch(["xcalc", "-geometry", "+40+40"], "Calculator")
    try:
        for step in (("type", "Wu Fang", "--into", "Employee"), ("click", "Submit")):
            done = deskhand("act", *step, "--window", TITLE)
            assert done.returncode == 0, f"act {step}: exit {done.returncode}\n{done.stderr}"
        wait_until(lambda: saved(out), name="the client's claim", timeout=10)
        assert [c["employee"] for c in saved(out)] == ["Wu Fang"]
    finally:
        cover.stop()
        form.stop()
