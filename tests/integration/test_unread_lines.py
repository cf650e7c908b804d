"""Lines the page reading left out are read from their ink with real Tesseract, on drawn pictures."""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFont

from automation.backends.tesserocr_ocr import TesserocrEngine
from automation.perception.unread import unread_lines
from automation.types import Box, OcrWord

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"


def form() -> Image.Image:
    image = Image.new("RGB", (420, 120), (237, 229, 211))
    d = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 15)
    d.text((16, 20), "Department", fill=(20, 20, 20), font=font)
    d.rectangle((130, 12, 270, 44), fill=(255, 255, 255), outline=(118, 118, 118))  # a drop-down
    d.text((16, 70), "Reference", fill=(20, 20, 20), font=font)
    return image


def test_a_line_no_word_covers_is_read() -> None:
    ocr = TesserocrEngine()
    read = [OcrWord("Reference", Box(16, 70, 80, 16), 96.0, (1,))]  # what the page reading found
    found = unread_lines(form(), read, ocr)
    assert [w.text for w in found] == ["Department"]
    assert found[0].box.intersect(Box(16, 20, 90, 18)) is not None


def test_borders_and_lines_already_read_give_nothing() -> None:
    ocr = TesserocrEngine()
    read = [
        OcrWord("Department", Box(16, 20, 90, 18), 96.0, (1,)),
        OcrWord("Reference", Box(16, 70, 80, 16), 96.0, (2,)),
    ]
    assert unread_lines(form(), read, ocr) == []
