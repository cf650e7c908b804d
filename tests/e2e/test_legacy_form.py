"""Deskhand drives the Tk legacy expense client; the client's own files are the verdict."""

import json
import re
from pathlib import Path

import pytest

from tests.support.apps import RunningApp, deskhand, legacy_app

pytestmark = pytest.mark.e2e
W = ("--window", "Legacy Expense")


def ok(*args: str) -> str:
    result = deskhand(*args)
    assert result.returncode == 0, f"deskhand {' '.join(args)} -> {result.returncode}\n{result.stderr}"
    return result.stdout


def test_fill_pick_from_combo_and_submit_through_the_modal_dialog(legacy: RunningApp, claims: Path) -> None:
    ok("act", "type", "Li Si", "--into", "Employee", *W)
    ok("act", "type", "42.50", "--into", "Amount", *W)
    ok("act", "type", "Zhang San", "--into", "Attendees", *W)
    ok("act", "click", "Category", "--field", *W)
    ok("act", "click", "Travel", *W)
    ok("act", "click", "Submit", *W)
    out = ok("act", "click", "Yes", "--window", "Confirm", "--expect", "Saved claim 1")
    assert "seen" in out
    record = json.loads(claims.read_text().splitlines()[0])
    assert record["employee"] == "Li Si"
    assert record["amount"] == "42.50"
    assert record["attendees"] == "Zhang San"
    assert record["category"] == "Travel"


def test_menu_with_submenu(legacy: RunningApp, claims: Path) -> None:
    ok("act", "type", "Export me", "--into", "Notes", *W)
    ok("act", "click", "File", *W)
    ok("act", "click", "Export", *W)
    ok("act", "click", "As Text", *W)
    export = claims.with_suffix(".export.txt")
    assert "notes: Export me" in export.read_text().splitlines()


def test_key_combo_goes_to_the_named_window(legacy: RunningApp, claims: Path) -> None:
    ok("act", "type", "draft", "--into", "Notes", *W)
    ok("act", "key", "ctrl+a", *W)  # Tk entries: ctrl+a moves to line start
    ok("act", "type", "my ", *W)
    ok("act", "click", "Submit", *W)
    ok("act", "click", "Yes", "--window", "Confirm", "--expect", "Saved claim")
    assert json.loads(claims.read_text())["notes"] == "my draft"


def test_observe_json_lists_windows_and_elements(legacy: RunningApp) -> None:
    data = json.loads(ok("observe", "--json", *W))
    (window,) = [w for w in data["windows"] if w["title"] == "Legacy Expense System"]
    assert window["class"] == "Tk" and window["box"]["w"] > 300
    texts = {e["text"] for e in data["elements"]}
    assert {"Employee", "Amount", "Attendees", "Submit", "Clear", "Ready"} <= texts
    amount = next(e for e in data["elements"] if e["text"] == "Amount")
    assert window["box"]["x"] <= amount["x"] < window["box"]["x"] + window["box"]["w"]
    assert set(amount) == {"text", "x", "y", "w", "h", "conf", "window"}


def test_missing_label_names_the_closest(legacy: RunningApp) -> None:
    result = deskhand("act", "click", "Amonut due", *W)
    assert result.returncode == 4
    assert "closest" in result.stderr and "'Amount'" in result.stderr


def test_ambiguous_label_is_refused_then_resolved_by_index(legacy: RunningApp, claims: Path) -> None:
    ok("act", "type", "Amount", "--into", "Notes", *W)  # now "Amount" is on screen twice, neither a button
    result = deskhand("act", "click", "Amount", *W)
    assert result.returncode == 5, result.stderr
    assert "2 elements match" in result.stderr and "--index" in result.stderr
    ok("act", "click", "Amount", "--index", "1", *W)  # the label, above the notes
    ok("act", "type", "Clear", "--into", "Notes", *W)  # now "Clear" is twice: in the notes and on the button
    ok("act", "click", "Clear", *W)  # the one drawn as a button (round 17): the form is cleared
    ok("act", "click", "Submit", *W)
    ok("act", "click", "Yes", "--window", "Confirm", "--expect", "Saved claim")
    assert json.loads(claims.read_text())["notes"] == ""


def test_window_closed_mid_typing(claims: Path) -> None:
    app = legacy_app(claims, "--quit-after-chars", "6")
    try:
        result = deskhand("act", "type", "a note far longer than six characters", "--into", "Notes", *W)
        assert app.process.wait(timeout=10) == 0  # the app really went away
    finally:
        app.stop()
    assert result.returncode == 4, result.stderr
    assert "closed while Deskhand was acting" in result.stderr
    # The app quits after its 6th key; it handles keys a little after they are sent, so a
    # few more may go out before the gate sees the window gone. What matters: it stopped
    # soon after, and says how far it got.
    typed = re.search(r"typed (\d+) of 37 characters", result.stderr)
    assert typed and 6 <= int(typed.group(1)) <= 12, result.stderr
    assert not claims.exists()


def test_the_pytesseract_backend_drives_the_form_too(
    legacy: RunningApp, claims: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DESKHAND_OCR", "pytesseract")
    ok("act", "type", "Wang Wu", "--into", "Employee", *W)
    ok("act", "type", "19.90", "--into", "Amount", *W)
    ok("act", "click", "Submit", *W)
    ok("act", "click", "Yes", "--window", "Confirm", "--expect", "Saved claim 1")
    record = json.loads(claims.read_text())
    assert (record["employee"], record["amount"]) == ("Wang Wu", "19.90")


def test_expected_text_already_on_screen_proves_nothing(legacy: RunningApp) -> None:
    # "Ready" shows before the key; a lone Shift press changes nothing on screen.
    result = deskhand("act", "key", "shift", "--expect", "Ready", *W)
    assert result.returncode == 1, result.stdout
    assert "already on screen" in result.stderr
