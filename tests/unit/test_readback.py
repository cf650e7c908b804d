"""Whether a field shows what was typed, after the field's own formatting."""

from __future__ import annotations

import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image, ImageDraw

from automation.actuation.readback import ReadBack, added_start, bullets, end_piece, read_field, shows, start_piece
from automation.backends.tesserocr_ocr import TesserocrEngine
from automation.types import Box, Element, Observation, OcrWord, Window
from tests.support.drawn_desktop import FAST


@pytest.mark.parametrize(
    ("typed", "seen"),
    [
        ("Li Si", "Li Si"),
        ("li si", "LI SI"),  # a field that upper-cases
        ("42.5", "42.50"),  # a number reformatted
        ("1234.5", "1,234.50"),
        ("2024-03-05", "05/03/2024"),  # a date in another order
        ("5.3.24", "05.03.2024"),
        ("2024-03-05", "05/03/24"),  # a field that shows two-digit years
        ("ORD-10", "0RD-10"),  # OCR's O and 0
        ("abc", "•••"),  # a masked field
        ("42", "42%"),  # a percent spin box (Qt's spinboxes example)
        ("250", "$250"),
    ],
)
def test_formatted_values_count_as_typed(typed: str, seen: str) -> None:
    assert shows(typed, seen)


@pytest.mark.parametrize(
    ("typed", "seen"),
    [
        ("42.50", "42.60"),
        ("42.50", ""),
        ("Li Si", "Zhang San"),
        ("Li Si", "Li Si Li Si"),  # typed twice
        ("abcd", "•••"),  # one bullet short
        ("2024-03-05", "2024-03-06"),
        ("1234", "123"),
        ("42", "43%"),
        ("42", "%42"),  # a sign after a number only
        # a first key lost before the click took (Chromium under load) is no reformatted date
        ("2026-11-18", "026-11-18"),
        ("2026-11-18", "26-11-18"),
    ],
)
def test_a_different_value_is_caught(typed: str, seen: str) -> None:
    assert not shows(typed, seen)


NAME = "Zhang San of the Shanghai branch, Li Si of the Beijing office"


@pytest.mark.parametrize(
    ("seen", "end", "start"),
    [
        ("Li Si of the Beijing office", True, False),
        ("i Si of the Beijing office", True, False),  # the view's left edge cut the L
        ("‘i Si of the Beijing office", True, False),  # ... and read it as a mark
        ("Zhang San of the Shanghai b", False, True),
        ("Zhang San of the Shangha!", False, True),  # the right edge cut the i
        ("hang San of the Shanghai branch,", False, False),  # the first key lost: no start
        ("Li Si of the Beijing office20", False, False),  # keys meant for the next field appended
        ("Beijing", False, False),  # too little of the text to stand for it
        (NAME, False, False),  # the whole text is no piece: it must equal it
    ],
)
def test_a_view_of_a_text_wider_than_its_field_is_its_end_or_its_start(seen: str, end: bool, start: bool) -> None:
    assert (end_piece(NAME, seen), start_piece(NAME, seen)) == (end, start)
    assert shows(NAME, seen) is (seen == NAME)  # and only the whole text is the text


def dots(count: int, letters: bool = False) -> Image.Image:
    image = Image.new("RGB", (200, 24), (255, 255, 255))
    d = ImageDraw.Draw(image)
    for i in range(count):
        x = 6 + i * 12
        if letters:
            d.rectangle((x, 6, x + 4 + i % 3, 18), fill=(0, 0, 0))  # strokes of different sizes
        else:
            d.ellipse((x, 9, x + 6, 15), fill=(0, 0, 0))
    return image


def test_bullets_are_counted_and_letters_are_not_bullets() -> None:
    assert bullets(dots(5)) == 5
    assert bullets(dots(5, letters=True)) is None
    assert shows("12345", "", bullets(dots(5)))
    assert not shows("1234", "", bullets(dots(5)))


MASKED = Path(__file__).parent / "data" / "masked"


