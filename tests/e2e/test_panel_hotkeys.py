"""The real `deskhand` panel on the suite's Xvfb, replaying a long skill into the Tk client:

- the user moves the mouse mid-run: the panel asks, nothing more is sent and the client
  files nothing until the user says continue; then the claim is filed with every character;
- the abort hotkey mid-run: no synthesized event after the hotkey + 1 s, no claim filed.

The test records every input event on the display with its own RECORD listener (the
project's pynput hook), so "nothing more is sent" is what the X server saw, not what
Deskhand says.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from app.services.skills import open_store
from automation.actuation.pause import ARM_DELAY
from automation.backends.pynput_hook import PynputHook
from automation.backends.x11_windows import X11Windows
from automation.protocols import HookEvent
from automation.skills.model import Anchor, ClickStep, Skill, TypeStep, WindowMatch
from automation.timings import wait_until
from tests.e2e.test_panel import screenshot, shows, yes_button
from tests.e2e.test_panel_record import on_panel
from tests.support.apps import REPO, RunningApp, wait_for_window

pytestmark = pytest.mark.e2e
SKILL = "long claim"
NAME = "Zhang San of the Shanghai branch, " * 20  # 680 characters: typing them takes seconds
ABORT_KEYS = {"ctrl", "alt", "shift", "Escape"}


class Heard:
    """Every input event on the display, stamped on arrival (time.monotonic)."""

    def __init__(self) -> None:
        self.events: list[HookEvent] = []
        self.lock = threading.Lock()

    def __call__(self, event: HookEvent) -> None:
        with self.lock:
            self.events.append(event)

    def keys(self, since: float = 0.0) -> list[HookEvent]:
        with self.lock:
            return [e for e in self.events if e[1] in ("down", "up") and e[0] >= since]

    def after(self, t: float) -> list[HookEvent]:
        with self.lock:
            return [e for e in self.events if e[0] > t]


@pytest.fixture
def heard() -> Iterator[Heard]:
    sink = Heard()
    stop = PynputHook().listen(sink)
    yield sink
    stop()


def long_claim(app: RunningApp) -> Skill:
    form = WindowMatch(app.window.app, app.window.title)

    def field(label: str) -> Anchor:
        return Anchor(form, label, field=True)

    return Skill(
        SKILL,
        "file a claim with a long employee name",
        steps=(
            TypeStep(NAME, field("Employee"), form),
            TypeStep("42.50", field("Amount"), form),
            ClickStep(Anchor(form, "Submit"), expect="Submit this claim"),
            ClickStep(Anchor(WindowMatch("", "Confirm"), "Yes")),  # a Tk dialog has a class of its own
        ),
    )


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


@cache
def windows() -> X11Windows:
    return X11Windows()  # one: each opens an X connection, and the server's clients are few


def panel_listed() -> bool:
    """The panel (380 px wide) among the windows; its pill (112 px) has the same title."""
    return any(w.title == "Deskhand" and w.box.w > 200 for w in windows().list())


def run_the_skill(heard: Heard, item: tuple[int, int] | None = None, watched: bool = True) -> tuple[int, int]:
    """Double-click the skill in the panel's list (found by OCR, unless given: selected, it
    reads badly); return where it is once Deskhand has typed for a while."""
    item = item or wait_until(lambda: on_panel(SKILL), name="the skill in the list", timeout=60)
    started = time.monotonic()
    subprocess.run(["xdotool", "mousemove", str(item[0]), str(item[1]), "click", "--repeat", "2", "1"], check=True)
    first = wait_until(lambda: heard.keys(since=started), name="Deskhand to start typing", timeout=120)[0][0]
    # Past the click into the field and its grace, and past the watch's arming delay after the
    # double-click started the run: the user's input counts from here on.
    counts = max(first + 0.3, started + ARM_DELAY + 0.3) if watched else first + 0.1
    wait_until(lambda: time.monotonic() > counts, name="typing under way", timeout=5)
    assert len(heard.keys(since=started)) < 2 * len(NAME), "the typing ended before the test could act"
    return item


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
        spot = yes_button()  # the pause's Yes, then the replay's two confirmations
        if spot is not None:
            subprocess.run(["xdotool", "mousemove", str(spot[0]), str(spot[1]), "click", "1"], check=True)
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
