"""The task evaluation: requests in words on zoo forms and real applications, judged by their output.

    PYTHONPATH=$PWD .venv/bin/python -m tests.bench.tasks [--smoke] [--conditions default,first-option,free-form]
        [--packs installed|NAME[@THREADS],...] [--apps tk,gtk,...] [--demonstrated N] [--threads N]
        [--first-seed N]
        [--json FILE] [--journal FILE] [--resume]

One run, every condition: starts its own Xvfb and openbox; per application, every
condition's tasks one condition after the other. A zoo form (tests/support/zoo.py) is
started once and reset before each task; a real program (tests/support/zoo_apps.py)
is started again on fresh files before each task. The agent runs in this process (as `deskhand
do --yes` does: every confirmation approved, the task's answers given up front, no other
answer). After each zoo toolkit's tasks come its demonstrated tasks
(tests/bench/demonstrated.py: a replay and the coordinate macro, ``--demonstrated N``
runs each).

Conditions: ``default`` (the default pack through the option pipeline), ``first-option``
(the same, always option 1: tests/bench/baselines.py), ``free-form`` (no options: the
model writes the action JSON; capped at 5 steps and 30 s a task, tests/bench/task_caps.py),
``shuffled`` and ``first-option-shuffled`` (the options in a seeded random order, the answer
mapped back: whether the choice reads them), ``likelihood`` and ``likelihood-shuffled`` (each
option scored by the likelihood of its own text: tests/bench/choosing.py),
and ``pack:NAME`` / ``pack:NAME@THREADS`` for each pack of ``--packs`` (default: every
installed pack but the default). Each model is loaded once and its prompt prefix warmed
before its first task, as the panel does; a receipt is read once per seed.

Per task and condition: success (the application's output holds the goal; a must-refuse
task: nothing changed and the run ended "not possible" or "not about the screen"), false
"finished" (the run said done and the output does not hold the goal), capped (the time
cap ended it: a failure), steps, model calls, prompt tokens and how many were reused,
questions asked and how many were needed, wall seconds of the run (and of them observing,
deciding, the actor's observing and verifying), the request to the first input sent, and
seconds to reset and prepare. Totals per condition and per application. Every finished
task is appended to a journal (JSON lines, default beside the JSON) at once; ``--resume``
skips what the journal holds, ``--report-only`` publishes it, and a run stopped by SIGTERM
or SIGHUP stops every process it started and publishes what it has, marked partial. A
report, not a pass/fail test; the CI smoke subset (--smoke) is tests/e2e/test_task_smoke.py.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import cache, partial
from pathlib import Path
from typing import Any

from tests.bench.stop_signals import stopped_cleanly
from tests.bench.task_apps import start
from tests.bench.task_caps import OPTION_PIPELINE, Cap, CappedPolicy, cap_for
from tests.bench.task_journal import Journal
from tests.bench.task_set import FIRST_SEED, Task, all_tasks

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
    if task.ledger and not holds_transaction(after.get("books.xhb", ""), task.ledger):
        return False
    return all(name in after and text in after[name] for name, text in task.file.items())


def holds_transaction(books: str, wanted: dict[str, Any]) -> bool:
    """Whether HomeBank's saved books hold one transaction with ``wanted``'s amount (either sign:
    the requests do not say income or expense), its memo (the value of any attribute: HomeBank's
    name for it has changed between versions) and its other attributes (the payee's key)."""
    import xml.etree.ElementTree as ET

    try:
        root = ET.fromstring(books)
    except ET.ParseError:
        return False
    for op in root.iter("ope"):
        try:
            amount = abs(float(op.get("amount", "")))
        except ValueError:
            continue
        others = {k: v for k, v in wanted.items() if k not in ("amount", "memo")}
        memo = wanted.get("memo")
        if (
            abs(amount - abs(float(wanted["amount"]))) < 0.005
            and (memo is None or memo in op.attrib.values())
            and all(op.get(k) == v for k, v in others.items())
        ):
            return True
    return False


def run_task(task: Task, app: Any, policy: Any, session: Any, cap: Cap = OPTION_PIPELINE) -> dict[str, Any]:
    from app.services.attach import facts_of
    from automation.agent.describe import describe
    from automation.agent.loop import Agent, AgentReport, Status
    from automation.errors import DeskhandError

    prepared = time.perf_counter()
    app.reset(task)
    before = app.state()
    documents = receipt_documents(task.attach_seed) if task.attach_seed is not None else []
    setup = time.perf_counter() - prepared
    spent = dict.fromkeys(("observe", "decide", "act_observe", "ground", "verify"), 0.0)
    clock = {"started": time.perf_counter(), "first_action": -1.0}

    def note(report: AgentReport) -> None:  # where the task's time goes
        data = report.data
        if report.stage in ("observe", "decide") and "ms" in data:
            spent[report.stage] += float(data["ms"]) / 1000
        if report.stage == "act" and "verify_ms" in data:
            spent["act_observe"] += float(data.get("observe_ms", 0.0)) / 1000
            spent["ground"] += float(data.get("ground_ms", 0.0)) / 1000
            spent["verify"] += float(data["verify_ms"]) / 1000
            if clock["first_action"] < 0:  # the request to the first input sent (its checking not counted)
                clock["first_action"] = time.perf_counter() - clock["started"] - float(data["verify_ms"]) / 1000

    capped = CappedPolicy(policy, cap.seconds)
    agent = Agent(session.observer, session.actor, capped, confirm=lambda question, act: True, report=note,
                  max_steps=cap.steps)  # fmt: skip
    started = clock["started"] = time.perf_counter()
    error = ""
    try:
        result = agent.run(
            task.request,
            answers=task.answers,
            documents=[d.for_policy() for d in documents],
            facts=facts_of(documents),
        )
        status, steps, turns = str(result.status), result.steps, result.turns
        calls = sum(c.prompt_tokens > 0 for c in result.calls)  # first-option's stand-in choice is no call
        said, unmet = result.message, list(result.unmet)
        tokens = (sum(c.prompt_tokens for c in result.calls), sum(c.cached_tokens for c in result.calls))
    except DeskhandError as err:  # the run stopped with an error: not finished
        status, steps, calls, turns, error = f"error {int(err.exit_code)}", 0, 0, (), err.message
        said, unmet = err.message, []
        tokens = (0, 0)
    seconds = time.perf_counter() - started
    if capped.capped:
        status = "capped"
    after = app.state()
    ended = status in REFUSED if task.refuse else status == Status.DONE  # "capped" is neither
    success = ended and judge(task, before, after)
    finished = status == Status.DONE
    needed = {n.casefold() for n in task.needed}
    needed_asked = {p for a in capped.asked if (p := (a.param or "").casefold()) in needed}  # each counted once
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
        "prompt_tokens": tokens[0],
        "cached_tokens": tokens[1],  # of them, reused from the model's cache of the previous prompt
        "questions": len(capped.asked),
        "questions_needed": len(needed_asked),
        "seconds": round(seconds, 1),
        **{f"{k}_s": round(v, 1) for k, v in spent.items()},
        "first_action_s": round(clock["first_action"], 2) if clock["first_action"] >= 0 else None,
        "setup_s": round(setup, 1),
        "error": error,
        "holds": {k: after.get("values", {}).get(k) for k in task.values} if "values" in after else {},
        # what the run did and said, to tell a failure's cause from the output alone
        "turns": [f"{describe(t.decision)} -> {'ok' if t.ok else 'failed'}: {t.outcome}" for t in turns],
        "message": said,
        "unmet": unmet,
        "output": after.get("output") if "values" in after else None,
    }


