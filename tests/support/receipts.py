"""Receipts drawn at test time with real fonts: clean, photographed, a PDF, Chinese.

Each comes with the fields a reader must find, so tests and the benchmark score it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
DEJAVU_MONO = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")
NOTO_CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


@dataclass(frozen=True)
class Drawn:
    kind: str  # "clean", "photo", "pdf", "chinese"
    lines: tuple[str, ...]
    amount: str
    date: str
    vendor: str
    category: str


ENGLISH = Drawn(
    "clean",
    (
        "Noodle House",
        "12 Market Street",
        "Date: 2026-11-28  12:41",
        "",
        "Beef noodles        14.00",
        "Dumplings x2        18.00",
        "Jasmine tea          6.50",
        "Subtotal            38.50",
        "Tax                  4.00",
        "TOTAL              $42.50",
        "",
        "Thank you for your visit",
    ),
    "42.50",
    "2026-11-28",
    "Noodle House",
    "meal",
)
CHINESE = Drawn(
    "chinese",
    (
        "老北京面馆",
        "日期：2026年11月28日",
        "牛肉面        28.00",
        "饺子          14.50",
        "合计：¥42.50",
        "谢谢惠顾",
    ),
    "42.50",
    "2026-11-28",
    "老北京面馆",
    "meal",
)
HOTEL = Drawn(
    "pdf",
    (
        "Grand Plaza Hotel",
        "Check-out: 28 Nov 2026",
        "Room, 2 nights     220.00",
        "City tax             8.40",
        "Amount due      EUR 228.40",
    ),
    "228.40",
    "2026-11-28",
    "Grand Plaza Hotel",
    "lodging",
)


def font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


def draw(receipt: Drawn, size: int = 22) -> Image.Image:
    """The receipt as a white slip of paper with black text, like a scan."""
    face = font(NOTO_CJK if receipt.kind == "chinese" else DEJAVU_MONO, size)
    step = int(size * 1.6)
    width = int(max(face.getlength(line) for line in receipt.lines)) + 2 * size
    image = Image.new("RGB", (width, step * len(receipt.lines) + 2 * size), "white")
    pen = ImageDraw.Draw(image)
    for i, line in enumerate(receipt.lines):
        pen.text((size, size + i * step), line, fill="black", font=face)
    return image


def photographed(image: Image.Image, degrees: float = 2.0, seed: int = 7) -> Image.Image:
    """Like a phone photo of the slip: on a gray table, turned a little, unevenly lit, grainy, soft."""
    margin = 40
    table = Image.new("RGB", (image.width + 2 * margin, image.height + 2 * margin), (120, 118, 112))
    table.paste(image, (margin, margin))
    turned = table.rotate(degrees, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=(120, 118, 112))
    pixels = np.asarray(turned.convert("L"), dtype=np.int16)
    shade = (30 * np.arange(pixels.shape[0]) / pixels.shape[0]).astype(np.int16)[:, None]  # light falls off
    grain = np.random.default_rng(seed).integers(-18, 19, pixels.shape, dtype=np.int16)
    gray = Image.fromarray(np.clip(pixels - shade + grain, 0, 255).astype(np.uint8))
    return gray.filter(ImageFilter.GaussianBlur(0.6)).convert("RGB")


def save(receipt: Drawn, folder: Path, size: int = 22) -> Path:
    """Write ``receipt`` the way its kind arrives: a PNG, a JPEG photo, or a PDF page."""
    folder.mkdir(parents=True, exist_ok=True)
    image = draw(receipt, size)
    if receipt.kind == "photo":
        path = folder / "receipt-photo.jpg"
        photographed(image).save(path, quality=85)
    elif receipt.kind == "pdf":
        path = folder / "receipt.pdf"
        image.save(path, "PDF", resolution=150)
    else:
        path = folder / f"receipt-{receipt.kind}.png"
        image.save(path)
    return path


KINDS = {
    "clean": ENGLISH,
    "photo": Drawn("photo", *[getattr(ENGLISH, f) for f in ("lines", "amount", "date", "vendor", "category")]),
    "pdf": HOTEL,
    "chinese": CHINESE,
}
