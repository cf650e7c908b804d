"""A combo's list is what changed below (or above) the combo once it was opened."""

from __future__ import annotations

from PIL import Image, ImageDraw

from automation.actuation.choose import changed_region
from automation.types import Box

COMBO = Box(100, 100, 160, 24)


def screen() -> Image.Image:
    image = Image.new("RGB", (600, 400), (217, 217, 217))
    ImageDraw.Draw(image).rectangle((100, 100, 259, 123), fill=(255, 255, 255), outline=(90, 90, 90))
    return image


def test_list_below_the_combo() -> None:
    before, after = screen(), screen()
    d = ImageDraw.Draw(after)
    d.rectangle((100, 102, 259, 121), fill=(200, 220, 255))  # the combo itself highlights: not the list
    d.rectangle((100, 124, 259, 300), fill=(255, 255, 255), outline=(0, 0, 0))
    assert changed_region(before, after, COMBO) == Box(100, 124, 160, 177)


def test_list_above_a_combo_near_the_screen_bottom() -> None:
    before, after = screen(), screen()
    ImageDraw.Draw(after).rectangle((100, 10, 259, 99), fill=(255, 255, 255), outline=(0, 0, 0))
    assert changed_region(before, after, COMBO) == Box(100, 10, 160, 90)


def test_nothing_opened() -> None:
    assert changed_region(screen(), screen(), COMBO) is None
