"""Pausing on the user's input: whose input an event is, when it counts, and the gate's hold."""

from __future__ import annotations

import threading

import pytest

from automation.actuation.pause import UserInputWatch
from automation.actuation.safety import SafetyGate
from automation.errors import Aborted
from automation.hotkeys import parse_hotkey
from automation.own_input import OwnInput
from automation.types import Box, Window

ABORT = parse_hotkey("<ctrl>+<alt>+<shift>+<esc>")
FORM = Window(7, "Legacy Expense System", "Tk", Box(0, 0, 400, 300))
PANEL = Window(9, "Deskhand", "deskhand", Box(800, 0, 380, 620))


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def watch(answers: list[bool] | None = None) -> tuple[UserInputWatch, OwnInput, Clock, list[str]]:
    clock = Clock()
    own = OwnInput(clock=clock, grace=0.1)
    asked: list[str] = []
    replies = list(answers or [])

    def ask(question: str) -> bool:
        asked.append(question)
        return replies.pop(0)

    w = UserInputWatch(own, [ABORT], ask=ask, clock=clock, arm_delay=1.0)
    w.arm()
    clock.now = 102.0  # past the arming delay
    return w, own, clock, asked


@pytest.mark.parametrize(
    ("event", "did"),
    [
        ((102.0, "move", 500, 400), "moved the mouse"),
        ((102.0, "press", 500, 400, "left"), "clicked"),
        ((102.0, "scroll", 500, 400, 0, -1), "scrolled"),
        ((102.0, "down", "a", 38), "typed"),
        ((102.0, "down", "Return", 36), "typed"),
        ((102.0, "release", 500, 400, "left"), None),  # its press counted, or it began before the run
        ((102.0, "up", "Return", 36), None),  # the Return that sent the request comes up after it
        ((102.0, "down", "ctrl", 37), None),  # a modifier alone types nothing
        ((102.0, "down", "shift", 50), None),
    ],
)
def test_what_counts_as_the_users_input(event: tuple, did: str | None) -> None:
    w, _, _, _ = watch()
    assert w.classify(event) == did


def test_deskhands_own_input_of_the_same_kind_is_not_the_users() -> None:
    w, own, clock, _ = watch()
    with own.sending("keys"):
        clock.now = 102.5
    with own.sending("pointer"):
        clock.now = 103.0
    assert w.classify((102.55, "down", "a", 38)) is None  # inside the typing span
    assert w.classify((103.05, "move", 300, 200)) is None  # inside the click's span and grace
    # ...but a pointer moving while Deskhand types is the user's, and so are keys while it clicks
    assert w.classify((102.2, "move", 310, 210)) == "moved the mouse"
    assert w.classify((102.8, "down", "a", 38)) == "typed"


def test_a_late_pointer_event_where_deskhand_put_the_pointer_is_its_own() -> None:
    w, own, clock, _ = watch()
    with own.sending("pointer"):
        w.see((clock.now, "move", 300, 200))
        clock.now = 102.1
    assert w.classify((103.0, "move", 301, 200)) is None  # a straggler past the grace
    assert w.classify((103.0, "move", 320, 200)) == "moved the mouse"


def test_the_abort_hotkey_is_not_typing_but_the_same_key_alone_is() -> None:
    w, _, _, _ = watch()
    assert w.classify((102.0, "down", "Escape", 9)) == "typed"
    for name, code in (("ctrl", 37), ("alt", 64), ("shift", 50)):
        assert w.classify((102.0, "down", name, code)) is None
    assert w.classify((102.0, "down", "Escape", 9)) is None
    w.classify((102.0, "up", "shift", 50))
    assert w.classify((102.0, "down", "Escape", 9)) == "typed"  # ctrl+alt+esc is not the hotkey


