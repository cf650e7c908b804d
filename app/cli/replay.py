"""`deskhand replay NAME --set key=value ...`: run a learned skill with new values.

Loads the skill, checks every parameter has a value (asking on a terminal, secrets
without echo; else exit 3), builds the session, replays with progress per step, and
records the run in the store. A model is loaded only when --model or --server asks
for repairs of steps whose anchor is gone; the healthy path makes no model call.
With ``--rows FILE`` the skill runs once per row instead (app.cli.rows).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from app.cli import rows
from app.cli.do import say_on_stderr
from app.cli.prompts import admitter, ask_missing, confirmer
from app.services.skills import make_replayer, open_store, parse_values, replay_and_record
from automation.errors import ExitCode
from automation.skills.model import Skill
from automation.skills.replay import ReplayResult, StepReport, missing_values
from automation.skills.trust import check_runnable


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    replay = sub.add_parser("replay", help="run a learned skill again with new values, no model needed")
    replay.add_argument("name", metavar="NAME", help="the skill (see `deskhand skills list`)")
    replay.add_argument(
        "--set", action="append", default=[], metavar="KEY=VALUE", dest="values", help="a parameter's value; repeat"
    )
    replay.add_argument("--yes", action="store_true", help="approve every confirmation (submit, save, delete, ...)")
    source = replay.add_mutually_exclusive_group()
    source.add_argument("--model", metavar="NAME|PATH", help="let this model repair a step whose anchor is gone")
    source.add_argument("--server", metavar="URL", help="let a model server repair a step whose anchor is gone")
    replay.add_argument("--json", action="store_true", help="print the steps and the result as JSON")
    replay.add_argument(
        "--rows", type=Path, metavar="FILE", help="run once per row of a .csv or .xlsx file; its columns are parameters"
    )
    replay.add_argument(
        "--on-error",
        choices=("stop", "continue"),
        help="with --rows: after a failed row, skip the rest (stop, the default) or try each later row (continue)",
    )


def run(args: argparse.Namespace) -> int:
    if args.rows:
        return rows.run(args)
    if args.on_error:
        print("deskhand replay: --on-error goes with --rows", file=sys.stderr)
        return ExitCode.USAGE
    with open_store() as store:
        skill = store.get(args.name)
        check_runnable(skill)  # an imported skill nobody reviewed: exit 8 before asking for values
        values = parse_values(args.values, skill)
        ask_missing(skill.params, values)
        missing_values(skill, values)  # exit 3 before anything is loaded or touched
        steps: list[StepReport] = []
        replayer = make_replayer(
            confirmer(args.yes),
            steps.append if args.json else print_step,
            args.model,
            args.server,
            say=(lambda line: None) if args.json else say_on_stderr,
            approver="--yes" if args.yes else "user",
            admit=admitter,  # another application: asked on a terminal, never approved by --yes
        )
        result = replay_and_record(store, replayer, skill, values)
    if args.json:
        print(json.dumps(result_json(result, skill), indent=2, ensure_ascii=False))
    else:
        print(final_line(result, skill))
    return ExitCode.OK


def print_step(r: StepReport) -> None:
    at = f" at {r.point[0]},{r.point[1]}" if r.point else ""
    print(f"{r.n:>2}/{r.total} {r.text}: {r.verdict}, by {r.how}{at} ({r.ms:.0f} ms)", flush=True)


def final_line(result: ReplayResult, skill: Skill) -> str:
    demo = f" (the demonstration took {skill.demo_seconds:.1f} s)" if skill.demo_seconds else ""
    return (
        f"replayed {skill.name!r}: {len(result.steps)} steps in {result.seconds:.1f} s{demo}; "
        f"{len(result.calls)} model calls"
    )


def result_json(result: ReplayResult, skill: Skill) -> dict[str, Any]:
    return {
        "skill": skill.name,
        "status": "done",
        "seconds": round(result.seconds, 3),
        "demo_seconds": skill.demo_seconds,
        "steps": [asdict(s) for s in result.steps],
        "model_calls": [asdict(c) for c in result.calls],
        "repairs_asked": result.consults,
    }
