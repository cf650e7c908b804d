"""The accessibility bus read beside the pixels: GTK 3 and Qt forms expose their trees, Tk none.

The forms' own output files are the verdict; the tree is graded, never trusted blindly.
"""

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.apps import REPO, RunningApp, deskhand, launch
from tests.support.session_bus import session_bus

pytestmark = pytest.mark.e2e
FORMS = REPO / "tests" / "apps" / "accessible_forms.py"
TOOLKITS = {
    "GTK": ["/usr/bin/python3", str(FORMS), "gtk"],  # Debian's python3-gi
    "Qt": [sys.executable, str(FORMS), "qt"],
}


@pytest.fixture
def bus(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    with session_bus() as address:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        monkeypatch.setenv("QT_LINUX_ACCESSIBILITY_ALWAYS_ON", "1")  # Qt builds its tree only when asked
        yield address


@pytest.fixture(params=sorted(TOOLKITS))
def form(request: pytest.FixtureRequest, bus: str, tmp_path: Path) -> Iterator[tuple[RunningApp, str, Path]]:
    out = tmp_path / "posted.json"
    title = f"Accessible form {request.param}"
    app = launch([*TOOLKITS[request.param], str(out)], title)
    yield app, title, out
    app.stop()


def ok(*args: str) -> str:
    result = deskhand(*args)
    assert result.returncode == 0, f"deskhand {' '.join(args)} -> {result.returncode}\n{result.stderr}"
    return result.stdout


def test_the_tree_gives_fields_their_labels_and_values(form: tuple[RunningApp, str, Path]) -> None:
    _, title, _ = form
    data = json.loads(ok("observe", "--json", "--window", title))
    by_role: dict[str, list[dict[str, object]]] = {}
    for element in data["accessible"]:
        by_role.setdefault(str(element["role"]), []).append(element)
    (amount,) = [e for e in by_role["text"] if e["label"] == "Amount"]
    assert amount["value"] == "" and "editable" in amount["states"]
    assert [e["label"] for e in by_role["combo box"]] == ["Category"]
    assert {"Billable", "Post"} <= {str(e["name"]) for e in data["accessible"]}
    window = next(w for w in data["windows"] if w["title"] == title)["box"]
    for element in data["accessible"]:  # every box lies in the window: screen pixels, not the toolkit's own
        box = element["box"]
        assert window["x"] - 8 <= box["x"] and box["x"] + box["w"] <= window["x"] + window["w"] + 8, element


def test_typed_text_is_read_back_from_the_tree_and_posted(form: tuple[RunningApp, str, Path]) -> None:
    _, title, out = form
    ok("act", "type", "42.50", "--into", "Amount", "--window", title)
    data = json.loads(ok("observe", "--json", "--window", title))
    (amount,) = [e for e in data["accessible"] if e["label"] == "Amount" and e["role"] == "text"]
    assert amount["value"] == "42.50"
    ok("act", "click", "Post", "--window", title)
    posted = json.loads(out.read_text())
    assert posted["Amount"] == "42.50"


def test_an_application_without_a_tree_is_read_from_pixels(bus: str, legacy: RunningApp) -> None:
    data = json.loads(ok("observe", "--json", "--window", "Legacy Expense"))
    assert data["accessible"] == []  # Tk exposes no AT-SPI tree
    assert {"Employee", "Amount", "Submit"} <= {e["text"] for e in data["elements"]}


def test_without_a_session_bus_the_pixels_still_work(legacy: RunningApp) -> None:
    assert "DBUS_SESSION_BUS_ADDRESS" not in os.environ  # the suite never reaches a user's session bus
    data = json.loads(ok("observe", "--json", "--window", "Legacy Expense"))
    assert data["accessible"] == []
    assert {"Employee", "Amount", "Submit"} <= {e["text"] for e in data["elements"]}
