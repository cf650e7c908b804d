"""A check box's label read again from the box's edge, when the page reading took the
box's frame for the label's first letters.

Chromium draws its check box 3-4 px from the label: the page reading gives one word for
both ("(Taxable", "ORecurring"). Cutting the word by its mean character width took one
letter too many when the frame read as a glyph wider than a letter ("end copy",
"ecurring"). The part of the word right of the box is read again on its own, as one line.
"""

from __future__ import annotations

from collections.abc import Sequence

from PIL import Image

from automation.perception.controls import clean, render
from automation.protocols import OcrEngine
from automation.types import Box, OcrWord

SCALE = 3
BORDER = 10  # pixels `render` adds around its picture
MARGIN = 2  # pixels kept above and below the word, and right of it
GAP = 1  # pixels left out right of the box's frame


def read_past_marks(
    image: Image.Image, words: Sequence[OcrWord], marks: Sequence[Box], ocr: OcrEngine
) -> list[OcrWord]:
    """``words`` (in ``image``'s pixels) with each word that begins in a mark and runs past
    it replaced by what is read right of the mark; a word whose rest reads as nothing stays."""
    out: list[OcrWord] = []
    for word in words:
        mark = next((m for m in marks if m.intersect(word.box) and word.box.x < m.right < word.box.right), None)
        reread = reread_right_of(image, word, mark, ocr) if mark is not None else None
        out.append(reread or word)
    return out


def reread_right_of(image: Image.Image, word: OcrWord, mark: Box, ocr: OcrEngine) -> OcrWord | None:
    left = mark.right + GAP
    top, bottom = (
        max(0, min(word.box.y, mark.y) - MARGIN),
        min(image.height, max(word.box.bottom, mark.bottom) + MARGIN),
    )
    right = min(image.width, word.box.right + MARGIN)
    if right - left < 4 or bottom - top < 4:
        return None
    read = [w for w in ocr.read(render(image.crop((left, top, right, bottom)), SCALE, 0.0, False), single_line=True)]
    texts = [t for w in read if (t := clean(w.text))]
    if not texts:
        return None
    boxes = [w.box for w in read if clean(w.text)]
    x0 = min(b.x for b in boxes)
    x1 = max(b.right for b in boxes)
    x = left + max(0, (x0 - BORDER) // SCALE)
    box = Box(x, word.box.y, max(1, min(word.box.right, left + -(-(x1 - BORDER) // SCALE)) - x), word.box.h)
    return OcrWord(" ".join(texts), box, min(w.conf for w in read if clean(w.text)), word.line)
