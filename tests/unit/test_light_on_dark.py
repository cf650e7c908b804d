"""Light text on a darker fill (a selected list row) is read like dark text on light."""

import numpy as np
from PIL import Image, ImageDraw, ImageFont, ImageOps

from app.services.compose import build_ocr
from automation.perception.controls import dark_on_light, erase_caret, read_control
from automation.perception.glyphs import font_files


def row(text: str, fill: tuple[int, int, int], ink: tuple[int, int, int]) -> Image.Image:
    serif = [f for f in font_files() if "Serif" in f.name] or font_files()
    image = Image.new("RGB", (142, 27), fill)
    ImageDraw.Draw(image).text((7, 5), text, font=ImageFont.truetype(str(serif[0]), 14), fill=ink)
    return image


def test_a_selected_row_is_read() -> None:
    reading = read_control(row("Finance", (53, 132, 228), (255, 255, 255)), build_ocr())
    assert reading is not None and reading[0] == "Finance", reading


def test_polarity_is_turned_only_for_light_ink() -> None:
    light = ImageOps.grayscale(row("Legal", (53, 132, 228), (255, 255, 255)))
    dark = ImageOps.grayscale(row("Legal", (255, 255, 255), (0, 0, 0)))
    turned, _ = dark_on_light(light)
    kept, cut = dark_on_light(dark)
    assert int(np.asarray(turned)[1, 1]) > 128 and kept is dark and cut == 140


def test_gaps_between_light_strokes_are_not_taken_for_a_caret() -> None:
    selected = row("Finance", (53, 132, 228), (255, 255, 255))
    assert erase_caret(selected) is selected
