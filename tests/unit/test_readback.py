"""Whether a field shows what was typed, after the field's own formatting."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from automation.actuation.readback import bullets, shows


@pytest.mark.parametrize(
    ("typed", "seen"),
    [
        ("Li Si", "Li Si"),
        ("li si", "LI SI"),  # a field that upper-cases
        ("42.5", "42.50"),  # a number reformatted
        ("1234.5", "1,234.50"),
        ("2024-03-05", "05/03/2024"),  # a date in another order
        ("5.3.24", "05.03.2024"),
        ("ORD-10", "0RD-10"),  # OCR's O and 0
        ("abc", "•••"),  # a masked field
    ],
)
def test_formatted_values_count_as_typed(typed: str, seen: str) -> None:
    assert shows(typed, seen)


@pytest.mark.parametrize(
    ("typed", "seen"),
    [
        ("42.50", "42.60"),
        ("42.50", ""),
        ("Li Si", "Zhang San"),
        ("Li Si", "Li Si Li Si"),  # typed twice
        ("abcd", "•••"),  # one bullet short
        ("2024-03-05", "2024-03-06"),
        ("1234", "123"),
    ],
)
def test_a_different_value_is_caught(typed: str, seen: str) -> None:
    assert not shows(typed, seen)


def dots(count: int, letters: bool = False) -> Image.Image:
    image = Image.new("RGB", (200, 24), (255, 255, 255))
    d = ImageDraw.Draw(image)
    for i in range(count):
        x = 6 + i * 12
        if letters:
            d.rectangle((x, 6, x + 4 + i % 3, 18), fill=(0, 0, 0))  # strokes of different sizes
        else:
            d.ellipse((x, 9, x + 6, 15), fill=(0, 0, 0))
    return image


def test_bullets_are_counted_and_letters_are_not_bullets() -> None:
    assert bullets(dots(5)) == 5
    assert bullets(dots(5, letters=True)) is None
    assert shows("12345", "", bullets(dots(5)))
    assert not shows("1234", "", bullets(dots(5)))
