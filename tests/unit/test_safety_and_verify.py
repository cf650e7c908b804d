import functools
import threading
from dataclasses import replace

import pytest
from PIL import Image, ImageDraw

from automation.actuation.safety import SafetyGate
from automation.actuation.verify import changed
from automation.errors import Aborted, Refused, WindowClosed
from automation.types import Box, Window

FORM = Window(1, "Form", "Tk", Box(0, 0, 100, 100))
OTHER = Window(2, "Other", "Tk", Box(0, 0, 100, 100))


class FakeInput:
    display = ":test"

    def __init__(self, at: tuple[int, int] = (50, 50)) -> None:
        self.at = at

    def position(self) -> tuple[int, int]:
        return self.at

    def size(self) -> tuple[int, int]:
        return 1280, 800


class FakeWindows:
    def __init__(self, windows: list[Window], active: Window | None) -> None:
        self.windows = windows
        self.current = active

    def list(self) -> list[Window]:
        return self.windows

    def active(self) -> Window | None:
        return self.current

    def activate(self, window: Window) -> None:
        self.current = window


def gate(
    at: tuple[int, int] = (50, 50), windows: list[Window] | None = None, active: Window | None = FORM
) -> SafetyGate:
    wins = FakeWindows([FORM, OTHER] if windows is None else windows, active)
    return SafetyGate(FakeInput(at), wins, Box(0, 0, 1280, 800))  # type: ignore[arg-type]


def test_passes_when_the_window_is_active() -> None:
    gate().check(FORM)


def test_abort_flag_stops_everything() -> None:
    g = gate()
    g.abort = threading.Event()
    g.abort.set()
    with pytest.raises(Aborted):
        g.check(None)


@pytest.mark.parametrize("corner", [(0, 0), (1279, 0), (0, 799), (1278, 798)])
def test_pointer_in_a_corner_is_the_fail_safe(corner: tuple[int, int]) -> None:
    with pytest.raises(Aborted, match="fail-safe"):
        gate(at=corner).check(FORM)


def test_focus_stolen_is_refused() -> None:
    with pytest.raises(Refused, match="no longer the active"):
        gate(active=OTHER).check(FORM, done="typed 3 of 9 characters")


PANEL = Window(3, "Deskhand", "python3", Box(900, 0, 300, 400))


def test_the_focus_left_on_deskhands_panel_is_given_back_to_the_window() -> None:
    wins = FakeWindows([FORM, PANEL], PANEL)  # the user's yes in the panel left the focus there
    g = SafetyGate(FakeInput(), wins, Box(0, 0, 1280, 800), own=lambda w: w.id == PANEL.id)  # type: ignore[arg-type]
    g.check(FORM, done="typed 3 of 9 characters")
    assert wins.current == FORM


def test_the_focus_on_deskhands_panel_that_will_not_go_is_refused() -> None:
    class Stuck(FakeWindows):
        def activate(self, window: Window) -> None:
            pass  # the window manager refuses

    g = SafetyGate(FakeInput(), Stuck([FORM, PANEL], PANEL), Box(0, 0, 1280, 800), own=lambda w: w.id == PANEL.id)  # type: ignore[arg-type]
    g.bring_back = functools.partial(g.bring_back, timeout=0.05)  # type: ignore[method-assign]
    with pytest.raises(Refused, match="'Deskhand' is"):
        g.check(FORM)


def test_a_list_our_click_opened_may_hold_the_input_with_no_window_active() -> None:
    """Motif's option menu grabs the pointer and keyboard for its list: no window is active
    until an item is picked, and the pick was refused."""
    g = gate(active=None)
    with pytest.raises(Refused, match="no window is"):
        g.check(FORM)
    g.popups[FORM.id] = Box(10, 60, 80, 90)
    g.check(FORM, point=(40, 120))
    with pytest.raises(Refused, match="outside"):
        g.check(FORM, point=(400, 500))
    # a list the X server lists for the window (opened by a click of the agent's loop) holds it too
    listed = Window(3, "", "Tk", Box(10, 60, 80, 90), kind="menu")
    g = gate(windows=[replace(FORM, popups=(listed,)), OTHER], active=None)
    g.check(FORM, point=(40, 120))
    tip = replace(listed, kind="tooltip")
    with pytest.raises(Refused, match="no window is"):
        gate(windows=[replace(FORM, popups=(tip,)), OTHER], active=None).check(FORM)


def test_closed_window_is_reported_with_progress_and_the_windows_open_now() -> None:
    with pytest.raises(WindowClosed, match="typed 3 of 9") as closed:
        gate(windows=[OTHER], active=OTHER).check(FORM, done="typed 3 of 9 characters")
    assert closed.value.open_now == ["Other"] and "open now: 'Other'" in closed.value.message


def test_a_blinking_caret_is_not_a_change() -> None:
    before = Image.new("RGB", (200, 50), "white")
    caret = before.copy()
    ImageDraw.Draw(caret).line([(20, 10), (20, 30)], fill="black", width=1)
    text = before.copy()
    ImageDraw.Draw(text).rectangle([(20, 10), (60, 30)], fill="black")
    assert not changed(before, before)
    assert not changed(before, caret)
    assert changed(before, text)


def test_our_own_window_is_refused_even_when_active() -> None:
    wins = FakeWindows([FORM, OTHER], FORM)
    ours = SafetyGate(FakeInput(), wins, Box(0, 0, 1280, 800), own=lambda w: w.title == "Form")  # type: ignore[arg-type]
    with pytest.raises(Refused, match="Deskhand's own"):
        ours.check(FORM)
    ours.check(None)  # a check with no window (the abort and corner checks) still passes
