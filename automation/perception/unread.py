"""Lines of text the page reading left out, found from ink and read one line at a time.

Tesseract's page layout sometimes drops a whole line it took for a picture: a label
beside a drop-down at the top of a web page, a group caption. Ink that looks like
letters (small marks on one row, close together) and that no read word covers is
read again as a single line, larger; only words read surely are kept, so a field's
border or an icon does not turn into a label.

A line whose one larger reading is unsure (a thin "I" read "li": "litem" at 36, a web grid's
header "Item") is read in the renderings a control's label is read in, and taken when most of
them agree and one of them is sure (``agreed_line``).

It also reads a row of icons with a label among them as one unsure word (a toolbar's
icons and "Add" read "Wierd"): such a word is read again piece by piece, its ink cut
where a stretch of empty columns wider than a space parts it (``read_apart``).
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np
from PIL import Image
from rapidfuzz import fuzz

from automation.perception.controls import RENDERINGS, clean, render, vote
from automation.perception.grouping import wide
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
MIN_LETTERS = 2  # letters or digits in a word kept from a line read on its own
SLIP = 75.0  # rapidfuzz ratio, case aside: the agreed reading of a line is this like its unsure first one
APART = 8  # pixels of empty columns that part an icon from a label (a space is 3-6 at these sizes)
# Chinese read larger than this doubts its characters: a 12-px 金额 is 85 sure at 2x, 61 at 3x,
# 收款人 82-93 at 2x, its 收 19 at 3x (chi_sim, Qt's Noto Sans CJK); an ideograph fills its line's
# height as a Latin capital does, so twice is already what three times is for lower-case letters.
WIDE_SCALE = 2


def unread_lines(image: Image.Image, words: Sequence[OcrWord], ocr: OcrEngine) -> list[OcrWord]:
    """Words on lines of letter-like ink that none of ``words`` covers, in ``image``'s pixels."""
    gray = np.asarray(image.convert("L"), dtype=np.int16)
    background = int(np.median(gray))
    ink = (np.abs(gray - background) > INK_CONTRAST).astype(np.uint8)
    for seen in words:  # what was read is not read again
        ink[max(0, seen.box.y - 1) : seen.box.bottom + 1, max(0, seen.box.x - 1) : seen.box.right + 1] = 0
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    glyphs = np.zeros_like(ink)
    for i in range(1, count):
        x, y, w, h, _ = (int(v) for v in stats[i])
        if GLYPH_H[0] <= h <= GLYPH_H[1] and w <= GLYPH_W:
            glyphs[labels == i] = 1
    joined = cv2.dilate(glyphs, np.ones((3, 2 * JOIN + 1), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    found: list[OcrWord] = []
    for i in range(1, count):
        x, y, w, h, _ = (int(v) for v in stats[i])
        x, w = x + JOIN, w - 2 * JOIN  # undo the dilation's reach
        if w < LINE_MIN_W or not GLYPH_H[0] <= h - 2 <= GLYPH_H[1] + 2:
            continue
        region = Box(max(0, x - MARGIN), max(0, y - MARGIN), w + 2 * MARGIN, h + 2 * MARGIN)
        crop = image.crop((region.x, region.y, min(region.right, image.width), min(region.bottom, image.height)))
        found += line_read(crop, region, ocr, UNREAD_LINE + i)
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
    first = ocr.read(render(without_dots(crop), SCALE, 0.0, False), single_line=True)
    return sure_words(first, region, line) or wide_line(crop, region, ocr, line, first)


def wide_line(crop: Image.Image, region: Box, ocr: OcrEngine, line: int, first: Sequence[OcrWord]) -> list[OcrWord]:
    """The sure words of a line whose reading at ``SCALE`` held Chinese, Japanese or Korean
    characters but none read surely: read again at ``WIDE_SCALE``. A Latin line is not read again."""
    if not any(wide(c) for w in first for c in w.text):
        return []
    again = ocr.read(render(without_dots(crop), WIDE_SCALE, 0.0, False), single_line=True)
    return sure_words(again, region, line, WIDE_SCALE)


def sure_words(words: Sequence[OcrWord], region: Box, line: int, scale: int = SCALE) -> list[OcrWord]:
    """The sure words of a line read on ``render``'s picture of ``region`` (``scale`` times)."""
    found: list[OcrWord] = []
    for word in wide_runs(words):
        text = clean(word.text)
        if word.conf >= SURE and letters(text) >= MIN_LETTERS:
            found.append(OcrWord(text, in_region(word.box, region, scale), word.conf, (line,)))
    return found


def wide_runs(words: Sequence[OcrWord]) -> list[OcrWord]:
    """``words`` with each run of Chinese, Japanese or Korean characters that follow one another
    made one word, as sure as its least sure character. Tesseract's chi_sim gives each character
    as a word: 收款人 came back 收 (82), 款 (93), 人 (92), and a two-letter rule kept none of them;
    judged alone, a doubted 收 would leave a sure 款人, a label that is not there."""
    runs: list[OcrWord] = []
    for word in words:
        last = runs[-1] if runs else None
        near = last is not None and word.box.x - last.box.right <= max(last.box.h, word.box.h)  # a character apart
        if last is not None and near and wide(last.text[-1:]) and wide(word.text[:1]):
            runs[-1] = OcrWord(last.text + word.text, last.box.union(word.box), min(last.conf, word.conf), last.line)
        else:
            runs.append(word)
    return runs


def line_read(crop: Image.Image, region: Box, ocr: OcrEngine, line: int) -> list[OcrWord]:
    """``crop`` (at ``region``) read as one line: its sure words, or, when there are none but it
    read as letters, the reading its other renderings agree on (``agreed_line``)."""
    first = ocr.read(render(without_dots(crop), SCALE, 0.0, False), single_line=True)
    sure = sure_words(first, region, line) or wide_line(crop, region, ocr, line, first)
    if sure:
        return sure
    unsure = " ".join(clean(w.text) for w in first)
    return agreed_line(crop, region, ocr, line, unsure) if letters(unsure) >= MIN_LETTERS else []


def agreed_line(crop: Image.Image, region: Box, ocr: OcrEngine, line: int, unsure: str) -> list[OcrWord]:
    """The words of the line ``crop`` shows in the reading most of a control's renderings
    (``RENDERINGS``) agree on, when one of them is sure of it and it is a few letters' slip from
    the ``unsure`` first reading at most; else none.

    One rendering alone splits a thin stroke or joins two: a web grid's 13-px header "Item", its
    "I" two pixels wide, read "litem" at 36 in the plain 3x reading and "Item" at 73, 89 and 89
    in these (dev seed 151). Icons read as noise that renderings may agree on (a window's title
    buttons, "OOO" at 85 twice): but the plain reading saw no letters there, so the vote is only
    a second opinion on a reading of letters, never a first one."""
    readings: list[tuple[str, float, int, list[OcrWord]]] = []
    for scale, blur, binarize in RENDERINGS:
        words = ocr.read(render(without_dots(crop), scale, blur, binarize), single_line=True)
        text = " ".join(t for t in (clean(w.text) for w in words) if t)
        readings.append((text, min((w.conf for w in words), default=0.0), scale, words))
    agreed = vote([(text, conf) for text, conf, _, _ in readings])
    if agreed is None or agreed[1] < SURE or fuzz.ratio(agreed[0].casefold(), unsure.casefold()) < SLIP:
        return []
    _, _, scale, words = max((r for r in readings if r[0] == agreed[0]), key=lambda r: r[1])
    return [
        OcrWord(clean(w.text), in_region(w.box, region, scale), agreed[1], (line,))
        for w in words
        if letters(clean(w.text)) >= MIN_LETTERS
    ]


def letters(text: str) -> int:
    return sum(c.isalnum() for c in text)


def in_region(box: Box, region: Box, scale: int) -> Box:
    """A box read on ``render``'s picture (``scale`` times, a 10-px border) of ``region``, in the
    window's pixels. Rounded outward: a box shrunk by the scale's rounding widens the gap between
    words of one label past a space's width."""
    left, top = (box.x - 10) // scale, (box.y - 10) // scale
    right, bottom = -(-(box.right - 10) // scale), -(-(box.bottom - 10) // scale)
    return Box(region.x + left, region.y + top, right - left, bottom - top)
