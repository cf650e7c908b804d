"""Suite-wide isolation: our own X server, a temp DESKHAND_HOME, no foreign displays.

The X server starts in pytest_configure, before any test module can import an
input library (pyautogui and pynput connect to $DISPLAY at import time).
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import xserver

pytest_plugins = ["tests.support.model_files"]

_session: xserver.XSession | None = None


def pytest_configure(config: pytest.Config) -> None:
    global _session
    os.environ.pop("DISPLAY", None)  # never inherit a developer's real screen
    os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)  # nor their session bus (tests/support/session_bus.py)
    os.environ["OMP_THREAD_LIMIT"] = "1"
    # Installed model packs are a large, read-mostly cache: tests use the real one (setup.sh
    # installs the default pack there) even though DESKHAND_HOME moves per test; a test that
    # installs packs points DESKHAND_MODELS at its own tmp_path.
    from app.services.paths import models_dir

    os.environ["DESKHAND_MODELS"] = str(models_dir())
    logs = Path(tempfile.mkdtemp(prefix="deskhand-x-"))
    _session = xserver.start(logs)
    os.environ["DISPLAY"] = _session.name
    config.stash[display_key] = _session.name


def pytest_unconfigure(config: pytest.Config) -> None:
    if _session is not None:
        _session.stop()


display_key = pytest.StashKey[str]()


@pytest.fixture(scope="session")
def x_display(pytestconfig: pytest.Config) -> str:
    return pytestconfig.stash[display_key]


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pytestconfig: pytest.Config) -> Iterator[None]:
    """Every test gets its own DESKHAND_HOME and may only ever reach the suite's display."""
    ours = pytestconfig.stash[display_key]
    monkeypatch.setenv("DESKHAND_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("DISPLAY", ours)
    yield
    foreign = [name for name in input_displays() if name != ours]
    assert not foreign, f"an input backend pointed at {foreign}, not the suite's own display {ours}"


def input_displays() -> list[str]:
    """The displays the input libraries loaded in this process are connected to."""
    found = []
    x11 = sys.modules.get("pyautogui._pyautogui_x11")
    if x11 is not None:
        found.append(x11._display.get_display_name())
    return found
