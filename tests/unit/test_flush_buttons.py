"""A button flush with its window's edge, and a button whose icon reads as noise.

Real pixels: the top of xfig's main window (Xaw3d, round 16's trial). Its menu bar is a row of
raised buttons, each an arrow icon and a word; "File" starts on the window's first column, so
its outline had no left side and it was read as loose words, "Fil" and "e". `act click File`
then clicked "file" in the status line under it and ended exit 0 (round 17). Read alone, each
button's icon came back as different noise in each rendering ("db File", "£4 Snap").
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

from automation.backends.tesserocr_ocr import TesserocrEngine
from automation.perception.controls import find_controls, with_controls, without_picture
from automation.types import Box

DATA = Path(__file__).resolve().parent / "data" / "xfig"
NOWHERE = (False, False, False, False)


def menu_bar() -> Image.Image:
    return Image.open(DATA / "menu-bar-flush-left.png").convert("RGB")


def at_left(boxes: list[Box]) -> list[Box]:
    return [b for b in boxes if b.x == 0 and 50 <= b.w <= 70 and 18 <= b.h <= 26]


def test_the_button_flush_with_the_window_edge_is_outlined() -> None:
    assert at_left(find_controls(menu_bar()))


def test_a_cut_edge_that_is_not_the_window_closes_nothing() -> None:
    """A part of a window read again: its sides are cuts, not the window's edges."""
    assert not at_left(find_controls(menu_bar(), NOWHERE))


def test_a_band_from_edge_to_edge_is_no_control_and_a_corner_button_is() -> None:
    """A bar across a small window (left to right edge) is not a button; a box on one edge is,
    and so is one in the window's corner."""
    page = Image.new("RGB", (300, 200), "white")
    draw = ImageDraw.Draw(page)
    draw.line([(0, 30), (300, 30)], fill="black")  # a bar 30 px tall across the whole width
    draw.rectangle([(-5, 60), (80, 90)], outline="black")  # a button whose left side is off the window
    draw.rectangle([(240, 170), (305, 205)], outline="black")  # one in the bottom right corner
    boxes = find_controls(page)
    assert not [b for b in boxes if b.y == 0 and b.w > 250]
    assert [b for b in boxes if b.x == 0 and 55 <= b.y <= 62 and 78 <= b.right <= 82]
    assert [b for b in boxes if 238 <= b.x <= 242 and 168 <= b.y <= 172 and (b.right, b.bottom) == (300, 200)]


def test_the_flush_button_and_an_iconed_one_read_their_words() -> None:
    bar, ocr = menu_bar(), TesserocrEngine()
    controls = [b for b in find_controls(bar) if b.y < 5]
    words = {w.text for w in with_controls(bar, ocr.read(bar), controls, ocr)}
    assert {"File", "Snap"} <= words, sorted(words)
    assert not {"Fil", "e"} & words


def test_the_picture_before_a_word_is_cut_off() -> None:
    file_button = menu_bar().crop((2, 2, 58, 21))
    words = without_picture(file_button)
    assert words is not None and words.width < file_button.width - 10


def test_plain_words_have_no_picture_to_cut() -> None:
    status_line = menu_bar().crop((0, 26, 400, 42))
    assert without_picture(status_line) is None
