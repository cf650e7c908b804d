"""The observer reads a window's accessibility tree only when its pixels changed, and follows a move."""

from dataclasses import dataclass, field

from PIL import Image, ImageDraw

from automation.perception.observe import Observer
from automation.types import Accessible, Box, OcrWord, Window


@dataclass
class Desk:
    """One window on a 400x300 screen; tests move it and draw on it."""

    window: Window = field(default_factory=lambda: Window(1, "Form", "form.py", Box(0, 0, 200, 120), pid=7))
    picture: Image.Image = field(default_factory=lambda: Image.new("RGB", (400, 300), "white"))
    bounds: Box = field(default_factory=lambda: Box(0, 0, 400, 300))

    def grab(self, region: Box | None = None) -> Image.Image:
        return self.picture.copy()

    def list(self) -> list[Window]:
        return [self.window]

    def active(self) -> Window | None:
        return self.window

    def activate(self, window: Window) -> None:
        pass


@dataclass
class WordsAt:
    name: str = "scripted"

    def read(self, image: Image.Image, single_line: bool = False) -> list[OcrWord]:
        return [OcrWord("Post", Box(100, 80, 40, 14), 95.0, (1,))]


@dataclass
class CountingTree:
    desk: Desk
    reads: int = 0

    def read(self, window: Window) -> list[Accessible] | None:
        self.reads += 1
        x, y = self.desk.window.box.x, self.desk.window.box.y
        return [Accessible("push button", "Post", Box(x + 95, y + 76, 50, 22), frozenset({"showing"}))]


def test_an_unchanged_window_reuses_its_tree_and_a_changed_one_reads_it_again() -> None:
    desk = Desk()
    tree = CountingTree(desk)
    observer = Observer(desk, desk, WordsAt(), tree=tree)
    first = observer.observe()
    assert [e.name for e in first.accessible] == ["Post"]
    observer.observe()
    assert tree.reads == 1 and observer.counts.trees == 1
    ImageDraw.Draw(desk.picture).rectangle((10, 10, 60, 30), fill="black")
    observer.observe()
    assert tree.reads == 2


def test_a_window_that_only_moved_shifts_its_tree_without_reading_it() -> None:
    desk = Desk()
    tree = CountingTree(desk)
    observer = Observer(desk, desk, WordsAt(), tree=tree)
    observer.observe()
    desk.window = Window(1, "Form", "form.py", Box(150, 100, 200, 120), pid=7)
    desk.picture = Image.new("RGB", (400, 300), "white")
    moved = observer.observe()
    assert tree.reads == 1
    assert [e.box for e in moved.accessible] == [Box(245, 176, 50, 22)]


def test_without_a_tree_the_observation_has_no_elements() -> None:
    desk = Desk()
    assert Observer(desk, desk, WordsAt()).observe().accessible == ()


@dataclass
class FieldTree:
    """A tree with one labelled field holding "12", drawn ``off`` pixels away from where the window is."""

    desk: Desk
    off: int = 0

    def read(self, window: Window) -> list[Accessible] | None:
        x, y = self.desk.window.box.x + self.off, self.desk.window.box.y + self.off
        showing = frozenset({"showing"})
        return [
            Accessible("push button", "Post", Box(x + 95, y + 76, 50, 22), showing),
            Accessible("text", "", Box(x + 20, y + 20, 120, 24), showing | {"editable", "focused"}, "12", "Amount"),
        ]


def test_a_trusted_trees_field_is_an_element_with_its_label_value_and_focus() -> None:
    desk = Desk()
    obs = Observer(desk, desk, WordsAt(), tree=FieldTree(desk)).observe()
    (amount,) = [e for e in obs.elements if e.label == "Amount"]
    assert (amount.kind, amount.text, amount.focused) == ("text", "12", True)


def test_a_tree_whose_boxes_are_off_the_window_gives_no_elements_and_the_pixels_stand() -> None:
    desk = Desk()
    obs = Observer(desk, desk, WordsAt(), tree=FieldTree(desk, off=250)).observe()
    assert obs.accessible == ()
    assert not any(e.label == "Amount" or e.text == "12" for e in obs.elements)
    assert "Post" in {e.text for e in obs.elements} | {e.label for e in obs.elements}
