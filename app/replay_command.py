"""`deskhand replay NAME --set key=value ...`: run a learned skill with new values.

Loads the skill, checks every parameter has a value (asking on a terminal, secrets
without echo; else exit 3), builds the session, replays with progress per step, and
records the run in the store. A model is loaded only when --model or --server asks
for repairs of steps whose anchor is gone; the healthy path makes no model call.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
import time
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from automation.errors import DeskhandError
from automation.skills.model import Skill

if TYPE_CHECKING:  # the replayer pulls in OpenCV and the actor: loaded when a replay runs
    from automation.skills.replay import ReplayResult, StepReport

EXIT_USAGE = 2


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


def parse_values(pairs: list[str], skill: Skill) -> dict[str, str]:
    values: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise ValueError(f"--set takes KEY=VALUE, not {pair!r}")
        values[key.strip()] = value
    known = {p.name for p in skill.params}
    unknown = sorted(set(values) - known)
    if unknown:
        takes = ", ".join(sorted(known)) or "no parameters"
        raise ValueError(f"{skill.name!r} has no parameter {', '.join(unknown)}; it takes: {takes}")
    return values


def ask_missing(skill: Skill, values: dict[str, str]) -> None:
    """On a terminal, ask for each missing value (secrets without echo); elsewhere leave them missing."""
    if not sys.stdin.isatty():
        return
    for p in skill.params:
        if p.name not in values:
            prompt = f"{p.name} ({p.description}): "
            values[p.name] = getpass.getpass(prompt) if p.secret else input(prompt)


def run(args: argparse.Namespace) -> int:
    from app.compose import build_session
    from app.do_command import confirmer, open_chosen_model
    from app.paths import data_dir
    from app.skills_command import open_store
    from automation.skills.replay import Replayer, missing_values

    with open_store() as store:
        skill = store.get(args.name)
        try:
            values = parse_values(args.values, skill)
        except ValueError as err:
            print(f"deskhand replay: {err}", file=sys.stderr)
            return EXIT_USAGE
        ask_missing(skill, values)
        missing_values(skill, values)  # exit 3 before anything is loaded or touched
        policy = None
        if args.model or args.server:
            from models.policy.policy import ModelPolicy

            policy = ModelPolicy(open_chosen_model(args.model, args.server, quiet=args.json))
        session = build_session()
        steps: list[StepReport] = []
        replayer = Replayer(
            session.desktop,
            session.observer,
            session.actor.gate,
            confirmer(args.yes),
            report=steps.append if args.json else print_step,
            policy=policy,
            shots=data_dir() / "replays",
        )
        started = time.perf_counter()
        try:
            result = replayer.run(skill, values)
        except DeskhandError as err:
            store.record_run(skill.name, time.perf_counter() - started, False, 0, err.message)
            raise
        store.record_run(skill.name, result.seconds, True, len(result.calls))
    if args.json:
        print(json.dumps(result_json(result, skill), indent=2, ensure_ascii=False))
    else:
        print(final_line(result, skill))
    return 0


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
