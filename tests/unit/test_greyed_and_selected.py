"""Win32 controls under Wine as pixels show them: greyed-out buttons, a combo showing its choice
selected, and a choice read back in part.

Pictures grabbed from Wine 8's own programs on the suite's Xvfb (round 15): notepad's Replace
dialog as it opens (Find Next, Replace and Replace All greyed out, nothing typed yet),
winecfg's Applications tab after "Windows 10" was chosen in its "Windows Version" combo (the
combo focused, its choice white on blue), and regedit as it opens (a tree, a scroll bar).
"""

from __future__ import annotations

from dataclasses import replace as dc_replace
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from numpy.typing import NDArray
from PIL import Image, ImageDraw

from automation.actuation.actor import Actor
from automation.actuation.choose import shown_in
from automation.actuation.safety import SafetyGate
from automation.backends.tesserocr_ocr import TesserocrEngine
from automation.desktop import Desktop
from automation.errors import ActionFailed
from automation.grounding.match import every_word
from automation.perception.controls import find_controls, render
from automation.perception.elements import pair
from automation.perception.observe import Observer
from automation.perception.widgets import Shape, marks
from automation.types import Box, Click, Element, Observation, OcrWord, Target, Window
from tests.support.drawn_desktop import FAST, SCREEN, FakeInput, FakeObserver, FakeScreen, FakeWindows, World, span
from tests.support.picture_desktop import OneWindow, PictureScreen

DATA = Path(__file__).resolve().parent / "data" / "wine"


def observe(picture: str) -> Observation:
    image = Image.open(DATA / picture).convert("RGB")
    window = Window(1, "Wine", "wine", Box(0, 0, image.width, image.height))
    return Observer(PictureScreen(image, window.box), OneWindow(window), TesserocrEngine()).observe()


def test_greyed_out_buttons_are_disabled_buttons_not_text_fields() -> None:
    obs = observe("replace_disabled.png")
    kinds = [(e.kind, e.label, e.enabled) for e in obs.elements if e.kind != "readout"]
    # The two entries, and only they, take typing; the greyed buttons read as buttons, greyed.
    assert [(k, label) for k, label, _ in kinds if k == "text"] == [("text", "Find What:"), ("text", "Replace With:")]
    buttons = {label: enabled for k, label, enabled in kinds if k == "button"}
    assert buttons.get("Find Next") is False and buttons.get("Replace") is False, kinds
    assert buttons.get("Replace All") is False, kinds  # its grey label read whole ("Replece Sil" split half-way)
    assert buttons.get("Cancel") is True, kinds  # read on its own crop, its box its word's: still a button
    assert sum(1 for k, _, enabled in kinds if k == "button" and not enabled) == 3, kinds


def test_a_light_box_with_ink_in_its_middle_is_a_button_read_or_not() -> None:
    pixels = np.full((120, 300, 3), 240, dtype=np.uint8)
    boxes = [Box(10, 10, 100, 21), Box(10, 50, 100, 21), Box(10, 90, 100, 21)]
    for b in boxes:
        pixels[b.y : b.bottom, b.x : b.right] = 255
    pixels[15:26, 40:80] = 166  # grey strokes in the middle, nothing read: a greyed-out button
    pixels[55:66, 40:80] = 20  # black strokes in the middle: a button
    pixels[95:106, 14:54] = 20  # black strokes from the left: an entry's text
    shapes = [Shape("text", b) for b in boxes]
    elements = pair(shapes, [], [], pixels, Box(0, 0, 300, 120))
    assert [(e.kind, e.enabled) for e in elements] == [("button", False), ("button", True), ("text", True)]


