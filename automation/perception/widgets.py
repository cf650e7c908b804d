"""Controls found by their shape, in any toolkit's style.

Every toolkit draws an entry as a rectangle with a light interior set off from
what is around it (a sunken 3-D border in Tk and Win32, a 1-px line in Swing and
HTML, a rounded outline in Qt); a combo box is such a box, or a button-like one,
with a small downward arrow at its right end; a check box is a small square and
a radio button a small circle. Nothing here knows a toolkit: only sizes in
pixels and contrast. Positions are in the pixels of the picture given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageOps

from automation.types import Box, ElementKind

LIGHT = 246  # a field's interior: at least this bright in gray (Swing's panel is 238, its fields 255)
MIN_H, MAX_H = 14, 48  # pixels: a single-line field's inner height
MIN_ASPECT = 2.2  # a field is this many times wider than tall; a square is a button or icon
FILL = 0.55  # share of the box that is light (the rest is text, caret, selection)
SIDE_DARK = 0.75  # share of each side's outer line that must be set off from the interior
EDGE_CONTRAST = 12  # gray levels between interior and border, at least
BEVEL_LIGHT = 6  # gray levels a sunken field's lit lower and right edge is above its interior, at least
BEVEL_REACH = 5  # pixels beyond a sunken field's interior where the window around it shows
TINT = 3  # gray levels a tinted field's interior differs from the window around it, at least
FLAT_LEVELS = 8  # the commonest gray levels of a window looked at for tinted fields
BAR_W, BAR_H = (8, 24), (4, 14)  # pixels: an option menu's raised bar, from its outer edges
MARK_MIN, MARK_MAX = 9, 26  # pixels: the side of a check box or radio indicator
DISPLAY_MAX_H, DISPLAY_ASPECT = 160, 1.5  # a display is taller than a field, still wider than tall
ROW_INK = 60  # gray levels from a display's background that count as a row's ink
ROW_EDGE = 3  # pixels at a display's sides left out when looking for its rows (its own border)
ROW_MIN = 5  # pixels: ink less tall than this is a rule or a speck, no row of text
SQUARE_FILL, CIRCLE_FILL, ROUND_FILL = 0.8, 0.8, 0.65  # share of its bounding box a mark's hull fills
INK = 90  # gray levels from the background that count as drawn
FRAME_INK = 20  # gray levels a check box's frame differs from its inside, at least (a 3D frame's light side)
LETTER_GAP = 2  # pixels: a label that begins this far left of a frame holds it as one of its letters
FRAME_SIDE = 0.85  # share of each side of a mark's box its frame covers
TIP_SHARE = 0.75  # share of an arrow's widest row its anti-aliased top rows span, at least
THIN_TICK = 0.06  # share of a mark's middle a thin tick inks, at least


@dataclass(frozen=True)
class Shape:
    """One control found from pixels: ``kind`` is text, combo, check, radio or button."""

    kind: ElementKind
    box: Box
    checked: bool | None = None
    arrow: Box | None = None  # a combo's arrow button, where a click opens it


def gray_of(image: Image.Image) -> NDArray[np.uint8]:
    return np.asarray(ImageOps.grayscale(image))


def find_shapes(
    image: Image.Image,
    outlines: Sequence[Box],
    words: Sequence[Box] = (),
    labels: Sequence[Box] = (),
    unsure: Sequence[Box] = (),
) -> list[Shape]:
    """Text boxes, combos, check boxes and radio buttons in ``image``; ``outlines`` are its
    outlined rectangles (``controls.find_controls``), ``words`` the boxes of text read on it,
    ``labels`` those words joined into labels on their lines, ``unsure`` the boxes of words
    read with little confidence (left out of ``words``)."""
    gray = gray_of(image)
    shapes: list[Shape] = []
    boxes = [b for b in light_boxes(gray) if not stacked(gray, b)]
    flats = flat_boxes(gray)  # looked at once for both bevels
    boxes += [b for b in sunken_boxes(gray, flats) if not any(overlap(b, o) > 0.6 for o in boxes)]
    shapes += [Shape("combo", box, arrow=bar) for box, bar in option_menus(gray, flats)]
    # An outlined rectangle with no light box inside it may still be a field: a read-only
    # combo drawn like a button. It counts only when it carries an arrow.
    for outline in sorted(outlines, key=lambda b: -b.w * b.h):  # the outer border of a combo first
        if MIN_H <= outline.h <= MAX_H and outline.w >= MIN_ASPECT * outline.h:
            if any(overlap(outline, b) > 0.6 for b in boxes) or any(overlap(outline, s.box) > 0.6 for s in shapes):
                continue
            arrow = arrow_at(gray, outline)
            if arrow is not None:
                shapes.append(Shape("combo", outline, arrow=arrow))
    for box in boxes:
        if any(overlap(box, s.box) > 0.6 for s in shapes):
            continue
        outer = next((o for o in outlines if contains(o, box, 5) and o.w <= box.w + 12), None)
        whole = outer if outer is not None else box
        arrow = arrow_at(gray, whole)
        shapes.append(Shape("combo" if arrow else "text", whole, arrow=arrow))
    shapes += marks(gray, [s.box for s in shapes], words, labels, unsure)
    return sorted(shapes, key=lambda s: (s.box.y // 8, s.box.x))


def light_boxes(gray: NDArray[np.uint8], low: int = MIN_H, high: int = MAX_H, aspect: float = MIN_ASPECT) -> list[Box]:
    """Light rectangles of a field's proportions whose four sides are set off from them."""
    mask = (gray >= LIGHT).astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=4)
    found: list[Box] = []
    for i in range(1, count):
        x, y, w, h, area = (int(v) for v in stats[i])
        if not (low <= h <= high and w >= aspect * h) or area < FILL * w * h:
            continue
        if set_off(gray, Box(x, y, w, h)):
            found.append(Box(x, y, w, h))
    return found


