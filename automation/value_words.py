"""Which words of a request are a value to type, and which say what to do.

A value is something the request gives: a number, a quoted text, a name, a date, the
words after "type" or "enter" ("type hello world into the note"). A text typed from the
request is no value when it is the request's own instruction: a clause that goes on to
another step ("the invoice number and save the file": a break, then a verb of working
the screen), or a description of a value the request does not give (a determiner, then
words ending with a kind of value: "the invoice number", "my phone number"). Quoted
text is always a value. The policy asks for such a value instead of typing it
(models/policy/values.py); the goal check counts it typed as a guess (automation/agent/goal.py).

The words are English, as data; a request in another language is not judged here, but for
what it says to leave alone (``told_to_leave``) and which verbs ask no act (``names_no_act``),
which read Chinese too, as the goal check's commit words do.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

QUOTED = re.compile(r"[\"“'‘「]([^\"”'’」]{1,80})[\"”'’」]")


def word_list(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Words that carry no meaning of their own here: never matched against a label alone.
STOPWORDS = frozenset(
    word_list(
        """a an the this that these those it its is are was were be been to of in on at by for with from into onto
    as and or not no yes me my mine i you your we our us please then and now just also all some any do does did
    can could would should will shall may might must let lets what whats which who whom whose how when where why
    what's it's that's let's i'm there's here's
    there here up out off over under again than so if but about he she they them his her their only"""
    )
)

# Verbs of working a user interface: a request made of these is about the screen.
UI_VERBS = frozenset(
    word_list(
        """click press push hit tap type enter input put fill set choose select pick open close show hide start stop
    submit save send export import print quit exit cancel confirm clear reset delete remove add insert copy paste
    undo redo find search sort sum total compute calculate multiply divide subtract attach upload tick untick
    uncheck"""
    )
)

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
# Delete", "leave the city empty", "skip the city", "..., not the rate"; and the Chinese of the same
# ("不要勾选 加急", "别填 城市", "城市 留空"). Words of grammar, as data: no application's words.
NEGATED = re.compile(
    r"\b(?:do not|don't|dont|never|without|skip|skipping)\b|^\s*not\b"
    r"|不要|不用|不必|无需|不需要|别|勿|不(?=勾|填|选|点|改|动|碰|输)"
)
# a negation that asks for the act after all: "do not forget to type ...", "never fail to tick ..."
NOT_REALLY = re.compile(
    r"\b(?:do not|don't|dont|never)\s+(?:forget|fail|neglect|omit)\b|不要忘记|别忘了|别忘记|不要忘了"
)
LEAVE = re.compile(r"\b(?:leave|leaving|keep|keeping)\b")
LEFT_AS_IS = re.compile(
    r"\b(?:empty|blank|alone|unticked|unchecked|unchanged|untouched|unset|off|as it is)\b"
    r"|留空|空着|为空|空白|不填|不动|不变|不勾选|不选"
)
# a Chinese clause that says so after the name: "城市 留空" (and not "城市 不能 留空": it must be filled)
LEFT_AFTER = re.compile(r"^\s*(?:保持\s*)?(?:留空|空着|为空|空白|不填|不动|不变|不勾选|不选)")
MUST_NOT = re.compile(r"不能|不可|不得|不许|不应|不要|别|勿")
CLAUSE_BREAK = re.compile(r"[,;，；。]|\band\b|\bthen\b|\bbut\b|\bonly\b|和|并|然后|只|但")


def mentions(text: str, name: str) -> re.Match[str] | None:
    """Where ``text`` names ``name`` as a whole word (Chinese has no spaces between words: any place)."""
    if name.isascii():
        return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)
    return re.search(re.escape(name), text)


def clause_around(text: str, start: int, end: int) -> tuple[str, str]:
    """The words of ``text``'s clause before ``start`` and after ``end``."""
    first = max((m.end() for m in CLAUSE_BREAK.finditer(text, 0, start)), default=0)
    stop = next((m.start() for m in CLAUSE_BREAK.finditer(text, end)), len(text))
    return text[first:start], text[end:stop]


