"""Pictures that may be buttons with no word on them: a toolbar's icons.

Many applications' toolbars show only pictures (a printer, a floppy disk, arrows); no
reading of the pixels names them, but the application does when the pointer rests on one
(its tooltip). This module finds where such pictures are and knows them again by their
likeness (``fingerprint``); ``automation.actuation.icons`` asks each for its name, and a
name once learned is given to the same picture on every later look (``named_pictures``).

A picture is a compact patch of colour off the window's background, about an icon's size,
sharing its middle line with at least one other of like height (a toolbar holds several):
a lone picture is rarely a button, and a row of them seldom anything else.
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np
from PIL import Image

from automation.types import Box, Element, OcrWord, TextSpan

MIN_SIDE, MAX_SIDE = 12, 48  # pixels: from a menu's small icons to a large toolbar's
ASPECT = (0.6, 1.7)  # width over height: icons are about square, words are wide
FILL = 0.2  # of its box an icon's pixels cover at least (a thin outline is no icon)
OFF_BACKGROUND = 40  # colour distance from the background that is ink or picture
ROW_SLACK = 5  # pixels the middle lines of icons in one row may differ by
ROW_MIN = 3  # icons in a row, the picture itself included


def background(rgb: np.ndarray) -> np.ndarray:
    """The window's commonest colour (counted on every fourth pixel each way: the same colour)."""
    flat = rgb[::4, ::4].reshape(-1, 3)
    packed = (flat[:, 0].astype(np.int32) << 16) | (flat[:, 1].astype(np.int32) << 8) | flat[:, 2]
    values, counts = np.unique(packed, return_counts=True)
    top = int(values[np.argmax(counts)])
    return np.array([top >> 16 & 255, top >> 8 & 255, top & 255], dtype=np.uint8)


def pictures(image: Image.Image) -> list[Box]:
    """Icon-sized compact patches off the background, in the image's pixels."""
    rgb = np.ascontiguousarray(np.asarray(image.convert("RGB")))
    diff = cv2.absdiff(rgb, np.full_like(rgb, background(rgb)))
    off = (np.maximum(np.maximum(diff[..., 0], diff[..., 1]), diff[..., 2]) > OFF_BACKGROUND).astype(np.uint8)
    off[frames(off) > 0] = 0
    # An icon's parts (a printer's paper and body) are one picture; two icons a few pixels apart are two.
    joined = cv2.morphologyEx(off, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    found: list[Box] = []
    for x, y, w, h, area in stats[1:count]:
        sized = MIN_SIDE <= w <= MAX_SIDE and MIN_SIDE <= h <= MAX_SIDE and ASPECT[0] <= w / h <= ASPECT[1]
        if sized and area >= FILL * w * h:
            found.append(Box(int(x), int(y), int(w), int(h)))
    return found


FRAME_LINE, FRAME_THIN = 24, 3  # pixels: a button's frame or focus ring is this long a line, and thinner


def frames(off: np.ndarray) -> np.ndarray:  # 0/1 in, 0/1 out
    """The thin straight lines of ``off`` (0/1) as long as a button's side: its frame, a focus ring
    round it. Joined to the picture inside (Swing rings the focused button 2 px off its picture),
    the picture was a frame's size and no icon. An icon's own strokes are shorter, or thicker."""
    found = np.zeros(off.shape, np.uint8)
    for line, across in (((FRAME_LINE, 1), (1, FRAME_THIN)), ((1, FRAME_LINE), (FRAME_THIN, 1))):
        lines = np.asarray(cv2.morphologyEx(off, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, line)))
        thick = np.asarray(cv2.morphologyEx(lines, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, across)))
        found[(lines > 0) & (thick == 0)] = 1
    return found


def in_rows(found: Sequence[Box]) -> list[Box]:
    """The pictures that share their middle line with others of like height, top row first."""
    kept = [
        b
        for b in found
        if sum(1 for o in found if abs(o.center[1] - b.center[1]) <= ROW_SLACK and abs(o.h - b.h) <= ROW_SLACK * 2)
        >= ROW_MIN
    ]
    rows: list[list[Box]] = []
    for box in sorted(kept, key=lambda b: b.center[1]):
        if rows and box.center[1] - rows[-1][0].center[1] <= ROW_SLACK * 2:
            rows[-1].append(box)
        else:
            rows.append([box])
    return [b for row in rows for b in sorted(row, key=lambda b: b.x)]


def toolbar_icons(image: Image.Image, taken: Sequence[Box] = ()) -> list[Box]:
    """Where a window's unnamed pictures in rows are, top row first, left to right; ``taken``:
    boxes already known for what they are (words read with confidence, controls), whose
    pictures are left out."""
    return [b for b in in_rows(pictures(image)) if not any(t.contains(*b.center) for t in taken)]


SURE = 90.0  # OCR confidence of a word that is a word, not a picture read as letters
TYPED_KINDS = ("text", "combo")  # controls that are what they seem: a picture is never taken for one


def known_boxes(words: Sequence[OcrWord | TextSpan], elements: Sequence[Element]) -> list[Box]:
    """What is known for what it is, so that no picture is looked for there: words read with
    confidence, and fields. A picture, though, is often read as a few letters with little
    confidence, or taken for an unlabelled check box."""
    sure = [w.box for w in words if w.conf >= SURE and sum(c.isalnum() for c in w.text) >= 2]
    return sure + [e.box for e in elements if e.kind in TYPED_KINDS]


HASH_SIDE = 16  # a picture's likeness: its gray levels over and under their mean on a 16x16 grid
LIKE = 0.05  # share of a likeness's bits two drawings of one picture may differ by (distinct icons: 0.1 and more)


def fingerprint(picture: Image.Image) -> str:
    """A picture's likeness as hex: the same, or nearly, for the same icon drawn again a pixel
    off or its box cut a pixel wider; unlike for another icon."""
    small = np.asarray(picture.convert("L").resize((HASH_SIDE, HASH_SIDE), Image.Resampling.BILINEAR), np.float32)
    bits = (small > small.mean()).flatten()
    return f"{int(''.join('1' if b else '0' for b in bits), 2):0{HASH_SIDE * HASH_SIDE // 4}x}"


def unlike(a: str, b: str) -> float:
    """The share of two likenesses' bits that differ (1.0 for likenesses of other sizes)."""
    if len(a) != len(b):
        return 1.0
    return bin(int(a, 16) ^ int(b, 16)).count("1") / (len(a) * 4)


def named_pictures(
    image: Image.Image, known: Sequence[tuple[str, str]], taken: Sequence[Box] = ()
) -> list[tuple[Box, str]]:
    """The pictures of ``image`` (a window) whose likeness is one of ``known`` (likeness, name), each
    with that name: the likest within ``LIKE``, and each name given once (the likest picture)."""
    if not known:
        return []
    found: dict[str, tuple[float, Box]] = {}
    for box in toolbar_icons(image, taken):
        seen = fingerprint(image.crop((box.x, box.y, box.right, box.bottom)))
        distance, name = min((unlike(seen, likeness), name) for likeness, name in known)
        if distance <= LIKE and (name not in found or distance < found[name][0]):
            found[name] = (distance, box)
    return [(box, name) for name, (_, box) in found.items()]
