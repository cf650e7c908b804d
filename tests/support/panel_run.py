"""A long skill run from the `deskhand` panel into the Tk client, with every input event on
the display heard by a RECORD listener of the test's own (the project's pynput hook)."""

from __future__ import annotations

import subprocess
import threading
import time
from functools import cache

from automation.actuation.pause import ARM_DELAY
from automation.backends.x11_windows import X11Windows
from automation.protocols import HookEvent
from automation.skills.model import Anchor, ClickStep, Skill, TypeStep, WindowMatch
from automation.timings import wait_until
from tests.support.apps import RunningApp
from tests.support.panel_screen import on_panel

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