# A must-refuse task is refused when the run says so: not possible, or not about the screen. A run
# that kept trying (failed targets, the step limit, the time cap) or asked a question did not refuse.
REFUSED = ("impossible", "replied")


@cache
def receipt_documents(seed: int) -> list[Any]:
    """A generated receipt, read as `--attach` reads it; read once per seed, the same for every condition."""
    from app.services.attach import read_attachments
    from tests.support.receipt_generator import generate, save

    return read_attachments([save(generate(seed), Path(tempfile.mkdtemp(prefix="receipt-")))])


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
        elif condition in CHOOSING:
            yield condition, partial(choosing_policy, model, DEFAULT_PACK, condition)
        elif condition.startswith("pack:"):
            name, _, n = condition[5:].partition("@")
            yield condition, partial(pack_policy, model, name, int(n) if n else threads)
        else:
            raise SystemExit(f"unknown condition {condition!r}")


CHOOSING = ["shuffled", "first-option-shuffled", "likelihood", "likelihood-shuffled"]


def choosing_policy(model: Callable[[str], Any], pack: str, condition: str) -> Any:
    """The default pack under another way of choosing (tests/bench/choosing.py): the options
    shown in a seeded random order (seed 0) and the answer mapped back, and/or each option
    scored by the likelihood of its own text instead of a number."""
    from models.policy.policy import ModelPolicy
    from tests.bench.baselines import FirstOption
    from tests.bench.choosing import ByLikelihood, Shuffled

    loaded = model(pack)
    base = condition.removesuffix("shuffled").removesuffix("-") or "default"
    chosen = {"default": loaded, "first-option": FirstOption(loaded), "likelihood": ByLikelihood(loaded)}[base]
    return ModelPolicy(Shuffled(chosen, 0) if condition.endswith("shuffled") else chosen)


