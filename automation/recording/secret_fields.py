"""Is the field being typed into password-like? Decided from pixels, before any key is written.

A field is password-like when the label nearest left of it (or above it) says
password, passcode, PIN or 密码, or when what it shows is masking: one shape repeated
at a constant advance while different characters were typed, or, when one character
was typed, a glyph that fits * or • better than that character.
When the field cannot be found at all, the keys count as secret: failing closed
loses a typed value from the demonstration, failing open could store a password.

Everything here runs on the classifier thread with the typed characters in memory
only; a Verdict carries no characters, so nothing here can leak them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import cv2
import numpy as np
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont, ImageOps
from PIL.Image import Image

from automation.grounding.fields import NEAR_WHITE, white_runs
from automation.perception.changes import differences, is_thin
from automation.perception.controls import find_controls
from automation.perception.glyphs import font_files, glyph_of
from automation.perception.grouping import group_words, to_screen
from automation.protocols import OcrEngine
from automation.recording.events import WindowRef
from automation.secrets import MASKS, is_secret_label
from automation.types import Box, TextSpan

MASK_LIKE = set(".*·•●∗oO0°")  # typed characters that themselves look like a mask
INK_CONTRAST = 60
REPEATS = 0.3  # ink shifted by one advance differs in less than this share: masking (text: 0.5 and up)
MIN_ADVANCE = 3  # pixels: no glyph advance is narrower
CARET = 0.8  # a column inked over this share of the field's height is the caret
MASK_MARGIN = 0.1  # a mask character must fit the glyph this much better than the typed one
MIN_FIELD = 12  # pixels: a field narrower or lower than this is noise
CLOSE = 9  # pixels: dark runs shorter than this inside white are text, not a gap between fields
BORDER = 1  # pixels cut off the field's edge; a thicker border is found as ink end to end


@dataclass(frozen=True)
class FieldQuestion:
    """What the classifier needs about one run of typing; ``typed`` never leaves memory."""

    run: int
    window: WindowRef
    hint: tuple[int, int] | None  # where the user last clicked in this window, window pixels
    before: Image | None = field(default=None, repr=False)  # the window before the first key
    typed: str = field(default="", repr=False)


@dataclass(frozen=True)
class Verdict:
    run: int
    secret: bool
    field: Box | None  # in window pixels
    label: str | None
    reason: str  # why, for the recorder's log: never the typed characters
    seconds: float = 0.0


def says_secret(label: str) -> bool:
    return is_secret_label(label)


def classify(question: FieldQuestion, after: Image, ocr: OcrEngine) -> Verdict:
    """Decide from ``after``, the window's picture once the first keys have been drawn."""
    box = locate_field(after, question.before, question.hint)
    if box is None:
        return Verdict(question.run, True, None, None, "field not found: kept secret")
    label = label_beside(after, box, ocr)
    if label is not None and says_secret(label):
        return Verdict(question.run, True, box, label, f"label {label!r}")
    inner = after.crop((box.x + BORDER, box.y + BORDER, box.right - BORDER, box.bottom - BORDER))
    if looks_masked(inner, question.typed):
        return Verdict(question.run, True, box, label, "the field shows masking characters")
    return Verdict(question.run, False, box, label, f"label {label!r}" if label else "no label, no masking")


def locate_field(after: Image, before: Image | None, hint: tuple[int, int] | None) -> Box | None:
    """The field in window pixels: around the last click, else where the typing changed pixels."""
    outlines = [b for b in find_controls(after) if b.w >= MIN_FIELD and b.h >= MIN_FIELD]
    if hint is not None:
        around, white = innermost(outlines, hint), white_area(np.asarray(after), hint)
        if white is None or around is None:
            return around or white
        return around if around.w * around.h <= 2 * white.w * white.h else white  # not a frame around it
    if before is None or before.size != after.size:
        return None
    changes = [b for b in differences(np.asarray(before), np.asarray(after)) if not is_thin(b)]
    if not changes:
        return None
    change = max(changes, key=lambda b: b.w * b.h)
    return innermost(outlines, change.center) or change


