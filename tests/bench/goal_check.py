"""False "finished" over the goal-check tasks: runs where `deskhand do` or `deskhand replay`
exited 0 while the form's own output file does not hold the goal.

    PYTHONPATH=$PWD .venv/bin/python -m tests.bench.goal_check [--repeat N]

Each task is one of tests/e2e/test_goal_check.py's, on the Tk client and the Qt voucher
form (English and Chinese), with the scripted model behind --server: what is measured
is what Deskhand reports about the screen, not how well a model chooses. Starts and
stops its own display; writes tests/bench/results/goal_check.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.support import xserver
from tests.support.chooser import Script, copy, first_with

RESULTS = Path(__file__).resolve().parent / "results" / "goal_check.json"


@dataclass(frozen=True)
class Task:
    name: str
    form: str  # tk, qt, qt_chinese
    request: str
    choose: tuple[str, ...]  # first_with's preferences
    goal: Callable[[list[dict[str, str]]], bool]  # does the output hold the goal?
    before: str = ""  # a request run first, on the same form


def posted(records: list[dict[str, str]]) -> bool:
    return any(r.get("amount") == "42.50" for r in records)


LAZY = ("say everything",)  # the model says "finished" whenever it is offered
UNNAMED = "commit nothing names, then 'finished'"
TASKS = [
    Task(UNNAMED, "tk", "enter 42.50 as the amount and send it", LAZY, posted),
    Task(UNNAMED, "qt", "enter 42.50 as the amount and submit it", LAZY, posted),
    Task(UNNAMED, "qt_chinese", "在 金额 填入 42.50 然后 发送", LAZY, posted),
    Task("first option every time", "tk", "enter 42.50 as the amount and submit", (), posted),
    Task("first option every time", "qt", "enter 42.50 as the amount and submit", (), posted),
    Task("first option every time", "qt_chinese", "在 金额 填入 42.50 然后 提交", (), posted),
    Task("value typed into a field holding it", "tk", "enter 42.50 as the amount and submit", (), posted,
         before="enter 42.50 as the amount"),
    Task(UNNAMED, "gtk", "enter Graz as the Project and book it", LAZY, lambda records: bool(records)),
    Task("form refuses: other fields required", "gtk", "enter Graz as the Project and click Register", (),
         lambda records: bool(records)),
]  # fmt: skip


def run_task(task: Task, scratch: Path) -> dict[str, object]:
    from tests.support import zoo
    from tests.support.goal_forms import ZOO_SEED, qt, qt_chinese, run, tk

    folder = scratch / f"task-{len(list(scratch.glob('task-*')))}"
    folder.mkdir()
    os.environ["DESKHAND_HOME"] = str(folder / "home")
    if task.form == "gtk":  # the zoo's generated form (seed 101): it writes out.json when it stores an entry
        zoo_form = zoo.launch("gtk", ZOO_SEED, folder / "zoo")
        try:
            report = run(task.request, Script(first_with(*task.choose), copy({"": "Graz"})))
        finally:
            zoo_form.stop()
        output = zoo_form.output()
        held = task.goal([output] if output else [])
    else:
        form = {"tk": tk, "qt": qt, "qt_chinese": qt_chinese}[task.form](folder)
        try:
            script = Script(first_with(*task.choose), copy({"": "42.50"}))
            if task.before:
                run(task.before, script)
            report = run(task.request, script)
        finally:
            form.app.stop()
        held = task.goal(form.records())
    code = report["exit_code"]
    false = code == 0 and not held
    return {"task": task.name, "form": task.form, "exit": code, "goal_held": held, "false_finished": false}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    scratch, session = xserver.start_for_benchmark("deskhand-goal-")
    try:
        rows = [run_task(task, scratch) for _ in range(args.repeat) for task in TASKS]
    finally:
        session.stop()
        shutil.rmtree(scratch, ignore_errors=True)
    for row in rows:
        print(f"{row['form']:<11} {row['task']:<40} exit {row['exit']}  goal held {row['goal_held']!s:<5}"
              f"  false finished {row['false_finished']}")  # fmt: skip
    false = sum(bool(r["false_finished"]) for r in rows)
    print(f"false finished: {false} of {len(rows)} runs")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"runs": rows, "false_finished": false}, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
