"""The words a user is likely to say right now, to prime the recognizer.

Whisper takes them as a prompt and pocketsphinx as grammar vocabulary: the names of
learned skills and their parameters (the words of requests), the values the user gave
before (names above all: unprimed, Whisper hears "Zhang San" as "Yeah, I'm done"),
their descriptions and example requests, then the labels on screen ("Attendees",
"Submit"). ``hint_words`` is pure; ``hints_now`` gathers what it needs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from app.services.skills import open_store, skill_cards
from automation.skill_card import SkillCard
from automation.skills.store import PastRun
from automation.types import Observation

MAX_HINTS = 60  # Whisper reads at most 224 prompt tokens; past that the start is cut
MAX_PAST = 20  # the values of recent runs kept as hints
MIN_LABEL_CONF = 50.0  # an unsure OCR reading would teach the recognizer a misspelling


def hint_words(
    skills: Sequence[SkillCard],
    observation: Observation | None,
    past: Sequence[str] = (),
    limit: int = MAX_HINTS,
) -> list[str]:
    """Skill names and parameters, values given before, the skills' texts, then on-screen
    labels; no duplicates."""
    labels = [s.text for s in observation.spans if s.conf >= MIN_LABEL_CONF] if observation else []
    names, texts = skill_names(skills), skill_texts(skills)
    return unique(speakable(t) for t in [*names, *past, *texts, *labels])[:limit]


def past_values(runs: Sequence[PastRun], limit: int = MAX_PAST) -> list[str]:
    """Words the user gave skills before, newest first: names and categories, not numbers
    or dates (the recognizer writes those well unprimed). Secrets are never in the history."""
    values = [v for run in reversed(runs) for v in run.args.values() if sum(c.isalpha() for c in v) >= 2]
    return unique(values)[:limit]


def hints_now(observation: Observation | None) -> list[str]:
    """The hints for what is on screen now, with this user's skills and past values."""
    with open_store() as store:
        runs = store.history(ok_only=True)
    return hint_words(skill_cards(), observation, past_values(runs))


def skill_names(skills: Sequence[SkillCard]) -> list[str]:
    words: list[str] = []
    for skill in skills:
        words.append(skill.name)
        words.extend(p.name for p in skill.params if not p.secret)
    return words


def skill_texts(skills: Sequence[SkillCard]) -> list[str]:
    """Longer texts, after every name, so a cut list keeps the names."""
    return [text for skill in skills for text in (skill.description, *skill.examples)]


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