def innermost(outlines: list[Box], point: tuple[int, int]) -> Box | None:
    """The smallest outline around ``point``, widened to outlines of the same row: text in an
    entry can split its outline into a part before the text and a part after it."""
    around = [b for b in outlines if b.contains(*point)]
    if not around:
        return None
    inner = min(around, key=lambda b: b.w * b.h)
    row = [b for b in around if abs(b.y - inner.y) <= 3 and abs(b.h - inner.h) <= 4]
    return max(row, key=lambda b: b.w)


def white_area(pixels: np.ndarray, point: tuple[int, int]) -> Box | None:
    """The near-white rectangle (an entry's background) around ``point``.

    Text breaks an entry's white background into pieces; closing the white mask
    along rows, then along columns, fills strokes and short lines of text without
    bridging the grey gaps (10 px and more) between the fields of a form.
    """
    white: np.ndarray = np.asarray((pixels >= NEAR_WHITE).all(axis=2), np.uint8)
    for size in ((CLOSE, 1), (1, CLOSE)):
        white = cv2.morphologyEx(white, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, size))
    height, width = white.shape
    x, y = point
    near = sorted(
        ((cx, cy) for cx in range(x - 6, x + 7) for cy in range(y - 6, y + 7)),
        key=lambda p: abs(p[0] - x) + abs(p[1] - y),
    )
    start = next((p for p in near if 0 <= p[0] < width and 0 <= p[1] < height and white[p[1], p[0]]), None)
    if start is None:
        return None
    _, labels, stats, _ = cv2.connectedComponentsWithStats(white, connectivity=4)
    left, top, w, h, _ = stats[labels[start[1], start[0]]]
    if w < MIN_FIELD or h < MIN_FIELD:
        return None
    return Box(int(left), int(top), int(w), int(h))


