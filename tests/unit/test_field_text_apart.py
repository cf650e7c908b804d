"""A field's text is read apart from the words beside its border, and its border is no text.

The picture is real: HomeBank's "Add transaction" dialog as the task evaluation's run saw
it (round 10's asked-amount task). Its amount shows "0.00" right against its spin buttons;
joined with their glyphs into one line centred on a button, the field read empty, the
actor typed without selecting first, and "23.40" went in before the "0.00" ("23400.00").
OCR is the real Tesseract.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from automation.backends.tesserocr_ocr import TesserocrEngine
from automation.perception.grouping import group_apart, group_words, without_borders
from automation.perception.observe import Observer
from automation.types import Box, Observation, OcrWord, Window
from models.policy.screen import read
from tests.support.picture_desktop import OneWindow, PictureScreen

DIALOG = Path(__file__).resolve().parent / "data" / "homebank" / "add-transaction.png"


def dialog_observed() -> Observation:
    """HomeBank's add-transaction dialog, as a picture, through the real observer and Tesseract."""
    picture = Image.open(DIALOG).convert("RGB")
    bounds = Box(0, 0, picture.width, picture.height)
    window = OneWindow(Window(1, "Add transaction", "hb", bounds))
    return Observer(PictureScreen(picture, bounds), window, TesserocrEngine()).observe()


def test_homebanks_amount_reads_its_own_text() -> None:
    observation = dialog_observed()
    fields = {e.label: e.text for e in observation.elements if e.kind in ("text", "combo")}
    assert fields["Amount:"] == "0.00"
    assert fields["Memo:"] == ""
    assert fields["Account:"] == "Checking"


def test_an_empty_fields_border_read_as_letters_is_no_value() -> None:
    """HomeBank's empty combo-entries (payee, category, tags): Tesseract read each one's border as
    "Ww", a "word" as tall as the field, and it passed for their value in the elements and in the
    policy's reading of the screen (a field with a value is no empty field to fill)."""
    observation = dialog_observed()
    fields = {e.label: e.text for e in observation.elements if e.kind in ("text", "combo")}
    assert (fields["Payee:"], fields["Category:"], fields["Tags:"]) == ("", "", "")
    values = {lb.text: lb.value for lb in read(observation).of_role("field")}
    assert (values["Payee:"], values["Category:"], values["Tags:"]) == ("", "", "")
    assert values["Account:"] == "Checking"


def test_words_in_a_field_join_only_each_other() -> None:
    line = (7,)
    words = [
        OcrWord("0.00", Box(163, 125, 27, 9), 90.0, line),  # in the field
        OcrWord("<<", Box(196, 122, 14, 15), 60.0, line),  # just past its border
    ]
    assert [s.text for s in group_words(words)] == ["0.00 <<"]
    assert sorted(s.text for s in group_apart(words, [Box(94, 114, 100, 32)])) == ["0.00", "<<"]
    assert [s.text for s in group_apart(words, [])] == ["0.00 <<"]


def test_a_controls_text_read_on_its_crop_is_kept_and_its_border_is_not() -> None:
    field = Box(94, 114, 105, 32)
    own = OcrWord("-8.40", Box(94, 114, 105, 33), 93.0, (1,))  # read on the control's crop: its box
    border = OcrWord("Ww", Box(92, 112, 110, 36), 53.0, (2,))  # past the field's edges
    assert without_borders([own, border], [field]) == [own]
