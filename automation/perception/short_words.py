"""Short or unsure words read again on their own crop, larger, and kept only when surer.

The page pass reads the window at 2x, where a short word's few letters are most easily
lost or changed: a grid's column header "Qty" came back "oy" (Win32 under Wine), "Qt"
(GTK), a button's "Book" as "Besk" at 34, "Amount" as "Ameunt" at 85. Read alone at 3x as
one line, Tesseract reads such a word right and surer. A word a page reading gives with
few characters or less than sure is read that way once more, from a crop round its box
that stops short of the words beside it; the new reading replaces it only when it is one
word and Tesseract is surer of it than of the first, so a reading can only gain: an icon
the page read as noise stays noise unless a larger look reads a word there surely.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PIL import Image

from automation.perception.controls import CONFIDENT, INK_CONTRAST, INSET, clean, render
from automation.protocols import OcrEngine
from automation.types import Box, OcrWord

SHORT = 4  # characters: a word this short is read again, however sure
UNSURE = 90.0  # a longer word read less surely than this is read again
SCALE = 3
# The third reading that settles two readings that differ: larger still and smoother, so that
# neither a bitmap font's steps nor a one-pixel tail decide it (a Q's tail lost at 2x: "Oty").
TIE_SCALE = 4
TIE_BLUR = 2.0
BLUR = 1.0  # smooths a bitmap font's steps and a thin anti-aliased stroke alike
BORDER = 10  # pixels ``render`` adds round the crop
MARGIN_Y = 3  # pixels above and below the word's box
GAP = 2  # pixels kept clear of a neighbouring word's box
MIN_H = 6  # pixels: a box lower than this is a stroke or a dot, not a word
MIN_LETTERS = 2  # letters or digits in a word read again, and in its new reading
SURE = 75.0  # a new reading must be at least this sure: noise read a little surer stays out


def letters(text: str) -> int:
    return sum(c.isalnum() for c in text)


def needs_second_read(word: OcrWord, controls: Sequence[Box]) -> bool:
    """Whether a page word is short or unsure enough to be read again on its own: two
    letters or digits at least (a lone glyph is a mark's, an arrow's or a key's, read by
    its shape elsewhere). An unsure word inside an outlined control is left to the
    control's own renderings and their vote (``with_controls``); a sure one is not, since
    the vote trusts it as read (Swing's header "Qty" read "Oty" at 94 there)."""
    return (
        word.box.h >= MIN_H
        and letters(word.text) >= MIN_LETTERS
        and (len(word.text) <= SHORT or word.conf < UNSURE)
        and not (word.conf < CONFIDENT and any(c.contains(*word.box.center) for c in controls))
    )


def reread_short(
    image: Image.Image, words: Sequence[OcrWord], ocr: OcrEngine, controls: Sequence[Box] = ()
) -> list[OcrWord]:
    """``words`` (``image``'s pixels) with each short or unsure one read again, larger, and
    replaced by that reading when it is one word Tesseract is sure of and surer than before."""
    return [second_read(image, w, words, ocr, controls) if needs_second_read(w, controls) else w for w in words]


def second_read(
    image: Image.Image, word: OcrWord, words: Sequence[OcrWord], ocr: OcrEngine, controls: Sequence[Box] = ()
) -> OcrWord:
    # A word in an outlined control is read within its border: the border read as a letter
    # ("lEE") could be surer than the word.
    within = Box(0, 0, image.width, image.height)
    holder = next((c for c in controls if c.contains(*word.box.center)), None)
    if holder is not None:
        inset = Box(holder.x + INSET, holder.y + INSET, holder.w - 2 * INSET, holder.h - 2 * INSET)
        within = holder.intersect(inset) or holder
    region = crop_box(word.box, [w.box for w in words if w is not word], within)
    if region is not None:
        region = short_of_lines(image, word.box, region)
    if region is None:
        return word
    crop = image.crop((region.x, region.y, region.right, region.bottom))
    again = ocr.read(render(crop, SCALE, BLUR, False), single_line=True)
    if len(again) != 1:
        return word  # nothing, or several words: the crop reached past the word
    text, conf = clean(again[0].text), again[0].conf
    if " " in text or letters(text) < MIN_LETTERS or conf < SURE:
        return word
    if text != word.text:
        # Two readings of one word that differ: a third, rendered otherwise, decides, and
        # Tesseract's confidence does not (a small bitmap font's "o" read "a" at 3x, surer:
        # Motif's "Logit" became "Lagit" at 92 from 78, "Logarithmic" "Lagarithmic").
        third = ocr.read(render(crop, TIE_SCALE, TIE_BLUR, False), single_line=True)
        said = clean(third[0].text) if len(third) == 1 else ""
        if said == word.text:
            return word
        if said == text:
            conf = max(conf, third[0].conf)  # two of three readings agree: surer than the page's one
            return OcrWord(text, unscaled(again[0].box, region).intersect(region) or word.box, conf, word.line)
    if conf <= word.conf:
        return word
    return OcrWord(text, unscaled(again[0].box, region).intersect(region) or word.box, conf, word.line)


def crop_box(box: Box, others: Sequence[Box], within: Box) -> Box | None:
    """The crop a word is read again from: its box, a few pixels above and below, and
    sideways as far as its height (letters the page pass left out) but never into the
    box of a word beside it on its line, nor out of ``within``."""
    left, right = box.x - box.h, box.right + box.h
    top, bottom = box.y - MARGIN_Y, box.bottom + MARGIN_Y
    for other in others:
        if other.bottom <= top or other.y >= bottom:
            continue  # another line
        if other.right <= box.x:
            left = max(left, other.right + GAP)
        elif other.x >= box.right:
            right = min(right, other.x - GAP)
        else:
            return None  # overlapping words: which pixels are whose is unclear
    left, top = max(within.x, left), max(within.y, top)
    right, bottom = min(within.right, right), min(within.bottom, bottom)
    if right - left < box.w or bottom - top < box.h:
        return None
    return Box(left, top, right - left, bottom - top)


LINE_SHARE = 0.8  # a column inked on this share of the crop's rows is a border, not a letter


def short_of_lines(image: Image.Image, box: Box, region: Box) -> Box:
    """``region`` narrowed to stop short of an upright line beside the word (a field's or a
    cell's border, inked nearly the crop's whole height: no letter is, with the margin
    above and below), which a larger reading may take for an "l" and be surer of."""
    gray = np.asarray(image.convert("L").crop((region.x, region.y, region.right, region.bottom)), dtype=np.int16)
    if gray.size == 0:
        return region
    ink = np.abs(gray - int(np.median(gray))) > INK_CONTRAST
    lines = np.flatnonzero(ink.mean(axis=0) >= LINE_SHARE) + region.x
    left = max((int(x) + 1 for x in lines if x < box.x), default=region.x)
    right = min((int(x) for x in lines if x >= box.right), default=region.right)
    return Box(left, region.y, max(right - left, 1), region.h)


def unscaled(box: Box, region: Box) -> Box:
    """A box read on ``render``'s picture of ``region`` in the window's pixels, rounded outward."""
    left, top = (box.x - BORDER) // SCALE, (box.y - BORDER) // SCALE
    right, bottom = -(-(box.right - BORDER) // SCALE), -(-(box.bottom - BORDER) // SCALE)
    return Box(region.x + left, region.y + top, max(right - left, 1), max(bottom - top, 1))