def test_input_counts_only_while_armed_and_after_the_delay() -> None:
    w, _, clock, asked = watch([True])
    w.arm()  # at 102.0: counts from 103.0
    w.see((102.5, "move", 1, 1))  # the hand leaving the panel after sending the request
    assert not w.hold()
    w.see((103.2, "move", 1, 1))
    w.disarm()
    assert not w.hold()  # disarming forgets it
    w.arm()
    clock.now = 105.0
    with w.off():  # the user is being asked something: clicking Yes is not an interruption
        w.see((105.0, "press", 1, 1, "left"))
    assert not w.hold() and asked == []


def test_hold_asks_once_and_goes_on_or_aborts() -> None:
    w, _, _, asked = watch([True, False])
    w.see((102.0, "move", 5, 5))
    w.see((102.1, "down", "a", 38))  # only the first thing is told
    assert w.hold()
    assert asked == ["You moved the mouse while I was working. Continue?"]
    assert not w.hold()  # answered: nothing pending
    w.see((102.2, "down", "a", 38))
    with pytest.raises(Aborted, match="paused because you typed, then stopped \\(typed 3 of 9 characters\\)"):
        w.hold("typed 3 of 9 characters")


class FakeInput:
    display = ":0"

    def position(self) -> tuple[int, int]:
        return (200, 200)


class FakeWindows:
    """The panel is active after the user answered in it; activating the form makes it active."""

    def __init__(self) -> None:
        self.front = PANEL
        self.activated: list[Window] = []

    def active(self) -> Window:
        return self.front

    def list(self) -> list[Window]:
        return [FORM, PANEL]

    def activate(self, window: Window) -> None:
        self.activated.append(window)
        self.front = window


def gate_with(hold: UserInputWatch, windows: FakeWindows) -> SafetyGate:
    return SafetyGate(FakeInput(), windows, Box(0, 0, 1280, 800), hold=hold.hold)  # type: ignore[arg-type]


def test_the_gate_holds_the_next_event_and_brings_the_target_back_after_continue() -> None:
    w, _, _, asked = watch([True])
    windows = FakeWindows()
    gate = gate_with(w, windows)
    w.see((102.0, "move", 5, 5))
    gate.check(FORM, done="typed 2 of 5 characters")
    assert asked and windows.activated == [FORM]


def test_the_gate_aborts_when_the_user_says_no() -> None:
    w, _, _, _ = watch([False])
    gate = gate_with(w, FakeWindows())
    w.see((102.0, "down", "x", 53))
    with pytest.raises(Aborted, match="paused because you typed"):
        gate.check(FORM)


def test_an_abort_set_first_wins_over_asking() -> None:
    w, _, _, asked = watch([True])
    abort = threading.Event()
    gate = gate_with(w, FakeWindows())
    gate.abort = abort
    w.see((102.0, "move", 5, 5))
    abort.set()
    with pytest.raises(Aborted, match="aborted by the user"):
        gate.check(FORM)
    assert asked == []


def test_stop_pressed_while_the_question_is_up_aborts() -> None:
    abort = threading.Event()

    def ask(question: str) -> bool:
        abort.set()  # the user pressed Stop (or the abort hotkey) instead of answering
        return True

    clock = Clock()
    w = UserInputWatch(OwnInput(clock=clock), ask=ask, clock=clock, arm_delay=0.0)
    w.arm()
    gate = gate_with(w, FakeWindows())
    gate.abort = abort
    w.see((clock.now, "move", 5, 5))
    with pytest.raises(Aborted, match="aborted by the user"):
        gate.check(FORM)


def test_modifiers_held_while_deskhand_types_still_make_the_hotkey() -> None:
    w, own, clock, _ = watch()
    with own.sending("keys"):  # the user starts the abort hotkey while Deskhand types
        for name, code in (("ctrl", 37), ("alt", 64), ("shift", 50)):
            assert w.classify((clock.now, "down", name, code)) is None
        clock.now = 102.5
    assert w.classify((103.0, "down", "Escape", 9)) is None  # past the span: the hotkey, not typing
