"""Recording a demonstration from the panel: start under a name, each captured step shown
in the conversation, stop, and the skill saved to the store (the `deskhand record` road)."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import asdict

from PySide6.QtCore import QObject, Signal

from app.record_command import Progress, ancestors, finish, recordings_root
from automation.errors import DeskhandError
from automation.recording import journal
from automation.recording.assembler import DEFAULT_STOP_KEY
from automation.recording.recorder import Recorder


class Lines:
    """A text stream whose lines become a signal: the recorder's progress lines, live."""

    def __init__(self, line: Callable[[str], None]) -> None:
        self.line = line
        self.pending = ""

    def write(self, text: str) -> int:
        self.pending += text
        *done, self.pending = self.pending.split("\n")
        for line in done:
            if line.strip():
                self.line(line.strip())
        return len(text)

    def flush(self) -> None:
        pass


class PanelRecording(QObject):
    step = Signal(str)  # a captured step, in words
    saved = Signal(str)  # what was saved
    failed = Signal(str, str)  # (message, fix)

    def __init__(self) -> None:
        super().__init__()
        self.recorder: Recorder | None = None

    @property
    def active(self) -> bool:
        return self.recorder is not None

    def start(self, name: str) -> None:
        from app.compose import build_eyes, build_input_hook
        from app.record_command import skill_store

        try:
            with skill_store() as store:
                if name in store.names():
                    self.failed.emit(f"a skill named {name!r} already exists", "choose another name")
                    return
            hook = build_input_hook()
            screen, windows, ocr = build_eyes()
        except DeskhandError as err:
            self.failed.emit(err.message, err.fix)
            return
        meta = {"display": os.environ.get("DISPLAY", ""), "screen": asdict(screen.bounds), "stop_key": DEFAULT_STOP_KEY}
        writer = journal.Journal.create(recordings_root(), name, "", **meta)
        progress = Progress(Lines(self.step.emit))  # type: ignore[arg-type]
        # Our own pid is among the ancestors: clicks on the panel are not part of the task.
        self.recorder = Recorder(hook, screen, windows, ocr, writer, report=progress, ignore_pids=ancestors())
        self.recorder.start()
        self.step.emit(f"recording {name!r}: do the task, then press Stop recording (or {DEFAULT_STOP_KEY})")
        threading.Thread(target=self._save, args=(self.recorder, writer, progress, ocr), daemon=True).start()

    def stop(self) -> None:
        if self.recorder is not None:
            self.recorder.stop("stopped from the panel")

    def _save(self, recorder: Recorder, writer: journal.Journal, progress: Progress, ocr: object) -> None:
        """On its own thread: wait for the end of the recording, then make and store the skill."""
        try:
            reason = recorder.wait()
            progress.say_typed()
            if recorder.stats.events == 0:
                journal.discard(journal.load(writer.folder))
                self.failed.emit(f"nothing was recorded ({reason}), so no skill was saved", "")
                return
            skill = finish(writer.folder, ocr)  # type: ignore[arg-type]
            self.saved.emit(f"saved skill {skill.name!r}: {len(skill.steps)} steps, {len(skill.params)} parameters")
        except DeskhandError as err:
            self.failed.emit(err.message, err.fix)
        finally:
            self.recorder = None