def test_touching_bullets_are_counted_and_the_fields_own_icons_left_out() -> None:
    """Qt's password entries (KeePassXC's, round 15): 8-px bullets at a pitch of 8.5 touch in
    pairs once thresholded, and the entry holds a reveal icon (and a generator's) at its right
    end. Both read as no row of bullets, and 13 typed characters read back as ''."""
    assert bullets(Image.open(MASKED / "qt-unlock-13.png")) == 13
    assert bullets(Image.open(MASKED / "qt-entry-11.png")) == 11
    empty = Image.open(MASKED / "qt-entry-11.png").convert("RGB")
    ImageDraw.Draw(empty).rectangle((0, 0, 300, empty.height), fill=empty.getpixel((300, 3)))
    assert bullets(empty) is None  # the icons alone are no bullets


def test_ink_in_the_middle_of_a_field_beside_bullets_is_no_masked_look() -> None:
    image = dots(5)
    ImageDraw.Draw(image).rectangle((120, 6, 124, 18), fill=(0, 0, 0))  # a stroke well inside the field
    assert bullets(image) is None
    touching = Image.new("RGB", (200, 24), (255, 255, 255))
    d = ImageDraw.Draw(touching)
    for i in range(4):
        d.ellipse((6 + i * 7, 9, 12 + i * 7, 15), fill=(0, 0, 0))  # each touches the next
    assert bullets(touching) == 4


class OneLook:
    """An observer whose every look shows ``elements`` in the form window."""

    tree = None

    def __init__(self, elements: list[Element]) -> None:
        self.elements = elements

    def observe(self, window: str | None = None) -> Observation:
        return Observation(Image.new("RGB", (10, 10)), (), None, (), 0.0, elements=tuple(self.elements))


def test_the_target_found_again_a_pixel_off_is_not_named_as_where_the_typing_went() -> None:
    target = Element("text", Box(100, 40, 200, 24), "Project", window="Form")
    again = Element("text", Box(99, 39, 202, 26), "Project", "Grad", focused=True, window="Form")
    window = Window(1, "Form", "form", Box(0, 0, 400, 300))
    actor = SimpleNamespace(observer=OneLook([again]))
    before = Observation(Image.new("RGB", (10, 10)), (), None, (), 0.0, elements=(target,))
    assert ReadBack(actor, target, window, before).went_to("Graz") is None  # type: ignore[arg-type]
    other = Element("text", Box(100, 80, 200, 24), "Unit price", "Gr", focused=True, window="Form")
    actor.observer = OneLook([again, other])
    assert ReadBack(actor, target, window, before).went_to("Graz") == "Unit price"  # type: ignore[arg-type]


def test_a_read_out_that_showed_the_typed_text_before_is_not_where_it_went() -> None:
    """zenity's calendar: its day "3", read a pixel off after the typing, was named as where "3" went."""
    target = Element("text", Box(585, 336, 202, 32), "Nights", window="Travel claim")
    day = Element("readout", Box(711, 465, 8, 9), "", "3", window="Travel claim")
    window = Window(1, "Travel claim", "zenity", Box(400, 200, 500, 420))
    before = Observation(Image.new("RGB", (10, 10)), (), None, (), 0.0, elements=(target, day))
    again = Element("readout", Box(712, 465, 8, 10), "", "3", window="Travel claim")
    actor = SimpleNamespace(observer=OneLook([target, again]))
    assert ReadBack(actor, target, window, before).went_to("3") is None  # type: ignore[arg-type]


