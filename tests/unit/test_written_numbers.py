"""Numbers written in text are found and made plain in one place (automation/numbers/written.py): table-driven."""

from decimal import Decimal

import pytest

from automation.numbers.written import amounts_in, normalize_number, numbers_in


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("42.50", "42.50"),
        ("42.5", "42.5"),
        ("17", "17"),
        ("$1,200.00", "1200.00"),
        ("1,200", "1200"),
        ("42,5", "42.5"),
        ("€8.99", "8.99"),
        ("-3", "-3"),
        ("forty", None),
        ("12 and 30", None),
        ("", None),
    ],
)
def test_normalize_number(text: str, number: str | None) -> None:
    assert normalize_number(text) == number


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("set the amount to $1,200.00", ["1200.00"]),
        ("put 2024-05-14 in the date field", []),
        ("lunch at 12:30 for 42.50", ["42.50"]),
        ("Total 38.20\nTea 6.20", ["38.20", "6.20"]),
        ("add 12 and 30", ["12", "30"]),
        ("nothing here", []),
    ],
)
def test_numbers_in(text: str, numbers: list[str]) -> None:
    assert numbers_in(text) == numbers


@pytest.mark.parametrize(
    ("line", "amounts"),
    [
        ("TOTAL 42.50", [(Decimal("42.50"), "42.50", True)]),
        ("Summe 1.234,50 EUR", [(Decimal("1234.50"), "1234.50", True)]),
        ("Total CHF 1'234.50", [(Decimal("1234.50"), "1234.50", True)]),
        ("合计 ¥ 42 .50", [(Decimal("42.50"), "42.50", True)]),  # OCR put a space before the cents
        ("Total 42.5O", [(Decimal("42.50"), "42.50", True)]),  # the letter O read for a zero
        ("Items 3", [(Decimal("3"), "3", False)]),
        ("Date 2026-11-28 12:30", []),  # a date and a time are not amounts
        ("Thank you", []),
    ],
)
def test_amounts_in_a_receipt_line(line: str, amounts: list[tuple[Decimal, str, bool]]) -> None:
    assert amounts_in(line) == amounts
