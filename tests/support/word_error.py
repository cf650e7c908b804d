"""Word error rate: word edits (substitutions, insertions, deletions) over reference words.

Both texts are normalized the same way first, so only words count: lower case, no
punctuation, and numbers in one form whether spoken or written ("forty two fifty",
"42.50", "$42.50" and "4250" all become "4250"; "sixty dollars" and "$60" become "60";
"fifth" and "5th" become "5"). This
is the scorer's own normalization, not the one that turns speech into values for the
policy: it only has to treat reference and hypothesis alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

UNITS = {w: n for n, w in enumerate(("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"))}
TEENS = {
    w: n + 10
    for n, w in enumerate(
        ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
    )
}
TENS = {
    w: 10 * n for n, w in enumerate(("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"), 2)
}
ORDINALS = {
    "first": "one", "second": "two", "third": "three", "fourth": "four", "fifth": "five", "sixth": "six",
    "seventh": "seven", "eighth": "eight", "ninth": "nine", "tenth": "ten", "eleventh": "eleven",
    "twelfth": "twelve", "thirteenth": "thirteen", "fifteenth": "fifteen", "twentieth": "twenty",
    "thirtieth": "thirty",
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1000}
CURRENCY_WORDS = {"dollar", "dollars", "yuan", "euro", "euros"}


def normalize(text: str) -> list[str]:
    """The words of ``text`` in the one form both sides are compared in."""
    text = text.lower().replace("-", " ")
    text = re.sub(r"(?<=\d)[.,](?=\d)", "", text)  # 42.50 and 1,200: one number
    text = re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", text)  # 5th
    text = re.sub(r"[^a-z0-9' ]+", " ", text).replace("'", "")
    words = [ORDINALS.get(w, w) for w in text.split()]
    return _drop_currency_words(_join_digits(_numbers_to_digits(words)))


def word_errors(reference: str, hypothesis: str) -> tuple[int, int]:
    """(edits, reference words) after normalizing both."""
    ref, hyp = normalize(reference), normalize(hypothesis)
    return edit_distance(ref, hyp), len(ref)


def word_error_rate(reference: str, hypothesis: str) -> float:
    """Edits over reference words; for an empty reference, 0 when nothing was heard, else 1."""
    edits, words = word_errors(reference, hypothesis)
    return edits / words if words else float(edits > 0)


def corpus_word_error_rate(pairs: Iterable[tuple[str, str]]) -> float:
    """All edits over all reference words: long utterances weigh more, as in the usual WER."""
    edits = words = 0
    for reference, hypothesis in pairs:
        e, w = word_errors(reference, hypothesis)
        edits, words = edits + e, words + w
    return edits / words if words else 0.0


def edit_distance(a: list[str], b: list[str]) -> int:
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (x != y))
    return row[-1]


def _numbers_to_digits(words: list[str]) -> list[str]:
    """Runs of number words as digits: each group ("forty two", "one hundred and twenty")
    written out, a run's groups side by side ("forty two fifty" -> "4250")."""
    out: list[str] = []
    groups: list[int] = []
    value, last = 0, ""  # last: the kind of the previous number word in this group
    for at, word in enumerate(words):
        following = words[at + 1] if at + 1 < len(words) else ""
        if word == "and" and last in ("scale", "tens", "unit", "teen") and value >= 100 and _is_number(following):
            continue  # "one hundred and twenty"
        if not _is_number(word):
            if last:
                groups.append(value)
                out.append("".join(map(str, groups)))
                groups, value, last = [], 0, ""
            out.append(word)
            continue
        kind, amount = _kind(word)
        if kind == "scale":
            value, last = (value or 1) * amount, kind
            continue
        fits = not last or last == "scale" or (last == "tens" and kind == "unit")
        if not fits:
            groups.append(value)
            value = 0
        value, last = value + amount, kind
    if last:
        groups.append(value)
        out.append("".join(map(str, groups)))
    return out


def _is_number(word: str) -> bool:
    return word in UNITS or word in TEENS or word in TENS or word in SCALES


def _kind(word: str) -> tuple[str, int]:
    if word in UNITS:
        return "unit", UNITS[word]
    if word in TEENS:
        return "teen", TEENS[word]
    if word in TENS:
        return "tens", TENS[word]
    return "scale", SCALES[word]


def _drop_currency_words(words: list[str]) -> list[str]:
    """ "120 dollars" as "120": Whisper writes it "$120", and the sign is stripped with the punctuation."""
    return [w for i, w in enumerate(words) if not (w in CURRENCY_WORDS and i and words[i - 1].isdigit())]


def _join_digits(words: list[str]) -> list[str]:
    """Neighbouring digit words as one ("42 50" is how "4250" may be written)."""
    out: list[str] = []
    for word in words:
        if out and word.isdigit() and out[-1].isdigit():
            out[-1] += word
        else:
            out.append(word)
    return out
