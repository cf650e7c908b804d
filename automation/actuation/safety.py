"""The one gate every synthesized input passes.

Checked before each click, key and typed character: the abort flag (hotkey,
Ctrl+C, the panel's stop button), the pause when the user took the mouse or the
keyboard (``hold``: the event waits while they are asked), the fail-safe corner (shove the pointer into
a screen corner to stop Deskhand, as with pyautogui), and that the window being
acted on still exists and is still the active one — keys sent to the wrong window
once opened a modal dialog in another application.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable

from automation.errors import Aborted, Refused, WindowClosed
from automation.protocols import Input, Windows
from automation.timings import DEFAULT_TIMINGS, WaitTimeout, wait_until
from automation.types import Box, Window

CORNER = 2  # pixels from a screen corner that count as "in the corner"


class SafetyGate:
    def __init__(
        self,
        input: Input,
        windows: Windows,
        screen: Box,
        abort: threading.Event | None = None,
        own: Callable[[Window], bool] = lambda w: False,
        hold: Callable[[str], bool] = lambda done: False,
    ) -> None:
        self.input = input
        self.windows = windows
        self.screen = screen
        self.abort = abort or threading.Event()
        self.own = own  # Deskhand's own windows (the panel): never a target of its synthesized input
        # Blocks while the user is asked whether to go on after touching the mouse or keyboard;
        # True when they said yes, Aborted when no (automation.actuation.pause.UserInputWatch.hold).
        self.hold = hold

    def bring_back(self, window: Window, timeout: float = DEFAULT_TIMINGS.window_timeout) -> None:
        """Make ``window`` the active one again; the checks below say why when it cannot be."""
        if (active := self.windows.active()) is not None and active.id == window.id:
            return
        self.windows.activate(window)
        with contextlib.suppress(WaitTimeout):  # then the active-window check refuses, with the reason
            wait_until(
                lambda: (a := self.windows.active()) is not None and a.id == window.id,
                name=f"window {window.title!r} to become active",
                timeout=timeout,
            )

    def in_corner(self, x: int, y: int) -> bool:
        s = self.screen
        near_x = x - s.x <= CORNER or s.right - 1 - x <= CORNER
        near_y = y - s.y <= CORNER or s.bottom - 1 - y <= CORNER
        return near_x and near_y

    def check(self, window: Window | None, done: str = "nothing sent yet") -> None:
        """Raise instead of letting the next input through; ``done`` says what was sent so far."""
        if self.abort.is_set():
            raise Aborted(f"aborted by the user ({done})")
        if self.hold(done):
            if self.abort.is_set():  # Stop pressed while the question was up
                raise Aborted(f"aborted by the user ({done})")
            if window is not None:
                self.bring_back(window)  # answering the question focused the panel
        if self.in_corner(*self.input.position()):
            raise Aborted(f"fail-safe: the pointer is in a screen corner ({done})", "move it away to continue")
        if window is None:
            return
        if self.own(window):
            raise Refused(
                f"window {window.title!r} is Deskhand's own; stopped ({done})",
                "name the application's window, or click it before asking",
            )
        active = self.windows.active()
        if active is not None and active.id == window.id:
            return
        if all(w.id != window.id for w in self.windows.list()):
            raise WindowClosed(window.title, done)
        now = repr(active.title) if active else "no window"
        raise Refused(
            f"window {window.title!r} is no longer the active one ({now} is); stopped ({done})",
            "bring the window back to the front and run the action again",
        )
