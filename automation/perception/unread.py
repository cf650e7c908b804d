"""Lines of text the page reading left out, found from ink and read one line at a time.

Tesseract's page layout sometimes drops a whole line it took for a picture: a label
beside a drop-down at the top of a web page, a group caption. Ink that looks like
letters (small marks on one row, close together) and that no read word covers is
read again as a single line, larger; only words read surely are kept, so a field's
border or an icon does not turn into a label.

It also reads a row of icons with a label among them as one unsure word (a toolbar's
icons and "Add" read "Wierd"): such a word is read again piece by piece, its ink cut
where a stretch of empty columns wider than a space parts it (``read_apart``).
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np
from PIL import Image

from automation.perception.controls import clean, render
from automation.protocols import OcrEngine
from automation.types import Box, OcrWord

INK_CONTRAST = 60  # gray levels from the window's background that count as ink
GLYPH_H = (6, 30)  # pixels: the height of a letter's ink
GLYPH_W = 30  # pixels: a mark wider than this is a line or a border, not a letter
JOIN = 7  # pixels: letters of one word or line are at most this far apart
LINE_MIN_W = 16  # pixels: a line narrower than this is a glyph, read elsewhere
SCALE = 3
SURE = 75.0  # a word read from a line nobody read must be at least this sure
UNREAD_LINE = 20_000  # line ids for these readings, apart from the page's and controls' lines
MARGIN = 3
APART = 8  # pixels of empty columns that part an icon from a label (a space is 3-6 at these sizes)


def unread_lines(image: Image.Image, words: Sequence[OcrWord], ocr: OcrEngine) -> list[OcrWord]:
    """Words on lines of letter-like ink that none of ``words`` covers, in ``image``'s pixels."""
    gray = np.asarray(image.convert("L"), dtype=np.int16)
    background = int(np.median(gray))
    ink = (np.abs(gray - background) > INK_CONTRAST).astype(np.uint8)
    for seen in words:  # what was read is not read again
        ink[max(0, seen.box.y - 1) : seen.box.bottom + 1, max(0, seen.box.x - 1) : seen.box.right + 1] = 0
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    letters = np.zeros_like(ink)
    for i in range(1, count):
        x, y, w, h, _ = (int(v) for v in stats[i])
        if GLYPH_H[0] <= h <= GLYPH_H[1] and w <= GLYPH_W:
            letters[labels == i] = 1
    joined = cv2.dilate(letters, np.ones((3, 2 * JOIN + 1), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    found: list[OcrWord] = []
    for i in range(1, count):
        x, y, w, h, _ = (int(v) for v in stats[i])
        x, w = x + JOIN, w - 2 * JOIN  # undo the dilation's reach
        if w < LINE_MIN_W or not GLYPH_H[0] <= h - 2 <= GLYPH_H[1] + 2:
            continue
        region = Box(max(0, x - MARGIN), max(0, y - MARGIN), w + 2 * MARGIN, h + 2 * MARGIN)
        crop = image.crop((region.x, region.y, min(region.right, image.width), min(region.bottom, image.height)))
        found += sure_line(crop, region, ocr, UNREAD_LINE + i)
    return found


def read_apart(image: Image.Image, word: OcrWord, ocr: OcrEngine) -> list[OcrWord]:
    """The sure words in ``word``'s box (``image``'s pixels), its ink read piece by piece;
    none when its ink is all one piece."""
    box = word.box
    gray = np.asarray(image.convert("L").crop((box.x, box.y, box.right, box.bottom)), dtype=np.int16)
    if gray.size == 0:
        return []
    inked = np.asarray((np.abs(gray - int(np.median(gray))) > INK_CONTRAST).any(axis=0), dtype=bool)
    pieces = runs(inked, APART)
    if len(pieces) < 2:
        return []  # one stretch of ink: a label read unsurely, not icons beside a label
    found: list[OcrWord] = []
    for start, end in pieces:
        region = Box(box.x + start - MARGIN, box.y - MARGIN, end - start + 2 * MARGIN, box.h + 2 * MARGIN)
        region = region.intersect(Box(0, 0, image.width, image.height)) or region
        crop = image.crop((region.x, region.y, region.right, region.bottom))
        found += sure_line(crop, region, ocr, word.line[0] if word.line else UNREAD_LINE)
    return found


def runs(inked: np.ndarray, apart: int) -> list[tuple[int, int]]:
    """Stretches of inked columns, parted where at least ``apart`` columns hold no ink."""
    columns = np.flatnonzero(inked)
    if columns.size == 0:
        return []
    cuts = np.flatnonzero(np.diff(columns) > apart)
    starts = [int(columns[0]), *(int(columns[c + 1]) for c in cuts)]
    ends = [*(int(columns[c]) + 1 for c in cuts), int(columns[-1]) + 1]
    return list(zip(starts, ends, strict=True))


DOTS = 6  # dots, at least, in a row or column one pixel apart: a dotted line (a focus rectangle)


def without_dots(crop: Image.Image) -> Image.Image:
    """``crop`` with its dotted lines painted out: the focus rectangle Win32 draws round a
    focused check box's or button's label (Wine: "Match Case" inside one was read by neither
    the page pass nor, unsure at 63, a line of its own). Ink alternating with background
    pixel by pixel for ``DOTS`` dots along a row or a column is such a line; no letter is."""
    gray = np.asarray(crop.convert("L"), dtype=np.int16)
    if gray.size == 0:
        return crop
    background = int(np.median(gray))
    ink = np.abs(gray - background) > INK_CONTRAST
    dotted = dots_along(ink) | dots_along(ink.T).T
    if not dotted.any():
        return crop
    cleaned = np.asarray(crop.convert("RGB")).copy()
    cleaned[dotted] = np.median(cleaned.reshape(-1, 3), axis=0).astype(np.uint8)
    return Image.fromarray(cleaned)


def dots_along(ink: np.ndarray) -> np.ndarray:
    """The ink pixels of ``ink``'s rows that lie on a run of ``DOTS`` dots one pixel apart."""
    found = np.zeros_like(ink)
    span = 2 * DOTS - 1  # pixels from the first dot to the last
    for y in range(ink.shape[0]):
        row = ink[y]
        if row.size < span:
            continue
        # a dot at x, gaps at x+1, x+3, ..., dots at x+2, x+4, ...: the pattern at every start
        hits = np.ones(row.size - span + 1, dtype=bool)
        for k in range(span):
            piece = row[k : k + hits.size]
            hits &= piece if k % 2 == 0 else ~piece
        for x in np.flatnonzero(hits):
            found[y, x : x + span : 2] = True
    return found


def sure_line(crop: Image.Image, region: Box, ocr: OcrEngine, line: int) -> list[OcrWord]:
    """``crop`` (at ``region`` of the window) read as one line, larger: its sure words only."""
    found: list[OcrWord] = []
    for word in ocr.read(render(without_dots(crop), SCALE, 0.0, False), single_line=True):
        text = clean(word.text)
        if word.conf >= SURE and sum(c.isalnum() for c in text) >= 2:
            # Rounded outward: a box shrunk by the scale's rounding widens the gap between
            # words of one label past a space's width.
            left, top = (word.box.x - 10) // SCALE, (word.box.y - 10) // SCALE
            right, bottom = -(-(word.box.right - 10) // SCALE), -(-(word.box.bottom - 10) // SCALE)
            box = Box(region.x + left, region.y + top, right - left, bottom - top)
            found.append(OcrWord(text, box, word.conf, (line,)))
    return found
