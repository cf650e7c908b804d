"""How well a screen label or a skill answers the words of a request.

A label match says which request words it used (so a skill that explains more of
the request can win over a label that explains one word of it) and how much of
the label they cover. Lone characters (calculator keys) match only the same
character, a spoken operator name ("times" for "*"), or a letter the request
presses on purpose ("press C").
"""

from __future__ import annotations

from dataclasses import dataclass

from automation.numbers.arithmetic import same_key
from automation.skill_card import SkillCard
from models.policy.words import STOPWORDS, SYMBOL_WORDS, WordAt, content, same_word, stem, tokens, wordset

PRESS_VERBS = wordset("click press push hit tap select choose pick open")
AFTER_NOUNS = wordset("key button menu tab field box")
DIRECT_BONUS = 15.0  # "click Submit": the user named the label and what to do with it


@dataclass(frozen=True)
class LabelMatch:
    score: float  # 0-115: share of the label's words found, a little more for longer labels
    used: frozenset[int]  # indexes of the request words it used
    at: int  # character offset in the request of its first word


NO_MATCH = LabelMatch(0.0, frozenset(), 10_000)


def pressed(index: int, words: list[WordAt]) -> bool:
    """Whether request word ``index`` is what a verb acts on: "press C", "the C key"."""
    before = [w.text for w in words[max(0, index - 2) : index]]
    after = words[index + 1].text if index + 1 < len(words) else ""
    return any(b in PRESS_VERBS for b in before) or after in AFTER_NOUNS


def match_single(label: str, words: list[WordAt]) -> LabelMatch:
    target = label.casefold()
    if target in STOPWORDS:
        return NO_MATCH  # "a", "i": OCR crumbs far more often than keys
    for i, w in enumerate(words):
        hit = w.text == target or same_key(SYMBOL_WORDS.get(w.text, w.text), target)
        if hit and (not target.isalpha() or pressed(i, words) or len(words) == 1):
            return LabelMatch(100.0 + (DIRECT_BONUS if pressed(i, words) else 0.0), frozenset({i}), w.start)
    return NO_MATCH


def match_label(label: str, words: list[WordAt]) -> LabelMatch:
    """How well ``label`` is named by the request ``words``."""
    parts = tokens(label)
    if not parts:
        return NO_MATCH
    if len(parts) == 1 and len(parts[0].text) == 1:
        return match_single(parts[0].text, words)
    used: set[int] = set()
    for part in parts:
        for i, w in enumerate(words):
            if i not in used and same_word(part.text, w.text):
                used.add(i)
                break
    if not used:
        return NO_MATCH
    if all(words[i].text in STOPWORDS for i in used) and not (len(words) == 1 or any(pressed(i, words) for i in used)):
        return NO_MATCH  # "or", "no", "in" are words of every sentence: only on purpose
    score = 100.0 * len(used) / len(parts) + 5.0 * len(used)
    if any(pressed(i, words) for i in used):
        score += DIRECT_BONUS
    return LabelMatch(score, frozenset(used), min(words[i].start for i in used))


def skill_vocabulary(card: SkillCard) -> set[str]:
    text = " ".join([card.name.replace("_", " "), card.description, *card.examples])
    return {stem(w.text) for w in content(tokens(text))}


def skill_coverage(card: SkillCard, words: list[WordAt], values: set[int]) -> tuple[float, frozenset[int]]:
    """Share of the request's meaningful words the skill's own words explain.

    Words that are values (names, numbers: ``values``) are left out: a skill takes
    them as parameters, so they neither count for nor against it."""
    vocabulary = skill_vocabulary(card)
    meaningful = [i for i, w in enumerate(words) if i not in values and w in content(words)]
    if not meaningful:
        return 0.0, frozenset()
    used = frozenset(i for i in meaningful if any(same_word(words[i].text, v) for v in vocabulary))
    return len(used) / len(meaningful), used
