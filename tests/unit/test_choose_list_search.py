"""The item is looked for in the list a combo opened: up first, then down to the list's end.

GTK opens a combo's list at its current item; near the screen's top the items before it are
scrolled away behind an arrow ("Sales" above "Support" was never shown, the list was scrolled
down only, and the keys typed instead chose nothing: exit 1). The fakes here: a list of six
items showing three, which the wheel moves one item a notch, and an OCR engine that reads the
three shown.
"""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace
from typing import Any

from PIL import Image, ImageDraw

from automation.actuation.choose import find_in_popup, where_in
from automation.grounding.match import FUZZY, candidates
from automation.timings import Timings
from automation.types import Box, Element, OcrWord, TextSpan, Window

ITEMS = ["Sales", "Finance", "Legal", "Support", "Travel", "Stores"]
SHOWN = 3
ROW = 30
COMBO = Element("combo", Box(100, 100, 160, 24), "Department")
LIST = Box(100, 124, 160, SHOWN * ROW)
FORM = Window(0x400005, "Form", "Zoo", Box(0, 0, 400, 300), pid=17, client=0x400000)
BORDER, SCALE = 10, 2  # how choose.read_region renders a list for OCR


class ListScreen:
    bounds = Box(0, 0, 400, 300)

    def __init__(self, first: int) -> None:
        self.first = first  # the first item shown
        self.open = False
        self.scrolls: list[int] = []

    def shown(self) -> list[str]:
        return ITEMS[self.first : self.first + SHOWN]

    def grab(self, region: Box | None = None) -> Image.Image:
        image = Image.new("RGB", (400, 300), (217, 217, 217))
        draw = ImageDraw.Draw(image)
        draw.rectangle((100, 100, 259, 123), fill="white", outline="gray")
        if self.open:  # each scroll position its own shade, so a scroll shows as a change
            draw.rectangle((LIST.x, LIST.y, LIST.right - 1, LIST.bottom - 1), fill=(255, 255 - 9 * self.first, 255))
        return image if region is None else image.crop((region.x, region.y, region.right, region.bottom))

    def scroll(self, dy: int, point: tuple[int, int], window: Window) -> None:
        assert LIST.contains(*point)
        self.scrolls.append(dy)
        step = -1 if dy > 0 else 1  # a notch up shows the item before
        self.first = max(0, min(len(ITEMS) - SHOWN, self.first + step))


class ShownItems:
    """Reads the items the list shows, where they are drawn (in the rendered picture's pixels)."""

    def __init__(self, screen: ListScreen) -> None:
        self.screen = screen

    def read(self, image: Image.Image) -> list[OcrWord]:
        words = []
        for row, text in enumerate(self.screen.shown()):
            box = Box(8 * SCALE + BORDER, (row * ROW + 8) * SCALE + BORDER, 60 * SCALE, 14 * SCALE)
            words.append(OcrWord(text, box, 95.0, (1, row)))
        return words


def actor_over(screen: ListScreen) -> Any:
    desktop = SimpleNamespace(screen=screen, to_input=lambda x, y: (x, y), windows=SimpleNamespace(list=lambda: []))
    return SimpleNamespace(
        desktop=desktop,
        observer=SimpleNamespace(ocr=ShownItems(screen)),
        gate=SimpleNamespace(popups={}),
        timings=Timings(verify_timeout=0.3, settle=0.01),
        scroll=screen.scroll,
    )


def opened_at(first: int) -> tuple[ListScreen, Image.Image]:
    screen = ListScreen(first)
    before = screen.grab()
    screen.open = True
    return screen, before


def test_an_item_scrolled_away_above_the_current_one_is_found_by_scrolling_up() -> None:
    screen, before = opened_at(2)  # Legal, Support, Travel shown
    spot = find_in_popup(actor_over(screen), before, COMBO, "Sales", FORM)
    assert spot is not None and screen.shown()[0] == "Sales"
    assert LIST.contains(*spot) and spot[1] < LIST.y + ROW  # the first row
    assert screen.scrolls == [3, 3]


def test_an_item_below_is_found_once_up_shows_nothing_new() -> None:
    screen, before = opened_at(0)  # the list's top: scrolling up moves nothing
    spot = find_in_popup(actor_over(screen), before, COMBO, "Stores", FORM)
    assert spot is not None and screen.shown()[-1] == "Stores"
    assert screen.scrolls[0] == 3 and screen.scrolls[1:] == [-3, -3, -3]


