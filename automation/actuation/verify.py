"""Did the screen do what it should? Waits with named timeouts, never bare sleeps.

"No visible change" is its own result, not a failure: some actions change nothing
on screen (xcalc's '*'). A blinking caret changes a few pixels all the time, so a
difference only one or two pixels wide or tall counts as noise.
"""

from __future__ import annotations

import contextlib
from enum import StrEnum

from PIL import Image, ImageChops

from automation.protocols import Screen
from automation.timings import Timings, WaitTimeout, wait_until
from automation.types import Box

THIN = 3  # pixels: a difference this narrow (a caret) is not a change


class Effect(StrEnum):
    SEEN = "seen"  # the expected text appeared
    CHANGED = "changed"  # the screen changed where it was expected to
    UNCHANGED = "unchanged"  # nothing visible happened within the timeout


def changed(before: Image.Image, after: Image.Image) -> bool:
    if before.size != after.size:
        return True
    bbox = ImageChops.difference(before, after).getbbox()
    if bbox is None:
        return False
    x0, y0, x1, y1 = bbox
    return x1 - x0 > THIN and y1 - y0 > THIN


def wait_for_change(screen: Screen, region: Box, before: Image.Image, timings: Timings) -> Effect:
    """Wait until ``region`` differs from ``before``, then until it settles."""
    try:
        wait_until(
            lambda: changed(before, screen.grab(region)), name="a visible change", timeout=timings.verify_timeout
        )
    except WaitTimeout:
        return Effect.UNCHANGED
    settle(screen, region, timings)
    return Effect.CHANGED


def settle(screen: Screen, region: Box, timings: Timings) -> None:
    """Wait (up to verify_timeout) until two grabs ``settle`` seconds apart are the same."""
    last: list[Image.Image] = []

    def still() -> bool:
        now = screen.grab(region)
        quiet = bool(last) and not changed(last[0], now)
        last[:] = [now]
        return quiet

    # An animation or a progress bar may never settle: acting on is still safe, the next step re-observes.
    with contextlib.suppress(WaitTimeout):
        wait_until(still, name="the screen to settle", timeout=timings.verify_timeout, interval=timings.settle)
