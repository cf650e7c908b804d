"""Clicking an item of an open menu so that the button's release lands on that item.

A menu item that opens a sub-menu posts it when the pointer rests on it (Tk after 50 ms,
Qt and GTK after a few hundred) or when the button goes down on it. Where the sub-menu
does not fit beside its item (a window at the screen's right edge), Tk posts it over the
item, under the pointer: a click's release then lands in the sub-menu and runs its item
under the pointer ("Help > Guides" ran "Getting started"), and the click looked like any
other. So a click in a menu is done in three steps:

1. the pointer moves onto the item and rests there until a new pop-up opens or a
   moment passes; a sub-menu that opened is what the click was for: nothing is pressed;
2. the button goes down; a sub-menu it posted under the pointer would take the release,
   so the release is made off every menu instead (the menus close, no item runs) and
   the click fails: what ran cannot be confirmed, so it is never reported as done;
3. else the button comes up on the item, as a person's click.

Combo lists and tooltips are not menus (no sub-menus; a combo's item is clicked at once).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence

from automation.errors import ActionFailed
from automation.protocols import Input
from automation.timings import WaitTimeout, wait_until
from automation.types import Box, MouseButton, Window

NOT_MENUS = ("combo", "tooltip")
HOVER_WAIT = 0.6  # seconds a rested-on item may take to post its sub-menu (Tk 50 ms, GTK and Qt ~250 ms)
PRESS_WAIT = 0.25  # seconds a pressed item may take to post its sub-menu under the pointer
POLL = 0.02
EDGE = 4  # pixels inside the window's corners where a release lands off every menu

Point = tuple[int, int]


def menu_under(window: Window, point: Point) -> Window | None:
    """The open menu of ``window`` under ``point`` (screen pixels), if the point lies in one."""
    return next((p for p in window.popups if p.kind not in NOT_MENUS and p.box.contains(*point)), None)


def off_menus(window: Window, menus: Sequence[Window]) -> Point | None:
    """A point inside ``window`` that no open menu covers: one of its corners, just inside."""
    box = window.box
    corners = [
        (box.x + EDGE, box.bottom - EDGE),
        (box.right - EDGE, box.bottom - EDGE),
        (box.x + EDGE, box.y + EDGE),
        (box.right - EDGE, box.y + EDGE),
    ]
    return next((c for c in corners if not any(m.box.contains(*c) for m in menus)), None)


def click_in_menu(
    input: Input,
    window: Window,
    at: Point,
    shown_at: Point,
    menus_now: Callable[[], Sequence[Window]],
    check: Callable[[Point], None],
    button: MouseButton = "left",
    to_input: Callable[[int, int], Point] = lambda x, y: (x, y),
) -> bool:
    """Click the menu item at ``at`` (input coordinates; ``shown_at`` is the same point in
    screen pixels) of ``window``; whether it was clicked (False: resting on it opened its
    sub-menu, and that was the click's work). ``menus_now`` lists the window's open menus
    as they are now; ``check`` is the safety gate's, before anything is pressed or let go.

    Raises ActionFailed, with the menus closed and no item run, when the press posted a
    sub-menu under the pointer."""
    before = {m.id for m in menus_now()}

    def opened(under: bool) -> list[Window]:
        return [m for m in menus_now() if m.id not in before and (not under or m.box.contains(*shown_at))]

    input.move(*at)
    with contextlib.suppress(WaitTimeout):
        if wait_until(lambda: opened(False), name="a sub-menu to open", timeout=HOVER_WAIT, interval=POLL):
            return False
    check(at)
    input.press(*at, button=button)
    posted: list[Window] = []
    with contextlib.suppress(WaitTimeout):
        posted = wait_until(
            lambda: opened(True), name="a sub-menu under the pointer", timeout=PRESS_WAIT, interval=POLL
        )
    if not posted:
        input.release(*at, button=button)
        return True
    # Let go where no menu is: released here, the sub-menu's item under the pointer would run.
    spot = off_menus(window, [*menus_now(), *posted])
    away = to_input(*spot) if spot is not None else at
    check(away)
    input.move(*away)
    input.release(*away, button=button)
    raise ActionFailed(
        f"pressing the menu item at {shown_at} posted a sub-menu under the pointer "
        f"({describe(posted[0].box)}); the button was let go off the menus so none of its items ran, "
        "and the menus closed",
        "open the menu again and choose the item in its sub-menu",
    )


def describe(box: Box) -> str:
    return f"{box.w}x{box.h} at {box.x}, {box.y}"