def test_an_item_shown_at_once_is_clicked_without_scrolling() -> None:
    screen, before = opened_at(1)
    spot = find_in_popup(actor_over(screen), before, COMBO, "Legal", FORM)
    assert spot is not None and LIST.y + ROW <= spot[1] < LIST.y + 2 * ROW
    assert screen.scrolls == []


def test_an_item_the_list_does_not_hold_is_not_found() -> None:
    screen, before = opened_at(1)
    assert find_in_popup(actor_over(screen), before, COMBO, "Marketing", FORM) is None


def spans_of(*rows: tuple[str, float]) -> list[TextSpan]:
    return [TextSpan(text, Box(172, 62 + 23 * n, 50, 12), conf) for n, (text, conf) in enumerate(rows)]


def test_the_likest_of_two_loose_matches_is_clicked_not_the_first() -> None:
    """Grace's Edit option menu (Motif) as read at 2x: "Y axis" came back "Y¥ axis", and "X axis"
    above it, one letter from the item too, was clicked; the list closed on it (exit 1)."""
    rows = spans_of(("X axis", 90.0), ("Y¥ axis", 42.0), ("Alt X axis", 93.0), ("Alt ¥ axis", 88.0))
    assert where_in("Y axis", rows) == rows[1].box.center
    assert where_in("X axis", rows) == rows[0].box.center  # exact first, whatever the rest


def test_two_loose_matches_about_as_like_the_item_pick_neither() -> None:
    rows = spans_of(("Y axes", 80.0), ("Y axus", 80.0))
    assert [m.tier for m in candidates("Y axis", rows)] == [FUZZY, FUZZY]
    assert where_in("Y axis", rows) is None


class MotifList:
    """A list that maps as a pop-up window over the combo, drawn before the window list shows it
    (a loaded machine): the first look sees its pixels below the combo, the window not yet."""

    bounds = Box(0, 0, 400, 300)
    box = Box(100, 76, 160, 4 * ROW)  # the current item over the combo, one item above it
    items = ("Linear", "Logarithmic", "Reciprocal", "Logit")

    def __init__(self) -> None:
        self.listed = 0  # window lists asked for

    def grab(self, region: Box | None = None) -> Image.Image:
        image = Image.new("RGB", (400, 300), (217, 217, 217))
        ImageDraw.Draw(image).rectangle((100, 76, 259, 76 + 4 * ROW - 1), fill="white")
        return image if region is None else image.crop((region.x, region.y, region.right, region.bottom))

    def windows(self) -> list[Window]:
        self.listed += 1
        if self.listed == 1:
            return [FORM]
        popup = Window(0x400101, FORM.title, FORM.app, self.box, FORM.pid, FORM.client, kind="combo")
        return [replace(FORM, popups=(popup,))]

    def read(self, image: Image.Image) -> list[OcrWord]:
        rows = (image.height - 2 * BORDER) // SCALE // ROW  # the rows of the picture read
        first = len(self.items) - rows
        return [
            OcrWord(text, Box(8 * SCALE + BORDER, (n * ROW + 8) * SCALE + BORDER, 60 * SCALE, 14 * SCALE), 95.0, (1, n))
            for n, text in enumerate(self.items[first:])
        ]


def test_a_list_seen_in_the_pixels_before_its_window_is_listed_is_read_whole() -> None:
    """Grace's Scale option menu under load: the first look found its pixels below the combo (the
    window list taken just before it was mapped), the items were read from that cut, and the click
    missed (the list stayed open, exit 1). A list seen only in pixels is taken once two looks agree."""
    motif = MotifList()
    before = Image.new("RGB", (400, 300), (217, 217, 217))
    desktop = SimpleNamespace(screen=motif, to_input=lambda x, y: (x, y), windows=SimpleNamespace(list=motif.windows))
    actor = SimpleNamespace(
        desktop=desktop,
        observer=SimpleNamespace(ocr=motif),
        gate=SimpleNamespace(popups={}),
        timings=Timings(verify_timeout=0.3, settle=0.01),
        scroll=lambda dy, point, window: None,  # a menu does not scroll
    )
    spot = find_in_popup(actor, before, COMBO, "Logarithmic", FORM, [FORM])
    assert actor.gate.popups[FORM.id] == motif.box
    assert spot is not None and motif.box.y + ROW <= spot[1] < motif.box.y + 2 * ROW
