"""A combo whose border a list covered while the window was read whole is found again.

The pictures are real: the Tk zoo form of development seed 170, grabbed by the observer
during a run of the task evaluation's combo task (tk-3) and the bench's reset after it (round 10's
"Tk combo not found after the form is reset"): the form empty, the Region list dropped
open, an item chosen (its text selected), the form reset (the same pixels as the first).
OCR is the real Tesseract.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from automation.backends.tesserocr_ocr import TesserocrEngine
from automation.perception.observe import Observer
from automation.types import Box, Element, Window
from tests.support.picture_desktop import OneWindow, PictureScreen

DATA = Path(__file__).resolve().parent / "data" / "combo_reset"
FRAMES = ("1-empty", "2-list-open", "3-chosen", "4-reset")


@pytest.fixture(scope="module")
def engine() -> TesserocrEngine:
    return TesserocrEngine()


def picture(name: str) -> Image.Image:
    return Image.open(DATA / f"{name}.png").convert("RGB")


def combos(elements: tuple[Element, ...]) -> list[tuple[str, str]]:
    return [(e.label, e.text) for e in elements if e.kind == "combo"]


def test_the_reset_forms_combo_is_read_as_at_the_start(engine: TesserocrEngine) -> None:
    first = picture(FRAMES[0])
    assert picture(FRAMES[-1]).tobytes() == first.tobytes(), "the reset form must show the first frame's pixels"
    bounds = Box(0, 0, first.width, first.height)
    screen = PictureScreen(first, bounds)
    observer = Observer(screen, OneWindow(Window(1, "Zoo Tk 170", "tk", bounds)), engine)
    seen = []
    for name in FRAMES:
        screen.picture = picture(name)
        seen.append(combos(observer.observe().elements))
    assert seen[0] == [("Region", "")]
    assert observer.counts.windows == 2, "the open list is read with the whole window (the case this covers)"
    # Before the fix the combo was gone for good (its outline was lost in the whole reading with the
    # list open, and the reset's change was read inside it only), and the arrow read as "J" its value.
    assert seen[-1] == [("Region", "")]
