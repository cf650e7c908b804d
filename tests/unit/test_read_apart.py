"""A row of icons with a label among them, read as one unsure word, is read again piece by piece.

The picture is HomeBank's toolbar (GTK 3, Debian's package) around its "Add" button: an icon
with the word beside it, between other icons. The page reading gave one word over all of it,
"Wierd" (confidence 23), and "Add" was never observed (a strict xfail of round 7).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from automation.backends.tesserocr_ocr import TesserocrEngine
from automation.perception.observe import smeared
from automation.perception.unread import read_apart, runs
from automation.types import Box, OcrWord

TOOLBAR = Path(__file__).resolve().parent / "data" / "toolbar" / "homebank-add.png"
SMEARED = OcrWord("Wierd", Box(85, 6, 253, 23), 22.8, (15,))  # the page reading's word, in the picture's pixels


def test_the_label_among_icons_is_read_and_the_icons_are_not() -> None:
    image = Image.open(TOOLBAR).convert("RGB")
    assert smeared(SMEARED)
    found = read_apart(image, SMEARED, TesserocrEngine())
    assert [w.text for w in found] == ["Add"]
    (add,) = found
    assert Box(160, 8, 30, 17).contains(*add.box.center), add.box  # where the word is drawn
    assert add.line == SMEARED.line


def test_a_word_whose_ink_is_one_piece_is_left_as_it_was() -> None:
    image = Image.open(TOOLBAR).convert("RGB")
    only_add = OcrWord("Ad", Box(160, 8, 32, 17), 30.0, (1,))
    assert read_apart(image, only_add, TesserocrEngine()) == []


def test_ink_is_parted_where_more_than_a_space_of_columns_is_empty() -> None:
    inked = np.array([1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1], dtype=bool)
    assert runs(inked, 8) == [(0, 5), (14, 16)]
    assert runs(inked, 1) == [(0, 2), (4, 5), (14, 16)]
    assert runs(np.zeros(5, dtype=bool), 8) == []


def test_only_unsure_words_much_wider_than_tall_are_taken_for_icons_and_a_label() -> None:
    assert not smeared(OcrWord("Add", Box(0, 0, 25, 11), 97.0, (1,)))
    assert not smeared(OcrWord("G", Box(0, 0, 27, 32), 30.0, (1,)))
    assert smeared(OcrWord("Wierd", Box(0, 0, 253, 23), 22.8, (1,)))
