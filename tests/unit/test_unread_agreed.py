"""A line the page reading left out, read unsurely on its own, is read in a control's renderings
too and taken when they agree: a web grid's header "Item" (its "I" two pixels wide) read "litem"
at 36 alone, so the header named no column and its cell was not paired (zoo, dev seed 151)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from automation.backends.tesserocr_ocr import TesserocrEngine
from automation.perception.unread import agreed_line, unread_lines
from automation.types import Box

DATA = Path(__file__).parent / "data" / "unread_lines"


def test_a_thin_capital_header_is_read_where_the_renderings_agree() -> None:
    # The web zoo form's grid caption and headers as grabbed (dev seed 151): the page pass read
    # none of the headers; "Qty" and "Price" were read surely on their own, "Item" was not.
    image = Image.open(DATA / "web_grid_headers.png").convert("RGB")
    words = {w.text: w.box for w in unread_lines(image, [], TesserocrEngine())}
    assert "Item" in words, words
    assert {"Qty", "Price"} <= set(words)
    item = words["Item"]
    assert 10 <= item.x <= 16 and 36 <= item.y <= 42 and item.h <= 16, item  # where it is drawn


def test_icons_the_renderings_agree_on_are_no_word() -> None:
    # A window's title buttons (minimise, maximise, close) read "OOO" at 85 in two binarized
    # renderings; the plain reading saw no letters there, so no word is made of them.
    image = Image.open(DATA / "title_buttons.png").convert("RGB")
    assert unread_lines(image, [], TesserocrEngine()) == []


def test_an_agreed_reading_far_from_the_first_is_refused() -> None:
    image = Image.open(DATA / "web_grid_headers.png").convert("RGB")
    crop = image.crop((11, 36, 44, 55))
    region = Box(11, 36, 33, 19)
    assert [w.text for w in agreed_line(crop, region, TesserocrEngine(), 1, "litem")] == ["Item"]
    assert agreed_line(crop, region, TesserocrEngine(), 1, "Price") == []
