"""The OCR's second pass: Chinese read again with chi_sim+eng, English read once."""

import pytest
from PIL import Image, ImageDraw, ImageFont

from automation.backends.second_pass import SecondPass, looks_foreign
from automation.backends.tesserocr_ocr import TesserocrEngine
from automation.errors import EnvironmentProblem
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
