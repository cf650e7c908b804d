"""Shapes and words become typed elements: each control paired with the label that names it.

A label stands left of its field on the same row, or above it (left-aligned with
it, or over it), or inside it as a grey placeholder; a check box's or radio
button's label stands right of it. No other control may stand between a label
and its field. Each label names one control and each control takes one label,
nearest pairs first. Text that names no control and lies in none is a read-out
(a status line, a message, a heading); a box that shows text but has no label is
a read-out too (a calculator's display, a result field).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from automation.perception.widgets import Shape, contains
from automation.types import Box, Element, TextSpan

LEFT_REACH = 260  # pixels: farthest a label stands left of its field
ABOVE_LINES = 2.6  # line heights: farthest a label stands above its field
RIGHT_LINES = 2.0  # mark widths: farthest a check box's label starts right of it
PLACEHOLDER_INK = 110  # a placeholder's darkest strokes are lighter than this (grey text)
CARET_SHARE = 0.6  # a caret is at least this share of a field's inner height
INSET = 3
BORDER_INSET = 3  # pixels of a box's edge left out when its ink is looked at (a border, a focus ring)


def pair(
    shapes: Sequence[Shape],
    spans: Sequence[TextSpan],
    buttons: Sequence[Box],
    pixels: NDArray[np.uint8] | None = None,
    origin: Box | None = None,
    blinks: Iterable[Box] = (),
    window: str = "",
) -> list[Element]:
    """Elements of one window: ``shapes``, ``spans`` and ``buttons`` in the pixels of
    ``origin``'s frame, ``pixels`` the window's RGB picture at ``origin``, ``blinks``
    caret blinks seen."""
    gray = None if pixels is None else MeanGray(pixels)
    fields = [s for s in shapes if s.kind in ("text", "combo")]
    marks = [s for s in shapes if s.kind in ("check", "radio")]
    inside: dict[int, list[TextSpan]] = {i: [] for i in range(len(fields))}
    in_button: dict[Box, list[TextSpan]] = {}
    free: list[TextSpan] = []
    for span in spans:
        if any(m.box.contains(*span.box.center) for m in marks):
            continue  # a tick or a dot read as a letter
        host = next((i for i, f in enumerate(fields) if whole(f).contains(*span.box.center)), None)
        if host is not None:
            inside[host].append(span)
            continue
        button = next((b for b in buttons if b.contains(*span.box.center)), None)
        if button is not None and not any(contains(whole(f), button, 3) for f in fields):
            in_button.setdefault(button, []).append(span)
            continue
        free.append(span)
    for box, words in list(in_button.items()):
        # A bar or a panel (a menu bar, a calculator's display), or a cell of a bordered table (a
        # control inside it, or its one label pushed to one side): its words stand alone.
        if len(words) > 1 or holds_control(box, fields, marks) or to_one_side(words[0].box, box):
            del in_button[box]
            free += words

    in_cell = None if gray is None or origin is None else CellAbove(gray, origin)
    labels = assign(fields, marks, free, in_cell)
    focus = focused_index(fields, pixels, gray, origin, list(blinks))
    elements: list[Element] = []
    used: set[int] = set(labels.values())
    for i, f in enumerate(fields):
        # The arrow's column is the combo's button: ink read there (the arrow and the button's
        # edge read as "J") is no value, wherever the arrow stands in it.
        shown = [s for s in inside[i] if f.arrow is None or s.box.center[0] < f.arrow.x]
        text = " ".join(s.text for s in sorted(shown, key=lambda s: s.box.x))
        box = whole(f)
        k = labels.get(("f", i))
        inked = None if gray is None or origin is None else ink_span(gray, f.box.shifted(-origin.x, -origin.y))
        if f.kind == "text" and (centred(shown, f.box) or (inked is not None and inked.centred)):
            # A light box with its text in the middle is a button (Qt's, a web page's, Win32's), not
            # an entry; told by its ink too: a label read on the button's own crop takes the whole
            # box, and a greyed-out (disabled) button's label may not be read at all.
            enabled = inked is None or not inked.grey
            elements.append(Element("button", box, text, "", box, window=window, enabled=enabled))
            if k is not None:
                used.discard(k)
        elif k is not None:
            elements.append(Element(f.kind, box, free[k].text, text, free[k].box, i == focus, window=window))
        elif shown and placeholder(shown, gray, origin):
            elements.append(Element(f.kind, box, text, "", shown[0].box, i == focus, window=window))
        elif text and f.kind == "text":
            elements.append(Element("readout", box, "", text, None, i == focus, window=window))
        else:
            elements.append(Element(f.kind, box, "", text, None, i == focus, window=window))
    for j, m in enumerate(marks):
        k = labels.get(("m", j))
        lab = free[k] if k is not None else None
        kind = m.kind
        elements.append(
            Element(
                kind,
                m.box,
                mark_label(lab.text) if lab else "",
                "",
                lab.box if lab else None,
                checked=m.checked,
                window=window,
            )
        )
    for box, words in in_button.items():
        inked = None if gray is None or origin is None else ink_span(gray, box.shifted(-origin.x, -origin.y))
        enabled = inked is None or not inked.grey
        elements.append(Element("button", box, words[0].text, label_box=box, window=window, enabled=enabled))
    elements += [Element("readout", s.box, "", s.text, window=window) for k, s in enumerate(free) if k not in used]
    cells = under_headers(elements, [whole(f) for f in fields], buttons, gray, origin)
    return sorted(cells, key=lambda e: (e.box.y // 8, e.box.x))


# Glyphs OCR makes of a check box's or radio button's own ring when it reads it into the
# label beside it ("©Net 60", "@ Text"); no label begins with one of them.
MARK_GLYPHS = "©®@°º•◦○●◉◯¤"


def mark_label(text: str) -> str:
    """A check box's or radio button's label without the glyph its mark was read as."""
    return text.lstrip(MARK_GLYPHS).lstrip() or text


BLANK_SHARE = 0.2  # share of an outline's width left blank on one side of its label, at least, for a cell
BLANK_RATIO, BLANK_SLACK = 3, 12  # ... and that many times the blank on its other side, plus pixels


def holds_control(box: Box, fields: Sequence[Shape], marks: Sequence[Shape]) -> bool:
    """Whether a field, a check box or a radio button lies inside ``box``: a button holds none."""
    return any(contains(box, whole(f), 1) for f in fields) or any(contains(box, m.box, 1) for m in marks)


def to_one_side(label: Box, box: Box) -> bool:
    """Whether ``label`` stands against one side of the outline ``box``, far from the other:
    a table cell's label aligned right or left (an old web form's "Vendor Name:" right-aligned
    in its bordered cell, next to the cell of its field). A button centres its label, or leaves
    the space of an icon on one side."""
    left, right = label.x - box.x, box.right - label.right
    near, far = sorted((left, right))
    return far >= BLANK_SHARE * box.w and far >= BLANK_RATIO * max(near, 0) + BLANK_SLACK


def mean_gray(pixels: NDArray[np.uint8]) -> NDArray[np.uint8]:
    """The mean of the three channels, rounded down, in integers."""
    total = pixels[..., 0].astype(np.uint16) + pixels[..., 1] + pixels[..., 2]
    return (total // 3).astype(np.uint8)


class MeanGray:
    """The window's gray (``mean_gray``) made only for the slices asked for: the fields and
    words looked at are a small part of a window, whose whole gray costs tens of ms busy."""

    def __init__(self, pixels: NDArray[np.uint8]) -> None:
        self.pixels = pixels

    def __getitem__(self, key: tuple[slice, slice]) -> NDArray[np.uint8]:
        return mean_gray(self.pixels[key])


HEADER_GAP = 4  # pixels between a grid's column header and its first row's cell
COLUMN_SHARE = 0.6  # share of the narrower of a header and a cell their widths must overlap


def under_headers(
    elements: list[Element],
    boxes: Sequence[Box],
    outlines: Sequence[Box] = (),
    gray: MeanGray | None = None,
    origin: Box | None = None,
) -> list[Element]:
    """A grid's first-row cells named by the column header right on top of them.

    A header is drawn as a button (an outlined box with one label); the field box that
    touches its bottom edge and spans most of its width is that column's cell, empty or
    not (``boxes`` are the field shapes: a box showing text with no label of its own is a
    cell, not a read-out). A first-row cell drawn in a selection's colour is no light box;
    then a lower row's cell in the same column gives its width and height. A column too
    narrow for a field's shape (Qt's "Qty", 75 by 36 px) has no cell shape in any row: then
    the outlined box (``outlines``) of a field's height right under the header is its cell,
    selected or not, where another column's cell stands on the same row. Without it the look
    under the header ran past a selected first-row cell into the second row's, and the value
    went there (exit 0). Outlined cells holding a value or a grey hint are found first
    (``boxed_cells``), and a column with no cell of its own on a row of cells is given one
    (``row_cells``).
    """
    headers = [e for e in elements if e.kind == "button" and e.label]
    elements = boxed_cells(elements, headers, outlines, gray, origin)
    # A box right under a header in its column is a row's (a recorded row's value), not another header.
    buttons = [e for e in elements if e.kind == "button" and e.label]
    headers = [
        h
        for h in buttons
        if not any(0 <= h.box.y - o.box.bottom <= HEADER_GAP and in_column(h.box, o.box) for o in buttons)
    ]
    named: list[Element] = []
    for e in elements:
        if not e.label and (e.kind == "text" or (e.kind == "readout" and e.box in boxes)):
            over = [h for h in headers if 0 <= e.box.y - h.box.bottom <= HEADER_GAP and in_column(e.box, h.box)]
            if len(over) == 1:
                e = replace(e, kind="text", label=over[0].label, label_box=over[0].box, cell=True)
        named.append(e)
    for h in headers:
        if any(e.cell and e.label_box == h.box for e in named):
            continue
        below = [
            e for e in named if e.kind == "text" and not e.label and e.box.y > h.box.bottom and in_column(e.box, h.box)
        ]
        if below:
            lower = min(below, key=lambda e: e.box.y)
            box = Box(lower.box.x, h.box.bottom + 1, lower.box.w, lower.box.h)
            # The text standing in that cell (a read-out so far: no light box held it) is what it shows.
            shown = [e for e in named if e.kind == "readout" and not e.label and box.contains(*e.box.center)]
            if not any(covers(e.box, box) for e in named if e.kind != "button" and e not in shown):
                text = " ".join(e.text for e in sorted(shown, key=lambda e: e.box.x))
                named = [e for e in named if e not in shown]
                named.append(Element("text", box, h.label, text, h.box, window=h.window, cell=True))
    for h in headers:
        if any(e.cell and e.label_box == h.box for e in named):
            continue
        cell = outlined_cell(h.box, outlines)
        if cell is None or any(covers(e.box, cell) for e in named if e.kind != "readout"):
            continue
        # Only in a grid: another column's cell found on the same row (a key under a key is no cell).
        if any(e.cell and abs(e.box.y - cell.y) <= HEADER_GAP for e in named):
            shown = [e for e in named if e.kind == "readout" and not e.label and cell.contains(*e.box.center)]
            text = " ".join(e.text for e in sorted(shown, key=lambda e: e.box.x))
            named = [e for e in named if e not in shown]
            named.append(Element("text", cell, h.label, text, h.box, window=h.window, cell=True))
    named = row_cells(named, headers, gray, origin)
    # One cell named twice, by its header and by the recorded row's value above it: the header's.
    by_header = {e.box for e in named if e.cell and any(e.label_box == h.box for h in headers)}
    return [e for e in named if e.box not in by_header or any(e.label_box == h.box for h in headers)]


def boxed_cells(
    elements: list[Element],
    headers: Sequence[Element],
    outlines: Sequence[Box],
    gray: MeanGray | None,
    origin: Box | None,
) -> list[Element]:
    """A grid's row of cells drawn as outlined boxes under the column headers, each holding its
    text to one side: a value (a date right-aligned, a description left-aligned) or, in grey, only
    the column's hint (an empty new row's "Num", "Description" in italics, which is no value: the
    cell shows '').

    A box with one word in it passes for a button named by the word, and a word standing to one
    side of its box for a label: typing "into Description" went into the cell right of the hint's
    (the next column's), and the read-back there confirmed it (GnuCash's register, exit 0). Two
    such cells on one row at least: a grid's row, not a key under a key; and the ink stands to one
    side of the box, where a button centres its label (a grey hint as wide as its cell, centred,
    joins such a row). Where the grid shows several rows, the header names the cells of the one
    row that shows hints (a ledger's new transaction under the recorded ones), or none: the first
    row is a recorded transaction, and typing there would change it."""
    if gray is None or origin is None:
        return elements
    found: list[tuple[Element, Box, list[Element], Ink]] = []
    for h in headers:
        for cell in stacked(h.box, outlines):
            inside = [e for e in elements if e is not h and cell.contains(*e.box.center)]
            if any(e.kind not in ("button", "readout") or e.cell or covers(e.box, h.box) for e in inside):
                continue
            ink = ink_span(gray, cell.shifted(-origin.x, -origin.y))
            if ink is not None and (ink.grey or not ink.centred) and inside:
                found.append((h, cell, inside, ink))
    rows: dict[int, list[tuple[Element, Box, list[Element], Ink]]] = {}
    for f in found:
        top = next((y for y in rows if abs(y - f[1].y) <= HEADER_GAP), f[1].y)
        rows.setdefault(top, []).append(f)
    # A hint as wide as its cell ("Withdrawal") stands in its middle: it joins a row of others.
    rows = {y: row for y, row in rows.items() if sum(not f[3].centred for f in row) >= 2}
    hinted = [y for y, row in rows.items() if sum(f[3].grey for f in row) >= 2]
    if len(rows) > 1:
        rows = {y: rows[y] for y in hinted} if len(hinted) == 1 else {}
    kept = [f for row in rows.values() for f in row]
    if not kept:
        return elements
    gone = {id(e) for _, _, inside, _ in kept for e in inside}
    cells = [
        Element("text", cell, h.label, "" if ink.grey else shown_in(inside), h.box, window=h.window, cell=True)
        for h, cell, inside, ink in kept
    ]
    return [e for e in elements if id(e) not in gone] + cells


def stacked(header: Box, outlines: Sequence[Box]) -> list[Box]:
    """The outlined cells of a field's height in ``header``'s column, row under row from it down."""
    column = sorted(
        (
            b
            for b in outlines
            if CELL_H[0] <= b.h <= CELL_H[1] and in_column(b, header) and b.w <= header.w + 2 * HEADER_GAP
        ),
        key=lambda b: b.y,
    )
    stack: list[Box] = []
    bottom = header.bottom
    for b in column:
        if -2 <= b.y - bottom <= HEADER_GAP:
            stack.append(b)
            bottom = b.bottom
    return stack


def selected(gray: MeanGray | None, origin: Box | None, box: Box) -> bool:
    """Whether ``box`` holds text drawn selected: more of its ink lighter than its fill than
    darker (white letters on a selection's blue), where a button's label is dark on light."""
    if gray is None or origin is None:
        return False
    inner = box.shifted(-origin.x, -origin.y)
    piece = gray[max(inner.y, 0) : max(inner.bottom, 0), max(inner.x, 0) : max(inner.right, 0)].astype(np.int16)
    if piece.size == 0:
        return False
    fill = int(np.median(piece))
    return int((piece > fill + INK_APART).sum()) > 2 * int((piece < fill - INK_APART).sum())


def shown_in(inside: Sequence[Element]) -> str:
    """The text of the buttons' labels and read-outs standing in a cell, left to right."""
    return " ".join(e.label if e.kind == "button" else e.text for e in sorted(inside, key=lambda e: e.box.x))


def row_cells(
    named: list[Element], headers: Sequence[Element], gray: MeanGray | None, origin: Box | None
) -> list[Element]:
    """A column with no cell found under its header, on a row where two other columns' cells stand
    under theirs: its cell is the header's width on that row (a date cell holding its own
    pop-up button shows no outline of its own, and typing "into Date" clicked the next header).
    What stands in it is what it shows, unless that is grey (its hint)."""
    cells = [e for e in named if e.cell and e.label_box is not None]
    for h in headers:
        if any(e.cell and e.label_box == h.box for e in named):
            continue
        # the other columns' cells on one row (the first under the headers, or a ledger's new row)
        beside = [e for e in cells if e.label_box is not None and abs(e.label_box.bottom - h.box.bottom) <= HEADER_GAP]
        row = max(([e for e in beside if abs(e.box.y - b.box.y) <= HEADER_GAP] for b in beside), key=len, default=[])
        if len(row) < 2:
            continue
        top, height = min(e.box.y for e in row), max(e.box.h for e in row)
        box = Box(h.box.x, top, h.box.w, height)
        # its text drawn selected (light on a dark fill) is a box of its own, but no button
        shown = [
            e
            for e in named
            if box.contains(*e.box.center)
            and ((e.kind == "readout" and not e.label) or (e.kind == "button" and selected(gray, origin, e.box)))
        ]
        if any(covers(e.box, box) or covers(box, e.box) for e in named if e.kind != "readout" and e not in shown):
            continue
        ink = None if gray is None or origin is None else ink_span(gray, box.shifted(-origin.x, -origin.y))
        text = "" if ink is not None and ink.grey and not any(e.kind == "button" for e in shown) else shown_in(shown)
        named = [e for e in named if e not in shown]
        named.append(Element("text", box, h.label, text, h.box, window=h.window, cell=True))
    return named


CELL_H = (14, 56)  # pixels: an outlined cell's height, a single-line field's with its border lines


def outlined_cell(header: Box, outlines: Sequence[Box]) -> Box | None:
    """The outlined box of a field's height whose top is the header's bottom line (give or take a
    shared border line) and that spans most of the header's width: the column's first cell. A
    first row drawn in a selection's tint may show no outline (Swing's): then the second row's
    outlined cell, one row down, gives the first's width and height right under the header."""
    column = [
        b
        for b in outlines
        if CELL_H[0] <= b.h <= CELL_H[1] and in_column(b, header) and b.w <= header.w + 2 * HEADER_GAP
    ]
    under = [b for b in column if -2 <= b.y - header.bottom <= HEADER_GAP]
    if under:
        return min(under, key=lambda b: (abs(b.y - header.bottom), abs(b.x - header.x)))
    lower = [b for b in column if HEADER_GAP < b.y - header.bottom <= b.h + 2 * HEADER_GAP]
    if not lower:
        return None
    second = min(lower, key=lambda b: b.y)
    return Box(second.x, header.bottom + 1, second.w, min(second.h, second.y - header.bottom - 1))


def covers(a: Box, b: Box) -> bool:
    """Whether ``a`` takes a quarter or more of ``b`` (cells of adjacent rows share a border line)."""
    inter = a.intersect(b)
    return inter is not None and inter.w * inter.h >= 0.25 * b.w * b.h


def in_column(cell: Box, header: Box) -> bool:
    overlap = header.intersect(Box(cell.x, header.y, cell.w, header.h))
    return overlap is not None and overlap.w >= COLUMN_SHARE * min(cell.w, header.w)


def whole(shape: Shape) -> Box:
    """A control with its arrow button, which Tk and Swing draw beside the text part."""
    return shape.box.union(shape.arrow) if shape.arrow is not None else shape.box


def centred(shown: Sequence[TextSpan], box: Box) -> bool:
    if not shown:
        return False
    left = min(s.box.x for s in shown) - box.x
    right = box.right - max(s.box.right for s in shown)
    return in_the_middle(left, right, box.w)


def in_the_middle(left: int, right: int, width: int, share: float = 0.2) -> bool:
    """Whether something ``left`` pixels from one side of a box ``width`` wide and ``right``
    from the other stands in its middle: ``share`` of the width or more on both sides, alike."""
    return left >= share * width and abs(left - right) <= max(6.0, 0.12 * width)


INK_APART = 40  # gray levels from a box's inside that count as drawn in it (grey text too)
# Share of a box's inside left blank each side of its ink, at least, for a label in its middle.
# Ink is measured tighter than a word's box, and a long label nearly fills its button (Wine's
# "Replace All": 18 px each side in 97).
INK_MARGIN = 0.1


@dataclass(frozen=True)
class Ink:
    """What is drawn inside a light box: whether it stands in the middle, and whether all of it
    is grey (a greyed-out label: its darkest stroke lighter than PLACEHOLDER_INK)."""

    centred: bool
    grey: bool


def ink_span(gray: MeanGray, box: Box) -> Ink | None:
    """The ink darker than the inside of ``box`` (its border left out), or None when there is none.

    An entry's text starts at its left (a number's may end at its right); a button's label,
    read or not, stands in its middle."""
    if box.x < 0 or box.y < 0 or box.w <= 2 * BORDER_INSET or box.h <= 2 * BORDER_INSET:
        return None
    inner = gray[box.y + BORDER_INSET : box.bottom - BORDER_INSET, box.x + BORDER_INSET : box.right - BORDER_INSET]
    if inner.size == 0:
        return None
    inner = inner.astype(np.int16)
    ink = inner < int(np.median(inner)) - INK_APART
    columns = np.flatnonzero(ink.any(axis=0))
    if columns.size == 0:
        return None
    left, right = int(columns[0]), inner.shape[1] - 1 - int(columns[-1])
    return Ink(in_the_middle(left, right, inner.shape[1], INK_MARGIN), int(inner[ink].min()) >= PLACEHOLDER_INK)


def assign(
    fields: Sequence[Shape],
    marks: Sequence[Shape],
    free: Sequence[TextSpan],
    in_cell: CellAbove | None = None,
) -> dict[tuple[str, int], int]:
    """Label index for each control that has one: nearest pairs first, each used once.
    Text standing in a cell right above a field (``in_cell``) is that cell's, not the field's label."""
    every = [f.box for f in fields] + [m.box for m in marks]
    pairs: list[tuple[float, tuple[str, int], int]] = []
    for i, f in enumerate(fields):
        for k, s in enumerate(free):
            d = field_distance(f.box, s.box, every)
            if d is not None and not (in_cell is not None and s.box.bottom <= f.box.y + 2 and in_cell(f.box, s.box)):
                pairs.append((d, ("f", i), k))
    for j, m in enumerate(marks):
        for k, s in enumerate(free):
            d = mark_distance(m.box, s.box, every)
            if d is not None:
                pairs.append((d, ("m", j), k))
    chosen: dict[tuple[str, int], int] = {}
    taken: set[int] = set()
    for _, control, k in sorted(pairs):
        if control not in chosen and k not in taken:
            chosen[control] = k
            taken.add(k)
    return chosen


SIDE_MATCH = 12  # gray levels: a field's side line continued above it keeps its colour this closely
SIDE_SHARE = 0.8  # share of the text's rows along which both side lines must continue


class CellAbove:
    """Whether text above a field stands in a cell of the same column (a grid's row above).

    A grid's first row drawn in a selection's tint is no light box, so its text looked like
    a label above the second row's cell ("Widget" naming the cell under it). A label above
    a field stands on the open background; a cell's text stands between the same two side
    lines as the field below it: both of the field's side lines continue up past the
    text's rows, in their own colour, set off from the text's background.
    """

    def __init__(self, gray: MeanGray, origin: Box) -> None:
        self.gray, self.origin = gray, origin

    def __call__(self, field: Box, text: Box) -> bool:
        f, t = field.shifted(-self.origin.x, -self.origin.y), text.shifted(-self.origin.x, -self.origin.y)
        if f.h < 8 or t.y < 0 or f.x < 1:
            return False
        return self.continues(f, t, f.x, 1) and self.continues(f, t, f.right - 1, -1)

    def continues(self, field: Box, text: Box, x: int, inward: int) -> bool:
        """Whether the field's side line at column ``x`` (or a pixel beside it) runs on through
        the text's rows; ``inward`` is the direction of the field's inside from it (+1 or -1)."""
        for column in (x - 1, x, x + 1):
            own = self.gray[field.y + 3 : field.bottom - 3, column : column + 1].astype(np.int16)
            above = self.gray[text.y : text.bottom, column : column + 1].astype(np.int16)
            near, far = sorted((column + 3 * inward, column + 5 * inward))
            beside = self.gray[text.y : text.bottom, max(0, near) : far + 1].astype(np.int16)
            if own.size == 0 or above.size == 0 or beside.size == 0:
                continue
            line = int(np.median(own))
            if abs(line - int(np.median(beside))) < SIDE_MATCH:
                continue  # the line looks like what lies inside it: no side line to follow
            if float((np.abs(above - line) <= SIDE_MATCH).mean()) >= SIDE_SHARE:
                return True
        return False


def field_distance(field: Box, label: Box, others: Sequence[Box]) -> float | None:
    """How far ``label`` stands from ``field`` as its label (left or above), or None."""
    cy = label.center[1]
    if field.y - 4 <= cy <= field.bottom + 4 and label.right <= field.x + 2:
        gap = field.x - label.right
        between = Box(
            label.right, min(label.y, field.y), max(gap, 1), max(label.bottom, field.bottom) - min(label.y, field.y)
        )
        if gap <= LEFT_REACH and not blocked(between, others, field):
            return float(gap)
    if label.bottom <= field.y + 2:
        gap = field.y - label.bottom
        lined_up = field.x - 2 * label.h <= label.x <= field.x + field.w // 2
        if gap <= ABOVE_LINES * label.h and lined_up:
            between = Box(min(label.x, field.x), label.bottom, max(label.w, 1), max(gap, 1))
            if not blocked(between, others, field):
                # A label beside its field is the stronger reading; above is weighed a little farther.
                return float(gap) * 2 + 4
    return None


def mark_distance(mark: Box, label: Box, others: Sequence[Box]) -> float | None:
    """How far ``label`` stands right of a check box or radio button as its label, or None."""
    cy = label.center[1]
    if not (mark.y - 4 <= cy <= mark.bottom + 4) or label.x < mark.right - 1:
        return None
    gap = label.x - mark.right
    between = Box(mark.right, mark.y, max(gap, 1), mark.h)
    if gap > RIGHT_LINES * mark.w + 6 or blocked(between, others, mark):
        return None
    return float(gap)


def blocked(between: Box, others: Sequence[Box], own: Box) -> bool:
    return any(o != own and o.intersect(between) is not None for o in others)


def placeholder(spans: Sequence[TextSpan], gray: MeanGray | None, origin: Box | None) -> bool:
    """Whether text in an empty field is drawn grey, as a placeholder is, not black as typed text."""
    if gray is None or origin is None:
        return False
    for span in spans:
        piece = gray[
            span.box.y - origin.y : span.box.bottom - origin.y, span.box.x - origin.x : span.box.right - origin.x
        ]
        if piece.size == 0 or int(piece.min()) < PLACEHOLDER_INK:
            return False
    return True


def focused_index(
    fields: Sequence[Shape],
    pixels: NDArray[np.uint8] | None,
    gray: MeanGray | None,
    origin: Box | None,
    blinks: Sequence[Box],
) -> int | None:
    """The field with the keyboard focus: a caret blinked in it, a caret shows in it, or its
    border alone differs from every other field's (a focus ring)."""
    for i, f in enumerate(fields):
        if any(f.box.contains(*b.center) for b in blinks):
            return i
    if gray is None or pixels is None or origin is None:
        return None
    local = [f.box.shifted(-origin.x, -origin.y) for f in fields]
    with_caret = [i for i, box in enumerate(local) if caret_in(gray, box)]
    if len(with_caret) == 1:
        return with_caret[0]
    return ring_differs(pixels, local)


def caret_in(gray: MeanGray, box: Box) -> bool:
    """A thin upright dark bar nearly as tall as the field's inside: a text caret."""
    inner = gray[box.y + INSET : box.bottom - INSET, box.x + INSET : box.right - INSET]
    if inner.size == 0 or inner.shape[0] < 6:
        return False
    dark = inner.astype(np.int16) < int(np.percentile(inner, 90)) - 100
    tall = dark.sum(axis=0) >= CARET_SHARE * inner.shape[0]
    padded = np.concatenate(([False], tall, [False]))
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    return any(end - start <= 2 for start, end in zip(edges[::2], edges[1::2], strict=True))


RING_CONTRAST = 30.0  # colour distance by which a focus ring's border differs from the others'


def ring_differs(pixels: NDArray[np.uint8], boxes: Sequence[Box]) -> int | None:
    """The one field whose border differs in colour from all the others' (three fields or more)."""
    if len(boxes) < 3:
        return None
    height, width = pixels.shape[:2]
    rings: list[NDArray[np.float32]] = []
    for b in boxes:
        x0, y0, x1, y1 = max(b.x - 2, 0), max(b.y - 2, 0), min(b.right + 2, width), min(b.bottom + 2, height)
        outer = pixels[y0:y1, x0:x1].astype(np.float32)
        if outer.shape[0] < 5 or outer.shape[1] < 5:
            return None
        # Top and bottom border lines, the corners left out (rounded in some toolkits).
        lines = np.concatenate([outer[:4, 4:-4].reshape(-1, 3), outer[-4:, 4:-4].reshape(-1, 3)])
        rings.append(np.sort(lines, axis=0)[len(lines) // 8])  # a dark quantile: the border line, not the background
    middle = np.median(np.stack(rings), axis=0)
    odd = [i for i, r in enumerate(rings) if float(np.linalg.norm(r - middle)) >= RING_CONTRAST]
    return odd[0] if len(odd) == 1 else None
