"""`deskhand forget`: remove a skill's recordings, what is older than N days, or everything (app.services.records)."""

from __future__ import annotations

import argparse
import sys

from app.cli.prompts import yes_no
from app.services import records
from app.services.skills import open_store
from automation.errors import ExitCode, NeedsAnswer, Refused, UsageError


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
    if sum([args.skill is not None, args.older_than is not None, args.all]) != 1:
        raise UsageError("deskhand forget takes one of --skill NAME, --older-than DAYS, --all")
    if args.older_than is not None and args.older_than < 0:
        raise UsageError(f"--older-than {args.older_than}: give a number of days, 0 or more")
    if args.all and not args.yes:
        question = "remove every skill, run, recording, failure screenshot and the audit log?"
        if not sys.stdin.isatty():
            raise NeedsAnswer(f"confirmation needed: {question}", "deskhand forget --all --yes")
        if not yes_no(question):
            raise Refused("nothing was removed")
    with open_store() as store:
        done = records.forget(store, skill=args.skill, older_than_days=args.older_than, everything=args.all)
    print(f"forgot {done.words()}")
    return ExitCode.OK
