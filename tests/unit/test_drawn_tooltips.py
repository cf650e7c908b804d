"""Tooltips no window declares: Swing draws one that fits in its window as part of it (round 17).

JabRef 3.8's toolbar (Debian's `jabref`, Swing) is pictures only. Round 16 named such pictures
by the tooltip the toolkit declares (a pop-up window of the tooltip kind: GTK, Qt, Chromium);
Swing's opens no window, so `act click "Save database"` ended exit 4 ("no element labelled")
and `observe --hover` named none of its 24 pictures. The screenshots are JabRef's, on Xvfb:
the toolbar with the pointer away, then resting on a picture (its button lit, and ~0.75 s
later the tooltip under it)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from automation.actuation.actor import Actor
from automation.actuation.icons import named_icon
from automation.actuation.safety import SafetyGate
from automation.backends.tesserocr_ocr import TesserocrEngine
from automation.desktop import Desktop
from automation.grounding.match import candidates
from automation.perception.drawn_tips import drawn_tooltips
from automation.perception.icons import toolbar_icons
from automation.types import Box, TextSpan, Window
from tests.support.drawn_desktop import FAST, FakeInput, FakeObserver, FakeScreen, FakeWindows, World

DATA = Path(__file__).parent / "data" / "jabref"
SAVE, CUT = Box(72, 55, 18, 18), Box(141, 54, 20, 20)  # two pictures of the toolbar (screen pixels)


def picture(name: str) -> Image.Image:
    return Image.open(DATA / name).convert("RGB")


def test_the_tooltip_drawn_under_the_picture_is_found_and_the_lit_button_is_not_one() -> None:
    before = picture("toolbar.png")
    assert drawn_tooltips(before, picture("toolbar_save_tip.png"), SAVE) == [Box(81, 84, 102, 17)]
    assert drawn_tooltips(before, picture("toolbar_cut_tip.png"), CUT) == [Box(151, 84, 29, 17)]
    # the pointer on it a moment: only its button lit, no tooltip yet
    assert drawn_tooltips(before, picture("toolbar_save_lit.png"), SAVE) == []
    assert drawn_tooltips(before, before, SAVE) == []


def test_a_button_two_pixels_above_that_went_dark_again_is_not_joined_to_the_tooltip() -> None:
    # The look before hovering caught the last picture asked still lit (the pointer had just left
    # it); joined across the 2-px gap, the tooltip of the one now under the pointer was a 205x55
    # patch and no tooltip at all, and four pictures in a row went unnamed.
    web = Box(754 - 480, 54, 20, 20)
    found = drawn_tooltips(picture("toolbar_right_lit.png"), picture("toolbar_right_web_tip.png"), web)
    assert found == [Box(284, 84, 186, 17)]


JABREF = Window(7, "JabRef - untitled* (BibTeX mode)", "net-sf-jabref-JabRefMain", Box(1, 20, 799, 220))


class Resting(FakeInput):
    """The pointer resting on a picture shows JabRef's own screenshot of that moment."""

    def __init__(self, world: World, shown: dict[Box, Image.Image]) -> None:
        super().__init__(world)
        self.shown, self.plain = shown, world.image.copy()

    def move(self, x: int, y: int) -> None:
        super().move(x, y)
        here = next((image for box, image in self.shown.items() if box.contains(x, y)), self.plain)
        self.world.image.paste(here)


def resting(shown: dict[Box, Image.Image]) -> tuple[World, Actor]:
    world = World(windows=[JABREF], active=JABREF, image=picture("toolbar.png"))
    input = Resting(world, shown)
    observer = FakeObserver(world)
    observer.ocr = TesserocrEngine()  # type: ignore[assignment]
    desktop = Desktop(FakeScreen(world), FakeWindows(world), None, input)  # type: ignore[arg-type]
    gate = SafetyGate(input, FakeWindows(world), desktop.screen.bounds)  # type: ignore[arg-type]
    return world, Actor(desktop, observer, gate, FAST)  # type: ignore[arg-type]


def test_a_picture_is_named_by_the_tooltip_drawn_in_its_window() -> None:
    world, actor = resting({SAVE: picture("toolbar_save_tip.png"), CUT: picture("toolbar_cut_tip.png")})
    crop = world.image.crop((JABREF.box.x, JABREF.box.y, JABREF.box.right, JABREF.box.bottom))
    spots = [b.shifted(JABREF.box.x, JABREF.box.y) for b in toolbar_icons(crop)]
    assert SAVE in spots and CUT in spots
    obs = actor.observer.observe(JABREF)
    answer = named_icon(actor, JABREF, obs, "Cut")
    assert answer.found is not None and (answer.found.box, answer.found.name) == (CUT, "Cut")
    assert [i.name for i in answer.asked] == ["Save database", "Cut"]  # New, Open: no tooltip drawn here
    assert world.image.tobytes() == picture("toolbar.png").tobytes()  # the pointer moved off at the end


def test_a_name_with_another_word_in_place_of_one_asked_for_is_no_slip_of_it() -> None:
    # "Open BibTeX database" is within the fuzzy ratio (87) of "New BibTeX database": JabRef's only
    # tooltip read in an empty window named it, and `act click "New BibTeX database"` opened the
    # Open dialog and ended exit 0.
    box = Box(0, 0, 150, 17)
    assert candidates("New BibTeX database", [TextSpan("Open BibTeX database", box, 95.0)]) == []
    assert candidates("New BibTeX database", [TextSpan("New BibTeX databse", box, 95.0)])  # a slip still is
    assert candidates("Save as", [TextSpan("Save As...", box, 95.0)])


def test_a_picture_inside_a_focused_buttons_ring_is_still_a_picture() -> None:
    # JabRef with no database open: its first button ("New BibTeX database", an outlined page) has
    # the focus, and Swing rings it 2 px off the picture. Joined to the ring and the frames beside,
    # the picture was a 59x32 patch, no icon's size: never asked, `act click "New BibTeX database"`
    # ended exit 4 (its tooltip never read).
    window = picture("empty_toolbar.png").crop((1, 20, 1023, 240))
    found = [b.shifted(1, 20) for b in toolbar_icons(window)]
    assert Box(13, 54, 16, 20) in found and Box(41, 56, 20, 16) in found, found