def sunken_boxes(gray: NDArray[np.uint8], flats: Sequence[tuple[Box, int]] | None = None) -> list[Box]:
    """Flat boxes of a field's proportions in a tint of their own, sunk into the window: Motif
    draws a text field's interior in a colour darker than white (Grace's is a pale cyan, gray
    223) behind a bevel dark above and left, lit below and right. A sunken box in the window's
    own colour (a status line, a frame) is no field. ``flats``: ``flat_boxes(gray)``, when known."""
    found = flat_boxes(gray) if flats is None else flats
    return [box for box, level in found if level < LIGHT and bevelled(gray, box, level, sunk=True)]


def option_menus(gray: NDArray[np.uint8], flats: Sequence[tuple[Box, int]] | None = None) -> list[tuple[Box, Box]]:
    """Motif's option menus, a combo drawn as a raised button (lit above and left, dark below
    and right) with a small raised bar at its right end: (the box, the bar)."""
    found = []
    for box, level in flat_boxes(gray) if flats is None else flats:
        bar = bar_at(gray, box) if bevelled(gray, box, level, sunk=False) else None
        if bar is not None:
            found.append((box, bar))
    return found


def flat_boxes(gray: NDArray[np.uint8]) -> list[tuple[Box, int]]:
    """Boxes of a field's proportions filled flat with one of the window's commonest grays, with
    that gray: where a bevelled field or button may stand (``bevelled``)."""
    levels, counts = np.unique(gray, return_counts=True)
    least = FILL * MIN_H * MIN_ASPECT * MIN_H  # pixels: the smallest field's interior
    common = [int(v) for v, n in sorted(zip(levels, counts, strict=True), key=lambda p: -p[1]) if n >= least]
    found: list[tuple[Box, int]] = []
    for level in common[:FLAT_LEVELS]:
        if level < EDGE_CONTRAST:
            continue  # nothing is darker than a black inside's bevel
        count, _, stats, _ = cv2.connectedComponentsWithStats((gray == level).astype(np.uint8), connectivity=4)
        for i in range(1, count):
            x, y, w, h, area = (int(v) for v in stats[i])
            if MIN_H <= h <= MAX_H and w >= MIN_ASPECT * h and area >= FILL * w * h:
                found.append((Box(x, y, w, h), level))
    return found


