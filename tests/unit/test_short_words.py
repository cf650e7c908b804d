"""Short words read right from pixels: a short or unsure word is read again on its own crop,
larger, and kept only when Tesseract is surer; a control's renderings that agree on a
plainer letter do not outvote a sure reading one letter apart.

The pictures are real zoo forms (development seeds) grabbed from the suite's Xvfb, read with
the real Tesseract: the grid's column header "Qty" read "oy" (Win32 under Wine, seed 148),
"Oty" (Swing, seeds 105 and 148: its 13-px bitmap Q's tail is one pixel), a button's "Book"
read "Besk" at 34 and "Amount" read "Ameunt" at 85 (Win32, seeds 170 and 155).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest
from PIL import Image

from automation.backends.tesserocr_ocr import TesserocrEngine
from automation.grounding.match import normalize
from automation.perception.controls import vote
from automation.perception.observe import Observer
from automation.perception.short_words import SCALE, crop_box, reread_short
from automation.types import Box, OcrWord, Window
from tests.support.picture_desktop import OneWindow, PictureScreen

DATA = Path(__file__).resolve().parent / "data" / "short_words"

# picture, the word a toolkit drew, its box in the window (the form's own widget dump)
CASES = [
    ("win32-148.png", "Qty", Box(651, 43, 70, 23)),  # was "oy" at 61
    ("swing-105.png", "Qty", Box(610, 183, 76, 25)),  # was "Oty": two binarized renderings of three
    ("swing-148.png", "Qty", Box(652, 44, 76, 25)),  # was "Oty" at 94.05 from the page pass; alone 94.27
    ("win32-170.png", "Book", Box(750, 548, 74, 38)),  # was "Besk" at 34
    ("win32-155.png", "Amount", Box(16, 224, 133, 23)),  # was "Ameunt" at 85
]


@pytest.fixture(scope="module")
def engine() -> TesserocrEngine:
    return TesserocrEngine()


@pytest.mark.parametrize(("name", "text", "where"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_a_short_word_is_read_right_in_a_real_window(name: str, text: str, where: Box, engine: TesserocrEngine) -> None:
    picture = Image.open(DATA / name).convert("RGB")
    bounds = Box(0, 0, picture.width, picture.height)
    observer = Observer(PictureScreen(picture, bounds), OneWindow(Window(1, "Zoo form", "zoo", bounds)), engine)
    spans = observer.observe().spans
    seen = [s.text for s in spans if s.box.intersect(where)]
    assert any(normalize(s.text) == normalize(text) for s in spans if s.box.intersect(where)), seen


@dataclass
class Scripted:
    """An OCR engine that answers each read with the next scripted reading."""

    answers: list[list[OcrWord]]
    name: str = "scripted"
    seen: list[tuple[int, int]] = field(default_factory=list)

    def read(self, image: Image.Image, single_line: bool = False) -> list[OcrWord]:
        self.seen.append(image.size)
        return self.answers.pop(0)


WORD_BOX = Box(40, 10, 20, 12)


def word(text: str, conf: float, box: Box = WORD_BOX) -> OcrWord:
    return OcrWord(text, box, conf, (1,))


def rendered(box: Box) -> Box:
    """``box`` (crop pixels) as ``render`` draws it: scaled, with its 10-px border."""
    return Box(box.x * SCALE + 10, box.y * SCALE + 10, box.w * SCALE, box.h * SCALE)


PAGE = Image.new("RGB", (200, 40), "white")


def test_a_surer_second_reading_replaces_the_word_in_window_pixels() -> None:
    crop = crop_box(Box(40, 10, 20, 12), [], Box(0, 0, PAGE.width, PAGE.height))
    assert crop is not None
    second = OcrWord("Qty", rendered(Box(40 - crop.x, 10 - crop.y, 20, 12)), 95.0, (1,))
    ocr = Scripted([[second], [replace(second, conf=93.0)]])  # the third reading agrees
    (again,) = reread_short(PAGE, [word("oy", 61.0)], ocr)
    assert (again.text, again.conf, again.line) == ("Qty", 95.0, (1,))
    assert again.box == Box(40, 10, 20, 12)


@pytest.mark.parametrize(
    ("first", "second", "third", "kept"),
    [
        (("Logit", 78.0), ("Lagit", 92.0), ("Logit", 95.0), ("Logit", 78.0)),  # surer, but outvoted
        (("Recipracal", 88.0), ("Reciprocal", 87.0), ("Reciprocal", 96.0), ("Reciprocal", 96.0)),  # less sure, but two
        (("oy", 61.0), ("Qty", 95.0), ("Oly", 80.0), ("Qty", 95.0)),  # no two agree: the surer one
        (("Oty", 94.0), ("Oly", 90.0), ("Qly", 80.0), ("Oty", 94.0)),  # no two agree, and not surer
    ],
    ids=["outvoted", "two-agree", "none-agree", "none-agree-less-sure"],
)
def test_two_readings_that_differ_are_settled_by_a_third_not_by_confidence(
    first: tuple[str, float], second: tuple[str, float], third: tuple[str, float], kept: tuple[str, float]
) -> None:
    ocr = Scripted(
        [
            [OcrWord(second[0], Box(10, 10, 60, 36), second[1], (1,))],
            [OcrWord(third[0], Box(10, 10, 60, 36), third[1], (1,))],
        ]
    )
    (again,) = reread_short(PAGE, [word(*first)], ocr)
    assert (again.text, again.conf) == kept
    assert len(ocr.seen) == 2


def test_a_second_reading_that_agrees_with_the_page_needs_no_third() -> None:
    ocr = Scripted([[OcrWord("Total", Box(10, 10, 60, 36), 93.0, (1,))]])
    (again,) = reread_short(PAGE, [word("Total", 70.0)], ocr)
    assert (again.text, again.conf, len(ocr.seen)) == ("Total", 93.0, 1)


@pytest.mark.parametrize(
    "reading",
    [
        [OcrWord("Qty", Box(10, 10, 60, 36), 55.0, (1,))],  # less sure than the page's reading
        [OcrWord("Q", Box(10, 10, 20, 36), 70.0, (1,)), OcrWord("ty", Box(40, 10, 40, 36), 90.0, (1,))],
        [OcrWord("Qty ", Box(10, 10, 60, 36), 70.0, (1,))],  # surer, but not sure: noise stays noise
        [],
    ],
    ids=["less-sure", "two-words", "not-sure", "nothing"],
)
def test_the_first_reading_stands_unless_the_second_is_one_sure_word_and_surer(reading: list[OcrWord]) -> None:
    first = word("oy", 61.0)
    assert reread_short(PAGE, [first], Scripted([reading])) == [first]


def test_lone_glyphs_and_unsure_words_in_controls_are_left_to_their_own_readings() -> None:
    button = Box(30, 5, 60, 30)
    words = [word("J”", 37.0), word("Iter", 45.0, Box(40, 10, 25, 12))]  # a mark's glyph; a word in a button
    ocr = Scripted([])
    assert reread_short(PAGE, words, ocr, [button]) == words
    assert ocr.seen == []


def test_a_sure_short_word_in_a_control_is_read_again() -> None:
    ocr = Scripted([[]])
    reread_short(PAGE, [word("Oty", 94.0)], ocr, [Box(30, 5, 60, 30)])
    assert len(ocr.seen) == 1  # the control's vote would have trusted it as read


def test_a_long_sure_word_is_not_read_again() -> None:
    ocr = Scripted([])
    reread_short(PAGE, [word("Department", 96.0, Box(10, 10, 80, 12))], ocr)
    assert ocr.seen == []


def test_the_crop_reaches_sideways_but_stops_short_of_the_words_beside_it() -> None:
    box = Box(60, 10, 20, 12)
    beside = [Box(30, 11, 26, 12), Box(84, 10, 30, 12)]  # on its line, left and right
    below = [Box(0, 30, 200, 10)]  # another line: no limit
    page = Box(0, 0, 200, 60)
    crop = crop_box(box, beside + below, page)
    assert crop == Box(58, 7, 24, 18)
    alone = crop_box(box, below, page)
    assert alone == Box(48, 7, 44, 18)  # its height on each side: letters the page pass left out
    assert crop_box(box, [Box(70, 12, 20, 10)], page) is None  # overlapping words


def crop_read(page: Image.Image, box: Box, controls: list[Box]) -> tuple[int, int]:
    """The size of the crop ``box``'s word is read from, in the page's pixels."""
    ocr = Scripted([[]])
    reread_short(page, [word("Qty", 96.0, box)], ocr, controls)
    (size,) = ocr.seen
    return (size[0] - 20) // SCALE, (size[1] - 20) // SCALE


def test_a_word_in_a_control_is_read_within_the_controls_border() -> None:
    cell = Box(30, 4, 40, 26)  # its border drawn 10 px left of the word, within the word's height
    assert crop_read(PAGE, Box(40, 10, 20, 12), [cell]) == (36, 18)  # from x 32 to 68, inside the border


def test_the_crop_stops_short_of_a_border_line_beside_the_word() -> None:
    page = Image.new("RGB", (200, 40), "white")
    page.paste((0, 0, 0), (66, 0, 67, 40))  # a field's left edge 6 px right of the word
    assert crop_read(page, Box(40, 10, 20, 12), []) == (38, 18)  # from x 28 to the line at 66


@pytest.mark.parametrize(
    ("readings", "agreed"),
    [
        ([("Qty", 91.0), ("Oty", 78.0), ("Oty", 68.0)], ("Qty", 91.0)),  # binarizing lost the Q's tail
        ([("Qty", 79.0), ("Oty", 78.0), ("Oty", 68.0)], ("Oty", 78.0)),  # the lone one not sure enough
        ([("Qty", 91.0), ("Oty", 93.0), ("Oty", 68.0)], ("Oty", 93.0)),  # not surer than the agreed
        ([("Qtz", 91.0), ("Oty", 78.0), ("Oty", 68.0)], ("Oty", 78.0)),  # two letters apart
        ([("7", 90.0), ("9", 65.0), ("9", 60.0)], ("9", 65.0)),  # lone characters: left to their shapes
    ],
)
def test_renderings_that_agree_on_a_plainer_letter_yield_to_a_sure_reading_one_letter_apart(
    readings: list[tuple[str, float]], agreed: tuple[str, float]
) -> None:
    assert vote(readings) == agreed


def test_a_motif_option_menu_s_small_bitmap_list_reads_right() -> None:
    """Grace's Scale option menu opened (Motif, Debian's xmgrace): its list's 12-px bitmap
    Helvetica read "Lagarithmic", "Recipracal", "Lagit" (o read as a at 3x, surer than the page's
    right reading), so the model's "Logarithmic" named no item on screen and the run asked for it."""
    picture = Image.open(DATA.parent / "grace" / "scale-list.png").convert("RGB")
    bounds = Box(0, 0, picture.width, picture.height)
    window = Window(1, "Grace: Axes", "XMgrace", bounds)
    spans = Observer(PictureScreen(picture, bounds), OneWindow(window), TesserocrEngine()).observe().spans
    assert [s.text for s in spans] == ["Linear", "Logarithmic", "Reciprocal", "Logit"]
