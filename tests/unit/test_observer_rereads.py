"""The observer reads a window again whole when a band's new words come back unsure."""

from dataclasses import dataclass, field

from PIL import Image, ImageDraw

from automation.perception.observe import Observer
from automation.types import Box, OcrWord, Window

WINDOW = Window(1, "Form", "Tk", Box(0, 0, 200, 120))


@dataclass
class PictureScreen:
    picture: Image.Image
    bounds: Box = field(default_factory=lambda: Box(0, 0, 200, 120))

    def grab(self, region: Box | None = None) -> Image.Image:
        return self.picture.copy()


class OneWindow:
    def list(self) -> list[Window]:
        return [WINDOW]

    def active(self) -> Window | None:
        return WINDOW

    def activate(self, window: Window) -> None:
        pass


@dataclass
class ScriptedOcr:
    """Reads the whole window as ``whole``, any smaller piece (a band) as ``band``."""

    whole: list[OcrWord]
    band: list[OcrWord]
    name: str = "scripted"
    sizes: list[tuple[int, int]] = field(default_factory=list)

    def read(self, image: Image.Image, single_line: bool = False) -> list[OcrWord]:
        self.sizes.append(image.size)
        return list(self.whole if image.size == (200, 120) else self.band)


def picture(menu: bool) -> Image.Image:
    image = Image.new("RGB", (200, 120), "white")
    if menu:  # a submenu item appears in the lower half: the band to read again
        ImageDraw.Draw(image).text((30, 75), "As JSON", fill="black")
    return image


def observe_twice(band: list[OcrWord]) -> tuple[Observer, list[str]]:
    whole = [OcrWord("Export", Box(10, 10, 50, 12), 96.0, (1,)), OcrWord("JSON", Box(30, 75, 40, 12), 95.0, (2,))]
    screen = PictureScreen(picture(False))
    observer = Observer(screen, OneWindow(), ScriptedOcr(whole, band))
    observer.observe()
    screen.picture = picture(True)
    return observer, [s.text for s in observer.observe().spans]


def test_a_band_read_unsurely_is_read_again_with_the_whole_window() -> None:
    observer, seen = observe_twice([OcrWord("As", Box(5, 3, 40, 10), 0.0, (1,))])
    assert observer.counts.rereads == 1
    assert observer.counts.windows == 2
    assert seen == ["Export", "JSON"]


def test_a_band_read_surely_is_kept() -> None:
    observer, seen = observe_twice([OcrWord("JSON", Box(5, 5, 40, 12), 95.0, (1,))])
    assert observer.counts.rereads == 0
    assert observer.counts.bands == 1
    assert "JSON" in seen


def test_a_forgotten_window_is_read_whole_even_when_nothing_changed() -> None:
    whole = [OcrWord("Export", Box(10, 10, 50, 12), 96.0, (1,))]
    ocr = ScriptedOcr(whole, [])
    observer = Observer(PictureScreen(picture(True)), OneWindow(), ocr)
    observer.observe()
    observer.observe()
    assert (observer.counts.windows, observer.counts.reused) == (1, 1)
    observer.forget(WINDOW)
    assert [s.text for s in observer.observe().spans] == ["Export"]
    assert observer.counts.windows == 2
