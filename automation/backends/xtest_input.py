"""Synthesized input through XTest, by pyautogui (PAUSE=0).

XTest events look like real hardware to applications and to recorders. pynput's
``Controller.type()`` uses XSendEvent instead, which some applications ignore,
so typing never goes through it. Because a recorder cannot tell XTest events from
the user's, everything sent here is marked in the process's own-input log.

A click's press and release leave in one batch of requests, with no round trip to
the X server between them (pyautogui waits for the server after the press and
again after a pointer move before the release). On a loaded machine those waits
put over half a second of server time between the two, and toolkits read a press
held that long as a press-drag-release: GTK's combo opened its list on the press
and chose the item under the pointer on the release, closing the list at once
(the zoo's "act click Finance" found no list, exit 4).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any, Protocol

from Xlib import X

from automation.errors import EnvironmentProblem
from automation.own_input import OwnInput, process_log
from automation.protocols import Input
from automation.registry import register
from automation.types import MouseButton

KEY_ALIASES = {
    "return": "enter",
    "escape": "esc",
    "control": "ctrl",
    "ctl": "ctrl",
    "super": "win",
    "meta": "win",
    "del": "delete",
    "pgup": "pageup",
    "pgdn": "pagedown",
    "page_up": "pageup",
    "page_down": "pagedown",
    "bksp": "backspace",
    "ins": "insert",
    "plus": "+",
    "minus": "-",
    "spacebar": "space",
}


def parse_combo(combo: str, known: set[str]) -> list[str]:
    """``"Ctrl+Shift+S"`` -> ``["ctrl", "shift", "s"]``; unknown key names raise ValueError."""
    parts = [p.strip().lower() for p in combo.replace(" ", "").split("+")]
    if combo.strip().endswith("++") or combo.strip() == "+":
        parts = [p for p in parts if p] + ["+"]
    keys = [KEY_ALIASES.get(p, p) for p in parts]
    unknown = [k for k in keys if k not in known]
    if not keys or unknown or "" in keys:
        raise ValueError(f"unknown key in {combo!r}: {unknown or 'empty'}")
    return keys


CLICK_INTERVAL = 0.05  # seconds between the clicks of a double or triple click
BUTTONS = {"left": 1, "middle": 2, "right": 3}  # X's pointer button numbers


class Requests(Protocol):
    """What a click needs of an Xlib display: a round trip."""

    def sync(self) -> None: ...


FakeInput = Callable[..., None]  # Xlib.ext.xtest.fake_input(display, event_type, detail)


def send_clicks(
    display: Requests,
    fake_input: FakeInput,
    button: int,
    clicks: int = 1,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """``clicks`` clicks of ``button`` where the pointer is: each press and its release queued
    together and flushed by one round trip, so the server stamps them the same millisecond
    however busy the machine is (a press held past half a second is a drag to GTK's menus)."""
    for i in range(clicks):
        if i:
            sleep(CLICK_INTERVAL)
        fake_input(display, X.ButtonPress, button)
        fake_input(display, X.ButtonRelease, button)
        display.sync()


@register(Input, "xtest")
class XTestInput:
    def __init__(self, own: OwnInput | None = None) -> None:
        self.own = own or process_log()
        self.display = os.environ.get("DISPLAY", "")
        if not self.display:
            raise EnvironmentProblem(
                "no X display: DISPLAY is not set", "run inside your desktop session or under Xvfb"
            )
        try:
            import pyautogui  # connects to the display at import time
        except Exception as err:  # Xlib raises several unrelated types here
            raise EnvironmentProblem(f"cannot send input to {self.display}: {err}", "run `deskhand doctor`") from err
        pyautogui.PAUSE = 0  # its default adds 100 ms after every call
        pyautogui.FAILSAFE = False  # the safety gate owns the fail-safe corner check
        from pyautogui import _pyautogui_x11
        from Xlib.ext.xtest import fake_input

        self._gui: Any = pyautogui
        self._display: Requests = _pyautogui_x11._display  # pyautogui's own connection, for clicks
        self._fake_input: FakeInput = fake_input
        self.keys: set[str] = set(pyautogui.KEYBOARD_KEYS)
        # Characters with a keycode on the current keyboard map: what write() can send.
        self.chars = {k for k, code in _pyautogui_x11.keyboardMapping.items() if code and len(str(k)) == 1}

    def click(self, x: int, y: int, button: MouseButton = "left", clicks: int = 1) -> None:
        """Move to (x, y), then click there: the pointer arrives first (a hover the application
        sees), then each press and release go out together (``send_clicks``)."""
        with self.own.sending("pointer"):
            self._gui.moveTo(x, y)
            send_clicks(self._display, self._fake_input, BUTTONS[button], clicks)

    def typeable(self, text: str) -> str:
        """The characters of ``text`` that this backend cannot type (empty when all can)."""
        return "".join(sorted({c for c in text if c not in self.chars and c not in "\n\t"}))

    def type(self, text: str) -> None:
        bad = self.typeable(text)
        if bad:
            raise ValueError(f"cannot type {bad!r}: no key on the current keyboard map sends it")
        with self.own.sending("keys"):
            self._gui.write(text, interval=0.0)

    def key(self, combo: str) -> None:
        keys = parse_combo(combo, self.keys)
        with self.own.sending("keys"):
            self._gui.hotkey(*keys, interval=0.0)

    def scroll(self, dy: int, x: int, y: int) -> None:
        with self.own.sending("pointer"):
            self._gui.scroll(dy, x=x, y=y)

    def move(self, x: int, y: int) -> None:
        with self.own.sending("pointer"):
            self._gui.moveTo(x, y)

    def press(self, x: int, y: int, button: MouseButton = "left") -> None:
        with self.own.sending("pointer"):
            self._gui.mouseDown(x=x, y=y, button=button)

    def release(self, x: int, y: int, button: MouseButton = "left") -> None:
        with self.own.sending("pointer"):
            self._gui.mouseUp(x=x, y=y, button=button)

    def position(self) -> tuple[int, int]:
        x, y = self._gui.position()
        return int(x), int(y)

    def size(self) -> tuple[int, int]:
        w, h = self._gui.size()
        return int(w), int(h)