def bevelled(gray: NDArray[np.uint8], box: Box, inside: int, sunk: bool) -> bool:
    """Whether ``box``, of gray ``inside``, lies behind a bevel: ``sunk`` into a window of another
    gray, or raised out of it."""
    height, width = gray.shape
    r = BEVEL_REACH
    if box.x < r or box.y < r or box.right + r > width or box.bottom + r > height:
        return False
    c = 3 if box.h > 12 else 1
    above, left = gray[box.y - 1, box.x + c : box.right - c], gray[box.y + c : box.bottom - c, box.x - 1]
    below, right = gray[box.bottom, box.x + c : box.right - c], gray[box.y + c : box.bottom - c, box.right]
    shaded, lit = ((above, left), (below, right)) if sunk else ((below, right), (above, left))
    dark = all((side < inside - EDGE_CONTRAST).mean() >= SIDE_DARK for side in shaded)
    light = all((side > inside + BEVEL_LIGHT).mean() >= SIDE_DARK for side in lit)
    if not sunk:
        return dark and light
    columns = slice(box.x, box.right)
    around = np.concatenate(
        (gray[box.y - r, columns], gray[box.bottom + r - 1, columns], gray[box.y : box.bottom, box.x - r])
    )
    return dark and light and abs(float(np.median(around)) - inside) >= TINT


def bar_at(gray: NDArray[np.uint8], box: Box) -> Box | None:
    """The small raised bar at the right end of ``box`` (Motif's option menu indicator): a
    hollow rectangle wider than tall, lit along its top and dark along its bottom."""
    left = max(box.x, box.right - 2 * box.h)
    area = gray[box.y : box.bottom, left : box.right].astype(np.int16)
    ground = int(np.median(area))
    count, _, stats, _ = cv2.connectedComponentsWithStats(
        (np.abs(area - ground) >= EDGE_CONTRAST).astype(np.uint8), connectivity=8
    )
    for i in range(1, count):
        x, y, w, h, _ = (int(v) for v in stats[i])
        if not (BAR_W[0] <= w <= BAR_W[1] and BAR_H[0] <= h <= BAR_H[1] and w > h):
            continue
        top, bottom = area[y, x + 1 : x + w - 1], area[y + h - 1, x + 1 : x + w - 1]
        middle = area[y + 2 : y + h - 2, x + 2 : x + w - 2]
        hollow = middle.size > 0 and bool((np.abs(middle - ground) < EDGE_CONTRAST).mean() >= 0.8)
        if hollow and (top > ground).mean() >= SIDE_DARK and (bottom < ground).mean() >= SIDE_DARK:
            return Box(left + x, box.y + y, w, h)
    return None


def displays(image: Image.Image) -> list[Box]:
    """Light boxes set off all round that are taller than a field, or a field's size with rows of
    text stacked in them: a calculator's display, a result panel. A display may be no taller than
    a field yet show its value above a row of mode letters (an LCD's annunciators): read as one
    field, its rows were one text in the order of their words across, and the value, when one
    character, was not read at all."""
    gray = gray_of(image)
    boxes = light_boxes(gray, MIN_H, DISPLAY_MAX_H, DISPLAY_ASPECT)  # one pass for both
    tall = [b for b in boxes if b.h > MAX_H]
    return tall + [b for b in boxes if b.h <= MAX_H and b.w >= MIN_ASPECT * b.h and stacked(gray, b)]


def stacked(gray: NDArray[np.uint8], box: Box) -> bool:
    """Whether the light ``box`` holds two rows of text or more, one above the other: no
    single-line field does."""
    return len(ink_rows(gray[box.y : box.bottom, box.x : box.right])) >= 2