def pack_policy(model: Callable[[str, int | None], Any], name: str, threads: int | None) -> Any:
    from models.policy.policy import ModelPolicy

    return ModelPolicy(model(name, threads))


def installed_packs() -> list[str]:
    """Every pack of the catalog installed here, the default first."""
    from app.services.paths import models_dir
    from models.packs import DEFAULT_PACK, load_catalog, pack_path

    names = [p.name for p in load_catalog().packs if pack_path(p, models_dir()).is_file()]
    return sorted(names, key=lambda n: n != DEFAULT_PACK)


TIMES = ("seconds", "setup_s", "observe_s", "decide_s", "act_observe_s", "ground_s", "verify_s")


def totals(rows: list[dict[str, Any]]) -> dict[str, Any]:
    def share(part: list[dict[str, Any]]) -> str:
        return f"{sum(r['success'] for r in part)}/{len(part)}" if part else "-"

    short = [r for r in rows if r["kind"] != "refuse"]
    refuse = [r for r in rows if r["kind"] == "refuse"]
    asked = sum(r["questions"] for r in rows)
    apps = dict.fromkeys(r["app"] for r in rows)
    summed = {k: round(sum(r.get(k, 0.0) for r in rows), 1) for k in TIMES}
    return {
        "success": share(rows),
        "undemonstrated": share(short),
        "refused": share(refuse),
        "false_finished": sum(r["false_finished"] for r in rows),
        "capped": sum(r["status"] == "capped" for r in rows),
        "not_run": sum(r["status"] == "not run" for r in rows),
        "questions": asked,
        "questions_not_needed": asked - sum(r["questions_needed"] for r in rows),
        "steps": sum(r["steps"] for r in rows),
        "model_calls": sum(r["model_calls"] for r in rows),
        **summed,
        "first_action_median_s": median([r["first_action_s"] for r in rows if r.get("first_action_s") is not None]),
        "by_app": {app: share_with_false([r for r in rows if r["app"] == app]) for app in apps},
    }


def median(values: list[float]) -> float | None:
    return round(statistics.median(values), 2) if values else None


def share_with_false(rows: list[dict[str, Any]]) -> str:
    """Successes of all, and the false finishes among them when there are any: "5/8 (1F)"."""
    false = sum(r["false_finished"] for r in rows)
    return f"{sum(r['success'] for r in rows)}/{len(rows)}" + (f" ({false}F)" if false else "")


