"""Osmo, Debian's GTK personal organizer, tried as a new user would (round 14): its "Add contact"
dialog is a long GTK form (labels left, a combo, entries, date pickers) over the main window, and
it stays open after its OK. The person opens the dialog (its toolbar button is an icon with no
text); `deskhand do --window "Add contact"` fills it. Judge: the contacts file Osmo writes.

Round 16: Deskhand opens that dialog itself, by pixels alone: no word names the toolbar's
pictures, so it rests the pointer on each and reads its tooltip, as a person does."""

from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from automation.backends.x11_windows import X11Windows
from tests.support.apps import deskhand, wait_for_window
from tests.support.chooser import Script, copy, first_with
from tests.support.goal_forms import run, steps
from tests.support.zoo_apps import RealApp, launch, require

pytestmark = pytest.mark.e2e

ADD_CONTACT = (23, 59)  # the toolbar's first icon on the Contacts tab, from the window's corner
CONTACTS_TAB = (226, 18)


@pytest.fixture
def osmo(tmp_path: Path) -> Iterator[RealApp]:
    require("osmo", "osmo")
    app = launch(["osmo"], "Osmo", tmp_path / "osmo")
    yield app
    app.stop()


def click_at(app: RealApp, spot: tuple[int, int]) -> None:
    """The person's click, at a spot of Osmo's main window."""
    x, y = app.window.box.x + spot[0], app.window.box.y + spot[1]
    subprocess.run(["xdotool", "mousemove", str(x), str(y), "click", "1"], check=True, timeout=10)


def contacts(app: RealApp) -> list[dict[str, str]]:
    saved = app.folder / ".local/share/osmo/contacts_records.xml"
    if not saved.exists():
        return []
    return [{field.tag: field.text or "" for field in record} for record in ET.parse(saved).iter("record")]


def test_a_contact_is_filled_in_osmo_s_dialog_and_saved(osmo: RealApp) -> None:
    """Before round 14: the contact was saved, then the run, asked about the main window the dialog
    left, ended exit 3 ("What should I type?"), or exit 1 with "Zhang" paired with the first name
    (found inside "Zhang San")."""
    click_at(osmo, CONTACTS_TAB)
    click_at(osmo, ADD_CONTACT)
    wait_for_window("Add contact", osmo.process)
    values = {"First name": "Zhang San", "Last name": "Zhang", "Nickname": "Sansan"}
    request = "enter Zhang San as the first name, Zhang as the last name, Sansan as the nickname and press OK"
    report = run(request, Script(first_with(), copy(values)), "--window", "Add contact", "--max-steps", "10")
    saved = [(c.get("first_name"), c.get("last_name"), c.get("nickname")) for c in contacts(osmo)]
    assert saved == [("Zhang San", "Zhang", "Sansan")], steps(report)
    assert (report["exit_code"], report["finished"]) == (0, True), steps(report)


def test_an_icon_only_toolbar_button_is_clicked_by_the_name_its_tooltip_gives(
    osmo: RealApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before round 16 both clicks on the picture ended exit 4, "no element labelled 'New contact'"."""
    monkeypatch.setenv("DESKHAND_ACCESSIBILITY", "off")  # the tree would name the buttons: pixels alone
    tab = deskhand("act", "click", "Contacts", "--window", "Osmo")
    assert tab.returncode == 0, tab.stderr
    # The dialog's title names no button: nothing is clicked, and the error lists what the tooltips said.
    titled = deskhand("act", "click", "Add contact", "--window", "Osmo")
    assert titled.returncode == 4 and "'New contact'" in titled.stderr, titled.stderr
    assert "Add contact" not in window_titles()
    # The names the tooltips gave are kept: a plain look lists the pictures as buttons by them,
    # and `observe --hover` asks the pictures again.
    for hover in ((), ("--hover",)):
        seen = deskhand("observe", *hover, "--window", "Osmo", "--json")
        assert seen.returncode == 0, seen.stderr
        buttons = {c["label"] for c in json.loads(seen.stdout)["controls"] if c["kind"] == "button"}
        assert {"New contact", "Edit contact", "Remove contact"} <= buttons, (hover, buttons)
    new = deskhand("act", "click", "New contact", "--window", "Osmo")
    assert new.returncode == 0, new.stderr
    wait_for_window("Add contact", osmo.process)


def window_titles() -> list[str]:
    return [w.title for w in X11Windows().list()]
