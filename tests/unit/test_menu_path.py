"""`act menu`: press on a menu's title, move onto the item with the button held, let go there.

Real pixels: xfig's File menu (Athena), held open (tests/unit/data/xfig/file-menu-held.png, the
screen from x 130, y 18). The desktop around it is a stand-in: the menu posts on the press and
goes on the release, as Athena's does; the OCR is real.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image, ImageDraw

from automation.actuation.menu_path import run_menu_item
from automation.actuation.verify import Effect
from automation.backends.tesserocr_ocr import TesserocrEngine
from automation.errors import ActionFailed
from automation.types import Box, Observation, Target, TextSpan, Window
from tests.support.drawn_desktop import FAST

HELD = Image.open(Path(__file__).resolve().parent / "data" / "xfig" / "file-menu-held.png").convert("RGB")
XFIG = Window(1, "Xfig - drawing.fig", "Fig", Box(6, 5, 460, 300))
MENU = Window(2, "", "Fig", Box(6, 30, 442, 266), kind="menu")
FILE = TextSpan("File", Box(6, 5, 60, 23), 97.0, XFIG.title)


class Desktop:
    """The screen shows the menu while the button is down; what the hand did is kept."""

    def __init__(self) -> None:
        self.down = False
        self.sent: list[tuple[str, int, int]] = []
        self.bounds = Box(0, 0, HELD.width, HELD.height)
        self.closed = HELD.copy()
        ImageDraw.Draw(self.closed).rectangle((MENU.box.x, MENU.box.y, MENU.box.right, MENU.box.bottom), fill="grey")

    def grab(self, region: Box | None = None) -> Image.Image:
        picture = HELD if self.down else self.closed
        box = region or self.bounds
        return picture.crop((box.x, box.y, box.right, box.bottom))

    def press(self, x: int, y: int, button: str = "left") -> None:
        self.down = True
        self.sent.append(("press", x, y))

    def move(self, x: int, y: int) -> None:
        self.sent.append(("move", x, y))

    def release(self, x: int, y: int, button: str = "left") -> None:
        self.down = False
        self.sent.append(("release", x, y))

    def menus(self) -> list[Window]:
        return [MENU] if self.down else []


def actor(desktop: Desktop) -> SimpleNamespace:
    obs = Observation(HELD, (XFIG,), XFIG, (FILE,), 0.0)
    recorded: list[str] = []
    return SimpleNamespace(
        gate=SimpleNamespace(targets=SimpleNamespace(held=None), check=lambda *a, **k: None, popups={}),
        observer=SimpleNamespace(observe=lambda window=None: obs, ocr=TesserocrEngine()),
        desktop=SimpleNamespace(screen=desktop, input=desktop, to_input=lambda x, y: (x, y)),
        timings=FAST,
        audit=SimpleNamespace(record=lambda action, title, app, what: recorded.append(what)),
        recorded=recorded,
        bring_forward=lambda window: None,
        clear_tooltips=lambda: False,
        admissible=lambda action, window: None,
        before_act=lambda point, window: None,
        focus=lambda window: None,
        menus_of=lambda window: desktop.menus(),
        verify=lambda expect, already, before: Effect.CHANGED,
        closed_since=lambda window: None,
    )


def test_the_item_is_let_go_on_with_the_button_held_from_the_title() -> None:
    desktop = Desktop()
    hand = actor(desktop)
    outcome = run_menu_item(hand, Target("File"), ["Export..."])  # type: ignore[arg-type]
    (press, move, release) = desktop.sent
    assert press == ("press", *FILE.box.center)
    assert move[1:] == release[1:] and release[0] == "release"
    assert MENU.box.contains(*release[1:]) and 136 <= release[2] <= 148, release  # the "Export..." row
    assert (outcome.verdict, outcome.element) == (Effect.CHANGED, "File > Export...")
    assert hand.recorded == ["sent"]


def test_an_item_the_menu_does_not_show_runs_nothing() -> None:
    """The button comes up where no menu is, and the error lists what the menu shows."""
    desktop = Desktop()
    hand = actor(desktop)
    with pytest.raises(ActionFailed, match="no item 'Frobnicate'") as err:
        run_menu_item(hand, Target("File"), ["Frobnicate"])  # type: ignore[arg-type]
    assert "Export..." in str(err.value)
    kind, x, y = desktop.sent[-1]
    assert kind == "release" and not MENU.box.contains(x, y)
    assert hand.recorded and hand.recorded[-1].startswith("refused")
