"""`deskhand` with no command opens the panel: a request typed into it with xdotool, both
confirmations accepted with the panel's own Yes button (found by OCR, as a person sees it),
and the Tk client's claims file holds the value. Screenshots of the panel at work are kept."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.services.compose import build_eyes
from automation.timings import wait_until
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_do import DEFAULT_MODEL
from tests.support.apps import REPO, RunningApp, deskhand, wait_for_window

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not DEFAULT_MODEL.exists() and not os.environ.get("CI"), reason="default pack not installed"),
]


def panel_text() -> list[dict]:
    """What OCR reads on the panel now (a separate process: it does not exclude the panel)."""
    result = deskhand("observe", "--window", "Deskhand", "--json")
    return json.loads(result.stdout)["elements"] if result.returncode == 0 else []


def shows(word: str) -> bool:
    return any(word.casefold() in e["text"].casefold() for e in panel_text())


def yes_button() -> tuple[int, int] | None:
    """The confirmation's Yes: the word Yes with No beside it on the same row."""
    elements = panel_text()
    rows = {round(e["y"] / 8) for e in elements if e["text"].strip() == "No"}
    for e in elements:
        if e["text"].strip() == "Yes" and round(e["y"] / 8) in rows:
            return e["x"] + e["w"] // 2, e["y"] + e["h"] // 2
    return None


def screenshot(name: str) -> Path:
    screen, _, _ = build_eyes()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"panel_{name}.png"
    screen.grab().save(path)
    return path


def accept_confirmation() -> None:
    spot = wait_until(yes_button, name="the panel's Yes button", timeout=300)
    screenshot("confirm")
    subprocess.run(["xdotool", "mousemove", str(spot[0]), str(spot[1]), "click", "1"], check=True)
    wait_until(lambda: yes_button() is None, name="the confirmation to close", timeout=30)


def test_a_request_typed_into_the_panel_submits_a_claim(legacy: RunningApp, claims: Path, tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("deskhand")
    log = open(tmp_path / "deskhand.log", "wb")  # noqa: SIM115
    process = subprocess.Popen([str(script)], cwd=REPO, stdin=subprocess.DEVNULL, stdout=log, stderr=log)
    try:
        wait_for_window("Deskhand", process)  # the panel, made active so it has the keyboard
        wait_until(lambda: shows("ready"), name="the model to be ready", timeout=300)
        subprocess.run(["xdotool", "type", "--delay", "20", "enter 42.50 as the amount and submit"], check=True)
        subprocess.run(["xdotool", "key", "Return"], check=True)
        accept_confirmation()  # click 'Submit'
        accept_confirmation()  # click 'Yes' in the client's own dialog
        wait_until(lambda: claims.exists() and claims.read_text().strip(), name="the claims file", timeout=300)
        wait_until(lambda: shows("done"), name="the panel to say done", timeout=120)
        screenshot("done")
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()
    (record,) = [json.loads(line) for line in claims.read_text().splitlines()]
    assert record["amount"] == "42.50", (tmp_path / "deskhand.log").read_text()
