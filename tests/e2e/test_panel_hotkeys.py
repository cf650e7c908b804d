"""The real `deskhand` panel on the suite's Xvfb, replaying a long skill into the Tk client:

- the user moves the mouse mid-run: the panel asks, nothing more is sent and the client
  files nothing until the user says continue; then the claim is filed with every character;
- the abort hotkey mid-run: no synthesized event after the hotkey + 1 s, no claim filed.

The test records every input event on the display with its own RECORD listener (the
project's pynput hook), so "nothing more is sent" is what the X server saw, not what
Deskhand says.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.services.skills import open_store
from automation.backends.pynput_hook import PynputHook
from automation.protocols import HookEvent
from automation.timings import WaitTimeout, wait_until
from tests.support.apps import REPO, RunningApp, wait_for_window
from tests.support.panel_run import ABORT_KEYS, NAME, Heard, long_claim, panel_listed, run_the_skill
from tests.support.panel_screen import confirmation, screenshot, shows

pytestmark = pytest.mark.e2e


@pytest.fixture
def heard() -> Iterator[Heard]:
    sink = Heard()
    stop = PynputHook().listen(sink)
    yield sink
    stop()


@pytest.fixture
def panel(legacy: RunningApp, tmp_path: Path) -> Iterator[subprocess.Popen[bytes]]:
    with open_store() as store:
        store.save(long_claim(legacy))
    script = Path(sys.executable).with_name("deskhand")
    log = open(tmp_path / "deskhand.log", "wb")  # noqa: SIM115
    process = subprocess.Popen([str(script)], cwd=REPO, stdin=subprocess.DEVNULL, stdout=log, stderr=log)
    try:
        wait_for_window("Deskhand", process)
        wait_until(lambda: shows("ready"), name="the model to be ready", timeout=300)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def quiet_for(heard: Heard, seconds: float, since: float) -> list[HookEvent]:
    """The events that arrive in the next ``seconds`` after ``since`` (a negative check must watch a while)."""
    end = time.monotonic() + seconds
    wait_until(lambda: time.monotonic() >= end, name="a quiet period", timeout=seconds + 1)
    return heard.after(since)


def test_moving_the_mouse_mid_run_pauses_until_the_user_continues(
    panel: subprocess.Popen[bytes], heard: Heard, claims: Path
) -> None:
    run_the_skill(heard)
    subprocess.run(["xdotool", "mousemove", "200", "600"], check=True)  # the user takes the mouse
    moved = time.monotonic()
    wait_until(lambda: shows("Continue"), name="the panel to ask whether to continue", timeout=60)
    screenshot("paused")
    asked = time.monotonic()
    keys_before = heard.keys(since=moved)
    assert len(keys_before) < 10, f"Deskhand went on typing after the mouse moved: {len(keys_before)} key events"
    assert quiet_for(heard, 2.0, since=asked) == [], "something was sent while the panel asked"
    assert not claims.exists()

    def filed() -> bool:
        shown = confirmation()  # the pause's Yes, then the replay's two confirmations
        if shown is not None:
            (x, y), _ = shown
            subprocess.run(["xdotool", "mousemove", str(x), str(y), "click", "1"], check=True)
            # Each Yes is clicked once: read again before the panel hid it (a busy machine), it was
            # clicked twice, and that second click on the panel while the replay typed took the
            # focus from the form, so the replay rightly stopped ("no longer the active one").
            with contextlib.suppress(WaitTimeout):
                wait_until(lambda: confirmation() != shown, name="the confirmation to be taken", timeout=20)
        return claims.exists() and bool(claims.read_text().strip())

    wait_until(filed, name="the replay to go on and file the claim", timeout=180)
    (record,) = [json.loads(line) for line in claims.read_text().splitlines()]
    assert (record["employee"], record["amount"]) == (NAME, "42.50")  # not a character lost or doubled


def test_the_abort_hotkey_stops_a_run_within_a_second(
    panel: subprocess.Popen[bytes], heard: Heard, claims: Path
) -> None:
    for listed in (False, True):  # the show hotkey hides the panel to its pill, then brings it back
        subprocess.run(["xdotool", "key", "ctrl+alt+shift+d"], check=True)
        wait_until(lambda listed=listed: panel_listed() is listed, name=f"the panel listed: {listed}", timeout=10)
    typing_began = time.monotonic()
    run_the_skill(heard, watched=False)
    pressed = time.monotonic()
    subprocess.run(["xdotool", "key", "ctrl+alt+shift+Escape"], check=True)
    sent = time.monotonic()
    wait_until(lambda: shows("stopped"), name="the panel to say stopped", timeout=60)
    screenshot("aborted")
    late = [e for e in quiet_for(heard, 2.0, since=sent + 1.0) if not (e[1] in ("down", "up") and e[2] in ABORT_KEYS)]
    assert late == [], f"input after the abort hotkey + 1 s: {late[:5]}"
    deskhands = [e for e in heard.after(pressed) if not (e[1] in ("down", "up") and e[2] in ABORT_KEYS)]
    last = max((e[0] for e in deskhands), default=pressed)
    print(f"abort hotkey to the last synthesized event: {last - pressed:.3f} s")
    typed = [e for e in heard.keys(since=typing_began) if e[1] == "down" and e[2] not in ABORT_KEYS]
    assert len(typed) < len(NAME), "the abort did not land mid-typing"  # else the test proves less
    assert not claims.exists(), "the run finished despite the abort"
