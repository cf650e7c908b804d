"""Pure label matching: rank the on-screen labels against a target, refuse to guess.

Tiers, best first: the label equals the query (after normalising case, spacing
and trailing ':' or '...'; equal as typed wins over equal once normalised, which
wins over equal up to glyphs drawn alike, "ln" and "In"); the
label is a close fuzzy match (an OCR slip such as "Subrnit"); the query is a
whole-word part of a longer label ("Save" in "Save As..."). Only the best non-empty
tier competes. Several equal candidates are an ambiguity, resolved only by an
explicit index, a nearby label or a window.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from automation.errors import TargetAmbiguous, TargetNotFound
from automation.types import Box, Target, TextSpan

FUZZY_THRESHOLD = 80.0  # rapidfuzz ratio, 0-100
CLEAR_WIN = 6.0  # a fuzzy match must beat the runner-up by this much to be taken alone

EXACT, FUZZY, PART = 0, 1, 2


@dataclass(frozen=True)
class Match:
    span: TextSpan
    box: Box  # the matched part of the label (the whole label for EXACT and FUZZY)
    tier: int
    score: float


DASHES = str.maketrans(dict.fromkeys("\u2212\u2013\u2014", "-"))  # a minus key, en and em dashes: one bar


def normalize(text: str) -> str:
    text = text.casefold().replace("\u2026", "...").translate(DASHES)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"(\s*(:|\.\.\.|>|»))+$", "", text).strip() or text


OCR_CONFUSIONS = (("rn", "m"), ("vv", "w"), ("|", "l"), ("cl", "d"))


# Glyphs many sans-serif fonts draw alike: "ln" and "In", "1/x" and "l/x" are one picture.
LOOKALIKES = str.maketrans({"I": "l", "1": "l", "|": "l"})


def lookalike(text: str) -> str:
    return normalize(text.translate(LOOKALIKES))


LONE_LOOKALIKES = {frozenset(("\u00d7", "x"))}  # a times sign and the letter x


def lone_alike(a: str, b: str) -> bool:
    return frozenset((a, b)) in LONE_LOOKALIKES


# Letters OCR reads for a digit's shape: in a word that holds a digit, they are digits ("1O").
DIGIT_SHAPES = str.maketrans({"o": "0", "O": "0", "l": "1", "I": "1", "|": "1"})


def numbers(text: str) -> str:
    """The digits of ``text``'s words that hold one, in order, digit-shaped letters among them
    taken as digits; words without a digit ("Total") give none."""
    held = [w.translate(DIGIT_SHAPES) for w in text.split() if any(c.isdigit() for c in w)]
    return "".join(c for w in held for c in w if c.isdigit())


def fold(text: str) -> str:
    """Fold the shapes OCR mixes up into one spelling, for fuzzy comparison only."""
    for seen, meant in OCR_CONFUSIONS:
        text = text.replace(seen, meant)
    return text


SHORT_WORD = 2  # characters: a word this short shows only at an end of a word (``word_shown``)
WORD_SHOWN = 50.0  # rapidfuzz partial ratio: a word of the query this like some part of the text shows in it


def every_word(query: str, text: str) -> bool:
    """Whether each word of ``query`` shows in ``text``, a letter's slip allowed: a fuzzy match
    that lacks a whole word names something else ("Windows", read off a combo showing
    "Windows 8", is within the fuzzy ratio of "Windows XP")."""
    seen = fold(normalize(text))
    return all(word_shown(fold(word), seen) for word in normalize(query).split())


WORD_SLIP = 60.0  # rapidfuzz ratio: a word of a label this like a word of the query is it, misread


def each_word_alike(query: str, label: str) -> bool:
    """Whether each word of ``query`` (normalised) is in ``label`` as one of its words, misread
    at most, or inside one (OCR glues words): a word of its own in place of one asked for makes
    it another label, however like the rest is ("Open ..." for "New ...": "ne" shows in "open")."""
    tokens = fold(label).split()
    return all(
        word_shown(word, " ".join(tokens))
        if len(word) <= SHORT_WORD
        else any(word in token or fuzz.ratio(word, token) >= WORD_SLIP for token in tokens)
        for word in fold(query).split()
    )


def word_shown(word: str, seen: str) -> bool:
    """Whether ``word`` shows in ``seen``: anywhere, a slip allowed; a word of a letter or two only
    at the start or the end of one of ``seen``'s words (glued on by OCR, "Windows10"), never from
    inside another: the "x" of "X axis" is in "axis", and a combo showing "Y axis" passed for it."""
    if len(word) > SHORT_WORD:
        return fuzz.partial_ratio(word, seen) >= WORD_SHOWN
    ends = {piece for token in seen.split() for piece in (token[: len(word)], token[-len(word) :])}
    return any(fuzz.ratio(word, piece) >= WORD_SHOWN for piece in ends)


def part_box(span: TextSpan, start: int, end: int) -> Box:
    """Estimate the box of characters [start, end) of a label by their share of its width."""
    n = max(len(span.text), 1)
    x0 = span.box.x + span.box.w * start // n
    x1 = span.box.x + span.box.w * end // n
    return Box(x0, span.box.y, max(x1 - x0, 1), span.box.h)


def candidates(query: str, spans: list[TextSpan]) -> list[Match]:
    q = normalize(query)
    if not q:
        return []
    found: list[Match] = []
    for span in spans:
        label = normalize(span.text)
        if label == q:
            # Equal as typed ("Name:" against "Name:" and "Name") outranks equal once normalised.
            found.append(Match(span, span.box, EXACT, 100.0 if span.text.strip() == query.strip() else 99.0))
            continue
        # Lone characters stay strict: "1" and "l" may both be keys; a few symbols are drawn as
        # their letter at a dozen pixels and are rarely on one keypad with it ("×" and "x").
        if (min(len(q), len(label)) >= 2 and lookalike(span.text) == lookalike(query)) or lone_alike(q, label):
            found.append(Match(span, span.box, EXACT, 98.0))
            continue
        score = fuzz.ratio(fold(q), fold(label))
        # Very short labels ("1", "+") would fuzzy-match each other: only exact for them. Nor
        # is a label with other numbers a slip of the query's: "Windows 7" is not "Windows 10"
        # (winecfg's version combo was "seen" showing the item asked for, and kept 7).
        # Nor is a label with a whole word of its own in place of one of the query's: "Open
        # BibTeX database" is within the ratio of "New BibTeX database", and was clicked for it.
        alike = score >= FUZZY_THRESHOLD and min(len(q), len(label)) >= 3 and numbers(q) == numbers(label)
        if alike and each_word_alike(q, label):
            found.append(Match(span, span.box, FUZZY, score))
            continue
        words = span.text.casefold()
        hit = re.search(rf"(?<!\w){re.escape(q)}(?!\w)", words)
        if hit and len(q) >= 2:
            found.append(Match(span, part_box(span, hit.start(), hit.end()), PART, 90.0))
    return found


def reading_key(m: Match) -> tuple[int, int]:
    return (m.box.center[1] // 8, m.box.x)


def resolve(target: Target, spans: list[TextSpan]) -> Match:
    """The one element ``target`` names, or TargetNotFound / TargetAmbiguous."""
    pool = [s for s in spans if not target.window or target.window.casefold() in s.window.casefold()]
    found = candidates(target.label, pool)
    if not found:
        # OCR sometimes splits one label into two pieces side by side ("As" and "Text" of a menu
        # item): the label is found exactly in the two joined, never more loosely than that.
        found = [m for m in candidates(target.label, side_by_side(pool)) if m.tier == EXACT]
    if not found:
        raise TargetNotFound(target.label, closest(target.label, pool))
    best_tier = min(m.tier for m in found)
    best = sorted((m for m in found if m.tier == best_tier), key=lambda m: -m.score)
    if best_tier == EXACT:
        best = [m for m in best if m.score == best[0].score]
    if best_tier == FUZZY:
        best = [m for m in best if m.score > best[0].score - CLEAR_WIN]
    if target.index is not None:
        ordered = sorted(best, key=reading_key)
        if not 1 <= target.index <= len(ordered):
            raise TargetNotFound(
                f"{target.label} #{target.index}", [describe(m) for m in ordered], where=f"{len(ordered)} matches"
            )
        return ordered[target.index - 1]
    if len(best) > 1 and target.near:
        anchor = resolve(Target(target.near, target.window), pool)
        by_distance = sorted(best, key=lambda m: m.box.distance_to(anchor.box))
        if by_distance[0].box.distance_to(anchor.box) < by_distance[1].box.distance_to(anchor.box):
            return by_distance[0]
    if len(best) > 1:
        raise TargetAmbiguous(target.label, [describe(m) for m in sorted(best, key=reading_key)])
    return best[0]


def resolve_pressable(target: Target, spans: list[TextSpan], buttons: Sequence[Box]) -> Match:
    """``resolve`` for a click: among several equal matches, the one drawn inside a button when
    only one is. xfig shows the name of the button the pointer rests on in a hint beside its menu
    bar ("File menu"): the File button and that hint's "File" were two equal matches (exit 5)."""
    try:
        return resolve(target, spans)
    except TargetAmbiguous as err:
        pressable = [s for s in spans if any(b.contains(*s.box.center) for b in buttons)]
        try:
            return resolve(target, pressable)
        except (TargetNotFound, TargetAmbiguous):
            raise err from None


SPACE_IN_LINE_HEIGHTS = 0.6  # as perception's word grouping: a wider gap parts two labels


def side_by_side(spans: list[TextSpan]) -> list[TextSpan]:
    """Each two spans of one window that stand on one row a space apart, joined into one."""
    joined = []
    for left in spans:
        for right in spans:
            height = max(left.box.h, right.box.h)
            gap = right.box.x - left.box.right
            if (
                right is not left
                and right.window == left.window
                and 0 <= gap <= SPACE_IN_LINE_HEIGHTS * height
                and abs(right.box.center[1] - left.box.center[1]) <= height / 2
            ):
                text = f"{left.text} {right.text}"
                joined.append(TextSpan(text, left.box.union(right.box), min(left.conf, right.conf), left.window))
    return joined


def describe(m: Match) -> str:
    where = f" in {m.span.window!r}" if m.span.window else ""
    return f"{m.span.text!r} at ({m.box.center[0]},{m.box.center[1]}){where}"


def closest(query: str, spans: list[TextSpan], limit: int = 5) -> list[str]:
    labels = list(dict.fromkeys(s.text for s in spans))
    ranked = process.extract(query, labels, scorer=fuzz.WRatio, limit=limit)
    return [label for label, _, _ in ranked]
