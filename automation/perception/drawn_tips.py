"""A tooltip that no window declares: the box a toolkit drew inside its own window by the pointer.

GTK, Qt and Chromium show a tooltip as a pop-up window of the tooltip kind, and the window
list says where it is. Swing draws one that fits inside its window as part of that window
(a lightweight pop-up): no window opens, only pixels change. It is found as a person sees it
appear: the spot around the pointer before it rested there and after, compared; what changed
apart from the picture under the pointer (its button lights up) is a tooltip when it is a
box of a tooltip's size, set off all round (its border, or a fill unlike what was behind).
"""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image

from automation.types import Box

CHANGED = 24  # colour levels a pixel differs by to count as changed (not a renderer's dither)
TIP_H = (12, 120)  # pixels: one line of small text to a few lines
TIP_MIN_W = 16  # pixels: the shortest word with its margins
TIP_ASPECT = 1.5  # a tooltip is this many times wider than tall, at least: a button lit or unlit is square
SIDE = 0.6  # share of each side of a tooltip's box that changed (its border, or its fill)
FILLED = 0.25  # share of a tooltip's box that changed, at least (its fill, or its border and text)


def changed_mask(before: Image.Image, after: Image.Image) -> np.ndarray:
    """Where two pictures of one region differ, as 0/1 per pixel."""
    a = np.asarray(before.convert("RGB"), np.int16)
    b = np.asarray(after.convert("RGB"), np.int16)
    return (np.abs(a - b).max(axis=2) > CHANGED).astype(np.uint8)


def drawn_tooltips(before: Image.Image, after: Image.Image, spot: Box) -> list[Box]:
    """The boxes drawn between ``before`` and ``after`` (one region, the pointer resting on
    ``spot`` in the second; all in the region's pixels) that look like tooltips, nearest to
    ``spot`` first. What changed over ``spot`` is its own control lighting up and is left out,
    and so is a change cut by the region's edge (more than a tooltip changed there)."""
    if before.size != after.size:
        return []
    mask = changed_mask(before, after)
    # Not joined across gaps: its border (or fill) holds a tooltip together, and a button two
    # pixels above it that went dark again when the pointer left it would join it otherwise.
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    height, width = mask.shape
    found: list[Box] = []
    for x, y, w, h, _ in stats[1:count]:
        box = Box(int(x), int(y), int(w), int(h))
        if not (TIP_H[0] <= h <= TIP_H[1] and w >= max(TIP_MIN_W, TIP_ASPECT * h)):
            continue
        if box.intersect(spot) is not None:  # the control under the pointer, lit
            continue
        if box.x == 0 or box.y == 0 or box.right >= width or box.bottom >= height:
            continue
        if framed(mask[box.y : box.bottom, box.x : box.right]):
            found.append(box)
    return sorted(found, key=lambda b: gap(b, spot))


def framed(inside: np.ndarray) -> bool:
    """Whether a changed patch (``inside``: its box's 0/1 mask) is a box: each side mostly
    changed (a tooltip's border, or its fill over what was behind), and enough of it."""
    sides = (inside[0], inside[-1], inside[:, 0], inside[:, -1])
    return all(side.mean() >= SIDE for side in sides) and inside.mean() >= FILLED


def gap(a: Box, b: Box) -> int:
    """Pixels between two boxes (0 when they touch or overlap)."""
    return max(a.x - b.right, b.x - a.right, a.y - b.bottom, b.y - a.bottom, 0)
