"""An attached document (a photo or scan of a receipt, a PDF) read into text and fields.

Pages come from PIL (PNG, JPEG, TIFF, ...) or from PDFium (pypdfium2: a wheel with the
PDF renderer inside, so no poppler to install and no process per page). A PDF page that
carries text (an invoice made by a program) is read from its text layer; a scanned one
is rendered at 200 dpi and read with OCR.

Before OCR, a page is made what Tesseract reads best: grayscale, turned upright by its
EXIF tag, straightened when photographed a few degrees askew, and scaled so its text
lines are about 40 px high (FINDINGS: small text needs upscaling; Tesseract's models
are trained on text of roughly that size). OCR goes through the OcrEngine port, so no
OCR library is imported here.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter, ImageOps, UnidentifiedImageError

from automation.documents.receipt import CJK, Receipt, parse_receipt
from automation.errors import UsageError
from automation.protocols import OcrEngine
from automation.types import OcrWord

PDF_DPI = 200
MAX_PAGES = 3  # a receipt or an invoice; the rest of a long PDF is not read
LINE_HEIGHT = 40  # px: the text-line height pages are scaled to
MAX_SCALE = 4.0
MAX_SKEW = 6.0  # degrees: a hand-held photo; more than that is a picture turned on purpose
SKEW_STEP = 0.5
INK_RADIUS = 10  # px: the neighbourhood a stroke is compared with
INK_CONTRAST = 40  # grey levels darker than that neighbourhood
MAX_FILE_BYTES = 50 * 1024 * 1024  # a phone photo is a few MB, a scanned PDF of a receipt less
MAX_PIXELS = 50_000_000  # an A4 page at 600 dpi is 35 Mpx; a small file claiming more is a decompression bomb


@dataclass(frozen=True)
class Document:
    """A file the user attached: where it came from, its text, and the receipt fields in it."""

    path: str
    text: str
    receipt: Receipt
    pages: int = 1
    seconds: float = 0.0  # reading and OCR

    @property
    def name(self) -> str:
        return Path(self.path).name

    def for_policy(self) -> str:
        """The text the policy is given: the fields first (tiny models read the start), then the page."""
        head = "Receipt: " + "; ".join(f"{k} {v}" for k, v in self.receipt.facts()) if self.receipt.found else ""
        return "\n".join(part for part in (head, self.text) if part)


def read_document(path: Path, ocr: OcrEngine) -> Document:
    """Read ``path``; UsageError (exit 2) when it cannot be opened or holds no text at all."""
    started = time.perf_counter()
    texts = [page_text(page, ocr) for page in load_pages(path)]
    text = "\n".join(t for t in texts if t.strip())
    if not text.strip():
        raise UsageError(
            f"no text found in {path.name}: nothing to take values from",
            "attach a sharper photo or scan of the whole receipt, or give the values in the request",
        )
    return Document(str(path), text, parse_receipt(text), len(texts), time.perf_counter() - started)


# A page is either an image to read with OCR or the text a PDF already carries.
Page = Image.Image | str


def load_pages(path: Path) -> list[Page]:
    if not path.is_file():
        raise UsageError(f"cannot attach {path}: no such file", "check the path given to --attach")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise UsageError(
            f"cannot attach {path.name}: {size} bytes; an attachment is at most {MAX_FILE_BYTES}",
            "attach a smaller photo or scan of the receipt",
        )
    with open(path, "rb") as f:
        if f.read(5) == b"%PDF-":
            return pdf_pages(path)
    try:
        with Image.open(path) as image:
            w, h = image.size  # from the header: nothing is decoded yet
            if w * h > MAX_PIXELS:
                raise Image.DecompressionBombError(f"{w}x{h} pixels, more than {MAX_PIXELS}")
            image.load()
            return [ImageOps.exif_transpose(image).convert("RGB")]
    except Image.DecompressionBombError as err:
        raise UsageError(
            f"cannot read {path.name}: too large a picture ({err})", "attach a photo or scan of at most 50 megapixels"
        ) from err
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as err:
        raise UsageError(
            f"cannot read {path.name}: not an image or a PDF, or damaged ({err})",
            "attach a PNG, JPEG or TIFF photo or scan, or a PDF",
        ) from err


def pdf_pages(path: Path) -> list[Page]:
    import pypdfium2 as pdfium  # a native library: loaded only when a PDF is attached

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as err:
        raise UsageError(f"cannot read {path.name}: a damaged PDF ({err})", "attach the PDF again, or a photo") from err
    try:
        pages: list[Page] = []
        for index in range(min(len(pdf), MAX_PAGES)):
            page = pdf[index]
            layer = page.get_textpage().get_text_range().strip()
            if len(re.findall(rf"[\w{CJK}]", layer)) >= 10:
                pages.append(layer)
            else:
                w, h = page.get_size()  # points; a page may claim any size
                scale = min(PDF_DPI / 72, 0.99 * (MAX_PIXELS / max(1.0, w * h)) ** 0.5)  # 0.99: PDFium rounds up
                pages.append(page.render(scale=scale).to_pil().convert("RGB"))
        return pages
    finally:
        pdf.close()


def page_text(page: Page, ocr: OcrEngine) -> str:
    if isinstance(page, str):
        return page
    return lines_of(ocr.read(prepare(page)))


def prepare(image: Image.Image) -> Image.Image:
    gray = ImageOps.grayscale(image)
    angle = skew(gray)
    if angle:  # the fill is the page's own paper colour, so the new corners add no edges
        paper = int(np.percentile(np.asarray(gray), 90))
        gray = gray.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=paper)
    height = line_height(gray)
    if height:
        scale = min(MAX_SCALE, LINE_HEIGHT / height)
        if not 0.8 <= scale <= 1.25:  # close enough is left alone: resampling blurs
            size = (max(1, round(gray.width * scale)), max(1, round(gray.height * scale)))
            gray = gray.resize(size, Image.Resampling.LANCZOS)
    return gray


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


def lines_of(words: list[OcrWord]) -> str:
    """The words as text, one OCR line a line, top to bottom; no spaces between Chinese characters."""
    lines: dict[tuple[int, ...], list[OcrWord]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    out = []
    for line in sorted(lines.values(), key=lambda ws: (min(w.box.y for w in ws), min(w.box.x for w in ws))):
        text = ""
        for word in sorted(line, key=lambda w: w.box.x):
            joined = text and re.match(f"[{CJK}]", word.text) and re.search(f"[{CJK}]$", text)
            text += word.text if joined or not text else " " + word.text
        out.append(text)
    return "\n".join(out)
