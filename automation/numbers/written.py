"""Numbers written in text, found and made plain: what a user typed and what OCR read off a receipt.

- ``numbers_in`` / ``normalize_number``: numbers as people write them in a request or an
  answer. Currency signs and thousands separators go, a decimal comma becomes a point:
  "$1,200.00" -> "1200.00", "42,5" -> "42.5", "42.5" stays "42.5" (no digits added).
  Dates and times (2024-05-14, 12:30) are not numbers.
- ``amounts_in``: money as a printed receipt shows it, read by OCR: thousands grouped by
  ".", "," or "'" ("1.234,50", "1'234.50"), cents after a point or a comma, a space OCR
  put inside ("42 .50"), and the letter O read for a zero ("42.5O").
"""

from __future__ import annotations

import re
from decimal import Decimal

NUMBER = re.compile(r"(?<![\w.,])[-+]?[$€£¥]?\s?(\d{1,3}(?:,\d{3})+|\d+)(?:[.,](\d+))?(?![\w])")
# An amount: thousands groups or plain digits, then cents after a point or comma (OCR may put a space in).
MONEY = re.compile(r"(?<![\d.,/:-])(\d{1,3}(?:[.,']\d{3})+|\d+)(?:\s?([.,])\s?(\d{2}))?(?![\d/:-]|[.,]\d)")


def normalize_number(text: str) -> str | None:
    """``text`` as a plain number ("1200.00"), or None when it is not exactly one number."""
    m = NUMBER.fullmatch(text.strip())
    if not m:
        return None
    whole, frac = m.group(1).replace(",", ""), m.group(2)
    sign = "-" if text.strip().startswith("-") else ""
    return sign + whole + (f".{frac}" if frac is not None else "")


def numbers_in(text: str) -> list[str]:
    """Every number written in ``text``, normalized; dates and times are not numbers."""
    found = []
    for m in NUMBER.finditer(text):
        after = text[m.end() : m.end() + 1]
        before = text[m.start() - 1 : m.start()] if m.start() else ""
        if (after and after in "-/:") or (before and before in "-/:"):
            continue  # part of 2024-05-14 or 12:30
        number = normalize_number(m.group(0))
        if number is not None:
            found.append(number)
    return found


def amounts_in(line: str) -> list[tuple[Decimal, str, bool]]:
    """Every amount on a line of OCR text: (value, as written plainly, whether it had cents)."""
    fixed = re.sub(r"(?<=\d[.,])[Oo]|(?<=\d)[Oo](?=[\d.,])|(?<=[.,]\d)[Oo]", "0", line)
    found = []
    for m in MONEY.finditer(fixed):
        whole, point, cents = m.group(1), m.group(2), m.group(3)
        plain = re.sub(r"[.,']", "", whole) + (f".{cents}" if point else "")
        found.append((Decimal(plain), plain, bool(point)))
    return found
