"""Raw events as the recorder journals them: plain, serializable, in screen pixels.

The recorder's hook threads only enqueue these; a worker adds what costs time
(the window under the pointer, a screenshot, the field's classification) and appends
them to the on-disk journal. Reducers (automation/skills/reduce.py) turn them into Steps.
"""

from __future__ import annotations

from dataclasses import dataclass

from automation.types import Box, MouseButton


@dataclass(frozen=True)
class WindowRef:
    """The top-level window an event went to, as it was at that moment."""

    id: int
    title: str
    app: str  # WM_CLASS, the stable part of a window's identity
    box: Box
    exe: str = ""  # the program that showed it (/proc/PID/exe); "" when it sets no _NET_WM_PID


@dataclass(frozen=True)
class ClickEvent:
    t: float  # seconds since the recording started
    x: int
    y: int
    button: MouseButton
    count: int  # 1, or 2 for a double click
    window: WindowRef | None
    shot: str | None = None  # file name of the window's screenshot taken just before


@dataclass(frozen=True)
class Drag:
    t: float
    x0: int
    y0: int
    x1: int
    y1: int
    button: MouseButton
    window: WindowRef | None


@dataclass(frozen=True)
class Scroll:
    t: float
    x: int
    y: int
    dx: int
    dy: int
    window: WindowRef | None


@dataclass(frozen=True)
class KeyDown:
    t: float
    key: str  # a character ("a", "B", "4") or a key name ("Return", "BackSpace", "shift", "ctrl")
    window: WindowRef | None


@dataclass(frozen=True)
class KeyUp:
    t: float
    key: str  # may differ in case from its KeyDown: xdotool presses "B" and releases "b"
    window: WindowRef | None


@dataclass(frozen=True)
class Secret:
    """Keys typed into a password-like field: only how many, never which."""

    t: float
    n: int
    window: WindowRef | None


@dataclass(frozen=True)
class EndShot:
    """The window the recording ended in, grabbed after the last input: the state a replay's end
    must reach again (its dialogs closed, a status line's new read-out)."""

    t: float
    window: WindowRef | None
    shot: str | None = None


RawEvent = ClickEvent | Drag | Scroll | KeyDown | KeyUp | Secret | EndShot
