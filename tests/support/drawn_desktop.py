"""A drawn desktop for unit tests of replay: stand-in screen, windows, input and observer over one picture."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from PIL import Image, ImageDraw

from automation.skills.model import WindowMatch
from automation.timings import Timings
from automation.types import Box, Observation, TextSpan, Window

SCREEN = Box(0, 0, 800, 600)
CLIENT = 0x1400000  # the X connection the client made its windows through: its dialogs share it
FORM = Window(1, "Expense Form", "Tk", Box(300, 200, 400, 300), client=CLIENT)
FAST = Timings(verify_timeout=0.3, settle=0.01, window_timeout=0.2, poll_interval=0.005, expect_timeout=0.3)
MATCH = WindowMatch("Tk", "Expense Form")


def draw_button(image: Image.Image, box: Box, mark: int) -> None:
    """A button with a pattern of its own, so a crop of it is found in one place only."""
    d = ImageDraw.Draw(image)
    d.rectangle((box.x, box.y, box.right - 1, box.bottom - 1), outline=(40, 40, 40), fill=(200, 200, 200))
    for i in range(4):
        d.rectangle((box.x + 6 + i * 14, box.y + 6, box.x + 10 + i * 14, box.y + 6 + (mark >> i & 1) * 6 + 4), fill=0)


@dataclass
class World:
    """The desktop the fakes show: windows, the text on them, a picture, and what was sent."""

    windows: list[Window] = field(default_factory=lambda: [FORM])
    spans: list[TextSpan] = field(default_factory=list)
    image: Image.Image = field(default_factory=lambda: Image.new("RGB", (800, 600), (217, 217, 217)))
    active: Window | None = FORM
    sent: list[tuple] = field(default_factory=list)
    # label clicked -> the window that then opens, with its text
    after_click: dict[str, tuple[Window, list[TextSpan]]] = field(default_factory=dict)
    # key pressed -> the title of the window it closes (Return answers a dialog)
    after_key: dict[str, str] = field(default_factory=dict)

    def changed(self) -> None:
        d = ImageDraw.Draw(self.image)
        n = len(self.sent)
        d.rectangle((10 + 12 * n, 10, 20 + 12 * n, 20), fill=(0, 0, 255))

    def label_at(self, x: int, y: int) -> str | None:
        return next(
            (s.text for s in self.spans if s.box.x - 8 <= x <= s.box.right + 8 and s.box.contains(s.box.x, y)), None
        )


class FakeScreen:
    def __init__(self, world: World) -> None:
        self.world, self.bounds = world, SCREEN

    def grab(self, region: Box | None = None) -> Image.Image:
        box = region or SCREEN
        return self.world.image.crop((box.x, box.y, box.right, box.bottom))


class FakeWindows:
    def __init__(self, world: World) -> None:
        self.world = world

    def list(self) -> list[Window]:
        return list(self.world.windows)

    def active(self) -> Window | None:
        return self.world.active

    def activate(self, window: Window) -> None:
        self.world.active = window


class FakeInput:
    display = ":fake"

    def __init__(self, world: World) -> None:
        self.world = world
        self.pressed: tuple[int, int] | None = None

    def click(self, x: int, y: int, button: str = "left", clicks: int = 1) -> None:
        self.world.sent.append(("click", x, y))
        opens = self.world.after_click.get(self.world.label_at(x, y) or "")
        if opens is not None:
            window, spans = opens
            self.world.windows.insert(0, window)
            self.world.spans += spans
            self.world.active = window
        self.world.changed()

    def type(self, text: str) -> None:
        self.world.sent.append(("type", text))
        self.world.changed()

    def typeable(self, text: str) -> str:
        return ""

    def key(self, combo: str) -> None:
        self.world.sent.append(("key", combo))
        closes = self.world.after_key.get(combo)
        if closes is not None and self.world.active is not None and self.world.active.title == closes:
            self.world.windows = [w for w in self.world.windows if w.title != closes]
            self.world.spans = [s for s in self.world.spans if s.window != closes]
            self.world.active = self.world.windows[0] if self.world.windows else None
        self.world.changed()

    def scroll(self, dy: int, x: int, y: int) -> None:
        self.world.sent.append(("scroll", dy, x, y))
        self.world.changed()

    def move(self, x: int, y: int) -> None:
        self.world.sent.append(("move", x, y))

    def press(self, x: int, y: int, button: str = "left") -> None:
        self.pressed = (x, y)

    def release(self, x: int, y: int, button: str = "left") -> None:
        # a press and a release on one spot are a click (the actor watches the press low on the screen)
        pressed, self.pressed = self.pressed, None
        if pressed == (x, y):
            self.click(x, y, button)
            return
        if pressed is not None:
            self.world.sent.append(("press", *pressed))
        self.world.sent.append(("release", x, y))

    def position(self) -> tuple[int, int]:
        return (400, 300)

    def size(self) -> tuple[int, int]:
        return (800, 600)


class FakeObserver:
    def __init__(self, world: World) -> None:
        self.world = world
        self.ocr = None
        self.tree = None  # a drawn world has no accessibility tree: pixels only
        self.looks = 0

    def ignore(self, window: Window) -> bool:
        return False

    def forget(self, window: Window) -> None:
        """Nothing is remembered: every look reads the drawn world afresh."""

    def observe(self, window: str | Window | None = None) -> Observation:
        self.looks += 1
        title = window.title if isinstance(window, Window) else window
        spans = [s for s in self.world.spans if title is None or title in s.window]
        return Observation(self.world.image.copy(), tuple(self.world.windows), self.world.active, tuple(spans), 0.0)


def span(text: str, x: int, y: int, window: str = FORM.title) -> TextSpan:
    return TextSpan(text, Box(x, y, 8 * len(text), 12), 95.0, window)


def observation(world: World) -> Observation:
    return FakeObserver(world).observe()


def png_of(image: Image.Image, box: Box) -> bytes:
    out = io.BytesIO()
    image.crop((box.x, box.y, box.right, box.bottom)).save(out, format="PNG")
    return out.getvalue()
