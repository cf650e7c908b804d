"""Every DESKHAND_* environment variable, read here and nowhere else in app/.

docs/cli.md, "Environment and settings", is the one table of them. Each is read when
asked for (tests set them per test), and the values are handed down to automation/
and models/ as arguments. The one exception is DESKHAND_API_KEY: models/openai_http.py
reads it at each request, so the key is never held in memory longer than a call.
"""

from __future__ import annotations

import os
from pathlib import Path

from automation.errors import ModelUnavailable
from models.threads import choose_threads, usable_cpus

HOME = "DESKHAND_HOME"  # one folder for data, cache and config (tests set it)
MODELS = "DESKHAND_MODELS"  # where model packs are installed
PACK_WHEELS = "DESKHAND_PACK_WHEELS"  # where downloaded pack wheels are kept for reinstalls
OCR = "DESKHAND_OCR"  # the OCR backend
# Languages a crop read as doubtful English is read again in ("" turns the second pass off)
OCR_SECOND = "DESKHAND_OCR_SECOND"
# Languages a window whose title is Chinese, Japanese or Korean is read in ("" or "eng": English only)
OCR_WIDE = "DESKHAND_OCR_WIDE"
SPEECH = "DESKHAND_SPEECH"  # the speech engine when neither --speech nor the settings name one
THREADS = "DESKHAND_THREADS"  # CPU threads for llama.cpp and Whisper
SCHEMA_FORMAT = "DESKHAND_SCHEMA_FORMAT"  # how a model server is asked for JSON
ACCESSIBILITY = "DESKHAND_ACCESSIBILITY"  # "off": read every window from its pixels only
API_KEY = "DESKHAND_API_KEY"  # sent to a model server; read by models/openai_http.py only

DEFAULT_OCR = "tesserocr"  # in-process, always installed
DEFAULT_OCR_WIDE = "chi_sim+eng"  # needs tesseract-ocr-chi-sim (packaging/apt-packages.txt); skipped without it
DEFAULT_OCR_SECOND = ""  # off: a caret read doubtfully came back "Mia Costal" from chi_sim+eng (zoo GTK)


def _path(name: str) -> Path | None:
    value = os.environ.get(name, "")
    return Path(value).expanduser() if value else None


def home() -> Path | None:
    return _path(HOME)


def models_folder() -> Path | None:
    return _path(MODELS)


def pack_wheels() -> Path | None:
    return _path(PACK_WHEELS)


def ocr_backend() -> str:
    return os.environ.get(OCR) or DEFAULT_OCR


def ocr_second_languages() -> str:
    return os.environ.get(OCR_SECOND, DEFAULT_OCR_SECOND).strip()


def ocr_wide_languages() -> str:
    return os.environ.get(OCR_WIDE, DEFAULT_OCR_WIDE).strip()


def speech() -> str | None:
    return os.environ.get(SPEECH) or None


def threads(what: str) -> int | None:
    """The thread count asked for, or None for the default; ModelUnavailable (exit 6) naming
    ``what`` (the model about to open) when it is not a positive whole number."""
    text = os.environ.get(THREADS, "").strip()
    if not text:
        return None
    try:
        return choose_threads(usable_cpus(), text)
    except ValueError as err:
        raise ModelUnavailable(what, str(err), f"set {THREADS} to a count of 1 or more, or unset it") from err


def schema_format() -> str | None:
    return os.environ.get(SCHEMA_FORMAT) or None


def accessibility() -> bool:
    """Whether to read applications' accessibility trees beside their pixels (docs/accessibility.md)."""
    return os.environ.get(ACCESSIBILITY, "on").strip().lower() != "off"
