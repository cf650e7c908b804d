"""The OCR's second pass: Chinese read again with chi_sim+eng, English read once; Chinese labels
the page reading left out read on their own lines."""

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from app.services.compose import WIDE_PSM, WIDE_SCALE
from automation.backends.second_pass import SecondPass, looks_foreign
from automation.backends.tesserocr_ocr import TesserocrEngine
from automation.errors import EnvironmentProblem
from automation.perception.unread import line_read, sure_words, unread_lines
from automation.protocols import OcrEngine
from automation.types import Box, OcrWord

CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


def picture(text: str) -> Image.Image:
    image = Image.new("RGB", (360, 40), "white")
    ImageDraw.Draw(image).text((8, 8), text, fill="black", font=ImageFont.truetype(CJK_FONT, 18))
    return image


@pytest.fixture(scope="module")
def ocr() -> SecondPass:
    try:
        return SecondPass(TesserocrEngine(), TesserocrEngine(lang="chi_sim+eng"))
    except EnvironmentProblem as err:  # no chi_sim data on this machine
        pytest.skip(f"no chi_sim+eng: {err}")


def test_doubted_words_look_foreign_and_sure_ones_do_not() -> None:
    sure = [OcrWord("Amount", Box(0, 0, 40, 10), 94.0), OcrWord("Post", Box(50, 0, 30, 10), 91.0)]
    doubted = [OcrWord("ak", Box(0, 0, 20, 10), 31.0), OcrWord("iF", Box(30, 0, 20, 10), 12.0)]
    assert not looks_foreign(sure) and looks_foreign(doubted) and not looks_foreign([])
    assert not looks_foreign([*sure, *sure, doubted[0]])  # one noisy word among sure ones


def test_chinese_is_read_on_the_second_pass_and_english_once(ocr: SecondPass) -> None:
    english = ocr.read(picture("Amount to pay"))
    assert " ".join(w.text for w in english) == "Amount to pay" and ocr.passes == 0
    chinese = ocr.read(picture("收款人 金额 提交"))
    assert "金额" in "".join(w.text for w in chinese) and ocr.passes == 1


# The Qt voucher (tests/apps/voucher_form.py --chinese) as the suite's Xvfb shows it: 收款人 and 金额
# above their fields, in Qt's 12-px Noto Sans CJK.
VOUCHER = Path(__file__).parent / "data" / "voucher_zh" / "window.png"


@pytest.fixture(scope="module")
def engines() -> dict[str, OcrEngine]:
    """The two ways a Chinese window is read: English with a second pass (a window whose title
    is not Chinese), and chi_sim+eng from the start (build_wide_ocr: a Chinese title)."""
    try:
        second = SecondPass(TesserocrEngine(), TesserocrEngine(lang="chi_sim+eng"))
        return {"second": second, "wide": TesserocrEngine(lang="chi_sim+eng", psm=WIDE_PSM, scale=WIDE_SCALE)}
    except EnvironmentProblem as err:
        pytest.skip(f"no chi_sim+eng: {err}")


@pytest.mark.parametrize("way", ["second", "wide"])
def test_chinese_labels_the_page_reading_left_out_are_read_on_their_lines(
    engines: dict[str, OcrEngine], way: str
) -> None:
    """Both page readings drop 收款人 and 金额 without a doubtful blob; their ink is read line by
    line. chi_sim gave each character as a word (two letters were needed: none kept) and was sure
    of 金额 at twice its size (85), not at the three times a Latin line is read at (61)."""
    ocr = engines[way]
    window = Image.open(VOUCHER).convert("RGB")
    page = ocr.read(window)
    assert not {"收款人", "金额"} & {w.text for w in page}
    found = {w.text: w for w in unread_lines(window, page, ocr)}
    assert {"收款人", "金额"} <= set(found), found
    assert found["金额"].box.intersect(Box(24, 68, 26, 14))  # where the label stands


class Scaled:
    """An OCR engine that reads a line by the size it is given at: ``readings[scale]``."""

    def __init__(self, height: int, readings: dict[int, list[OcrWord]]) -> None:
        self.height, self.readings = height, readings
        self.scales: list[int] = []

    def read(self, image: Image.Image, single_line: bool = False) -> list[OcrWord]:
        scale = (image.height - 20) // self.height  # render() adds a 10-px border
        self.scales.append(scale)
        return self.readings.get(scale, [])


def word(text: str, x: int, conf: float) -> OcrWord:
    return OcrWord(text, Box(x, 10, 36, 36), conf)


def test_a_chinese_label_read_character_by_character_is_one_word_as_sure_as_its_least_sure() -> None:
    region = Box(20, 15, 40, 20)
    read = [word("收", 10, 82.0), word("款", 48, 93.0), word("人", 86, 92.0)]
    assert [(w.text, w.conf) for w in sure_words(read, region, 1)] == [("收款人", 82.0)]
    doubted = [word("收", 10, 19.0), *read[1:]]
    assert sure_words(doubted, region, 1) == []  # not 款人: a label that is not there
    assert [w.text for w in sure_words([word("OK", 10, 90.0), word("人", 200, 95.0)], region, 1)] == ["OK"]


def test_an_unsure_chinese_line_is_read_again_at_twice_its_size_and_a_latin_one_is_not() -> None:
    crop = Image.new("RGB", (30, 20), "white")
    region = Box(21, 67, 30, 20)
    chinese = Scaled(20, {3: [word("金额", 10, 61.0)], 2: [word("金额", 10, 85.0)]})
    assert [w.text for w in line_read(crop, region, chinese, 7)] == ["金额"]
    assert chinese.scales[:2] == [3, 2]
    latin = Scaled(20, {3: [word("|", 10, 40.0)], 2: [word("Il", 10, 90.0)]})
    assert line_read(crop, region, latin, 7) == [] and 2 not in latin.scales  # English costs no more
