"""A ledger's new row, on real screenshots: each column's cell is named by its header (pixels only).

GnuCash 4.13's account register (Debian 12, GTK 3, custom-drawn): a row of headers drawn as
outlined boxes, and under them the new transaction's row of outlined cells, each holding a
grey hint ("Num", "Description", "Transfer", "Deposit" in italics) or a value ("12/05/26",
"Team lunch"). Read as they were, a box with one word was a button named by the word and a
hint standing to one side of its box a label: typing "into Description" went into the next
column's cell (Transfer) and the read-back there confirmed it, exit 0.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from automation.actuation.readback import before_end_button, inner_box, read_field, shows
from automation.backends.tesserocr_ocr import TesserocrEngine
from automation.grounding.fields import TYPED_KINDS, hint_box, naming_fields, paired_field
from automation.grounding.match import resolve
from automation.perception.observe import Observer
from automation.types import Box, Element, Observation, Target, Window
from tests.support.picture_desktop import OneWindow, PictureScreen

DATA = Path(__file__).resolve().parent / "data" / "gnucash"
ROW_Y = 155  # the new row's cells, in every picture (the headers stand at y 131)


def observe(name: str) -> Observation:
    image = Image.open(DATA / name).convert("RGB")
    window = Window(1, "Checking Account - GnuCash", "gnucash", Box(0, 0, image.width, image.height))
    return Observer(PictureScreen(image, window.box), OneWindow(window), TesserocrEngine()).observe()


def row(obs: Observation) -> list[Element]:
    return [e for e in obs.elements if abs(e.box.y - ROW_Y) <= 4 and e.kind not in ("check", "readout")]


def field_for(obs: Observation, label: str) -> Element | None:
    spans = naming_fields(label, list(obs.spans), obs.elements, TYPED_KINDS)
    match = resolve(Target(label), spans)
    return paired_field(obs.elements, match.box, TYPED_KINDS)


def test_the_new_rows_hints_are_empty_cells_named_by_their_headers() -> None:
    obs = observe("register-blank-row.png")
    cells = row(obs)
    assert all(e.kind == "text" and e.cell for e in cells), [(e.kind, e.label, e.text) for e in cells]
    shown = {e.label: e.text for e in cells}
    assert {k: shown.get(k) for k in ("Num", "Description", "Transfer", "Deposit")} == {
        "Num": "",
        "Description": "",
        "Transfer": "",
        "Deposit": "",
    }
    assert "Date" in shown  # a date cell holds its own pop-up button and shows no outline: given by its row


@pytest.mark.parametrize("label", ["Description", "Num", "Transfer", "Deposit", "Date"])
def test_typing_into_a_column_aims_at_its_own_cell(label: str) -> None:
    obs = observe("register-blank-row.png")
    header = next(e for e in obs.elements if e.kind == "button" and e.label == label)
    field = field_for(obs, label)
    assert field is not None and field.box.x == header.box.x and abs(field.box.y - ROW_Y) <= 4, field


def test_typed_values_are_their_cells_text() -> None:
    shown = {e.box.x: e.text for e in row(observe("register-row-typed.png"))}
    assert shown[2] == "12/05/26" and shown[169] == "Team lunch" and shown[113] == ""


def test_a_selected_date_is_its_cells_text_not_a_button() -> None:
    obs = observe("register-date-selected.png")
    field = field_for(obs, "Date")
    assert field is not None and field.cell and field.text == "12/07/26" and field.box.x == 2
    assert not any(e.kind == "button" and e.box.y > 140 for e in obs.elements if e.box.x < 110)


def test_a_hint_as_wide_as_its_cell_joins_the_row() -> None:
    obs = observe("register-wide-hint-centred.png")
    field = field_for(obs, "Withdrawal")  # the header and the centred hint name one cell: no ambiguity
    assert field is not None and field.cell and field.text == "" and abs(field.box.y - ROW_Y) <= 4


def test_a_grey_hint_inside_a_box_is_that_boxs_and_no_field_beside_it() -> None:
    obs = observe("register-blank-row.png")
    picture = np.asarray(Image.open(DATA / "register-blank-row.png").convert("RGB"))
    area = Box(0, 0, picture.shape[1], picture.shape[0])
    hint = next(s for s in obs.spans if s.text == "Description" and s.box.y > ROW_Y)
    assert hint_box(picture, hint.box, area, list(obs.outlines)) == Box(169, 155, 195, 23)
    header = next(s for s in obs.spans if s.text == "Description" and s.box.y < ROW_Y)
    assert hint_box(picture, header.box, area, list(obs.outlines)) is None  # black: a caption, not a hint


def test_a_black_caption_in_a_bordered_cell_is_no_hint() -> None:
    picture = np.full((40, 300, 3), 255, dtype=np.uint8)
    picture[15:25, 10:60] = 0  # "Vendor:" drawn black in a cell of a bordered table
    assert hint_box(picture, Box(10, 15, 50, 10), Box(0, 0, 300, 40), [Box(2, 5, 200, 30)]) is None
    picture[15:25, 10:60] = 150  # the same, grey: a hint
    assert hint_box(picture, Box(10, 15, 50, 10), Box(0, 0, 300, 40), [Box(2, 5, 200, 30)]) == Box(2, 5, 200, 30)


@pytest.mark.parametrize(
    ("picture", "cell", "typed"),
    [
        ("register-wide-hint-centred.png", Box(630, 155, 241, 23), "Expenses:Groceries"),
        ("register-row-typed.png", Box(365, 155, 241, 23), "Expenses:Lunch"),
    ],
)
def test_an_edited_cells_drop_down_button_is_no_part_of_what_it_shows(picture: str, cell: Box, typed: str) -> None:
    """An account cell being edited draws a drop-down button at its right end, read as '“A' or 'v'
    after the value: every account typed into the register failed its read-back (exit 1)."""
    inner = inner_box(Element("text", cell))
    crop = Image.open(DATA / picture).convert("RGB").crop((inner.x, inner.y, inner.right, inner.bottom))
    assert shows(typed, read_field(before_end_button(crop), TesserocrEngine()))


def test_a_cell_with_no_button_is_read_whole() -> None:
    inner = inner_box(Element("text", Box(169, 155, 195, 23)))
    crop = (
        Image.open(DATA / "register-row-typed.png").convert("RGB").crop((inner.x, inner.y, inner.right, inner.bottom))
    )
    assert before_end_button(crop).size == crop.size


@pytest.mark.parametrize("label", ["Date", "Description", "Transfer", "Deposit"])
def test_under_a_recorded_transaction_the_header_names_the_new_rows_cell(label: str) -> None:
    """A ledger shows its recorded transactions first and the new one last: the header's cell is
    the new row's (the one showing hints), never the recorded row's, which typing would change."""
    obs = observe("register-second-row-new.png")
    field = field_for(obs, label)
    assert field is not None and field.cell and abs(field.box.y - 180) <= 2, field
    assert not any(e.cell and e.label_box is not None and e.label_box.y > 140 for e in obs.elements)


def test_a_letters_stem_near_a_fields_end_is_no_button() -> None:
    """The Tk form's Employee field showing the end of a 680-character text ("... Shanghai branch,"):
    the "h" of "branch" runs down 0.61 of the field, as a button's border may, and the crop was cut
    there; the read-back of every long text typed into a fresh form failed (round 17). A button's
    border reaches over and under the text beside it; a letter's stem does not."""
    crop = Image.open(DATA.parent / "tk-long-text-end.png").convert("RGB")
    assert before_end_button(crop).size == crop.size
