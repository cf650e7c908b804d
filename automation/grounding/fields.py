"""Find the input field that belongs to a label, from pixels alone.

Legacy forms put an entry right of its label or just below it. An entry is a run
of light pixels (its fill); scanning from the label's centre row to the first run of
at least MIN_RUN such pixels found every Tk entry on this machine kind, and Motif's
grey entries once "light" is taken relative to the window's own background.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from automation.grounding.match import EXACT, candidates
from automation.types import Box, Element, TextSpan

NEAR_WHITE = 235  # every channel at least this bright
MIN_RUN = 30  # pixels; shorter white runs are gaps between letters or borders
INSET = 10  # click this far inside the field, past its border
# pixels: farthest a field starts right of its label (as pairing has it: perception/elements.py's
# LEFT_REACH). Past it lies another part of the form: the label above its field in Qt's zoo form
# had its row run into a grid's cell 400 px away, and the click into its field lost its label.
RIGHT_REACH = 260
FILLED = 0.6  # share of a row's width that is fill while still inside the field (text is sparse)
LIGHTER = 30  # a grey theme's entry is at least this much brighter than the window around it
LIGHT_FLOOR = 200  # and light in itself: Motif's entries are 229 on 179; dark themes are not read so
MIN_FIELD_H = 14  # pixels: an outline lower than this between a label and a field is a line, not a control
SET_OFF = 6  # and brighter than the window's own background: GTK's 244, Qt's 239 and a web page's 255 are no fill


def field_fill(pixels: NDArray[np.uint8]) -> NDArray[np.bool_]:
    """Pixels light enough to be an entry's fill: near white, or, where the window's own
    background is grey (Motif), clearly brighter than that background. Never the background
    itself: where it is near white too (GTK, Qt, a web page) the open space right of a label
    standing above its field would pass for that field."""
    grey = pixels.min(axis=2)
    background = int(np.median(grey))
    floor = max(LIGHT_FLOOR, min(NEAR_WHITE, background + LIGHTER), background + SET_OFF)
    if floor > 255:  # a white window: no fill stands out from it, only borders do (``outlined_near``)
        return np.zeros(grey.shape, dtype=bool)
    return np.asarray(grey >= floor)


def white_runs(row: NDArray[np.bool_]) -> list[tuple[int, int]]:
    """(start, length) of each run of True in a 1-D boolean array."""
    padded = np.concatenate(([False], row, [False]))
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    return [(int(s), int(e - s)) for s, e in zip(edges[::2], edges[1::2], strict=True)]


def outlined_near(outlines: list[Box], label: Box) -> tuple[tuple[int, int], Box] | None:
    """The first outlined box right of the label on its row (a read-only combo box is grey, not
    white), else the first one just below it and lined up with its left edge, as a field under
    its label is (on a white page a field's border, not its fill, sets it off)."""
    cy = label.center[1]
    row = [
        b
        for b in outlines
        if b.y <= cy < b.bottom and label.right - 2 <= b.x <= label.right + RIGHT_REACH and b.w >= MIN_RUN
    ]
    if row:
        box = min(row, key=lambda b: b.x)
        return (box.x + min(INSET, box.w // 2), cy), box
    below = [
        b
        for b in outlines
        if 0 <= b.y - label.bottom + 2 <= 3 * label.h and abs(b.x - label.x) <= 2 * label.h and b.w >= MIN_RUN
    ]
    if not below:
        return None
    box = min(below, key=lambda b: (b.y, abs(b.x - label.x)))
    return (box.x + min(INSET, box.w // 2), box.center[1]), box


def field_beside(
    pixels: NDArray[np.uint8], label: Box, area: Box, outlines: list[Box] | None = None
) -> tuple[int, int] | None:
    """Click point of the field right of ``label`` or below it, within ``area``.

    ``pixels`` is an RGB screenshot of ``area`` (so its origin is area.x, area.y);
    ``outlines`` are outlined rectangles found on it (and light panels set off all round: a
    multi-line field is taller than any outline), in absolute coordinates.
    """
    found = spot_beside(pixels, label, area, outlines)
    return found[0] if found is not None else None


def spot_beside(
    pixels: NDArray[np.uint8], label: Box, area: Box, outlines: list[Box] | None = None
) -> tuple[tuple[int, int], Box] | None:
    """``field_beside``'s click point, with the stretch of the field it found there: where
    what was typed must show, since no control was recognised to read it back from."""
    fill = field_fill(pixels)
    cy = label.center[1] - area.y
    x0 = label.right - area.x
    if 0 <= cy < fill.shape[0]:
        for start, length in white_runs(fill[cy, max(x0, 0) :]):
            if length >= MIN_RUN and start + max(x0, 0) - x0 > RIGHT_REACH:
                break  # the first field on the row is too far away to be this label's
            if length >= MIN_RUN:
                left = area.x + max(x0, 0) + start
                # The field's whole height, not the label's: a multi-line field's first line of
                # text starts above the label's middle, and a strip across it read as garbage.
                x = left - area.x
                top, bottom = cy, cy
                while top > 0 and fill[top - 1, x : x + length].mean() >= FILLED:
                    top -= 1
                while bottom + 1 < fill.shape[0] and fill[bottom + 1, x : x + length].mean() >= FILLED:
                    bottom += 1
                y0, y1 = min(label.y - 2, area.y + top), max(label.bottom + 2, area.y + bottom + 1)
                return (left + min(INSET, length // 2), area.y + cy), Box(left, y0, length, y1 - y0)
    # Below: the first row under the label with a long fill run starting near its left edge.
    top = label.bottom - area.y
    for y in range(max(top, 0), min(top + 3 * label.h, fill.shape[0])):
        for start, length in white_runs(fill[y]):
            if length >= MIN_RUN and abs(start - (label.x - area.x)) <= 2 * label.h:
                run = Box(area.x + start, area.y + y, length, 1)
                if any(between(b, label, run) for b in outlines or []):
                    # Another control stands between the label and this stretch: it is that
                    # control's, or a lower row's (a grid's selected first-row cell, a tint, no
                    # fill, let the look run on into the second row's cell). The outline nearest
                    # under the label is the field, if any.
                    return outlined_near(outlines or [], label)
                # Aim at the middle of the field's height: walk down while the rows stay mostly
                # fill (a single column would stop at the first letter the field holds).
                bottom = y
                while bottom + 1 < fill.shape[0] and fill[bottom + 1, start : start + length].mean() >= FILLED:
                    bottom += 1
                point = (area.x + start + min(INSET, length // 2), area.y + (y + bottom) // 2)
                return point, Box(area.x + start, area.y + y, length, bottom - y + 1)
    return outlined_near(outlines or [], label)


HINT_INK = 110  # a hint's darkest stroke is lighter than this (grey text), as perception's placeholders


def hint_box(pixels: NDArray[np.uint8], label: Box, area: Box, outlines: Sequence[Box]) -> Box | None:
    """The outlined box ``label`` stands in as its grey hint (an empty cell or entry showing what
    goes there, "Description" in italics), or None: that box is the field, never one beside it.

    The look right of such a hint found the next outline, the next column's cell of a register's
    new row, and the typing went there with the read-back confirming it (GnuCash, exit 0). A
    label in black inside a bordered cell is a caption whose field is the next cell (an old web
    form): only grey text is a hint. The box must leave room to type beside the hint.
    ``pixels`` is the RGB picture of ``area``."""
    cx, cy = label.center
    boxes = [
        b
        for b in outlines
        if b.contains(cx, cy) and MIN_FIELD_H <= b.h <= 3 * label.h + 2 * INSET and b.w >= label.w + MIN_RUN
    ]
    if not boxes:
        return None
    x0, y0 = max(label.x - area.x, 0), max(label.y - area.y, 0)
    piece = pixels[y0 : max(label.bottom - area.y, y0), x0 : max(label.right - area.x, x0)]
    if piece.size == 0 or int(piece.astype(np.uint16).sum(axis=2).min()) // 3 < HINT_INK:
        return None
    return min(boxes, key=lambda b: b.w * b.h)


def between(outline: Box, label: Box, run: Box) -> bool:
    """Whether ``outline`` stands wholly between ``label`` and a stretch of fill ``run`` found under
    it, across the stretch's columns: a control of its own, of a field's height at least."""
    return (
        outline.h >= MIN_FIELD_H
        and outline.y >= label.bottom - 2
        and outline.bottom <= run.y + 2
        and outline.x < run.right
        and run.x < outline.right
    )


FIELD_KINDS = ("text", "combo", "check", "radio")
TYPED_KINDS = ("text", "combo")  # the controls typing goes into: a check box beside a caption takes no text


def paired_field(elements: Sequence[Element], label: Box, kinds: Sequence[str] = FIELD_KINDS) -> Element | None:
    """The control of one of ``kinds`` whose label is ``label`` (a label left of, above, inside
    or right of it), or the control ``label`` lies in (a combo's current choice, an entry's placeholder).

    Typing asks only for the controls that take text: a check box that shows or hides a notes
    box, its tree name's box over the notes' caption, was paired with "Notes:" and took the typing."""
    fields = [e for e in elements if e.kind in kinds]
    named = [e for e in fields if e.label_box is not None and e.label_box.intersect(label) is not None]
    if named:
        return min(named, key=lambda e: e.label_box.distance_to(label) if e.label_box else 0.0)
    return next((e for e in fields if e.box.contains(*label.center)), None)


def named_mark(elements: Sequence[Element], label: Box) -> Element | None:
    """The check box or radio button whose own label is ``label`` (each holds the other's
    centre), or None. Overlapping is not enough: a mark taken from a tree's expander, its
    label a long misreading that reached up into the menu bar, took the click meant for the
    menu "Edit" (Wine's regedit)."""
    marks = [
        e
        for e in elements
        if e.kind in ("check", "radio")
        and e.label_box is not None
        and e.label_box.contains(*label.center)
        and label.contains(*e.label_box.center)
    ]
    return min(marks, key=lambda e: e.label_box.distance_to(label) if e.label_box else 0.0, default=None)


def click_point(element: Element) -> tuple[int, int]:
    """Where to click a control: inside an entry near its left edge (past the border), on a
    combo's arrow at its right end, on the middle of a check box or radio button."""
    cx, cy = element.box.center
    if element.kind == "combo":
        return (element.box.right - max(element.box.h // 2, 4), cy)
    if element.kind == "text":
        return (element.box.x + min(INSET, element.box.w // 2), cy)
    return (cx, cy)


def typing_point(element: Element) -> tuple[int, int]:
    """Where to click a control before typing into it: a combo on its text part, as an entry (its
    arrow opens the list, and the keys went into the list's search box: HomeBank's payee), the
    rest where ``click_point`` clicks them."""
    if element.kind == "combo":
        return (element.box.x + min(INSET, element.box.w // 2), element.box.center[1])
    return click_point(element)


def naming_fields(
    label: str, spans: Sequence[TextSpan], elements: Sequence[Element], kinds: Sequence[str] = FIELD_KINDS
) -> list[TextSpan]:
    """``spans`` without the exact matches of ``label`` that name no control of ``kinds``, when
    another exact match does: a field is asked for, and a caption beside a field is what names
    it. A toolbar button the tree names "URL" (equal as typed) outranked the caption "URL:"
    (equal once normalised) beside the entry; the entry looked for right of the button was the
    next button, and the click that should have focused a field ran the application's command."""
    exact = [m.span for m in candidates(label, list(spans)) if m.tier == EXACT]

    def named(span: TextSpan) -> Element | None:
        return paired_field([e for e in elements if e.window == span.window], span.box, kinds)

    fields = {id(s): named(s) for s in exact}
    naming = [s for s in exact if fields[id(s)] is not None]
    if not naming:
        return list(spans)
    # One field named twice is one target: a grid's column header and the grey hint its empty
    # cell shows ("Description" over "Description") name the same cell; the header, its label, stays.
    naming = [s for s in naming if not hint_of(s, fields[id(s)], [t for t in naming if t is not s], fields)]
    return [s for s in spans if s not in exact or s in naming]


def hint_of(
    span: TextSpan, field: Element | None, others: Sequence[TextSpan], fields: dict[int, Element | None]
) -> bool:
    """Whether ``span`` stands inside ``field`` while another of ``others`` names the same field as its label."""
    if field is None or not field.box.contains(*span.box.center):
        return False
    return any(
        fields[id(o)] is field and field.label_box is not None and field.label_box.intersect(o.box) is not None
        for o in others
    )
