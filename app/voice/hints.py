"""The words a user is likely to say right now, to prime the recognizer.

Whisper takes them as a prompt and pocketsphinx as grammar vocabulary: the names of
learned skills and their parameters (the words of requests), their descriptions and
example requests, then the labels on screen ("Attendees", "Submit"). Pure: the caller
passes the skill cards and an observation it already has.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from automation.types import Observation, SkillCard

MAX_HINTS = 60  # Whisper reads at most 224 prompt tokens; past that the start is cut
MIN_LABEL_CONF = 50.0  # an unsure OCR reading would teach the recognizer a misspelling


def hint_words(skills: Sequence[SkillCard], observation: Observation | None, limit: int = MAX_HINTS) -> list[str]:
    """Skill vocabulary first (the user's own words), then on-screen labels; no duplicates."""
    labels = [s.text for s in observation.spans if s.conf >= MIN_LABEL_CONF] if observation else []
    return unique(speakable(t) for t in [*skill_vocabulary(skills), *labels])[:limit]


def skill_vocabulary(skills: Sequence[SkillCard]) -> list[str]:
    words: list[str] = []
    for skill in skills:
        words.append(skill.name)
        words.extend(p.name for p in skill.params if not p.secret)
    for skill in skills:  # longer texts after every name, so a cut list keeps the names
        words.append(skill.description)
        words.extend(skill.examples)
    return words


def speakable(text: str) -> str:
    """ "file_expense" is said "file expense"; stray OCR marks around a label are dropped."""
    return " ".join(text.replace("_", " ").strip(" .:;|*-_>").split())


def unique(texts: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    kept: list[str] = []
    for text in texts:
        key = text.casefold()
        if sum(c.isalpha() for c in text) < 2 or key in seen:
            continue
        seen.add(key)
        kept.append(text)
    return kept