def test_a_focus_on_a_field_that_shows_nothing_new_is_no_evidence_the_keys_went_there() -> None:
    """HomeBank: the amount showed "23400.00" (the keys typed before its "0.00"), while the memo, typed
    into earlier and unchanged, was seen focused: "the typing went into 'Memo:'" was said, and the
    retry that types over the field's text was never made."""
    amount = Element("text", Box(94, 114, 105, 32), "Amount:", window="Form")
    memo = Element("text", Box(94, 436, 247, 32), "Memo:", "Taxi to the airport", window="Form")
    window = Window(1, "Form", "form", Box(0, 0, 400, 600))
    shown = Element("text", Box(95, 115, 104, 30), "Amount:", "23400.00", window="Form")
    focused_memo = Element("text", Box(95, 437, 246, 30), "Memo:", "Taxi to the airport", focused=True, window="Form")
    actor = SimpleNamespace(observer=OneLook([shown, focused_memo]))
    before = Observation(Image.new("RGB", (10, 10)), (), None, (), 0.0, elements=(amount, memo))
    assert ReadBack(actor, amount, window, before).went_to("23.40") is None  # type: ignore[arg-type]
    took = Element("text", Box(95, 437, 246, 30), "Memo:", "Taxi to the airport23", focused=True, window="Form")
    actor.observer = OneLook([shown, took])
    assert ReadBack(actor, amount, window, before).went_to("23.40") == "Memo:"  # type: ignore[arg-type]
    misread = Element("text", Box(95, 437, 246, 30), "Memo:", "Taxi to the airpart", focused=True, window="Form")
    actor.observer = OneLook([shown, misread])
    assert ReadBack(actor, amount, window, before).went_to("23.40") is None  # a reading's noise is no evidence


class ReadsAs:
    """An OCR engine that reads every picture as ``text``."""

    def __init__(self, text: str) -> None:
        self.text = text

    def read(self, image: Image.Image, single_line: bool = False) -> list[OcrWord]:
        return [OcrWord(self.text, Box(0, 0, 10, 10), 90.0, (0,))]


def test_a_focus_rings_edge_read_as_a_quote_is_left_out_only_for_the_wanted_text() -> None:
    crop = Image.new("RGB", (80, 24), "white")
    ImageDraw.Draw(crop).rectangle((10, 6, 50, 16), fill="black")  # ink, so the field is not empty
    assert read_field(crop, ReadsAs("\u2018Graz"), lambda seen: shows("Graz", seen)) == "Graz"  # type: ignore[arg-type]
    assert read_field(crop, ReadsAs("\u2018Graz"), lambda seen: shows("Gra", seen)) == "\u2018Graz"  # type: ignore[arg-type]


def test_the_first_keys_left_in_the_field_that_had_the_focus_are_found() -> None:
    target = Element("text", Box(300, 40, 60, 24), "Qty", window="Form")
    item = Element("text", Box(100, 40, 180, 24), "Item", "bracket", window="Form")
    window = Window(1, "Form", "form", Box(0, 0, 400, 300))
    before = Observation(Image.new("RGB", (10, 10)), (), None, (), 0.0, elements=(target, item))
    strayed = Element("text", item.box, "Item", "bracket2", window="Form")
    actor = SimpleNamespace(observer=OneLook([strayed, Element("text", target.box, "Qty", "29", window="Form")]))
    assert ReadBack(actor, target, window, before).stray("29") == ("Item", "bracket2")  # type: ignore[arg-type]
    actor.observer = OneLook([item])
    assert ReadBack(actor, target, window, before).stray("29") is None  # type: ignore[arg-type]
    # its focus ring gone, the field that had the focus is found a pixel or two off (CI: "bracket2" passed)
    unringed = Element("text", Box(102, 42, 176, 20), "Item", "bracket2", window="Form")
    actor.observer = OneLook([unringed, Element("text", target.box, "Qty", "29", window="Form")])
    assert ReadBack(actor, target, window, before).stray("29") == ("Item", "bracket2")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("old", "new", "added"),
    [
        ("bracket", "bracket2", True),
        ("", "2", True),
        ("bracket", "bracket29", True),
        ("0.00", "290.50", False),
        ("bracket", "bracket", False),
        ("bracket", "bracketx", False),
    ],
)
def test_keys_added_at_a_fields_end_are_the_typed_texts_start(old: str, new: str, added: bool) -> None:
    assert added_start("29", old, new) is added


