"""Screen capture with mss: ~4 ms for the whole screen, ~0.3 ms for a window region."""

from __future__ import annotations

import threading

import mss
from PIL import Image

from automation.errors import EnvironmentProblem
from automation.protocols import Screen
from automation.registry import register
from automation.types import Box


@register(Screen, "mss")
class MssScreen:
    def __init__(self) -> None:
        # mss handles are per thread: the panel observes from a worker thread.
        self._local = threading.local()
        monitor = self._mss().monitors[0]  # the union of all monitors, may start < 0
        self.bounds = Box(monitor["left"], monitor["top"], monitor["width"], monitor["height"])

    def _mss(self) -> mss.base.MSSBase:
        handle = getattr(self._local, "mss", None)
        if handle is None:
            try:
                handle = mss.MSS()
            except mss.exception.ScreenShotError as err:
                raise EnvironmentProblem(
                    f"cannot capture the screen: {err}", "check that DISPLAY names a running X server"
                ) from err
            self._local.mss = handle
        return handle

    def grab(self, region: Box | None = None) -> Image.Image:
        box = self.bounds if region is None else region.intersect(self.bounds)
        if box is None:
            raise ValueError(f"region {region} lies outside the screen {self.bounds}")
        shot = self._mss().grab({"left": box.x, "top": box.y, "width": box.w, "height": box.h})
        return Image.frombytes("RGB", shot.size, shot.bgra, "raw", "BGRX")
