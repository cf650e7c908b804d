"""Pause when the user takes the mouse or the keyboard while Deskhand is acting.

An input hook feeds ``UserInputWatch.see`` every mouse and keyboard event on the
display. On X11, Deskhand's own XTest input arrives there looking exactly like the
user's (``injected`` is False), so the process's own-input log tells them apart: an
event inside a span of Deskhand's own sending, of the same kind, is Deskhand's. A
mouse movement while Deskhand types is therefore still the user's; keys the user
types while Deskhand types are not seen (the log cannot split them).

The safety gate calls ``hold`` before every synthesized event: once the user has
touched something, the next event waits until they answer "continue?".

Not counted: key releases (the Return that sent the request comes up after the run
began), modifier keys on their own, and a bound hotkey (pressing the abort hotkey
must abort, not ask). Input in the first ``ARM_DELAY`` seconds after the run starts
or the user answers is not counted either: the hand leaving the panel's Yes button
is not an interruption.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from automation.errors import Aborted
from automation.hotkeys import Binding, Chords, Hotkey, is_modifier
from automation.own_input import OwnInput
from automation.protocols import HookEvent

ARM_DELAY = 1.0  # seconds after a start or an answer before the user's input counts
STRAGGLER = 2  # pixels: a late pointer event this close to where Deskhand put the pointer is its own
MOVED, CLICKED, SCROLLED, TYPED = "moved the mouse", "clicked", "scrolled", "typed"


class UserInputWatch:
    """Fed from the hook's thread; asked from the acting thread. ``ask`` gets the question
    and returns True to continue (it is the confirmation row in the panel)."""

    def __init__(
        self,
        own: OwnInput,
        hotkeys: Sequence[Hotkey] = (),
        ask: Callable[[str], bool] = lambda question: False,
        clock: Callable[[], float] = time.monotonic,
        arm_delay: float = ARM_DELAY,
    ) -> None:
        self.own = own
        self.hotkeys(hotkeys)
        self.ask = ask
        self.clock = clock
        self.arm_delay = arm_delay
        self.counts_from: float | None = None  # None: not watching (idle, or the user is being asked)
        self.touched: str | None = None  # what the user did, first thing since armed
        self.pointer: tuple[int, int] | None = None  # where Deskhand last put the pointer
        self._lock = threading.Lock()

    def hotkeys(self, hotkeys: Sequence[Hotkey]) -> None:
        """The hotkeys to tell apart from typing (pressing abort must abort, not ask)."""
        self.keys = Chords([Binding(h, lambda: None) for h in hotkeys])

    def arm(self) -> None:
        """Start counting the user's input, after ARM_DELAY; forget anything before."""
        with self._lock:
            self.counts_from = self.clock() + self.arm_delay
            self.touched = None

    def disarm(self) -> None:
        with self._lock:
            self.counts_from = None
            self.touched = None

    @contextmanager
    def off(self) -> Iterator[None]:
        """Not watching while the user is asked something; watching again (from now) after."""
        with self._lock:
            watching = self.counts_from is not None
        self.disarm()
        try:
            yield
        finally:
            if watching:
                self.arm()

    def see(self, event: HookEvent) -> None:
        """Take one hook event (hook thread: cheap)."""
        what = self.classify(event)
        if what is None:
            return
        with self._lock:
            if self.counts_from is not None and event[0] >= self.counts_from and self.touched is None:
                self.touched = what

    def classify(self, event: HookEvent) -> str | None:
        """What the user did with this event, or None when it was not the user's doing."""
        t, kind, *rest = event
        if kind in ("down", "up"):
            name, keycode = rest
            if kind == "up":
                self.keys.up(name, keycode)
                return None
            hotkey = self.keys.is_hotkey(name)
            self.keys.down(name, keycode)  # keeps which modifiers are held, whoever pressed them
            if hotkey or is_modifier(name) or self.own.covers(t, "keys"):
                return None
            return TYPED
        x, y = rest[0], rest[1]
        if self.own.covers(t, "pointer"):
            self.pointer = (x, y)
            return None
        if self.pointer is not None and max(abs(x - self.pointer[0]), abs(y - self.pointer[1])) <= STRAGGLER:
            return None
        return {"move": MOVED, "press": CLICKED, "scroll": SCROLLED}.get(kind)  # a release follows its press

    def hold(self, done: str = "nothing sent yet") -> bool:
        """Called before each synthesized event: when the user touched something, ask whether
        to go on. True when it asked and the answer was yes; Aborted when it was no."""
        with self._lock:
            touched, self.touched = self.touched, None
        if touched is None:
            return False
        if not self.ask(f"You {touched} while I was working. Continue?"):
            raise Aborted(f"paused because you {touched}, then stopped ({done})", "ask again when ready")
        return True
