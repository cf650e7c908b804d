"""Which words of a request are a value to type, and which say what to do.

A value is something the request gives: a number, a quoted text, a name, a date, the
words after "type" or "enter" ("type hello world into the note"). A text typed from the
request is no value when it is the request's own instruction: a clause that goes on to
another step ("the invoice number and save the file": a break, then a verb of working
the screen), or a description of a value the request does not give (a determiner, then
words ending with a kind of value: "the invoice number", "my phone number"). Quoted
text is always a value. The policy asks for such a value instead of typing it
(models/policy/values.py); the goal check counts it typed as a guess (automation/agent/goal.py).

The words are English, as data; a request in another language is not judged here.
"""

from __future__ import annotations

import re

QUOTED = re.compile(r"[\"“'‘「]([^\"”'’」]{1,80})[\"”'’」]")


def word_list(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# verbs that start a step of working a screen: after a clause break they begin a new instruction
STEP_VERBS = word_list(
    """click press push hit tap type enter input fill put set choose select pick open close save submit send
    export print file post book copy paste delete remove attach upload write add clear confirm cancel quit exit"""
)
DETERMINERS = frozenset(word_list("the a an my your his her its our their this that these those"))
# nouns naming a kind of value: "the invoice number" names a value, it does not give it
VALUE_KINDS = frozenset(
    word_list(
        """number name date amount total price cost sum code id reference address email phone time title value
        text figure balance"""
    )
)
NEW_STEP = re.compile(rf"(?:[,;]|\band\b|\bthen\b)\s+(?:then\s+)?(?:{'|'.join(STEP_VERBS)})\b")


def quoted_in(request: str) -> list[str]:
    return QUOTED.findall(request)


def says_what_to_do(text: str, request: str) -> bool:
    """Whether ``text``, typed as a value, is the request's words for what to do rather than a
    value it gives: unquoted, found in the request, and either going on to another step or
    describing a value by its kind."""
    value = text.strip().casefold()
    if not value:
        return False
    if any(value in q.casefold() for q in quoted_in(request)):
        return False
    at = request.casefold().find(value)
    if at < 0:
        return False  # not the request's words
    if NEW_STEP.search(value):
        return True
    words = re.findall(r"[^\W_]+", value)
    # the determiner as the request wrote it, in lower case ("The Hague" is a name): the value's
    # first word, or the request's word right before it (a model that trimmed it off)
    lead = re.findall(r"[^\W_]+", text.strip())[:1] + re.findall(r"[^\W_]+", request[:at])[-1:]
    if not words or not any(w in DETERMINERS for w in lead):
        return False
    last = words[-1]
    return last in VALUE_KINDS or (last.endswith("s") and last[:-1] in VALUE_KINDS)


# A clause that tells the run not to act on something: "do not tick Urgent", "never click
# Delete", "leave the city empty". English only, as the rest of this module.
NEGATED = re.compile(r"\b(?:do not|don't|dont|never|without)\b")
LEAVE = re.compile(r"\bleave\b")
LEFT_AS_IS = re.compile(r"\b(?:empty|blank|alone|unticked|unchecked|unchanged|untouched|as it is)\b")
CLAUSE_BREAK = re.compile(r"[,;，；。]|\band\b|\bthen\b|\bbut\b|\bonly\b")


def told_to_leave(request: str, label: str) -> bool:
    """Whether ``request`` tells the run to leave the control ``label`` alone: in the clause that
    names it, a negation before its name ("do not tick Urgent") or "leave ... empty" around it.
    The goal check fails a run that worked such a control; the option builder shows the step
    after it beside it, so that a model reading the request can skip it."""
    name = " ".join(re.sub(r"[\s:：*]+$", "", label.strip().casefold()).split())
    if len(name) < 2:
        return False
    folded = request.casefold()
    hit = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", folded)
    if hit is None:
        return False
    start = max((m.end() for m in CLAUSE_BREAK.finditer(folded, 0, hit.start())), default=0)
    stop = next((m.start() for m in CLAUSE_BREAK.finditer(folded, hit.end())), len(folded))
    before, after = folded[start : hit.start()], folded[hit.end() : stop]
    return bool(NEGATED.search(before)) or bool(LEAVE.search(before) and LEFT_AS_IS.search(after))
