"""A grid's second row is never named by the first row's text, on a real screenshot.

Swing's JTable (zoo form, development seed 101) after "Widget" was typed into the first
row's Item cell and Tab pressed: the row is drawn selected (a tint, no light box), and its
text, standing right above the second row's cell, was taken for that cell's label.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from automation.backends.tesserocr_ocr import TesserocrEngine
from automation.perception.observe import Observer
from automation.types import Box, Window
from tests.support.picture_desktop import OneWindow, PictureScreen

PICTURE = Path(__file__).resolve().parent / "data" / "grid" / "swing-first-row-selected.png"


def test_the_selected_first_rows_text_names_no_cell_and_shows_in_its_own() -> None:
    image = Image.open(PICTURE).convert("RGB")
    window = Window(1, "Zoo form", "zoo", Box(0, 0, image.width, image.height))
    elements = Observer(PictureScreen(image, window.box), OneWindow(window), TesserocrEngine()).observe().elements
    assert not any(e.label == "Widget" for e in elements), [(e.kind, e.label, e.text) for e in elements]
    (item,) = [e for e in elements if e.cell and e.label == "Item"]
    assert item.text == "Widget"
    assert all(not e.label for e in elements if e.kind == "text" and e.box.y > item.box.bottom - 2 and e.box.x > 400)
