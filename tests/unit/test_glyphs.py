"""The shape second opinion, on glyphs drawn here with a font the bank also uses."""

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from automation.perception.glyphs import bank, font_files, glyph_of, second_opinion

pytestmark = pytest.mark.skipif(not font_files(), reason="no reference fonts installed (fonts-dejavu-core)")


def key(text: str, size: int = 18) -> Image.Image:
    """A calculator key's face: ``text`` in a Helvetica-like font at xcalc's size, dark on light grey."""
    sans = [f for f in font_files() if "Sans" in f.name]
    font = ImageFont.truetype(str(sans[-1]), size)
    image = Image.new("RGB", (36, 22), (230, 230, 230))
    ImageDraw.Draw(image).text((10, 2), text, font=font, fill=(0, 0, 0))
    return image


def test_a_blank_face_has_no_glyph() -> None:
    assert glyph_of(np.full((20, 30), 200, np.uint8)) is None


def test_the_glyph_counts_its_parts() -> None:
    glyph = glyph_of(np.asarray(key("÷").convert("L")))
    assert glyph is not None and glyph.parts == 3


@pytest.mark.parametrize("symbol", ["÷", "π"])
def test_symbols_ocr_cannot_read_are_named_by_shape(symbol: str) -> None:
    assert second_opinion(key(symbol), None) == symbol
    assert second_opinion(key(symbol), "x") == symbol  # a confident OCR letter does not win


def test_an_operator_ocr_missed_is_named_by_shape() -> None:
    assert second_opinion(key("="), None) == "="


def test_a_letter_ocr_missed_is_not_guessed() -> None:
    assert second_opinion(key("R"), None) is None


def test_a_reading_with_the_wrong_proportions_is_refused() -> None:
    assert second_opinion(key("("), "C") is None
    assert second_opinion(key("C"), "C") == "C"


def test_more_characters_than_parts_of_ink_is_refused_unless_one_of_them_is_clearly_the_shape() -> None:
    assert second_opinion(key("R"), "47") is None
    assert second_opinion(key("7"), "47") == "7"
    assert second_opinion(key("C"), "Cc") == "C"
    assert second_opinion(key("47"), "47") == "47"


@pytest.mark.parametrize("dash", ["-", "\u2212", "\u2013"])
def test_a_lone_bar_across_the_middle_is_a_minus(dash: str) -> None:
    assert second_opinion(key(dash), None) == "-"
    assert second_opinion(key("_"), None) != "-"


@pytest.mark.parametrize("arrow", ["\u2190", "\u2192", "\u2191", "\u2193"])
def test_arrows_are_named_by_shape(arrow: str) -> None:
    assert second_opinion(key(arrow, 15), None) == arrow


def test_a_character_one_rendering_read_is_taken_when_the_shape_clearly_is_it() -> None:
    assert second_opinion(key("7"), None, ("7", "-", "=")) == "7"
    assert second_opinion(key("7"), None, ("T",)) is None


def test_the_bank_is_built_once() -> None:
    assert bank() is bank()