def test_grey_text_is_kept_when_a_crop_is_split_into_ink_and_background() -> None:
    # A greyed-out label (grey 166 on white) was erased whole by the fixed split at 140: the
    # binarized renderings read nothing, and the label took no vote.
    crop = Image.new("L", (60, 16), 255)
    ImageDraw.Draw(crop).rectangle((10, 4, 40, 11), fill=166)
    split = np.asarray(render(crop.convert("RGB"), 1, 0.0, True))
    assert (split == 0).sum() >= 31 * 8
    black = Image.new("L", (60, 16), 255)
    ImageDraw.Draw(black).rectangle((10, 4, 40, 11), fill=166)
    ImageDraw.Draw(black).rectangle((45, 4, 50, 11), fill=0)
    split = np.asarray(render(black.convert("RGB"), 1, 0.0, True))
    assert (split == 0).sum() == 6 * 8  # dark text beside: the fixed split, as before


def test_a_combo_showing_its_choice_selected_is_a_combo() -> None:
    obs = observe("winecfg_choice_selected.png")
    combos = [e for e in obs.elements if e.kind == "combo"]
    assert [(e.label, e.text) for e in combos] == [("Windows Version:", "Windows 10")], obs.elements
    # Its arrow button is the combo's, no check box.
    assert not [e for e in obs.elements if e.kind in ("check", "radio")]
    greyed = [e.label for e in obs.elements if e.kind == "button" and not e.enabled]
    assert greyed == ["Remove application"]  # was "Rer ition", enabled


def test_a_thin_frame_with_a_fill_just_inside_is_an_outline() -> None:
    # A 1-px frame, a fill 2 px inside it: the edge finder breaks the frame's corners.
    image = Image.new("L", (300, 60), 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, 275, 42), outline=174)
    draw.rectangle((23, 23, 250, 39), fill=128)
    draw.rectangle((254, 23, 272, 39), outline=150)
    found = find_controls(image.convert("RGB"))
    assert any(abs(b.x - 20) <= 2 and abs(b.w - 256) <= 4 and abs(b.h - 23) <= 4 for b in found), found
    # Two boxes 4 px apart are still two, not one around both.
    image = Image.new("L", (300, 100), 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, 90, 52), outline=120)
    draw.rectangle((20, 56, 90, 88), outline=120)
    assert all(b.h < 40 for b in find_controls(image.convert("RGB")))


def test_a_reading_missing_a_word_of_the_item_does_not_show_it() -> None:
    assert not every_word("Windows XP", "Windows") and not every_word("Windows 8", "Windows®")
    assert every_word("Windows XP", "Windows XB") and every_word("Windows 10", "Windows10")
    assert every_word("Net 60", "Net 6O") and every_word("Sales", "Sales")


def test_a_one_letter_word_of_the_item_is_not_found_inside_another_word() -> None:
    """Grace's Edit option menu (Motif) showed "Y axis", and `act choose "X axis"` said "seen"
    with nothing done: the item's "X" was found in "axis"."""
    assert not every_word("X axis", "Y axis") and not every_word("Alt X axis", "Alt Y axis")
    assert every_word("X axis", "X axis") and every_word("X axis", "Xaxis") and every_word("Y axis", "Y¥ axis")
    assert every_word("Windows 10", "Windows10") and every_word("Page 2 of 5", "Page 2of 5")


class ReadsAlways:
    def __init__(self, text: str) -> None:
        self.text = text

    def read(self, image: Image.Image, single_line: bool = False) -> list[OcrWord]:
        return [OcrWord(self.text, Box(0, 0, image.width, image.height), 90.0, (0,))]


def test_a_combo_read_as_part_of_the_item_is_not_taken_as_showing_it() -> None:
    # One rendering of winecfg's selected "Windows 8" read "Windows": `act choose "Windows XP"`
    # was "seen" done with nothing done.
    picture = Image.new("RGB", (200, 24), "white")
    ImageDraw.Draw(picture).rectangle((10, 6, 60, 16), fill="black")
    screen = SimpleNamespace(grab=lambda box=None: picture)
    ocr = ReadsAlways("Windows")
    actor = SimpleNamespace(desktop=SimpleNamespace(screen=screen), observer=SimpleNamespace(ocr=ocr))
    combo = Element("combo", Box(0, 0, 200, 24), "Windows Version:")
    assert not shown_in(actor, combo, "Windows XP")  # type: ignore[arg-type]
    assert shown_in(actor, combo, "Windows")  # type: ignore[arg-type]


