"""Values an attached document gave (a receipt's amount, date, vendor, category), met
with the fields and skill parameters that take them.

A form says "Amount", "Total" or "Sum"; a skill's parameter is "amount" or
"expense_date"; a receipt says "amount". Code pairs them, so the model is never asked
to copy a receipt's number or date: it could only get them wrong.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from models.policy.words import WordAt, same_word, tokens, wordset

Facts = Sequence[tuple[str, str]]

# Words a field or parameter is named with, per fact a document gives.
NAMES = {
    "amount": wordset("amount total sum price cost paid"),
    "date": wordset("date day when"),
    "vendor": wordset("vendor merchant store shop payee supplier restaurant seller"),
    "category": wordset("category type kind class"),
}

# "file this receipt": the verb of filing a document, not the File menu; "reimburse"
# alone files whatever is attached ("I want to reimburse").
FILING = re.compile(
    r"\b(file|submit|claim|enter|record|reimburse|log|process)\s+(?:(?:this|the|my|a|an|that)\s+)?(?:expense\s+)?(?:receipt|invoice|bill|document)"
    r"|\b(reimburse)\b"
)


@dataclass(frozen=True)
class Needed:
    """A field an expense of some category must have, which no receipt says: asked."""

    names: frozenset[str]  # the words its label may use
    question: str


# Expense rules nearly every company has: a meal names who was there.
NEEDED_BY_CATEGORY = {
    "meals": Needed(wordset("attendees guests participants"), "Who did you eat with?"),
}


def filing_verb_dropped(request: str, words: list[WordAt]) -> list[WordAt]:
    """``words`` less a verb that files the attached document: it names no control."""
    verbs = {m.start(m.lastindex or 1) for m in FILING.finditer(request.casefold())}
    return [w for w in words if w.start not in verbs]


def files_document(request: str) -> bool:
    """Whether the request files the attached document ("file this receipt", "submit the
    invoice"): only then does the document fill fields the request does not name."""
    return FILING.search(request.casefold()) is not None


def needed_for(name: str, facts: Facts) -> Needed | None:
    """What the field ``name`` must hold for the document's category, when no fact fills it."""
    category = next((value.casefold() for fact, value in facts if fact == "category"), "")
    needed = NEEDED_BY_CATEGORY.get(category)
    words = [w.text for w in tokens(name.replace("_", " "))]
    if needed is None or not any(same_word(w, n) for w in words for n in needed.names):
        return None
    return needed


def fact_for(name: str, facts: Facts) -> tuple[str, str] | None:
    """The (fact, value) a field or parameter named ``name`` takes, or None."""
    words = [w.text for w in tokens(name.replace("_", " "))]
    for fact, value in facts:
        if any(same_word(w, n) for w in words for n in NAMES.get(fact, {fact})):
            return fact, value
    return None


def misplaced(name: str, value: str, facts: Facts) -> str | None:
    """The fact ``value`` is, when it is a document's value of another kind than the field
    ``name`` takes: a tiny model copies the receipt's vendor into "Attendees"."""
    own = fact_for(name, facts)
    for fact, given in facts:
        if given.casefold() == value.casefold() and (own is None or own[0] != fact):
            return fact
    return None
