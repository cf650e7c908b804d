"""Values the model filled in, checked against what the user actually said.

A tiny model copies well but also invents. So every value must be found in the
request, an attached document or one of the user's answers; what is not found
becomes a question, never a guess.

- Numbers (a slot whose name or example says amount, total, price, ...) must be a
  number that occurs in those texts (found by automation/numbers/written.py). They are
  typed as the user wrote them, minus currency signs and thousands separators, with a
  decimal comma made a point:
  "$1,200.00" -> "1200.00", "42,5" -> "42.5", "42.5" stays "42.5" (the application
  decides how it shows cents; Deskhand does not add digits nobody said).
- Text (names, notes, a category) must occur in those texts, case-insensitively,
  allowing an OCR-sized slip; the value returned is the source's own spelling.
  Command words the model dragged along ("as the employee", "enter") are trimmed
  off the ends first, and a value that is only the slot's own name or filler words
  counts as missing.
- Text that is the request's own instruction, not a value it gives ("the invoice
  number and save the file", "the invoice number": automation/value_words.py) is
  missing: the user is asked. Quoted text is always a value.
- Secret slots (a PIN, a password) are filled only from the user's answers, never
  by the model, and their values are never shown to it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from rapidfuzz import fuzz

from automation.numbers.written import normalize_number, numbers_in
from automation.secrets import is_secret_label
from automation.stated import EMPTY, PLACES
from automation.value_words import quoted_in, says_what_to_do
from models.policy.words import STOPWORDS, UI_VERBS, same_word, tokens, wordset

NUMERIC_WORDS = wordset("amount total price cost sum quantity qty number count")
FUZZY_MIN = 85  # rapidfuzz partial ratio: one slip in a nine-letter name still counts
NUMBER_PATTERN = r"^([0-9]{1,9}([.][0-9]{1,4})?)?$"  # what the fill schema lets a number slot hold


@dataclass(frozen=True)
class Slot:
    """One value an option needs: a field's content or a skill's parameter."""

    name: str  # "Amount", "attendees": also the key the model fills
    question: str  # asked when the value is missing, in the user's words
    numeric: bool = False
    secret: bool = False
    users_own: bool = False  # only from the request or an answer, never from an attached document
    places: str = ""  # the request's value whose field the answer names (linked.py): no value itself


@dataclass(frozen=True)
class Missing:
    slot: Slot
    why: str  # for the reason shown in --json: "no number in the request"
    instruction: bool = False  # the text was the request's own words for what to do


def looks_numeric(name: str, example: str = "") -> bool:
    if example:
        return normalize_number(example) is not None
    return any(w.text in NUMERIC_WORDS for w in tokens(name))


def looks_secret(name: str) -> bool:
    return is_secret_label(name)


def question_for(name: str, description: str = "") -> str:
    if description.strip().endswith("?"):
        return description.strip()
    name = name.strip().rstrip(":：*").strip()  # a caption's colon is no part of its name: "What is the password?"
    shown = name if name.isupper() else name.replace("_", " ").lower()
    plural = shown.endswith("s") and not shown.endswith(("ss", "us", "is"))  # "attendees", not "address"
    return f"What {'are' if plural else 'is'} the {shown}?"


def trim(value: str, slot: Slot) -> str:
    """Drop command words and the slot's own name from the ends of a copied value."""
    words = value.strip().strip("\"'“”‘’").strip()
    filler = STOPWORDS | UI_VERBS | PLACES | {"called", "named", "saying", "says"}
    name_words = {w.text for w in tokens(slot.name)}
    parts = words.split()

    def junk(word: str) -> bool:
        w = word.casefold().strip(".,:;!?\"'")
        return not w or w in filler or any(same_word(w, n) for n in name_words)

    while parts and junk(parts[0]):
        parts.pop(0)
    while parts and junk(parts[-1]):
        parts.pop()
    return " ".join(parts).strip(" .,:;!?")


