"""The benchmark's coordinate macro: raw events in, clicks at coordinates and keys out."""

from __future__ import annotations

from automation.recording.events import ClickEvent, KeyDown, KeyUp, WindowRef
from automation.types import Box
from tests.bench.macro import MacroClick, MacroKeys, macro_steps

FORM = WindowRef(1, "Legacy Expense System", "Tk", Box(80, 60, 400, 300))


def test_clicks_keep_their_coordinates_and_typed_characters_join() -> None:
    events = [
        KeyDown(3.0, "shift", FORM),
        KeyDown(3.0, "Z", FORM),
        KeyUp(3.1, "z", FORM),
        KeyUp(3.1, "shift", FORM),
        KeyDown(3.3, "s", FORM),
        KeyDown(3.6, "Return", FORM),
        ClickEvent(1.0, 250, 120, "left", 1, FORM, "shot-1.png"),
        ClickEvent(5.0, 300, 330, "right", 2, None),
    ]
    assert macro_steps(events) == [
        MacroClick(1.0, 250, 120, 1, 1),
        MacroKeys(3.0, text="Zs"),
        MacroKeys(3.6, key="Return"),
        MacroClick(5.0, 300, 330, 3, 2),
    ]