def ink_rows(gray: NDArray[np.uint8]) -> list[tuple[int, int]]:
    """The rows of ink across a display's inside (``gray``, its pixels), each as its top and the
    line past its bottom: runs of lines holding ink, at least ``ROW_MIN`` tall; the columns at
    its sides are left out (the display's own border)."""
    pixels = gray.astype(np.int16)
    ink = np.abs(pixels - int(np.median(pixels))) > ROW_INK
    ink[:, :ROW_EDGE] = ink[:, -ROW_EDGE:] = False
    inked = np.concatenate(([False], ink.any(axis=1), [False]))
    edges = np.flatnonzero(inked[1:] != inked[:-1])
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True) if b - a >= ROW_MIN]


def set_off(gray: NDArray[np.uint8], box: Box) -> bool:
    """Whether the lines just outside ``box`` are darker than its inside on all four sides.

    Corners are left out: Qt and HTML round them. A light region that spills into a
    light page is not a field; a bordered one is.
    """
    height, width = gray.shape
    if box.x < 1 or box.y < 1 or box.right >= width or box.bottom >= height:
        return False
    inside = float(np.median(gray[box.y : box.bottom, box.x : box.right]))
    c = 3 if box.h > 12 else 1
    sides = (
        gray[box.y - 1, box.x + c : box.right - c],
        gray[box.bottom, box.x + c : box.right - c],
        gray[box.y + c : box.bottom - c, box.x - 1],
        gray[box.y + c : box.bottom - c, box.right],
    )
    return all(side.size and (side < inside - EDGE_CONTRAST).mean() >= SIDE_DARK for side in sides)


def arrow_at(gray: NDArray[np.uint8], box: Box) -> Box | None:
    """The downward arrow at the right end of ``box``, if it has one (a combo's button).

    Looked for in a square as tall as the box at its right end (and just past it,
    where Tk and Swing draw the button outside the text part): one small blob of ink,
    wider than tall, whose rows narrow downward (a triangle or a chevron).
    """
    height, width = gray.shape
    side = box.h
    for right in (box.right, min(width, box.right + side)):
        left = max(box.x, right - side)
        y0, y1 = max(0, box.y), min(height, box.bottom)
        area = gray[y0:y1, left:right]
        if area.size == 0 or right - left < side // 2:
            continue
        blob = arrow_blob(area)
        if blob is not None:
            return Box(left + blob.x, y0 + blob.y, blob.w, blob.h)
    return None