def print_table(report: dict[str, Any]) -> None:
    print(
        "| condition | success | tasks (not refusals) | refused | false finished | capped | questions (not needed) "
        "| steps | model calls | wall s | of it: observe, decide, act's observe, verify | reset s "
        "| request to 1st action s (median) |"
    )
    print("| --- |" + " --- |" * 12)
    for name, t in report["totals"].items():
        cells = [t["success"], t["undemonstrated"], t["refused"], t["false_finished"], t["capped"]]
        cells += [f"{t['questions']} ({t['questions_not_needed']})", t["steps"], t["model_calls"]]
        cells += [t["seconds"], f"{t['observe_s']}, {t['decide_s']}, {t['act_observe_s']}, {t['verify_s']}"]
        cells += [t["setup_s"], t["first_action_median_s"]]
        print(f"| {name} | " + " | ".join(str(c) for c in cells) + " |")
    apps = list(dict.fromkeys(a for t in report["totals"].values() for a in t["by_app"]))
    print("\n| condition | " + " | ".join(apps) + " |")
    print("| --- |" + " --- |" * len(apps))
    for name, t in report["totals"].items():
        print(f"| {name} | " + " | ".join(t["by_app"].get(a, "-") for a in apps) + " |")
    if report.get("demonstrated"):
        print_demonstrated(report["demonstrated"])
    print("\n| task | " + " | ".join(report["totals"]) + " |")
    print("| --- |" + " --- |" * len(report["totals"]))
    for task in report["tasks"]:
        cells = []
        for name in report["totals"]:
            r = report["rows"].get(name, {}).get(task)
            if r is None:
                cells.append("-")
            else:
                mark = "ok" if r["success"] else ("FALSE DONE" if r["false_finished"] else r["status"])
                cells.append(f"{mark} {r['steps']}st {r['seconds']}s")
        print(f"| {task} | " + " | ".join(cells) + " |")
    print(f"\nwall {report.get('wall_seconds')} s; application starts {report.get('starts')}")


def print_demonstrated(demo: dict[str, Any]) -> None:
    toolkits = list(dict.fromkeys(r["task"].split("-demo-")[0] for rows in demo.values() for r in rows))
    print("\n| demonstrated | " + " | ".join(toolkits) + " | all | false finished | model calls | wall s |")
    print("| --- |" + " --- |" * (len(toolkits) + 4))
    for player, rows in demo.items():
        cells = []
        for tk in toolkits:
            mine = [r for r in rows if r["task"].startswith(f"{tk}-demo-")]
            cells.append(f"{sum(r['success'] for r in mine)}/{len(mine)}")
        cells.append(f"{sum(r['success'] for r in rows)}/{len(rows)}")
        cells.append(str(sum(r["false_finished"] for r in rows)) if player == "replay" else "-")
        cells += [str(sum(r["model_calls"] for r in rows)), str(round(sum(r["seconds"] for r in rows), 1))]
        print(f"| {player} | " + " | ".join(cells) + " |")


def not_run(task: Task, why: str) -> dict[str, Any]:
    zeros = dict.fromkeys(("steps", "model_calls", "questions", "questions_needed"), 0)
    flags = {"success": False, "finished": False, "false_finished": False}
    return {"task": task.id, "kind": task.kind, "app": task.app, **flags, "status": "not run", **zeros,
            "seconds": 0.0, "error": why}  # fmt: skip


def mark(row: dict[str, Any]) -> str:
    return "ok" if row["success"] else "FALSE DONE" if row["false_finished"] else "no"


