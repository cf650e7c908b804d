"""A second OCR pass in other scripts, only for crops whose first reading looks foreign.

The screen is read in English (fast, and right for most applications). A crop of
Chinese text read as English comes back as a few low-confidence blobs: short
"words" of punctuation, odd letters, or nothing a dictionary knows. Only then is the
crop read again with the wider language set (e.g. ``chi_sim+eng``), and the second
reading kept when Tesseract is surer of it. An English crop costs nothing more unless
its reading is mostly unsure, which is rare (an empty cell read as "OS" is one word).
"""

from __future__ import annotations

from collections.abc import Sequence

from PIL import Image

from automation.protocols import OcrEngine
from automation.types import OcrWord

UNSURE = 60.0  # a word below this confidence is one Tesseract doubts
FOREIGN_SHARE = 0.5  # at least this share of the words doubted


def mean_conf(words: Sequence[OcrWord]) -> float:
    return sum(w.conf for w in words) / len(words) if words else 0.0


def looks_foreign(words: Sequence[OcrWord]) -> bool:
    """A reading that may be another script: mostly words Tesseract doubts."""
    return bool(words) and sum(w.conf < UNSURE for w in words) >= FOREIGN_SHARE * len(words)


class SecondPass:
    """``first`` for every crop; ``second`` again for crops ``first`` read as foreign blobs."""

    def __init__(self, first: OcrEngine, second: OcrEngine) -> None:
        self.first, self.second = first, second
        self.name = f"{getattr(first, 'name', 'ocr')}+second"
        self.passes = 0  # second passes made: what the wider language set cost

    def read(self, image: Image.Image, single_line: bool = False) -> list[OcrWord]:
        words = self.first.read(image, single_line)
        # Nothing read at all is what English makes of a lone Chinese label as often as blobs.
        if words and not looks_foreign(words):
            return words
        self.passes += 1
        again = self.second.read(image, single_line)
        # Kept only when sure of itself too: an icon English reads as nothing must stay nothing.
        sure = again and mean_conf(again) >= UNSURE and mean_conf(again) > mean_conf(words)
        return again if sure else words
