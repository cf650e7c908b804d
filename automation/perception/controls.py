"""Buttons read one at a time, so lone characters and symbols are found.

A page-level OCR pass misses or misreads short labels ("1", "*", "="). Button
rectangles are found from their outlines (OpenCV), and every button without a
confident reading inside is read on its own crop in a few renderings; a label is
taken only when the readings agree, so an unreadable glyph (√, π, ÷) is reported
as unreadable instead of guessed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

import cv2
import numpy as np
from PIL import Image, ImageFilter, ImageOps

from automation.perception.glyphs import second_opinion
from automation.perception.grouping import CONTROL_LINE  # line ids for control readings, apart from the page's
from automation.protocols import OcrEngine
from automation.types import Box, OcrWord

MIN_SIDE, MAX_W, MAX_H = 12, 400, 60  # pixels: the size range of a button or field
KEY_MAX_H, KEY_ASPECT = 100, 1.6  # a taller box no wider than this times its height is a large key
CONFIDENT = 80.0  # a page-level word this sure needs no second reading
AGREED = 40.0  # renderings that agree must be at least this sure, one of them
PLAUSIBLE = 50.0  # below this, a word no second reading confirms is dropped as a likely misread
BORDER_CHARS = "|[]{}_—"
# (upscale, blur radius, binarize) renderings of one crop; measured on xcalc's keys.
RENDERINGS = ((3, 1.0, False), (4, 2.0, True), (3, 1.5, True))
BINARIZE = 140  # grey level: above is background, for dark text on a light control
GREY_TEXT = 110  # grey text (a disabled button's, a placeholder's): its darkest stroke is lighter than this
SHAPE_CONF = 60.0  # the confidence given to a label known from its shape alone
INSET = 2  # pixels: a button's border, left out of the crop that is read
SHORT = 2  # characters: a label this short is checked against its shape ("Cc" read for a lone "C")


Sides = tuple[bool, bool, bool, bool]  # left, top, right, bottom
WHOLE: Sides = (True, True, True, True)


def find_controls(image: Image.Image, window_edges: Sides = WHOLE) -> list[Box]:
    """Rectangles outlined on screen (buttons, keys, cells), in ``image`` pixels, innermost first.

    Outlines are looked for in all edges, in the long straight edges only, and in those
    thickened across a pixel's gap. The second finds a button whose label touches its border
    ("mod", "base"), which joins label and outline into one shape in the first; the third
    a frame whose corner the edge finder broke. Last, a button flush with one of
    ``window_edges`` (the sides of ``image`` that are its window's own) is closed by that edge.
    """
    gray = np.asarray(ImageOps.grayscale(image))
    edges = cv2.Canny(gray, 50, 150)
    lines = cv2.bitwise_or(
        cv2.morphologyEx(edges, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (MIN_SIDE, 1))),
        cv2.morphologyEx(edges, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, MIN_SIDE))),
    )
    kept: list[Box] = []
    for box in sorted(rectangles(edges) + rectangles(lines), key=lambda b: b.w * b.h):
        if not any(same_border(box, k) for k in kept):  # the inner and outer edge of one border are one button
            kept.append(box)
    # A third time with the straight edges thickened by a pixel each way, for outlines not found
    # yet: the edge finder breaks a thin frame's corner where another edge runs a pixel or two
    # inside it (a Win32 combo showing its choice selected: the blue fill 2 px inside its 1-px
    # frame), and an open contour is no rectangle. A thickened line's contours lie a pixel
    # outside and inside the edge: taken a pixel in, the outer one is the edge's box.
    # Thickened, two outlines a few pixels apart also join into one around both: a frame is taken
    # only when each of its sides is one unbroken line but near its corners.
    thick = cv2.dilate(lines, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    for box in sorted(rectangles(thick), key=lambda b: -b.w * b.h):
        box = Box(box.x + 1, box.y + 1, box.w - 2, box.h - 2)
        if not any(same_border(box, k) for k in kept) and whole_sides(lines, box):
            kept.append(box)
    for box in flush_boxes(edges, window_edges):
        if not any(same_border(box, k) for k in kept):
            kept.append(box)
    return sorted(kept, key=lambda b: b.w * b.h)


def flush_boxes(edges: np.ndarray, window_edges: Sides) -> list[Box]:
    """Outlines with one side on a window edge, where the edge finder sees no line.

    A button drawn flush with its window (xfig's "File", the first of a menu bar of raised
    buttons) has no pixel beyond its bevel to contrast with, so its outline stays open and it
    was read as loose words ("Fil" and "e"), leaving a word of the status line to be clicked.
    The window's edge closes it; two edges close a button in the window's corner (xedit's
    "Quit"). A region reaching across the window, from one edge to the one opposite, is a bar
    or a panel, not a control.
    """
    if not any(window_edges):
        return []
    height, width = edges.shape
    framed = cv2.copyMakeBorder(edges, 2, 2, 2, 2, cv2.BORDER_CONSTANT, value=0)
    left, top, right, bottom = window_edges
    framed[:, 1] = 255 if left else 0
    framed[1, :] = 255 if top else 0
    framed[:, -2] = 255 if right else 0
    framed[-2, :] = 255 if bottom else 0
    boxes = []
    for box in rectangles(framed):
        on_left, on_top, on_right, on_bottom = box.x <= 1, box.y <= 1, box.right >= width + 3, box.bottom >= height + 3
        if (on_left or on_top or on_right or on_bottom) and not (on_left and on_right) and not (on_top and on_bottom):
            x0, y0 = max(box.x - 2, 0), max(box.y - 2, 0)
            boxes.append(Box(x0, y0, min(box.right - 2, width) - x0, min(box.bottom - 2, height) - y0))
    return boxes


CORNER = 3  # pixels at each end of a frame's side where its line may break


def whole_sides(lines: np.ndarray, box: Box) -> bool:
    """Whether each side of ``box`` runs along a line of ``lines`` (a pixel either way), unbroken
    but within CORNER pixels of its ends. Two boxes joined have a gap where one ends and the
    other begins."""
    height, width = lines.shape
    x0, y0, x1, y1 = box.x, box.y, box.right - 1, box.bottom - 1
    if x0 < 1 or y0 < 1 or x1 + 1 >= width or y1 + 1 >= height:
        return False
    sides = (
        lines[y0 - 1 : y0 + 2, x0 + CORNER : x1 - CORNER + 1].any(axis=0),
        lines[y1 - 1 : y1 + 2, x0 + CORNER : x1 - CORNER + 1].any(axis=0),
        lines[y0 + CORNER : y1 - CORNER + 1, x0 - 1 : x0 + 2].any(axis=1),
        lines[y0 + CORNER : y1 - CORNER + 1, x1 - 1 : x1 + 2].any(axis=1),
    )
    return all(side.size and bool(side.all()) for side in sides)


def same_border(a: Box, b: Box) -> bool:
    """Whether two outlines are the inner and outer edge of one border."""
    return abs(a.x - b.x) <= 4 and abs(a.y - b.y) <= 4 and abs(a.w - b.w) <= 8 and abs(a.h - b.h) <= 8


def rectangles(edges: np.ndarray) -> list[Box]:
    """Closed four-cornered contours of button size in an edge map."""
    contours, _ = cv2.findContours(edges, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    boxes: list[Box] = []
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        if not ((MIN_SIDE <= w <= MAX_W and MIN_SIDE <= h <= MAX_H) or is_key(w, h)):
            continue
        approx = cv2.approxPolyDP(contour, 0.03 * cv2.arcLength(contour, True), True)
        if len(approx) == 4 and cv2.contourArea(contour) > 0.8 * w * h:
            boxes.append(Box(int(x), int(y), int(w), int(h)))
    return boxes


def is_key(w: int, h: int) -> bool:
    """A large key of a keypad (a glyph centred in a box up to 100 px tall), not a panel."""
    return MAX_H < h <= KEY_MAX_H and w <= KEY_ASPECT * h


def render(crop: Image.Image, scale: int, blur: float, binarize: bool) -> Image.Image:
    gray, cut = dark_on_light(ImageOps.grayscale(crop))
    if binarize:
        gray = gray.point(lambda v: 255 if v > cut else 0)
    resample = Image.Resampling.NEAREST if binarize else Image.Resampling.BICUBIC
    big = gray.resize((gray.width * scale, gray.height * scale), resample)
    if blur:
        big = big.filter(ImageFilter.GaussianBlur(blur))
    return ImageOps.expand(big, border=10, fill=255)


def dark_on_light(gray: Image.Image) -> tuple[Image.Image, int]:
    """Light text on a darker fill (a selected list row, a coloured button) turned dark on
    light, since OCR reads that polarity only; with the grey that parts ink from background
    (a fixed one for dark on light; just under the background for a fill that was turned over,
    and for grey text, which the fixed grey would erase whole: a disabled button's label, grey
    166 on white, left the binarized renderings blank and went unread; split half-way, its
    anti-aliased strokes still read "Replece Sil" for "Replace All")."""
    pixels = np.asarray(gray, dtype=np.int16)
    if pixels.size == 0:
        return gray, BINARIZE
    background = int(np.median(pixels))
    ink = pixels[np.abs(pixels - background) > INK_CONTRAST]
    if not ink.size:
        return gray, BINARIZE
    if float(ink.mean()) <= background:
        darkest = int(ink.min())
        return gray, BINARIZE if darkest < GREY_TEXT else background - INK_CONTRAST // 2
    far = np.abs(pixels - background) > INK_CONTRAST
    rows, cols = np.flatnonzero(far.mean(axis=1) < 0.5), np.flatnonzero(far.mean(axis=0) < 0.5)
    if len(rows) and len(cols):  # the fill's edges (a frame of another colour) would read as marks
        gray = gray.crop((int(cols[0]), int(rows[0]), int(cols[-1]) + 1, int(rows[-1]) + 1))
    return ImageOps.invert(gray), 255 - background - INK_CONTRAST // 2  # thin light strokes: any darkening is ink


def vote(readings: Sequence[tuple[str, float]]) -> tuple[str, float] | None:
    """The reading most renderings agree on; a lone reading only when it is sure and unopposed.

    Agreement alone is not enough: two renderings of "√" both read "47", each unsure.
    """
    texts = [t for t, _ in readings if t]
    if not texts:
        return None
    (best, count), *rest = Counter(texts).most_common()
    conf = max(c for t, c in readings if t == best)
    if count >= 2 and (not rest or rest[0][1] < count) and conf >= AGREED:
        return surer_by_a_letter(best, conf, readings) or (best, conf)
    if len(texts) == 1 and conf >= CONFIDENT:
        return best, conf
    return None


def surer_by_a_letter(best: str, conf: float, readings: Sequence[tuple[str, float]]) -> tuple[str, float] | None:
    """A reading one letter apart from the agreed ``best`` (same length, three characters or
    more) that Tesseract is sure of and surer of than of every reading of ``best``.

    Renderings that binarize or blur hard lose a thin stroke, and so agree on the plainer
    letter: Swing's 13-px "Qty" header, its Q's tail one pixel thin, read "Qty" at 91 in grey
    and "Oty" at 78 and 68 binarized. Lone characters are left to the vote and their shapes.
    """
    for text, sure in readings:
        apart = sum(a != b for a, b in zip(text, best, strict=False))
        if len(text) == len(best) >= 3 and apart == 1 and sure >= CONFIDENT and sure > conf:
            return text, sure
    return None


def words_most_read(readings: Sequence[tuple[str, float]]) -> str:
    """The words most renderings read, in reading order. An icon beside a button's word reads
    as different noise in each rendering ("led Save", "xd Save", "wd Save"), the word alike."""
    texts = [t.split() for t, _ in readings if t]
    seen_in = Counter(word for words in texts for word in set(words))
    longest = max(texts, key=len, default=[])
    return " ".join(word for word in longest if seen_in[word] * 2 > len(readings))


CARET_SHARE = 0.8  # a dark stroke this share of a field's height is a caret, not a letter
CARET_WIDTH = 3
# ... or a solid stroke of at least CARET_ROWS that reaches LINE_MARGIN pixels above and below
# all the other ink on its rows: a caret spans the line, from over the capitals to under the
# baseline, and a field cropped loosely (a Tk entry through a VNC viewer: the caret 17 of 29
# rows; a multi-line note: 17 of 96) read "Mia Costa|" as "Mia Costd" and "valve valve|" as
# "valve valvd" until it blinked off. A letter's stem ends on the baseline or, a descender's,
# starts at most a pixel over the letters beside it. Beside a descender the caret may end only
# a pixel under the text's lowest ink (GTK's after "Shanghai": 2 rows over the "h", 1 under the
# "g"): then it must also reach DESCENT rows under the baseline, where no straight letter ends
# ("l", "1", "I" stand on it).
CARET_ROWS = 8
LINE_MARGIN = 2
DESCENT = 3
# Motif draws the caret of a field without the focus as a dotted I-beam: a one-pixel stem inked
# on every other row, a two-pixel serif at each end. No font draws a stroke so (Grace's fields
# read "0" behind it as "lo", and an empty one as "fi").
DOTS = 5  # inked rows of a dotted stem, at least
SERIF = 2  # columns an I-beam's serifs reach either side of its stem (Motif's focused caret)


def erase_caret(crop: Image.Image, loose: bool = False) -> Image.Image:
    """Paint out a text caret: a thin dark stroke nearly as tall as the field, or one that
    reaches over and under the text on its line.

    Tesseract reads "Clear|" as "Cleaq"; a caret blinks, so the same field would
    read differently from one observation to the next.
    """
    gray = np.asarray(ImageOps.grayscale(crop)).copy()
    if gray.size == 0 or np.median(gray) < 128:
        return crop  # a dark fill (a selected row): every gap between strokes would look like a caret
    dark = gray < 128
    stems = dotted_stems(dark)
    erase_dotted(gray, stems)
    carets = thin_strokes(dark, CARET_SHARE * gray.shape[0])
    if not carets and loose:  # a field's crop (read-back), never a key's: xcalc's "4" has such a stem
        carets = [run for run in thin_strokes(dark, CARET_ROWS) if spans_the_line(dark, *run)][:1]
        beam = None if carets else i_beam(dark)
        carets += [(beam, beam + 1)] if beam is not None else []
    for start, end in carets:
        serifs(gray, dark, start, end)
        gray[:, start:end] = np.median(gray)
    hats = under_carets(dark) if loose else []
    for x, y, w, h in hats:
        gray[y : y + h, x : x + w] = np.median(gray)
    return Image.fromarray(gray) if carets or stems or hats else crop


# Athena's text field (Xaw) marks the insertion point with a small "^" under the baseline,
# between two letters or after the last: read as "." or "," ("outl.eps." for "out1.eps").
HAT_W, HAT_H = 10, 6  # pixels: the largest such mark (xfig's: 6 wide, 3 tall)


def under_carets(dark: np.ndarray) -> list[tuple[int, int, int, int]]:
    """The "^" carets in a field's crop, as (x, y, w, h): a small piece of ink on its own, wholly
    under the text's baseline (a descender is joined to its letter), wider at its foot than at
    its tip (an underscore is as wide at both)."""
    if not dark.any():
        return []
    count, labels, stats, _ = cv2.connectedComponentsWithStats(dark.astype(np.uint8), connectivity=8)
    if count < 3:
        return []  # the mark alone or nothing: no text, so no baseline to be under
    line = baseline(dark, 0)
    found = []
    for k in range(1, count):
        x, y, w, h = (int(v) for v in stats[k, :4])
        if w > HAT_W or h > HAT_H or h < 2 or y <= line + 1:
            continue
        piece = labels[y : y + h, x : x + w] == k
        tip, foot = np.flatnonzero(piece[0]), np.flatnonzero(piece[-1])
        if foot[-1] - foot[0] > tip[-1] - tip[0] and foot[0] < tip[0] and foot[-1] > tip[-1]:
            found.append((x, y, w, h))
    return found


def serifs(gray: np.ndarray, dark: np.ndarray, start: int, end: int) -> None:
    """Paint out an I-beam's serifs: ink on the end rows of the stroke in columns ``start:end``,
    at most SERIF columns either side of it, with no other ink on those rows."""
    rows = np.flatnonzero(dark[:, start:end].any(axis=1))
    if rows.size == 0:
        return
    near = slice(max(start - SERIF, 0), end + SERIF)
    for row in (int(rows[0]), int(rows[-1])):
        line = dark[row].copy()
        line[near] = False
        if not line.any():
            gray[row, near] = np.median(gray)


def i_beam(dark: np.ndarray) -> int | None:
    """The column of a solid I-beam caret touching the letter before it (Motif's, right after
    an "8"): one column of a thin stroke that spans the line on its own, its serifs left out."""
    for start, end in thin_strokes(dark, CARET_ROWS):
        for column in range(start, end):
            if spans_the_line(dark, column, column + 1, SERIF):
                return column
    return None


def dotted_stems(dark: np.ndarray) -> list[tuple[int, int, int]]:
    """Dotted I-beams (see DOTS): a column inked on every other row over at least DOTS rows, as
    (column, first row, last row). Letters beside it may touch it (the caret right after a "2")."""
    found = []
    apart = (dark.sum(axis=0) >= DOTS) & ~(dark[1:] & dark[:-1]).any(axis=0)  # no two inked rows touch
    for column in np.flatnonzero(apart):
        rows = np.flatnonzero(dark[:, column])
        if rows.size >= DOTS and (np.diff(rows) == 2).all():
            found.append((int(column), int(rows[0]), int(rows[-1])))
    return found


def erase_dotted(gray: np.ndarray, stems: list[tuple[int, int, int]]) -> None:
    """Paint out dotted I-beams in ``gray``: the stem, and the serif a row past each end."""
    fill = np.median(gray)
    for column, top, bottom in stems:
        gray[top : bottom + 1, column] = fill
        for row in (top - 1, bottom + 1):
            if 0 <= row < gray.shape[0]:
                gray[row, max(column - 1, 0) : column + 2] = fill


def thin_strokes(dark: np.ndarray, rows: float) -> list[tuple[int, int]]:
    """Runs of at most CARET_WIDTH columns each dark on at least ``rows`` rows: (start, end)."""
    tall = dark.sum(axis=0) >= rows
    padded = np.concatenate(([False], tall, [False]))
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True) if b - a <= CARET_WIDTH]


def spans_the_line(dark: np.ndarray, start: int, end: int, beside: int = 1) -> bool:
    """Whether columns ``start:end`` hold one solid stroke that reaches LINE_MARGIN pixels above
    and below all the other ink on its rows (a pixel either side of it left out: a letter it
    touches), or LINE_MARGIN above, one under and DESCENT under the baseline (a descender's
    foot beside it). No other ink there: a lone "l" or "1" may be all the field holds, so no caret."""
    rows = np.flatnonzero(dark[:, start:end].all(axis=1))
    if rows.size < CARET_ROWS or rows[-1] - rows[0] + 1 != rows.size:
        return False  # not one unbroken stroke
    top, bottom = int(rows[0]), int(rows[-1])
    others = dark[top : bottom + 1].copy()
    others[:, max(start - beside, 0) : end + beside] = False
    ink = np.flatnonzero(others.any(axis=1)) + top
    if ink.size == 0 or ink[0] - top < LINE_MARGIN or bottom - ink[-1] < 1:
        return False
    return bottom - ink[-1] >= LINE_MARGIN or bottom - baseline(others, top) >= DESCENT


def baseline(ink: np.ndarray, top: int) -> int:
    """The row most of the text stands on: the median of its inked columns' lowest rows (a
    descender's few columns go under it), ``ink``'s rows starting at ``top``."""
    columns = np.flatnonzero(ink.any(axis=0))
    lowest = ink.shape[0] - 1 - np.argmax(ink[::-1, columns], axis=0)
    return top + int(np.median(lowest))


def read_control(
    crop: Image.Image,
    ocr: OcrEngine,
    page: str = "",
    page_conf: float = 0.0,
    readings: list[tuple[str, float]] | None = None,
) -> tuple[str, float] | None:
    """Vote over a few renderings of one button (``readings``, when already read), plus what
    the page pass read there.

    The page pass counts as one vote: a blinking caret can sink its confidence while
    its text is right, and one rendering agreeing with it is then enough.
    """
    page_vote = [(page, page_conf)] if len(page) > 1 else []  # lone characters: the page pass's worst
    return vote(page_vote + (readings if readings is not None else read_renderings(crop, ocr)))


def read_renderings(crop: Image.Image, ocr: OcrEngine) -> list[tuple[str, float]]:
    """What each rendering of ``crop`` reads, as one line, with its least sure word's confidence."""
    crop = erase_caret(crop)
    readings = []
    for scale, blur, binarize in RENDERINGS:
        words = ocr.read(render(crop, scale, blur, binarize), single_line=True)
        readings.append((clean(" ".join(w.text for w in words)), min((w.conf for w in words), default=0.0)))
    return readings


INK_CONTRAST, INK_PIXELS = 60, 2


def has_ink(crop: Image.Image) -> bool:
    """Whether anything is drawn in ``crop``: a few pixels far from its background."""
    gray = np.asarray(ImageOps.grayscale(crop), dtype=np.int16)
    return gray.size > 0 and int((np.abs(gray - int(np.median(gray))) > INK_CONTRAST).sum()) >= INK_PIXELS


def clean(text: str) -> str:
    """Strip the bits of button borders that OCR reads as characters ("STO]", "|Ibase")."""
    return text.strip().strip(BORDER_CHARS).strip()


def with_controls(image: Image.Image, words: list[OcrWord], controls: list[Box], ocr: OcrEngine) -> list[OcrWord]:
    """Page-level ``words`` with every unsure, missing or one-character label of ``controls``
    read on its own, and a one-character label checked against its shape."""
    result = [OcrWord(t, w.box, w.conf, w.line) for w in words if (t := clean(w.text))]
    for i, box in enumerate(controls):
        inside = [w for w in result if box.contains(*w.box.center)]
        inset = box.intersect(Box(box.x + INSET, box.y + INSET, box.w - 2 * INSET, box.h - 2 * INSET)) or box
        crop = image.crop((inset.x, inset.y, inset.right, inset.bottom))
        if not has_ink(crop):
            result = [w for w in result if w not in inside]  # an empty cell: whatever was read there is noise
            continue
        # One button has one label: a box holding several words is a bar or a group, unless
        # they are the unsure pieces of one word ("Fil" and "e": the icon beside it broke it).
        grouped = len(inside) > 1 and (min(w.conf for w in inside) >= CONFIDENT or not one_word(inside))
        if grouped or (len(inside) == 1 and inside[0].conf >= CONFIDENT and len(inside[0].text) > 1):
            # Its words are one line of their own, never joined with the next button's.
            result = [OcrWord(w.text, w.box, w.conf, (CONTROL_LINE + i,)) if w in inside else w for w in result]
            continue
        tried: tuple[str, ...] = ()
        if len(inside) == 1 and inside[0].conf >= CONFIDENT:
            reading: tuple[str, float] | None = (inside[0].text, inside[0].conf)
        else:
            page = " ".join(w.text for w in inside)
            readings = read_renderings(crop, ocr)
            tried = tuple(t for t, _ in readings)
            reading = read_control(crop, ocr, page, min((w.conf for w in inside), default=0.0), readings)
            if reading is None and (bare := without_picture(crop)) is not None:
                readings = read_renderings(bare, ocr)
                tried += tuple(t for t, _ in readings)
                reading = read_control(bare, ocr, "", 0.0, readings)
        if reading is None and len(inside) > 1:  # several words no rendering agrees on: left as read
            result = [OcrWord(w.text, w.box, w.conf, (CONTROL_LINE + i,)) if w in inside else w for w in result]
            continue
        if reading is None or len(reading[0]) <= SHORT or reading[1] < PLAUSIBLE:
            checked = second_opinion(crop, reading[0] if reading else None, tried)
            reading = (checked, reading[1] if reading and reading[0] == checked else SHAPE_CONF) if checked else None
        result = [w for w in result if w not in inside]
        if reading:
            result.append(OcrWord(reading[0], box, reading[1], (CONTROL_LINE + i,)))
        else:  # unreadable: keep only words the page pass was fairly sure of, never a lone glyph
            result += [w for w in inside if w.conf >= PLAUSIBLE and len(w.text) > 1]
    return result


def one_word(words: Sequence[OcrWord]) -> bool:
    """Whether ``words`` are pieces of one word: on one line (each one's middle within every
    other's height), each closer to the next than a space is wide (half the smallest's height:
    a lone "e" is 6 px tall, a button's word read as one is as tall as the button)."""
    if not all(a.box.y <= b.box.center[1] <= a.box.bottom for a in words for b in words):
        return False
    ordered = sorted(words, key=lambda w: w.box.x)
    small = min(w.box.h for w in words)
    return all(b.box.x - a.box.right <= max(2, small // 2) for a, b in pairwise(ordered))


PICTURE_GAP = 3  # blank columns, at least, between a picture and the words beside it


def without_picture(crop: Image.Image) -> Image.Image | None:
    """``crop`` from its words on, when a picture stands before them; else None.

    A button's icon reads as different noise in each rendering ("db File", "dbFile", "£4 Snap"),
    so no two agree and the button went unread. The picture is the first run of inked columns,
    set apart by PICTURE_GAP, wider than half its height and at least half as wide again as
    any run after it (letters, or letters touching).
    """
    gray = np.asarray(ImageOps.grayscale(crop), dtype=np.int16)
    ink = np.abs(gray - int(np.median(gray))) > INK_CONTRAST
    inked = np.flatnonzero(ink.any(axis=0))
    if inked.size < 2:
        return None
    breaks = np.flatnonzero(np.diff(inked) > 1)
    starts, ends = inked[np.r_[0, breaks + 1]], inked[np.r_[breaks, inked.size - 1]] + 1
    if len(starts) < 3 or starts[1] - ends[0] < PICTURE_GAP:
        return None
    rows = np.flatnonzero(ink[:, starts[0] : ends[0]].any(axis=1))
    width, height = int(ends[0] - starts[0]), int(rows[-1] - rows[0] + 1)
    widest_after = int(max(e - s for s, e in zip(starts[1:], ends[1:], strict=True)))
    if 2 * width < height or 2 * width < 3 * widest_after:
        return None
    return crop.crop((int(starts[1]) - 1, 0, crop.width, crop.height))


def second_look(crop: Image.Image, ocr: OcrEngine) -> list[str]:
    """Read one element again on its own, as the misread guard does before a click.

    ``crop`` is a button inside its border, or a word with a margin around it. Every
    rendering's reading, and for a short or unsure label also what its shape says (a
    symbol OCR cannot read, or a lone reading the shape refutes, dropped).
    """
    readings = read_renderings(crop, ocr)
    agreed = vote(readings)
    if agreed is None and len(common := words_most_read(readings)) > SHORT:
        return [common]
    if agreed is None or len(agreed[0]) <= SHORT or agreed[1] < PLAUSIBLE:
        shaped = second_opinion(crop, agreed[0] if agreed else None, tuple(t for t, _ in readings))
        return [shaped] if shaped else []
    return [text for text, _ in readings if text]
