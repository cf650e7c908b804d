"""An entry whose text the page pass of OCR missed (a web page's thick focus ring round it, a GTK
entry's ring in mid-fade) is read on its own crop (automation/perception/entries.py), with the
real Tesseract engine."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from automation.backends.tesserocr_ocr import TesserocrEngine
from automation.perception.entries import unread_entries
from automation.perception.observe import Observer
from automation.types import Box, Element, OcrWord, Window
from tests.support.picture_desktop import OneWindow, PictureScreen

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
ENTRY = Box(40, 30, 280, 32)
ZENITY = Path(__file__).resolve().parent / "data" / "zenity"


def focused_entry(text: str) -> Image.Image:
    """A white page with an entry wearing a blue focus ring, holding ``text``."""
    image = Image.new("RGB", (400, 100), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((ENTRY.x, ENTRY.y, ENTRY.right - 1, ENTRY.bottom - 1), outline=(16, 90, 200), width=3)
    if text:
        draw.text((ENTRY.x + 8, ENTRY.y + 8), text, fill="black", font=ImageFont.truetype(FONT, 15))
    return image


def entry(text: str = "") -> Element:
    return Element("text", ENTRY, "Project", text, Box(40, 8, 50, 15), focused=True)


def test_the_text_of_an_entry_no_word_covers_is_read_on_its_own() -> None:
    elements, words = unread_entries(focused_entry("Lyon"), [entry()], [], TesserocrEngine())
    assert elements[0].text == "Lyon"
    assert [w.text for w in words] == ["Lyon"] and ENTRY.contains(*words[0].box.center)


def test_an_empty_entry_or_one_already_read_is_left_as_it_is() -> None:
    ocr = TesserocrEngine()
    assert unread_entries(focused_entry(""), [entry()], [], ocr) == ([entry()], [])
    read = [OcrWord("Lyon", Box(50, 38, 40, 15), 95.0, (1,))]
    assert unread_entries(focused_entry("Lyon"), [entry()], read, ocr) == ([entry()], read)


def test_a_focused_entry_s_caret_is_painted_out_before_it_is_read_on_its_own() -> None:
    """Real pixels: zenity's Trip form (GTK 3) as the agent loop grabbed it just after "Shanghai"
    was typed into Destination, the focus ring still fading from Traveller to Destination. In such
    frames the page pass reads no word in the field (13 of the 120 looks after typing in 60 runs,
    every one mid-fade); the entry's own read then left GTK's caret in (17 of its 24 rows, a pixel
    under the "g"), read "Shanghai" at confidence 16 and 3 and "Shanghail" at 83, no vote, and the
    look read Destination empty: the run ended "not finished" with the form filled (5 of 30 runs)."""
    picture = Image.open(ZENITY / "trip-ring-fading.png").convert("RGB")
    bounds = Box(0, 0, picture.width, picture.height)
    window = Window(1, "Trip", "zenity", bounds)
    obs = Observer(PictureScreen(picture, bounds), OneWindow(window), TesserocrEngine()).observe()
    fields = {e.label: e.text for e in obs.elements if e.kind == "text"}
    assert fields["Destination"] == "Shanghai" and fields["Purpose"] == ""
