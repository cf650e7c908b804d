"""One observation: the window list, one screenshot, and OCR of each visible window.

OCR runs per window crop (a black desktop next to the text makes full-screen
OCR drop labels), and a window whose pixels did not change since the last
observation reuses its previous reading.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass

from PIL.Image import Image

from automation.errors import WindowNotFound
from automation.perception.controls import find_controls, with_controls
from automation.perception.grouping import group_words, to_screen, visible
from automation.protocols import OcrEngine, Screen, Windows
from automation.types import Box, Observation, TextSpan, Window


@dataclass(frozen=True)
class Reading:
    """What one window's pixels held: its labels and its outlined controls, in screen pixels."""

    spans: list[TextSpan]
    outlines: list[Box]


class Observer:
    def __init__(
        self,
        screen: Screen,
        windows: Windows,
        ocr: OcrEngine,
        ignore: Callable[[Window], bool] = lambda w: False,
    ) -> None:
        self.screen = screen
        self.windows = windows
        self.ocr = ocr
        self.ignore = ignore  # Deskhand's own windows must never be read as the app's
        self._cache: dict[int, tuple[bytes, Box, Reading]] = {}

    def observe(self, window: str | None = None) -> Observation:
        """Observe every visible window, or only the top-most one whose title contains ``window``."""
        timings: dict[str, float] = {}
        started = time.perf_counter()
        windows = [w for w in self.windows.list() if not self.ignore(w)]
        active = self.windows.active()
        timings["windows_ms"] = ms_since(started)
        if window is not None:
            chosen = [w for w in windows if window.casefold() in w.title.casefold()][:1]
            if not chosen:
                raise WindowNotFound(window, [w.title for w in windows])
        else:
            chosen = windows

        t = time.perf_counter()
        image = self.screen.grab()
        timings["grab_ms"] = ms_since(t)
        t = time.perf_counter()
        spans: list[TextSpan] = []
        outlines: list[Box] = []
        above: list[Box] = []  # boxes of windows stacked above the current one
        for win in windows:
            if win in chosen:
                reading = self._read(image, win)
                spans += visible(reading.spans, above)
                outlines += reading.outlines
            above.append(win.box)
        timings["ocr_ms"] = ms_since(t)
        timings["total_ms"] = ms_since(started)
        return Observation(
            image=image,
            windows=tuple(windows),
            active=active,
            spans=tuple(spans),
            outlines=tuple(outlines),
            taken_at=time.time(),
            timings=timings,
        )

    def _read(self, screenshot: Image, window: Window) -> Reading:
        bounds = self.screen.bounds
        box = window.box.intersect(bounds)
        if box is None:
            return Reading([], [])
        crop = screenshot.crop(box.crop_in(bounds))
        digest = hashlib.blake2b(crop.tobytes(), digest_size=16).digest()
        cached = self._cache.get(window.id)
        if cached and cached[0] == digest and cached[1] == box:
            return cached[2]
        controls = find_controls(crop)
        words = with_controls(crop, self.ocr.read(crop), controls, self.ocr)
        reading = Reading(
            spans=to_screen(group_words(words), box, window.title),
            outlines=[c.shifted(box.x, box.y) for c in controls],
        )
        self._cache[window.id] = (digest, box, reading)
        return reading


def ms_since(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 1)
