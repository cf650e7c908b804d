"""Taking a value out of a recording journal (automation.recording.scrub)."""

from __future__ import annotations

from automation.recording.events import ClickEvent, KeyDown, KeyUp, RawEvent, Secret, WindowRef
from automation.recording.scrub import scrub_events
from automation.types import Box

A = WindowRef(1, "Form", "Tk", Box(0, 0, 100, 100))
B = WindowRef(2, "Notes", "Gedit", Box(0, 0, 100, 100))


def typed(text: str, window: WindowRef | None, t: float = 0.0) -> list[RawEvent]:
    events: list[RawEvent] = []
    for i, char in enumerate(text):
        events += [KeyDown(t + i, char, window), KeyUp(t + i + 0.5, char, window)]
    return events


def test_only_the_stretch_that_typed_the_value_becomes_a_count() -> None:
    click = ClickEvent(10.0, 5, 5, "left", 1, A)
    events = [*typed("42.50", A), click, *typed("xx4821", A, 20.0), *typed("4821", B, 30.0)]
    done = scrub_events(events, ["4821"])
    assert done.replaced == 2
    assert done.events == [*typed("42.50", A), click, Secret(20.0, 6, A), Secret(30.0, 4, B)]
    # where each went: after the click at (5, 5) in A's pixels, and in B with no click before it
    assert done.typed_in == {1: [(5, 5)], 2: [None]}


def test_a_value_split_by_a_click_or_another_window_is_not_found_and_nothing_changes() -> None:
    events = [*typed("48", A), ClickEvent(5.0, 1, 1, "left", 1, A), *typed("21", A, 6.0)]
    for values in (["4821"], ["", "  "]):
        done = scrub_events(events, values)
        assert (done.events, done.replaced, done.typed_in) == (events, 0, {})
