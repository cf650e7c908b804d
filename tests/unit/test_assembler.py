"""The recorder's logic on fake time and fake windows: hook tuples in, raw events out."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from PIL import Image

from automation.own_input import OwnInput
from automation.recording.assembler import Assembler, Question, StopKey
from automation.recording.events import ClickEvent, Drag, KeyDown, KeyUp, RawEvent, Scroll, Secret, WindowRef
from automation.recording.shots import Shot
from automation.types import Box

FORM = WindowRef(1, "Legacy Expense System", "Tk", Box(100, 100, 400, 300))
OTHER = WindowRef(2, "Notes", "Gedit", Box(600, 100, 300, 300))
TERMINAL = WindowRef(3, "bash", "XTerm", Box(0, 500, 500, 200))
T0 = 1000.0
KEYCODES = {"shift": 50, "ctrl": 37, "alt": 64, "Tab": 23, "Return": 36, "BackSpace": 22}


@dataclass
class Clock:
    now: float = T0

    def __call__(self) -> float:
        return self.now


@dataclass
class Harness:
    """An Assembler wired to fakes; times are seconds after T0."""

    active: WindowRef | None = FORM
    out: list[tuple[RawEvent, Shot | None]] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    clock: Clock = field(default_factory=Clock)

    def __post_init__(self) -> None:
        self.own = OwnInput(clock=self.clock, grace=0.1)
        self.a = Assembler(
            origin=T0,
            window_at=lambda x, y, t: next((w for w in (FORM, OTHER, TERMINAL) if w.box.contains(x, y)), None),
            active=lambda t: self.active,
            shot_before=lambda w, t: Shot(w, Image.new("RGB", (1, 1)), t - 0.05),
            ask=self.questions.append,
            emit=lambda e, s: self.out.append((e, s)),
            stop_key=StopKey.parse("ctrl+alt+shift+s"),
            own=self.own,
            ignore=lambda w: w.id == TERMINAL.id,
        )

    def feed(self, t: float, kind: str, *fields: object) -> None:
        self.a.feed((T0 + t, kind, *fields))
        self.a.flush(T0 + t)

    def click(self, t: float, x: int, y: int, button: str = "left") -> None:
        self.feed(t, "press", x, y, button)
        self.feed(t + 0.05, "release", x, y, button)

    def key(self, t: float, key: str, up: str | None = None) -> None:
        code = KEYCODES.get(key, ord(key[0].lower()))
        self.feed(t, "down", key, code)
        self.feed(t + 0.02, "up", up or key, code)

    def type(self, t: float, text: str, gap: float = 0.05) -> float:
        for char in text:
            if char.isupper():  # as xdotool sends it: shift, "B" down, shift up, "b" up
                self.feed(t, "down", "shift", KEYCODES["shift"])
                self.feed(t + 0.005, "down", char, ord(char.lower()))
                self.feed(t + 0.01, "up", "shift", KEYCODES["shift"])
                self.feed(t + 0.015, "up", char.lower(), ord(char.lower()))
            else:
                self.key(t, char)
            t += gap
        return t

    def settle(self, t: float) -> None:
        self.a.flush(T0 + t)

    def events(self) -> list[RawEvent]:
        return [e for e, _ in self.out]

    def keys(self) -> list[tuple[str, str]]:
        keys = [e for e in self.events() if isinstance(e, KeyDown | KeyUp)]
        return [("down" if isinstance(e, KeyDown) else "up", e.key) for e in keys]

    def downs(self) -> list[str]:
        return [e.key for e in self.events() if isinstance(e, KeyDown)]


def test_a_click_is_held_for_the_double_click_interval_and_carries_its_shot() -> None:
    h = Harness()
    h.click(1.0, 150, 160)
    assert h.out == []  # a second click may still come
    h.settle(1.5)
    (click, shot), *_ = h.out
    assert click == ClickEvent(1.0, 150, 160, "left", 1, FORM)
    assert shot is not None and shot.taken < T0 + 1.0


def test_two_quick_clicks_in_one_place_are_one_double_click() -> None:
    h = Harness()
    h.click(1.0, 150, 160)
    h.click(1.2, 151, 161)
    h.settle(2.0)
    assert h.events() == [ClickEvent(1.0, 150, 160, "left", 2, FORM)]


def test_slow_or_distant_second_clicks_stay_single() -> None:
    h = Harness()
    h.click(1.0, 150, 160)
    h.click(1.6, 150, 160)  # too late
    h.click(1.7, 190, 160)  # too far
    h.settle(3.0)
    assert [(e.t, e.count) for e in h.events() if isinstance(e, ClickEvent)] == [(1.0, 1), (1.6, 1), (1.7, 1)]


def test_press_and_release_far_apart_is_a_drag() -> None:
    h = Harness()
    h.feed(1.0, "press", 120, 130, "left")
    h.feed(1.3, "release", 300, 200, "left")
    h.settle(2.0)
    assert h.events() == [Drag(1.0, 120, 130, 300, 200, "left", FORM)]


def test_scrolls_name_the_window_under_the_pointer() -> None:
    h = Harness()
    h.feed(1.0, "scroll", 700, 150, 0, -1)
    assert h.events() == [Scroll(1.0, 700, 150, 0, -1, OTHER)]


def test_typed_keys_wait_for_their_field_then_are_written_as_typed() -> None:
    h = Harness()
    h.click(1.0, 250, 140)
    h.settle(1.5)
    end = h.type(2.0, "Li")
    assert [type(e) for e in h.events()] == [ClickEvent]  # held: the field is not classified yet
    (question,) = h.questions
    assert question.hint == (150, 40) and question.window == FORM and h.a.typed(question.run) == "Li"
    h.a.verdict(question.run, secret=False)
    h.settle(end)
    assert h.keys() == [("down", "shift"), ("down", "L"), ("up", "shift"), ("up", "l"), ("down", "i"), ("up", "i")]
    h.type(end + 0.1, " Si")  # the run goes on, written at once now
    assert h.downs() == ["shift", "L", "i", " ", "shift", "S", "i"]
    assert h.a.typed(question.run) == ""  # nothing of the keys is kept once classified


def test_a_secret_field_becomes_a_count_and_nothing_else() -> None:
    h = Harness()
    h.click(1.0, 250, 300)
    end = h.type(2.0, "Zq7x9")
    h.feed(end, "down", "3", ord("3"))
    h.feed(end + 0.01, "down", "Tab", KEYCODES["Tab"])  # Tab pressed before the last key is released
    h.feed(end + 0.02, "up", "3", ord("3"))
    h.feed(end + 0.03, "up", "Tab", KEYCODES["Tab"])
    h.a.verdict(h.questions[0].run, secret=True)
    h.settle(end + 1.0)
    events = h.events()
    assert [type(e) for e in events] == [ClickEvent, Secret, KeyDown, KeyUp]
    assert events[1] == Secret(2.0, 6, FORM)
    assert h.keys() == [("down", "Tab"), ("up", "Tab")]
    assert h.a.typed(h.questions[0].run) == ""


def test_a_secret_run_is_written_after_a_quiet_moment_then_counts_on() -> None:
    h = Harness()
    h.click(1.0, 250, 300)
    h.type(2.0, "ab")
    h.a.verdict(h.questions[0].run, secret=True)
    h.settle(2.2)
    assert [e for e in h.events() if isinstance(e, Secret)] == []  # the user may still be typing
    h.settle(2.5)
    h.type(3.0, "cde")
    h.feed(4.0, "press", 250, 140, "left")  # a click ends the run
    h.settle(5.0)
    assert [e.n for e in h.events() if isinstance(e, Secret)] == [2, 3]


def test_a_click_after_unclassified_typing_waits_its_turn() -> None:
    h = Harness()
    h.click(1.0, 250, 140)
    h.type(2.0, "42")
    h.click(2.5, 250, 170)
    h.settle(3.5)
    assert [type(e) for e in h.events()] == [ClickEvent]
    h.a.verdict(1, secret=False)
    h.settle(3.6)
    assert [type(e) for e in h.events()] == [ClickEvent, KeyDown, KeyUp, KeyDown, KeyUp, ClickEvent]


def test_shortcuts_are_plain_keys_with_their_modifiers_and_end_the_run() -> None:
    h = Harness()
    h.click(1.0, 250, 140)
    h.type(2.0, "x")
    h.feed(3.0, "down", "ctrl", 37)
    h.feed(3.1, "down", "s", ord("s"))
    h.feed(3.2, "up", "s", ord("s"))
    h.feed(3.3, "up", "ctrl", 37)
    h.a.verdict(1, secret=True)  # even a secret field does not hide the shortcut after it
    h.settle(4.0)
    assert h.keys() == [("down", "ctrl"), ("down", "s"), ("up", "s"), ("up", "ctrl")]
    assert [e.n for e in h.events() if isinstance(e, Secret)] == [1]


def test_the_stop_key_stops_and_is_not_recorded() -> None:
    h = Harness()
    h.click(1.0, 250, 140)
    h.settle(1.5)
    for t, key in enumerate(["ctrl", "alt", "shift"]):
        h.feed(2.0 + t / 10, "down", key, KEYCODES[key])
    h.feed(2.4, "down", "S", ord("s"))
    assert h.a.stopped == T0 + 2.4
    h.feed(2.5, "up", "s", ord("s"))
    h.a.close()
    h.a.drain()
    assert h.keys() == [] and [type(e) for e in h.events()] == [ClickEvent]


def test_a_modifier_tapped_alone_is_kept() -> None:
    h = Harness()
    h.key(1.0, "shift")
    assert h.keys() == [("down", "shift"), ("up", "shift")]


def test_deskhands_own_input_is_dropped_and_the_users_kept() -> None:
    h = Harness()
    h.clock.now = T0 + 1.0
    with h.own.sending():
        h.clock.now = T0 + 1.2
    h.click(1.05, 250, 140)  # inside the span
    h.key(1.25, "a")  # within the grace after it
    h.click(2.0, 250, 170)  # the user's
    h.settle(3.0)
    assert h.events() == [ClickEvent(2.0, 250, 170, "left", 1, FORM)]


def test_input_to_our_own_terminal_is_not_part_of_the_task() -> None:
    h = Harness(active=TERMINAL)
    h.feed(1.0, "down", "ctrl", 37)
    h.key(1.1, "c")
    h.feed(1.2, "up", "ctrl", 37)
    h.click(1.5, 100, 600)
    h.settle(3.0)
    assert h.out == []


def test_releases_without_their_press_are_ignored() -> None:
    h = Harness()
    h.feed(0.1, "up", "Return", 36)  # the Return that started `deskhand record`
    h.feed(0.2, "release", 250, 140, "left")
    h.settle(1.0)
    assert h.out == []


def test_focus_moving_to_another_window_starts_a_new_run() -> None:
    h = Harness()
    h.type(1.0, "ab")
    h.active = OTHER
    h.type(2.0, "cd")
    assert [(q.window.id, q.hint) for q in h.questions] == [(FORM.id, None), (OTHER.id, None)]
    h.a.verdict(2, secret=False)
    h.a.verdict(1, secret=False)
    h.settle(3.0)
    assert h.downs() == ["a", "b", "c", "d"]
    assert [e.window.id for e in h.events() if e.window] == [1, 1, 1, 1, 2, 2, 2, 2]


def test_tab_forgets_the_clicked_field() -> None:
    h = Harness()
    h.click(1.0, 250, 140)
    h.key(1.5, "Tab")
    h.type(2.0, "x")
    assert h.questions[0].hint is None  # the field is no longer the clicked one


def test_unclassified_runs_at_the_end_fail_closed() -> None:
    h = Harness()
    h.click(1.0, 250, 300)
    h.type(2.0, "1234")
    assert h.a.close() == [1]
    h.a.drain()
    assert [e for e in h.events() if isinstance(e, KeyDown | KeyUp)] == []
    assert [e.n for e in h.events() if isinstance(e, Secret)] == [4]


@pytest.mark.parametrize("combo", ["ctrl+alt", "hyper+s", "", "ctrl+"])
def test_stop_keys_must_be_modifiers_and_a_key(combo: str) -> None:
    with pytest.raises(ValueError, match="stop key"):
        StopKey.parse(combo)


def test_stop_key_matching_ignores_case_but_not_modifiers() -> None:
    stop = StopKey.parse("Ctrl+Alt+Shift+S")
    assert stop.matches({"ctrl", "alt", "shift"}, "S")
    assert not stop.matches({"ctrl", "alt"}, "s")


# --- failing closed ---------------------------------------------------------------------


def test_keys_typed_while_the_active_window_is_unknown_are_secret() -> None:
    h = Harness(active=None)
    h.type(1.0, "hunter2")
    h.settle(2.0)
    assert h.questions == []  # nothing to read the field in: not asked, secret at once
    assert [e for e in h.events() if isinstance(e, KeyDown | KeyUp)] == []
    assert [e.n for e in h.events() if isinstance(e, Secret)] == [7]


@pytest.mark.parametrize("key", ["Tab", "Down", "Up", "Right", "Left", "Page_Down", "Return"])
def test_every_key_that_moves_focus_ends_the_run_and_forgets_the_click(key: str) -> None:
    h = Harness()
    h.click(1.0, 250, 140)
    h.type(1.5, "ab")
    h.key(2.0, key)
    h.type(2.5, "cd")
    assert [q.hint for q in h.questions] == [(150, 40), None]  # two runs: each field judged on its own
    h.a.verdict(1, secret=False)
    h.a.verdict(2, secret=True)
    h.settle(4.0)
    assert [e.n for e in h.events() if isinstance(e, Secret)] == [2]
    assert "c" not in h.downs() and "a" in h.downs()


def test_a_long_value_stays_one_run_so_its_field_keeps_its_name() -> None:
    """Splitting by length cut "Mia Costa" in two, and the skill lost the field's label."""
    h = Harness()
    h.click(1.0, 250, 140)
    h.type(1.5, "123456789012")
    assert [q.hint for q in h.questions] == [(150, 40)]
    h.a.verdict(1, secret=False)
    h.settle(4.0)
    assert "".join(k for k in h.downs()) == "123456789012"
