"""A second opinion on a button that holds one character, from its shape.

Tesseract's English model never reads some symbols calculators and forms use
(÷, π, √, ×, ±) and turns them into letters it knows ("π" became "x" at confidence
88). Here a lone glyph is compared with the same characters rendered from the fonts
on this machine: a symbol that clearly fits better than any letter is taken; a
reading whose proportions no font draws that character with ("(" read as "C") is
refused. Pure image arithmetic; the reference shapes are built once per process.
"""

from __future__ import annotations

import functools
import math
import string
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont, ImageOps

SYMBOLS = "÷×√π±←→↑↓"  # drawn on keys, never read by the OCR model
# Lone characters whose shape alone names them when OCR reads nothing: operators differ
# enough from every letter in every font; letters and digits do not (a "7" fits "?").
BY_SHAPE = SYMBOLS + "+-*/="
CHARACTERS = string.digits + string.ascii_letters + "+-*/=.,:;()[]{}<>%!?^&#@$|~" + SYMBOLS
# Sans and serif outlines close to what old toolkits draw (Helvetica, Times, DejaVu).
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSerif.ttf", "NimbusSans-Regular.otf", "NimbusRoman-Regular.otf")
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts")
SIDE = 32  # pixels of the square a glyph is compared in
INK_CONTRAST = 60
SYMBOL_SURE, SYMBOL_MARGIN = 0.65, 0.08  # a symbol must fit this well, and this much better than any letter
SHAPE_SURE, SHAPE_MARGIN = 0.8, 0.12  # an operator OCR missed: fit, and lead over every other character
MAX_ASPECT_RATIO = 1.8  # a reading whose width/height is further than this from every font's is refused
OTHER_PARTS = 0.85  # a character drawn in another number of parts ("+" against "÷") fits less
SMALL = 4  # pixels: a dot or a dash has no meaningful proportions
NEAR_BEST = 0.03  # a character OCR read is taken when the shape fits it at most this much worse than the best
DASH_FILL, DASH_ASPECT = 0.8, 2.0  # a solid bar at least this many times wider than tall ...
MISSING = "\ufffe"  # a code point no font draws: what a font draws for a character it lacks


@dataclass(frozen=True)
class Glyph:
    shape: np.ndarray  # SIDE*SIDE, zero mean, unit length: a dot product is a correlation
    aspect: float  # width / height of the ink
    size: tuple[int, int]  # ink width, height in pixels
    parts: int  # connected groups of ink: "47" has two, "√" one


