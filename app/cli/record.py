"""`deskhand record NAME`: watch the user do a task once, and keep it as a skill.

The recording itself is app.services.recording; this module checks the arguments,
settles a recording a crash or kill -9 interrupted (asked on a terminal, chosen by
--finish-interrupted / --discard-interrupted otherwise; exit 3 without either), makes
Ctrl-C and SIGTERM finish the recording rather than abort it, and prints what it saw.
"""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from app.cli.prompts import choose, describe_on_terminal
from app.services.recording import check_name_free, finish, finish_interrupted, interrupted, prepare_recording
from automation.errors import ExitCode, NeedsAnswer
from automation.recording import journal
from automation.recording.assembler import DEFAULT_STOP_KEY, StopKey
from automation.skills.model import Skill

if TYPE_CHECKING:
    from automation.recording.recorder import Recorder


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    record = sub.add_parser("record", help="watch you do a task once, to learn it as a skill")
    record.add_argument("name", nargs="?", metavar="NAME", help="what to call the skill")
    record.add_argument("--description", default="", metavar="TEXT", help="what the task is for, in your words")
    record.add_argument(
        "--until-idle", type=float, metavar="SECONDS", help="stop after SECONDS without a click or key from you"
    )
    record.add_argument(
        "--stop-key", default=DEFAULT_STOP_KEY, metavar="COMBO", help=f"the key that stops (default {DEFAULT_STOP_KEY})"
    )
    record.add_argument("--recover", action="store_true", help="only finish or discard an interrupted recording")
    choice = record.add_mutually_exclusive_group()
    choice.add_argument("--finish-interrupted", action="store_true", help="keep what an interrupted recording has")
    choice.add_argument("--discard-interrupted", action="store_true", help="delete an interrupted recording")


def run(args: argparse.Namespace) -> int:
    if not args.name and not args.recover:
        print("deskhand record: give the skill a NAME (or use --recover)", file=sys.stderr)
        return ExitCode.USAGE
    if args.until_idle is not None and args.until_idle <= 0:
        print("deskhand record: --until-idle must be more than 0 seconds", file=sys.stderr)
        return ExitCode.USAGE
    try:
        StopKey.parse(args.stop_key)
    except ValueError as err:
        print(f"deskhand record: {err}", file=sys.stderr)
        return ExitCode.USAGE

    left = interrupted()
    for recording in left:
        settle_interrupted(recording, args)
    if args.recover:
        if not left:
            print("No interrupted recording.", file=sys.stderr)
        return ExitCode.OK
    check_name_free(args.name, f"choose another name, or remove it first: deskhand skills rm {args.name}")
    return record(args)


def settle_interrupted(recording: journal.Recording, args: argparse.Namespace) -> None:
    what = f"{recording.name!r} ({len(recording.events)} events, started {recording.meta.get('started', '?')})"
    if args.finish_interrupted:
        choice = "f"
    elif args.discard_interrupted:
        choice = "d"
    elif sys.stdin.isatty():
        choice = choose(f"An interrupted recording {what} was found. Finish it, discard it, or later?", "fdl")
    else:
        raise NeedsAnswer(
            f"an interrupted recording {what} is waiting in {recording.folder}: finish it or discard it?",
            "run again with --finish-interrupted or --discard-interrupted",
        )
    if choice == "d":
        journal.discard(recording)
        print(f"Discarded the interrupted recording {recording.name!r}.", file=sys.stderr)
    elif choice == "f":
        finished, skill = finish_interrupted(recording)
        print(f"Finished the interrupted recording {recording.name!r}: {len(finished.events)} events.", file=sys.stderr)
        saved(skill)


def record(args: argparse.Namespace) -> int:
    live = prepare_recording(
        args.name, args.description, args.stop_key, args.until_idle, say=say_step if sys.stderr.isatty() else None
    )
    with stop_on_signals(live.recorder):
        live.start()
        stops = [args.stop_key, "Ctrl-C here"] + ([f"{args.until_idle:g} s without input"] if args.until_idle else [])
        print(f"Recording {args.name!r}. Stop with {', '.join(stops)}.", file=sys.stderr, flush=True)
        reason = live.wait()
    stats = live.recorder.stats
    print(
        f"Stopped ({reason}): {stats.events} events, {stats.shots} screenshots, "
        f"{stats.late_shots} taken late; fields classified: {len(stats.classified)}.",
        file=sys.stderr,
    )
    for verdict in stats.fields:
        print(f"  {verdict}", file=sys.stderr)
    for problem in stats.problems:
        print(f"  note: {problem}", file=sys.stderr)
    if stats.events == 0:  # stopped before the user did anything: there is nothing to learn
        live.discard()
        print("Nothing was recorded, so no skill was saved.", file=sys.stderr)
        return ExitCode.FAILED
    print(f"recording: {live.writer.folder}")
    saved(finish(live.writer.folder, live.ocr))
    return ExitCode.OK


def saved(skill: Skill) -> None:
    print(f"Saved skill {skill.name!r}: {len(skill.steps)} steps, {len(skill.params)} parameters.")
    if sys.stdin.isatty():  # a person is there to say what each value is; scripts and tests skip this
        describe_on_terminal(skill)


def say_step(line: str) -> None:
    print(f"  {line}", file=sys.stderr, flush=True)


@contextmanager
def stop_on_signals(recorder: Recorder) -> Iterator[None]:
    """Ctrl-C and SIGTERM finish the recording (they do not abort it)."""
    handlers = {
        signal.SIGINT: lambda *_: recorder.stop("Ctrl-C"),
        signal.SIGTERM: lambda *_: recorder.stop("terminated"),
    }
    previous = {sig: signal.signal(sig, handler) for sig, handler in handlers.items()}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
