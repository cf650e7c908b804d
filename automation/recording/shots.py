"""Recent pictures of windows, so that each click gets one from just before it.

Grabbing when the press arrives is too late: the hook and the application hear
the press at the same moment, and an idle worker grabbing at once (1-2 ms after the
press) still caught a Tk combo box's list already open in 1 of 20 presses
(measured with tests' Tk client; a window lookup first makes it later still). So the
worker keeps grabbing the window under the pointer and the active one while the
user is active (after each event, at most every ``interval``), and a click takes
the newest grab that was complete before its press.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from PIL import ImageDraw
from PIL.Image import Image

from automation.recording.events import WindowRef
from automation.types import Box

RING = 12  # grabs kept: a second or more of activity across two windows
PAINT = (128, 128, 128)  # what a secret field is painted over with


@dataclass(frozen=True)
class Shot:
    """A window's client area as it looked at ``taken`` (the grab had finished by then)."""

    window: WindowRef
    image: Image
    taken: float


class ShotRing:
    def __init__(self, size: int = RING) -> None:
        self._shots: deque[Shot] = deque(maxlen=size)

    def add(self, shot: Shot) -> None:
        self._shots.append(shot)

    def latest(self, window: WindowRef) -> Shot | None:
        """The newest grab of ``window``, wherever it was."""
        return next((shot for shot in reversed(self._shots) if shot.window.id == window.id), None)

    def before(self, window: WindowRef, t: float) -> Shot | None:
        """The newest grab of ``window``, where it is now, completed before ``t``."""
        for shot in reversed(self._shots):
            same_place = shot.window.id == window.id and shot.window.box == window.box
            if same_place and shot.taken < t:
                return shot
        return None


def redacted(image: Image, window: Box, fields: list[Box]) -> Image:
    """``image`` of ``window`` with each field (absolute pixels) painted over."""
    if not fields:
        return image
    image = image.copy()
    draw = ImageDraw.Draw(image)
    for box in fields:
        draw.rectangle(box.crop_in(window), fill=PAINT)
    return image
