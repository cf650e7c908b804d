"""Where a window's pixels changed since it was last read, and what to read again.

Pure functions over pixel arrays. The observer compares a window with its last
picture instead of hashing tiles: an exact comparison costs about as little
(numpy, well under a millisecond for a form) and says precisely which pixels moved.

A blinking caret changes a thin stroke a few times a second. A thin change seen at
the same place before is a blink and is ignored; the first one is read (it may be a
typed "l"), so a focused entry costs at most one re-read however long it blinks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import cv2
import numpy as np

from automation.types import Box, OcrWord

THIN = 3  # pixels: a change this narrow could be a caret
PAD = 3  # pixels around a band, so glyph edges are not cut
FULL_READ_SHARE = 0.5  # when bands cover more of the window than this, read it whole
UNSURE_CONF = 20.0  # a word read less surely than this is likely a misread


def differences(before: np.ndarray, after: np.ndarray) -> list[Box]:
    """Boxes of the connected groups of pixels that differ (arrays of equal shape)."""
    if before.tobytes() == after.tobytes():  # the common case, a memory compare: no mask to build
        return []
    mask = np.any(before != after, axis=-1) if before.ndim == 3 else before != after
    if not mask.any():
        return []
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    return [Box(int(x), int(y), int(w), int(h)) for x, y, w, h, _ in stats[1:count]]


def is_thin(box: Box) -> bool:
    return box.w <= THIN and box.h > box.w


def without_blinks(changes: Iterable[Box], seen_thin: set[Box]) -> tuple[list[Box], set[Box]]:
    """The changes that are not a caret blinking in place, and the thin changes to remember."""
    changes = list(changes)
    thin = {b for b in changes if is_thin(b)}
    return [b for b in changes if b not in seen_thin], seen_thin | thin


def bands(changes: Sequence[Box], known: Sequence[Box], width: int, height: int) -> list[Box]:
    """Full-width bands to read again, grown so no word or control in ``known`` is cut.

    A band spans the window's width: text typed at the end of an entry joins the
    words beside it on that line, which a tight box around the new glyph would miss.
    """
    grown: list[Box] = []
    for change in sorted(changes, key=lambda b: b.y):
        band = Box(0, max(0, change.y - PAD), width, min(height, change.bottom + PAD) - max(0, change.y - PAD))
        band = _swallow(band, known, height)
        if grown and grown[-1].bottom >= band.y:
            band = _swallow(grown.pop().union(band), known, height)
        grown.append(band)
    return grown


def _swallow(band: Box, known: Sequence[Box], height: int) -> Box:
    """Grow ``band`` vertically until every known box it touches lies inside it."""
    while True:
        touching = [k for k in known if k.intersect(band) is not None and not _inside(k, band)]
        if not touching:
            return band
        top = max(0, min(band.y, *(k.y - PAD for k in touching)))
        bottom = min(height, max(band.bottom, *(k.bottom + PAD for k in touching)))
        if (top, bottom) == (band.y, band.bottom):
            return band
        band = Box(band.x, top, band.w, bottom - top)


def _inside(inner: Box, outer: Box) -> bool:
    return inner.y >= outer.y and inner.bottom <= outer.bottom


def worth_reading_whole(parts: Sequence[Box], height: int) -> bool:
    return sum(b.h for b in parts) > FULL_READ_SHARE * height


def unsure_in(words: Iterable[OcrWord], changes: Sequence[Box]) -> bool:
    """Whether a word of two or more letters, over pixels that changed, was read unsurely.

    Unsure words outside the changes (an empty spreadsheet cell read as "OS" on the same
    row) were there before and tell nothing about this read."""
    return any(
        w.conf < UNSURE_CONF
        and sum(c.isalpha() for c in w.text) >= 2
        and any(w.box.intersect(c) is not None for c in changes)
        for w in words
    )
