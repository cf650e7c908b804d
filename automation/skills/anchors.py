"""Where a click went, described so it can be found again: label, field, position, picture.

Pure functions over one screenshot's reading. A reading's spans and outlines are in the
screenshot's own pixels (its top-left is the window's top-left), as the recorder saves
the window just before each click.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from PIL import Image
from rapidfuzz import fuzz

from automation.grounding.fields import MIN_RUN, NEAR_WHITE, field_beside, white_runs
from automation.grounding.match import fold, normalize
from automation.perception.elements import centred
from automation.perception.grouping import reading_order
from automation.recording.events import WindowRef
from automation.skills.model import Anchor, WindowMatch
from automation.types import Box, TextSpan

UNDER_MARGIN = 3  # pixels around a label that still count as "on" it
NEAR = 40  # pixels: the farthest a label may be from a click to name it
CROP_HALF = (40, 20)  # half width and height of the picture kept around a click
MIN_CROP_HALF = 8  # a click closer than this to the window's edge keeps no picture
FLAT = 6.0  # grey-level spread under which a crop is featureless (an empty entry) and useless
ENTRY_ROWS = (0, -4, 4, -7, 7)  # rows around the click where an entry's white run is looked for
FIELD_ROW = 12  # pixels: a label's field must be found this close to the click's row
CAPTION_ROWS = 3  # an outline at most this many text heights tall around a label is its button
SURE = 70.0  # OCR confidence of a label fit to be waited for without doubt
SAME = 80.0  # rapidfuzz ratio at which two readings are taken for the same label
INK_CHANGE = 40  # grey levels: a pixel that moved this much was drawn anew
INK_SHARE = 0.06  # share of a label's pixels that must have been drawn anew for it to be new (ink covers ~15-30 %)
INK_INSET = 2  # pixels trimmed off a label's box: a focus ring beside it is no change of the label
INK_DARKER = 90  # grey levels below a box's usual shade that make a caption's ink
LINE_SHARE = 0.35  # a row or column this much ink, reaching near both ends, is a line (a dotted ring is half ink)
LINE_ENDS = 0.25  # "near an end": within this share of the length
REREAD = 60.0  # rapidfuzz ratio of two readings of one word at one place ("Qty" and "Oty": 67)
REREAD_SHIFT = 4  # pixels: a word read again starts this close to where it did
WORDISH = re.compile(r"[^\W\d_]{2,}|[\u3400-\u9fff]")  # two letters in a row, or one CJK character


@dataclass(frozen=True)
class ShotReading:
    """What one pre-click screenshot showed, in its own pixels."""

    spans: tuple[TextSpan, ...]
    outlines: tuple[Box, ...] = ()
    image: Image.Image | None = None  # RGB; None when only the text is known


ReadShot = Callable[[str], ShotReading]  # screenshot file name -> its reading
ReadPart = Callable[[Image.Image, Box], list[TextSpan]]  # a picture and a box of it -> the labels read there alone


def window_match(window: WindowRef) -> WindowMatch:
    return WindowMatch(app=window.app, title=window.title, exe=window.exe)


def relative(x: int, y: int, box: Box) -> tuple[float, float]:
    return (round((x - box.x) / max(box.w, 1), 4), round((y - box.y) / max(box.h, 1), 4))


def anchor_for(
    x: int,
    y: int,
    window: WindowRef,
    reading: ShotReading | None,
    crop_name: str,
    opened: Callable[[Box], bool] = lambda box: False,
    values: Sequence[str] = (),
) -> tuple[Anchor, bytes | None]:
    """The anchor of a click at screen (x, y) and, when the picture allows, a PNG crop around it.

    ``opened(box)`` says whether the window drew that box anew since the click before in it
    (``redrawn``): a label right under the click that the click before drew (not a typed
    ``value``) is what this click chose, an item of a list drawn inside the window (Swing's
    Metal combo), however much the list looks like an entry beside a label above it."""
    box = window.box
    bare = Anchor(window_match(window), None, relative=relative(x, y, box))
    if reading is None:
        return bare, None
    px, py = x - box.x, y - box.y  # in the screenshot's pixels
    pixels = np.asarray(reading.image.convert("RGB")) if reading.image is not None else None
    crop = crop_around(pixels, px, py) if pixels is not None else None
    under = label_under(px, py, reading.spans)
    chosen = under is not None and opened(under.box) and not any(shows_value(under.text, v) for v in values)
    label, field = (None, False) if chosen or pixels is None else field_label(px, py, reading, pixels)
    if label is None:
        label = label_at(px, py, reading.spans)
    if label is None:
        return Anchor(bare.window, None, relative=bare.relative, crop=crop_name if crop else None), crop
    cx, cy = label.box.center
    anchor = Anchor(
        bare.window,
        label.text,
        offset=(px - cx, py - cy),
        relative=bare.relative,
        crop=crop_name if crop else None,
        field=field,
    )
    return anchor, crop


def label_under(x: int, y: int, spans: Sequence[TextSpan]) -> TextSpan | None:
    """The label under the point (the smallest, when labels nest)."""
    m = UNDER_MARGIN
    under = [s for s in spans if s.box.x - m <= x < s.box.right + m and s.box.y - m <= y < s.box.bottom + m]
    return min(under, key=lambda s: s.box.w * s.box.h) if under else None


def label_at(x: int, y: int, spans: Sequence[TextSpan]) -> TextSpan | None:
    """The label under the point, else the nearest within NEAR."""
    under = label_under(x, y, spans)
    if under is not None:
        return under
    near = [(gap(s.box, x, y), s) for s in spans]
    near = [(d, s) for d, s in near if d <= NEAR]
    return min(near, key=lambda ds: ds[0])[1] if near else None


def gap(box: Box, x: int, y: int) -> float:
    """Distance from a point to a box's nearest edge (0 inside)."""
    dx = max(box.x - x, 0, x - box.right + 1)
    dy = max(box.y - y, 0, y - box.bottom + 1)
    return float((dx * dx + dy * dy) ** 0.5)


