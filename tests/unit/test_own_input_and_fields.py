"""Own input spans, and the classification of fields as password-like, from pixels."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw, ImageFont

from automation.errors import EnvironmentProblem
from automation.own_input import OwnInput
from automation.perception.glyphs import font_files
from automation.recording.events import WindowRef
from automation.recording.secret_fields import FieldQuestion, classify, looks_masked, says_secret
from automation.types import Box, OcrWord


def test_own_input_covers_its_span_and_a_short_grace() -> None:
    now = [10.0]
    own = OwnInput(clock=lambda: now[0], grace=0.1)
    with own.sending():
        assert own.covers(10.0)  # while sending, everything from its start is ours
        now[0] = 10.5
    assert own.covers(10.2) and own.covers(10.59)
    assert not own.covers(9.99) and not own.covers(10.7)


@pytest.mark.parametrize(
    ("label", "secret"),
    [
        ("Password", True),
        ("PIN", True),
        ("PIN code:", True),
        ("Passcode", True),
        ("登录密码", True),
        ("Pinyin name", False),
        ("Amount", False),
        ("Spin", False),
    ],
)
def test_labels_that_say_secret(label: str, secret: bool) -> None:
    assert says_secret(label) is secret


def field_image(shown: str, size: int = 13) -> Image.Image:
    """An entry's inside as a toolkit draws it: dark text on white, a caret after it."""
    font = ImageFont.truetype(str(font_files()[0]), size)
    image = Image.new("RGB", (200, 20), "white")
    draw = ImageDraw.Draw(image)
    draw.text((2, 2), shown, font=font, fill="black")
    end = 2 + int(draw.textlength(shown, font=font)) + 1
    draw.line([(end, 2), (end, 17)], fill="black")
    return image


@pytest.mark.parametrize(
    ("shown", "typed", "masked"),
    [
        ("******", "Zq7x93", True),  # one shape for six different characters
        ("••••", "4821", True),
        ("••••", "1111", True),  # one character typed: the shape decides
        ("****", "7777", True),
        ("Li Si", "Li Si", False),
        ("aaaa", "aaaa", False),
        ("1111", "1111", False),
        ("....", "....", False),  # typed dots look like bullets: not evidence
        ("42.50", "42.50", False),
        ("2026-11-18", "2026-11-18", False),  # digits repeat every two glyphs ("20", "26"): not one shape
        ("2026", "2026", False),
    ],
)
def test_masking_is_seen_in_the_pixels(shown: str, typed: str, masked: bool) -> None:
    assert looks_masked(field_image(shown), typed) is masked


class LabelOcr:
    """Reads a fixed label wherever it is asked to look left of the field."""

    name = "fake"

    def __init__(self, text: str) -> None:
        self.text = text

    def read(self, image: Image.Image, single_line: bool = False) -> list[OcrWord]:
        return [OcrWord(self.text, Box(4, image.height // 2 - 5, 30, 10), 95.0, (1,))]


def form(shown: str) -> Image.Image:
    """A window with one entry at (100, 40) 150x20 on a grey form."""
    image = Image.new("RGB", (300, 100), (217, 217, 217))
    image.paste(field_image(shown).crop((0, 0, 148, 18)), (101, 41))
    ImageDraw.Draw(image).rectangle((100, 40, 250, 60), outline=(120, 120, 120))
    return image


WINDOW = WindowRef(1, "Form", "Tk", Box(0, 0, 300, 100))


def test_a_field_labelled_pin_is_secret_whatever_it_shows() -> None:
    verdict = classify(FieldQuestion(1, WINDOW, (120, 50), None, "4821"), form("4821"), LabelOcr("PIN"))
    assert verdict.secret and verdict.label == "PIN" and verdict.field is not None
    assert verdict.field.contains(120, 50)


def test_a_plain_labelled_field_showing_its_text_is_not() -> None:
    verdict = classify(FieldQuestion(1, WINDOW, (120, 50), None, "42.50"), form("42.50"), LabelOcr("Amount"))
    assert not verdict.secret and verdict.label == "Amount"


def test_masking_makes_a_field_secret_without_a_telling_label() -> None:
    verdict = classify(FieldQuestion(1, WINDOW, (120, 50), None, "Zq7x93"), form("******"), LabelOcr("Code"))
    assert verdict.secret and "masking" in verdict.reason


def test_without_a_click_the_field_is_where_typing_changed_the_pixels() -> None:
    before, after = form(""), form("Li Si")
    verdict = classify(FieldQuestion(1, WINDOW, None, before, "Li Si"), after, LabelOcr("Employee"))
    assert not verdict.secret and verdict.field is not None and verdict.field.contains(120, 50)


def test_a_field_that_cannot_be_found_keeps_its_keys_secret() -> None:
    blank = Image.new("RGB", (300, 100), (217, 217, 217))
    verdict = classify(FieldQuestion(1, WINDOW, None, blank, "abc"), blank, LabelOcr("Amount"))
    assert verdict.secret and verdict.field is None
    assert "abc" not in repr(verdict) and "abc" not in repr(FieldQuestion(1, WINDOW, None, blank, "abc"))


@pytest.mark.parametrize(
    ("backend", "says"),
    [("PynputHook", "RECORD"), ("PynputHotkeys", "RECORD extension, which listening for global hotkeys")],
)
def test_a_display_without_record_is_refused_before_listening(
    monkeypatch: pytest.MonkeyPatch, backend: str, says: str
) -> None:
    from automation.backends import pynput_hook, pynput_hotkeys

    class NoRecord:
        def has_extension(self, name: str) -> bool:
            return name != "RECORD"

        def close(self) -> None:
            pass

    monkeypatch.setattr(pynput_hook, "open_display", lambda name=None: NoRecord())
    listener = getattr(pynput_hook, backend, None) or getattr(pynput_hotkeys, backend)
    with pytest.raises(EnvironmentProblem, match=says) as caught:
        listener(":90")
    assert caught.value.exit_code == 7 and "+extension RECORD" in caught.value.fix
