"""`deskhand record NAME`: watch the user do a task once, and keep it for turning into a skill.

The recording goes to a folder under the user data dir as it happens (see
automation/recording/journal.py); at the end, ``finish`` hands the folder to the
skills half (reducers and store). A recording a crash or kill -9 interrupted is
found at the next start and finished or discarded: asked on a terminal, chosen by
--finish-interrupted / --discard-interrupted otherwise (exit 3 without either).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from app.paths import data_dir
from automation.errors import ActionFailed, NeedsAnswer
from automation.recording import journal
from automation.recording.assembler import DEFAULT_STOP_KEY, MODIFIERS, StopKey
from automation.recording.events import ClickEvent, Drag, KeyDown, KeyUp, RawEvent, Scroll, Secret

if TYPE_CHECKING:
    from automation.protocols import OcrEngine
    from automation.recording.recorder import Recorder
    from automation.skills.model import Skill
    from automation.skills.store import SkillStore

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


COMMANDS = ("record",)  # the subcommands this module adds and runs


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


def recordings_root() -> Path:
    return data_dir() / "recordings"


def run(args: argparse.Namespace) -> int:
    if not args.name and not args.recover:
        print("deskhand record: give the skill a NAME (or use --recover)", file=sys.stderr)
        return EXIT_USAGE
    if args.until_idle is not None and args.until_idle <= 0:
        print("deskhand record: --until-idle must be more than 0 seconds", file=sys.stderr)
        return EXIT_USAGE
    try:
        StopKey.parse(args.stop_key)
    except ValueError as err:
        print(f"deskhand record: {err}", file=sys.stderr)
        return EXIT_USAGE

    left = journal.interrupted(recordings_root())
    for recording in left:
        settle_interrupted(recording, args)
    if args.recover:
        if not left:
            print("No interrupted recording.", file=sys.stderr)
        return EXIT_OK
    with skill_store() as store:  # say so before the user demonstrates anything, not after
        if args.name in store.names():
            raise ActionFailed(
                f"a skill named {args.name!r} already exists",
                f"choose another name, or remove it first: deskhand skills rm {args.name}",
            )
    return record(args)


def settle_interrupted(recording: journal.Recording, args: argparse.Namespace) -> None:
    what = f"{recording.name!r} ({len(recording.events)} events, started {recording.meta.get('started', '?')})"
    if args.finish_interrupted:
        choice = "f"
    elif args.discard_interrupted:
        choice = "d"
    elif sys.stdin.isatty():
        choice = ""
        while choice not in ("f", "d", "l"):
            choice = input(f"An interrupted recording {what} was found. Finish it, discard it, or later? [f/d/l] ")
            choice = choice.strip().casefold()[:1]
    else:
        raise NeedsAnswer(
            f"an interrupted recording {what} is waiting in {recording.folder}: finish it or discard it?",
            "run again with --finish-interrupted or --discard-interrupted",
        )
    if choice == "d":
        journal.discard(recording)
        print(f"Discarded the interrupted recording {recording.name!r}.", file=sys.stderr)
    elif choice == "f":
        finished = journal.finish_interrupted(recording)
        print(f"Finished the interrupted recording {recording.name!r}: {len(finished.events)} events.", file=sys.stderr)
        hand_over(finished.folder)


def record(args: argparse.Namespace) -> int:
    from app.compose import build_eyes, build_input_hook
    from automation.recording.recorder import Recorder

    hook = build_input_hook()  # before any folder is made: no RECORD extension, nothing left behind
    screen, windows, ocr = build_eyes()
    meta = {"display": os.environ.get("DISPLAY", ""), "screen": asdict(screen.bounds), "stop_key": args.stop_key}
    writer = journal.Journal.create(recordings_root(), args.name, args.description, **meta)
    progress = Progress(sys.stderr) if sys.stderr.isatty() else None
    recorder = Recorder(
        hook,
        screen,
        windows,
        ocr,
        writer,
        stop_key=args.stop_key,
        until_idle=args.until_idle,
        report=progress or (lambda e: None),
        ignore_pids=ancestors(),
    )
    with stop_on_signals(recorder):
        try:
            recorder.start()
        except BaseException:
            writer.close()
            journal.discard(journal.load(writer.folder))
            raise
        stops = [args.stop_key, "Ctrl-C here"] + ([f"{args.until_idle:g} s without input"] if args.until_idle else [])
        print(f"Recording {args.name!r}. Stop with {', '.join(stops)}.", file=sys.stderr, flush=True)
        reason = recorder.wait()
    if progress is not None:
        progress.say_typed()
    stats = recorder.stats
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
        journal.discard(journal.load(writer.folder))
        print("Nothing was recorded, so no skill was saved.", file=sys.stderr)
        return EXIT_FAILED
    print(f"recording: {writer.folder}")
    hand_over(writer.folder, ocr)
    return EXIT_OK


def hand_over(folder: Path, ocr: OcrEngine | None = None) -> None:
    from app.compose import build_ocr

    skill = finish(folder, ocr or build_ocr())
    print(f"Saved skill {skill.name!r}: {len(skill.steps)} steps, {len(skill.params)} parameters.")
    if sys.stdin.isatty():  # a person is there to say what each value is; scripts and tests skip this
        from app.skill_questions import describe_on_terminal

        describe_on_terminal(skill)


def skill_store() -> SkillStore:
    from automation.skills.store import SkillStore

    return SkillStore(data_dir() / "skills.db")


def finish(folder: Path, ocr: OcrEngine) -> Skill:
    """Turn a finished recording folder into a Skill and save it in the skill store."""
    from automation.skills.from_recording import skill_from_recording

    recording = journal.load(folder)
    skill: Skill = skill_from_recording(
        recording.events, folder / journal.SHOTS, recording.name, recording.description, ocr
    )
    with skill_store() as store:
        store.save(skill)
    return skill


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


def ancestors() -> frozenset[int]:
    """This process and its parents: the terminal we run in is one, and is not part of the task."""
    pids = set()
    pid = os.getpid()
    while pid > 1 and pid not in pids:
        pids.add(pid)
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            break
        pid = int(stat.rsplit(")", 1)[1].split()[1])  # the field after the command name is the parent
    return frozenset(pids)


class Progress:
    """A line per step-like event on the terminal; typed text once its field is left."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.typed: list[str] = []
        self.held: set[str] = set()

    def __call__(self, event: RawEvent) -> None:
        if isinstance(event, KeyUp):
            self.held.discard(event.key)
            return
        if isinstance(event, KeyDown):
            if event.key in MODIFIERS:
                self.held.add(event.key)
                return
            combo = self.held - {"shift"}
            if len(event.key) == 1 and not combo:
                self.typed.append(event.key)
                return
            self.say(f"key {'+'.join([*sorted(combo), event.key])}", event)
            return
        if isinstance(event, ClickEvent):
            kind = "double-click" if event.count == 2 else "click"
            self.say(f"{kind} {event.button} at {event.x},{event.y}", event)
        elif isinstance(event, Drag):
            self.say(f"drag from {event.x0},{event.y0} to {event.x1},{event.y1}", event)
        elif isinstance(event, Scroll):
            self.say(f"scroll {event.dy:+d} at {event.x},{event.y}", event)
        elif isinstance(event, Secret):
            self.say(f"typed {event.n} secret characters (not kept)", event)

    def say_typed(self) -> None:
        if self.typed:
            print(f"  typed {''.join(self.typed)!r}", file=self.out)
            self.typed = []

    def say(self, what: str, event: RawEvent) -> None:
        self.say_typed()
        where = f" in {event.window.title!r} [{event.window.app}]" if event.window else ""
        print(f"  {what}{where}", file=self.out, flush=True)