def field_label(x: int, y: int, reading: ShotReading, pixels: np.ndarray) -> tuple[TextSpan | None, bool]:
    """The label whose field the click went into, found the way replay will find the field again.

    The click must land in an entry (a long near-white run) or an outlined box, and
    ``field_beside`` from a label left of it or above it must point into that same entry.
    """
    container = entry_at(pixels, x, y) or outline_at(reading.outlines, x, y)
    if container is None:
        return None, False
    if caption_in_middle(pixels, container):
        return None, False  # a button, named by its caption (Swing's Yes under its question)
    area = Box(0, 0, pixels.shape[1], pixels.shape[0])
    for label in beside_or_above(reading.spans, container, y):
        if is_caption(label, reading.outlines):
            continue  # a button's text names the button, not a field beside it
        spot = field_beside(pixels, label.box, area, list(reading.outlines))
        if spot is not None and container.contains(*spot) and abs(spot[1] - y) <= FIELD_ROW:
            return label, True
    return None, False


def caption_in_middle(pixels: np.ndarray, box: Box) -> bool:
    """Whether the dark ink inside ``box`` stands in its middle, as a button's caption does (an
    entry's text starts at its left, a combo's choice too, with its arrow at the right).

    Told from the pixels, not the words: a caption read on its own takes its button's box."""
    grey = np.asarray(pixels[max(box.y, 0) : box.bottom, max(box.x, 0) : box.right].min(axis=2), dtype=np.int16)
    if grey.size == 0:
        return False
    ink = grey < int(np.median(grey)) - INK_DARKER
    # A line along the whole box (a border, a focus ring) is no caption's ink.
    rows, columns_along = along(ink), along(ink.T)
    ink[rows, :] = False
    ink[:, columns_along] = False
    columns = np.flatnonzero(ink.any(axis=0))
    if columns.size == 0:
        return False
    left, right = int(columns[0]), int(columns[-1]) + 1
    span = TextSpan("", Box(box.x + left, box.y, right - left, box.h), 0.0)
    return centred([span], Box(box.x, box.y, grey.shape[1], box.h))


