"""Receipts generated from seeds, read through the real document path, scored field by field.

    .venv/bin/python -m tests.bench.receipts_generated                 # the tuning seeds
    .venv/bin/python -m tests.bench.receipts_generated --final         # the held-out seeds, once

Each seed (tests/support/receipt_generator.py) is drawn, saved as its medium (PNG scan,
JPEG photo, PDF page), read through the document OCR engine `deskhand do --attach` uses,
and parsed. Scored: amount (the total paid, not the cash tendered or the change), date,
vendor, and the kind of expense: the receipt's purchase matched by meaning
(models/expense_kind.py) to the items of a form's category list, one of several lists
(English, Chinese, synonyms, catch-all items), each item standing for a kind or for
none; the parser's own word-list kind is shown beside it as ``words``, not a target.
Per language, medium and list, and the misses listed so a reader change can be judged.
The final range is scored only with --final, and its figures go into docs/benchmarks.md
with the commit that first read them. A report, not a test.
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
from models.expense_kind import choose_item
from tests.bench.report import publish
from tests.support.receipt_generator import FINAL, TUNING, Generated, generate, save

FIELDS = ("amount", "date", "vendor", "kind", "words")
# The parser's word-list kind against the generator's: shown for comparison only.
KIND_OF_CATEGORY = {"meal": "meal", "lodging": "lodging", "transport": "transport", "office supplies": "supplies"}
# Forms' category lists: each item names one of the generator's kinds, or none (a catch-all or another
# kind of expense). A receipt is matched against list number seed % len(LISTS).
LISTS: dict[str, dict[str, str | None]] = {
    "plain": {
        "Meals": "meal",
        "Lodging": "lodging",
        "Travel": "transport",
        "Office supplies": "supplies",
        "Other": None,
    },
    "synonyms": {
        "Business meals": "meal",
        "Travel - lodging": "lodging",
        "Travel - transport": "transport",
        "Stationery & printing": "supplies",
        "Training": None,
    },
    "chinese": {"餐饮": "meal", "住宿": "lodging", "交通": "transport", "办公用品": "supplies", "其他": None},
    "finance": {
        "Meals & entertainment": "meal",
        "Accommodation": "lodging",
        "Transportation": "transport",
        "Office": "supplies",
        "Miscellaneous": None,
    },
    "casual": {
        "Food & drink": "meal",
        "Hotel": "lodging",
        "Taxi, train & flights": "transport",
        "Supplies": "supplies",
        "Software": None,
    },
}
TARGETS = {"amount": 0.95, "date": 0.95, "vendor": 0.85, "kind": 0.90, "words": 0.0}


def read_one(receipt: Generated, folder: Path) -> dict[str, Any]:
    path = save(receipt, folder)
    list_name = list(LISTS)[receipt.seed % len(LISTS)]
    items = LISTS[list_name]
    started = time.perf_counter()
    matched = started
    try:
        document = read_document(path, document_ocr())
        found = document.receipt
        read = time.perf_counter()
        item = choose_item(found.bought or (document.text,), list(items))
        matched = time.perf_counter()
        got = {
            "amount": found.amount,
            "date": found.date,
            "vendor": found.vendor,
            "kind": items.get(item or ""),
            "item": item,
            "words": KIND_OF_CATEGORY.get(found.category or ""),
            "bought": found.bought,
        }
    except DeskhandError as err:  # no text at all: every field missed
        read = matched = time.perf_counter()
        got = {f: None for f in FIELDS} | {"error": str(err)}
    truth = {"amount": receipt.amount, "date": receipt.date, "vendor": receipt.vendor, "kind": receipt.kind}
    truth["words"] = receipt.kind
    return {
        "seed": receipt.seed,
        "language": receipt.language,
        "medium": receipt.medium,
        "list": list_name,
        "right": {f: got[f] == truth[f] for f in FIELDS},
        "got": got,
        "truth": truth,
        "ms": round(1000 * (read - started), 1),
        "kind_ms": round(1000 * (matched - read), 1),
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
        groups["list:" + row["list"]].append(row)
    return {
        "seeds": f"{label}: {seeds.start}..{seeds.stop - 1}",
        "targets": TARGETS,
        "accuracy": {
            name: {f: round(sum(r["right"][f] for r in group) / len(group), 3) for f in FIELDS} | {"n": len(group)}
            for name, group in groups.items()
        },
        "ms_per_receipt": {
            "read_median": sorted(r["ms"] for r in rows)[len(rows) // 2],
            "kind_median": sorted(r["kind_ms"] for r in rows)[len(rows) // 2],
        },
        "rows": rows,
    }


def print_table(report: dict[str, Any]) -> None:
    print(report["seeds"])
    print(f"{'group':<14} {'n':>4} " + " ".join(f"{f:>8}" for f in FIELDS))
    for name, acc in report["accuracy"].items():
        print(f"{name:<14} {acc['n']:>4} " + " ".join(f"{100 * acc[f]:>7.0f}%" for f in FIELDS))
    print("targets             " + " ".join(f"{100 * report['targets'][f]:>7.0f}%" for f in FIELDS))
    ms = report["ms_per_receipt"]
    print(f"median ms per receipt: reading {ms['read_median']}, kind {ms['kind_median']}")
    for row in report["rows"]:
        wrong = [f"{f}={row['got'][f]!r} (is {row['truth'][f]!r})" for f in FIELDS[:4] if not row["right"][f]]
        if not row["right"]["kind"]:
            wrong.append(f"chose {row['got'].get('item')!r} for {row['got'].get('bought')!r}")
        if wrong:
            print(f"  seed {row['seed']} {row['language']} {row['medium']} {row['list']}: " + "; ".join(wrong))


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
