"""`deskhand log` and `deskhand forget`: read the audit log; remove what Deskhand kept (app.records does the work)."""

from __future__ import annotations

import argparse
import json
import sys
import time

from app import records
from automation.errors import NeedsAnswer, Refused, UsageError
from automation.skills.trust import clean

COMMANDS = ("log", "forget")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    log = sub.add_parser("log", help="the audit log: every action Deskhand sent, who approved it, how it went")
    log.add_argument(
        "--since", metavar="DURATION|DATE", help="only entries since 2h, 7d, 1w ago or a date (2026-12-01)"
    )
    log.add_argument("--json", action="store_true", help="one JSON object a line, as stored")
    forget = sub.add_parser("forget", help="remove recordings, failure screenshots, run history or everything")
    forget.add_argument("--skill", metavar="NAME", help="that skill's recordings, failure screenshots and run history")
    forget.add_argument(
        "--older-than", type=int, metavar="DAYS", help="runs, recordings and screenshots older than this"
    )
    forget.add_argument(
        "--all", action="store_true", help="everything: skills, runs, recordings, screenshots, audit log"
    )
    forget.add_argument("--yes", action="store_true", help="with --all: do not ask")


def run(args: argparse.Namespace) -> int:
    if args.command == "log":
        return show_log(args.since, args.json)
    return forget(args)


def show_log(since: str | None, as_json: bool) -> int:
    after = records.parse_since(since) if since else None
    for entry in records.read_log(after):
        if as_json:
            print(json.dumps(entry, ensure_ascii=False))
        else:
            print(clean(log_line(entry)))
    return 0


def log_line(e: dict[str, object]) -> str:
    if "unreadable" in e:
        return f"(unreadable line) {e['unreadable']}"
    when = e.get("time")
    stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(when)) if isinstance(when, (int, float)) else "?"
    value = e.get("value")
    typed = f" {value!r}" if isinstance(value, str) else ""
    target = f" {e.get('target')!r}" if e.get("target") else ""
    return (
        f"{stamp} {e.get('who')} [{e.get('request')}] step {e.get('step')}: {e.get('action')}{target}{typed} "
        f"in {e.get('window')!r} [{e.get('app')}]; approved by {e.get('confirmed')}; {e.get('result')}"
    )


def forget(args: argparse.Namespace) -> int:
    from app.skills_command import open_store

    chosen = [args.skill is not None, args.older_than is not None, args.all]
    if sum(chosen) != 1:
        raise UsageError("deskhand forget takes one of --skill NAME, --older-than DAYS, --all")
    if args.older_than is not None and args.older_than < 0:
        raise UsageError(f"--older-than {args.older_than}: give a number of days, 0 or more")
    if args.all and not args.yes:
        question = "remove every skill, run, recording, failure screenshot and the audit log?"
        if not sys.stdin.isatty():
            raise NeedsAnswer(f"confirmation needed: {question}", "deskhand forget --all --yes")
        if input(f"{question} [y/N] ").strip().casefold() not in ("y", "yes"):
            raise Refused("nothing was removed")
    with open_store() as store:
        done = records.forget(store, skill=args.skill, older_than_days=args.older_than, everything=args.all)
    print(f"forgot {done.words()}")
    return 0
