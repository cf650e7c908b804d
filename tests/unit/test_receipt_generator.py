"""The receipt generator: a seed fixes the receipt, and its ground truth is what the slip says."""

from decimal import Decimal

from tests.support.receipt_generator import FINAL, KINDS, TOTAL_WORDS, TUNING, generate


def test_a_seed_gives_the_same_receipt_every_time() -> None:
    assert generate(17) == generate(17)
    assert generate(17) != generate(18)


def test_tuning_and_final_seeds_never_overlap() -> None:
    assert not set(TUNING) & set(FINAL)
    assert len(TUNING) >= 60 and len(FINAL) >= 60


def test_the_total_line_shows_the_amount_and_the_items_add_up() -> None:
    for seed in TUNING:
        receipt = generate(seed)
        totals = [line for line in receipt.lines if line.startswith(TOTAL_WORDS[receipt.language])]
        assert len(totals) == 1, (seed, receipt.lines)
        shown = [line for line in totals if line.replace(",", "").rstrip(" EUR元").endswith(receipt.amount)]
        assert shown, (seed, receipt.lines)
        # Every priced line before the total, signed, adds up to the total (tax, service, tip, discount included).
        dated = next(i for i, line in enumerate(receipt.lines) if receipt.date[:4] in line)
        first_priced = next(i for i, line in enumerate(receipt.lines) if i > dated and line[-1:].isdigit())
        total_at = receipt.lines.index(shown[0])
        body = [line for line in receipt.lines[first_priced:total_at] if not line.startswith(("Subtotal", "小计"))]
        values = [Decimal(line.split()[-1].replace(",", "").lstrip("$€£¥")) for line in body]
        assert sum(values, Decimal(0)) == Decimal(receipt.amount), (seed, receipt.lines)


def test_the_seeds_cover_languages_kinds_and_media() -> None:
    receipts = [generate(seed) for seed in TUNING]
    assert {r.language for r in receipts} == {"en", "zh"}
    assert {r.kind for r in receipts} == set(KINDS)
    assert {r.medium for r in receipts} == {"scan", "photo", "pdf"}
    assert any(r.fade for r in receipts) and any(not r.fade for r in receipts)
    assert any(any(line.startswith(("Cash", "现金")) for line in r.lines) for r in receipts)