def run_app(
    app: str,
    mine: list[Task],
    made: list[tuple[str, Callable[[], Any]]],
    session: Any,
    journal: Journal,
    tmp: Path,
    say: Callable[[str], None],
    missed: dict[str, dict[str, dict[str, Any]]],
    starts: dict[str, float],
) -> None:
    """Every condition's tasks on ``app``, condition after condition (the model's prompt cache stays warm).

    A zoo form is started once for all conditions and reset before each task; a real
    application is started again on fresh files before each task (its reset). An application that dies or
    will not reset is started again for the next task; one that will not start fails
    every task it has left."""
    running: Any = None
    broken = ""
    try:
        for name, make in made:
            todo = [t for t in mine if not journal.has(name, t.id)]
            if not todo:
                continue
            if running is not None and not running.resettable:
                running.stop()
                running = None
            policy = None
            for task in todo:
                if broken:
                    missed.setdefault(name, {})[task.id] = not_run(task, broken)
                    continue
                try:
                    if running is None:
                        started = time.perf_counter()
                        try:
                            folder = tmp / f"{app}-{name.replace(':', '_')}-{task.id}"
                            running = start(app, folder, task.seed or None)  # the draw's form
                        except Exception as err:
                            broken = f"could not start: {err}"
                            raise
                        finally:
                            starts[app] = round(starts.get(app, 0.0) + time.perf_counter() - started, 1)
                    if policy is None:
                        policy = make()
                        getattr(policy, "warm", lambda: None)()  # as the panel does once the model is loaded
                    row = run_task(task, running, policy, session, cap_for(name))
                except Exception as err:  # the application died or would not reset: this task failed, start again
                    say(f"{name} {task.id}: not run ({err})")
                    missed.setdefault(name, {})[task.id] = not_run(
                        task, str(err).splitlines()[0] if str(err) else repr(err)
                    )
                    if running is not None:
                        running.stop()
                        running = None
                    continue
                journal.add(name, row)
                say(f"{name:<22} {task.id:<26} {mark(row)} {row['status']} {row['steps']} st {row['seconds']}s")
    finally:
        if running is not None:
            running.stop()


def run_demonstrated(toolkit: str, runs: int, tmp: Path, journal: Journal, say: Callable[[str], None]) -> None:
    """tests/bench/demonstrated.py's replays and coordinate macro on ``toolkit``, into the journal."""
    from tests.bench import demonstrated

    ids = [f"{toolkit}-demo-{n + 1}" for n in range(runs)]
    if all(journal.has(p, i) for p in ("replay", "macro") for i in ids):
        return
    rng = random.Random(demonstrated.SEED + demonstrated.ALL_TOOLKITS.index(toolkit))
    work = tmp / f"demo-{toolkit}"
    work.mkdir(parents=True, exist_ok=True)
    try:
        rows = demonstrated.run_toolkit(toolkit, runs, work, rng)
    except Exception as err:  # a form that cannot be demonstrated: its replays fail, and say why
        say(f"{toolkit}: demonstration failed ({err})")
        rows = demonstrated.not_demonstrated(toolkit, runs, err)
    for row in rows:
        journal.add(row["player"], row)


def evaluate(
    tasks: list[Task],
    conditions: list[str],
    threads: int | None,
    say: Callable[[str], None] = print,
    journal: Journal | None = None,
    demo_runs: int = 0,
) -> dict[str, Any]:
    from app.services.compose import build_session
    from tests.bench.demonstrated import ALL_TOOLKITS

    journal = journal or Journal()
    session = build_session()
    made = list(policies(conditions, threads))
    missed: dict[str, dict[str, dict[str, Any]]] = {}
    starts: dict[str, float] = {}
    apps = list(dict.fromkeys(t.app for t in tasks))
    with tempfile.TemporaryDirectory(prefix="deskhand-tasks-") as folder:
        tmp = Path(folder)
        try:
            for app in apps:
                run_app(app, [t for t in tasks if t.app == app], made, session, journal, tmp, say, missed, starts)
                if demo_runs and app in ALL_TOOLKITS:
                    run_demonstrated(app, demo_runs, tmp, journal, say)
        finally:
            stop_wine(tmp)
    return report_of(tasks, [name for name, _ in made], journal, missed, starts)


def stop_wine(tmp: Path) -> None:
    """The wineserver of the run's own Wine prefix, if one was made (it outlives the form for a while)."""
    prefix = tmp / "cache" / "wineprefix"
    if prefix.is_dir():
        env = {**os.environ, "WINEPREFIX": str(prefix)}
        subprocess.run(["wineserver", "-k"], env=env, capture_output=True, timeout=30, check=False)


