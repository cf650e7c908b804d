"""Deskhand's own windows (the panel) are not read, hide what is under them, and are never the active one."""

from PIL import Image

from automation.perception.observe import Observer
from automation.types import Box, OcrWord, Window

PANEL = Window(9, "Deskhand", "deskhand", Box(120, 0, 80, 120), pid=4242)
FORM = Window(1, "Form", "Tk", Box(0, 0, 200, 120), pid=17)


class PanelOverForm:
    """The panel is on top and active (the user just typed a request into it)."""

    def list(self) -> list[Window]:
        return [PANEL, FORM]  # top-most first

    def active(self) -> Window | None:
        return PANEL

    def activate(self, window: Window) -> None:
        pass


class Screen:
    bounds = Box(0, 0, 200, 120)

    def grab(self, region: Box | None = None) -> Image.Image:
        return Image.new("RGB", (200, 120), "white")


class TwoWords:
    """The form's crop holds its own label and, where the panel covers it, the panel's text."""

    name = "two words"

    def read(self, image: Image.Image, single_line: bool = False) -> list[OcrWord]:
        return [OcrWord("Amount", Box(10, 10, 50, 12), 95.0, (1,)), OcrWord("Send", Box(140, 60, 30, 12), 95.0, (2,))]


def test_the_panel_is_neither_read_nor_active_and_hides_what_is_under_it() -> None:
    observer = Observer(Screen(), PanelOverForm(), TwoWords(), ignore=lambda w: w.pid == 4242)  # type: ignore[arg-type]
    obs = observer.observe()
    assert obs.windows == (FORM,)
    assert obs.active == FORM
    assert [s.text for s in obs.spans] == ["Amount"]  # "Send" lies under the panel


def test_a_popup_of_the_panel_hides_what_is_under_it_too() -> None:
    from dataclasses import replace

    menu = Window(10, "Deskhand", "deskhand", Box(130, 50, 60, 30), pid=4242)
    small_panel = replace(PANEL, box=Box(180, 0, 20, 20), popups=(menu,))

    class MenuOverForm(PanelOverForm):
        def list(self) -> list[Window]:
            return [small_panel, FORM]

        def active(self) -> Window | None:
            return FORM

    observer = Observer(Screen(), MenuOverForm(), TwoWords(), ignore=lambda w: w.pid == 4242)  # type: ignore[arg-type]
    assert [s.text for s in observer.observe().spans] == ["Amount"]  # "Send" lies under the panel's menu


def test_a_run_reads_only_the_windows_in_its_scope_and_lists_every_one() -> None:
    other = Window(2, "Notes", "Notebook", Box(0, 60, 200, 60), pid=18)
    top = Window(1, "Form", "Tk", Box(0, 0, 200, 60), pid=17)

    class TwoApps(PanelOverForm):
        def list(self) -> list[Window]:
            return [top, other]

        def active(self) -> Window | None:
            return top

    class OneWordEach:
        name = "one word each"

        def read(self, image: Image.Image, single_line: bool = False) -> list[OcrWord]:
            return [OcrWord("Amount", Box(10, 10, 50, 12), 95.0, (1,))]

    observer = Observer(Screen(), TwoApps(), OneWordEach(), scope=lambda w: w.pid == 17)  # type: ignore[arg-type]
    obs = observer.observe()
    assert obs.windows == (top, other) and obs.read == (1,)
    assert {s.window for s in obs.spans} == {"Form"}  # the other application's text never read
    assert {s.window for s in observer.observe(window="Notes").spans} == {"Notes"}  # unless named