def label_beside(window: Image, field: Box, ocr: OcrEngine) -> str | None:
    """The text nearest left of ``field`` on its row, else the nearest above it."""
    pad = max(2, field.h // 4)
    left = Box(0, max(0, field.y - pad), field.x, field.h + 2 * pad)
    spans = read(window, left, ocr)
    row = [s for s in spans if field.y <= s.box.center[1] < field.bottom]
    if row:
        return max(row, key=lambda s: s.box.right).text
    above = Box(max(0, field.x - 2 * field.h), max(0, field.y - 3 * field.h), field.w + 2 * field.h, field.h * 3)
    spans = read(window, above, ocr)
    return max(spans, key=lambda s: s.box.bottom).text if spans else None


def read(window: Image, area: Box, ocr: OcrEngine) -> list[TextSpan]:
    area = area.intersect(Box(0, 0, window.width, window.height)) or Box(0, 0, 0, 0)
    if area.w < 8 or area.h < 8:
        return []
    words = ocr.read(window.crop((area.x, area.y, area.right, area.bottom)))
    return [s for s in to_screen(group_words(words), area, "") if s.text.strip()]


def ink_of(inner: Image) -> np.ndarray:
    """The ink inside a field (boolean), the caret left out, trimmed to where ink is."""
    gray = np.asarray(ImageOps.grayscale(inner)).astype(np.int16)
    if gray.size == 0:
        return np.zeros((0, 0), bool)
    ink = np.abs(gray - int(np.median(gray))) > INK_CONTRAST
    ink[:, ink.sum(axis=0) >= CARET * ink.shape[0]] = False  # inked top to bottom: the caret or a border
    ink[ink.sum(axis=1) >= CARET * ink.shape[1], :] = False  # inked end to end: a border
    rows, columns = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if len(rows) == 0:
        return np.zeros((0, 0), bool)
    return ink[rows[0] : rows[-1] + 1, columns[0] : columns[-1] + 1]


def period(ink: np.ndarray) -> int | None:
    """The advance at which the ink repeats itself, when it does over at least two glyphs.

    Masking characters all have one advance and often touch, so repetition finds them
    where splitting at blank columns cannot.
    """
    width = ink.shape[1]
    total = max(int(ink.sum()), 1)
    for step in range(MIN_ADVANCE, width // 2 + 2):
        if step >= width:
            break
        differing = int((ink[:, step:] != ink[:, :-step]).sum())
        if differing <= REPEATS * total:
            return step
    return None


def looks_masked(inner: Image, typed: str) -> bool:
    ink = ink_of(inner)
    if ink.size == 0:
        return False
    step = period(ink)
    distinct = set(typed) - {" "}
    if len(distinct) >= 2:  # different characters typed, one shape drawn again and again
        return step is not None and one_shape(ink[:, :step])
    if not distinct or distinct & MASK_LIKE:
        return False  # "..." typed looks like "•••" drawn
    glyph = one_glyph(ink, step)
    return glyph is not None and shaped_like_mask(glyph, typed)


def one_shape(ink: np.ndarray) -> bool:
    """Whether the glyphs in one period of the ink are all one shape: a mask at a fractional
    advance repeats only every two glyphs, but so do digits such as "2026" ("20", "26"),
    whose glyphs differ from each other."""
    sliver = max(2, ink.shape[1] // 4)
    pieces = [ink[:, s : s + n] for s, n in white_runs(np.asarray(ink.any(axis=0))) if n >= sliver]
    first = pieces[0] if pieces else ink
    for piece in pieces[1:]:
        width = min(first.shape[1], piece.shape[1])
        if abs(first.shape[1] - piece.shape[1]) > 1:
            return False
        differing = int((first[:, :width] != piece[:, :width]).sum())
        if differing > REPEATS * max(int(first.sum()), 1):
            return False
    return True


def one_glyph(ink: np.ndarray, step: int | None) -> np.ndarray | None:
    """A single glyph from the middle of the ink (the first may be cut by the field's edge):
    a piece between blank columns, else one advance of the repetition, else all of it."""
    pieces = [ink[:, s : s + n] for s, n in white_runs(np.asarray(ink.any(axis=0)))]
    candidates = [pieces[len(pieces) // 2]] if len(pieces) >= 2 else []
    if step is not None:
        middle = ink.shape[1] // step // 2 * step
        candidates.append(ink[:, middle : middle + step])
    candidates.append(ink)
    for glyph in candidates:
        rows = np.flatnonzero(glyph.any(axis=1))
        glyph = glyph[rows[0] : rows[-1] + 1] if len(rows) else glyph
        if glyph.shape[1] <= 1.5 * max(glyph.shape[0], 4):  # wider: several glyphs
            return glyph
    return None


def shaped_like_mask(glyph: np.ndarray, typed: str) -> bool:
    """Whether ``glyph`` looks more like a masking character than like what was typed.

    Glyphs in entries are 6-10 pixels tall, too small for a fixed threshold: the
    comparison is relative (a Tk "*" fits "•" 0.58 and "1" 0.03).
    """
    padded = np.pad(np.where(glyph, 0, 255).astype(np.uint8), 4, constant_values=255)
    shape = glyph_of(padded)
    masks = rendered(MASKS)
    if shape is None or masks.size == 0:
        return False
    own = rendered("".join(sorted(set(typed) - {" "})))
    mask_fit = float((masks @ shape.shape).max())
    typed_fit = float((own @ shape.shape).max()) if own.size else -1.0
    return mask_fit > typed_fit + MASK_MARGIN


def rendered(chars: str) -> np.ndarray:
    """``chars`` drawn in this machine's fonts, as comparable shapes (one row each)."""
    shapes = [shape for char in chars for shape in drawn(char)]
    return np.stack(shapes) if shapes else np.zeros((0, 0))


@functools.cache
def drawn(char: str) -> tuple[np.ndarray, ...]:
    """One character in each font; cached per character, so no typed string is kept."""
    shapes = []
    for path in font_files():
        font = ImageFont.truetype(str(path), 40)
        canvas = PILImage.new("L", (90, 90), 255)
        ImageDraw.Draw(canvas).text((20, 10), char, font=font, fill=0)
        glyph = glyph_of(np.asarray(canvas))
        if glyph is not None:
            shapes.append(glyph.shape)
    return tuple(shapes)
