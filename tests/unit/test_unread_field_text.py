"""A field no control was recognised for is typed over when it holds text, even text the
window's reading missed, on a real screenshot.

NEdit's Save As dialog (Motif), as Debian's NEdit draws it: its "New File Name:" field holds
"note.txt" inside a thick focus border, and the whole window's OCR reads no word there. The
field was grounded by the stretch under its label with nothing in it, so nothing was selected
before typing: the name went in at the click, after the first letter ("nrenamed.txtote.txt"),
and only the read-back's retry (which selects) mended it; under load the retry failed too.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from automation.actuation.actor import Actor
from automation.actuation.readback import shows
from automation.actuation.safety import SafetyGate
from automation.backends.tesserocr_ocr import TesserocrEngine
from automation.desktop import Desktop
from automation.perception.observe import Observer
from automation.types import Box, Target, TypeText, Window
from tests.support.drawn_desktop import FAST, FakeInput, World
from tests.support.picture_desktop import OneWindow, PictureScreen

PICTURE = Path(__file__).resolve().parent / "data" / "nedit" / "save-as.png"
NAME_FIELD = Box(14, 326, 474, 30)  # the "New File Name:" entry with its border, in the picture


def test_the_text_of_a_field_found_by_its_stretch_is_read_when_the_window_s_reading_missed_it() -> None:
    image = Image.open(PICTURE).convert("RGB")
    window = Window(1, "Save File As", "NEdit", Box(0, 0, image.width, image.height))
    screen, windows = PictureScreen(image, window.box), OneWindow(window)
    observer = Observer(screen, windows, TesserocrEngine())
    obs = observer.observe()
    # Until round 15 the window's reading had no word there (what the fix was for); NEdit's tinted,
    # sunken field is now found by its shape and read on its own, and must still be typed over.
    assert [s.text for s in obs.spans if NAME_FIELD.contains(*s.box.center)] == ["note.txt"]
    desktop = Desktop(screen, windows, observer.ocr, FakeInput(World()))  # type: ignore[arg-type]
    actor = Actor(desktop, observer, SafetyGate(desktop.input, windows, window.box), FAST)  # type: ignore[arg-type]
    typing = TypeText("renamed.txt", Target("New File Name:", field=True), window.title)
    _, _, _, field = actor._ground(typing, obs)
    assert field is not None and NAME_FIELD.contains(*field.box.center), field
    assert shows("note.txt", field.text), field.text  # so it is selected and typed over
