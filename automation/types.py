"""Plain frozen dataclasses shared by every layer. No I/O here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from PIL.Image import Image


@dataclass(frozen=True)
class Box:
    """A rectangle in absolute screen pixels (x, y is the top-left corner)."""

    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    @property
    def center(self) -> tuple[int, int]:
        return (self.x + self.w // 2, self.y + self.h // 2)

    def contains(self, x: int, y: int) -> bool:
        return self.x <= x < self.right and self.y <= y < self.bottom

    def intersect(self, other: Box) -> Box | None:
        x, y = max(self.x, other.x), max(self.y, other.y)
        r, b = min(self.right, other.right), min(self.bottom, other.bottom)
        if r <= x or b <= y:
            return None
        return Box(x, y, r - x, b - y)

    def union(self, other: Box) -> Box:
        x, y = min(self.x, other.x), min(self.y, other.y)
        return Box(x, y, max(self.right, other.right) - x, max(self.bottom, other.bottom) - y)

    def shifted(self, dx: int, dy: int) -> Box:
        return Box(self.x + dx, self.y + dy, self.w, self.h)

    def grown(self, margin: int) -> Box:
        """This box with ``margin`` pixels added on every side."""
        return Box(self.x - margin, self.y - margin, self.w + 2 * margin, self.h + 2 * margin)

    def crop_in(self, origin: Box) -> tuple[int, int, int, int]:
        """This box as a PIL crop tuple inside a picture of ``origin``."""
        return (self.x - origin.x, self.y - origin.y, self.right - origin.x, self.bottom - origin.y)

    def distance_to(self, other: Box) -> float:
        (ax, ay), (bx, by) = self.center, other.center
        return float(((ax - bx) ** 2 + (ay - by) ** 2) ** 0.5)


@dataclass(frozen=True)
class TextSpan:
    """One piece of text read from the screen: a label, a line or a word."""

    text: str
    box: Box
    conf: float
    window: str = ""


@dataclass(frozen=True)
class Window:
    """A top-level application window; ``box`` is its client area, frame excluded."""

    id: int
    title: str
    app: str
    box: Box
    pid: int | None = None
    # The connection that made it (X11: the id's client bits). An application's dialogs share
    # it even when it sets no _NET_WM_PID (Tk, Motif) and gives them another class ("Toplevel").
    client: int | None = None
    # Pop-ups open over it that the window manager does not list (a combo's list, a menu, a
    # tooltip: X11 override-redirect windows of the same connection), top-most first. Each
    # carries this window's title and app, so what is read in it is this window's.
    popups: tuple[Window, ...] = ()
    # A pop-up's kind as its toolkit names it (EWMH window type: "tooltip", "combo",
    # "dropdown_menu", "popup_menu", "menu"); "" when it names none, and for listed windows.
    kind: str = ""

    @property
    def extent(self) -> Box:
        """The client area and its open pop-ups: everything on screen that belongs to the window."""
        box = self.box
        for popup in self.popups:
            box = box.union(popup.box)
        return box

    def holds(self, x: int, y: int) -> bool:
        """Whether the point lies in the window or in one of its open pop-ups."""
        return self.box.contains(x, y) or any(p.box.contains(x, y) for p in self.popups)

    def same_application(self, other: Window) -> bool:
        """Made by the same program: the same X connection, else the same process."""
        if self.client is not None and other.client is not None:
            return self.client == other.client
        return self.pid is not None and self.pid == other.pid

    def lies_over(self, other: Window) -> bool:
        """Whether this window stands in front of ``other`` as its dialog: over a larger window,
        or over any window of its own application that it covers (a file dialog is often
        larger than the small window that opened it)."""
        if other.id == self.id:
            return False
        if other.box.w * other.box.h > self.box.w * self.box.h and other.box.contains(*self.box.center):
            return True
        return self.same_application(other) and self.box.contains(*other.box.center)


ElementKind = Literal["text", "combo", "check", "radio", "button", "readout"]


@dataclass(frozen=True)
class Element:
    """A control or a read-out found by its shape, with the label that names it.

    ``label`` is the text a user would call it by (beside, above, inside as a
    placeholder, right of a check box); ``text`` is what it shows now (an entry's
    content, a combo's choice, a read-out's words). ``cell``: a grid's cell, named by
    its column header; the grid keeps what is typed there only once the edit is committed.
    ``enabled``: False for a button drawn greyed out (its label grey, lighter than any text
    a control that takes a click is labelled with).
    """

    kind: ElementKind
    box: Box
    label: str = ""
    text: str = ""
    label_box: Box | None = None
    focused: bool = False
    checked: bool | None = None
    window: str = ""
    cell: bool = False
    enabled: bool = True


@dataclass(frozen=True)
class Observation:
    """What the screen looked like at one moment."""

    image: Image
    windows: tuple[Window, ...]
    active: Window | None
    spans: tuple[TextSpan, ...]
    taken_at: float
    outlines: tuple[Box, ...] = ()  # outlined rectangles (buttons, entries, combo boxes)
    elements: tuple[Element, ...] = ()  # typed controls and read-outs, labels paired
    # Elements of the windows' accessibility trees that agreed with the pixels (empty without one).
    accessible: tuple[Accessible, ...] = ()
    timings: dict[str, float] = field(default_factory=dict, compare=False)
    read: tuple[int, ...] = ()  # ids of the windows whose text was read; empty: not recorded (all of them)

    def window_of(self, span: TextSpan) -> Window:
        """The window a span was read in: among the windows read, the top-most with its title.
        Two windows may share a title; only the one that was read can hold the span."""
        titled = [w for w in self.windows if w.title == span.window]
        return next((w for w in titled if w.id in self.read), titled[0])

    def window_named(self, title: str) -> Window | None:
        """The top-most window whose title contains ``title`` (case-insensitive)."""
        needle = title.casefold()
        for window in self.windows:
            if needle in window.title.casefold():
                return window
        return None


@dataclass(frozen=True)
class Target:
    """What the user (or the model) points at: label text, never raw coordinates."""

    label: str
    window: str | None = None
    near: str | None = None
    index: int | None = None
    field: bool = False  # the input field beside or below the label, not the label itself


MouseButton = Literal["left", "right", "middle"]


@dataclass(frozen=True)
class Click:
    target: Target
    button: MouseButton = "left"
    clicks: int = 1


@dataclass(frozen=True)
class TypeText:
    text: str
    into: Target | None = None
    window: str | None = None  # where to type when there is no field to click first
    over: bool = False  # select what the field holds first and type over it (a field typed into before)


@dataclass(frozen=True)
class Key:
    combo: str
    window: str | None = None


Action = Click | TypeText | Key


@dataclass(frozen=True)
class OcrWord:
    """One word as an OCR engine reads it, in the pixels of the image it was given.

    ``line`` identifies the text line the engine put the word in; grouping into
    labels (automation.perception.grouping) only joins words of the same line.
    """

    text: str
    box: Box
    conf: float
    line: tuple[int, ...] = ()


@dataclass(frozen=True)
class Accessible:
    """One element of an application's accessibility tree (AT-SPI on Linux), in screen pixels.

    ``label`` is the name of the element the tree says labels this one (a field's
    caption); ``value`` is what an editable field or a combo box currently shows.
    """

    role: str  # the toolkit-neutral role name: "push button", "text", "combo box", "check box", "label" ...
    name: str
    box: Box
    states: frozenset[str] = frozenset()  # "focused", "editable", "enabled", "checked", "showing" ...
    value: str | None = None
    label: str | None = None
    # ``name`` is the element's description, not drawn on screen: a button that is only a picture,
    # named by its tooltip (Swing's and GTK's trees give no name, only the description)
    described: bool = False

    @property
    def focused(self) -> bool:
        return "focused" in self.states

    @property
    def editable(self) -> bool:
        return "editable" in self.states
