"""The misread guard: a short or unsure label is read again before it is clicked."""

from collections.abc import Sequence

import pytest
from PIL import Image, ImageDraw, ImageFont

from automation.actuation.actor import look_again, needs_second_look
from automation.errors import MisreadSuspected
from automation.perception.glyphs import font_files
from automation.types import Box, OcrWord, TextSpan

KEY = Box(100, 200, 40, 26)


class ScriptedOcr:
    """Reads whatever it is told to, one reading per call, and counts the calls."""

    name = "scripted"

    def __init__(self, readings: Sequence[tuple[str, float]]) -> None:
        self.readings = list(readings)
        self.calls = 0

    def read(self, image: Image.Image, single_line: bool = False) -> list[OcrWord]:
        text, conf = self.readings[self.calls % len(self.readings)]
        self.calls += 1
        return [OcrWord(text, Box(0, 0, image.width, image.height), conf)] if text else []


def face(text: str) -> Image.Image:
    """A key's face inside its border, as the actor crops it."""
    sans = [f for f in font_files() if "Sans" in f.name]
    image = Image.new("RGB", (KEY.w - 4, KEY.h - 4), (230, 230, 230))
    ImageDraw.Draw(image).text((12, 1), text, font=ImageFont.truetype(str(sans[-1]), 18), fill=(0, 0, 0))
    return image


@pytest.mark.parametrize(
    ("span", "needed"),
    [
        (TextSpan("7", KEY, 95), True),
        (TextSpan("Submit", KEY, 95), False),
        (TextSpan("Submit", KEY, 40), True),
    ],
)
def test_only_short_or_unsure_labels_are_looked_at_again(span: TextSpan, needed: bool) -> None:
    assert needs_second_look(span) is needed


def test_a_label_that_holds_up_is_clicked() -> None:
    ocr = ScriptedOcr([("7", 92)])
    look_again("7", TextSpan("7", KEY, 95), face("7"), ocr)
    assert ocr.calls >= 2


def test_a_label_read_differently_the_second_time_is_not_clicked() -> None:
    with pytest.raises(MisreadSuspected) as err:
        look_again("7", TextSpan("7", KEY, 95), face("7"), ScriptedOcr([("?", 90)]))
    assert err.value.exit_code == 4 and "'?'" in str(err.value)


@pytest.mark.skipif(not font_files(), reason="no reference fonts installed")
def test_a_symbol_read_as_a_letter_is_not_clicked_as_that_letter() -> None:
    with pytest.raises(MisreadSuspected) as err:
        look_again("x", TextSpan("x", KEY, 88), face("π"), ScriptedOcr([("x", 88)]))
    assert err.value.candidates == ["π"]


def test_an_unsure_label_holds_up_when_the_second_reading_still_names_the_target() -> None:
    menu_item = TextSpan("& As Text", KEY, 40)  # an icon read as "&" in front
    look_again("As Text", menu_item, face("As"), ScriptedOcr([("As Text", 90)]))
    with pytest.raises(MisreadSuspected):
        look_again("As Text", menu_item, face("As"), ScriptedOcr([("As JSON", 90)]))


def test_an_unreadable_element_is_not_clicked() -> None:
    with pytest.raises(MisreadSuspected, match="cannot read it"):
        look_again("R", TextSpan("R", KEY, 95), face("R"), ScriptedOcr([("", 0)]))


def test_an_icon_read_as_different_noise_each_time_does_not_hide_the_word_beside_it() -> None:
    """A file dialog's Save button: a floppy icon read as 'led', 'xd', 'wd', the word alike."""
    button = Box(865, 530, 75, 22)
    noisy = ScriptedOcr([("led Save", 67), ("xd Save", 59), ("wd Save", 66)])
    look_again("Save", TextSpan("lal Save", button, 60), face("Save"), noisy)


def test_words_few_renderings_agree_on_confirm_nothing() -> None:
    with pytest.raises(MisreadSuspected):
        look_again(
            "Submit", TextSpan("Submit", KEY, 40), face("Submit"), ScriptedOcr([("Sub", 50), ("mit", 50), ("Smt", 50)])
        )