class FieldSelection:
    """The desktop's selection over a field that offers its text once Shift+Home selects it
    (``offers``); before that, whoever held the selection offers ``had``."""

    def __init__(self, holds: str, had: str | None, offers: bool = True) -> None:
        self.holds, self.now, self.offers = holds, had, offers
        self.keys: list[str] = []

    def selected_text(self) -> str | None:
        return self.now

    def clear(self) -> None:
        self.now = None

    def key(self, combo: str) -> None:
        self.keys.append(combo)
        if combo == "shift+Home" and self.offers:
            self.now = self.holds


def clipped_read_back(field: FieldSelection, monkeypatch: pytest.MonkeyPatch) -> ReadBack:
    """A read-back whose field showed the typed text's end (too narrow for it)."""
    target = Element("text", Box(100, 40, 120, 24), "File name", window="Save as")
    window = Window(1, "Save as", "dialog", Box(0, 0, 400, 300))
    gate = SimpleNamespace(check=lambda window, done: None)
    desktop = SimpleNamespace(selection=field, input=field)
    actor = SimpleNamespace(observer=OneLook([]), gate=gate, desktop=desktop)
    before = Observation(Image.new("RGB", (10, 10)), (), None, (), 0.0, elements=(target,))
    reading = ReadBack(actor, target, window, before)  # type: ignore[arg-type]

    def showed_the_end(text: str) -> bool:
        reading.clipped = True
        return True

    monkeypatch.setattr(reading, "holds", showed_the_end)
    monkeypatch.setattr("automation.actuation.readback.SELECTION_WAIT", 0.05)
    return reading


PATH = "/tmp/pytest-of-root/pytest-3/featherpad0/copy.txt"


def test_a_text_wider_than_its_field_is_judged_whole_by_the_selection_it_offers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    field = FieldSelection(PATH, had=None)
    assert clipped_read_back(field, monkeypatch).holds_all(PATH)
    assert field.keys == ["shift+Home", "End"]  # selected, then the caret put back at the end


def test_a_character_lost_in_the_middle_of_a_long_text_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both ends read right: only the whole text shows the loss (a middle character of a path)."""
    lost = PATH.replace("pytest-3", "pytest3")
    reading = clipped_read_back(FieldSelection(lost, had="something selected before"), monkeypatch)
    assert not reading.holds_all(PATH)
    assert reading.seen == lost


def test_an_application_that_offers_no_selection_leaves_the_judging_to_the_two_ends(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Wine's fields offer no selection: the one held before is not taken for the field's text."""
    field = FieldSelection(PATH, had=PATH, offers=False)
    reading = clipped_read_back(field, monkeypatch)
    assert reading.selected(PATH) is None
    assert field.keys == ["shift+Home", "End"]


def test_a_field_offering_the_same_wrong_text_again_is_still_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """The retry selects the field's old text before typing over it: the selection then
    holds that text, and the field offering it again after the retry is still the field's."""
    lost = PATH.replace("pytest-3", "pytest3")
    reading = clipped_read_back(FieldSelection(lost, had=lost), monkeypatch)
    assert reading.selected(PATH) == lost


def test_light_text_on_a_mid_tone_selection_is_read() -> None:
    # Wine's combo, focused after a choice: "Windows 10" white on blue (grey 131), a dotted
    # focus frame round it; unsplit renderings read "Windows10 00° 8".
    crop = Image.open(Path(__file__).parent / "data" / "select" / "wine_combo_selected.png")
    seen = read_field(crop, TesserocrEngine(), lambda text: text.casefold() == "windows 10")
    assert seen == "Windows 10"


