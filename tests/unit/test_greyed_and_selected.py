"""Win32 controls under Wine as pixels show them: greyed-out buttons, a combo showing its choice
selected, and a choice read back in part.

Pictures grabbed from Wine 8's own programs on the suite's Xvfb (round 15): notepad's Replace
dialog as it opens (Find Next, Replace and Replace All greyed out, nothing typed yet),
winecfg's Applications tab after "Windows 10" was chosen in its "Windows Version" combo (the
combo focused, its choice white on blue), and regedit as it opens (a tree, a scroll bar).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from automation.backends.tesserocr_ocr import TesserocrEngine
from automation.perception.controls import render
from automation.perception.elements import pair
from automation.perception.observe import Observer
from automation.perception.widgets import Shape
from automation.types import Box, Observation, Window
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
