"""Attached documents for a request: `deskhand do --attach FILE` and a file dropped on the panel.

The OCR engine for documents is its own: one Tesseract pass over a single column of
text (page segmentation mode 4, a receipt's layout), at the scale automation.documents
chose, with Chinese alongside English when its language data is installed (reading
English with chi_sim+eng costs ~20 % more time and no accuracy on our receipts), and
with no row rejected as noise (DOCUMENT_SETTINGS says why).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from app.services import config
from automation import registry
from automation.backends import register_all
from automation.errors import EnvironmentProblem
from automation.protocols import OcrEngine

if TYPE_CHECKING:
    from automation.documents.read import Document

DOCUMENT_PSM = 4  # one column of lines of different sizes
LANGUAGES = ("chi_sim+eng", "eng")  # the first the machine has
# Tesseract 5.5 (tesserocr's) rejected a receipt's centred Chinese name as a noisy row and
# read from the address down (5.3's command kept it): keeping such rows put the vendor
# back on 5 of 91 Chinese tuning receipts (80 % to 86 %), and no other field read worse.
DOCUMENT_SETTINGS = {"textord_noise_rejrows": "0"}


@cache
def document_ocr() -> OcrEngine:
    register_all()
    problem: EnvironmentProblem | None = None
    for lang in LANGUAGES:
        try:
            engine: OcrEngine = registry.create(
                OcrEngine, config.ocr_backend(), lang=lang, scale=1, psm=DOCUMENT_PSM, settings=DOCUMENT_SETTINGS
            )
            return engine
        except EnvironmentProblem as err:
            problem = err
    assert problem is not None
    raise problem


def read_attachments(paths: Sequence[str | Path]) -> list[Document]:
    """Each file read in turn; the first that cannot be read stops it with a UsageError naming it."""
    from automation.documents.read import (
        read_document,  # loaded on first use, not by `deskhand --help` (docs/architecture.md)
    )

    return [read_document(Path(p).expanduser(), document_ocr()) for p in paths]


def facts_of(documents: Sequence[Document]) -> tuple[tuple[str, str], ...]:
    """The values the documents gave; for a field two documents both give, the first one's."""
    seen: dict[str, str] = {}
    for document in documents:
        for name, value in document.receipt.facts():
            seen.setdefault(name, value)
    return tuple(seen.items())


def fact_value(name: str, documents: Sequence[Document]) -> str | None:
    """The value the documents give for a field or parameter called ``name``, or None."""
    from models.policy.facts import fact_for  # loaded on first use, not by `deskhand --help` (docs/architecture.md)

    found = fact_for(name, facts_of(documents))
    return found[1] if found else None


def attached_line(document: Document, called: str = "") -> str:
    """What the user is shown: "attached receipt.png: 42.50, 2026-11-28, Noodle House (meal)"."""
    missing = [m for m in document.receipt.missing if m != "category"]
    note = f"; not found: {', '.join(missing)}" if missing else ""
    return f"attached {called or document.name}: {document.receipt.summary()}{note}"
