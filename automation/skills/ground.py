"""Find a recorded anchor again on today's screen, or refuse: never a blind click.

Order, best first:
1. the label (grounding.match.resolve in the step's window) plus the recorded offset, or
   for a field the entry beside or below the label (grounding.fields); several equal
   labels are settled only by one being clearly nearest where the recording had it;
2. the position relative to the window, only when the window's class matches and no
   other window has that class, and only where the recorded picture is still seen
   nearby (a spot that had no label and no usable picture is taken as it is);
3. the recorded picture, template-matched (OpenCV) in the window: sure and unique only.
A labelled anchor whose label is gone and whose picture is not found is not clicked.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import cv2
import numpy as np
from PIL import Image
from rapidfuzz import fuzz

from automation.errors import TargetAmbiguous, TargetNotFound
from automation.grounding.fields import field_beside
from automation.grounding.match import Match, candidates, resolve
from automation.skills.model import Anchor, WindowMatch, point_in
from automation.types import Box, Observation, Target, Window

How = Literal["label", "field", "relative", "crop"]
CROP_SURE = 0.9  # normalized correlation a picture must reach to be found
CROP_MARGIN = 0.05  # ... and beat any other place in the window by
LOCAL_SURE = 0.8  # near the relative position, where nothing else competes
LOCAL_RADIUS = 16  # pixels around the relative position searched for the picture
CLEARLY_NEAREST = 0.5  # the nearest of equal labels must be at most this share of the next one's distance
TITLE_SAME = 80.0  # rapidfuzz ratio at which a changed title is still the same window


@dataclass(frozen=True)
class Grounded:
    point: tuple[int, int]  # screen pixels
    how: How
    element: str | None = None  # the label found, for progress lines
    match: Match | None = None  # for the misread guard before clicking a label


def find_window(match: WindowMatch, windows: Sequence[Window]) -> tuple[Window | None, bool]:
    """The step's window by class, then title, and whether it is the only one of its class."""
    same = [w for w in windows if match.app and w.app == match.app]
    if same:
        chosen = by_title(match.title, same) or (same[0] if len(same) == 1 else None)
        if chosen is not None:
            return chosen, len(same) == 1
    return by_title(match.title, windows), False


def by_title(title: str, windows: Sequence[Window]) -> Window | None:
    exact = [w for w in windows if w.title == title]
    if exact:
        return exact[0]  # top-most first
    scored = [(fuzz.ratio(title, w.title), w) for w in windows if title]
    scored = [(s, w) for s, w in scored if s >= TITLE_SAME]
    return max(scored, key=lambda sw: sw[0])[1] if scored else None


def decode_crop(png: bytes | None) -> np.ndarray | None:
    if png is None:
        return None
    return np.asarray(Image.open(io.BytesIO(png)).convert("L"))


def ground_anchor(
    anchor: Anchor, window: Window, obs: Observation, screen: Box, crop: np.ndarray | None, alone: bool
) -> Grounded:
    """Where to click for ``anchor`` in ``window`` as ``obs`` shows it (``screen``: the picture's origin)."""
    pixels = np.asarray(obs.image.crop(window.box.crop_in(screen)).convert("RGB"))
    failure: TargetNotFound | TargetAmbiguous | None = None
    if anchor.label:
        try:
            return by_label(anchor, window, obs, pixels)
        except (TargetNotFound, TargetAmbiguous) as err:
            failure = err
    if alone and window.app == anchor.window.app:
        x, y = point_in(anchor, window.box)
        if crop is not None:
            found = find_picture(pixels, crop, window.box, near=(x, y))
            if found is not None:
                return Grounded(found, "relative")
        elif anchor.label is None:
            return Grounded((x, y), "relative")
    if crop is not None:
        found = find_picture(pixels, crop, window.box)
        if found is not None:
            return Grounded(found, "crop", anchor.label)
    if failure is not None:
        raise failure
    raise TargetNotFound("the recorded spot (it had no label)", [], where=repr(window.title))


def by_label(anchor: Anchor, window: Window, obs: Observation, pixels: np.ndarray) -> Grounded:
    assert anchor.label is not None
    spans = [s for s in obs.spans if s.window == window.title]
    try:
        match = resolve(Target(anchor.label), spans)
    except TargetAmbiguous:
        match = nearest_to_recording(anchor, window, candidates(anchor.label, spans))
    if anchor.field:
        outlines = [b for b in obs.outlines if window.box.contains(*b.center)]
        spot = field_beside(pixels, match.box, window.box, outlines)
        if spot is None:
            raise TargetNotFound(
                f"field for {anchor.label}", [match.span.text], where=f"{window.title!r} (no entry beside the label)"
            )
        return Grounded(spot, "field", match.span.text, match)
    cx, cy = match.box.center
    dx, dy = anchor.offset
    return Grounded((cx + dx, cy + dy), "label", match.span.text, match)


def nearest_to_recording(anchor: Anchor, window: Window, found: list[Match]) -> Match:
    """Among equal labels, the one clearly nearest where the recording had it; else the ambiguity stands."""
    best_tier = min(m.tier for m in found)
    best = [m for m in found if m.tier == best_tier]
    x, y = point_in(anchor, window.box)
    expected = Box(x - anchor.offset[0], y - anchor.offset[1], 1, 1)
    ranked = sorted(best, key=lambda m: m.box.distance_to(expected))
    near, runner = (m.box.distance_to(expected) for m in ranked[:2])
    if near <= CLEARLY_NEAREST * runner and near <= max(window.box.w, window.box.h) / 4:
        return ranked[0]
    raise TargetAmbiguous(anchor.label or "", [f"{m.span.text!r} at {m.box.center}" for m in ranked])


def find_picture(
    pixels: np.ndarray, crop: np.ndarray, window: Box, near: tuple[int, int] | None = None
) -> tuple[int, int] | None:
    """The centre of the one place in the window that looks like ``crop``, in screen pixels.

    With ``near``, only a small neighbourhood of that point is searched and a lower score
    suffices; otherwise the best place must be sure and clearly better than any other.
    """
    gray = cv2.cvtColor(pixels, cv2.COLOR_RGB2GRAY)
    th, tw = crop.shape[:2]
    ox, oy = 0, 0
    if near is not None:
        cx, cy = near[0] - window.x, near[1] - window.y
        ox, oy = max(cx - tw // 2 - LOCAL_RADIUS, 0), max(cy - th // 2 - LOCAL_RADIUS, 0)
        gray = gray[oy : cy + th // 2 + LOCAL_RADIUS + 1, ox : cx + tw // 2 + LOCAL_RADIUS + 1]
    if gray.shape[0] < th or gray.shape[1] < tw:
        return None
    scores = cv2.matchTemplate(gray, crop, cv2.TM_CCOEFF_NORMED)
    scores = np.nan_to_num(scores, nan=0.0)
    _, best, _, (bx, by) = cv2.minMaxLoc(scores)
    if near is not None:
        if best < LOCAL_SURE:
            return None
    else:
        if best < CROP_SURE:
            return None
        others = scores.copy()
        others[max(by - th // 2, 0) : by + th // 2 + 1, max(bx - tw // 2, 0) : bx + tw // 2 + 1] = -1.0
        if others.size and float(others.max()) > best - CROP_MARGIN:
            return None  # two places look alike: not a guess to click on
    return (window.x + ox + bx + tw // 2, window.y + oy + by + th // 2)
