"""Suite-wide isolation: a temp DESKHAND_HOME, our own X server only for tests that need
one, and no foreign displays ever.

Tests under tests/e2e (and any test marked ``x11``) get the suite's Xvfb, started just
before the first of them runs (tests/support/suite_display.py); every other test runs
with DISPLAY unset, so one that reaches for a screen fails loudly instead of finding one,
and a run of unit tests alone starts no X server. Input libraries connect to $DISPLAY at
import: their import is refused anywhere but on the suite's running display.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import suite_display

pytest_plugins = ["tests.support.model_files", "tests.support.known_gap_failures", "tests.support.worker_crashes"]

TESTS = Path(__file__).resolve().parent


def pytest_configure(config: pytest.Config) -> None:
    os.environ.pop("DISPLAY", None)  # never inherit a developer's real screen
    os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)  # nor their session bus (tests/support/session_bus.py)
    sys.meta_path.insert(0, suite_display.GUARD)
    config.addinivalue_line("markers", suite_display.MARK_HELP)
    os.environ["OMP_THREAD_LIMIT"] = "1"
    # A CI timeout or `kill` sends SIGTERM, whose default ends Python at once and leaves our
    # Xvfb and forms running: as an interrupt, pytest tears fixtures down and unconfigures.
    signal.signal(signal.SIGTERM, _interrupt)
    # Installed model packs are a large, read-mostly cache: tests use the real one (setup.sh
    # installs the default pack there) even though DESKHAND_HOME moves per test; a test that
    # installs packs points DESKHAND_MODELS at its own tmp_path.
    from app.services.paths import models_dir

    os.environ["DESKHAND_MODELS"] = str(models_dir())


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def pytest_unconfigure(config: pytest.Config) -> None:
    suite_display.stop()
    if suite_display.GUARD in sys.meta_path:
        sys.meta_path.remove(suite_display.GUARD)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if suite_display.in_x_folder(item, TESTS):
            item.add_marker(suite_display.MARK)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before any fixture of a test that needs X (module-wide ones included), the server is up."""
    if suite_display.needs_x(item):
        suite_display.start()


@pytest.fixture(scope="session")
def x_display() -> str:
    """The suite's display name, for a test that needs it spelled out."""
    return suite_display.start()


@pytest.fixture(autouse=True)
def isolated(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test gets its own DESKHAND_HOME and may only ever reach the suite's display."""
    monkeypatch.setenv("DESKHAND_HOME", str(tmp_path / "home"))
    wants_x = suite_display.needs_x(request.node) or "x_display" in request.fixturenames
    ours = suite_display.running() if wants_x else None
    if ours is None:
        monkeypatch.delenv("DISPLAY", raising=False)
    else:
        monkeypatch.setenv("DISPLAY", ours)
    yield
    foreign = [name for name in input_displays() if name != suite_display.running()]
    assert not foreign, f"an input backend pointed at {foreign}, not the suite's own display {suite_display.running()}"


def input_displays() -> list[str]:
    """The displays the input libraries loaded in this process are connected to."""
    found = []
    x11 = sys.modules.get("pyautogui._pyautogui_x11")
    if x11 is not None:
        found.append(x11._display.get_display_name())
    return found