def arrow_blob(area: NDArray[np.uint8]) -> Box | None:
    background = int(np.median(area))
    ink = (np.abs(area.astype(np.int16) - background) > INK // 2).astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    h_area, w_area = area.shape
    for i in range(1, count):
        x, y, w, h, n = (int(v) for v in stats[i])
        # Not a border line (as long as the area), not a speck, not a letter (taller than wide).
        if not (4 <= w <= 0.8 * w_area and 2 <= h <= 0.6 * h_area and w >= h and n >= 5):
            continue
        if x == 0 or y == 0 or x + w == w_area or y + h == h_area:
            continue  # touches the square's edge: a border or a neighbour, not the glyph
        rows = [np.flatnonzero(ink[y + r, x : x + w]) for r in range(h)]
        spans = [int(r[-1] - r[0] + 1) for r in rows if r.size]
        # Narrowing from its widest row, which is at its top: a chevron's anti-aliased tips make
        # its first row a little narrower than the second (Chromium's unstyled drop-down).
        widest = spans.index(max(spans)) if spans else 0
        below = spans[widest:]
        tips = all(t >= TIP_SHARE * below[0] for t in spans[:widest])  # no rounder top (an "o")
        if (
            len(below) >= 2
            and tips
            and (widest == 0 or below[-1] <= below[0] / 2)  # then down to a point
            and below[0] > below[-1]
            and all(b <= a + 1 for a, b in pairwise(below))
        ):
            return Box(x, y, w, h)
    return None


def marks(
    gray: NDArray[np.uint8],
    taken: Sequence[Box],
    words: Sequence[Box],
    labels: Sequence[Box] = (),
    unsure: Sequence[Box] = (),
) -> list[Shape]:
    """Small squares (check boxes) and circles (radio buttons).

    A letter can be as small and as round ("O"): a mark never overlaps a word that
    was read, and lies inside no other control. A square frame closed on all four
    sides is no letter: OCR may read it as the first glyph of the label beside it
    ("(Send copy"), and it is still a check box; unless a label (``labels``: words
    joined on their line) begins left of it: then it is a letter inside that label
    (the "D" of "Posting Date" in Swing's bold font is a closed square frame). A round
    mark is a letter too when even an unsure word (``unsure``) runs past it: a bold label
    read with little confidence ("Tax ID:") is made of such rings.
    """
    edges = cv2.Canny(gray, 50, 150)
    # Every contour, not only the outermost: a form laid out in a bordered table (an old web
    # page, a Motif frame) holds its marks inside a cell's outline, which alone is external.
    contours, _ = cv2.findContours(edges, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    sized = [(c, Box(*(int(v) for v in cv2.boundingRect(c)))) for c in contours]
    sized = [
        (c, b) for c, b in sized if MARK_MIN <= b.w <= MARK_MAX and MARK_MIN <= b.h <= MARK_MAX and abs(b.w - b.h) <= 2
    ]
    found: list[Shape] = []
    # Outer contours first: a mark's own inner edge, or the tick inside it, comes after the mark.
    for contour, box in sorted(sized, key=lambda cb: -cb[1].w * cb[1].h):
        x, y, w, h = box.x, box.y, box.w, box.h
        if any(contains(f.box, box, 1) for f in found):
            continue
        if any(contains(t, box, 0) for t in taken):
            continue
        if any(abs(f.box.x - x) <= 3 and abs(f.box.y - y) <= 3 for f in found):
            continue
        square = framed(gray, box)
        # Inside a label that begins left of it, it is one of its letters or signs: the "D" of Swing's
        # bold "Posting Date" is a closed square frame, the "&" of HomeBank's "Add & Keep" a ring.
        if any(contains(b, box, 1) and b.x < box.x - LETTER_GAP for b in labels):
            continue
        # A word inside the mark is its tick read as a letter ("¥"); one reaching past it is text,
        # unless the mark stands apart from the rest of that word (a ring read as "®" of "®Net").
        past = [b for b in words if b.intersect(box) and not contains(box, b, 3)]
        if not square and past and not all(apart(gray, box, b) for b in past):
            continue
        # A square (corners rounded a little) fills most of its bounding box; a circle
        # about pi/4 of it. A Win32 box's 3D frame may give a contour of its dark half only:
        # the frame test, not the hull, makes it a square.
        fill = cv2.contourArea(cv2.convexHull(contour)) / float(w * h)
        kind: ElementKind
        if square or fill >= SQUARE_FILL:
            kind = "check"
        elif ROUND_FILL <= fill < CIRCLE_FILL:
            kind = "radio"
            if any(b.intersect(box) and not contains(box, b, 3) for b in unsure):
                continue
        else:
            continue
        if kind == "check" and (signed(gray, box) or arrowed(gray, box)):
            continue  # a plus or minus in a box, a tree's expander; an arrow, a scroll bar's button
        found.append(Shape(kind, box, checked=ticked(gray, box)))
    return found


SIGN_SPAN = 0.5  # share of a box's inside a plus's or minus's bar spans, at least
SIGN_BAND = 1  # pixels either side of the middle row (column) a bar keeps to


def signed(gray: NDArray[np.uint8], box: Box) -> bool:
    """Whether a square holds a plus or a minus sign: all its ink on a bar across the middle
    row, and maybe one down the middle column. A tree's expander (Win32's, Motif's, Tk's) is
    drawn so; a tick and a cross run slant, a filled box fills it, and a dot is round."""
    inner = gray[box.y + 2 : box.bottom - 2, box.x + 2 : box.right - 2].astype(np.int16)
    if inner.shape[0] < 3 or inner.shape[1] < 3:
        return False
    ink = np.abs(inner - int(np.percentile(inner, 90))) > INK // 2
    if not ink.any():
        return False
    h, w = ink.shape
    rows = slice(max(0, h // 2 - SIGN_BAND - (h + 1) % 2), h // 2 + SIGN_BAND + 1)
    cols = slice(max(0, w // 2 - SIGN_BAND - (w + 1) % 2), w // 2 + SIGN_BAND + 1)
    across, down = ink[rows, :].any(axis=0), ink[:, cols].any(axis=1)
    if across.sum() < SIGN_SPAN * w:
        return False  # no bar across the middle
    stray = ink.copy()
    stray[rows, :] = False
    stray[:, cols] = False
    if stray.any():
        return False  # ink off the two middle bars: a tick, a cross, a glyph
    # A plus's upright bar crosses most rows; a minus has none at all off its bar.
    off_bar = ink.copy()
    off_bar[rows, :] = False
    return not off_bar.any() or down.sum() >= SIGN_SPAN * h


MIRRORED, UNMIRRORED = 0.85, 0.6  # overlap of a glyph with its mirror image: an arrow's one way, not the other


def arrowed(gray: NDArray[np.uint8], box: Box) -> bool:
    """Whether a square holds an arrow ("<", ">", a triangle): its ink, in its own bounds, is
    its own mirror image across one middle line and not across the other. A scroll bar's
    button is drawn so; a tick is its mirror image neither way, a cross, a dot or a filled box
    both ways."""
    inner = gray[box.y + 2 : box.bottom - 2, box.x + 2 : box.right - 2].astype(np.int16)
    if inner.size == 0:
        return False
    ink = np.abs(inner - int(np.percentile(inner, 90))) > INK // 2
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if len(rows) < 3 or len(cols) < 3:
        return False
    glyph = ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]

    def alike(a: NDArray[np.bool_], b: NDArray[np.bool_]) -> float:
        return float((a & b).sum()) / float((a | b).sum())

    across, upright = alike(glyph, glyph[::-1, :]), alike(glyph, glyph[:, ::-1])
    return max(across, upright) >= MIRRORED and min(across, upright) <= UNMIRRORED


APART_GAP, APART_SHARE = 3, 0.15  # pixels, and share of a mark's width: a mark's gap to its label, at least


def apart(gray: NDArray[np.uint8], mark: Box, word: Box) -> bool:
    """Whether ``mark`` stands apart from the rest of ``word``, which OCR read through it:
    it is the word's first glyph, a blank gap wider than letters leave between them follows
    it, then more ink within the word.

    A radio button stands 3-5 px from its label (Chromium, Swing, GTK); the letter "O"
    starting a word stands a pixel or two from the next letter, and alone it has no rest.
    """
    right = min(word.right, gray.shape[1])
    if right <= mark.right or word.x < mark.x - APART_GAP:
        return False  # nothing after it, or it is not the word's first glyph (the "n" of "Region:")
    strip = gray[mark.y : mark.bottom, mark.right : right].astype(np.int16)
    if strip.size == 0:
        return False
    background = int(np.median(gray[mark.y : mark.bottom, max(0, mark.x - 3) : mark.right + 3]))
    inked = np.flatnonzero((np.abs(strip - background) > INK // 2).any(axis=0))
    if inked.size == 0:
        return False
    return int(inked[0]) >= max(APART_GAP, APART_SHARE * mark.w)


def framed(gray: NDArray[np.uint8], box: Box) -> bool:
    """Whether ``box`` is drawn as a square frame: on each side, a line near the box's edge
    keeps one colour, set off from the inside and from what lies beyond it, along nearly
    its whole length.

    A circle's side lines leave its frame near the corners, and a letter's bounding box
    touches its strokes only in places ("M" dips between its peaks). The edge finder may
    put the box a pixel off a faint 3D frame's light side: lines a pixel out count too.
    """
    m = 2
    if box.x < m or box.y < m or box.right + m > gray.shape[1] or box.bottom + m > gray.shape[0]:
        return False
    area = gray[box.y - m : box.bottom + m, box.x - m : box.right + m].astype(np.int16)
    inside = int(np.median(area[m + 3 : -m - 3, m + 3 : -m - 3]))
    rows = area[:, m:-m]  # top and bottom lines run between the side columns
    cols = area[m:-m, :].T
    last = area.shape[0] - 1, area.shape[1] - 1
    sides = (
        [(rows[i], rows[i - 1]) for i in (m - 1, m, m + 1)],
        [(rows[i], rows[i + 1]) for i in (last[0] - m + 1, last[0] - m, last[0] - m - 1)],
        [(cols[i], cols[i - 1]) for i in (m - 1, m, m + 1)],
        [(cols[i], cols[i + 1]) for i in (last[1] - m + 1, last[1] - m, last[1] - m - 1)],
    )
    return all(any(closed(line, beyond, inside) for line, beyond in side) for side in sides)


def closed(line: NDArray[np.int16], beyond: NDArray[np.int16], inside: int) -> bool:
    """Whether ``line`` (one side of a mark, corners aside) is one frame colour nearly all along."""
    frame = int(np.median(line[len(line) // 3 : 2 * len(line) // 3]))
    contrast = abs(frame - inside)
    # Corners aside: a pixel, or more on a larger mark, whose corners are rounded (Chromium's
    # 13 px box leaves two pixels of each end of a side blank or faint)
    corner = max(1, len(line) // 6)
    if contrast < FRAME_INK:
        return fill_edge(line[corner:-corner], beyond[corner:-corner], inside)
    if abs(frame - int(np.median(beyond))) < FRAME_INK // 2:
        return False
    return float((np.abs(line[corner:-corner] - frame) <= contrast / 2).mean()) >= FRAME_SIDE


def fill_edge(line: NDArray[np.int16], beyond: NDArray[np.int16], inside: int) -> bool:
    """Whether a side of a mark is its fill's own edge: ``line`` the inside's colour and what
    lies ``beyond`` it set off from that, nearly all along. Tk's check box is a white square whose
    sunken bevel is dark on the top and left only, its light bottom and right as white as its
    inside, against the grey window: its contour, a hair under a square's fill, made it a radio
    button, and its frame, read as "t-", stayed in its label ("t- Send copy", zoo dev seed 151)."""
    if line.size == 0:
        return False
    same = np.abs(line - inside) < FRAME_INK // 2
    apart = np.abs(beyond - inside) >= FRAME_INK
    return float((same & apart).mean()) >= FRAME_SIDE


def ticked(gray: NDArray[np.uint8], box: Box) -> bool:
    """Whether something is drawn in the middle of a mark (a tick, a cross, a dot)."""
    inset = max(3, box.w // 4)
    middle = gray[box.y + inset : box.bottom - inset, box.x + inset : box.right - inset].astype(np.int16)
    inner = gray[box.y + 2 : box.bottom - 2, box.x + 2 : box.right - 2]
    if middle.size == 0 or inner.size == 0:
        return False
    background = int(np.percentile(inner, 90))
    ink = np.abs(middle - background) > INK // 2
    if ink.mean() > 0.2:
        return True
    # A thin tick (Wine's 1-px stroke inks ~12 % of the middle) still crosses most of its rows
    # and columns; a speck does not.
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    return bool(ink.mean() >= THIN_TICK and len(rows) >= ink.shape[0] / 2 and len(cols) >= ink.shape[1] / 2)


def contains(outer: Box, inner: Box, slack: int) -> bool:
    return (
        outer.x - slack <= inner.x
        and outer.y - slack <= inner.y
        and inner.right <= outer.right + slack
        and inner.bottom <= outer.bottom + slack
    )


def overlap(a: Box, b: Box) -> float:
    """Share of the smaller box covered by the other."""
    inter = a.intersect(b)
    if inter is None:
        return 0.0
    return inter.w * inter.h / float(min(a.w * a.h, b.w * b.h))
