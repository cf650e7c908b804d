"""Recording a demonstration, for `deskhand record` and the panel: start under a name, a line per
step-like event through a callback, wait for the stop, and turn the folder into a stored skill.

The recording goes to a folder under the user data dir as it happens (see
automation/recording/journal.py). A recording a crash or kill -9 interrupted is found
at the next start and finished or discarded by the caller's choice.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.services import Say
from app.services.compose import build_eyes, build_input_hook, build_ocr
from app.services.paths import recordings_dir
from app.services.skills import open_store
from automation.errors import ActionFailed
from automation.protocols import OcrEngine
from automation.recording import journal
from automation.recording.assembler import MODIFIERS
from automation.recording.events import ClickEvent, Drag, KeyDown, KeyUp, RawEvent, Scroll, Secret
from automation.skills.model import Skill

if TYPE_CHECKING:
    from automation.recording.recorder import Recorder


def check_name_free(name: str, fix: str) -> None:
    """Say so before the user demonstrates anything, not after: ActionFailed when ``name`` is taken."""
    with open_store() as store:
        if name in store.names():
            raise ActionFailed(f"a skill named {name!r} already exists", fix)


@dataclass
class LiveRecording:
    """A recording under way: the recorder, the folder it writes, and the OCR that reads its shots."""

    recorder: Recorder
    writer: journal.Journal
    ocr: OcrEngine
    lines: StepLines | None

    def start(self) -> None:
        try:
            self.recorder.start()
        except BaseException:
            self.discard()
            raise

    def wait(self) -> str:
        """Until the stop key, the idle limit or ``recorder.stop``; the reason it stopped."""
        reason = self.recorder.wait()
        if self.lines is not None:
            self.lines.say_typed()
        return reason

    def discard(self) -> None:
        self.writer.close()
        journal.discard(journal.load(self.writer.folder))

    def save(self) -> Skill:
        return finish(self.writer.folder, self.ocr)


def prepare_recording(
    name: str,
    description: str,
    stop_key: str,
    until_idle: float | None = None,
    say: Say | None = None,
) -> LiveRecording:
    """A recorder ready to start; ``say`` gets a line per captured step (none when None).

    The input hook is built first: without the RECORD extension no folder is left behind.
    This process and its parents are ignored: the terminal or the panel is not part of the task."""
    from automation.recording.recorder import (
        Recorder,  # loaded on first use, not by `deskhand --help` (docs/architecture.md)
    )

    hook = build_input_hook()
    screen, windows, ocr = build_eyes()
    meta = {"display": os.environ.get("DISPLAY", ""), "screen": asdict(screen.bounds), "stop_key": stop_key}
    writer = journal.Journal.create(recordings_dir(), name, description, **meta)
    lines = StepLines(say) if say is not None else None
    recorder = Recorder(
        hook,
        screen,
        windows,
        ocr,
        writer,
        stop_key=stop_key,
        until_idle=until_idle,
        report=lines or (lambda e: None),
        ignore_pids=ancestors(),
    )
    return LiveRecording(recorder, writer, ocr, lines)


def finish(folder: Path, ocr: OcrEngine | None = None) -> Skill:
    """Turn a finished recording folder into a Skill and save it in the skill store."""
    from automation.skills.from_recording import (
        skill_from_recording,  # loaded on first use, not by `deskhand --help` (docs/architecture.md)
    )

    recording = journal.load(folder)
    skill: Skill = skill_from_recording(
        recording.events, folder / journal.SHOTS, recording.name, recording.description, ocr or build_ocr()
    )
    with open_store() as store:
        store.save(skill)
    return skill


def interrupted() -> list[journal.Recording]:
    """Recordings a crash or kill -9 left unfinished."""
    return journal.interrupted(recordings_dir())


def finish_interrupted(recording: journal.Recording) -> tuple[journal.Recording, Skill]:
    """Keep what an interrupted recording has: the finished recording and the skill made of it."""
    finished = journal.finish_interrupted(recording)
    return finished, finish(finished.folder)


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


class StepLines:
    """A line per step-like event, said as it happens; typed text once its field is left."""

    def __init__(self, say: Say) -> None:
        self.say = say
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
            self._step(f"key {'+'.join([*sorted(combo), event.key])}", event)
            return
        if isinstance(event, ClickEvent):
            kind = "double-click" if event.count == 2 else "click"
            self._step(f"{kind} {event.button} at {event.x},{event.y}", event)
        elif isinstance(event, Drag):
            self._step(f"drag from {event.x0},{event.y0} to {event.x1},{event.y1}", event)
        elif isinstance(event, Scroll):
            self._step(f"scroll {event.dy:+d} at {event.x},{event.y}", event)
        elif isinstance(event, Secret):
            self._step(f"typed {event.n} secret characters (not kept)", event)

    def say_typed(self) -> None:
        if self.typed:
            self.say(f"typed {''.join(self.typed)!r}")
            self.typed = []

    def _step(self, what: str, event: RawEvent) -> None:
        self.say_typed()
        where = f" in {event.window.title!r} [{event.window.app}]" if event.window else ""
        self.say(f"{what}{where}")
