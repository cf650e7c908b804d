"""Pure functions that turn OCR words into the labels a user would name.

Words are joined when they sit on the same text line with a gap no wider than a
space ("Unit Price"); wider gaps keep separate controls apart ("File  Edit  Help"
in a menu bar, a label and the entry next to it). A lone character OCR is unsure of
is a glyph (a submenu's arrow, a checkbox), not a letter of the label beside it: it
stays on its own, so it cannot sink that label's confidence ("P As Text").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import pairwise

from automation.types import Box, OcrWord, TextSpan

CONTROL_LINE = 10_000  # line ids of words read on a control's own crop (``controls.with_controls``)

# A gap up to this many line heights is a space inside one label. Measured on Tk's
# default font at 2x: spaces are 0.25-0.45 line heights, menu-bar gaps 0.9 and up.
MAX_GAP_IN_LINE_HEIGHTS = 0.6
# In a fixed-width font a space is a whole character wide (Athena's and Motif's courier labels:
# "Output File" reads "Output" and "File" 12 px apart on a 13-px line, 0.9 line heights): two
# words whose characters are equally wide (within SAME_PITCH) may stand up to MONO_GAP of that
# width apart. Measured on xfig's dialogs: one space is 1.1-1.25 character widths; a menu bar's
# gap in a proportional font, 0.9 line heights, is 1.6 character widths and more.
MONO_GAP = 1.35
SAME_PITCH = 0.05
MONO_LETTERS = 3  # characters a word needs for its width per character to tell its font's pitch
GLYPH_CONF = 20.0  # a lone character read less surely than this is a glyph, not a letter


def glyph(word: OcrWord) -> bool:
    return len(word.text) == 1 and word.conf < GLYPH_CONF


def group_words(words: Iterable[OcrWord], max_gap: float = MAX_GAP_IN_LINE_HEIGHTS) -> list[TextSpan]:
    """Join words into labels; result is in reading order (top to bottom, left to right)."""
    lines: dict[tuple[int, ...], list[OcrWord]] = defaultdict(list)
    for word in words:
        lines[word.line].append(word)
    labels: list[TextSpan] = []
    for row in (row for line_words in lines.values() for row in rows_of(line_words)):
        row.sort(key=lambda w: w.box.x)
        height = max(w.box.h for w in row)
        run = [row[0]]
        for word in row[1:]:
            gap = word.box.x - run[-1].box.right
            same_row = abs(word.box.center[1] - run[-1].box.center[1]) <= height / 2
            near = gap <= max_gap * height or gap <= MONO_GAP * fixed_pitch(run[-1], word)
            if near and same_row and not glyph(word) and not glyph(run[-1]):
                run.append(word)
            else:
                labels.append(join(run))
                run = [word]
        labels.append(join(run))
    return sorted(labels, key=reading_order)


def fixed_pitch(left: OcrWord, right: OcrWord) -> float:
    """The width of a character when both words are set in one fixed-width font, as their
    widths per character agree; else 0. A word's box is its ink, a character's bearings short
    of its advance: the widths per character are compared, not taken as exact."""
    a, b = (len(w.text.strip()) for w in (left, right))
    if a < MONO_LETTERS or b < MONO_LETTERS:
        return 0.0
    pa, pb = left.box.w / a, right.box.w / b
    return max(pa, pb) if abs(pa - pb) <= SAME_PITCH * max(pa, pb) else 0.0


def rows_of(words: list[OcrWord]) -> list[list[OcrWord]]:
    """``words`` of one line id, split into the rows they stand in. A control read as one box
    gives all its words one line id, and a menu's items stand in rows: walked by x alone, Tk's
    "As Text" over "As JSON" came apart into four words when "Text" stood a pixel left of "JSON"."""
    rows: list[list[OcrWord]] = []
    for word in sorted(words, key=lambda w: w.box.center[1]):
        last = rows[-1] if rows else None
        if last is not None and abs(word.box.center[1] - last[-1].box.center[1]) <= max(w.box.h for w in last) / 2:
            last.append(word)
        else:
            rows.append([word])
    return rows


def group_apart(words: Iterable[OcrWord], boxes: Sequence[Box]) -> list[TextSpan]:
    """``group_words``, a field's border ending a line: the words standing in one of ``boxes``
    join only each other, never the words beside the box. HomeBank's amount shows "0.00" right
    against its spin buttons' glyphs, and joined with them the line was centred on a button:
    the field was read empty, and typing went in before its "0.00" instead of over it."""
    rest: list[OcrWord] = []
    held: dict[int, list[OcrWord]] = defaultdict(list)
    for word in words:
        k = next((i for i, b in enumerate(boxes) if b.contains(*word.box.center)), None)
        (rest if k is None else held[k]).append(word)
    spans = group_words(rest) + [span for part in held.values() for span in group_words(part)]
    return sorted(spans, key=reading_order)


def without_borders(words: Iterable[OcrWord], fields: Sequence[Box], filled: Sequence[Box] = ()) -> list[OcrWord]:
    """``words`` without those that are a field's border read as letters: a "word" whose box holds
    the whole field with its border, past it on every side (HomeBank's empty combo-entries read
    "Ww", which passed for their value). A control's text read on its own crop carries the
    control's box, no larger: that is its text, and so is such a reading round a field in ``filled``
    (with ink inside it) where that box is a focus ring past the field's edges (Motif's focused
    option menu: its "X axis", read on the ring's crop, was dropped as a border read as letters)."""
    return [
        w
        for w in words
        if not any(encloses(w.box, f) and not (w.line[:1] >= (CONTROL_LINE,) and f in filled) for f in fields)
    ]


