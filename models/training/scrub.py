"""Personal data out of text meant for fine-tuning: emails, phone, card and ID numbers -> typed placeholders.

Pure and dependency-free. What is found is replaced by <EMAIL>, <PHONE>, <CARD> or
<ID>; everything else is left as it was, so amounts, dates and order numbers stay
useful. Numbers are taken only when they are what they claim to be:

- a card number is 13-19 digits (single spaces or dashes between groups allowed)
  that pass the Luhn check: a 16-digit order number that fails it stays;
- a Chinese resident ID is 17 digits and a check character (ISO 7064 MOD 11-2) with
  a plausible birth date in it; a US Social Security number is ddd-dd-dddd outside
  the ranges never issued (000, 666, 9xx; group 00; serial 0000);
- a phone number is written like one: "+" and a country code, (555) 123-4567 or
  555-123-4567, a Chinese mobile (1[3-9] and 9 more digits, grouped or not), or a
  Chinese landline with its area code (010-12345678). A bare run of digits that is
  none of these stays: it is more often an order or invoice number than a phone.

When two findings overlap, the surer kind wins: email, ID, card, then phone.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

PLACEHOLDERS = {"EMAIL": "<EMAIL>", "ID": "<ID>", "CARD": "<CARD>", "PHONE": "<PHONE>"}

EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")
CN_ID = re.compile(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])")
SSN = re.compile(r"(?<![\d-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\d-])")
DIGIT_GROUPS = re.compile(r"(?<!\d)\d+(?:[ -]\d+)*(?!\d)")
PHONES = (
    re.compile(r"(?<![\w+])\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,5}(?!\d)"),  # +86 138 0013 8000, +1 (555) 123-4567
    re.compile(r"(?<![\d(])(?:\(\d{3}\) ?|\d{3}[-. ])\d{3}[-. ]\d{4}(?![\d-])"),  # (555) 123-4567, 555.123.4567
    re.compile(r"(?<![\d-])1[3-9]\d(?:[ -]?\d{4}){2}(?![\d-])"),  # 13800138000, 138-0013-8000
    re.compile(r"(?<![\d-])0\d{2,3}-\d{7,8}(?![\d-])"),  # 010-12345678, 0755-1234567
)
CN_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CN_ID_CHECK = "10X98765432"


@dataclass(frozen=True)
class Found:
    kind: str  # EMAIL, ID, CARD, PHONE
    start: int
    end: int


def luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def cn_id_valid(number: str) -> bool:
    """An 18-character Chinese resident ID: its check character, and a birth date that can be."""
    body, check = number[:17], number[17].upper()
    if CN_ID_CHECK[sum(int(c) * w for c, w in zip(body, CN_ID_WEIGHTS, strict=True)) % 11] != check:
        return False
    try:
        born = dt.date(int(body[6:10]), int(body[10:12]), int(body[12:14]))
    except ValueError:
        return False
    return dt.date(1880, 1, 1) <= born <= dt.date.today()


def cards(text: str) -> list[Found]:
    """Runs of digit groups, and within them the longest stretches of whole groups that are card numbers."""
    found = []
    for run in DIGIT_GROUPS.finditer(text):
        groups = [(m.start() + run.start(), m.end() + run.start()) for m in re.finditer(r"\d+", run.group())]
        i = 0
        while i < len(groups):
            digits, last = "", None
            for j in range(i, len(groups)):
                digits += text[groups[j][0] : groups[j][1]]
                if len(digits) > 19:
                    break
                if len(digits) >= 13 and luhn(digits):
                    last = j
            if last is None:
                i += 1
            else:
                found.append(Found("CARD", groups[i][0], groups[last][1]))
                i = last + 1
    return found


def phones(text: str) -> list[Found]:
    found = []
    for pattern in PHONES:
        for m in pattern.finditer(text):
            if 7 <= sum(c.isdigit() for c in m.group()) <= 15:
                found.append(Found("PHONE", m.start(), m.end()))
    return found


def find_pii(text: str) -> list[Found]:
    """What would be replaced, in text order; overlaps settled in favour of the surer kind."""
    candidates = [
        *(Found("EMAIL", m.start(), m.end()) for m in EMAIL.finditer(text)),
        *(Found("ID", m.start(), m.end()) for m in CN_ID.finditer(text) if cn_id_valid(m.group())),
        *(Found("ID", m.start(), m.end()) for m in SSN.finditer(text)),
        *cards(text),
        *phones(text),
    ]
    kept: list[Found] = []
    for f in candidates:  # already in order of sureness
        if not any(f.start < k.end and k.start < f.end for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: f.start)


def scrub(text: str) -> str:
    out, at = [], 0
    for f in find_pii(text):
        out += [text[at : f.start], PLACEHOLDERS[f.kind]]
        at = f.end
    return "".join([*out, text[at:]])
