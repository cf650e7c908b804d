"""Change detection for incremental observation: pure functions on pixel arrays."""

import numpy as np
import pytest

from automation.perception.changes import (
    bands,
    differences,
    is_thin,
    unsure_in,
    without_blinks,
    worth_reading_whole,
)
from automation.types import Box, OcrWord


def blank(h: int = 100, w: int = 200) -> np.ndarray:
    return np.full((h, w, 3), 255, np.uint8)


def test_identical_pictures_have_no_differences() -> None:
    assert differences(blank(), blank()) == []


def test_each_changed_group_is_one_box() -> None:
    after = blank()
    after[10:20, 30:40] = 0  # a glyph
    after[60:75, 150:152] = 0  # a caret
    assert sorted(differences(blank(), after), key=lambda b: b.x) == [Box(30, 10, 10, 10), Box(150, 60, 2, 15)]


@pytest.mark.parametrize(
    ("box", "thin"),
    [(Box(0, 0, 2, 15), True), (Box(0, 0, 3, 4), True), (Box(0, 0, 4, 15), False), (Box(0, 0, 3, 2), False)],
)
def test_a_caret_is_a_thin_upright_stroke(box: Box, thin: bool) -> None:
    assert is_thin(box) is thin


def test_a_caret_counts_once_then_its_blinks_are_ignored() -> None:
    caret = Box(150, 60, 2, 15)
    first, seen = without_blinks([caret], set())
    assert first == [caret] and seen == {caret}
    again, seen = without_blinks([caret], seen)
    assert again == [] and seen == {caret}


def test_a_thin_change_elsewhere_still_counts() -> None:
    typed_l = Box(160, 62, 1, 12)
    changes, _ = without_blinks([Box(150, 60, 2, 15), typed_l], {Box(150, 60, 2, 15)})
    assert changes == [typed_l]


def test_a_band_spans_the_window_and_swallows_the_words_it_touches() -> None:
    word = Box(20, 40, 60, 14)  # a label on the changed line, taller than the change
    (band,) = bands([Box(100, 45, 5, 5)], [word], width=200, height=100)
    assert (band.x, band.w) == (0, 200)
    assert band.y <= word.y and band.bottom >= word.bottom


def test_bands_grow_through_chains_of_boxes_and_merge_when_they_meet() -> None:
    entry = Box(90, 30, 100, 24)  # an outlined entry holding the change
    label = Box(10, 25, 60, 12)  # a label beside it reaching higher
    result = bands([Box(100, 40, 5, 5), Box(100, 50, 5, 3)], [entry, label], width=200, height=100)
    assert len(result) == 1
    assert result[0].y <= 22 and result[0].bottom >= 57


def test_bands_far_apart_stay_apart() -> None:
    assert len(bands([Box(0, 5, 5, 5), Box(0, 80, 5, 5)], [], width=200, height=100)) == 2


def test_big_changes_are_read_whole() -> None:
    assert worth_reading_whole([Box(0, 0, 200, 60)], 100)
    assert not worth_reading_whole([Box(0, 0, 200, 20)], 100)


def ocr_word(text: str, x: int, y: int, conf: float) -> OcrWord:
    return OcrWord(text, Box(x, y, 40, 12), conf)


def test_unsure_words_count_only_inside_what_changed() -> None:
    changes = [Box(0, 30, 200, 70)]
    assert unsure_in([ocr_word("As", 10, 80, 0.0)], changes)
    assert not unsure_in([ocr_word("As", 10, 80, 94.0)], changes)  # read surely
    assert not unsure_in([ocr_word("P", 10, 80, 0.0)], changes)  # a glyph, not a word
    assert not unsure_in([ocr_word("OS", 10, 150, 5.0)], changes)  # noise that was there before


def test_a_band_read_keeps_the_unchanged_words_it_failed_to_read() -> None:
    from automation.perception.observe import unchanged
    from automation.types import OcrWord

    band = Box(0, 78, 560, 26)
    label = OcrWord("Amount", Box(18, 84, 57, 11), 96)  # untouched; the band's OCR found nothing there
    value = OcrWord("1.25", Box(108, 85, 29, 10), 95)  # typed over: must go
    status = OcrWord("Ready", Box(0, 442, 52, 20), 90)  # outside the band: not this function's business
    reread = OcrWord("Date", Box(19, 95, 32, 11), 97)  # read again: the fresh reading wins
    changes = [Box(104, 80, 258, 23)]
    fresh = [OcrWord("Date", Box(19, 95, 32, 11), 96)]
    assert unchanged([label, value, status, reread], band, changes, fresh) == [label]
