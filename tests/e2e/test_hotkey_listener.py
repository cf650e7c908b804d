"""The pynput hotkey backend on the suite's Xvfb: xdotool presses a combination, the real
listener calls the binding back (press, then release); other combinations fire nothing."""

from __future__ import annotations

import subprocess
import time

import pytest

from app.services.compose import build_hotkeys
from automation.backends.xtest_input import XTestInput
from automation.hotkeys import Binding, parse_hotkey
from automation.timings import wait_until

pytestmark = pytest.mark.e2e


def test_a_combination_pressed_on_the_display_calls_its_binding_back() -> None:
    calls: list[tuple[str, float]] = []
    show = Binding(
        parse_hotkey("<ctrl>+<alt>+<shift>+d"),
        lambda: calls.append(("show", time.monotonic())),
        lambda: calls.append(("show released", time.monotonic())),
    )
    abort = Binding(parse_hotkey("<ctrl>+<alt>+<shift>+<esc>"), lambda: calls.append(("abort", time.monotonic())))
    stop = build_hotkeys().listen([show, abort])
    try:
        subprocess.run(["xdotool", "type", "--delay", "0", "d"], check=True)  # no modifiers: nothing
        subprocess.run(["xdotool", "key", "ctrl+alt+d"], check=True)  # not all of them: nothing
        sent = time.monotonic()
        subprocess.run(["xdotool", "key", "ctrl+alt+shift+d"], check=True)
        wait_until(lambda: len(calls) >= 2, name="the show hotkey's press and release", timeout=5)
        assert [what for what, _ in calls] == ["show", "show released"]
        assert calls[0][1] - sent < 1.0
        subprocess.run(["xdotool", "key", "ctrl+alt+shift+Escape"], check=True)
        wait_until(lambda: len(calls) >= 3, name="the abort hotkey", timeout=5)
        XTestInput().key("ctrl+alt+shift+d")  # Deskhand's own keys are heard too (the log cannot split them)
        wait_until(lambda: len(calls) >= 5, name="the show hotkey again", timeout=5)
    finally:
        stop()  # joins the listener's thread: no callback after this
    assert [what for what, _ in calls] == ["show", "show released", "abort", "show", "show released"]
