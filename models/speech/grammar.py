"""The JSGF command grammar pocketsphinx listens with: what may be said right now.

pocketsphinx with its general English language model gets almost every word of a
command wrong; limited to a few hundred words it does well (docs/voice.md). The
grammar is a loop over one word list: a fixed command vocabulary (verbs, numbers,
small words) plus the words of the hints. A word missing from the pronouncing
dictionary (a name like "Deskhand") gets a pronunciation guessed from its spelling,
which is crude but lets it be heard at all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from models.speech.vocabulary import hint_words

VERBS = (
    "add ask cancel change choose click close copy delete do enter file fill find go make open pay pick put "
    "reimburse remove run save select send set show start stop submit take type use write"
)
NUMBERS = (
    "zero oh one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand point "
    "dollars dollar euros euro yuan cents first second third fourth fifth sixth seventh eighth ninth tenth"
)
MONTHS = "january february march april may june july august september october november december today yesterday"
SMALL_WORDS = (
    "a an and as at by for from in into is it me my no not now of on or please the then this that to "
    "want with yes i you amount category date claim expense skill lunch dinner taxi hotel lodging travel "
    "name description draft"
)
COMMAND_WORDS = tuple(dict.fromkeys(" ".join((VERBS, NUMBERS, MONTHS, SMALL_WORDS)).split()))

# Letter groups and the CMU phones they usually sound as, longest first where they overlap.
_SPELLING = {
    "tch": "CH", "sch": "SH", "igh": "AY", "ough": "AO",
    "ch": "CH", "sh": "SH", "th": "TH", "ph": "F", "wh": "W", "zh": "JH", "ck": "K", "ng": "NG", "qu": "K W",
    "ee": "IY", "ea": "IY", "oo": "UW", "ou": "AW", "ow": "OW", "oi": "OY", "oy": "OY", "ai": "EY", "ay": "EY",
    "au": "AO", "aw": "AO", "ie": "IY", "ei": "EY", "er": "ER", "ir": "ER", "ur": "ER", "ar": "AA R", "or": "AO R",
    "a": "AE", "b": "B", "c": "K", "d": "D", "e": "EH", "f": "F", "g": "G", "h": "HH", "i": "IH", "j": "JH",
    "k": "K", "l": "L", "m": "M", "n": "N", "o": "AA", "p": "P", "q": "K", "r": "R", "s": "S", "t": "T",
    "u": "AH", "v": "V", "w": "W", "x": "K S", "y": "Y", "z": "Z",
}  # fmt: skip
_LONGEST = max(len(group) for group in _SPELLING)


def grammar_words(hints: Sequence[str]) -> list[str]:
    """Every word the grammar allows: the command vocabulary, then the hints' words."""
    return list(dict.fromkeys([*COMMAND_WORDS, *hint_words(hints)]))


def command_grammar(hints: Sequence[str], name: str = "command") -> str:
    """A JSGF grammar: any sequence of ``grammar_words(hints)``."""
    alternatives = " | ".join(grammar_words(hints))
    return f"#JSGF V1.0;\ngrammar {name};\npublic <utterance> = <word>+;\n<word> = {alternatives};\n"


def guess_phones(word: str) -> str:
    """A pronunciation in CMU phones guessed from the spelling, for a word the dictionary lacks."""
    letters = re.sub(r"[^a-z]", "", word.lower())
    phones: list[str] = []
    at = 0
    while at < len(letters):
        for length in range(min(_LONGEST, len(letters) - at), 0, -1):
            group = letters[at : at + length]
            if group in _SPELLING:
                phones.extend(_SPELLING[group].split())
                at += length
                break
    if len(phones) > 1 and letters.endswith("e") and phones[-1] == "EH":
        phones.pop()  # a silent final e, as in "lodge"
    return " ".join(phones)
