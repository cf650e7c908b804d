"""Receipts generated from seeds, read through the real document path, scored field by field.

    .venv/bin/python -m tests.bench.receipts_generated                 # the tuning seeds
    .venv/bin/python -m tests.bench.receipts_generated --final         # the held-out seeds, once

Each seed (tests/support/receipt_generator.py) is drawn, saved as its medium (PNG scan,
JPEG photo, PDF page), read through the document OCR engine `deskhand do --attach` uses,
and parsed. Scored: amount (the total paid, not the cash tendered or the change), date,
vendor, and the kind of expense. Per language and medium, and the misses listed so a
reader change can be judged. The final range is scored only with --final, and its figures
go into docs/benchmarks.md with the commit that first read them. A report, not a test.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from app.services.attach import document_ocr
from automation.documents.read import read_document
from automation.errors import DeskhandError
from tests.bench.report import publish
from tests.support.receipt_generator import FINAL, TUNING, Generated, generate, save

FIELDS = ("amount", "date", "vendor", "kind")
# The reader's kind of expense against the generator's (the form's list is matched by the model, not here).
KIND_OF_CATEGORY = {"meal": "meal", "lodging": "lodging", "transport": "transport", "office supplies": "supplies"}
TARGETS = {"amount": 0.95, "date": 0.95, "vendor": 0.85, "kind": 0.90}


def read_one(receipt: Generated, folder: Path) -> dict[str, Any]:
    path = save(receipt, folder)
    started = time.perf_counter()
    try:
        found = read_document(path, document_ocr()).receipt
        got = {
            "amount": found.amount,
            "date": found.date,
            "vendor": found.vendor,
            "kind": KIND_OF_CATEGORY.get(found.category or ""),
        }
    except DeskhandError as err:  # no text at all: every field missed
        got = {f: None for f in FIELDS} | {"error": str(err)}
    truth = {"amount": receipt.amount, "date": receipt.date, "vendor": receipt.vendor, "kind": receipt.kind}
    return {
        "seed": receipt.seed,
        "language": receipt.language,
        "medium": receipt.medium,
        "right": {f: got[f] == truth[f] for f in FIELDS},
        "got": got,
        "truth": truth,
        "ms": round(1000 * (time.perf_counter() - started), 1),
    }


def run(seeds: range, label: str) -> dict[str, Any]:
    document_ocr()  # the engine's start is not a receipt's reading time
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for seed in seeds:
            rows.append(read_one(generate(seed), Path(tmp)))
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups["all"].append(row)
        groups[row["language"]].append(row)
        groups[row["medium"]].append(row)
    return {
        "seeds": f"{label}: {seeds.start}..{seeds.stop - 1}",
        "targets": TARGETS,
        "accuracy": {
            name: {f: round(sum(r["right"][f] for r in group) / len(group), 3) for f in FIELDS} | {"n": len(group)}
            for name, group in groups.items()
        },
        "rows": rows,
    }


def print_table(report: dict[str, Any]) -> None:
    print(report["seeds"])
    print(f"{'group':<8} {'n':>4} " + " ".join(f"{f:>8}" for f in FIELDS))
    for name, acc in report["accuracy"].items():
        print(f"{name:<8} {acc['n']:>4} " + " ".join(f"{100 * acc[f]:>7.0f}%" for f in FIELDS))
    print("targets       " + " ".join(f"{100 * report['targets'][f]:>7.0f}%" for f in FIELDS))
    for row in report["rows"]:
        wrong = [f"{f}={row['got'][f]!r} (is {row['truth'][f]!r})" for f in FIELDS if not row["right"][f]]
        if wrong:
            print(f"  seed {row['seed']} {row['language']} {row['medium']}: " + "; ".join(wrong))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--final", action="store_true", help="score the held-out seeds (once, for the record)")
    parser.add_argument("--limit", type=int, help="only the first N seeds of the range")
    parser.add_argument("--json", type=Path, help="where to write the JSON report")
    args = parser.parse_args()
    seeds, label = (FINAL, "final") if args.final else (TUNING, "tuning")
    if args.limit:
        seeds = seeds[: args.limit]
    out = args.json or Path(__file__).resolve().parent / "results" / f"receipts_generated_{label}.json"
    publish(run(seeds, label), out, print_table)


if __name__ == "__main__":
    main()
