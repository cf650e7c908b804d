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

from automation.timings import wait_until
from tests.support.apps import REPO, RunningApp, wait_for_window
from tests.support.default_pack import DEFAULT_MODEL
from tests.support.panel_screen import accept_confirmation, screenshot, shows

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not DEFAULT_MODEL.exists() and not os.environ.get("CI"), reason="default pack not installed"),
]


def test_a_request_typed_into_the_panel_submits_a_claim(legacy: RunningApp, claims: Path, tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("deskhand")
    log = open(tmp_path / "deskhand.log", "wb")  # noqa: SIM115
    process = subprocess.Popen([str(script)], cwd=REPO, stdin=subprocess.DEVNULL, stdout=log, stderr=log)
    try:
        wait_for_window("Deskhand", process)  # the panel, made active so it has the keyboard
        wait_until(lambda: shows("ready"), name="the model to be ready", timeout=300)
        subprocess.run(["xdotool", "type", "--delay", "20", "enter 42.50 as the amount and submit"], check=True)
        subprocess.run(["xdotool", "key", "Return"], check=True)
        accept_confirmation("Submit")
        accept_confirmation("Yes")  # the client's own dialog
        wait_until(lambda: claims.exists() and claims.read_text().strip(), name="the claims file", timeout=300)
        # the goal check's verdict, as `do --json` gives it ("not done: ..." lines also hold "done")
        wait_until(lambda: shows("(finished)"), name="the panel to say finished", timeout=120)
        screenshot("done")
    finally:
        screenshot("last")  # the panel's conversation as the test left it, before it is closed
        process.terminate()
        process.wait(timeout=10)
        log.close()
    (record,) = [json.loads(line) for line in claims.read_text().splitlines()]
    assert record["amount"] == "42.50", (tmp_path / "deskhand.log").read_text()
