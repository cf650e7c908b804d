"""A check box drawn close to its label is found, and its label read whole, on real screenshots.

The zoo form of development seeds 102, 105 and 109 in Chromium: the check box (13 px,
rounded corners, 3-4 px from its label) was read with the label as one word ("(Taxable",
"(Send copy", "(Urgent"): the box was not found (its rounded corners left too little of
each side for a frame), and once found, cutting the word by its mean letter width took a
letter too many ("end copy", "rgent").
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from automation.backends.tesserocr_ocr import TesserocrEngine
from automation.perception.mark_labels import read_past_marks
from automation.perception.observe import Observer
from automation.types import Box, OcrWord, Window
from tests.support.picture_desktop import OneWindow, PictureScreen

DATA = Path(__file__).resolve().parent / "data" / "marks"


@pytest.mark.parametrize(
    ("picture", "label"), [("web-102.png", "Taxable"), ("web-105.png", "Send copy"), ("web-109.png", "Urgent")]
)
def test_a_check_box_beside_its_label_is_found_and_the_label_read_whole(picture: str, label: str) -> None:
    image = Image.open(DATA / picture).convert("RGB")
    window = Window(1, "Zoo form", "zoo", Box(0, 0, image.width, image.height))
    obs = Observer(PictureScreen(image, window.box), OneWindow(window), TesserocrEngine()).observe()
    checks = [e for e in obs.elements if e.kind == "check"]
    assert [c.label for c in checks] == [label], [(e.kind, e.label) for e in obs.elements]
    (span,) = [s for s in obs.spans if label.split()[0] in s.text]
    assert span.text == label
    assert span.box.x >= checks[0].box.right  # the label begins right of its box


class Reads:
    """An OCR stand-in: what it reads, and the pictures it was given."""

    def __init__(self, text: str) -> None:
        self.text, self.seen = text, []

    def read(self, image: Image.Image, single_line: bool = False) -> list[OcrWord]:
        self.seen.append(image.size)
        return [OcrWord(self.text, Box(10, 10, image.width - 20, image.height - 20), 90.0, (0,))] if self.text else []


def test_only_a_word_that_runs_from_a_mark_past_it_is_read_again() -> None:
    image = Image.new("RGB", (200, 40), "white")
    mark = Box(10, 10, 15, 15)
    inside = OcrWord("v", Box(12, 12, 8, 8), 20.0, (0,))  # its tick
    beside = OcrWord("Urgent", Box(30, 10, 50, 15), 96.0, (0,))
    glued = OcrWord("(Urgent", Box(11, 10, 60, 15), 40.0, (1,))
    ocr = Reads("Urgent")
    kept = read_past_marks(image, [inside, beside], [mark], ocr)
    assert kept == [inside, beside] and ocr.seen == []
    (reread,) = read_past_marks(image, [glued], [mark], ocr)
    assert reread.text == "Urgent" and reread.box.x > mark.right and reread.line == glued.line
    assert read_past_marks(image, [glued], [mark], Reads("")) == [glued]  # nothing read: the word stays
