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

from PIL.Image import Image

from automation.perception.controls import erase_caret, has_ink, read_control
from automation.protocols import OcrEngine
from automation.types import Box, Element, OcrWord

RING = 4  # pixels: a focus ring's width, left out of the crop that is read
MIN_CONF = 60.0  # the vote's confidence a reading needs to stand as the entry's text
ENTRY_LINE = 30_000  # line ids for these readings, apart from the page's, controls' and unread lines'


def unread_entries(
    crop: Image, elements: Sequence[Element], words: Sequence[OcrWord], ocr: OcrEngine
) -> tuple[list[Element], list[OcrWord]]:
    """``elements`` with the text of each labelled entry that shows ink no word covers, read on
    its own, and the words read (in ``crop``'s pixels, as ``elements`` are)."""
    found: list[OcrWord] = []
    out: list[Element] = []
    for i, element in enumerate(elements):
        inside = element.box.intersect(
            Box(element.box.x + RING, element.box.y + RING, element.box.w - 2 * RING, element.box.h - 2 * RING)
        )
        if (
            element.kind != "text"
            or not element.label
            or element.text
            or inside is None
            or any(element.box.contains(*w.box.center) for w in words)
        ):
            out.append(element)
            continue
        piece = erase_caret(crop.crop((inside.x, inside.y, inside.right, inside.bottom)), loose=True)
        reading = read_control(piece, ocr) if has_ink(piece) else None
        if reading is None or reading[1] < MIN_CONF or not any(c.isalnum() for c in reading[0]):
            out.append(element)
            continue
        found.append(OcrWord(reading[0], inside, reading[1], (ENTRY_LINE + i,)))
        out.append(replace(element, text=reading[0]))
    return out, found
