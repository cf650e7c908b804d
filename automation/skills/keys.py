"""Raw events -> tokens: pointer events as they are, keystrokes merged into typed text and key combos.

Pure. Typed text is kept per field: it ends where focus moves (a pointer event, a
different window, Tab or Return), and editing keys inside it are applied to it
(BackSpace, Delete, Left, Right, Home, End), so "42.5O<BackSpace>0" becomes "42.50".
Shortcuts (ctrl, alt or super held) become combos such as "ctrl+s"; a key that leaves
the typed text (BackSpace in an empty field, Left past its start) becomes a combo too,
so replay does what the user did.

Character keys are taken on press only: xdotool presses "B" and releases "b", and X
auto-repeat sends presses without releases, so pairing presses with releases would
lose or double characters. Only modifiers are tracked through their releases.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from automation.key_names import COMBO_ORDER, MODIFIERS, key_name
from automation.recording.events import ClickEvent, Drag, KeyDown, KeyUp, RawEvent, Scroll, Secret, WindowRef

SHORTCUT_MODIFIERS = {"ctrl", "alt", "super"}
FOCUS_KEYS = {"Tab", "Return"}  # after these, typing goes to another field
EDITING = {"BackSpace", "Delete", "Left", "Right", "Home", "End"}  # applied to the typed text itself


@dataclass(frozen=True)
class Pointer:
    """A click, drag or scroll, passed through; ``focus`` is the focus segment it starts."""

    event: ClickEvent | Drag | Scroll
    focus: int


@dataclass(frozen=True)
class Typed:
    """Text typed into one field. ``secret`` counts keys the recorder hid (a password field)."""

    text: str
    window: WindowRef
    t: float
    end: float
    focus: int
    secret: int = 0


@dataclass(frozen=True)
class Combo:
    combo: str  # "ctrl+s", "Return", "shift+Tab", "BackSpace"
    window: WindowRef
    t: float
    focus: int


Token = Pointer | Typed | Combo


def combo_of(held: set[str], key: str) -> str:
    mods = [m for m in COMBO_ORDER if m in held]
    # A shortcut names its key unshifted ("ctrl+shift+s"); shift is already in the list.
    return "+".join([*mods, key.lower() if len(key) == 1 else key])


@dataclass
class Field:
    """The text typed since focus last moved, with the caret inside it."""

    window: WindowRef
    t: float
    end: float
    chars: list[str]
    caret: int
    secret: int = 0


class Tokenizer:
    def __init__(self) -> None:
        self.tokens: list[Token] = []
        self.held: set[str] = set()
        self.field: Field | None = None
        self.focus = 0

    def feed(self, event: RawEvent) -> None:
        if isinstance(event, (ClickEvent, Drag, Scroll)):
            self.flush()
            self.focus += 1
            self.tokens.append(Pointer(event, self.focus))
        elif isinstance(event, KeyUp):
            name = key_name(event.key)
            # Releases match presses case-insensitively: shift and ctrl have no case, but spell it out.
            self.held = {m for m in self.held if m.casefold() != name.casefold()}
        elif isinstance(event, Secret):
            if event.window is not None:
                if self.field is not None and self.field.window.id != event.window.id:
                    self._move_focus()
                self._field(event.window, event.t).secret += event.n
        elif isinstance(event, KeyDown) and event.window is not None:
            self._press(key_name(event.key), event.window, event.t)

    def _press(self, name: str, window: WindowRef, t: float) -> None:
        if not name:
            return
        if name in MODIFIERS.values():
            self.held.add(name)
            return
        if self.field is not None and self.field.window.id != window.id:
            self._move_focus()  # keys now go to another window
        if len(name) == 1 and not self.held & SHORTCUT_MODIFIERS:
            field = self._field(window, t)
            field.chars.insert(field.caret, name)
            field.caret += 1
            field.end = t
            return
        # With a modifier held, even an editing key is a command (shift+Left selects).
        if not self.held and self._edit(name, t):
            return
        self.flush()
        self.tokens.append(Combo(combo_of(self.held, name), window, t, self.focus))
        if name in FOCUS_KEYS:
            self.focus += 1

    def _edit(self, name: str, t: float) -> bool:
        """Apply an editing key to the typed text; False when it acts outside that text."""
        field = self.field
        if field is None or not field.chars or name not in EDITING:
            return False
        n, caret = len(field.chars), field.caret
        if name == "BackSpace" and caret > 0:
            del field.chars[caret - 1]
            field.caret -= 1
        elif name == "Delete" and caret < n:
            del field.chars[caret]
        elif name == "Left" and caret > 0:
            field.caret -= 1
        elif name == "Right" and caret < n:
            field.caret += 1
        # Home and End assume the field held only what was typed since it got focus.
        elif name == "Home":
            field.caret = 0
        elif name == "End":
            field.caret = n
        else:
            return False
        field.end = t
        return True

    def _field(self, window: WindowRef, t: float) -> Field:
        if self.field is None:
            self.field = Field(window, t, t, [], 0)
        return self.field

    def _move_focus(self) -> None:
        self.flush()
        self.focus += 1

    def flush(self) -> None:
        field, self.field = self.field, None
        if field is not None and (field.chars or field.secret):
            text = "" if field.secret else "".join(field.chars)
            self.tokens.append(Typed(text, field.window, field.t, field.end, self.focus, field.secret))


def tokenize(events: Iterable[RawEvent]) -> list[Token]:
    """Events in time order -> pointer events, typed texts and key combos, in order."""
    tokenizer = Tokenizer()
    for event in sorted(events, key=lambda e: e.t):
        tokenizer.feed(event)
    tokenizer.flush()
    return tokenizer.tokens


def typed_texts(tokens: Sequence[Token]) -> Iterator[str]:
    return (t.text for t in tokens if isinstance(t, Typed) and t.text)
