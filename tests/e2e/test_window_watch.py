"""X11Windows.watch on the suite's X server: a window shown, moved and closed is told as it happens.

The recorder lists the windows after each change it is told of, so a dialog that a click
closes at once was listed (and pictured) from when it appeared (docs/recording.md).
"""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

import pytest

from automation.backends.x11_windows import X11Windows
from automation.timings import wait_until
from tests.support.apps import legacy_app

pytestmark = pytest.mark.e2e


class Told:
    def __init__(self) -> None:
        self.count = 0
        self.threads: set[str] = set()

    def __call__(self) -> None:
        self.count += 1
        self.threads.add(threading.current_thread().name)

    def more_than(self, count: int) -> bool:
        return self.count > count


def test_a_window_shown_moved_and_closed_is_told_on_a_thread_of_its_own(tmp_path: Path) -> None:
    windows = X11Windows()
    told = Told()
    stop = windows.watch(told)
    try:
        app = legacy_app(tmp_path / "claims.jsonl")
        try:
            wait_until(lambda: told.more_than(0), name="the window's showing told", timeout=5)
            shown = told.count
            subprocess.run(["xdotool", "windowmove", str(app.window.id), "160", "90"], check=True, timeout=30)
            wait_until(lambda: told.more_than(shown), name="the window's move told", timeout=5)
            moved = told.count
        finally:
            app.stop()
        wait_until(lambda: told.more_than(moved), name="the window's closing told", timeout=5)
        assert told.threads == {"deskhand-window-watch"}
    finally:
        stop()
    closed = told.count
    app = legacy_app(tmp_path / "claims2.jsonl")  # after the stop, nothing is told
    app.stop()
    assert told.count == closed
