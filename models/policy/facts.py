"""Values an attached document gave (a receipt's amount, date, vendor, category), met
with the fields and skill parameters that take them.

A form says "Amount", "Total" or "Sum"; a skill's parameter is "amount" or
"expense_date"; a receipt says "amount". Code pairs them, so the model is never asked
to copy a receipt's number or date: it could only get them wrong.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from models.policy.words import WordAt, same_word, tokens, wordset

Facts = Sequence[tuple[str, str]]

# Words a field or parameter is named with, per fact a document gives.
NAMES = {
    "amount": wordset("amount total sum price cost paid 金额 合计 总额 总计 价格"),
    "date": wordset("date day when 日期 时间"),
    "vendor": wordset("vendor merchant store shop payee supplier restaurant seller 商户 商家 供应商"),
    "category": wordset("category type kind class 类别 类型 分类 费用类型"),
}
# The document's kind ("category": a receipt from a restaurant reads as a meal) only orders
# the items of the form's own list; it is never typed or clicked as the answer.
HINTS_ONLY = frozenset({"category"})

# "file this receipt": the verb of filing a document, not the File menu; "reimburse"
# alone files whatever is attached ("I want to reimburse").
FILING = re.compile(
    r"\b(file|submit|claim|enter|record|reimburse|log|process)\s+(?:(?:this|the|my|a|an|that)\s+)?(?:expense\s+)?(?:receipt|invoice|bill|document)"
    r"|\b(reimburse)\b"
    r"|(报销|提交这张|录入这张)"
)


def filing_verb_dropped(request: str, words: list[WordAt]) -> list[WordAt]:
    """``words`` less a verb that files the attached document: it names no control."""
    verbs = {m.start(m.lastindex or 1) for m in FILING.finditer(request.casefold())}
    return [w for w in words if w.start not in verbs]


def files_document(request: str) -> bool:
    """Whether the request files the attached document ("file this receipt", "submit the
    invoice"): only then does the document fill fields the request does not name."""
    return FILING.search(request.casefold()) is not None


def fact_for(name: str, facts: Facts) -> tuple[str, str] | None:
    """The (fact, value) a field or parameter named ``name`` takes, or None."""
    words = [w.text for w in tokens(name.replace("_", " "))]
    for fact, value in facts:
        if any(same_word(w, n) for w in words for n in NAMES.get(fact, {fact})):
            return fact, value
    return None


def named_facts(request: str, facts: Facts) -> list[tuple[str, str]]:
    """The facts the request names by their words ("the receipt's total" names the amount)."""
    words = [w.text for w in tokens(request)]
    return [
        (fact, value) for fact, value in facts if any(same_word(w, n) for w in words for n in NAMES.get(fact, {fact}))
    ]


def number_facts(facts: Facts) -> list[str]:
    """The values a document gave that are numbers to type (its amount): dates and kinds are not."""
    return [value for fact, value in facts if fact not in HINTS_ONLY and fact != "date"]


def misplaced(name: str, value: str, facts: Facts) -> str | None:
    """The fact ``value`` is, when it is a document's value of another kind than the field
    ``name`` takes: a tiny model copies the receipt's vendor into "Attendees"."""
    own = fact_for(name, facts)
    for fact, given in facts:
        if given.casefold() == value.casefold() and (own is None or own[0] != fact):
            return fact
    return None
