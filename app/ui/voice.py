"""The talk button's work, off the UI thread: the microphone while it is held, then the
speech engine; a WAV file given with `deskhand --audio-file` goes the same way.

``press`` and ``release`` are also the hook for a hold-to-talk global hotkey: both may
be called from any thread (press starts a worker thread, release sets an event).
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.services.compose import build_microphone
from app.services.voice.listen import hear
from automation.audio import Audio, AudioSource
from automation.audio.wav import WavFile
from automation.errors import DeskhandError
from models.speech import SpeechToText

BUG_FIX = "this is a bug in Deskhand: please report it with the trace printed on the terminal"

Microphone = Callable[[threading.Event], AudioSource]  # a source that records until the event is set


class Talk(QObject):
    heard = Signal(str)  # the request, tidied, numbers in digits
    failed = Signal(str, str)  # (message, fix): nothing heard, no microphone, engine missing
    listening = Signal(bool)  # the microphone is on / off
    unavailable = Signal(str)  # why there is no microphone: the panel says so, typing still works

    def __init__(
        self,
        engine: Callable[[], SpeechToText],
        hints: Callable[[], Sequence[str]] = list,
        microphone: Microphone = build_microphone,
    ) -> None:
        super().__init__()
        self._open_engine = engine
        self._engine: SpeechToText | None = None
        self.hints = hints  # slow (an observation): asked while the user is still speaking
        self.microphone = microphone
        self.stop = threading.Event()
        self.busy = threading.Lock()  # one utterance at a time
        self.pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="talk")

    def check(self, problem: Callable[[], str | None]) -> None:
        """Ask, off the UI thread, whether there is a microphone at all; load the engine meanwhile."""
        self.pool.submit(self._check, problem)

    def press(self) -> None:
        if not self.busy.acquire(blocking=False):
            return  # still hearing the last one
        self.stop.clear()
        self.listening.emit(True)
        self.pool.submit(self._hear, lambda: self.microphone(self.stop).record(), "the microphone")

    def release(self) -> None:
        self.stop.set()

    def hear_file(self, path: Path) -> None:
        self.busy.acquire()
        self.pool.submit(self._hear, WavFile(path).record, str(path))

    def close(self) -> None:
        self.stop.set()
        self.pool.shutdown(wait=True, cancel_futures=True)

    def engine(self) -> SpeechToText:
        if self._engine is None:
            self._engine = self._open_engine()
        return self._engine

    # On the pool's threads.
    def _check(self, problem: Callable[[], str | None]) -> None:
        why = problem()
        if why:
            self.unavailable.emit(why)
        try:
            load = getattr(self.engine(), "load", None)
            if callable(load):
                load()  # warm now: the first press should cost only the transcription
        except DeskhandError as err:
            self.failed.emit(err.message, err.fix)

    def _hear(self, record: Callable[[], Audio], where: str) -> None:
        try:
            hints = self.pool.submit(self._hints)
            audio = record()
            self.listening.emit(False)
            self.heard.emit(hear(audio, self.engine(), hints.result(), where).request)
        except DeskhandError as err:
            self.failed.emit(err.message, err.fix)
        except Exception as err:  # a thread has no caller to raise to: show it, keep the trace
            traceback.print_exc()
            self.failed.emit(f"hearing failed unexpectedly: {err!r}", BUG_FIX)
        finally:
            self.listening.emit(False)
            self.busy.release()

    def _hints(self) -> Sequence[str]:
        return self.hints()