def test_a_trees_expanders_and_a_scroll_bars_arrows_are_no_check_boxes() -> None:
    # regedit as it opens: "My Computer" expanded (a minus in a 9-px box, read as a ticked check
    # box labelled "My Computer"), the list's horizontal scroll bar with its two arrow buttons
    # (read as two check boxes).
    obs = observe("regedit.png")
    assert not [e for e in obs.elements if e.kind in ("check", "radio")], obs.elements


def boxed(draw_inside: str) -> NDArray[np.uint8]:
    """A 13-px check box's frame on white, with a sign, an arrow or a tick drawn inside."""
    image = Image.new("L", (40, 40), 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle((10, 10, 22, 22), outline=120)
    if draw_inside == "plus":
        draw.line((13, 16, 19, 16), fill=0)
        draw.line((16, 13, 16, 19), fill=0)
    elif draw_inside == "minus":
        draw.line((13, 16, 19, 16), fill=0)
    elif draw_inside == "arrow":
        draw.line((17, 13, 14, 16), fill=0)
        draw.line((14, 16, 17, 19), fill=0)
    elif draw_inside == "triangle":
        draw.polygon([(14, 14), (18, 14), (16, 17)], fill=0)
    elif draw_inside == "tick":
        draw.line((13, 16, 15, 19), fill=0)
        draw.line((15, 19, 20, 13), fill=0)
    elif draw_inside == "cross":
        draw.line((13, 13, 19, 19), fill=0)
        draw.line((13, 19, 19, 13), fill=0)
    return np.asarray(image)


def test_a_sign_or_an_arrow_in_a_box_is_no_tick() -> None:
    kinds = {inside: [(s.kind, s.checked) for s in marks(boxed(inside), [], [])] for inside in MARKED}
    assert kinds == {
        "plus": [],
        "minus": [],
        "arrow": [],
        "triangle": [],
        "tick": [("check", True)],
        "cross": [("check", True)],
        "": [("check", False)],
    }


MARKED = ("plus", "minus", "arrow", "triangle", "tick", "cross", "")


class EnablingObserver(FakeObserver):
    """The drawn world with one button, greyed out for the first ``greyed`` looks."""

    def __init__(self, world: World, button: Element, greyed: int) -> None:
        super().__init__(world)
        self.button, self.greyed, self.looks = button, greyed, 0

    def observe(self, window: str | Window | None = None) -> Observation:
        self.looks += 1
        button = dc_replace(self.button, enabled=self.looks > self.greyed)
        return dc_replace(super().observe(window), elements=(button,))


def clicking(greyed: int) -> tuple[World, Actor]:
    dialog = Window(2, "Replace", "notepad", Box(200, 150, 400, 160), pid=7)
    label = span("Replace All", 520, 220, dialog.title)
    button = Element("button", Box(500, 214, 103, 21), "Replace All", "", label.box, window=dialog.title)
    world = World(windows=[dialog], spans=[label], active=dialog)
    input = FakeInput(world)
    desktop = Desktop(FakeScreen(world), FakeWindows(world), None, input)  # type: ignore[arg-type]
    gate = SafetyGate(input, FakeWindows(world), SCREEN)  # type: ignore[arg-type]
    return world, Actor(desktop, EnablingObserver(world, button, greyed), gate, FAST)  # type: ignore[arg-type]


def test_a_greyed_out_button_is_not_clicked_unless_it_is_enabled_in_a_moment() -> None:
    # notepad's Replace All before anything was typed: the click did nothing, "unchanged", exit 0.
    world, actor = clicking(greyed=1000)
    with pytest.raises(ActionFailed, match="greyed out"):
        actor.perform(Click(Target("Replace All", window="Replace")))
    assert not [s for s in world.sent if s[0] == "click"]
    world, actor = clicking(greyed=2)  # enabled as the form is filled: clicked
    actor.perform(Click(Target("Replace All", window="Replace")))
    assert [s for s in world.sent if s[0] == "click"]
