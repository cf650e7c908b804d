"""The panel's signals sent from its worker thread leave Python's True and False as they were.

PySide6 6.12.0 drops a reference to True for every signal queued from another thread, whatever
its arguments: after some hundreds the panel's process aborted, "Fatal Python error:
bool_dealloc" (once at a test worker's exit, round 17). 6.11 does not; pyproject.toml keeps
PySide6 under 6.12. This test fails on 6.12.0.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QThread, Signal, Slot
from pytestqt.qtbot import QtBot

from app.ui.worker import AgentWorker

SENT = 200


class Asker(QObject):
    """Sends the worker's own signals from the thread it is moved to, as the worker does."""

    done = Signal()

    def __init__(self, worker: AgentWorker) -> None:
        super().__init__()
        self.worker = worker

    @Slot()
    def send(self) -> None:
        for i in range(SENT):
            self.worker.question.emit("Who did you eat with?", i % 2 == 0)
            self.worker.status.emit("ready")
        self.done.emit()


def test_signals_from_the_worker_thread_keep_every_bool(qtbot: QtBot) -> None:
    worker = AgentWorker(factory=lambda: None)  # type: ignore[arg-type,return-value]
    got: list[object] = []
    worker.question.connect(lambda text, secret: got.append(text))  # no bool kept: it would count
    worker.status.connect(got.append)
    thread = QThread()
    asker = Asker(worker)
    asker.moveToThread(thread)
    thread.started.connect(asker.send)
    before = sys.getrefcount(False), sys.getrefcount(True)
    thread.start()
    try:
        qtbot.waitUntil(lambda: len(got) == 2 * SENT, timeout=10_000)
    finally:
        thread.quit()
        thread.wait()
    after = sys.getrefcount(False), sys.getrefcount(True)
    assert all(abs(a - b) < SENT // 4 for a, b in zip(before, after, strict=True)), (before, after)