def along(ink: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """Which rows of ``ink`` are lines along the box: ink over a good share of the row, reaching
    near both its ends (a border, a dotted focus ring), where a letter's stroke stays inside."""
    share = ink.mean(axis=1) >= LINE_SHARE
    width = ink.shape[1]
    reach = max(1, round(width * LINE_ENDS))
    near_ends = ink[:, :reach].any(axis=1) & ink[:, width - reach :].any(axis=1)
    return np.asarray(share & near_ends)


def entry_at(pixels: np.ndarray, x: int, y: int) -> Box | None:
    """The near-white run holding the click, on its row or one just above or below (text breaks runs)."""
    white: NDArray[np.bool_] = np.asarray((pixels >= NEAR_WHITE).all(axis=2))
    for dy in ENTRY_ROWS:
        row = y + dy
        if not 0 <= row < white.shape[0]:
            continue
        for start, length in white_runs(white[row]):
            if length >= MIN_RUN and start <= x < start + length:
                return Box(start, y - FIELD_ROW, length, 2 * FIELD_ROW + 1)
    return None


def outline_at(outlines: Sequence[Box], x: int, y: int) -> Box | None:
    holding = [b for b in outlines if b.contains(x, y) and b.w >= MIN_RUN]
    return min(holding, key=lambda b: b.w * b.h) if holding else None


def is_caption(span: TextSpan, outlines: Sequence[Box]) -> bool:
    """True for text inside a tight outline, a button's caption: the Clear button beside Submit is
    no field of Submit's."""
    cx, cy = span.box.center
    return any(b.contains(cx, cy) and b.h <= CAPTION_ROWS * span.box.h for b in outlines)


def beside_or_above(spans: Sequence[TextSpan], field: Box, y: int) -> list[TextSpan]:
    """Labels that could name ``field``: left of it on the click's row, nearest first, then above it."""
    left = [s for s in spans if s.box.right <= field.x + 2 and s.box.y - 4 <= y <= s.box.bottom + 4]
    above = [
        s
        for s in spans
        if s.box.bottom <= y and y - s.box.bottom <= 3 * s.box.h and abs(s.box.x - field.x) <= 2 * s.box.h
    ]
    return sorted(left, key=lambda s: field.x - s.box.right) + sorted(above, key=lambda s: y - s.box.bottom)


def crop_around(pixels: np.ndarray, x: int, y: int) -> bytes | None:
    """A PNG of the pixels around (x, y), centred on it (shrunk near an edge), or None when useless."""
    h, w = pixels.shape[:2]
    hx = min(CROP_HALF[0], x, w - 1 - x)
    hy = min(CROP_HALF[1], y, h - 1 - y)
    if min(hx, hy) < MIN_CROP_HALF:
        return None
    patch = pixels[y - hy : y + hy + 1, x - hx : x + hx + 1]
    if float(patch.mean(axis=2).std()) < FLAT:
        return None
    out = io.BytesIO()
    Image.fromarray(patch).save(out, format="PNG")
    return out.getvalue()


def new_label(
    after: Sequence[TextSpan],
    before: Sequence[TextSpan],
    values: Sequence[str],
    drawn: Callable[[Box], bool] = lambda box: True,
    shift: tuple[int, int] | None = None,
) -> str | None:
    """The first label in reading order that ``after`` shows and ``before`` did not.

    Typed values are left out (they change from run to run), and so is what looks like
    OCR noise: a label must hold a word, and a sure one is preferred to an unsure one.
    ``drawn(box)`` says whether the application drew anything new there: a label whose
    pixels are as they were is the same label read another way ("Qty" once, "Oty" the next
    time) or one OCR missed before, never what the step did (see ``redrawn``). With
    ``shift`` (where ``before``'s pixels lie in ``after``'s, both pictures of one window),
    a piece of a known label where that label was ("Acco" of "Account holder" half covered
    by a page's modal) is not new either.
    """
    known = [fold(normalize(s.text)) for s in before]
    fresh = [
        s
        for s in sorted(after, key=reading_order)
        if WORDISH.search(s.text)
        and s.conf >= SURE / 2
        and not any(fuzz.ratio(fold(normalize(s.text)), k) >= SAME for k in known)
        and not any(shows_value(s.text, v) for v in values)
        and drawn(s.box)
        and not (shift is not None and piece_of(s, before, shift))
    ]
    sure = [s for s in fresh if s.conf >= SURE]
    chosen = (sure or fresh)[:1]
    return chosen[0].text if chosen else None


def piece_of(span: TextSpan, before: Sequence[TextSpan], shift: tuple[int, int]) -> bool:
    """Whether ``span`` is a label ``before`` had at the same place (shifted into span's pixels), read
    again: part of a longer one (half covered), or the same word read another way where every pixel
    was dimmed ("Oty" where "Qty" was, under a web page's modal veil)."""
    text = fold(normalize(span.text))
    for k in before:
        whole = fold(normalize(k.text))
        placed = Box(k.box.x + shift[0], k.box.y + shift[1], k.box.w, k.box.h)
        if placed.intersect(span.box) is None:
            continue
        if len(whole) > len(text) and fuzz.partial_ratio(text, whole) >= SAME:
            return True
        if len(whole) == len(text) and fuzz.ratio(text, whole) >= REREAD and abs(placed.x - span.box.x) <= REREAD_SHIFT:
            return True
    return False


def placement(before: ShotReading, before_at: Box, after: ShotReading, after_at: Box) -> tuple[int, int]:
    """Where ``before``'s pixel (0, 0) lies in ``after``'s pixels: both pictures of one window, each
    taken at its ``*_at`` screen box; (0, 0) when a picture's size does not match its box."""
    sizes = [(r.image.width, r.image.height) for r in (before, after) if r.image is not None]
    if sizes != [(before_at.w, before_at.h), (after_at.w, after_at.h)]:
        return (0, 0)
    return (before_at.x - after_at.x, before_at.y - after_at.y)


def shows_value(text: str, value: str) -> bool:
    text, value = text.casefold(), value.casefold().strip()
    if not value:
        return False
    return value in text or (len(value) >= 3 and fuzz.partial_ratio(value, text) >= 80)


def redrawn(before: ShotReading, before_at: Box, after: ShotReading, after_at: Box) -> Callable[[Box], bool]:
    """Whether a box of ``after`` (in its own pixels) shows something drawn since ``before``.

    Both are pictures of one window, each placed on the screen at its ``*_at`` box (a
    picture taken with a pop-up open is larger than its window). Part of a box outside the
    earlier picture is new. Without pixels everything counts as drawn.
    """
    if before.image is None or after.image is None:
        return lambda box: True
    now = np.asarray(after.image.convert("L"), dtype=np.int16)
    was = np.asarray(before.image.convert("L"), dtype=np.int16)
    sx, sy = placement(before, before_at, after, after_at)
    dx, dy = -sx, -sy  # after's pixel (x, y) shows the screen point that before has at (x + dx, y + dy)

    def drawn(box: Box) -> bool:
        x0, y0 = max(box.x + INK_INSET, 0), max(box.y + INK_INSET, 0)
        x1, y1 = min(box.right - INK_INSET, now.shape[1]), min(box.bottom - INK_INSET, now.shape[0])
        if x1 <= x0 or y1 <= y0:
            x0, y0, x1, y1 = max(box.x, 0), max(box.y, 0), min(box.right, now.shape[1]), min(box.bottom, now.shape[0])
        if x1 <= x0 or y1 <= y0:
            return True
        bx0, by0, bx1, by1 = x0 + dx, y0 + dy, x1 + dx, y1 + dy
        if bx0 < 0 or by0 < 0 or bx1 > was.shape[1] or by1 > was.shape[0]:
            return True  # not all of it was in the earlier picture
        changed = np.abs(now[y0:y1, x0:x1] - was[by0:by1, bx0:bx1]) > INK_CHANGE
        return float(changed.mean()) >= INK_SHARE

    return drawn
