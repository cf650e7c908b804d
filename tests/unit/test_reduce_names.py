"""Typing with no click before it is named by the field that shows it in the next screenshot."""

from __future__ import annotations

from PIL import Image, ImageDraw

from automation.skills.anchors import ShotReading
from automation.skills.reduce import label_showing
from automation.types import Box, TextSpan


def form() -> Image.Image:
    image = Image.new("RGB", (400, 200), (217, 217, 217))
    d = ImageDraw.Draw(image)
    for y in (40, 110):
        d.rectangle((20, y, 219, y + 21), fill=(255, 255, 255), outline=(100, 100, 100))
    return image


def test_the_field_showing_the_value_names_it_by_its_label_above() -> None:
    spans = (
        TextSpan("Amount", Box(20, 22, 50, 12), 96.0),
        TextSpan("42.50", Box(24, 45, 40, 12), 95.0),
        TextSpan("Payee", Box(20, 92, 45, 12), 96.0),
        TextSpan("Globex", Box(24, 115, 50, 12), 95.0),
    )
    shot = ShotReading(spans, (), form())
    assert label_showing(shot, "42.5") == "Amount"
    assert label_showing(shot, "globex") == "Payee"
    assert label_showing(shot, "99") is None


def test_without_a_picture_nothing_is_guessed() -> None:
    assert label_showing(ShotReading((TextSpan("42.50", Box(24, 45, 40, 12), 95.0),)), "42.50") is None