def told_to_leave(request: str, label: str) -> bool:
    """Whether ``request`` tells the run to leave the control ``label`` alone: in the clause that
    names it, a negation before its name ("do not tick Urgent", "skip the city", "不要勾选 加急"),
    "leave ... empty" around it ("leave the city empty", "keep Urgent unticked"), or a Chinese
    "留空" right after it ("城市 留空"). A double negation asks for the act ("do not leave the city
    empty", "don't forget to tick Urgent"). The goal check fails a run that worked such a
    control, and the option builder offers no step on it (models/policy/candidates.py)."""
    name = " ".join(re.sub(r"[\s:：*]+$", "", label.strip().casefold()).split())
    if len(name) < 2:
        return False
    folded = NOT_REALLY.sub(lambda m: " " * len(m.group()), request.casefold())
    hit = mentions(folded, name)
    if hit is None:
        return False
    before, after = clause_around(folded, hit.start(), hit.end())
    negated = NEGATED.search(before)
    leave = LEAVE.search(before)
    if leave and LEFT_AS_IS.search(after):
        return not (negated and negated.start() < leave.start())  # "do not leave the city empty"
    if negated:
        return True
    said = LEFT_AFTER.search(after)
    return said is not None and not MUST_NOT.search(after[: said.start()])


# verbs that tick or untick a check box: the words after one name the box ("tick Send copy")
TICK = re.compile(r"\b(?:tick|untick|check|uncheck|toggle|mark|unmark)\b|勾选|选中|打勾|取消")


def names_no_act(request: str, start: int, end: int) -> bool:
    """Whether the verb at ``request[start:end]`` asks for no act of its own: negated in its clause
    ("do not submit yet", "without saving", "不要 提交"), or a word of a check box's name the clause
    ticks ("tick Send copy": the box is named "send", nothing is sent)."""
    folded = NOT_REALLY.sub(lambda m: " " * len(m.group()), request.casefold())
    before, _ = clause_around(folded, start, end)
    return NEGATED.search(before) is not None or TICK.search(before) is not None


# verbs that set a check box's state, as data: the words after one name the boxes it sets
# ("tick Urgent and Billable", "uncheck Send copy", "勾选 加急", "取消勾选 加急")
TICK_ON = re.compile(r"\b(?:tick|check|mark|enable|turn on|switch on)\b|勾选|选中|打勾")
TICK_OFF = re.compile(r"\b(?:untick|uncheck|unmark|clear|disable|turn off|switch off)\b|取消勾选|取消")
# what may stand between such a verb and a box it sets: articles, "and", other boxes' names
BETWEEN = re.compile(r"(?:[\s,、和]|\b(?:the|both|and|also|box|boxes|option|options)\b)*")


def wanted_mark(request: str, label: str, others: Sequence[str] = ()) -> bool | None:
    """The state ``request`` wants the check box ``label`` in: True for "tick Urgent", False for
    "untick Urgent", None when it sets none (it names the box with no such verb, toggles it, or
    says to leave it alone, which ``told_to_leave`` judges). The verb may name several boxes
    ("tick Urgent and Billable"): ``others`` are the screen's other boxes, which may stand between."""
    name = " ".join(re.sub(r"[\s:：*]+$", "", label.strip().casefold()).split())
    if len(name) < 2 or told_to_leave(request, label):
        return None
    folded = NOT_REALLY.sub(lambda m: " " * len(m.group()), request.casefold())
    hit = mentions(folded, name)
    if hit is None:
        return None
    verbs = [(m, True) for m in TICK_ON.finditer(folded, 0, hit.start())]
    verbs += [(m, False) for m in TICK_OFF.finditer(folded, 0, hit.start())]
    if not verbs:
        return None
    verb, on = max(verbs, key=lambda v: (v[0].end(), len(v[0].group())))  # "取消勾选" over its "勾选"
    between = folded[verb.end() : hit.start()]
    for other in sorted((o.strip().casefold() for o in others if o.strip()), key=len, reverse=True):
        between = between.replace(other, " ")
    return on if BETWEEN.fullmatch(between) else None
