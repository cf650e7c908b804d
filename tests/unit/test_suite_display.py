"""The suite's X server is started only for tests that need it (tests/support/suite_display.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from automation.timings import wait_until
from tests.support import suite_display, xserver

TESTS = Path(__file__).resolve().parents[1]


def children_named(name: str) -> list[int]:
    """Processes called ``name`` whose parent is this test process."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
        except OSError:
            continue  # it ended while we looked
        if fields.get("Name", "").strip() == name and int(fields.get("PPid", "0")) == os.getpid():
            found.append(int(status.parent.name))
    return found


def test_a_unit_test_runs_with_no_display() -> None:
    assert "DISPLAY" not in os.environ


def test_a_run_with_no_test_that_needs_x_starts_no_x_server(request: pytest.FixtureRequest) -> None:
    xvfb = children_named("Xvfb")
    assert set(xvfb) <= set(suite_display.pids()), f"an Xvfb the suite does not know: {xvfb}"
    if not any(suite_display.needs_x(item) for item in request.session.items):
        assert xvfb == [] and suite_display.running() is None


@pytest.mark.parametrize("library", ["pyautogui", "pynput.keyboard", "mouseinfo"])
@pytest.mark.parametrize("display", [None, ":0"])
def test_an_input_library_is_not_imported_off_the_suites_display(
    library: str, display: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    if display is not None:
        monkeypatch.setenv("DISPLAY", display)
    with pytest.raises(ImportError, match="connects to the X display when imported"):
        suite_display.GUARD.find_spec(library, None)


def test_the_guard_lets_every_other_module_through() -> None:
    assert suite_display.GUARD.find_spec("json", None) is None
    assert suite_display.GUARD.find_spec("pyautoguide", None) is None  # a prefix is not the library


@pytest.mark.parametrize(
    ("path", "needs"),
    [
        ("e2e/test_record.py", True),
        ("unit/test_recorder.py", False),
        ("ui/test_panel.py", False),
        ("conftest.py", False),
    ],
)
def test_tests_under_the_x_folders_need_x(path: str, needs: bool) -> None:
    item = SimpleNamespace(path=TESTS / path)
    assert suite_display.in_x_folder(item, TESTS) is needs  # type: ignore[arg-type]


@pytest.mark.parametrize(("worker", "first"), [(None, 90), ("gw0", 90), ("gw1", 110), ("gw3", 150), ("master", 90)])
def test_each_xdist_worker_looks_for_displays_in_a_range_of_its_own(
    worker: str | None, first: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    if worker is None:
        monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)
    else:
        monkeypatch.setenv("PYTEST_XDIST_WORKER", worker)
    assert xserver.first_free_from(90) == first


def test_the_server_ends_with_the_process_that_started_it(tmp_path: Path) -> None:
    """A pytest-xdist worker that crashes runs no teardown: its Xvfb and openbox must not outlive it."""
    starter = (
        "import os, sys; from pathlib import Path; from tests.support import xserver; "
        "s = xserver.start(Path(sys.argv[1])); print(*(p.pid for p in s.processes), flush=True); os._exit(1)"
    )
    done = subprocess.run(
        [sys.executable, "-c", starter, str(tmp_path)], cwd=TESTS.parent, capture_output=True, text=True, timeout=60
    )
    started = [int(pid) for pid in done.stdout.split()]
    assert len(started) == 2, done.stderr  # Xvfb and openbox
    try:
        wait_until(
            lambda: not any(Path(f"/proc/{pid}").exists() for pid in started), name="the orphans to end", timeout=10
        )
    finally:
        for pid in started:  # ours (the child's): ended here if the test failed
            if Path(f"/proc/{pid}").exists():
                os.kill(pid, signal.SIGKILL)
