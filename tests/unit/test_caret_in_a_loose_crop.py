"""A caret shorter than most of a field's crop is still painted out when it spans the line.

Real pixels: the zoo's Tk form seen through a TigerVNC viewer, "Mia Costa" typed into
"Reference" (the caret right after the last "a", 17 of the crop's 29 rows) and "valve valve"
into the multi-line "Remarks" (17 of 96 rows). The caret rule of a stroke over 80 % of the
crop's height missed both, and every rendering read "Mia Costd" and "valve valvd" until the
caret blinked off; under load no reading fell in the caret's off phase before the read-back's
timeout, and the VNC zoo flow failed with the form holding the right text (round 11).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from automation.actuation.readback import read_field
from automation.backends.tesserocr_ocr import TesserocrEngine
from automation.perception.controls import erase_caret

DATA = Path(__file__).resolve().parent / "data" / "vnc"


@pytest.mark.parametrize(
    ("picture", "caret", "typed"),
    [("caret-after-a.png", 69, "Mia Costa"), ("note-caret-after-e.png", 75, "valve valve")],
)
def test_a_caret_taller_than_the_text_is_painted_out_and_the_field_reads_as_typed(
    picture: str, caret: int, typed: str
) -> None:
    crop = Image.open(DATA / picture).convert("RGB")
    erased = np.asarray(erase_caret(crop, loose=True).convert("L"))
    assert (erased[:, caret : caret + 2] > 128).all()
    assert (np.asarray(crop.convert("L"))[:, : caret - 1] == erased[:, : caret - 1]).all()  # the letters untouched
    assert read_field(crop, TesserocrEngine()) == typed


def field_with(strokes: list[tuple[int, int, int]], height: int = 29) -> Image.Image:
    """A white field with black vertical strokes (x, top, bottom), 2 px wide."""
    image = Image.new("RGB", (120, height), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    for x, top, bottom in strokes:
        draw.rectangle((x, top, x + 1, bottom), fill=(0, 0, 0))
    return image


def test_a_stroke_no_taller_than_the_text_beside_it_is_a_letter() -> None:
    letters = [(10, 7, 21), (20, 10, 21)]  # an "l" beside a lower letter, both on the baseline
    image = field_with(letters)
    assert erase_caret(image, loose=True) is image
    lone = field_with([(10, 5, 21)])  # a lone "l": nothing to be taller than
    assert erase_caret(lone, loose=True) is lone


def test_a_descender_s_stem_is_a_letter() -> None:
    """A "p" beside an "o": its stem starts a pixel over the bowl and runs under the baseline."""
    image = field_with([(10, 9, 21), (20, 10, 17)])
    assert erase_caret(image, loose=True) is image


def test_a_stroke_reaching_over_and_under_the_text_is_a_caret() -> None:
    image = field_with([(10, 7, 17), (20, 10, 17), (40, 5, 21)])
    erased = np.asarray(erase_caret(image, loose=True).convert("L"))
    assert (erased[:, 40:42] > 128).all() and (erased[:, 10:12] < 128).any()


def test_a_caret_a_pixel_under_a_descender_is_painted_out() -> None:
    """GTK's caret after "Shanghai" reaches 2 rows over the "h" and only 1 under the "g": it is
    a caret because it also reaches well under the baseline the other letters stand on."""
    letters = [(10, 7, 17), (20, 10, 17), (30, 10, 20)]  # an "h", an "a", a "g" with its descender
    image = field_with([*letters, (40, 5, 21)])
    erased = np.asarray(erase_caret(image, loose=True).convert("L"))
    assert (erased[:, 40:42] > 128).all() and (erased[:, 30:32] < 128).any()


def test_a_stem_a_pixel_under_round_letters_stands_on_the_baseline_and_is_a_letter() -> None:
    """An "l" after round letters whose anti-aliased feet end a row higher ("col"): a pixel under
    them, but on their baseline, not under it: a letter, kept."""
    image = field_with([(10, 10, 16), (20, 10, 16), (40, 5, 17)])
    assert erase_caret(image, loose=True) is image


def test_a_key_s_glyph_is_never_read_as_a_loose_caret() -> None:
    """The loose rule is for a field's crop only: a key's label read on a second look keeps its
    stems (xcalc's "4" read as nothing once its stem, reaching under its bar, was painted out)."""
    image = Image.new("L", (30, 30), 255)
    draw = ImageDraw.Draw(image)
    draw.line((8, 14, 16, 6), fill=0, width=2)  # the diagonal
    draw.line((8, 14, 16, 14), fill=0, width=2)  # the bar
    draw.rectangle((18, 2, 19, 24), fill=0)  # the stem, reaching over and under the rest
    assert erase_caret(image) is image
    assert erase_caret(image, loose=True) is not image  # what a field's crop would lose