def report_of(
    tasks: list[Task],
    names: list[str],
    journal: Journal,
    missed: dict[str, dict[str, dict[str, Any]]],
    starts: dict[str, float],
) -> dict[str, Any]:
    """The report from the journal (this run's rows and any resumed ones) and the tasks that did not run."""
    rows: dict[str, dict[str, dict[str, Any]]] = {}
    for name in names:
        done, lost = journal.rows.get(name, {}), missed.get(name, {})
        rows[name] = {t.id: done.get(t.id) or lost[t.id] for t in tasks if t.id in done or t.id in lost}
    demo = {p: list(journal.rows[p].values()) for p in ("replay", "macro") if journal.rows.get(p)}
    return {
        "tasks": [t.id for t in tasks],
        "rows": rows,
        "totals": {name: totals(list(r.values())) for name, r in rows.items() if r},
        "demonstrated": demo,
        "starts": starts,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="the CI subset: a few Tk tasks, the default pack")
    parser.add_argument("--conditions", default="default,first-option,free-form")
    parser.add_argument(
        "--packs", default="installed", help="more packs, each a condition (NAME or NAME@THREADS); 'installed': every "
        "installed pack but the default; '' for none"
    )  # fmt: skip
    parser.add_argument("--apps", default="", help="comma-separated applications; default all")
    parser.add_argument("--demonstrated", type=int, default=4, metavar="N", help="replays per toolkit (0: none)")
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument(
        "--first-seed", type=int, default=FIRST_SEED, help="the zoo forms' first seed (task_set.py: which are spent)"
    )
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--journal", type=Path, default=None, help="one JSON line per task (default beside the JSON)")
    parser.add_argument("--resume", action="store_true", help="skip the tasks the journal already holds")
    parser.add_argument("--report-only", action="store_true", help="publish the journal's table; run nothing")
    args = parser.parse_args(argv)
    conditions = ["default"] if args.smoke else [c for c in args.conditions.split(",") if c]
    packs = [p for p in args.packs.split(",") if p] if not args.smoke else []
    if packs == ["installed"]:
        packs = installed_packs()[1:]
    conditions += [f"pack:{p}" for p in packs]
    tasks = all_tasks(smoke=args.smoke, first=args.first_seed)
    if args.apps:
        tasks = [t for t in tasks if t.app in args.apps.split(",")]
    out = args.json or RESULTS / ("tasks-smoke.json" if args.smoke else "tasks.json")
    journal = Journal(args.journal or out.with_suffix(".jsonl"), resume=args.resume or args.report_only)
    from tests.bench.report import publish

    if args.report_only:
        held = [c for c in journal.rows if c not in ("replay", "macro")]
        publish({**report_of(tasks, held, journal, {}, {}), "conditions": held, "partial": None}, out, print_table)
        return 0
    from tests.support import xserver

    with stopped_cleanly():
        scratch, display = xserver.start_for_benchmark("deskhand-tasks-")
        from app.services.paths import models_dir

        os.environ.setdefault("DESKHAND_MODELS", str(models_dir()))  # the installed packs, before HOME moves
        os.environ.setdefault("DESKHAND_HOME", str(scratch / "home"))
        os.environ["DESKHAND_ACCESSIBILITY"] = "off"  # pixels only, the same for every toolkit
        started = time.perf_counter()
        partial_run = True
        try:
            report = evaluate(
                tasks, conditions, args.threads, journal=journal, demo_runs=0 if args.smoke else args.demonstrated
            )
            partial_run = False
        finally:
            display.stop()
            if partial_run:  # stopped: the table of what the journal holds, marked as partial
                report = report_of(tasks, conditions, journal, {}, {})
                report["partial"] = True
                report["wall_seconds"] = round(time.perf_counter() - started, 1)
                publish(report, out, print_table)
    report["wall_seconds"] = round(time.perf_counter() - started, 1)
    report["conditions"] = conditions
    report["partial"] = False
    publish(report, out, print_table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
