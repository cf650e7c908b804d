"""Global hotkeys: combinations written the way pynput writes them, and who is called when.

A hotkey is ``<ctrl>+<alt>+<shift>+d``: modifiers and named keys in angle brackets,
one character bare. Parsing is strict, so a typo in the settings file is reported
with the key it names instead of a hotkey that silently never fires.

``Chords`` is the pure part of listening: fed key presses and releases (names as the
input hook reports them, keycodes to pair a release with its press), it says which
binding's press or release callback is due. A backend only feeds it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

MODIFIERS = {"ctrl": "ctrl", "alt": "alt", "shift": "shift", "cmd": "super", "super": "super"}
# Named keys, as pynput spells them inside <...>, and the X keysym name the input hook reports.
NAMED = {
    "esc": "Escape",
    "enter": "Return",
    "space": " ",
    "tab": "Tab",
    "backspace": "BackSpace",
    "delete": "Delete",
    "insert": "Insert",
    "home": "Home",
    "end": "End",
    "page_up": "Page_Up",
    "page_down": "Page_Down",
    "up": "Up",
    "down": "Down",
    "left": "Left",
    "right": "Right",
    "pause": "Pause",
    "print_screen": "Print",
    "scroll_lock": "Scroll_Lock",
    "menu": "Menu",
    **{f"f{n}": f"F{n}" for n in range(1, 25)},
}
KEY_OF_KEYSYM = {keysym: name for name, keysym in NAMED.items()}
NEEDS_ONE_OF = {"ctrl", "alt", "super"}  # without one of these a "hotkey" is ordinary typing...
ALONE = {f"f{n}" for n in range(1, 25)} | {"pause", "scroll_lock"}  # ...unless it is a key text never has
FORM = 'modifiers and named keys in angle brackets, one plain character last, e.g. "<ctrl>+<alt>+<shift>+d"'


class HotkeyError(ValueError):
    """A combination that cannot be listened for; the message names the bad part."""


@dataclass(frozen=True)
class Hotkey:
    text: str  # as written: "<ctrl>+<alt>+<shift>+d"
    modifiers: frozenset[str]  # "ctrl", "alt", "shift", "super"
    key: str  # the one other key: a lower-case character or a NAMED key ("esc", "f5")


def parse_hotkey(text: str) -> Hotkey:
    """``"<ctrl>+<alt>+d"`` -> Hotkey; raises HotkeyError naming what is wrong."""
    parts = text.strip().split("+")
    if text.strip().endswith("++"):  # "+" itself as the key
        parts = [*parts[:-2], "+"]
    modifiers: set[str] = set()
    keys: list[str] = []
    for part in parts:
        if part.startswith("<") and part.endswith(">") and len(part) > 2:
            name = part[1:-1].lower()
            if name in MODIFIERS:
                modifiers.add(MODIFIERS[name])
            elif name in NAMED:
                keys.append(name)
            else:
                raise HotkeyError(f"unknown key <{name}> in {text!r}")
        elif len(part) == 1 and part.isprintable() and part != " ":
            keys.append(part.lower())
        elif part.lower() in MODIFIERS or part.lower() in NAMED:
            raise HotkeyError(f"{part!r} in {text!r} must be written <{part.lower()}>")
        else:
            raise HotkeyError(f"unknown key {part!r} in {text!r}" if part else f"an empty key in {text!r}")
    if len(keys) != 1:
        raise HotkeyError(f"{text!r} has {len(keys)} keys besides modifiers; a hotkey has exactly one")
    if not modifiers & NEEDS_ONE_OF and keys[0] not in ALONE:
        raise HotkeyError(f"{text!r} needs <ctrl>, <alt> or <cmd>: without one it fires while you type")
    if "shift" in modifiers and len(keys[0]) == 1 and not keys[0].isalpha():
        raise HotkeyError(f"{text!r}: with <shift>, {keys[0]!r} arrives as another character; use a letter")
    return Hotkey(text.strip(), frozenset(modifiers), keys[0])


def is_modifier(name: str) -> bool:
    """Whether an input hook's key name is a modifier (ctrl, alt, shift, super)."""
    return hook_key(name) in {*MODIFIERS.values(), "altgr"}


def hook_key(name: str) -> str:
    """An input hook's key name ("Escape", "D", "ctrl") in the vocabulary of Hotkey.key."""
    return KEY_OF_KEYSYM.get(name, name.lower() if len(name) == 1 else name)


Callback = Callable[[], None]


@dataclass(frozen=True)
class Binding:
    hotkey: Hotkey
    press: Callback
    release: Callback | None = None  # for hold-to-talk: called when any of its keys comes up


class HotkeyListener(Protocol):
    def listen(self, bindings: Sequence[Binding]) -> Callable[[], None]:
        """Call the bindings' callbacks from the listener's own thread (keep them short:
        emit a signal, set a flag) until the returned function is called."""
        ...


class Chords:
    """Which binding fires, from key presses and releases as they come."""

    def __init__(self, bindings: Sequence[Binding]) -> None:
        self.bindings = list(bindings)
        self.held: dict[int, str] = {}  # keycode -> modifier name, while down
        self.active: dict[int, Binding] = {}  # keycode of the key that fired -> its binding, until released

    def down(self, name: str, keycode: int) -> list[Callback]:
        key = hook_key(name)
        if is_modifier(name):
            self.held[keycode] = key
            return []
        if keycode in self.active:
            return []  # auto-repeat of a key already held: one press
        mods = set(self.held.values())
        for binding in self.bindings:
            if binding.hotkey.key == key and binding.hotkey.modifiers == mods:
                self.active[keycode] = binding
                return [binding.press]
        return []

    def up(self, name: str, keycode: int) -> list[Callback]:
        modifier = self.held.pop(keycode, None)
        if modifier is None:
            binding = self.active.pop(keycode, None)
            return [binding.release] if binding is not None and binding.release is not None else []
        # Letting go of one of its modifiers ends a held hotkey too.
        ended = [code for code, b in self.active.items() if modifier in b.hotkey.modifiers]
        calls = [self.active.pop(code).release for code in ended]
        return [c for c in calls if c is not None]

    def is_hotkey(self, name: str) -> bool:
        """Whether a key pressed now, with the modifiers held now, is one of the bindings."""
        key, mods = hook_key(name), set(self.held.values())
        return any(b.hotkey.key == key and b.hotkey.modifiers == mods for b in self.bindings)
