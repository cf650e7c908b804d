"""Receipt reading benchmark: per kind of receipt, fields read right and reading time.

    .venv/bin/python -m tests.bench.receipts [--repeat N] [--json FILE]

Receipts are drawn at test time (tests/support/receipts.py): a clean scan, a phone-like
photo (turned 2 degrees, gray table, uneven light, grain, blur), a PDF page, and a
Chinese one; also each kind at a small font (12 px) that must be scaled up. Each is read
through the document OCR engine `deskhand do --attach` uses (tesserocr, psm 4, chi_sim+eng)
and scored on the four fields. Time is the median of ``repeat`` reads, opening the file
included. A report, not a pass/fail test.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from app.services.attach import document_ocr
from automation.documents.read import read_document
from tests.bench.report import publish
from tests.support.receipts import KINDS, Drawn, save

FIELDS = ("amount", "date", "vendor", "category")


def score(drawn: Drawn, path: Path, repeat: int) -> dict[str, Any]:
    engine = document_ocr()
    times, document = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        document = read_document(path, engine)
        times.append(time.perf_counter() - started)
    assert document is not None
    right = [f for f in FIELDS if getattr(document.receipt, f) == getattr(drawn, f)]
    return {
        "right": len(right),
        "wrong": [f"{f}={getattr(document.receipt, f)!r}" for f in FIELDS if f not in right],
        "ms": round(1000 * statistics.median(times), 1),
    }


def run(repeat: int) -> dict[str, Any]:
    document_ocr()  # the engine's start is not a receipt's reading time
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in (22, 12):
            for kind, drawn in KINDS.items():
                path = save(drawn, Path(tmp) / f"{kind}-{size}", size=size)
                rows.append({"kind": kind, "font_px": size, **score(drawn, path, repeat)})
    return {"repeat": repeat, "fields": len(FIELDS), "rows": rows}


def print_table(report: dict[str, Any]) -> None:
    print(f"{'kind':<8} {'font':>4} {'fields right':>12} {'ms':>7}  wrong")
    for row in report["rows"]:
        right = f"{row['right']}/{report['fields']}"
        print(f"{row['kind']:<8} {row['font_px']:>4} {right:>12} {row['ms']:>7}  {', '.join(row['wrong'])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path, default=Path(__file__).resolve().parent / "results" / "receipts.json")
    args = parser.parse_args()
    publish(run(args.repeat), args.json, print_table)


if __name__ == "__main__":
    main()
