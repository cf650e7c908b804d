"""xfig, Debian's Athena (Xaw3d) drawing program, tried as a new user would (round 16): its Export
dialog labels each field with a raised box of courier words ("Output File"), set a whole character
apart, and its text fields mark the insertion point with a small "^" under the line. Its menus open
only while the button is held. Before round 16 the field was "File" (`act type --into "Output File"`
ended exit 4), "Export" also named two check boxes' words, a typed "out1.eps" read back "outl.eps."
(the "^" a full stop), and a click on the menu "Edit" was "changed", exit 0, with no menu open.
The person opens the dialog with xfig's own key (Meta-X, through `deskhand act key`).
Judge: the file xfig writes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from automation.timings import WaitTimeout, wait_until
from tests.support.apps import deskhand, wait_for_window
from tests.support.chooser import Script, copy, first_with
from tests.support.goal_forms import run, steps
from tests.support.zoo_apps import RealApp, launch, require

pytestmark = pytest.mark.e2e

DRAWING = """#FIG 3.2  Produced by xfig version 3.2.8b
Landscape
Center
Metric
A4
100.00
Single
-2
1200 2
2 2 0 1 0 7 50 -1 -1 0.000 0 0 -1 0 0 5
\t 1800 1800 5400 1800 5400 4500 1800 4500 1800 1800
4 0 0 50 -1 0 24 0.0000 4 270 1200 2400 3300 Hello\\001
"""
EXPORT = "Xfig: Export menu"


@pytest.fixture
def xfig(tmp_path: Path) -> Iterator[RealApp]:
    require("xfig", "xfig")
    folder = tmp_path / "xfig"
    folder.mkdir()
    (folder / "drawing.fig").write_text(DRAWING)
    # the program itself, not Debian's wrapper script: the test ends the process it started
    app = launch(["/usr/libexec/xfig/xfig", "drawing.fig"], "drawing.fig", folder)
    yield app
    app.stop()


def open_export(app: RealApp) -> None:
    """The person opens File > Export... with its key, Meta-X (the menu opens only while held)."""
    done = deskhand("act", "key", "alt+x", "--window", app.window.title)
    assert done.returncode == 0, done.stderr
    wait_for_window(EXPORT, app.process)


def exported(app: RealApp, name: str, report: dict | None = None) -> str:
    path = app.folder / name
    try:
        wait_until(lambda: path.exists() and path.stat().st_size > 0, name=f"xfig to write {name}", timeout=20)
    except WaitTimeout:
        written = sorted(p.name for p in app.folder.iterdir())
        pytest.fail(f"no {name} in {written}\n{steps(report) if report else ''}")
    return path.read_text(errors="replace")


def test_the_output_file_is_typed_into_its_athena_field_and_exported(xfig: RealApp) -> None:
    open_export(xfig)
    typed = deskhand("act", "type", "out1.eps", "--into", "Output File", "--window", EXPORT)
    assert typed.returncode == 0, typed.stderr
    pressed = deskhand("act", "click", "Export", "--window", EXPORT)
    assert pressed.returncode == 0, pressed.stderr
    eps = exported(xfig, "out1.eps")
    assert eps.startswith("%!PS-Adobe") and "Hello" in eps, eps[:200]
    assert not (xfig.folder / "drawing.eps").exists()


def test_a_request_exports_under_the_name_it_gives(xfig: RealApp) -> None:
    open_export(xfig)
    request = "set the output file to chart.eps and press Export"
    report = run(request, Script(first_with("Output File", "'Export'"), copy({})), "--window", EXPORT)
    assert exported(xfig, "chart.eps", report).startswith("%!PS-Adobe"), steps(report)
    assert (report["exit_code"], report["finished"]) == (0, True), steps(report)


@pytest.mark.parametrize("menu", ["Edit", "File"])
def test_a_menu_open_only_while_the_button_is_held_is_no_click_done(xfig: RealApp, menu: str) -> None:
    """A click on "Edit" posts its menu on the press and closes it on the release: nothing is
    open, and the click must not pass for done. Nothing is written either. "File" sits on the
    window's first column: its outline was open and its word read "Fil" and "e", so the click
    went to "file" in the status line, exit 0 (round 17)."""
    done = deskhand("act", "click", menu, "--window", xfig.window.title)
    assert done.returncode == 1, (done.returncode, done.stderr)
    assert "only while the button is held" in done.stderr, done.stderr
    assert sorted(p.name for p in xfig.folder.iterdir() if not p.name.startswith(".")) == [
        "drawing.fig",
        "xfig.log",
    ]


def test_the_file_menu_is_worked_by_press_drag_release(xfig: RealApp) -> None:
    """Athena's menus stay open only while the button is held: `act menu` presses on File, moves
    onto "Export..." with the button down and lets go there (round 17). Judge: the export written."""
    opened = deskhand("act", "menu", "File", "Export...", "--window", xfig.window.title)
    assert opened.returncode == 0, opened.stderr
    wait_for_window(EXPORT, xfig.process)
    typed = deskhand("act", "type", "menu.eps", "--into", "Output File", "--window", EXPORT)
    assert typed.returncode == 0, typed.stderr
    pressed = deskhand("act", "click", "Export", "--window", EXPORT)
    assert pressed.returncode == 0, pressed.stderr
    assert exported(xfig, "menu.eps").startswith("%!PS-Adobe")
