"""Save dialogs of two toolkits, driven through `deskhand do`: the file name goes into the
dialog's name box with the folder as a path, the dialog's Save is pressed, and the test
judges by the file appearing where the request asked (tests/apps/save_as.py writes it).

The model is a script behind `--server` taking the first option (tests/support/chooser.py):
the path is settled by code from the request, the choice of steps is the options' order.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.apps import RunningApp, launch
from tests.support.chooser import Script, copy, first_with
from tests.support.goal_forms import run, steps

pytestmark = pytest.mark.e2e
APP = Path(__file__).resolve().parents[1] / "apps" / "save_as.py"
PYTHONS = {"gtk": "/usr/bin/python3", "qt": sys.executable}  # GTK from Debian's python3-gi


@pytest.fixture(params=["gtk", "qt"])
def note(request: pytest.FixtureRequest) -> Iterator[tuple[RunningApp, str]]:
    text = f"note from {request.param}"
    app = launch([PYTHONS[request.param], str(APP), request.param, text], "Field notes")
    yield app, text
    app.stop()


@pytest.fixture
def folder() -> Iterator[Path]:
    # short and plain (no S/5 or O/0 for OCR to swap), so the path typed is read back as typed
    made = Path(f"/tmp/notes{os.getpid()}")
    shutil.rmtree(made, ignore_errors=True)
    made.mkdir()
    yield made
    shutil.rmtree(made, ignore_errors=True)


def test_save_as_a_name_in_a_folder(note: tuple[RunningApp, str], folder: Path) -> None:
    _, text = note
    report = run(f"save the note as copy.txt in {folder}", Script(first_with(), copy({})), "--max-steps", "8")
    saved = folder / "copy.txt"
    assert saved.exists(), f"{sorted(p.name for p in folder.iterdir())}\n{steps(report)}"
    assert saved.read_text() == text
    assert (report["exit_code"], report["finished"]) == (0, True), steps(report)


def test_a_dialog_left_open_is_not_finished(note: tuple[RunningApp, str], folder: Path) -> None:
    """The script never presses the dialog's Save: no file, and no "finished"."""
    report = run(
        f"save the note as copy.txt in {folder}",
        Script(first_with("file name", "ask the user"), copy({})),
        "--max-steps",
        "3",
    )
    assert not (folder / "copy.txt").exists(), steps(report)
    assert report["exit_code"] != 0 and not report["finished"], steps(report)
