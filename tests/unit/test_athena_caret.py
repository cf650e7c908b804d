"""Athena's text field marks the insertion point with a small "^" under the baseline.

Real pixels: xfig's Export dialog (Xaw3d), "out1.eps" typed into Output File, the "^" after the
"s"; and the Filename Mask "*.eps" with the "^" under the "*". Read with the mark, the name was
"outl.eps." (the "^" a full stop), which is not what was typed: the read-back retried, and its
select-and-retype (End, Shift+Home, which an Athena field does not take as a selection)
appended the name a second time, "out1.epsout1.eps", exit 1 (round 16).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from automation.actuation.readback import read_field, shows
from automation.backends.tesserocr_ocr import TesserocrEngine
from automation.perception.controls import erase_caret, under_carets

DATA = Path(__file__).resolve().parent / "data" / "xfig"


def dark(picture: Image.Image) -> np.ndarray:
    return np.asarray(picture.convert("L")) < 128


def test_the_hat_after_the_last_letter_is_painted_out_and_the_field_reads_as_typed() -> None:
    crop = Image.open(DATA / "output-caret-after-s.png").convert("RGB")
    (hat,) = under_carets(dark(crop))
    x, y, w, h = hat
    assert (w, h) == (6, 3) and x > 70  # after the "s", under the line
    erased = dark(erase_caret(crop, loose=True))
    assert not erased[y : y + h, x : x + w].any()
    assert (erased[:, : x - 1] == dark(crop)[:, : x - 1]).all()  # the letters untouched
    assert read_field(crop, TesserocrEngine(), lambda seen: shows("out1.eps", seen)) == "out1.eps"
    assert shows("out1.eps", read_field(crop, TesserocrEngine()))


def test_the_hat_under_the_first_letter_is_found() -> None:
    crop = Image.open(DATA / "mask-caret-under-star.png").convert("RGB")
    assert [h[:2] for h in under_carets(dark(crop))] == [(1, 15)]
    assert read_field(crop, TesserocrEngine(), lambda seen: shows("*.eps", seen)) == "*.eps"


def test_an_underscore_a_comma_and_a_lone_mark_stay() -> None:
    picture = Image.new("L", (80, 24), 240)
    draw = ImageDraw.Draw(picture)
    draw.rectangle((4, 6, 12, 14), fill=0)  # a letter standing on row 14
    draw.rectangle((20, 6, 28, 14), fill=0)
    draw.rectangle((36, 17, 44, 18), fill=0)  # an underscore under the line: as wide at top and foot
    draw.rectangle((50, 13, 51, 17), fill=0)  # a comma: from the line down
    assert under_carets(np.asarray(picture) < 128) == []
    lone = Image.new("L", (40, 24), 240)
    ImageDraw.Draw(lone).polygon([(10, 18), (13, 15), (16, 18)], fill=0)  # a "^" with no text: nothing to be under
    assert under_carets(np.asarray(lone) < 128) == []
