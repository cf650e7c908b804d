"""OCR through the tesseract command (pytesseract).

Settings measured on this machine kind (see docs/architecture.md): grayscale,
2x upscale, page segmentation mode 3, one OpenMP thread (full-screen OCR went
from 2.9 s to 1.0 s with OMP_THREAD_LIMIT=1 on 2 cores).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

import pytesseract
from PIL import Image, ImageOps

from automation.errors import EnvironmentProblem
from automation.protocols import OcrEngine
from automation.registry import register
from automation.types import Box, OcrWord

os.environ.setdefault("OMP_THREAD_LIMIT", "1")


def tesseract_problem(err: Exception, lang: str) -> EnvironmentProblem:
    """Turn pytesseract's exceptions into a message that says how to fix the machine."""
    if isinstance(err, pytesseract.TesseractNotFoundError):
        return EnvironmentProblem(
            "the tesseract program is not installed or not on PATH",
            "apt-get install tesseract-ocr tesseract-ocr-eng (or add it to PATH)",
        )
    text = str(err)
    if "Failed loading language" in text or "Error opening data file" in text:
        where = os.environ.get("TESSDATA_PREFIX", "tesseract's default tessdata folder")
        return EnvironmentProblem(
            f"tesseract has no language data for {lang!r} in {where}",
            f"apt-get install tesseract-ocr-{lang.split('+')[0].replace('_', '-')}"
            " or point TESSDATA_PREFIX at a tessdata folder that has it",
        )
    return EnvironmentProblem(f"tesseract failed: {text.strip()}", "run `deskhand doctor`")


def prepare(image: Image.Image, scale: int) -> Image.Image:
    gray = ImageOps.grayscale(image)
    if scale == 1:
        return gray
    return gray.resize((gray.width * scale, gray.height * scale), Image.Resampling.LANCZOS)


@register(OcrEngine, "pytesseract")
class TesseractCli:
    name = "pytesseract"

    def __init__(
        self, lang: str = "eng", scale: int = 2, psm: int = 3, settings: Mapping[str, str] | None = None
    ) -> None:
        self.lang = lang
        self.scale = scale
        self.psm = psm
        self.settings = dict(settings or {})  # Tesseract's own variables, name to value, for every read

    def read(self, image: Image.Image, single_line: bool = False) -> list[OcrWord]:
        scale = 1 if single_line else self.scale
        try:
            data = pytesseract.image_to_data(
                prepare(image, scale),
                lang=self.lang,
                config=f"--psm {7 if single_line else self.psm}"
                + "".join(f" -c {name}={value}" for name, value in self.settings.items()),
                output_type=pytesseract.Output.DICT,
            )
        except (pytesseract.TesseractError, pytesseract.TesseractNotFoundError) as err:
            raise tesseract_problem(err, self.lang) from err
        words = []
        s = scale
        for i, text in enumerate(data["text"]):
            conf = float(data["conf"][i])
            if conf < 0 or not text.strip():
                continue
            box = Box(data["left"][i] // s, data["top"][i] // s, -(-data["width"][i] // s), -(-data["height"][i] // s))
            line = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
            words.append(OcrWord(text.strip(), box, conf, line))
        return words