class DrawingField:
    """A field the application is still drawing: each grab shows the next of ``frames`` (the last
    one stays), and OCR reads what the last grab showed; its first pass outlasts the read-back's
    timeout, as one pass did under load."""

    def __init__(self, frames: list[str], first_pass: float) -> None:
        self.frames, self.grabs, self.first_pass = frames, 0, first_pass
        self.readings: list[str] = []

    def grab(self, region: Box | None = None) -> Image.Image:
        shown = min(self.grabs, len(self.frames) - 1)
        self.grabs += 1
        image = Image.new("RGB", (120, 24), (255, 255, 255))
        ImageDraw.Draw(image).rectangle((4, 4, 12 + 8 * len(self.frames[shown]), 18), fill=(0, 0, 0))
        return image

    def read(self, image: Image.Image, single_line: bool = False) -> list[OcrWord]:
        if not self.readings:
            time.sleep(self.first_pass)
        text = self.frames[min(self.grabs, len(self.frames)) - 1]
        self.readings.append(text)
        return [OcrWord(text, Box(0, 0, 10, 10), 90.0)]


def drawing_read_back(field: DrawingField) -> ReadBack:
    target = Element("text", Box(100, 40, 120, 24), "Remarks", window="Zoo")
    window = Window(1, "Zoo", "zoo", Box(0, 0, 400, 300))
    observer = SimpleNamespace(tree=None, ocr=field)
    actor = SimpleNamespace(observer=observer, desktop=SimpleNamespace(screen=field), timings=FAST)
    before = Observation(Image.new("RGB", (10, 10)), (), None, (), 0.0, elements=(target,))
    return ReadBack(actor, target, window, before)  # type: ignore[arg-type]


def test_a_field_still_drawing_the_keys_is_read_again_before_it_is_judged() -> None:
    """A browser's note under load: the one reading in the timeout showed "valve valv", the last
    key drawn after it; the retry that followed failed too."""
    field = DrawingField(["valve valv", "valve valve"], first_pass=FAST.verify_timeout)
    assert drawing_read_back(field).holds("valve valve")
    assert field.readings[0] == "valve valv"


def test_a_field_that_stopped_changing_is_judged_on_its_last_reading() -> None:
    field = DrawingField(["valve valv"], first_pass=0.0)
    reading = drawing_read_back(field)
    assert not reading.holds("valve valve")
    assert reading.seen == "valve valv"


class ScrolledField(FieldSelection):
    """A single-line field too narrow for what it holds, in an application offering no selection
    (Wine's): after Home it shows the start of what it holds, else its end (``width`` characters)."""

    def __init__(self, holds: str, width: int) -> None:
        super().__init__(holds, had=None, offers=False)
        self.width = width

    def view(self) -> str:
        at_start = bool(self.keys) and self.keys[-1] == "Home"
        return self.holds[: self.width] if at_start else self.holds[-self.width :]


def scrolled_read_back(field: ScrolledField, monkeypatch: pytest.MonkeyPatch) -> ReadBack:
    reading = clipped_read_back(field, monkeypatch)
    reading.actor.timings = SimpleNamespace(verify_timeout=0.1)  # type: ignore[attr-defined]

    def reads(text: str, piece: object) -> bool:
        reading.seen = field.view()
        return shows(text, reading.seen)

    monkeypatch.setattr(reading, "_reads", reads)
    return reading


def test_text_the_field_held_after_the_caret_is_caught_at_its_end(monkeypatch: pytest.MonkeyPatch) -> None:
    """Wine's Save As: the name box held "*.txt", the path went in before it, and the box's view
    showed the path's end and, after Home, its start: the read-back passed with the box holding
    ".../copy.txt*.txt", and Notepad saved nothing (round 17). After End, what follows shows."""
    field = ScrolledField(PATH + "*.txt", width=24)
    reading = scrolled_read_back(field, monkeypatch)
    assert not reading.holds_all(PATH)
    assert reading.seen.endswith("*.txt")


def test_a_long_text_alone_in_its_field_passes_at_both_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    field = ScrolledField(PATH, width=24)
    assert scrolled_read_back(field, monkeypatch).holds_all(PATH)
    assert field.keys[-2:] == ["Home", "End"]