def whole_words(source: str, start: int, end: int) -> str:
    """``source[start:end]`` widened to whole words: "meal" found in "meals" is "meals"."""
    while start < end and not source[start].isalnum():
        start += 1
    while end > start and not source[end - 1].isalnum():
        end -= 1
    while start > 0 and source[start - 1].isalnum():
        start -= 1
    while end < len(source) and source[end].isalnum():
        end += 1
    return source[start:end]


def find_text(value: str, sources: Sequence[str]) -> str | None:
    """``value`` as spelled in the first source that holds it (a slip allowed), else None."""
    needle = value.casefold()
    for source in sources:
        at = source.casefold().find(needle)
        if at >= 0:
            return whole_words(source, at, at + len(value))
    if len(value) < 4:
        return None
    for source in sources:
        hit = fuzz.partial_ratio_alignment(needle, source.casefold())
        if hit is not None and hit.score >= FUZZY_MIN:
            found = whole_words(source, hit.dest_start, hit.dest_end)
            if abs(len(found) - len(value)) <= max(2, len(value) // 10):
                return found
    return None


def check(slot: Slot, raw: str, sources: Sequence[str], request: str = "") -> str | Missing:
    """The value to use for ``slot``, or Missing when ``raw`` is not backed by ``sources``, or is
    the ``request``'s own instruction rather than a value it gives ("the invoice number and save
    the file" for "type the invoice number and save the file")."""
    raw = raw.strip()
    if raw.casefold() in EMPTY:
        return Missing(slot, "the model found no value")
    if slot.numeric:
        number = normalize_number(raw)
        if number is None:
            return Missing(slot, f"{raw!r} is not a number")
        said = [n for source in sources for n in numbers_in(source)]
        same = [n for n in said if Decimal(n) == Decimal(number)]
        if not same:
            return Missing(slot, f"{number} was not said")
        return same[0]  # as the user wrote it: "42.50" stays "42.50" even if the model wrote "42.5"
    unquoted = raw.strip("\"'“”‘’「」 ").casefold()
    quote = next((q for q in quoted_in(request) if q.strip().casefold() == unquoted), None)
    if quote is not None:
        return quote.strip()  # quoted text is the value as written: "the invoice number" keeps its "the"
    value = trim(raw, slot)
    if not value or all(w.text in STOPWORDS for w in tokens(value)):
        return Missing(slot, f"{raw!r} names no value")
    found = find_text(value, sources)
    if found is None:
        return Missing(slot, f"{value!r} was not said")
    if request and (says_what_to_do(found, request) or says_what_to_do(raw, request)):
        return Missing(slot, f"{found!r} says what to do, it is no value", instruction=True)
    return found


def entangled(slots: Sequence[Slot], values: dict[str, str]) -> Missing | None:
    """The first text slot whose value holds another slot's value, or repeats it.

    A tiny model that cannot find a category copies the whole request into it
    ("file a meals expense of 42.50 with Zhang San"), or gives two parameters the
    same words; both are guesses, so the slot is asked for instead."""
    for slot in slots:
        value = values.get(slot.name)
        if value is None or slot.numeric:
            continue
        for other in slots:
            theirs = values.get(other.name)
            if other is slot or not theirs:
                continue
            same = theirs.casefold() == value.casefold()
            if (same and slots.index(other) < slots.index(slot)) or (not same and contains(value, theirs)):
                return Missing(slot, f"{value!r} repeats the value of {other.name}")
    return None


def used_elsewhere(slot: Slot, value: str, typed: Sequence[tuple[str, str]], sources: Sequence[str]) -> Missing | None:
    """Missing when ``value`` was already typed into another field as often as the user
    said it: "enter 42.50 as the amount, fill in the attendees" gives the attendees
    nothing, and a tiny model copying 42.50 into them is guessing."""
    other = [field for field, text in typed if text.casefold() == value.casefold() and field != slot.name.casefold()]
    if not other:
        return None
    said = sum(len(re.findall(rf"(?<!\w){re.escape(value.casefold())}(?!\w)", s.casefold())) for s in sources)
    if said > len(other):
        return None
    return Missing(slot, f"{value!r} was already typed into {other[0]}")


def contains(text: str, part: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(part.casefold())}(?!\w)", text.casefold()) is not None
