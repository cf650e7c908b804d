"""The value a request gives for a field it names, read from the request's own grammar.

"enter Tartu as the city and Oslo as the street" gives the street "Oslo": a person reads
that without thinking, and so does code, so the model is not asked to copy it (a 0.5B model
asked to fill the street after typing the city returned nothing it could back, and the user
was asked "What is the street?"). The request names the field by the words of its label on
screen; the value is the stretch of the same clause that the field's words are tied to:

- before them, ending with a linking word: "<value> as the <field>", "type <value> into the
  <field>", "<value> for the <field>" (the leading verb is not part of it);
- after them, starting with a linking word: "set the <field> to <value>", "the <field> is
  <value>", "<field>: <value>";
- right after them with no linking word, only when it is plainly a value (a capital letter, a
  digit, a quote): "with the memo Lunch with Li";
- a number right before them, counting what they name: "3 nights", "2 adults".

Nothing here knows an application: the field's words come from the screen, the linking words
are English grammar (data below). The value is then checked like any other (values.check):
found in the request, not its own instruction ("the invoice number"), never a secret. The goal check
(automation/agent/goal.py) reads the same values: a value the request gives a field on screen is
wanted there, typed or not.
"""

from __future__ import annotations

import re

from automation.value_words import DETERMINERS, STEP_VERBS, STOPWORDS, UI_VERBS, says_what_to_do, word_list

MAX_TEXT = 80  # characters: the longest value the model may fill
PLACES = frozenset(word_list("field box key keyboard screen form window calculator"))  # where to type, never what
EMPTY = frozenset({"", "none", "null", "unknown", "n/a", "?", "-"})

# where a clause ends: a value never runs across one ("Tartu as the city and Oslo as the street")
CLAUSE = re.compile(r"[,;]|\s(?:and|then)\s")
# a value before the field's words: "... as the city", "... into the city"
BEFORE = re.compile(r"\s(?:as|into|in|for|to|under|on|at)\s*$", re.IGNORECASE)
# a value after them: "the city to Oslo", "the city is Oslo", "city: Oslo"
AFTER = re.compile(r"^\s*(?:(?:is|to|as|=|should\s+be|becomes)\s+|[:=]\s*)(.+)$", re.IGNORECASE)
# a number right before the field's words: "3 nights" gives the nights 3
COUNT = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)?)\s+$")
DETERMINER = r"(?:(?:the|a|an|my|your|its|this|that|our|their)\s+)?"
# "type", "enter", "fill in", "only type", "just enter": what to do, not what to type
# ("set up Wang Wei as the user name": "up" belongs to the verb)
LEADING = UI_VERBS | set(STEP_VERBS) | {"in", "into", "on", "up", "only", "just", "also", "simply", "please"}


def field_name(label: str) -> str:
    """The words a request calls the field ``label`` by: its label without a trailing colon or mark,
    nor a unit in brackets ("Quota (GB)" is "the quota")."""
    name = " ".join(re.sub(r"[\s:：*]+$", "", label.strip()).split())
    return re.sub(r"\s*[(\[][^)\]]*[)\]]", "", name).strip() or name


def clause_around(request: str, start: int, end: int) -> tuple[int, int]:
    """The stretch of ``request`` holding ``start``-``end``, between clause breaks."""
    first, last = 0, len(request)
    for m in CLAUSE.finditer(request):
        if m.end() <= start:
            first = m.end()
        elif m.start() >= end:
            last = m.start()
            break
    return first, last


def cleaned(text: str, leading: bool) -> str:
    """``text`` without the verbs before a value and the filler after it ("type Cork" -> "Cork",
    "Oslo please" -> "Oslo"); quotes kept for values.check to read them as written."""
    words = text.split()
    while leading and words and words[0].casefold() in LEADING:
        words.pop(0)
    while words and (words[-1].casefold().strip(".,!?") in PLACES | {"please", "now", "here"}):
        words.pop()
    return " ".join(words).strip(" .,!?")


def stated_value(request: str, label: str) -> str | None:
    """The text ``request`` gives for the field labelled ``label``, or None when it gives none."""
    name = field_name(label)
    if len(name) < 2 or name.casefold() in STOPWORDS:
        return None
    pattern = rf"(?<!\w){DETERMINER}{re.escape(name)}s?(?!\w)"
    for hit in re.finditer(pattern, request, re.IGNORECASE):
        first, last = clause_around(request, hit.start(), hit.end())
        before, after = request[first : hit.start()], request[hit.end() : last]
        candidates = []
        if (link := BEFORE.search(before)) is not None:
            head = after_earlier_tie(before[: link.start()])
            value = cleaned(head, leading=True)
            # with no verb before it, only "<value> as/for the <field>" ties a value: "Zhang San should
            # go in the employee field" is a sentence, not a value
            if value != head.strip(" .,!?") or link.group().split()[0].casefold() in ("as", "for"):
                candidates.append(value)
        elif (count := COUNT.search(before)) is not None:
            candidates.append(count.group(1))  # "3 nights", "2 adults": a count of what the field counts
        if (link := AFTER.match(after)) is not None:
            candidates.append(cleaned(link.group(1), leading=False))
        elif plainly_value(after):
            candidates.append(cleaned(after, leading=False))
        for value in candidates:
            if usable(value, name, request):
                return value
    return None


def after_earlier_tie(head: str) -> str:
    """The words before "as the <field>" that can be its value: after an earlier value's own tie and
    the word that goes on from it ("set up Wang Wei as the user name with 2027-01-04 as the start
    date": "2027-01-04", not "Wang Wei as the user name with 2027-01-04", typed whole into the date).
    A value that holds "with" itself and no tie before it ("Lunch with Li as the memo") stays whole."""
    ties = list(re.finditer(r"\s(?:as|for)\s", head, re.IGNORECASE))
    if not ties:
        return head
    tie = ties[-1]
    goes_on = re.search(r"\s(?:with|plus|along with)\s", head[tie.end() :], re.IGNORECASE)
    return head[tie.end() + goes_on.end() :] if goes_on else head


def plainly_value(text: str) -> bool:
    """Whether ``text`` starts the way a value does: a quote, a digit, a currency sign, a capital."""
    first = text.strip()[:1]
    return bool(first) and (first in "\"“'‘$€£¥" or first.isdigit() or first.isupper())


def usable(value: str, name: str, request: str) -> bool:
    words = value.casefold().split()
    if not words or value.casefold() in EMPTY or len(value) > MAX_TEXT:
        return False
    if value.split()[0] in DETERMINERS:
        return False  # "the priority" of "choose Normal as the priority" describes; a value is given
    if all(w.strip(".,'\"") in STOPWORDS for w in words) or name.casefold() in value.casefold():
        return False
    return not says_what_to_do(value, request)  # "the receipt's total": the request describes it
