"""The one gate every synthesized input passes.

Checked before each click, key and typed character: the abort flag (hotkey,
Ctrl+C, the panel's stop button), the pause when the user took the mouse or the
keyboard (``hold``: the event waits while they are asked), the fail-safe corner (shove the pointer into
a screen corner to stop Deskhand, as with pyautogui), that the window being
acted on is not Deskhand's own nor its terminal, belongs to the run's target
application or one the user allowed (``targets``: automation.actuation.targets),
still exists and is still the active one — keys sent to the wrong window once opened
a modal dialog in another application; only Deskhand's own panel, which keeps the focus
after the user answered it, is stepped back from — and that a click's point lies inside that
window (a skill's recorded offset or relative position is not bounded by itself).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Sequence

from automation.actuation.targets import Targets
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
        targets: Targets | None = None,
    ) -> None:
        self.input = input
        self.windows = windows
        self.screen = screen
        self.abort = abort or threading.Event()
        self.own = own  # Deskhand's own windows (the panel): never a target of its synthesized input
        # Blocks while the user is asked whether to go on after touching the mouse or keyboard;
        # True when they said yes, Aborted when no (automation.actuation.pause.UserInputWatch.hold).
        self.hold = hold
        self.targets = targets or Targets(own=own)
        # Lists a window opened by Deskhand's own click (a combo's pop-up) may reach past its
        # window; they are no listed window of their own, so their area counts as the window's.
        self.popups: dict[int, Box] = {}

    def others(self, listed: Sequence[Window]) -> list[str]:
        """The titles of ``listed`` windows that are neither Deskhand's own nor its terminal."""
        return [w.title for w in listed if not (self.own(w) or self.targets.own(w))]

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

    def check(
        self, window: Window | None, done: str = "nothing sent yet", point: tuple[int, int] | None = None
    ) -> None:
        """Raise instead of letting the next input through; ``done`` says what was sent so far,
        ``point`` is where a click is about to land (input coordinates)."""
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
        if self.own(window) or self.targets.own(window):
            raise Refused(
                f"window {window.title!r} is Deskhand's own or its terminal; stopped ({done})",
                "name the application's window, or click it before asking",
            )
        self.targets.check(window)
        if point is not None:
            self.inside(window, point, done)
        active = self.windows.active()
        if active is not None and active.id != window.id and self.own(active):
            # Deskhand's panel took the focus back after the user answered it (Qt settles its
            # focus after the answer has reached the run): the user moved to no other application.
            self.bring_back(window)
            active = self.windows.active()
        if active is not None and active.id == window.id:
            return
        if active is None and self.popup_holds_input(window):
            return
        listed = self.windows.list()
        if all(w.id != window.id for w in listed):
            raise WindowClosed(window.title, done, self.others(listed))
        now = repr(active.title) if active else "no window"
        raise Refused(
            f"window {window.title!r} is no longer the active one ({now} is); stopped ({done})",
            "bring the window back to the front and run the action again",
        )

    def popup_holds_input(self, window: Window) -> bool:
        """Whether a list or menu of ``window`` is up, holding the pointer and keyboard while no
        window is active (Motif's option menu grabs both for its list, and its pick was refused)."""
        if window.id in self.popups:
            return True
        now = next((w for w in self.windows.list() if w.id == window.id), None)
        return now is not None and any(p.kind != "tooltip" for p in now.popups)

    def inside(self, window: Window, point: tuple[int, int], done: str) -> None:
        """A click lands inside the window it is meant for, or is refused."""
        width, _ = self.input.size()
        scale = self.screen.w / width if width else 1.0
        x, y = round(point[0] * scale), round(point[1] * scale)
        popup = self.popups.get(window.id)
        if window.holds(x, y) or (popup is not None and popup.contains(x, y)):
            return
        # A pop-up (a combo's list, a menu) opened since the window was observed is the window's too.
        now = next((w for w in self.windows.list() if w.id == window.id), None)
        if now is None or not now.holds(x, y):
            raise Refused(
                f"the click at ({x}, {y}) lies outside {window.title!r} ({describe_box(window.box)}); stopped ({done})",
                "the step's recorded position no longer fits the window: record it again or repair it",
            )


def describe_box(box: Box) -> str:
    return f"{box.w}x{box.h} at {box.x}, {box.y}"
