"""A display no taller than a field with rows of text stacked in it, on real screenshots.

xcalc (Debian's x11-apps, Athena) draws its display 46 pixels tall, a field's height, with
the value in its top row and the mode letters "DEG" and "DEC" under it. Before round 16 it was
taken for a single-line field: its read-out was the words the page pass found in it, in their
order across ("DEG 408 DEC"), and a lone character there was not read at all ("0", "7" and
"-5" read "DEG DEC"). Each picture is named by what xcalc's own selection held.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from automation.backends.tesserocr_ocr import TesserocrEngine
from automation.perception.observe import Observer, read_panel
from automation.perception.widgets import displays, find_shapes, stacked
from automation.types import Box, Window
from tests.support.picture_desktop import OneWindow, PictureScreen

DATA = Path(__file__).resolve().parent / "data"
XCALC_DISPLAY = Box(12, 6, 208, 46)


def read_outs(picture: Path, title: str) -> list[tuple[str, Box]]:
    image = Image.open(picture).convert("RGB")
    window = Window(1, title, "", Box(0, 0, image.width, image.height))
    obs = Observer(PictureScreen(image, window.box), OneWindow(window), TesserocrEngine()).observe()
    return [(e.text, e.box) for e in obs.elements if e.kind == "readout"]


@pytest.mark.parametrize(
    ("name", "shown"), [("0", "0"), ("7", "7"), ("minus5", "-5"), ("408", "408"), ("1e20", "1e+20")]
)
def test_xcalc_s_display_reads_its_value_apart_from_its_mode_letters(name: str, shown: str) -> None:
    found = read_outs(DATA / "xcalc" / f"{name}.png", "Calculator")
    in_display = [text for text, box in found if XCALC_DISPLAY.contains(*box.center)]
    assert in_display == [shown, "DEG", "DEC"]


def test_xcalc_s_display_is_a_display_and_no_field() -> None:
    image = Image.open(DATA / "xcalc" / "0.png").convert("RGB")
    assert XCALC_DISPLAY in displays(image)
    assert not any(s.box.intersect(XCALC_DISPLAY) for s in find_shapes(image, []) if s.kind in ("text", "combo"))


def test_a_field_sized_box_is_a_display_only_with_two_rows_of_text() -> None:
    gray = np.full((60, 240), 200, np.uint8)
    gray[9:51, 9:231] = 40  # a dark border all round
    gray[10:50, 10:230] = 255  # a light box of a field's height
    box = Box(10, 10, 220, 40)
    assert not stacked(gray, box)  # empty
    gray[14:26, 180:220] = 0  # one row of text: a field
    assert not stacked(gray, box)
    gray[16:18, 20:60] = 0  # a mark beside it, within the row
    gray[47:49, 20:200] = 0  # an underline, a rule less tall than a letter
    assert not stacked(gray, box)
    gray[34:44, 30:60] = 0  # a second row under the first: a display
    assert stacked(gray, box)


@pytest.mark.parametrize(("name", "shown"), [("0", "0"), ("minus5", "-5")])
def test_a_large_font_s_digits_are_read_as_digits(name: str, shown: str) -> None:
    """galculator's bold display font, 26 pixels tall: three times over its "0" read "O"."""
    image = Image.open(DATA / "galculator" / f"{name}.png").convert("RGB")
    (panel,) = [b for b in displays(image) if b.y < 100]
    read = read_panel(image.crop((panel.x, panel.y, panel.right, panel.bottom)), TesserocrEngine())
    assert [s.text for s in read] == [shown]
