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

A click on a menu's title (a menu bar's "File") meets the same release where the menu
cannot open below its title, in a window near the screen's bottom: Tk then shifts the
menu up over the title, under the pointer, and the release ran the menu's first item
under the pointer ("Document" ran "Open", reported as a click that changed the screen).
So a click in the screen's lower half watches the press too (``click_watching_menus``):
when it posts a menu under the pointer, the button comes up on a part of the clicked
word's spot the menu leaves free, the menu stays open and no item runs.

A menu that opens only while the button is held (Athena's: the press posts it, the release
closes it wherever it lands, running the item under the pointer if any) cannot be left open by
a click: the click looked like any other, its title's hover hint or highlight "changed", and a
menu never opened was a success (xfig's "Edit", round 16). So a click on a title watches any
menu its press posts, wherever it opens, and fails when that menu is gone once the button is up.

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
# ... a pressed title its menu; shorter, since every click low on the screen waits it out, and held
# longer a spin box's or scroll bar's arrow starts repeating (GTK after 200 ms, Qt 300, Tk 300)
TITLE_PRESS_WAIT = 0.15
CLOSE_WAIT = 0.3  # seconds a menu its title's press posted gets to close once the button is up
# pixels from the press where a title's button may come up when its menu opened over the pointer:
# a menu bar's titles are 20-30 px tall, their words in the middle
RELEASE_REACH = 10
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

    input.move(*at)
    with contextlib.suppress(WaitTimeout):
        if wait_until(
            lambda: [m for m in menus_now() if m.id not in before],
            name="a sub-menu to open",
            timeout=HOVER_WAIT,
            interval=POLL,
        ):
            return False
    posted = press_posting(input, at, shown_at, before, menus_now, check, button, PRESS_WAIT)
    if not posted:
        input.release(*at, button=button)
        return True
    # Let go where no menu is: released here, the sub-menu's item under the pointer would run.
    let_go_off_menus(input, window, [*menus_now(), *posted], at, check, button, to_input)
    raise ActionFailed(
        f"pressing the menu item at {shown_at} posted a sub-menu under the pointer "
        f"({describe(posted[0].box)}); the button was let go off the menus so none of its items ran, "
        "and the menus closed",
        "open the menu again and choose the item in its sub-menu",
    )


def click_watching_menus(
    input: Input,
    window: Window,
    at: Point,
    shown_at: Point,
    menus_now: Callable[[], Sequence[Window]],
    check: Callable[[Point], None],
    button: MouseButton = "left",
    to_input: Callable[[int, int], Point] = lambda x, y: (x, y),
) -> None:
    """Click at ``at`` (``shown_at`` on screen), where no menu is open; a menu the press posts
    under the pointer takes no release (see the module's docstring): the button comes up
    within RELEASE_REACH of the press, off that menu.

    Raises ActionFailed, with the menus closed, when the menu covers all of that reach, and
    when a menu the press posted elsewhere closed as the button came up (one that opens only
    while the button is held)."""
    before = {m.id for m in menus_now()}
    posted = press_posting(input, at, shown_at, before, menus_now, check, button, TITLE_PRESS_WAIT, anywhere=True)
    if not any(m.box.contains(*shown_at) for m in posted):
        input.release(*at, button=button)
        if posted and closes(posted, menus_now):
            raise ActionFailed(
                f"pressing at {shown_at} opened a menu ({describe(posted[0].box)}) that closed when the button "
                "came up: it stays open only while the button is held, so clicking its items one at a time "
                "cannot work",
                "open the menu with the application's keyboard shortcut for it (such as alt and the menu's first "
                "letter), or use the item's own shortcut shown in the menu",
            )
        return
    menus = [*menus_now(), *posted]
    free = uncovered_point(Box(shown_at[0], shown_at[1], 1, 1).grown(RELEASE_REACH), shown_at, menus)
    if free is not None:
        away = to_input(*free)
        check(away)
        input.move(*away)
        input.release(*away, button=button)
        return
    let_go_off_menus(input, window, menus, at, check, button, to_input)
    raise ActionFailed(
        f"pressing at {shown_at} posted a menu over the pointer and everything within {RELEASE_REACH} px "
        f"({describe(posted[0].box)}); the button was let go off the menus so none of its items ran, "
        "and the menus closed",
        "open the menu with its keyboard shortcut (alt and the underlined letter)",
    )


def press_posting(
    input: Input,
    at: Point,
    shown_at: Point,
    before: set[int],
    menus_now: Callable[[], Sequence[Window]],
    check: Callable[[Point], None],
    button: MouseButton,
    timeout: float,
    anywhere: bool = False,
) -> list[Window]:
    """Press the button at ``at`` and wait up to ``timeout`` for menus, not among ``before``,
    posted under the pointer (``anywhere``: wherever they opened); those menus (none: the
    press posted nothing there)."""
    check(at)
    input.press(*at, button=button)
    with contextlib.suppress(WaitTimeout):
        return wait_until(
            lambda: [m for m in menus_now() if m.id not in before and (anywhere or m.box.contains(*shown_at))],
            name="a menu under the pointer",
            timeout=timeout,
            interval=POLL,
        )
    return []


def closes(posted: Sequence[Window], menus_now: Callable[[], Sequence[Window]]) -> bool:
    """Whether every menu of ``posted`` is gone within CLOSE_WAIT (the button is up)."""
    ids = {m.id for m in posted}
    try:
        wait_until(lambda: not ids & {m.id for m in menus_now()}, name="the menu to close", timeout=CLOSE_WAIT)
    except WaitTimeout:
        return False
    return True


def uncovered_point(spot: Box, near: Point, menus: Sequence[Window]) -> Point | None:
    """The point of ``spot`` nearest ``near`` that no menu in ``menus`` covers (1 px in from
    its edges), or None. Looked for straight above, below, left and right of ``near``."""
    x, y = near
    inner = Box(spot.x + 1, spot.y + 1, spot.w - 2, spot.h - 2)
    candidates = [(x, inner.y + dy) for dy in range(inner.h)] + [(inner.x + dx, y) for dx in range(inner.w)]
    free = [p for p in candidates if inner.contains(*p) and not any(m.box.contains(*p) for m in menus)]
    return min(free, key=lambda p: abs(p[0] - x) + abs(p[1] - y), default=None)


def let_go_off_menus(
    input: Input,
    window: Window,
    menus: Sequence[Window],
    at: Point,
    check: Callable[[Point], None],
    button: MouseButton,
    to_input: Callable[[int, int], Point],
) -> None:
    """Release the pressed button where no menu is (a corner of ``window``): the menus close."""
    spot = off_menus(window, menus)
    away = to_input(*spot) if spot is not None else at
    check(away)
    input.move(*away)
    input.release(*away, button=button)


def describe(box: Box) -> str:
    return f"{box.w}x{box.h} at {box.x}, {box.y}"
