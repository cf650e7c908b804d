"""Synthesized input through XTest, by pyautogui (PAUSE=0).

XTest events look like real hardware to applications and to recorders. pynput's
``Controller.type()`` uses XSendEvent instead, which some applications ignore,
so typing never goes through it. Because a recorder cannot tell XTest events from
the user's, everything sent here is marked in the process's own-input log.
"""

from __future__ import annotations

import os
from typing import Any

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

        self._gui: Any = pyautogui
        self.keys: set[str] = set(pyautogui.KEYBOARD_KEYS)
        # Characters with a keycode on the current keyboard map: what write() can send.
        self.chars = {k for k, code in _pyautogui_x11.keyboardMapping.items() if code and len(str(k)) == 1}

    def click(self, x: int, y: int, button: MouseButton = "left", clicks: int = 1) -> None:
        with self.own.sending("pointer"):
            self._gui.click(x=x, y=y, button=button, clicks=clicks, interval=0.05 if clicks > 1 else 0.0)

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
