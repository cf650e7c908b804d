"""Words of a request and of screen labels, compared the forgiving way people write.

Everything here is pure and small: tokens with their positions, a crude suffix
stripper (so "attendees" meets "Attendee" and "exporting" meets "Export"), and a
word match that also tolerates one OCR slip in a longer word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from automation.numbers.arithmetic import OPERATOR_WORDS
from automation.value_words import STOPWORDS, UI_VERBS


def wordset(text: str) -> frozenset[str]:
    """A set of words written as one string: easier to read and to extend."""
    return frozenset(text.split())


UI_NOUNS = wordset(
    """menu button field form box list tab key keyboard window dialog page sheet workbook spreadsheet cell column
    row file document claim record entry value note notes amount date calculator minus plus equals
    receipt invoice bill attachment"""
)
UI_WORDS = UI_VERBS | UI_NOUNS
# Commands an application must offer as a control (a button, a menu item) to be done at
# all: a request naming one that nothing on screen or by convention leads to is not possible.
COMMANDS = wordset("submit save send export import print quit exit delete remove attach upload email mail share")

# Spoken names of calculator keys, to meet lone-character labels.
SYMBOL_WORDS = {**OPERATOR_WORDS, "equals": "=", "equal": "=", "point": ".", "dot": "."}


@dataclass(frozen=True)
class WordAt:
    text: str  # casefolded
    start: int  # character offset in the text it came from


TOKEN = re.compile(r"[$€£¥]?\d+(?:[.,:/-]\d+)*|[^\W\d_]+(?:'[^\W\d_]+)?\d*|[*+=÷/×-]")


def tokens(text: str) -> list[WordAt]:
    """Words (a letter word may end in digits: "F5", "A1"), numbers (with their decimal
    point or date separators) and operator symbols."""
    return [WordAt(m.group().casefold(), m.start()) for m in TOKEN.finditer(text)]


def stem(word: str) -> str:
    """Strip one common English suffix: enough to compare a verb with a menu label."""
    for suffix in ("ing", "ies", "es", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            return base + "y" if suffix == "ies" else base
    return word


def same_word(a: str, b: str) -> bool:
    """Equal after stemming, a short abbreviation of it ("sin" for "sine"), or one
    OCR slip apart in words of five letters or more: any slip in a long word, or letters OCR
    takes for one another ("Seale:" read for Grace's "Scale:")."""
    if a == b or stem(a) == stem(b):
        return True
    short, long = sorted((a, b), key=len)
    if len(short) >= 3 and long.startswith(short) and len(long) - len(short) <= 2 and short.isalpha():
        return True
    return len(short) >= 5 and (fuzz.ratio(a, b) >= 85 or a.translate(LOOKALIKE) == b.translate(LOOKALIKE))


# Letters OCR reads for one another in a UI font, folded to one of them
LOOKALIKE = str.maketrans({"c": "e", "l": "i", "1": "i", "0": "o"})


def content(words: list[WordAt]) -> list[WordAt]:
    """The words that say what is wanted: no stopwords, no bare numbers."""
    return [w for w in words if w.text not in STOPWORDS and any(c.isalpha() for c in w.text)]


def find_word(word: str, words: list[WordAt]) -> WordAt | None:
    return next((w for w in words if same_word(word, w.text)), None)