def glyph_of(gray: np.ndarray) -> Glyph | None:
    """The ink of ``gray`` (dark on light or light on dark) as a comparable shape."""
    as_int = gray.astype(np.int16)
    ink = np.abs(as_int - int(np.median(as_int))) > INK_CONTRAST
    ys, xs = np.nonzero(ink)
    if len(xs) == 0:
        return None
    box = ink[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    h, w = box.shape
    parts = cv2.connectedComponents(ink.astype(np.uint8), connectivity=8)[0] - 1
    return Glyph(shape_of(box), w / h, (w, h), parts)


def shape_of(ink: np.ndarray) -> np.ndarray:
    """A box of ink scaled into the comparison square, blurred, zero mean and unit length."""
    h, w = ink.shape
    scale = (SIDE - 4) / max(h, w)
    small = cv2.resize(
        ink.astype(np.float32), (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA
    )
    canvas = np.zeros((SIDE, SIDE), np.float32)
    top, left = (SIDE - small.shape[0]) // 2, (SIDE - small.shape[1]) // 2
    canvas[top : top + small.shape[0], left : left + small.shape[1]] = small
    shape = cv2.GaussianBlur(canvas, (0, 0), 1.5).ravel()
    shape = shape - shape.mean()
    norm = float(np.linalg.norm(shape))
    return shape / norm if norm else shape


@dataclass(frozen=True)
class Bank:
    chars: tuple[str, ...]  # one entry per (font, character)
    shapes: np.ndarray  # len(chars) x SIDE*SIDE
    aspects: np.ndarray
    parts: np.ndarray

    def fits(self, glyph: Glyph) -> dict[str, float]:
        """How well ``glyph`` fits each character, best font, proportions and parts counted."""
        correlation = self.shapes @ glyph.shape
        penalty = np.exp(-np.abs(np.log(self.aspects / glyph.aspect)))
        penalty = penalty * np.where(self.parts == glyph.parts, 1.0, OTHER_PARTS)
        best: dict[str, float] = {}
        for char, score in zip(self.chars, correlation * penalty, strict=True):
            best[char] = max(best.get(char, -1.0), float(score))
        return best

    def proportions_fit(self, char: str, glyph: Glyph) -> bool:
        if min(glyph.size) < SMALL:
            return True
        aspects = [a for c, a in zip(self.chars, self.aspects, strict=True) if c == char]
        return not aspects or min(abs(math.log(a / glyph.aspect)) for a in aspects) <= math.log(MAX_ASPECT_RATIO)


def font_files() -> list[Path]:
    found: list[Path] = []
    for name in FONT_FILES:
        for root in FONT_DIRS:
            found += sorted(Path(root).rglob(name))[:1] if Path(root).is_dir() else []
    return found


@functools.cache
def bank() -> Bank | None:
    """Reference shapes from the fonts on this machine; None when it has none of them."""
    chars: list[str] = []
    shapes: list[np.ndarray] = []
    aspects: list[float] = []
    parts: list[int] = []
    for path in font_files():
        font = ImageFont.truetype(str(path), 40)
        lacks = drawn(MISSING, font)
        for char in CHARACTERS:
            canvas = drawn(char, font)
            if np.array_equal(canvas, lacks):
                continue  # the font has no such glyph (Nimbus has no arrows): its empty box is no reference
            glyph = glyph_of(canvas)
            if glyph is not None:
                chars.append(char)
                shapes.append(glyph.shape)
                aspects.append(glyph.aspect)
                parts.append(glyph.parts)
    if not chars:
        return None
    return Bank(tuple(chars), np.stack(shapes), np.array(aspects, np.float32), np.array(parts))


def drawn(char: str, font: ImageFont.FreeTypeFont) -> np.ndarray:
    canvas = Image.new("L", (90, 90), 255)
    ImageDraw.Draw(canvas).text((20, 10), char, font=font, fill=0)
    return np.asarray(canvas)


def second_opinion(crop: Image.Image, reading: str | None, tried: tuple[str, ...] = ()) -> str | None:
    """The label of a button with at most a few characters, checked against its shape.

    A symbol the shape clearly is wins, and so does a lone bar across the middle (a
    minus, too thin for shapes); an operator OCR missed is named by its shape; a
    character that one of the ``tried`` readings gave and the shape clearly is, is
    taken. A reading with more characters than the ink has separate parts is refused,
    unless one of its characters is clearly the shape ("Cc" for a lone "C"); so is a
    reading whose proportions no font draws that character with. None: unreadable.
    """
    references = bank()
    gray = np.asarray(ImageOps.grayscale(crop))
    glyph = glyph_of(gray)
    if references is None or glyph is None:
        return reading
    if is_dash(gray):
        return "-"
    fits = references.fits(glyph)
    symbol = max(SYMBOLS, key=lambda c: fits.get(c, -1.0))
    if fits.get(symbol, -1.0) >= SYMBOL_SURE and fits[symbol] - runner_up(fits, symbol) >= SYMBOL_MARGIN:
        return symbol
    best = max(fits, key=fits.__getitem__)
    if reading is None:
        sure = fits[best] >= SHAPE_SURE and fits[best] - runner_up(fits, best) >= SHAPE_MARGIN
        if best in BY_SHAPE and sure:
            return best
        return confirmed(fits, "".join(t.strip() for t in tried if len(t.strip()) == 1))
    if len(reading.replace(" ", "")) > glyph.parts:
        return confirmed(fits, reading) if glyph.parts == 1 else None
    if len(reading) == 1 and not references.proportions_fit(reading, glyph):
        return None
    return reading


def is_dash(gray: np.ndarray) -> bool:
    """Whether the only ink is one solid bar, wider than tall, across the middle of the crop."""
    as_int = gray.astype(np.int16)
    ink = np.abs(as_int - int(np.median(as_int))) > INK_CONTRAST
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    if count != 2:
        return False
    _, y, w, h, area = (int(v) for v in stats[1])
    middle = gray.shape[0] / 3 <= y + h / 2 <= 2 * gray.shape[0] / 3
    return middle and w >= DASH_ASPECT * h and area >= DASH_FILL * w * h and w >= SMALL


def confirmed(fits: dict[str, float], read: str) -> str | None:
    """The character of ``read`` (what OCR saw, in any rendering) that the shape nearly best fits.

    At a dozen pixels "1" and "]", "C" and "O" fit about alike; OCR's word between them is
    taken when the shape does not clearly say otherwise. The first one OCR gave wins a tie
    of case ("Cc" for a lone "C" is "C").
    """
    chars = [c for c in dict.fromkeys(read) if c in fits and not c.isspace()]
    if not chars:
        return None
    pick = max(chars, key=lambda c: (round(fits[c], 2), -chars.index(c)))
    near = fits[pick] >= SHAPE_SURE and fits[pick] >= max(fits.values()) - NEAR_BEST
    return pick if near else None


def runner_up(fits: dict[str, float], best: str) -> float:
    """The best fit of a letter or digit but ``best``: a bar ("-") was already told apart as a dash."""
    return max((s for c, s in fits.items() if c != best and c not in SYMBOLS and c != "-"), default=-1.0)
