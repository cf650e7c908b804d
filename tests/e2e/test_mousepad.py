"""Mousepad, Debian's GTK 3 text editor, tried as a new user would (round 17): text typed into the
new document and saved under a path through its Save As dialog, by `deskhand do`. Judge: the file.

The model is a script taking the first option (tests/support/chooser.py). The path is long, with
letters OCR confuses ("lead-r17" read "jlead-r17" in the dialog's Name box): before round 17 the
file was saved and the run still ended "not finished", judged by the box's last page reading.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from automation.timings import wait_until
from tests.support.apps import deskhand, wait_for_window
from tests.support.chooser import Script, copy, first_with
from tests.support.goal_forms import run, steps
from tests.support.zoo_apps import RealApp, launch, require

pytestmark = pytest.mark.e2e


@pytest.fixture
def mousepad(tmp_path: Path) -> Iterator[RealApp]:
    require("mousepad", "mousepad")
    # a fresh document's window: the last test's, titled with the file it saved, may not be gone yet
    app = launch(["dbus-run-session", "mousepad"], "Untitled 1 - Mousepad", tmp_path / "mousepad")
    yield app
    app.stop()


@pytest.fixture
def folder() -> Iterator[Path]:
    made = Path("/tmp/lead-r17/filed-notes")
    shutil.rmtree(made, ignore_errors=True)
    made.mkdir(parents=True)
    yield made
    shutil.rmtree(made.parent, ignore_errors=True)


def test_text_typed_and_saved_under_a_long_path(mousepad: RealApp, folder: Path) -> None:
    path = folder / "note.txt"
    report = run(
        f"type hello world, then save it as {path}",
        Script(first_with(), copy({"type": "hello world"})),
        "--max-steps",
        "8",
    )
    assert path.exists(), f"{sorted(p.name for p in folder.iterdir())}\n{steps(report)}"
    assert path.read_text().strip() == "hello world", steps(report)
    assert (report["exit_code"], report["finished"]) == (0, True), steps(report)


def test_a_menu_item_is_run_by_its_path_and_a_wrong_one_runs_nothing(mousepad: RealApp, folder: Path) -> None:
    """`act menu File Frobnicate`: the File menu shows no such item, the button is let go off the
    menus, exit 1; then `act menu File "Save As..."` opens the dialog, and the file is saved."""
    title = mousepad.window.title
    wrong = deskhand("act", "menu", "File", "Frobnicate", "--window", title)
    assert wrong.returncode == 1 and "no item 'Frobnicate'" in wrong.stderr, wrong.stderr
    opened = deskhand("act", "menu", "File", "Save As...", "--window", title)
    assert opened.returncode == 0, opened.stderr
    wait_for_window("Save As", mousepad.process)
    path = folder / "menu.txt"
    typed = deskhand("act", "type", str(path), "--into", "Name", "--window", "Save As")
    assert typed.returncode == 0, typed.stderr
    assert deskhand("act", "key", "Return", "--window", "Save As").returncode == 0
    wait_until(path.exists, name="Mousepad to write menu.txt", timeout=10)
