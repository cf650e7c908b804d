"""A photographed or scanned page made what Tesseract reads best.

- The paper cut out of a photo: a slip lying on a table, photographed in perspective,
  is found as the largest bright quadrilateral and warped to a rectangle. Tesseract's
  page layout took the table's edge beside a column of prices for a picture and
  dropped the prices with it.
- Light made even: a hand's shadow and a faded thermal print are divided by the paper's
  own brightness around each point, so the ink is dark and the paper white everywhere.
- Straightened when still a few degrees askew (the turn whose row profile of ink is
  sharpest), and scaled so text lines are about 40 px high (Tesseract's models are
  trained on text of roughly that size; small print is upscaled).
"""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image, ImageFilter, ImageOps

LINE_HEIGHT = 40  # px: the text-line height pages are scaled to
MAX_SCALE = 4.0
MAX_SKEW = 6.0  # degrees: a hand-held photo; more than that is a picture turned on purpose
SKEW_STEP = 0.5
INK_RADIUS = 10  # px: the neighbourhood a stroke is compared with
INK_CONTRAST = 40  # grey levels darker than that neighbourhood
PAPER_MIN = 0.12  # of the picture: a smaller bright patch is not the page
PAPER_MAX = 0.92  # of the picture: a larger one is the page filling it (a scan); nothing to cut
PAPER_CONTRAST = 25  # grey levels the paper is brighter than what it lies on


def prepare(image: Image.Image) -> Image.Image:
    gray = np.asarray(ImageOps.grayscale(image))
    paper = paper_corners(gray)
    if paper is not None:
        gray = unwarped(gray, paper)
    page = Image.fromarray(even_light(gray))
    angle = skew(page)
    if angle:  # the fill is white paper, so the new corners add no edges
        page = page.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    height = line_height(page)
    if height:
        scale = min(MAX_SCALE, LINE_HEIGHT / height)
        if not 0.8 <= scale <= 1.25:  # close enough is left alone: resampling blurs
            size = (max(1, round(page.width * scale)), max(1, round(page.height * scale)))
            page = page.resize(size, Image.Resampling.LANCZOS)
    return page


def paper_corners(gray: np.ndarray) -> np.ndarray | None:
    """The four corners of a bright slip on a darker ground (top-left, top-right,
    bottom-right, bottom-left), or None when the picture is the page itself."""
    small_side = 500
    factor = min(1.0, small_side / max(gray.shape))
    small = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA) if factor < 1 else gray
    blurred = cv2.GaussianBlur(small, (5, 5), 0)
    _, bright = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    inside, outside = blurred[bright > 0], blurred[bright == 0]
    if not inside.size or not outside.size or float(inside.mean()) - float(outside.mean()) < PAPER_CONTRAST:
        return None  # no clear paper against a ground: a scan, or a photo of the page alone
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))  # text holes closed
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    outline = max(contours, key=cv2.contourArea)
    share = cv2.contourArea(outline) / (small.shape[0] * small.shape[1])
    if not PAPER_MIN <= share <= PAPER_MAX:
        return None
    hull = cv2.convexHull(outline)
    corners = cv2.approxPolyDP(hull, 0.03 * cv2.arcLength(hull, True), True).reshape(-1, 2)
    if len(corners) != 4:
        corners = cv2.boxPoints(cv2.minAreaRect(outline))
    return ordered(np.asarray(corners, dtype=np.float32) / factor)


def ordered(corners: np.ndarray) -> np.ndarray:
    """Corners as top-left, top-right, bottom-right, bottom-left."""
    sums, diffs = corners.sum(axis=1), np.diff(corners, axis=1).ravel()
    return np.array(
        [corners[np.argmin(sums)], corners[np.argmin(diffs)], corners[np.argmax(sums)], corners[np.argmax(diffs)]],
        dtype=np.float32,
    )


def unwarped(gray: np.ndarray, corners: np.ndarray) -> np.ndarray:
    """The slip seen from straight above, a few pixels inside its edge (the edge is no text)."""
    tl, tr, br, bl = corners
    width = int(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    height = int(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    inset = 3
    target = np.array(
        [[-inset, -inset], [width + inset, -inset], [width + inset, height + inset], [-inset, height + inset]],
        dtype=np.float32,
    )
    matrix = cv2.getPerspectiveTransform(corners, target)
    return cv2.warpPerspective(gray, matrix, (width, height), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)


def even_light(gray: np.ndarray) -> np.ndarray:
    """Each pixel divided by the paper's brightness around it: shadows and fading gone,
    ink stretched to black. The paper around a point is its brightest neighbourhood
    (a dilation wider than a stroke), smoothed."""
    side = max(15, (min(gray.shape) // 20) | 1)
    paper = cv2.dilate(gray, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (side, side)))
    paper = cv2.GaussianBlur(paper, (side, side), 0).astype(np.float32)
    level = gray.astype(np.float32) / np.maximum(paper, 1.0)
    darkest = float(np.percentile(level, 0.5))
    if darkest >= 0.9:
        return gray  # no ink worth stretching
    stretched = (level - darkest) / (1.0 - darkest)
    return np.clip(255 * stretched, 0, 255).astype(np.uint8)


def ink(gray: Image.Image) -> np.ndarray:
    """Pixels much darker than their surroundings: strokes of text, not a table or a shadow behind the paper."""
    pixels = np.asarray(gray, dtype=np.int16)
    around = np.asarray(gray.filter(ImageFilter.BoxBlur(INK_RADIUS)), dtype=np.int16)
    return pixels < around - INK_CONTRAST


def line_height(gray: Image.Image) -> float | None:
    """The median height of the page's text lines, from the rows that hold ink; None without text."""
    counts = ink(gray).sum(axis=1)
    base = np.percentile(counts, 5)  # what every row holds: a table's edge around a photographed slip
    rows = counts > base + max(2.0, 0.05 * (counts.max() - base))
    runs, length = [], 0
    for has_ink in rows:
        if has_ink:
            length += 1
        elif length:
            runs.append(length)
            length = 0
    runs = [r for r in runs if r >= 4]  # specks and rules are not lines
    return float(np.median(runs)) if runs else None


def skew(gray: Image.Image) -> float:
    """The small turn (degrees) that makes text lines level: the one whose row profile is sharpest."""
    small = gray.copy()
    small.thumbnail((600, 600))
    mask = Image.fromarray((ink(small) * 255).astype(np.uint8))
    if not np.asarray(mask).any():
        return 0.0

    def sharpness(angle: float) -> float:
        rows = np.asarray(mask.rotate(angle, resample=Image.Resampling.NEAREST, expand=True)).sum(axis=1)
        return float(np.var(rows))

    angles = np.arange(-MAX_SKEW, MAX_SKEW + SKEW_STEP / 2, SKEW_STEP)
    best = max(angles, key=sharpness)
    return 0.0 if abs(best) < SKEW_STEP else float(best)
