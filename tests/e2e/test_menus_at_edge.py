"""Menus and sub-menus opened by label in a window against the screen's bottom-right corner.

There the toolkits cannot open menus where they would elsewhere: Qt opens the Document
menu above its bar, outside the window, and the Help > Guides sub-menu to the left; Tk
shifts its menus up over the window. Each menu is a pop-up the window manager does not
list. `deskhand act click` on the menu, the sub-menu and the item, by label; the
application writes the path of the item it ran (tests/apps/zoo/edge_menus.py): the judge.
Tk posts a sub-menu that does not fit on the right over its own item, under the pointer:
a click's release there ran the sub-menu's first item in 2 of 4 runs, until clicks in a
menu rested on the item first and checked what the press posted (automation/actuation/menus.py).
Tk shifts the Document menu up over its own title: when it opened before the click's
release, the release ran "Open" (1 of 4 clicks on a quiet machine; "Recent" was then
missing), until a press low on the screen checked for a menu posted under the pointer.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from automation.backends.x11_windows import X11Windows
from tests.support.apps import deskhand
from tests.support.zoo import ZOO, stop_process

pytestmark = pytest.mark.e2e
TITLE = "Edge menus"
START_TIMEOUT = 30.0
WRITE_TIMEOUT = 5.0
PATHS = [
    pytest.param("qt", ("Document", "Export", "Spreadsheet"), id="qt-menu-flipped-up"),
    pytest.param("qt", ("Help", "Guides", "Keyboard shortcuts"), id="qt-submenu-flipped-left"),
    pytest.param("tk", ("Document", "Recent", "Beta report"), id="tk-menu-shifted-up"),
    pytest.param("tk", ("Help", "Guides", "Keyboard shortcuts"), id="tk-submenu-at-right-edge"),
]


@pytest.fixture
def app(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Path]:
    toolkit = request.node.callspec.params["toolkit"]
    out = tmp_path / "chosen.txt"
    proc = subprocess.Popen(
        [sys.executable, str(ZOO / "edge_menus.py"), toolkit, str(out), "bottom-right"], start_new_session=True
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        windows = X11Windows()
        while not any(w.title == TITLE and (a := windows.active()) and a.id == w.id for w in windows.list()):
            assert proc.poll() is None and time.monotonic() < deadline, "the menu window did not show"
            time.sleep(0.05)
        yield out
    finally:
        stop_process(proc)


@pytest.mark.parametrize(("toolkit", "path"), PATHS)
def test_an_item_in_a_submenu_is_chosen_by_label_at_the_screen_edge(
    app: Path, toolkit: str, path: tuple[str, str, str]
) -> None:
    for label in path:
        result = deskhand("act", "click", label, "--window", TITLE)
        assert result.returncode == 0, f"click {label!r}: {result.stdout}{result.stderr}"
    deadline = time.monotonic() + WRITE_TIMEOUT
    while not app.exists():
        assert time.monotonic() < deadline, f"no item ran after clicking {path}"
        time.sleep(0.05)
    assert app.read_text() == f"{path[1]}/{path[2]}"
