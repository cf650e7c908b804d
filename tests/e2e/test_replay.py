"""Teach by showing, on the suite's Xvfb: a demonstration of filing a claim in the Tk client,
reduced to a skill, stored, and replayed through `deskhand replay` with new values on a
moved and resized window. The client's claims file is the verdict.

The demonstration is played with xdotool by tests/support/demonstration.py, which writes
the raw events and pre-click screenshots the recorder would (the recorder is not needed).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from app.services.paths import data_dir
from automation.backends.x11_windows import X11Windows
from automation.skills.model import ClickStep, Skill, TypeStep
from tests.support.apps import RunningApp, deskhand, legacy_app
from tests.support.default_pack import DEFAULT_MODEL
from tests.support.taught_claim import DEMO_PIN, VALUES, store

pytestmark = pytest.mark.e2e


@pytest.fixture
def moved(tmp_path: Path) -> Iterator[RunningApp]:
    # Another size and place than the demonstration's (+80+60, natural size).
    app = legacy_app(tmp_path / "claims.jsonl", "--geometry", "560x430+430+270")
    yield app
    app.stop()


def test_the_demonstration_becomes_a_skill(taught: Skill) -> None:
    kinds = [type(s).__name__ for s in taught.steps]
    assert kinds == ["TypeStep", "TypeStep", "TypeStep", "ClickStep", "ClickStep"]
    assert [(p.name, p.example, p.secret) for p in taught.params] == [
        ("employee", "Zhang San", False),
        ("amount", "42.50", False),
        ("pin", "", True),
    ]
    first, submit, yes = taught.steps[0], taught.steps[3], taught.steps[4]
    assert isinstance(first, TypeStep) and first.into is not None and first.into.field
    assert isinstance(submit, ClickStep) and submit.anchor.label == "Submit" and submit.expect == "Submit this claim?"
    assert isinstance(yes, ClickStep) and yes.anchor.window.title == "Confirm"
    assert taught.demo_seconds > 15  # a person's pace (the Keystroke-Level Model), not xdotool's


def test_replay_with_new_values_on_a_moved_and_resized_window(taught: Skill, moved: RunningApp, tmp_path: Path) -> None:
    store(taught)
    assert moved.window.box.x > 300 and moved.window.box.w > 500  # really somewhere else, really bigger
    result = deskhand(
        "replay",
        "file-expense",
        "--set",
        "employee=Li Si",
        "--set",
        "amount=77.10",
        "--set",
        "pin=2468",
        "--yes",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    (record,) = [json.loads(line) for line in (tmp_path / "claims.jsonl").read_text().splitlines()]
    assert (record["employee"], record["amount"], record["pin"]) == ("Li Si", "77.10", "2468")
    report = json.loads(result.stdout)
    assert report["model_calls"] == [] and report["repairs_asked"] == 0
    assert [s["how"] for s in report["steps"]] == ["field", "field", "field", "label", "label"]
    assert report["steps"][3]["verdict"] == "seen"  # 'Submit this claim?' was waited for, and came
    assert report["seconds"] < taught.demo_seconds
    shown = deskhand("skills", "list", "--json")
    assert json.loads(shown.stdout)["skills"][0]["runs"]["ok"] == 1


def test_a_slow_application_is_waited_for(taught: Skill, tmp_path: Path) -> None:
    store(taught)
    claims = tmp_path / "slow-claims.jsonl"
    app = legacy_app(claims, "--slow-dialog", "2.5")  # the confirmation opens 2.5 s after Submit
    try:
        result = deskhand("replay", "file-expense", *VALUES, "--yes", "--json")
    finally:
        app.stop()
    assert result.returncode == 0, result.stderr
    submit = json.loads(result.stdout)["steps"][3]
    assert submit["verdict"] == "seen" and 2500 <= submit["ms"] < 2500 + 3000
    assert json.loads(claims.read_text())["employee"] == "Li Si"


def test_the_demonstrated_pin_is_nowhere_in_the_data_folder(taught: Skill) -> None:
    store(taught)
    home = data_dir().parent
    files = [p for p in home.rglob("*") if p.is_file()]
    assert files, "nothing was stored"
    assert not [p for p in files if DEMO_PIN.encode() in p.read_bytes()]


def test_replay_without_a_value_exits_3_and_names_it(taught: Skill) -> None:
    store(taught)
    result = deskhand("replay", "file-expense", "--set", "amount=1.00", "--yes")
    assert result.returncode == 3, result.stderr
    assert "employee (Employee in 'Legacy Expense System', e.g. 'Zhang San')" in result.stderr
    assert "pin (PIN in 'Legacy Expense System', secret)" in result.stderr


def test_a_step_whose_anchor_is_gone_stops_with_a_screenshot_and_sends_nothing(
    taught: Skill, moved: RunningApp, tmp_path: Path
) -> None:
    submit = taught.steps[3]
    assert isinstance(submit, ClickStep)
    # A button the form does not have, recorded where Submit is, with no picture to go by.
    gone = replace(submit, anchor=replace(submit.anchor, label="Approve", crop=None))
    store(Skill("approve-claim", steps=(gone,)))
    result = deskhand("replay", "approve-claim", "--yes")
    assert result.returncode == 4, result.stderr
    assert "step 1 of 1 (click 'Approve' in 'Legacy Expense System') failed" in result.stderr
    shot = Path(result.stderr.split("screenshot: ")[1].split()[0])
    assert shot.exists() and shot.is_relative_to(data_dir())
    assert not [w for w in X11Windows().list() if w.title == "Confirm"]  # Submit was not clicked in its place
    assert not (tmp_path / "claims.jsonl").exists()


@pytest.mark.skipif(not DEFAULT_MODEL.exists() and not os.environ.get("CI"), reason="default pack not installed")
def test_do_in_words_picks_the_skill_and_asks_for_the_missing_value(
    taught: Skill, moved: RunningApp, tmp_path: Path
) -> None:
    store(taught)
    result = deskhand("do", "file an expense claim for Li Si of 77.10", "--answer", "2468", "--yes", "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert "2468" not in result.stdout  # the PIN was typed, never reported
    asked = [s["text"] for s in report["steps"] if s["stage"] == "answer"]
    assert len(asked) == 1 and "pin" in asked[0].casefold(), asked  # only the value the request did not give
    assert any(s.get("skill") == "file-expense" for s in report["steps"]), report["steps"]
    (record,) = [json.loads(line) for line in (tmp_path / "claims.jsonl").read_text().splitlines()]
    assert (record["employee"], record["amount"], record["pin"]) == ("Li Si", "77.10", "2468")

    # The run in words becomes a training example in the user's words, without the PIN.
    dataset = tmp_path / "dataset.jsonl"
    assert deskhand("dataset", "export", str(dataset)).returncode == 0
    text = dataset.read_text()
    assert "file an expense claim for Li Si of 77.10" in text and "2468" not in text
    assert "On screen:" in text and "into" in text  # screen -> next action examples from its steps
    assert DEMO_PIN not in text
