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

from PIL import Image, ImageOps, UnidentifiedImageError

from automation.documents.page_image import prepare
from automation.documents.receipt import CJK, Receipt, parse_receipt
from automation.errors import UsageError
from automation.protocols import OcrEngine
from automation.types import OcrWord

PDF_DPI = 200
BOUGHT = "Bought: "  # the line of for_policy() that says what the receipt paid for
MAX_PAGES = 3  # a receipt or an invoice; the rest of a long PDF is not read
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
        bought = BOUGHT + "; ".join(self.receipt.bought) if self.receipt.bought else ""
        return "\n".join(part for part in (head, bought, self.text) if part)


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


def lines_of(words: list[OcrWord]) -> str:
    """The words as text, one printed row a line, top to bottom; no spaces between Chinese characters.

    Tesseract's lines are joined when they share a row and not a column: it reads a
    wide gap (an item's name far left, its price far right) as two columns and gave
    the price a line of its own, away from the word that says what it is."""
    lines: dict[tuple[int, ...], list[OcrWord]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    rows: list[list[OcrWord]] = []
    for line in sorted(lines.values(), key=lambda ws: (min(w.box.y for w in ws), min(w.box.x for w in ws))):
        row = next((r for r in rows if same_row(r, line)), None)
        if row is None:
            rows.append(list(line))
        else:
            row.extend(line)
    rows.sort(key=lambda ws: sum(w.box.y + w.box.h / 2 for w in ws) / len(ws))
    out = []
    for row in rows:
        text = ""
        for word in sorted(row, key=lambda w: w.box.x):
            joined = text and re.match(f"[{CJK}]", word.text) and re.search(f"[{CJK}]$", text)
            text += word.text if joined or not text else " " + word.text
        out.append(text)
    return "\n".join(out)


def same_row(row: list[OcrWord], line: list[OcrWord]) -> bool:
    """Whether ``line`` stands beside ``row`` on the page: most of the shorter one's height
    shared, and no word of one above a word of the other."""
    top, bottom = min(w.box.y for w in row), max(w.box.y + w.box.h for w in row)
    top2, bottom2 = min(w.box.y for w in line), max(w.box.y + w.box.h for w in line)
    shared = min(bottom, bottom2) - max(top, top2)
    if shared < 0.6 * min(bottom - top, bottom2 - top2):
        return False
    return all(w.box.x + w.box.w <= v.box.x or v.box.x + v.box.w <= w.box.x for w in row for v in line)
