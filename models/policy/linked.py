"""A value the request ties to an act, not to a field: "paid to Corner Shop", "bought from Acme".

The request names no field for it, so no label on screen matches its words, and the value
was never typed (HomeBank's payee task ended "not finished: 'Corner Shop' not shown"). A
person reads the act ("paid to") and looks for the field that names its party ("Payee").
Here the sentence model (models/meaning.py) compares the act, its verb and preposition, with
the labels of the screen's empty fields that take text; the field is taken only when it is
clearly the best (``MARGIN`` above the next). When two or three fields are that close, the
user is asked which one the value is for ("Which field is 'Shanghai' for: Traveller or
Destination?"), as a person new to the form would ask, and the answer places it: zenity's
travel claim "to Shanghai" scored Traveller and Destination within 0.02, and the run ended
not finished with nothing asked. A party of "for" or "with" ("a trip for Li Na", "lunch with
Zhang San") is always asked about, among the likeliest three fields (or the one field left: "Is
'Li Na' for Employee?"): the sentence model does not place it ("claim for" ranked Destination
over Traveller). Nothing here knows an application: the prepositions are English grammar, the
labels come from the screen.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from automation.errors import ModelUnavailable
from automation.stated import field_name, stated_value
from models.meaning import similarities
from models.policy.matching import match_label
from models.policy.progress import DoneSoFar
from models.policy.screen import Label, ScreenReading
from models.policy.values import Slot, check, looks_numeric, looks_secret, question_for
from models.policy.words import UI_VERBS, WordAt, tokens

# "<verb> to|from|for|with <value>": the value a name in capitals or in quotes, ending where its
# capitals do; an amount may stand between ("an expense of 42.50 for Li Na"). Not "by": the
# sentence model does not tell the party's side, and "paid by" led to "Payee" (0.031).
ACT = re.compile(
    r"\b(?P<verb>[A-Za-z]+)(?:\s+of\s+[$€£¥]?\d[\d.,]*)?\s+(?P<prep>to|from|for|with)\s+"
    r"(?P<value>\"[^\"]+\"|“[^”]+”|'[^']+'|[A-Z][\w'&.-]*(?:\s+[A-Z][\w'&.-]*)*)"
)
QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|(?<!\w)'[^']*'(?!\w)")  # a text the request quotes: a value whole
MARGIN = 0.025  # similarity the best field's label must lead the next one's by
# Prepositions whose party the sentence model does not place: "expense for Li Na" ranked Amount
# over Employee (0.849, 0.818), "claim for" Destination over Traveller. The user is asked which of
# the likeliest fields it is for, unless the act names a field itself.
ASKED = frozenset({"for", "with"})
YES = frozenset({"yes", "y", "yeah", "yep", "sure", "ok", "okay", "right", "correct", "是", "对", "好"})
MIN_FIELDS = 2  # with one empty field there is nothing to tell apart, and no reading to trust
ASK_AMONG = 3  # at most this many close fields are named in the question


@dataclass(frozen=True)
class Party:
    """An act's value and the field it goes into; with no field, the user is to say which of
    ``choices`` it is for (asked as ``param``)."""

    field: Label | None
    value: str
    at: int  # where the act stands in the request
    used: frozenset[int]  # the request's words it explains
    choices: tuple[Label, ...] = ()

    @property
    def param(self) -> str:
        return place_param(self.value)

    @property
    def question(self) -> str:
        names = [lb.text.rstrip(":：* ") for lb in self.choices]
        if len(names) == 1:
            return f"Is {self.value!r} for {names[0]}? (If not, which field is it for?)"
        return f"Which field is {self.value!r} for: {', '.join(names[:-1])} or {names[-1]}?"


def place_param(value: str) -> str:
    """The name the question about where ``value`` goes is asked, and its answer kept, under."""
    return f"field for {value}"


def parties(screen: ScreenReading, request: str, words: list[WordAt], done: DoneSoFar, offer_min: float) -> list[Party]:
    """Each act with a value in ``request`` whose party goes into one of the screen's empty fields
    that take text and that the request does not name (``offer_min``: a label its words match this
    well is named): clearly one, or two or three alike, which the user is asked to choose from
    until an answer names one."""
    acts = list(ACT.finditer(request))
    if not acts:
        return []
    on_screen = {lb.text.casefold().rstrip(":") for lb in screen.labels}
    worked = {step[1] for step in done.done if step[0] in ("click", "type")}
    empty = [
        lb
        for lb in screen.of_role("field")
        if not lb.value
        and not looks_numeric(lb.text)
        and not looks_secret(lb.text)
        and lb.text.casefold() not in worked
        and match_label(lb.text, words).score < offer_min
    ]
    # a window with one field that takes text (a prompt: "New name for the item:") takes the value
    # of an act whatever it holds ("rename it to Quarterly Report"): there is nothing to tell apart
    texts = [lb for lb in screen.of_role("field") if not looks_numeric(lb.text) and not looks_secret(lb.text)]
    only = texts[0] if len(texts) == 1 and texts[0].text.casefold() not in worked else None
    shown = {lb.value.casefold() for lb in screen.of_role("field") if lb.value}
    # a value already typed (or given to a skill that ran), shown in a field, or that the request
    # states for a field it names ("set the category to Meals": Category is named, and no other
    # field is to be asked about)
    stated = {v.casefold() for lb in screen.of_role("field") if (v := stated_value(request, lb.text))}
    placed = on_screen | shown | stated | {text.casefold() for _, text in done.typed} | done.given
    found: list[Party] = []
    quoted = [m.span() for m in QUOTED.finditer(request)]
    for act in acts:
        verb, value = act.group("verb"), act.group("value").strip("\"“”' ")
        if any(start < act.start() < end for start, end in quoted) or any(act.group(0).casefold() in v for v in stated):
            continue  # within a value the request gives a field ("the memo Lunch with Li", a quoted text)
        prep = act.group("prep").casefold()
        asking = prep in ASKED and not only
        # with one empty field, a "to" or "from" has nothing to tell apart and no reading to trust; a
        # "for" or "with" asks about it all the same (yad: "an expense of 42.50 for Li Na", Note named
        # by the request, Employee the one field left)
        few = len(empty) < (1 if asking else MIN_FIELDS)
        if verb.casefold() in UI_VERBS or value.casefold() in placed or (few and not only):
            continue  # "go to File": a label on screen is clicked, not typed; a value typed is placed
        close = [only] if only else party_fields(f"{verb} {prep}", empty, ask=asking)
        answer = done.answers.get(place_param(value).casefold())
        if len(close) == 1 and not (asking and answer is None):
            field: Label | None = close[0] if not asking else placed_by(answer or "", close)
            if field is None:
                continue  # the answer names none of the fields asked about: not asked again
        elif close and answer is not None:
            field = placed_by(answer, close)
            if field is None:
                continue  # the answer names none of the fields asked about: not asked again
        elif close:
            field = None  # the user is to say which
        else:
            continue  # no reading
        slot = Slot((field or close[0]).text, question_for((field or close[0]).text))
        checked = check(slot, value, [request], request)
        if not isinstance(checked, str):
            continue
        # the preposition and the value: the verb ("expense" of "a lodging expense with Wang Fang") may
        # be another option's word too (the skill that files the expense)
        used = frozenset(i for i, w in enumerate(words) if act.start("prep") <= w.start < act.end())
        found.append(Party(field, checked, act.start(), used, () if field is not None else tuple(close)))
    return found


def party_fields(act: str, fields: Sequence[Label], ask: bool = False) -> list[Label]:
    """The fields whose labels best name the party of ``act`` ("paid to"): the best alone when
    it clearly does, else the ones within ``MARGIN`` of it; with ``ask``, the likeliest
    ``ASK_AMONG`` to ask about whatever their scores; none without the sentence model."""
    try:
        scores = similarities(act, [field_name(lb.text) for lb in fields])
    except ModelUnavailable:
        return []
    ranked = sorted(zip(scores, range(len(fields)), strict=True), reverse=True)
    best = ranked[0][0]
    return [fields[i] for score, i in ranked if ask or best - score < MARGIN][:ASK_AMONG]


def placed_by(answer: str, choices: Sequence[Label]) -> Label | None:
    """The field among ``choices`` the user's answer names ("Destination", "the destination one"),
    or, asked about one field, a yes."""
    words = tokens(answer)
    if len(choices) == 1 and words and words[0].text in YES:
        return choices[0]
    scored = [(match_label(lb.text, words).score, i) for i, lb in enumerate(choices)]
    best, i = max(scored)
    return choices[i] if best > 0 and sum(score == best for score, _ in scored) == 1 else None
