"""What the caller expects to be said, turned into what an engine can use.

``hints`` are phrases (skill names, parameter names, labels on screen, answers the
skill expects). Whisper takes them as a prompt, text it believes came just before
the audio, which makes it spell those names as given. pocketsphinx takes them as
words its grammar may contain (models/speech/grammar.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

# Whisper keeps at most 224 prompt tokens; an English token is ~4 characters, and the
# prompt's first hints (the caller puts the likeliest first) matter most.
PROMPT_CHARACTERS = 600

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
    """A Whisper ``initial_prompt`` naming the hints, cut at a whole hint to stay within ``limit``."""
    prompt = ""
    for hint in unique_hints(hints):
        longer = f"{prompt}, {hint}" if prompt else hint
        if len(longer) + 1 > limit:
            break
        prompt = longer
    return f"{prompt}." if prompt else ""


def hint_words(hints: Iterable[str]) -> list[str]:
    """The lower-case words of the hints, each once, in order; numbers and symbols dropped."""
    return list(dict.fromkeys(word for hint in hints for word in _WORD.findall(hint.lower())))
