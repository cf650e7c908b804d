"""The ports: to the platform (Screen, Windows, OcrEngine, Input, InputHook), to what was
learned of it (IconNames), to the mind (Policy) and to the user (Confirm).

One main method each; everything platform-specific sits behind them, so a
Windows or macOS backend is a new module in automation.backends, not a change here,
and a policy is whatever app/ builds from models/ (or a test scripts).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, runtime_checkable

from PIL.Image import Image

from automation.decisions import Act, Decision, Situation
from automation.types import Accessible, Box, MouseButton, OcrWord, Window


class Screen(Protocol):
    bounds: Box  # the whole virtual desktop, in screenshot pixels

    def grab(self, region: Box | None = None) -> Image:
        """An RGB picture of ``region`` (absolute pixels), or of the whole desktop."""
        ...


class Windows(Protocol):
    def list(self) -> list[Window]:
        """Visible top-level windows, top-most first."""
        ...

    def active(self) -> Window | None: ...

    def activate(self, window: Window) -> None:
        """Ask the window manager to raise and focus ``window`` (does not wait)."""
        ...


@runtime_checkable
class WindowWatch(Protocol):
    """A Windows backend that can tell when the desktop's windows change (one mapped, closed,
    moved, raised, activated; a pop-up opened), as it happens."""

    def watch(self, changed: Callable[[], None]) -> Callable[[], None]:
        """Call ``changed`` on a thread of its own after each change (a burst is one call);
        the function returned stops watching."""
        ...


class OcrEngine(Protocol):
    name: str

    def read(self, image: Image, single_line: bool = False) -> list[OcrWord]:
        """Words in ``image``, with boxes in that image's pixels.

        ``single_line`` reads the image as one line of text (a button's crop), with
        no upscaling or layout analysis of the engine's own.
        """
        ...


class Input(Protocol):
    display: str  # which display the synthesized events go to

    def click(self, x: int, y: int, button: MouseButton = "left", clicks: int = 1) -> None: ...

    def type(self, text: str) -> None:
        """Type ``text`` through XTest-like real key events (never XSendEvent)."""
        ...

    def typeable(self, text: str) -> str:
        """The characters of ``text`` this backend cannot type; empty when it can type all."""
        ...

    def key(self, combo: str) -> None:
        """Press a combination such as ``ctrl+s`` or ``Return``."""
        ...

    def scroll(self, dy: int, x: int, y: int) -> None: ...

    def move(self, x: int, y: int) -> None:
        """Move the pointer without clicking (off a control whose tooltip hides another)."""
        ...

    def press(self, x: int, y: int, button: MouseButton = "left") -> None:
        """Press a button at (x, y) and hold it (a click in a menu checks what the press opened)."""
        ...

    def release(self, x: int, y: int, button: MouseButton = "left") -> None:
        """Let go of a button pressed with ``press``, at (x, y)."""
        ...

    def position(self) -> tuple[int, int]: ...

    def size(self) -> tuple[int, int]:
        """The input coordinate space; differs from the screenshot's under HiDPI scaling."""
        ...


class Selection(Protocol):
    def selected_text(self) -> str | None:
        """The text the desktop's selection holds (X PRIMARY: what was last selected,
        in any application); None when nobody holds it, or it cannot be read."""
        ...

    def clear(self) -> None:
        """Leave the selection with no owner, so that whoever holds it next has just offered it."""
        ...


HookEvent = tuple[Any, ...]
"""One raw input event as a hook thread sees it, stamped with ``time.monotonic()``:

    (t, "move", x, y)                 the pointer moved
    (t, "press", x, y, button)        button: "left", "right" or "middle"
    (t, "release", x, y, button)
    (t, "scroll", x, y, dx, dy)       dy > 0 scrolls up
    (t, "down", key, keycode)         key: a character ("a", "B", " ") or a key name
    (t, "up", key, keycode)           ("Return", "BackSpace", "shift", "ctrl", "alt", "super");
                                      keycode pairs a release with its press, whose name may differ

A plain tuple, because building it is all a hook callback may spend time on.
"""


class InputHook(Protocol):
    def listen(self, sink: Callable[[HookEvent], None]) -> Callable[[], None]:
        """Call ``sink`` from the hook's own threads with every mouse and keyboard event
        the user makes, until the returned function is called; that stops at once."""
        ...


class AccessibilityTree(Protocol):
    def read(self, window: Window) -> list[Accessible] | None:
        """The showing elements of ``window``'s accessibility tree, or None when its
        application exposes none (Tk, Athena/Motif, Wine, a remote desktop viewer)."""
        ...


class IconNames(Protocol):
    """Names of pictures (icon-only buttons) learned from their tooltips, kept per application:
    a picture named once is a named button on every later look, with no pointer moved."""

    def known(self, app: str) -> list[tuple[str, str]]:
        """(likeness, name) of every picture of ``app`` named so far."""
        ...

    def learn(self, app: str, named: list[tuple[str, str]]) -> None:
        """Keep (likeness, name) pairs of ``app``'s pictures; a likeness named again takes the new name."""
        ...


class Policy(Protocol):
    """The mind the agent loop is handed (models/ builds one; tests script one)."""

    def decide(self, situation: Situation) -> Decision:
        """One decision for this situation: act, run a skill, ask, reply, finish or give up."""
        ...


Confirm = Callable[[str, Act], bool]
"""The user's yes or no to a risky action: (question, the action) -> approved?
A terminal prompt, ``--yes``, or the panel's dialog; the agent loop and replay both ask it."""
