"""The baseline a recorder is usually compared with: a coordinate macro.

It replays a demonstration's raw events as they were: each click at its recorded
screen coordinates, each key as recorded, with the recorded pauses (cut to
``max_gap`` seconds, so a person's thinking time is not counted against it). It knows
nothing of windows or labels: that is the point of the comparison. Used by
tests/bench/replay.py, beside `deskhand replay`, on the window where it was recorded
and on one that moved.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass

from automation.recording.events import ClickEvent, KeyDown, RawEvent

MODIFIERS = {"shift", "shift_l", "shift_r", "ctrl", "ctrl_l", "ctrl_r", "alt", "alt_l", "alt_r", "super"}


@dataclass(frozen=True)
class MacroClick:
    t: float
    x: int
    y: int
    button: int
    count: int


@dataclass(frozen=True)
class MacroKeys:
    t: float
    text: str = ""  # characters, typed as they are
    key: str = ""  # or one named key (Return, Tab, BackSpace)


MacroStep = MacroClick | MacroKeys


def macro_steps(events: Sequence[RawEvent]) -> list[MacroStep]:
    """Clicks and keys from raw events; typed characters in a row become one step. Modifiers are
    left to xdotool, which presses shift itself for a capital."""
    steps: list[MacroStep] = []
    for e in sorted(events, key=lambda e: e.t):
        if isinstance(e, ClickEvent):
            steps.append(MacroClick(e.t, e.x, e.y, {"left": 1, "middle": 2, "right": 3}[e.button], e.count))
        elif isinstance(e, KeyDown) and e.key.casefold() not in MODIFIERS:
            last = steps[-1] if steps else None
            if len(e.key) == 1 and isinstance(last, MacroKeys) and last.text:
                steps[-1] = MacroKeys(last.t, last.text + e.key)
            elif len(e.key) == 1:
                steps.append(MacroKeys(e.t, text=e.key))
            else:
                steps.append(MacroKeys(e.t, key=e.key))
    return steps


def play(steps: Sequence[MacroStep], max_gap: float = 0.5) -> float:
    """Play the steps with xdotool on $DISPLAY; returns the seconds it took."""
    started = time.perf_counter()
    last_t = steps[0].t if steps else 0.0
    for step in steps:
        time.sleep(min(max(step.t - last_t, 0.0), max_gap))
        last_t = step.t
        if isinstance(step, MacroClick):
            args = ["mousemove", "--sync", str(step.x), str(step.y), "click", "--repeat", str(step.count)]
            xdotool(*args, str(step.button))
        elif step.text:
            xdotool("type", "--delay", "12", "--", step.text)
        else:
            xdotool("key", step.key)
    return time.perf_counter() - started


def xdotool(*args: str) -> None:
    subprocess.run(["xdotool", *args], check=True, capture_output=True, timeout=30)
