"""What was heard, made into a request: the same words, tidied, with numbers in digits.

Only what a recognizer adds is removed: a trailing full stop, whitespace, bracketed
non-speech tags ("[BLANK_AUDIO]", "[Music]"). Capitals and names are left as heard
("Zhang San" is not a sentence to re-case).
"""

from __future__ import annotations

import re

from automation.numbers.spoken import spoken_numbers_to_digits

TAG = re.compile(r"\[[^\]]*\]|\((?:[a-z ]*music|silence|applause|inaudible|blank[_ ]audio)\)", re.IGNORECASE)


def request_from_transcript(heard: str) -> str:
    """The request to run; empty when nothing but tags and punctuation was heard."""
    text = " ".join(TAG.sub(" ", heard).split())
    if not any(c.isalnum() for c in text):
        return ""
    text = spoken_numbers_to_digits(text)
    return text.rstrip().removesuffix("...").removesuffix("\u2026").rstrip(".").rstrip()
