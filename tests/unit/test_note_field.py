"""A label above a field no control was recognised for finds that field, on real screenshots.

The zoo form of development seed 126 in GTK 3 and in Chromium: the multi-line note
"Comments" is taller than any single-line field (no text shape, only a light panel), and
the grid's "Qty" cell is too narrow for one; both labels stand above their fields. GTK's
window (gray 244) and the web page (255) are as light as a field's fill, so the open
background right of the label was taken for the field and the click went there (the note
stayed empty). The boxes are the forms' own widget dumps, in window pixels.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from automation.actuation.actor import field_spot
from automation.backends.tesserocr_ocr import TesserocrEngine
from automation.grounding.fields import paired_field
from automation.perception.observe import Observer
from automation.types import Box, Window
from tests.unit.test_grid_rows import OneWindow, PictureScreen

DATA = Path(__file__).resolve().parent / "data" / "note"
NOTE = Box(16, 361, 302, 102)  # "Comments", in both pictures
QTY = Box(609, 68, 70, 34)  # the grid's first "Qty" cell


@pytest.mark.parametrize("picture", ["gtk-126.png", "web-126.png"])
@pytest.mark.parametrize(("label", "field"), [("Comments", NOTE), ("Qty", QTY)])
def test_a_label_above_an_unrecognised_field_points_into_that_field(picture: str, label: str, field: Box) -> None:
    image = Image.open(DATA / picture).convert("RGB")
    window = Window(1, "Zoo form", "zoo", Box(0, 0, image.width, image.height))
    obs = Observer(PictureScreen(image, window.box), OneWindow(window), TesserocrEngine()).observe()
    (span,) = [s for s in obs.spans if s.text == label]
    assert paired_field(obs.elements, span.box) is None  # the fallback is what is tested here
    found = field_spot(image, span.box, window.box, list(obs.outlines))
    assert found is not None, f"nothing found under {label!r}"
    point, box = found
    assert field.contains(*point), (point, box)
    # What was typed is read back in ``box``: the field's own stretch, not the open window.
    assert field.x - 2 <= box.x and box.right <= field.right + 2 and box.w >= field.w // 2, box
    assert field.y - 2 <= box.y and box.bottom <= field.bottom + 2 and box.h >= field.h // 2, box
