"""A tooltip left over one control hides another: move the pointer off it and wait it out.

After a click the pointer rests on the control it clicked, and toolkits that show
tooltips (GTK, Qt, Chromium, Swing) open one there a moment later, often over the
control below. Before the screen is read for the next target, the pointer is moved
to the window's title bar (no control shows a tooltip there) and the tooltips are
polled until they close and the window under them has drawn itself again; one that
stays is read like any pop-up, and the reading says what it hides.
"""

from __future__ import annotations

import contextlib

from PIL import ImageChops

from automation.actuation.verify import settle
from automation.desktop import Desktop
from automation.timings import Timings, WaitTimeout, wait_until
from automation.types import Box, Window

TITLE_BAR = 10  # pixels above a window's client area: its frame's title bar
# An undeclared pop-up taken for a tip: one line tall at most, within this of the pointer
TIP_HEIGHT, TIP_NEAR = 32, 48


def tooltips(windows: list[Window]) -> list[Window]:
    """The open tooltips: pop-ups whose toolkit declares them one (GTK, Qt, Chromium do).

    An undeclared small pop-up by the pointer is not taken for one: a short sub-menu
    beside the item that opened it looks the same, and moving the pointer off would close it.
    """
    return [p for w in windows for p in w.popups if p.kind == "tooltip"]


def hover_tips(windows: list[Window], pointer: tuple[int, int]) -> list[Window]:
    """An undeclared pop-up that is a tip (Xaw3d's "File menu" under xfig's File button, over
    the status line: the button's own label went unread under its hover border, and the status
    line's "file" was pressed for it): the only pop-up open, no taller than a line, beside the
    pointer resting in its window and not in the pop-up. A menu a click posted is as alone,
    and stays posted when the pointer leaves its title; a sub-menu never is alone."""
    popups = [(w, p) for w in windows for p in w.popups]
    if len(popups) != 1:
        return []
    owner, popup = popups[0]
    if popup.kind or popup.box.h > TIP_HEIGHT or popup.box.contains(*pointer) or not owner.box.contains(*pointer):
        return []
    return [popup] if popup.box.grown(TIP_NEAR).contains(*pointer) else []


def pointer_on_screen(desktop: Desktop) -> tuple[int, int]:
    """Where the pointer is, in screen pixels."""
    x, y = desktop.input.position()
    return round(x * desktop.scale), round(y * desktop.scale)


def parking_spot(window: Window, screen: Box) -> tuple[int, int]:
    """Where the pointer rests while a tooltip closes: the middle of the window's title bar,
    else (a window at the screen's top) just left or right of it."""
    box = window.box
    if box.y - TITLE_BAR >= screen.y + TITLE_BAR:
        return box.x + box.w // 2, box.y - TITLE_BAR
    if box.x - TITLE_BAR >= screen.x + TITLE_BAR:
        return box.x - TITLE_BAR, box.y + box.h // 2
    return min(box.right + TITLE_BAR, screen.right - TITLE_BAR - 1), box.y + box.h // 2


def wait_out_tooltips(desktop: Desktop, timings: Timings) -> bool:
    """Move the pointer off the control whose tooltip is open and wait until no tooltip is shown;
    whether there was one (what was read while it showed is stale)."""
    listed = desktop.windows.list()
    shown = tooltips(listed) or hover_tips(listed, pointer_on_screen(desktop))
    if not shown:
        return False
    owner = next((w for w in listed if any(p.id == shown[0].id for p in w.popups)), None)
    if owner is None:
        return False
    # Without a compositor the tooltip's pixels stay on screen after it closes, until the
    # window under it repaints: it is gone when its window is and its pixels are.
    looks = [(p, desktop.screen.grab(p.box)) for p in shown if p.box.intersect(desktop.screen.bounds) == p.box]
    desktop.input.move(*desktop.to_input(*parking_spot(owner, desktop.screen.bounds)))
    gone = {p.id for p in shown}

    def closed() -> bool:
        if any(p.id in gone for w in desktop.windows.list() for p in w.popups):
            return False
        return all(ImageChops.difference(look, desktop.screen.grab(p.box)).getbbox() is not None for p, look in looks)

    with contextlib.suppress(WaitTimeout):  # a tooltip that stays is read as part of its window
        wait_until(closed, name="the tooltip to close", timeout=timings.verify_timeout)
    for popup, _ in looks:  # the repaint comes in parts: wait until the spot is still
        settle(desktop.screen, popup.box, timings)
    return True
