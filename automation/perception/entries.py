"""Text in an entry that the page reading left out, read on the entry's own crop.

A focused entry on a web page wears a thick focus ring in place of its outline, and the
page pass of OCR can read nothing inside it: the form holds "Lyon", the observation shows
the Project entry empty, and the goal check rightly refused a "finished" it could not see
(the task evaluation's web tasks ended "not finished", the value typed). The entry itself
is known by its shape (elements.py) and says where to look, so an entry that shows ink but
holds no word read is read again as one line, as a control's label is (controls.py: a few
renderings, a vote). Only a reading with some confidence is kept: a border or a placeholder's
faint strokes are no value. Its caret is painted out as a field's read-back paints it (the loose
rule): the focused entry is the one that needs this read most, and its caret stands in it. GTK's
caret after "Shanghai", 17 of the crop's 24 rows, was left in: the renderings read "Shanghai" at
confidence 16 and 3 and "Shanghail" at 83, no vote, and the entry read empty (zenity's Trip form,
in a frame whose page pass missed the word; round 14).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from PIL import ImageOps
from PIL.Image import Image

from automation.perception.controls import dotted_stems, erase_caret, has_ink, read_control
from automation.protocols import OcrEngine
from automation.types import Box, Element, OcrWord

RING = 4  # pixels: a focus ring's width, left out of the crop that is read
MIN_CONF = 60.0  # the vote's confidence a reading needs to stand as the entry's text
ENTRY_LINE = 30_000  # line ids for these readings, apart from the page's, controls' and unread lines'


def unread_entries(
    crop: Image, elements: Sequence[Element], words: Sequence[OcrWord], ocr: OcrEngine
) -> tuple[list[Element], list[OcrWord]]:
    """``elements`` with the text of each labelled entry read on its own where the page pass
    could not read it: it shows ink no word covers, or its words were read with a dotted caret
    (``dotted_stems``) as a letter ("lo" for "0"). And ``words`` as they are then: those read
    into such a caret give way to the entry's own reading (all in ``crop``'s pixels)."""
    kept = list(words)
    out: list[Element] = []
    for i, element in enumerate(elements):
        inside = element.box.intersect(
            Box(element.box.x + RING, element.box.y + RING, element.box.w - 2 * RING, element.box.h - 2 * RING)
        )
        if element.kind != "text" or not element.label or inside is None:
            out.append(element)
            continue
        within = [w for w in kept if element.box.contains(*w.box.center)]
        piece = crop.crop((inside.x, inside.y, inside.right, inside.bottom))
        glued = bool(within) and caret_under(piece, inside, within)
        if not glued and (element.text or within):
            out.append(element)
            continue
        piece = erase_caret(piece, loose=True)
        reading = read_control(piece, ocr) if has_ink(piece) else None
        sure = reading is not None and reading[1] >= MIN_CONF and any(c.isalnum() for c in reading[0])
        if glued:  # what was read there was the caret's ink: the entry shows its own reading or nothing
            kept = [w for w in kept if w not in within]
            element = replace(element, text=reading[0] if reading is not None and sure else "")
        elif reading is not None and sure:
            element = replace(element, text=reading[0])
        if reading is not None and sure:
            kept.append(OcrWord(reading[0], inside, reading[1], (ENTRY_LINE + i,)))
        out.append(element)
    return out, kept


def caret_under(piece: Image, inside: Box, words: Sequence[OcrWord]) -> bool:
    """Whether a dotted caret in ``piece`` (an entry's inside, at ``inside``) lies under one of ``words``."""
    dark = np.asarray(ImageOps.grayscale(piece)) < 128
    return any(
        w.box.x <= inside.x + column + 1 <= w.box.right + 1 for column, _, _ in dotted_stems(dark) for w in words
    )
