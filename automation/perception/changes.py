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
    if np.array_equal(before, after):  # the common case, a memory compare: no mask to build
        return []
    # Rows first (a row's bytes compared as one), then the mask only over the rows and
    # columns that changed: one typed character must not cost a whole window's mask.
    rows = before.reshape(before.shape[0], -1) != after.reshape(after.shape[0], -1)
    changed_rows = np.flatnonzero(rows.any(axis=1))
    top, bottom = int(changed_rows[0]), int(changed_rows[-1]) + 1
    band = rows[top:bottom].reshape(bottom - top, before.shape[1], -1).any(axis=-1)
    changed_cols = np.flatnonzero(band.any(axis=0))
    left, right = int(changed_cols[0]), int(changed_cols[-1]) + 1
    mask = band[:, left:right].astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    return [Box(int(x) + left, int(y) + top, int(w), int(h)) for x, y, w, h, _ in stats[1:count]]


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
    edges = _edges(known)
    grown: list[Box] = []
    for change in sorted(changes, key=lambda b: b.y):
        band = Box(0, max(0, change.y - PAD), width, min(height, change.bottom + PAD) - max(0, change.y - PAD))
        band = _swallow(band, edges, height)
        if grown and grown[-1].bottom >= band.y:
            band = _swallow(grown.pop().union(band), edges, height)
        grown.append(band)
    return grown


def _swallow(band: Box, known: np.ndarray, height: int) -> Box:
    """Grow ``band`` vertically until every known box (edges, one row each) it touches lies inside it."""
    while True:
        x0, y0, x1, y1 = band.x, band.y, band.right, band.bottom
        touching = (known[:, 0] < x1) & (known[:, 2] > x0) & (known[:, 1] < y1) & (known[:, 3] > y0)
        out = known[touching & ~((known[:, 1] >= y0) & (known[:, 3] <= y1))]
        if not len(out):
            return band
        top = max(0, min(y0, int(out[:, 1].min()) - PAD))
        bottom = min(height, max(y1, int(out[:, 3].max()) + PAD))
        if (top, bottom) == (y0, y1):
            return band
        band = Box(band.x, top, band.w, bottom - top)


REACH = 24  # pixels: a word this close beside a region, on its rows, may be the next word of a label in it
# A region this close to the window's top or bottom edge is read across the window's width.
# What lies there (a status bar, a menu or tool bar) spans the window in a frame, and OCR
# reads its words otherwise when the crop cuts the frame: Tk's status "Saved claim 3", read
# whole and across the width as one label, was read in a region as "Saved claim" and "3"
# (the space a pixel wider than the grouping's gap), and the goal check no longer saw it.
EDGE_ROWS = 8


def regions(
    changes: Sequence[Box], words: Sequence[Box], controls: Sequence[Box], width: int, height: int
) -> list[Box]:
    """Parts of the window to read again: each change grown until no word or control it
    touches is cut, and sideways to the words standing within ``REACH`` of it on its rows
    (a label's other words, text typed on after a word), so a label is read whole or not
    at all; regions that meet are one. Much smaller than full-width bands: OCR's cost
    goes with the pixels it reads."""
    word_edges, control_edges = _edges(words), _edges(controls)
    grown: list[Box] = []
    for change in sorted(changes, key=lambda b: (b.y, b.x)):
        box = _spread(_padded(change, width, height), word_edges, control_edges, width, height)
        while (met := next((g for g in grown if g.intersect(box) is not None), None)) is not None:
            grown.remove(met)
            box = _spread(met.union(box), word_edges, control_edges, width, height)
        grown.append(box)
    return sorted(grown, key=lambda b: (b.y, b.x))


def _edges(boxes: Sequence[Box]) -> np.ndarray:
    """Left, top, right and bottom of each box, one row each: the growing loop is vectorised."""
    return np.array([(b.x, b.y, b.right, b.bottom) for b in boxes], dtype=np.int64).reshape(-1, 4)


def _padded(box: Box, width: int, height: int) -> Box:
    x, y = max(0, box.x - PAD), max(0, box.y - PAD)
    return Box(x, y, min(width, box.right + PAD) - x, min(height, box.bottom + PAD) - y)


def _spread(box: Box, words: np.ndarray, controls: np.ndarray, width: int, height: int) -> Box:
    """Grow ``box`` until every control it touches and every word beside it lies inside it;
    across the width when it comes within ``EDGE_ROWS`` of the window's top or bottom."""
    box = _across_at_edge(box, width, height)
    while True:
        x0, y0, x1, y1 = box.x, box.y, box.right, box.bottom
        beside = (words[:, 0] < x1 + REACH) & (words[:, 2] > x0 - REACH) & (words[:, 1] < y1) & (words[:, 3] > y0)
        touched = (controls[:, 0] < x1) & (controls[:, 2] > x0) & (controls[:, 1] < y1) & (controls[:, 3] > y0)
        near = np.concatenate([words[beside], controls[touched]])
        inside = (near[:, 0] >= x0) & (near[:, 1] >= y0) & (near[:, 2] <= x1) & (near[:, 3] <= y1)
        out = near[~inside]
        if not len(out):
            return box
        left, top = max(0, min(x0, int(out[:, 0].min()) - PAD)), max(0, min(y0, int(out[:, 1].min()) - PAD))
        right = min(width, max(x1, int(out[:, 2].max()) + PAD))
        bottom = min(height, max(y1, int(out[:, 3].max()) + PAD))
        grown = _across_at_edge(Box(left, top, right - left, bottom - top), width, height)
        if grown == box:  # nothing left to take in (a box reaching past the window)
            return box
        box = grown


def _across_at_edge(box: Box, width: int, height: int) -> Box:
    if box.y <= EDGE_ROWS or height - box.bottom <= EDGE_ROWS:
        return Box(0, box.y, width, box.h)
    return box


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
