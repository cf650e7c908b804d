"""Motif's text fields, on real screenshots of Grace's Axes dialog (Debian's xmgrace).

Motif draws a field's inside in a tint darker than white (Grace's pale cyan, gray 224, on a
window of gray 229) behind a bevel dark above and left, lit below and right; and the caret of
every field without the focus as a dotted I-beam, the focused one's as a solid I-beam touching
the last letter. Before round 15 no field was found at all ("Start: lo" was one read-out, the
caret read as "lo" beside the "0"), so `act type 5 --into Start` ended exit 4.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from automation.backends.tesserocr_ocr import TesserocrEngine
from automation.perception.controls import dotted_stems, erase_caret, read_control
from automation.perception.observe import Observer
from automation.perception.widgets import find_shapes, gray_of, option_menus, sunken_boxes
from automation.types import Box, Window
from tests.support.picture_desktop import OneWindow, PictureScreen

DATA = Path(__file__).resolve().parent / "data" / "grace"


def test_motif_s_tinted_sunken_fields_are_found_by_their_shape() -> None:
    image = Image.open(DATA / "axes.png").convert("RGB")
    texts = [s.box for s in find_shapes(image, []) if s.kind == "text"]
    assert texts == [Box(48, 59, 80, 25), Box(180, 59, 80, 25), Box(86, 197, 333, 25), Box(111, 263, 66, 29)]


def test_a_sunken_box_in_the_window_s_own_colour_is_no_field() -> None:
    """A status line or a frame sunk into the window: the same bevel, no tint of its own."""
    gray = np.full((60, 200), 229, np.uint8)
    gray[18:20, 18:182] = gray[18:42, 18:20] = 128  # dark above and left
    gray[40:42, 18:182] = gray[18:42, 180:182] = 245  # lit below and right
    assert sunken_boxes(gray) == []
    gray[20:40, 20:180] = 224  # tinted: a field
    assert sunken_boxes(gray) == [Box(20, 20, 160, 20)]


def test_the_fields_read_past_their_dotted_carets() -> None:
    image = Image.open(DATA / "axes.png").convert("RGB")
    window = Window(1, "Grace: Axes", "XMgrace", Box(0, 0, image.width, image.height))
    obs = Observer(PictureScreen(image, window.box), OneWindow(window), TesserocrEngine()).observe()
    fields = {e.label: e.text for e in obs.elements if e.kind == "text"}
    assert fields == {"Start:": "0", "Stop:": "1", "Label string:": "", "Major spacing:": "0.2"}


def test_a_dotted_caret_is_found_and_painted_out() -> None:
    crop = Image.open(DATA / "axes.png").convert("RGB").crop((48, 59, 128, 84))  # "0" behind its caret
    (stem,) = dotted_stems(np.asarray(gray_of(crop)) < 128)
    assert stem[0] == 4
    assert dotted_stems(np.asarray(gray_of(erase_caret(crop))) < 128) == []


def test_a_focused_solid_i_beam_touching_the_last_letter_is_painted_out() -> None:
    """The focused field's caret, right after its "8": its serifs stayed in when its stem was
    painted out, and the field read empty every other blink."""
    crop = Image.open(DATA / "focused-8.png").convert("RGB").crop((8, 8, 80, 25))
    reading = read_control(erase_caret(crop, loose=True), TesserocrEngine())
    assert reading is not None and reading[0] == "8"


def test_motif_s_option_menus_are_combos_by_their_raised_bar() -> None:
    """A raised button with a small raised bar at its right end ("Linear", "General", ...): no
    outline was found round it and it was a read-out; its label is paired like a combo's."""
    image = Image.open(DATA / "axes.png").convert("RGB")
    menus = option_menus(gray_of(image))
    assert [box for box, _ in menus] == [
        Box(44, 13, 81, 23),
        Box(54, 107, 95, 23),
        Box(72, 315, 156, 23),
        Box(55, 547, 213, 23),
        Box(325, 547, 82, 23),
        Box(64, 618, 157, 23),
    ]
    assert all(box.right - 25 <= bar.x and bar.right <= box.right for box, bar in menus)
    window = Window(1, "Grace: Axes", "XMgrace", Box(0, 0, image.width, image.height))
    obs = Observer(PictureScreen(image, window.box), OneWindow(window), TesserocrEngine()).observe()
    combos = {e.text for e in obs.elements if e.kind == "combo"}
    assert {"Linear", "General", "Times-Roman", "black", "Current axis"} <= combos


def test_the_focused_option_menu_shows_its_item() -> None:
    """The Edit option menu has the focus when the dialog opens: a 3-px black ring round it. Its
    "X axis", read on the ring's crop, carried the ring's box, which reaches past the menu on
    every side, and was dropped as the menu's border read as letters: the combo showed ''."""
    image = Image.open(DATA / "axes.png").convert("RGB")
    window = Window(1, "Grace: Axes", "XMgrace", Box(0, 0, image.width, image.height))
    obs = Observer(PictureScreen(image, window.box), OneWindow(window), TesserocrEngine()).observe()
    combos = {e.label: e.text.replace(" ", "") for e in obs.elements if e.kind == "combo"}
    assert combos["Edit:"] == "Xaxis"
