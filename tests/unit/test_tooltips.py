"""Tooltips are told from other pop-ups, and the pointer rests where no control shows one."""

from dataclasses import replace

from automation.actuation.tooltips import parking_spot, tooltips
from automation.types import Box, Window

SCREEN = Box(0, 0, 1280, 800)
KEYPAD = Window(1, "Keypad", "keypad", Box(60, 80, 300, 400))


def popup(box: Box, kind: str = "") -> Window:
    return Window(7, "Keypad", "keypad", box, kind=kind)


def test_only_a_declared_tooltip_counts_not_a_short_submenu_beside_the_pointer() -> None:
    tip = popup(Box(900, 600, 90, 20), "tooltip")
    submenu = popup(Box(110, 130, 80, 22))
    combo = popup(Box(100, 100, 120, 160), "combo")
    assert tooltips([replace(KEYPAD, popups=(tip, submenu, combo))]) == [tip]


def test_the_pointer_rests_on_the_title_bar_or_beside_a_window_at_the_top() -> None:
    assert parking_spot(KEYPAD, SCREEN) == (210, 70)
    top = replace(KEYPAD, box=Box(60, 5, 300, 400))
    assert parking_spot(top, SCREEN) == (50, 205)
    corner = replace(KEYPAD, box=Box(0, 0, 300, 400))
    assert parking_spot(corner, SCREEN) == (310, 200)
