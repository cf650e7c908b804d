"""Tooltips are told from other pop-ups, and the pointer rests where no control shows one."""

from dataclasses import replace

from automation.actuation.tooltips import hover_tips, parking_spot, tooltips
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


XFIG = Window(3, "Xfig - drawing.fig", "Fig", Box(136, 23, 1143, 772))


def test_an_undeclared_tip_beside_the_pointer_alone_is_a_tip() -> None:
    """Xaw3d's "File menu", under xfig's File button where the pointer rests (round 17)."""
    tip = popup(Box(178, 46, 96, 23))
    assert hover_tips([replace(XFIG, popups=(tip,))], (166, 34)) == [tip]


def test_a_menu_a_submenu_or_a_far_popup_is_no_tip() -> None:
    menu = popup(Box(136, 48, 442, 266))  # taller than a line: a menu the click posted
    assert hover_tips([replace(XFIG, popups=(menu,))], (166, 34)) == []
    item, sub = popup(Box(136, 48, 200, 22)), popup(Box(336, 60, 120, 22))
    assert hover_tips([replace(XFIG, popups=(item, sub))], (300, 58)) == []  # two pop-ups: a menu and its sub-menu
    far = popup(Box(700, 400, 96, 23))
    assert hover_tips([replace(XFIG, popups=(far,))], (166, 34)) == []
    assert hover_tips([replace(XFIG, popups=(popup(Box(178, 46, 96, 23)),))], (190, 50)) == []  # the pointer in it
