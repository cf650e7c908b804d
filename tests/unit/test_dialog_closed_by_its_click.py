"""A click that closes its dialog is the click's effect, not a window that vanished under Deskhand.

FeatherPad's Save As (Qt 5): the floppy icon on the Save button was taken for a ticked check
box labelled "Save"; the click went to it, inside the button, FeatherPad saved and closed the
dialog, and looking at the "mark" again to see it change raised "window 'Save as...' closed
while Deskhand was acting on it (nothing sent since it was last seen)", exit 4, with the file
saved (8 of 8 runs, round 13). The window list after a click is reported instead.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from automation.actuation.actor import Actor
from automation.actuation.safety import SafetyGate
from automation.actuation.verify import Effect
from automation.desktop import Desktop
from automation.errors import WindowClosed
from automation.perception.observe import observe_after
from automation.types import Box, Click, Element, Observation, Target, Window
from tests.support.drawn_desktop import FAST, SCREEN, FakeInput, FakeObserver, FakeScreen, FakeWindows, World, span

MAIN = Window(1, "notes.txt - Editor", "Editor", Box(100, 80, 600, 440), pid=7)
DIALOG = Window(2, "Save as...", "Editor", Box(200, 150, 400, 260), pid=7)
SAVE = span("Save", 520, 370, DIALOG.title)
ICON = Element("check", Box(500, 368, 15, 16), "Save", "", SAVE.box, checked=True, window=DIALOG.title)


class ClosingObserver(FakeObserver):
    """The drawn world, with the elements found on it, and the real observer's way with a window
    followed by its id that is no longer listed."""

    def __init__(self, world: World, elements: tuple[Element, ...]) -> None:
        super().__init__(world)
        self.elements = elements

    def observe(self, window: str | Window | None = None) -> Observation:
        if isinstance(window, Window) and all(w.id != window.id for w in self.world.windows):
            titles = [w.title for w in self.world.windows]
            raise WindowClosed(window.title, "nothing sent since it was last seen", titles)
        return replace(super().observe(window), elements=self.elements)


class SavingInput(FakeInput):
    """A click in the dialog saves (unless ``saves`` is False: a name is missing, say): the
    application closes the dialog and retitles its window."""

    def __init__(self, world: World, saves: bool = True) -> None:
        super().__init__(world)
        self.saves = saves

    def click(self, x: int, y: int, button: str = "left", clicks: int = 1) -> None:
        super().click(x, y, button, clicks)
        if self.saves and DIALOG.box.contains(x, y):
            self.world.windows = [replace(MAIN, title="copy.txt - Editor")]
            self.world.active = self.world.windows[0]


def actor_on(world: World, elements: tuple[Element, ...] = (), saves: bool = True) -> Actor:
    input = SavingInput(world, saves)
    desktop = Desktop(FakeScreen(world), FakeWindows(world), None, input)  # type: ignore[arg-type]
    gate = SafetyGate(input, FakeWindows(world), SCREEN)  # type: ignore[arg-type]
    return Actor(desktop, ClosingObserver(world, elements), gate, FAST)  # type: ignore[arg-type]


def dialog_closed_by_a_click(elements: tuple[Element, ...]) -> tuple[World, Actor]:
    world = World(windows=[DIALOG, MAIN], spans=[SAVE], active=DIALOG)
    return world, actor_on(world, elements)


def test_a_button_icon_taken_for_a_check_box_whose_click_closes_the_dialog_is_a_change() -> None:
    world, actor = dialog_closed_by_a_click((ICON,))
    outcome = actor.perform(Click(Target("Save", window="Save as")))
    assert ("click", *ICON.box.center) in world.sent  # the "mark" was clicked, inside the button
    assert outcome.verdict is Effect.CHANGED
    assert outcome.closed == ("copy.txt - Editor",)  # what is known: the main window shows the saved name


def test_a_button_whose_click_closes_its_dialog_says_so() -> None:
    _, actor = dialog_closed_by_a_click(())
    outcome = actor.perform(Click(Target("Save", window="Save as")))
    assert outcome.verdict is Effect.CHANGED and outcome.closed == ("copy.txt - Editor",)


def test_a_click_that_leaves_its_window_open_reports_no_closing() -> None:
    world = World(windows=[DIALOG, MAIN], spans=[SAVE], active=DIALOG)
    outcome = actor_on(world, saves=False).perform(Click(Target("Save", window="Save as")))
    assert outcome.closed is None


def test_a_window_gone_after_input_was_sent_says_what_was_sent_and_what_is_open() -> None:
    """The observer alone can only say "nothing sent since it was last seen": after typing, that was false."""
    world, actor = dialog_closed_by_a_click(())
    world.windows = [MAIN]
    with pytest.raises(WindowClosed) as closed:
        observe_after(actor.observer, DIALOG, "typed 8 characters")
    assert closed.value.message == (
        "window 'Save as...' closed while Deskhand was acting on it (typed 8 characters);"
        " open now: 'notes.txt - Editor'"
    )


def test_a_closed_window_with_nothing_left_open_says_so() -> None:
    assert WindowClosed("Save as...", "clicked 'Save'", []).message.endswith("; open now: no window")
    assert "open now" not in WindowClosed("Save as...", "nothing sent yet").message  # not known
