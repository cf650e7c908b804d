"""`deskhand replay NAME --set key=value ...`: run a learned skill with new values.

Loads the skill, checks every parameter has a value (asking on a terminal, secrets
without echo; else exit 3), builds the session, replays with progress per step, and
records the run in the store. A model is loaded only when --model or --server asks
for repairs of steps whose anchor is gone; the healthy path makes no model call.
With ``--rows FILE`` the skill runs once per row instead (app.bulk_replay).
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from automation.errors import DeskhandError, UsageError
from automation.secrets import redact
from automation.skill_card import SkillParam
from automation.skills.model import Skill

if TYPE_CHECKING:  # the replayer pulls in OpenCV and the actor: loaded when a replay runs
    from automation.protocols import Confirm
    from automation.skills.replay import Replayer, ReplayResult, StepReport
    from automation.skills.store import SkillStore

EXIT_USAGE = 2


COMMANDS = ("replay",)  # the subcommands this module adds and runs


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


def parse_values(pairs: list[str], skill: Skill) -> dict[str, str]:
    values: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise UsageError(f"--set takes KEY=VALUE, not {pair!r}", "e.g. --set amount=42.50")
        values[key.strip()] = value
    known = {p.name for p in skill.params}
    unknown = sorted(set(values) - known)
    if unknown:
        takes = ", ".join(sorted(known)) or "no parameters"
        raise UsageError(f"{skill.name!r} has no parameter {', '.join(unknown)}; it takes: {takes}")
    return values


def ask_missing(params: Iterable[SkillParam], values: dict[str, str]) -> None:
    """On a terminal, ask for each missing value (secrets without echo); elsewhere leave them missing."""
    if not sys.stdin.isatty():
        return
    for p in params:
        if p.name not in values:
            prompt = f"{p.name} ({p.description}): "
            values[p.name] = getpass.getpass(prompt) if p.secret else input(prompt)


def run(args: argparse.Namespace) -> int:
    from app.do_command import confirmer
    from app.skills_command import open_store
    from automation.skills.replay import missing_values

    if args.rows:
        from app import bulk_replay

        return bulk_replay.run(args)
    if args.on_error:
        print("deskhand replay: --on-error goes with --rows", file=sys.stderr)
        return EXIT_USAGE
    with open_store() as store:
        skill = store.get(args.name)
        values = parse_values(args.values, skill)
        ask_missing(skill.params, values)
        missing_values(skill, values)  # exit 3 before anything is loaded or touched
        steps: list[StepReport] = []
        replayer = make_replayer(args, confirmer(args.yes), steps.append if args.json else print_step)
        result = replay_and_record(store, replayer, skill, values)
    if args.json:
        print(json.dumps(result_json(result, skill), indent=2, ensure_ascii=False))
    else:
        print(final_line(result, skill))
    return 0


def make_replayer(args: argparse.Namespace, confirm: Confirm, report: Callable[[StepReport], None]) -> Replayer:
    """The session's replayer, with a model for repairs only when --model or --server names one."""
    from app.compose import build_session
    from app.do_command import open_chosen_model
    from app.paths import data_dir
    from automation.skills.replay import Replayer

    policy = None
    if args.model or args.server:
        from models.policy.policy import ModelPolicy

        policy = ModelPolicy(open_chosen_model(args.model, args.server, quiet=args.json))
    session = build_session()
    return Replayer(
        session.desktop,
        session.observer,
        session.actor.gate,
        confirm,
        report=report,
        policy=policy,
        shots=data_dir() / "replays",
    )


def replay_and_record(
    store: SkillStore, replayer: Replayer, skill: Skill, values: Mapping[str, str], request: str = ""
) -> ReplayResult:
    """One replay, recorded in the store's history with its values (the store keeps no secret)
    and, when it was asked for in words, the request (the dataset export learns from it)."""
    started = time.perf_counter()
    try:
        result = replayer.run(skill, values)
    except DeskhandError as err:
        secrets = [values.get(p.name, "") for p in skill.params if p.secret]
        message = redact(err.message, secrets)
        store.record_run(skill.name, time.perf_counter() - started, False, 0, message, args=values, request=request)
        raise
    store.record_run(skill.name, result.seconds, True, len(result.calls), args=values, request=request)
    return result


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
