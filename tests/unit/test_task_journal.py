"""The task evaluation's bookkeeping: the journal a stopped run resumes from, the caps, the signal trap."""

import json
import os
import signal
import time
from pathlib import Path

import pytest

from automation.decisions import Ask, Done, Impossible, Situation
from automation.types import Observation
from tests.bench.stop_signals import stopped_cleanly
from tests.bench.task_caps import FREE_FORM, OPTION_PIPELINE, CappedPolicy, cap_for
from tests.bench.task_journal import Journal
from tests.bench.tasks import totals


def row(task: str, success: bool = True, status: str = "done", app: str = "tk") -> dict[str, object]:
    return {"task": task, "kind": "single", "app": app, "success": success, "finished": status == "done",
            "false_finished": status == "done" and not success, "status": status, "steps": 2, "model_calls": 3,
            "questions": 0, "questions_needed": 0, "seconds": 4.0, "first_action_s": 1.5}  # fmt: skip


def test_each_task_is_on_disk_when_it_ends_and_a_resumed_run_skips_it(tmp_path: Path) -> None:
    path = tmp_path / "tasks.jsonl"
    journal = Journal(path)
    journal.add("default", row("tk-1-single"))
    lines = path.read_text().splitlines()
    assert [json.loads(x)["task"] for x in lines] == ["tk-1-single"]
    assert json.loads(lines[0])["condition"] == "default"

    resumed = Journal(path, resume=True)
    assert resumed.has("default", "tk-1-single")
    assert not resumed.has("free-form", "tk-1-single")
    resumed.add("free-form", row("tk-1-single", success=False, status="capped"))
    assert len(path.read_text().splitlines()) == 2


def test_a_fresh_run_starts_a_new_journal(tmp_path: Path) -> None:
    path = tmp_path / "tasks.jsonl"
    Journal(path).add("default", row("tk-1-single"))
    assert not Journal(path).has("default", "tk-1-single")
    assert path.read_text() == ""


class Finishing:
    def __init__(self) -> None:
        self.asked = 0

    def decide(self, situation: Situation) -> Done:
        self.asked += 1
        return Done("finished")


def situation() -> Situation:
    return Situation("type 4 into the amount", Observation(None, (), None, (), 0.0))  # type: ignore[arg-type]


def test_a_policy_past_its_time_cap_answers_not_possible_without_asking_the_model() -> None:
    inner = Finishing()
    capped = CappedPolicy(inner, seconds=60.0)
    assert isinstance(capped.decide(situation()), Done) and not capped.capped
    spent = CappedPolicy(inner, seconds=0.0)
    decision = spent.decide(situation())
    assert isinstance(decision, Impossible) and spent.capped
    assert inner.asked == 1


class Asking:
    def decide(self, situation: Situation) -> Ask:
        return Ask("What is the amount?", "Amount")


def test_every_question_is_kept_even_the_one_a_run_ends_waiting_on() -> None:
    capped = CappedPolicy(Asking(), seconds=60.0)
    capped.decide(situation())
    capped.decide(situation())
    assert [a.param for a in capped.asked] == ["Amount", "Amount"]


def test_free_form_has_the_tighter_cap() -> None:
    assert cap_for("free-form") == FREE_FORM
    assert cap_for("default") == cap_for("pack:gemma3-270m") == OPTION_PIPELINE
    assert FREE_FORM.steps < OPTION_PIPELINE.steps and FREE_FORM.seconds < OPTION_PIPELINE.seconds


def test_totals_count_capped_tasks_as_failures_and_false_finishes_per_application() -> None:
    rows = [row("tk-1", app="tk"), row("tk-2", success=False, status="capped", app="tk"),
            row("qt-1", success=False, app="qt")]  # fmt: skip
    t = totals(rows)  # type: ignore[arg-type]
    assert t["success"] == "1/3" and t["capped"] == 1 and t["false_finished"] == 1
    assert t["by_app"] == {"tk": "1/2", "qt": "0/1 (1F)"}
    assert t["first_action_median_s"] == 1.5


def test_sigterm_inside_the_trap_runs_every_finally_and_exits() -> None:
    cleaned = []
    before = signal.getsignal(signal.SIGTERM)  # the suite's own handler, or the default
    with pytest.raises(SystemExit) as stopped, stopped_cleanly():
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)  # the handler's exception ends the sleep at once
            pytest.fail("the signal was not turned into SystemExit")
        finally:
            cleaned.append("display stopped")
    assert stopped.value.code == 128 + signal.SIGTERM
    assert cleaned == ["display stopped"]
    assert signal.getsignal(signal.SIGTERM) == before