def encloses(outer: Box, inner: Box) -> bool:
    """Whether ``outer`` reaches past ``inner`` on all four sides."""
    return outer.x < inner.x and outer.y < inner.y and outer.right > inner.right and outer.bottom > inner.bottom


def without_arrows(words: Iterable[OcrWord], combos: Sequence[tuple[Box, Box]]) -> list[OcrWord]:
    """``words`` without those standing in a combo's arrow column (each combo given as its whole box
    and its arrow's): the arrow and its button's edge read as letters ("v", "J") are neither the
    combo's value nor a label (HomeBank's payee read "Corner Shop v" and was "not shown")."""
    return [
        w
        for w in words
        if not any(whole.contains(*w.box.center) and w.box.center[0] >= arrow.x for whole, arrow in combos)
    ]


def without_marks(words: Iterable[OcrWord], marks: Sequence[Box]) -> list[OcrWord]:
    """``words`` with the check boxes found by shape taken out of them.

    OCR reads a box's frame as a glyph ("(", "I”"): a word lying in the box is
    dropped, and the leading characters of a word that starts in the box and runs
    into its label are cut off ("(Send" becomes "Send"), by the word's mean
    character width.
    """
    kept: list[OcrWord] = []
    for word in words:
        mark = next((m for m in marks if m.intersect(word.box)), None)
        if mark is None or word.box.right <= mark.x:
            kept.append(word)
            continue
        if mark.contains(*word.box.center) or word.box.right <= mark.right:
            continue
        width = word.box.w / max(len(word.text), 1)
        cut = max(1, round((mark.right - word.box.x) / width))
        text = word.text[cut:].lstrip()
        if text:
            x = max(word.box.x + round(cut * width), mark.right)
            kept.append(OcrWord(text, Box(x, word.box.y, word.box.right - x, word.box.h), word.conf, word.line))
    return kept


def wide(char: str) -> bool:
    """A Chinese, Japanese or Korean character: written with no spaces between words."""
    return "\u2e80" <= char <= "\u9fff" or "\uac00" <= char <= "\ud7af" or "\uf900" <= char <= "\uffef"


def join(words: Sequence[OcrWord]) -> TextSpan:
    box = words[0].box
    text = words[0].text
    for before, word in pairwise(words):
        box = box.union(word.box)
        # Tesseract's chi_sim gives each character as a word: "参考 号" is the label "参考号"
        text += word.text if wide(before.text[-1:]) and wide(word.text[:1]) else " " + word.text
    return TextSpan(text, box, min(w.conf for w in words))


def reading_order(span: TextSpan) -> tuple[int, int]:
    # Rows are bucketed so that labels on one visual row sort left to right even when
    # their boxes differ by a few pixels in height.
    return (span.box.center[1] // 8, span.box.x)


def to_screen(spans: Iterable[TextSpan], origin: Box, window: str) -> list[TextSpan]:
    """Move spans read from a crop at ``origin`` into absolute screen coordinates."""
    return [TextSpan(s.text, s.box.shifted(origin.x, origin.y), s.conf, window) for s in spans]


def visible(spans: Iterable[TextSpan], covering: Sequence[Box]) -> list[TextSpan]:
    """Drop spans whose centre lies under a window stacked above theirs."""
    return [s for s in spans if not any(b.contains(*s.box.center) for b in covering)]
