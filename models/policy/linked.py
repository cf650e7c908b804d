"""A value the request ties to an act, not to a field: "paid to Corner Shop", "bought from Acme".

The request names no field for it, so no label on screen matches its words, and the value
was never typed (HomeBank's payee task ended "not finished: 'Corner Shop' not shown"). A
person reads the act ("paid to") and looks for the field that names its party ("Payee").
Here the sentence model (models/meaning.py) compares the act, its verb and preposition, with
the labels of the screen's empty fields that take text; the field is taken only when it is
clearly the best (``MARGIN`` above the next): a weak reading offers nothing, as before.
Nothing here knows an application: the prepositions are English grammar, the labels come
from the screen.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from automation.errors import ModelUnavailable
from models.meaning import similarities
from models.policy.matching import match_label
from models.policy.progress import DoneSoFar
from models.policy.screen import Label, ScreenReading
from models.policy.stated import field_name
from models.policy.values import Slot, check, looks_numeric, looks_secret, question_for
from models.policy.words import UI_VERBS, WordAt

# "<verb> to|from <value>": the value a name in capitals or in quotes, ending where its capitals do.
# Not "by": the sentence model does not tell the party's side, and "paid by" led to "Payee" (0.031).
ACT = re.compile(
    r"\b(?P<verb>[A-Za-z]+)\s+(?P<prep>to|from)\s+"
    r"(?P<value>\"[^\"]+\"|“[^”]+”|'[^']+'|[A-Z][\w'&.-]*(?:\s+[A-Z][\w'&.-]*)*)"
)
MARGIN = 0.025  # similarity the best field's label must lead the next one's by
MIN_FIELDS = 2  # with one empty field there is nothing to tell apart, and no reading to trust


@dataclass(frozen=True)
class Party:
    """An act's value and the field it goes into."""

    field: Label
    value: str
    at: int  # where the act stands in the request
    used: frozenset[int]  # the request's words it explains


def parties(screen: ScreenReading, request: str, words: list[WordAt], done: DoneSoFar, offer_min: float) -> list[Party]:
    """Each act with a value in ``request`` whose party clearly goes into one of the screen's empty
    fields that take text and that the request does not name (``offer_min``: a label its words match
    this well is named)."""
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
    found: list[Party] = []
    for act in ACT.finditer(request):
        verb, value = act.group("verb"), act.group("value").strip("\"“”' ")
        if verb.casefold() in UI_VERBS or value.casefold() in on_screen or (len(empty) < MIN_FIELDS and not only):
            continue  # "go to File": a label on screen is clicked, not typed
        field = only or party_field(f"{verb} {act.group('prep')}", empty)
        if field is None:
            continue
        slot = Slot(field.text, question_for(field.text))
        checked = check(slot, value, [request], request)
        if not isinstance(checked, str):
            continue
        used = frozenset(i for i, w in enumerate(words) if act.start() <= w.start < act.end())
        found.append(Party(field, checked, act.start(), used))
    return found


def party_field(act: str, fields: Sequence[Label]) -> Label | None:
    """The field whose label best names the party of ``act`` ("paid to"), when it clearly does."""
    try:
        scores = similarities(act, [field_name(lb.text) for lb in fields])
    except ModelUnavailable:
        return None
    ranked = sorted(zip(scores, range(len(fields)), strict=True), reverse=True)
    (best, i), (second, _) = ranked[0], ranked[1]
    return fields[i] if best - second >= MARGIN else None
