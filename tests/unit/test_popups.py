"""Pop-ups the window manager does not list (a combo's list, a menu) count as their window's."""

from dataclasses import replace

from PIL import Image, ImageDraw

from automation.backends.x11_windows import with_popups
from automation.perception.observe import Observer
from automation.types import Box, OcrWord, Window

CLIENT_BITS = ~0x1FFFFF  # X ids: the client's bits above the resource bits
FORM = Window(0x400005, "Form", "Zoo", Box(100, 100, 300, 200), pid=17, client=0x400000)
OTHER = Window(0x600003, "Other", "xcalc", Box(500, 100, 200, 200), pid=18, client=0x600000)


def test_a_popup_belongs_to_the_window_of_its_connection_that_it_lies_over_or_hangs_from() -> None:
    below = (0x400101, Box(150, 290, 120, 160), "combo")  # a combo's list hanging past the form's bottom
    far = (0x400102, Box(1000, 700, 80, 20), "tooltip")  # the same program's tooltip far away: nobody's
    foreign = (0x700001, Box(150, 150, 50, 50), "")  # another program's pop-up over the form
    windows = with_popups([FORM, OTHER], [below, far, foreign], CLIENT_BITS)
    form, other = windows
    assert [p.id for p in form.popups] == [0x400101]
    assert form.popups[0].title == "Form" and form.popups[0].box == below[1] and form.popups[0].kind == "combo"
    assert other.popups == ()
    assert form.extent == Box(100, 100, 300, 350)
    assert form.holds(200, 400) and not form.holds(390, 400)


class Screen:
    bounds = Box(0, 0, 600, 500)

    def __init__(self) -> None:
        self.image = Image.new("RGB", (600, 500), "white")
        ImageDraw.Draw(self.image).rectangle((150, 290, 269, 449), fill=(240, 240, 240))

    def grab(self, region: Box | None = None) -> Image.Image:
        return self.image if region is None else self.image.crop(region.crop_in(self.bounds))


class Listed:
    def __init__(self, windows: list[Window]) -> None:
        self.windows = windows

    def list(self) -> list[Window]:
        return self.windows

    def active(self) -> Window | None:
        return self.windows[0]

    def activate(self, window: Window) -> None:
        pass


class ByCrop:
    """Reads "Finance" in a picture of the list and "Amount" in one of the form."""

    name = "by crop"

    def read(self, image: Image.Image, single_line: bool = False) -> list[OcrWord]:
        if image.size == (120, 160):
            return [OcrWord("Finance", Box(10, 20, 80, 14), 95.0, (1,))]
        if image.size == (300, 200):
            return [OcrWord("Amount", Box(20, 20, 80, 14), 95.0, (1,))]
        return []


def test_the_observer_reads_a_popup_as_its_windows_words_and_forgets_it_once_closed() -> None:
    popup = Window(0x400101, "Form", "Zoo", Box(150, 290, 120, 160), 17, 0x400000)
    windows = Listed([replace(FORM, popups=(popup,))])
    observer = Observer(Screen(), windows, ByCrop())  # type: ignore[arg-type]
    obs = observer.observe(window="Form")
    texts = {s.text: s for s in obs.spans}
    assert "Finance" in texts and texts["Finance"].window == "Form"
    assert popup.box.contains(*texts["Finance"].box.center)
    windows.windows = [FORM]
    obs = observer.observe(window="Form")
    assert "Finance" not in {s.text for s in obs.spans}
    assert popup.id not in observer._memory


def test_forgetting_a_window_forgets_its_popups_reading_too() -> None:
    popup = Window(0x400101, "Form", "Zoo", Box(150, 290, 120, 160), 17, 0x400000)
    observer = Observer(Screen(), Listed([replace(FORM, popups=(popup,))]), ByCrop())  # type: ignore[arg-type]
    observer.observe(window="Form")
    assert popup.id in observer._memory
    observer.forget(FORM)
    assert popup.id not in observer._memory and FORM.id not in observer._memory


class BlankList:
    """The list's first frame is blank to OCR; the window's own reading has its item."""

    name = "blank list"

    def read(self, image: Image.Image, single_line: bool = False) -> list[OcrWord]:
        if image.size == (300, 200):
            return [OcrWord("Finance", Box(60, 150, 80, 14), 95.0, (1,))]  # at (160, 250) on screen
        return []


def test_a_popup_read_blank_hides_none_of_the_windows_words() -> None:
    popup = Window(0x400101, "Form", "Zoo", Box(150, 240, 120, 50), 17, 0x400000)
    observer = Observer(Screen(), Listed([replace(FORM, popups=(popup,))]), BlankList())  # type: ignore[arg-type]
    assert [s.text for s in observer.observe(window="Form").spans] == ["Finance"]
