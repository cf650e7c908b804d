"""What the caller expects to be said, turned into what an engine can use.

``hints`` are phrases (skill names, parameter names, labels on screen, answers the
skill expects). Whisper takes them as a prompt, text it believes came just before
the audio, which makes it spell those names as given, and follow its style: the
prompt starts with numbers written in words, so Whisper writes what it hears in words
too. In digits it wrote "seventeen twenty five" (a price, 17.25) as 1725, "one
thousand seven hundred twenty five" as 1075 and "eleven fifteen" as 115: the digits
had lost what was said. In words, automation/numbers/spoken.py reads the
spoken pattern with its context (a pair is a price, a year only after a date word).
pocketsphinx takes the hints as words its grammar may contain (models/speech/grammar.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

# Whisper keeps at most 224 prompt tokens; an English token is ~4 characters, and the
# prompt's first hints (the caller puts the likeliest first) matter most.
PROMPT_CHARACTERS = 600
# The prompt's first items, plain examples of the spoken patterns the number reader
# knows (a number, a price said as a pair, a count). The hints come after them: last in
# the prompt, Whisper spells them best ("Zhang San" given before is heard as the name;
# with the numbers last it was "Young son"). Measured in docs/voice-flow.md.
NUMBERS_IN_WORDS = ("twenty three", "sixty eight forty", "one hundred and six")

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def unique_hints(hints: Iterable[str]) -> list[str]:
    """Hints with their spacing tidied, empty ones and repeats (ignoring case) dropped, order kept."""
    seen: set[str] = set()
    kept = []
    for hint in hints:
        text = " ".join(hint.split())
        if text and text.lower() not in seen:
            seen.add(text.lower())
            kept.append(text)
    return kept


def hint_prompt(hints: Sequence[str], limit: int = PROMPT_CHARACTERS) -> str:
    """A Whisper ``initial_prompt``: the numbers in words, then the hints, cut at a whole
    hint; within ``limit`` characters."""
    numbers = ", ".join(NUMBERS_IN_WORDS)
    listed = hint_list(hints, limit - len(numbers) - 3)  # ", " after the numbers, "." at the end
    return f"{numbers}, {listed}." if listed else f"{numbers}."


def hint_list(hints: Sequence[str], limit: int) -> str:
    """The hints named once each, comma-separated, cut at a whole hint within ``limit``."""
    listed = ""
    for hint in unique_hints(hints):
        longer = f"{listed}, {hint}" if listed else hint
        if len(longer) > limit:
            break
        listed = longer
    return listed


def hint_words(hints: Iterable[str]) -> list[str]:
    """The lower-case words of the hints, each once, in order; numbers and symbols dropped."""
    return list(dict.fromkeys(word for hint in hints for word in _WORD.findall(hint.lower())))
