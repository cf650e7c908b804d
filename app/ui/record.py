"""Recording a demonstration from the panel: start under a name, each captured step shown
in the conversation, stop, and the skill saved to the store (app.services.recording, the
same road as `deskhand record`)."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal

from app.services.recording import LiveRecording, check_name_free, prepare_recording
from automation.errors import DeskhandError
from automation.recording.assembler import DEFAULT_STOP_KEY
from automation.recording.recorder import RecorderStats


class PanelRecording(QObject):
    step = Signal(str)  # a captured step, in words
    saved = Signal(str)  # what was saved
    failed = Signal(str, str)  # (message, fix)

    def __init__(self) -> None:
        super().__init__()
        self.live: LiveRecording | None = None

    @property
    def active(self) -> bool:
        return self.live is not None

    def start(self, name: str) -> None:
        try:
            check_name_free(name, "choose another name")
            # Our own pid is among the ignored ones: clicks on the panel are not part of the task.
            live = prepare_recording(name, "", DEFAULT_STOP_KEY, say=self.step.emit)
            live.start()
        except DeskhandError as err:
            self.failed.emit(err.message, err.fix)
            return
        self.live = live
        self.step.emit(f"recording {name!r}: do the task, then press Stop recording (or {DEFAULT_STOP_KEY})")
        threading.Thread(target=self._save, args=(live,), daemon=True).start()

    def stop(self) -> None:
        if self.live is not None:
            self.live.recorder.stop("stopped from the panel")

    def _save(self, live: LiveRecording) -> None:
        """On its own thread: wait for the end of the recording, then make and store the skill."""
        try:
            reason = live.wait()
            if live.recorder.stats.events == 0:
                live.discard()
                self.failed.emit(f"nothing was recorded ({reason}), so no skill was saved", "")
                return
            skill = live.save()
            said = f"saved skill {skill.name!r}: {len(skill.steps)} steps, {len(skill.params)} parameters"
            self.saved.emit("\n".join([said, *recording_notes(live.recorder.stats)]))
        except DeskhandError as err:
            self.failed.emit(err.message, err.fix)
        finally:
            self.live = None


def recording_notes(stats: RecorderStats) -> list[str]:
    """What `deskhand record` notes on stderr that the person should know here too: each typed
    value kept secret (it becomes a question answered unseen) and why, and the recorder's problems."""
    return [f"kept secret: {verdict}" for verdict in stats.secrets] + [f"note: {p}" for p in stats.problems]
