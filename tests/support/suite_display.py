"""The suite's one X server, started only when a test that needs it is about to run.

A test needs X when it carries the ``x11`` mark: tests/conftest.py gives it to every test
under the folders in ``X_FOLDERS`` and to any test marked by hand. The server starts
before the first such test (and before its module- or session-wide fixtures) and is
stopped by PID when the run ends; a run of unit tests alone starts none.

Input libraries connect to $DISPLAY when imported (pyautogui, pynput). ``InputImportGuard``
refuses their import unless $DISPLAY is the suite's own running server, so an import at
a test module's top level (during collection, before any server is up) or from a test
that is not marked fails with a message, and never reaches another display.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import pytest

from tests.support import xserver

MARK = "x11"
MARK_HELP = f"{MARK}: needs the suite's own X server (every test under tests/e2e has it)"
X_FOLDERS = ("e2e",)  # under tests/: drive real applications on the display
INPUT_LIBRARIES = ("pyautogui", "pynput", "mouseinfo")  # each opens a display connection at import

_session: xserver.XSession | None = None


def needs_x(item: pytest.Item) -> bool:
    return item.get_closest_marker(MARK) is not None


def in_x_folder(item: pytest.Item, tests_root: Path) -> bool:
    try:
        relative = item.path.relative_to(tests_root)
    except ValueError:
        return False
    return relative.parts[0] in X_FOLDERS if len(relative.parts) > 1 else False


def running() -> str | None:
    """The suite's display name while its server runs, else None."""
    return _session.name if _session is not None else None


def start() -> str:
    """The suite's display, started on first use; it becomes $DISPLAY for the rest of the run."""
    global _session
    if _session is None:
        _session = xserver.start(Path(tempfile.mkdtemp(prefix="deskhand-x-")))
    os.environ["DISPLAY"] = _session.name
    return _session.name


def stop() -> None:
    global _session
    if _session is not None:
        session, _session = _session, None
        session.stop()
        if os.environ.get("DISPLAY") == session.name:
            del os.environ["DISPLAY"]


def pids() -> list[int]:
    """The processes the suite's server runs as (Xvfb, openbox); none when it is not running."""
    return [p.pid for p in _session.processes] if _session is not None else []


class InputImportGuard(importlib.abc.MetaPathFinder):
    """A finder that only ever refuses: an input library imported off the suite's display."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname.partition(".")[0] not in INPUT_LIBRARIES:
            return None
        ours, current = running(), os.environ.get("DISPLAY")
        if ours is not None and current == ours:
            return None  # the ordinary finders import it
        raise ImportError(
            f"{fullname} connects to the X display when imported, and DISPLAY={current!r} is not the suite's "
            f"running X server ({ours or 'not started'}): import it inside a test marked {MARK!r} "
            "(every test under tests/e2e is), never at a test module's top level"
        )


GUARD = InputImportGuard()
