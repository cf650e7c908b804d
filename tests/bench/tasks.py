"""The task evaluation: requests in words on zoo forms and real applications, judged by their output.

    PYTHONPATH=$PWD .venv/bin/python -m tests.bench.tasks [--smoke] [--conditions default,first-option,...]
        [--apps tk,gtk,...] [--packs NAME,...] [--threads N] [--json FILE]

Starts its own Xvfb and openbox; per application it launches the form (tests/support/zoo.py)
or the real program (tests/support/zoo_apps.py) once and runs each task under each
condition, resetting in between. The agent runs in this process (as `deskhand do --yes`
does: every confirmation approved, the task's answers given up front, no other answer).

Conditions: ``default`` (the default pack through the option pipeline), ``first-option``
(the same, always option 1: tests/bench/baselines.py), ``free-form`` (no options: the
model writes the action JSON), and ``pack:NAME`` / ``pack:NAME@THREADS`` for each other
pack asked for with --packs (installed ones only). Demonstrated tasks and the coordinate
macro are in tests/bench/demonstrated.py.

Per task and condition: success (the application's output holds the goal; a must-refuse
task: nothing changed and no "finished"), false "finished" (the run said done and the
output does not hold the goal), steps, model calls, questions asked and how many of them
were needed, wall seconds. Totals per condition. A report, not a pass/fail test; the CI
smoke subset (--smoke) is tests/e2e/test_task_smoke.py.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from tests.bench.task_apps import opened
from tests.bench.task_set import Task, all_tasks

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


def judge(task: Task, before: dict[str, Any], after: dict[str, Any]) -> bool:
    """Does the application's own output hold the task's goal?"""
    if task.refuse:
        return before == after
    if task.values and any(after["values"].get(k) != v for k, v in task.values.items()):
        return False
    if task.output:
        written = after.get("output") or {}
        if any(written.get(k) != v for k, v in task.output.items()):
            return False
    return all(name in after and text in after[name] for name, text in task.file.items())


def run_task(task: Task, app: Any, policy: Any, session: Any) -> dict[str, Any]:
    from app.services.attach import facts_of, read_attachments
    from automation.agent.describe import describe
    from automation.agent.loop import Agent, Status
    from automation.decisions import Ask
    from automation.errors import DeskhandError

    app.reset(task)
    before = app.state()
    documents: list[Any] = []
    if task.attach_seed is not None:
        from tests.support.receipt_generator import generate, save

        documents = read_attachments([save(generate(task.attach_seed), Path(tempfile.mkdtemp(prefix="receipt-")))])
    agent = Agent(session.observer, session.actor, policy, confirm=lambda question, act: True, max_steps=8)
    started = time.perf_counter()
    error = ""
    try:
        result = agent.run(
            task.request,
            answers=task.answers,
            documents=[d.for_policy() for d in documents],
            facts=facts_of(documents),
        )
        status, steps, calls, turns = str(result.status), result.steps, len(result.calls), result.turns
        said, unmet = result.message, list(result.unmet)
    except DeskhandError as err:  # the run stopped with an error: not finished
        status, steps, calls, turns, error = f"error {int(err.exit_code)}", 0, 0, (), err.message
        said, unmet = err.message, []
    seconds = time.perf_counter() - started
    after = app.state()
    success = judge(task, before, after) and (status != Status.DONE if task.refuse else status == Status.DONE)
    finished = status == Status.DONE
    asked = [t.decision for t in turns if isinstance(t.decision, Ask)]
    needed = {n.casefold() for n in task.needed}
    return {
        "task": task.id,
        "kind": task.kind,
        "app": task.app,
        "success": success,
        "finished": finished,
        "false_finished": finished and not (judge(task, before, after) and not task.refuse),
        "status": status,
        "steps": steps,
        "model_calls": calls,
        "questions": len(asked),
        "questions_needed": sum((a.param or "").casefold() in needed for a in asked),
        "seconds": round(seconds, 1),
        "error": error,
        "holds": {k: after.get("values", {}).get(k) for k in task.values} if "values" in after else {},
        # what the run did and said, to tell a failure's cause from the output alone
        "turns": [f"{describe(t.decision)} -> {'ok' if t.ok else 'failed'}: {t.outcome}" for t in turns],
        "message": said,
        "unmet": unmet,
        "output": after.get("output") if "values" in after else None,
    }


def policies(conditions: list[str], threads: int | None) -> Iterator[tuple[str, Callable[[], Any]]]:
    """Each condition and how to make its policy (models load once and are kept)."""
    from app.services.models import DEFAULT_PACK
    from app.services.paths import models_dir
    from models.open_model import open_model
    from models.packs.installed import resolve_model
    from models.policy.policy import ModelPolicy
    from tests.bench.baselines import FirstOption, FreeFormPolicy

    loaded: dict[str, Any] = {}

    def model(name: str, n: int | None = threads) -> Any:
        key = f"{name}@{n}"
        if key not in loaded:
            loaded[key] = open_model(str(resolve_model(name, models_dir())), threads=n)
            loaded[key].load()
        return loaded[key]

    for condition in conditions:
        if condition == "default":
            yield condition, lambda: ModelPolicy(model(DEFAULT_PACK))
        elif condition == "first-option":
            yield condition, lambda: ModelPolicy(FirstOption(model(DEFAULT_PACK)))
        elif condition == "free-form":
            yield condition, lambda: FreeFormPolicy(model(DEFAULT_PACK))
        elif condition.startswith("pack:"):
            name, _, n = condition[5:].partition("@")
            yield condition, partial(pack_policy, model, name, int(n) if n else threads)
        else:
            raise SystemExit(f"unknown condition {condition!r}")


def pack_policy(model: Callable[[str, int | None], Any], name: str, threads: int | None) -> Any:
    from models.policy.policy import ModelPolicy

    return ModelPolicy(model(name, threads))


def totals(rows: list[dict[str, Any]]) -> dict[str, Any]:
    def share(part: list[dict[str, Any]]) -> str:
        return f"{sum(r['success'] for r in part)}/{len(part)}" if part else "-"

    short = [r for r in rows if r["kind"] != "refuse"]
    refuse = [r for r in rows if r["kind"] == "refuse"]
    asked = sum(r["questions"] for r in rows)
    return {
        "success": share(rows),
        "undemonstrated": share(short),
        "refused": share(refuse),
        "false_finished": sum(r["false_finished"] for r in rows),
        "questions": asked,
        "questions_not_needed": asked - sum(r["questions_needed"] for r in rows),
        "steps": sum(r["steps"] for r in rows),
        "model_calls": sum(r["model_calls"] for r in rows),
        "seconds": round(sum(r["seconds"] for r in rows), 1),
    }


def print_table(report: dict[str, Any]) -> None:
    print(
        "| condition | success | tasks (not refusals) | refused | false finished | questions (not needed) "
        "| steps | model calls | wall s |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, t in report["totals"].items():
        cells = [t["success"], t["undemonstrated"], t["refused"], t["false_finished"]]
        cells += [f"{t['questions']} ({t['questions_not_needed']})", t["steps"], t["model_calls"], t["seconds"]]
        print(f"| {name} | " + " | ".join(str(c) for c in cells) + " |")
    print("\n| task | " + " | ".join(report["totals"]) + " |")
    print("| --- |" + " --- |" * len(report["totals"]))
    for task in report["tasks"]:
        cells = []
        for name in report["totals"]:
            r = report["rows"].get(name, {}).get(task)
            if r is None:
                cells.append("-")
            else:
                mark = "ok" if r["success"] else ("FALSE DONE" if r["false_finished"] else "no")
                cells.append(f"{mark} {r['steps']}st {r['seconds']}s")
        print(f"| {task} | " + " | ".join(cells) + " |")


def not_run(task: Task, why: str) -> dict[str, Any]:
    zeros = dict.fromkeys(("steps", "model_calls", "questions", "questions_needed"), 0)
    flags = {"success": False, "finished": False, "false_finished": False}
    return {"task": task.id, "kind": task.kind, "app": task.app, **flags, "status": "not run", **zeros,
            "seconds": 0.0, "error": why}  # fmt: skip


def evaluate(
    tasks: list[Task], conditions: list[str], threads: int | None, say: Callable[[str], None] = print
) -> dict[str, Any]:
    from app.services.compose import build_session

    session = build_session()
    made = list(policies(conditions, threads))
    rows: dict[str, dict[str, dict[str, Any]]] = {name: {} for name, _ in made}
    apps = list(dict.fromkeys(t.app for t in tasks))
    with tempfile.TemporaryDirectory(prefix="deskhand-tasks-") as tmp:
        for app in apps:
            mine = [t for t in tasks if t.app == app]
            # one fresh start per condition (real applications are not reset between tasks)
            for name, make in made:
                group = mine
                folder = Path(tmp) / f"{app}-{name.replace(':', '_')}"
                try:
                    with opened(app, folder) as running:
                        policy = make()
                        for task in group:
                            row = run_task(task, running, policy, session)
                            rows[name][task.id] = row
                            mark = "ok" if row["success"] else "FALSE DONE" if row["false_finished"] else "no"
                            say(f"{name:<22} {task.id:<26} {mark} {row['status']} {row['steps']} st {row['seconds']}s")
                except Exception as err:  # an application that will not start: its tasks count as failed
                    say(f"{name} {app}: could not run ({err})")
                    for task in group:
                        rows[name].setdefault(task.id, not_run(task, str(err)))
    return {
        "tasks": [t.id for t in tasks],
        "rows": rows,
        "totals": {name: totals(list(r.values())) for name, r in rows.items()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="the CI subset: a few Tk tasks, the default pack")
    parser.add_argument("--conditions", default="default,first-option,free-form")
    parser.add_argument("--packs", default="", help="more packs, each a condition (NAME or NAME@THREADS)")
    parser.add_argument("--apps", default="", help="comma-separated applications; default all")
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    conditions = ["default"] if args.smoke else [c for c in args.conditions.split(",") if c]
    conditions += [f"pack:{p}" for p in args.packs.split(",") if p]
    tasks = all_tasks(smoke=args.smoke)
    if args.apps:
        tasks = [t for t in tasks if t.app in args.apps.split(",")]
    from tests.bench.report import publish
    from tests.support import xserver

    scratch, display = xserver.start_for_benchmark("deskhand-tasks-")
    from app.services.paths import models_dir

    os.environ.setdefault("DESKHAND_MODELS", str(models_dir()))  # the installed packs, before HOME moves
    os.environ.setdefault("DESKHAND_HOME", str(scratch / "home"))
    os.environ["DESKHAND_ACCESSIBILITY"] = "off"  # pixels only, the same for every toolkit
    started = time.perf_counter()
    try:
        report = evaluate(tasks, conditions, args.threads)
    finally:
        display.stop()
    report["wall_seconds"] = round(time.perf_counter() - started, 1)
    report["conditions"] = conditions
    name = "tasks-smoke.json" if args.smoke else "tasks.json"
    publish(report, args.json or RESULTS / name, print_table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
