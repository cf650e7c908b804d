"""What a request could mean on this screen: each reading is an Option.

ScreenReading labels the request names become "click" options, field labels "type into"
(and "open the list of") options, key names "press" options, a calculator's keys
the next key of a planned sequence, dialog buttons the answer the request gives,
a closed menu the place a named command conventionally lives, and skills whose own
words explain the request "run skill" options. Each says how strongly the request
asks for it (``score``), where (``at``) and with which of its words (``used``);
candidates.py turns them into the list the model chooses from.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Literal

from automation.commit_rule import CommitRule, commits
from automation.errors import ModelUnavailable
from automation.numbers.arithmetic import OPERATOR_SIGNS, ROOT, same_key
from automation.numbers.written import normalize_number, numbers_in
from automation.skill_card import SkillCard
from automation.stated import clause_around, field_name, stated_value
from automation.types import Click, Target
from automation.value_words import mentions
from models.expense_kind import rank_items
from models.policy.facts import HINTS_ONLY, Facts, fact_for, named_facts
from models.policy.linked import parties
from models.policy.matching import match_label, skill_coverage
from models.policy.progress import DoneSoFar, StepName, consume
from models.policy.screen import Label, ScreenReading
from models.policy.values import Slot, check, looks_numeric, looks_secret, question_for
from models.policy.words import STOPWORDS, SYMBOL_WORDS, UI_VERBS, WordAt, content, same_word, tokens, wordset

OptionKind = Literal["click", "type", "key", "skill", "ask", "impossible", "done", "reply"]

PLAN_MIN = 60.0  # a candidate this strong is something the request asks for
HINT = 65.0  # a menu named by convention: planned, but below anything the screen shows by name
FACT = 80.0  # a field an attached document fills: planned, in the order of the form
OFFER_MIN = 50.0  # weaker candidates are not offered at all
SKILL_MIN = 0.4  # share of the request a skill must explain to be planned
SKILL_WORDS = 2  # and at least this many of its words: "the claim" alone is not filing one
SKILL_OFFER = OFFER_MIN + 1.0  # a skill sharing fewer words is still shown: the model judges it
NOWHERE = 10_000

CHOOSE_VERBS = wordset("choose select pick")
TYPE_VERBS = wordset("type enter input")
NEGATIONS = wordset("no not don't dont cancel never stop abort nope")
AFFIRMATIONS = wordset("yes ok okay sure confirm go ahead")
COMMIT_RULE = CommitRule()
ITEM_ALIGN = 8  # pixels: the items of an open list start this close together
ROW = 10  # pixels: buttons of one row sit this close in height
MAX_BUTTON_WORDS = 4
FORM_BUTTONS = "the form's buttons"
LAST = NOWHERE - 1
KEYPAD_VERBS = wordset("press click hit tap calculate compute")
EQUALS_VERBS = wordset("calculate compute")
# Where applications conventionally keep a command, for a menu that is still closed.
MENU_HINTS = {
    "file": "new save export import print quit exit close",
    "edit": "copy paste cut undo redo find replace",
    "insert": "chart image picture function comment",
    "format": "bold italic font",
    "data": "sort filter",
    "tools": "options settings preferences",
    "help": "about manual documentation",
}
KEY_NAMES = {
    "enter": "Return",
    "return": "Return",
    "escape": "Escape",
    "esc": "Escape",
    "tab": "Tab",
    "space": "space",
    "backspace": "BackSpace",
    "delete": "Delete",
    "home": "Home",
    "end": "End",
    "up": "Up",
    "down": "Down",
    "left": "Left",
    "right": "Right",
}
COMBO = re.compile(r"\b(?:ctrl|control|alt|shift|super)\s*\+\s*\w+(?:\s*\+\s*\w+)*", re.IGNORECASE)
FUNCTION_KEY = re.compile(r"^f([1-9]|1[0-2])$")
CLOSE_PHRASE = re.compile(r"\b(close|dismiss|hide)\s+(the\s+)?(menu|list|popup|drop-?down)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Option:
    kind: OptionKind
    text: str  # what the model reads
    label: str = ""  # the screen label acted on
    window: str = ""
    field: bool = False  # click the field beside the label (opens a combo box's list)
    combo: str = ""  # for a key
    skill: SkillCard | None = None
    slots: tuple[Slot, ...] = ()  # values the second pass fills
    score: float = 0.0
    at: int = NOWHERE  # where the request asks for it: the plan's order
    used: frozenset[int] = frozenset()  # request words it explains
    repeatable: bool = False  # a keypad key may rightly be pressed again
    group: str = ""  # options of one choice the model makes among them (a list's items, a form's buttons)
    value: str = ""  # the text to type, when code settled it (a file dialog's path): not the model's to fill
    over: bool = False  # typed over what the box holds (a save dialog's name box holds a name or a filter)

    @property
    def step(self) -> StepName | None:
        if self.kind == "click":
            return ("click", self.label.casefold(), "field" if self.field else "")
        if self.kind == "type":
            return ("type", self.label.casefold())
        if self.kind == "key":
            return ("key", self.combo.casefold())
        if self.kind == "skill" and self.skill is not None:
            return ("skill", self.skill.name)
        return None


def quoted(text: str) -> str:
    return '"' + text.replace('"', "'") + '"'


def done_words(done: DoneSoFar, words: list[WordAt]) -> frozenset[int]:
    """Indexes of the request's words the history already carried out: the labels it
    clicked or typed into, the keys it pressed, the values it typed."""
    used: set[int] = set()
    for step in done.done:
        if step[0] in ("click", "type") and step[1]:
            used |= match_label(step[1], words).used
        elif step[0] == "key":
            keys = set(step[1].split("+"))
            used |= {i for i, w in enumerate(words) if w.text in keys or KEY_NAMES.get(w.text, "").casefold() in keys}
    said = {w.text for _, text in done.typed for w in tokens(text)}
    used |= {i for i, w in enumerate(words) if w.text in said}
    return frozenset(used)


def value_words(request: str, words: list[WordAt], screen: ScreenReading) -> set[int]:
    """Indexes of words that are values, not instructions: numbers, and names written
    with a capital (not the first word) that are not a label on screen."""
    labels = {w.text for lb in screen.labels for w in tokens(lb.text)}
    values = set()
    for i, w in enumerate(words):
        number = any(c.isdigit() for c in w.text)
        name = i > 0 and request[w.start].isupper() and w.text not in labels and w.text not in STOPWORDS
        if number or name:
            values.add(i)
    return values


GLUED = re.compile(r"\S*[^\W_][./@:][^\W_]\S*")  # one written word of parts: a URL, an e-mail, "li.na.wang"


def glued_words(request: str, words: list[WordAt]) -> set[int]:
    """Indexes of words that are pieces of one written word glued by dots, slashes, "@" or ":" (a URL,
    an e-mail address, a dotted user name): a value's pieces, never the name of a control. The "bank"
    of "https://online.bank.example.com" was offered as a click on the heading "Passwords • Bank"."""
    chunks = [(m.start(), m.end()) for m in GLUED.finditer(request)]
    return {i for i, w in enumerate(words) if any(a <= w.start < b for a, b in chunks)}


def field_options(
    screen: ScreenReading, words: list[WordAt], done: DoneSoFar, request: str = "", facts: Facts = ()
) -> list[Option]:
    """ "type into" a field the request names; "open the list of" it as well when the
    request chooses rather than types, or typing into it already failed (a read-only
    combo box ignores keys). The value the request ties to the field by its grammar
    ("Oslo as the street") is settled here (stated.py), not left to the model to copy."""
    choosing = [w.start for w in words if w.text in CHOOSE_VERBS]
    labels = screen.of_role("field")
    # what the request gives each field: a label it gives as another field's value is an item of
    # that field's open list ("Normal" of "choose Normal as the priority"), not a field to open; the
    # fields are those on screen and those the run worked (an open list may cover its own field's label)
    worked = {step[1] for step in done.done if step[0] in ("click", "type") and step[1]}
    names = [lb.text for lb in labels] + sorted(worked)
    given = {(stated_value(request, name) or "").casefold() for name in names} - {""} if request else set()
    found = []
    for label in labels:
        m = match_label(label.text, words)
        if m.score < OFFER_MIN:
            continue
        if label.text.casefold().rstrip(":") in given:  # an item: clicked as it is, never opened or typed into
            found.append(Option("click", f"click {quoted(label.text)}", label.text, label.window, score=m.score,
                                at=m.at, used=m.used))  # fmt: skip
            continue
        # a field picks from its list when its own clause chooses ("choose Train as the transport"):
        # the request's other fields are typed into ("enter Li Na as the traveller, choose ...")
        start, end = clause_around(request, m.at, m.at + 1) if request else (0, 0)
        choose = any(start <= at < end for at in choosing) if request else bool(choosing)
        # the clause's item was clicked already ("choose the Cascade project": a list's row clicked in
        # place): the field is done, and working it again would undo the choice (zenity's list took
        # its column header under "Projects" for a field: clicking it re-sorted the rows, and typing
        # there searched the list for "Cascade" and left no row chosen)
        if choose and any(
            step[0] == "click"
            and step[1:2]
            and step[1] != label.text.casefold()
            and mentions(request[start:end].casefold(), step[1])
            for step in done.done
        ):
            continue
        numeric, secret = looks_numeric(label.text), looks_secret(label.text)
        read = "" if secret else document_value(request, label.text, facts)
        slot = Slot(label.text, question_for(label.text), numeric=numeric or bool(read), secret=secret)
        # a request that chooses picks from the field's list: typing there is its fallback, not its value
        value = "" if choose else settled_value(request, slot) or read
        text = f"type {quoted(value)} into {quoted(label.text)}" if value else f"type into {quoted(label.text)}"
        found.append(
            Option(
                "type",
                text,
                label.text,
                label.window,
                True,
                slots=(slot,),
                score=m.score,
                at=m.at,
                used=m.used,
                value=value,
            )
        )
        typing_failed = ("type", label.text.casefold()) in done.failed
        if not numeric and not secret and (choose or typing_failed):
            score = m.score + (15 if choose else 0)
            found.append(
                Option(
                    "click",
                    f"open the list of {quoted(label.text)}",
                    label.text,
                    label.window,
                    True,
                    score=score,
                    at=m.at,
                    used=m.used,
                )
            )
    return found


def document_value(request: str, label: str, facts: Facts) -> str:
    """The number an attached document gave that the request ties to the field ``label`` by naming
    it in the clause that names the field ("type the receipt's total into the hours": the receipt's
    amount, whatever the field is called); the field's own words do not count ("fill in the amount"
    names the field, not the document's value). "" when the clause names none, or several."""
    if not facts or not request:
        return ""
    name = field_name(label)
    hit = re.search(rf"(?<!\w){re.escape(name)}s?(?!\w)", request, re.IGNORECASE) if len(name) >= 2 else None
    if hit is None:
        return ""
    first, last = clause_around(request, hit.start(), hit.end())
    clause = request[first : hit.start()] + " " + request[hit.end() : last]
    values = {v for f, v in named_facts(clause, facts) if f not in HINTS_ONLY and f != "date"}
    return next(iter(values)) if len(values) == 1 else ""


UNNAMED_NUMBER = PLAN_MIN + 10.0  # a number the request gives without naming its field: planned


def zero(value: str) -> bool:
    """Whether a field's ``value`` is a number field's default: zero ("0", "0.00", "0,00")."""
    plain = normalize_number(value.strip())
    return plain is not None and not any(c in "123456789" for c in plain)


def unnamed_number_options(
    screen: ScreenReading,
    request: str,
    words: list[WordAt],
    fields: Sequence[Option],
    done: DoneSoFar,
    read: Sequence[str] = (),
) -> list[Option]:
    """The screen's one empty field that holds numbers by its label (amount, total, price...), filled
    with the one number the request gives without naming its field ("add a transaction of 12.50"),
    else the one value of an attached document the request names ("the receipt's total": ``read``);
    in a dialog that is a form, with neither, the user's answer, asked for before its buttons. A
    person fills it so; a form filed without it is filed wrong (HomeBank took a transaction of 0).
    Nothing when the request names a numeric field or ties its number to one, gives several
    numbers, or the screen has no such field or more than one."""
    said = list(dict.fromkeys(numbers_in(request))) or list(dict.fromkeys(read))
    if len(said) > 1 or any(o.kind == "type" and o.slots and o.slots[0].numeric for o in fields):
        return []
    named = {o.label for o in fields}
    if said and any(ties(request, said[0], label) for label in named):
        return []  # "enter 1234 as the PIN": the request ties it to a field it names
    # a number field's default zero is no value (yad's Amount spin box shows "0")
    empty = [
        lb
        for lb in screen.of_role("field")
        if looks_numeric(lb.text) and (not lb.value or zero(lb.value)) and lb.text not in named
    ]
    if len(empty) != 1:
        return []
    (label,) = empty
    slot = Slot(label.text, question_for(label.text), numeric=True)
    if not said:
        in_form = screen.dialog is not None and label.window == screen.dialog
        if not in_form or len([lb for lb in screen.of_role("field") if lb.window == screen.dialog]) < 2:
            return []
        answer = done.answers.get(label.text.casefold())
        if answer is None:
            return [
                Option("ask", f"ask the user for the {label.text}", slots=(slot,), score=UNNAMED_NUMBER, at=LAST - 1)
            ]
        said = [answer]
        sources = [answer]
    else:
        sources = [request, *read]
    checked = check(slot, said[0], sources, request)
    if not isinstance(checked, str):
        return []
    at = next((w for w in words if w.text == said[0].casefold()), None)
    used = frozenset(i for i, w in enumerate(words) if w is at)
    text = f"type {quoted(checked)} into {quoted(label.text)}"
    return [
        Option(
            "type", text, label.text, label.window, True, slots=(slot,), score=UNNAMED_NUMBER,
            at=at.start if at is not None else LAST - 1, used=used, value=checked,
        )
    ]  # fmt: skip


def party_options(screen: ScreenReading, request: str, words: list[WordAt], done: DoneSoFar) -> list[Option]:
    """A value the request ties to an act, not to a field ("paid to Corner Shop"), typed into the
    field whose label names the act's party, by meaning (linked.py): planned where the act stands."""
    found = []
    for party in parties(screen, request, words, done, OFFER_MIN):
        label = party.field
        if label is None:  # two or three fields as likely: the user says which
            ask = f"ask the user which field {quoted(party.value)} is for"
            found.append(
                Option("ask", ask, slots=(Slot(party.param, party.question, places=party.value),),
                       score=UNNAMED_NUMBER, at=party.at, used=party.used)
            )  # fmt: skip
            continue
        slot = Slot(label.text, question_for(label.text))
        text = f"type {quoted(party.value)} into {quoted(label.text)}"
        found.append(
            Option("type", text, label.text, label.window, True, slots=(slot,), score=UNNAMED_NUMBER, at=party.at,
                   used=party.used, value=party.value)
        )  # fmt: skip
    return found


def ties(request: str, value: str, label: str) -> bool:
    """Whether ``request`` ties ``value`` to the field ``label`` by its grammar."""
    name = re.escape(" ".join(label.rstrip(":：* ").split()))
    linked = rf"{re.escape(value)}\s+(?:as|for|into|in|to)\s+(?:the\s+|my\s+|a\s+)?{name}"
    return value in (stated_value(request, label) or "") or re.search(linked, request, re.IGNORECASE) is not None


def settled_value(request: str, slot: Slot) -> str:
    """The value ``request`` states for ``slot``'s field, checked as a filled one is; "" when none
    (a secret is only ever the user's answer)."""
    stated = stated_value(request, slot.name) if request and not slot.secret else None
    if stated is None:
        return ""
    checked = check(slot, stated, [request], request)
    return checked if isinstance(checked, str) else ""


def click_options(screen: ScreenReading, words: list[WordAt]) -> list[Option]:
    found = []
    for label in screen.of_role("button", "menu", "text"):
        m = match_label(label.text, words)
        if m.score >= OFFER_MIN:
            found.append(
                Option(
                    "click",
                    f"click {quoted(label.text)}",
                    label.text,
                    label.window,
                    score=m.score,
                    at=m.at,
                    used=m.used,
                )
            )
    return found


def menu_hints(screen: ScreenReading, words: list[WordAt]) -> list[Option]:
    """A closed menu that conventionally holds a command the request names and the
    screen does not show: a step of the plan ("export ..." starts with "File")."""
    found = []
    for label in screen.of_role("menu"):
        hints = MENU_HINTS.get(label.text.casefold(), "").split()
        hit = next((i for i, w in enumerate(words) if any(same_word(w.text, h) for h in hints)), None)
        if hit is not None:
            text = f"click {quoted(label.text)} (a menu)"
            found.append(
                Option("click", text, label.text, label.window, score=HINT, at=words[hit].start, used=frozenset({hit}))
            )
    return found


def key_options(request: str, words: list[WordAt]) -> list[Option]:
    found = []
    verbs = frozenset(i for i, w in enumerate(words) if w.text in UI_VERBS)
    for m in COMBO.finditer(request):
        combo = re.sub(r"\s+", "", m.group()).lower().replace("control", "ctrl")
        # "save it with ctrl+s": the keys are how the request's verb is done, so they explain it too
        own = frozenset(i for i, w in enumerate(words) if m.start() <= w.start < m.end())
        found.append(Option("key", f"press {combo}", combo=combo, score=110.0, at=m.start(), used=own | verbs))
    for i, w in enumerate(words):
        name = KEY_NAMES.get(w.text) or (w.text.upper() if FUNCTION_KEY.match(w.text) else None)
        if name is None:
            continue
        before = words[i - 1].text if i else ""
        after = words[i + 1].text if i + 1 < len(words) else ""
        if before in {"press", "hit", "push", "the"} or after == "key":
            found.append(Option("key", f"press {name}", combo=name, score=110.0, at=w.start, used=frozenset({i})))
    close = CLOSE_PHRASE.search(request)
    if close:
        used = frozenset(i for i, w in enumerate(words) if close.start() <= w.start < close.end())
        text = f"press Escape to {close.group().lower()}"
        found.append(Option("key", text, combo="Escape", score=110.0, at=close.start(), used=used))
    return found


def keyboard_option(words: list[WordAt], fields: list[Option]) -> list[Option]:
    """Typing into whatever has the focus, when the request says "type" and names no field."""
    if any(o.kind == "type" and o.score >= PLAN_MIN for o in fields):
        return []
    for i, w in enumerate(words):
        if w.text in TYPE_VERBS and (i == 0 or words[i - 1].text not in {"press", "hit", "push", "the"}):
            slot = Slot("text", "What should I type?")
            return [
                Option("type", "type text on the keyboard", slots=(slot,), score=80.0, at=w.start, used=frozenset({i}))
            ]
    return []


def keypad_options(
    screen: ScreenReading, words: list[WordAt], done: DoneSoFar, typed: Collection[str] = ()
) -> list[Option]:
    """On a calculator, the request's numbers and operators as keys in order; the next one is offered.
    A number the request gives a field (``typed``: "3 as the nights") is typed there, not pressed:
    a calendar's grid of days reads as a keypad, and "press OK" names a key verb."""
    if not screen.keypad:
        return []
    said = {w.text for w in words}
    operators = [w for w in words if w.text in SYMBOL_WORDS or w.text in OPERATORS]
    if not operators and not said & (KEYPAD_VERBS | {"sqrt", "root"}):
        return []
    keys: list[tuple[str, int, int]] = []  # (label, request offset, word index)
    root = -1  # the word that asked a square root ("sqrt", the "square" of "square root of"): its key
    for i, w in enumerate(words):
        if w.text[0].isdigit() and w.text.casefold() not in typed:
            keys += [(c, w.start, i) for c in w.text if c.isdigit() or c == "."]
            if root >= 0:  # its key comes after the number, as a calculator takes it
                keys.append((ROOT, words[root].start, root))
                root = -1
        elif w.text in SYMBOL_WORDS or w.text in OPERATORS:
            keys.append((SYMBOL_WORDS.get(w.text, w.text), w.start, i))
        elif w.text == "sqrt" or (w.text == "square" and i + 1 < len(words) and words[i + 1].text == "root"):
            root = i
    if said & EQUALS_VERBS and keys and keys[-1][0] != "=":
        keys.append(("=", NOWHERE - 1, -1))
    on_screen = {lb.text: lb for lb in screen.labels if len(lb.text) == 1 or same_key(lb.text, ROOT)}
    faces = [key_face(k, on_screen) for k, _, _ in keys]
    if not keys or None in faces:
        return []  # a key that cannot be read on screen cannot be pressed
    keys = [(face, at, i) for face, (_, at, i) in zip(faces, keys, strict=True) if face is not None]
    steps = [("click", k.casefold(), "") for k, _, _ in keys]
    n = consume(steps, done.done)
    used = frozenset(i for _, _, i in keys if i >= 0) | frozenset(
        i for i, w in enumerate(words) if w.text in KEYPAD_VERBS
    )
    if n == len(keys):
        return [Option("click", "(every key of the request is pressed)", score=0.0, used=used)]
    label = on_screen[keys[n][0]]
    return [
        Option(
            "click",
            f"click {quoted(label.text)}",
            label.text,
            label.window,
            score=120.0,
            at=0,
            used=used,
            repeatable=True,
        )
    ]


OPERATORS = frozenset(OPERATOR_SIGNS) | {"="}  # operator keys a request may write as symbols


def key_face(key: str, on_screen: Collection[str]) -> str | None:
    """The label ``key`` shows on this keypad: itself, or another face of its operator (xcalc
    prints division "÷", galculator "/")."""
    return next((face for face in on_screen if same_key(face, key)), None)


def skill_options(cards: tuple[SkillCard, ...], words: list[WordAt], values: set[int]) -> list[Option]:
    found = []
    for card in cards:
        share, used = skill_coverage(card, words, values)
        if not used:
            continue
        strong = share >= SKILL_MIN and len(used) >= SKILL_WORDS
        slots = tuple(
            Slot(p.name, question_for(p.name, p.description), looks_numeric(p.name, p.example), p.secret)
            for p in card.params
        )
        params = ", ".join(p.name for p in card.params)
        text = f"run skill {card.name}({params}): {card.description}".strip().rstrip(":")
        found.append(
            Option(
                "skill",
                text,
                skill=card,
                slots=slots,
                score=100.0 * share if strong else SKILL_OFFER,
                at=min((words[i].start for i in used), default=NOWHERE),
                used=used,
            )
        )
    return found


def fact_options(
    screen: ScreenReading, facts: Facts, done: DoneSoFar, documents: Sequence[str] = (), request: str = ""
) -> list[Option]:
    """Filing an attached document, in the form's order and before what the request
    names: the fields it fills ("file this receipt" names none of them), the list of a
    field named like a category, then the form's own buttons and its dialog's answer.
    Each committing click is confirmed with the user as always.

    Knowledge comes from the form, not from a list of categories or rules: the
    category is one of the items of the form's own list, shown once the list is open
    and chosen by the model by meaning (the receipt's words in its prompt; its kind
    only orders the items). Empty fields no document or request fills are offered as
    questions the model may ask when a person would need them; an empty answer skips one."""
    if not facts:
        return []
    found = []
    fields = sorted(screen.of_role("field"), key=lambda lb: (lb.box.y, lb.box.x))
    kinds = [value for fact, value in facts if fact == "category"]
    asks: list[Option] = []
    for rank, label in enumerate(fields):
        pair = fact_for(label.text, facts)
        score = FACT - rank / 100  # the form's order: the plan sorts equal places by score
        answer = done.answers.get(label.text.casefold())
        if pair is not None and pair[0] == "category":
            opened = done.was_done(("click", label.text.casefold(), "field"))
            if not opened and not label.value:
                text = f"open the list of {quoted(label.text)} to choose what the document is"
                found.append(Option("click", text, label.text, label.window, True, score=score, at=-1))
            elif opened:
                found += item_options(screen, label, [*kinds, *documents], done, score)
            continue
        if pair is not None:
            fact, _ = pair
            slot = Slot(label.text, question_for(label.text), numeric=looks_numeric(label.text))
            text = f"type the document's {fact} into {quoted(label.text)}"
            found.append(Option("type", text, label.text, label.window, True, slots=(slot,), score=score, at=-1))
        elif answer:  # the user answered the question about this field: type it, in the form's order
            slot = Slot(label.text, question_for(label.text), secret=looks_secret(label.text))
            text = f"type the user's answer into {quoted(label.text)}"
            found.append(Option("type", text, label.text, label.window, True, slots=(slot,), score=score, at=-1))
        elif answer is None and not label.value and not looks_secret(label.text):
            slot = Slot(label.text, question_for(label.text), users_own=True)
            text = f"ask the user for {quoted(label.text)} (empty; the document does not say)"
            # A field the request names ("fill in the attendees") is the question the user expects first.
            named_here = names_field(request, label.text)
            asks.append(Option("ask", text, label.text, label.window, slots=(slot,), score=OFFER_MIN + 2 + named_here))
    # Questions only once what the document gives is in: a tiny model offered them beside the
    # first field asked for the PIN at once (and took the answer meant for the attendees).
    pending = any(o.step is not None and not done.was_done(o.step) for o in found if not o.group)
    buttons = submit_options(screen, done)
    pressed = any(done.was_done(("click", lb.text.casefold(), "")) for lb in form_buttons(screen))
    submitted = screen.dialog is not None or pressed  # the form is filed: its emptied fields ask nothing
    # When the request names the fields to fill ("fill in the attendees"), only those are asked about.
    named = [o for o in asks if o.score > OFFER_MIN + 2]
    asks = named or asks
    return found + ([] if pending or submitted else asks) + buttons


def names_field(request: str, label: str) -> bool:
    """Whether every word of a field's label occurs in the request ("the attendees" names "Attendees:")."""
    wanted = re.findall(r"\w+", label.casefold())
    said = set(re.findall(r"\w+", request.casefold()))
    return bool(wanted) and all(w in said or w.rstrip("s") in said or w + "s" in said for w in wanted)


def item_options(
    screen: ScreenReading, field: Label, hints: Sequence[str], done: DoneSoFar, score: float
) -> list[Option]:
    """The items of ``field``'s open list, as one choice for the model, the best name for
    what the document paid for first (by meaning: models/expense_kind.py); without that,
    those sharing a word with the document's kind or text first. An order, never the answer."""
    buttons = {lb.text.casefold() for lb in screen.of_role("button", "menu")}
    if any(step[0] == "click" and not step[2] and step[1] not in buttons for step in done.done):
        return []  # an item was chosen once the list was open: the list is closed now
    items = list_items(screen, field)
    said = [w.text for hint in hints for w in tokens(hint)]

    def hinted(item: Label) -> bool:
        return any(same_word(w.text, h) for w in tokens(item.text) for h in said) or any(
            item.text.casefold() in hint.casefold() for hint in hints if not item.text.isascii()
        )

    ordered = by_meaning(items, hints) or sorted(items, key=lambda item: not hinted(item))
    return [
        Option(
            "click",
            f"choose {quoted(item.text)} in the list of {quoted(field.text)}",
            item.text,
            item.window,
            score=score - i / 1000,
            at=-1,
            group=f"items of {field.text}",
        )
        for i, item in enumerate(ordered)
    ]


BOUGHT = "Bought: "  # the line automation.documents.read.Document.for_policy writes: vendor; items


def by_meaning(items: list[Label], documents: Sequence[str]) -> list[Label]:
    """``items`` ordered by how well each names what the documents say was bought; []
    when no document says, or the sentence model is not installed."""
    bought = [
        part
        for text in documents
        for line in text.splitlines()
        if line.startswith(BOUGHT)
        for part in line[len(BOUGHT) :].split("; ")
    ]
    if not bought or not items:
        return []
    try:
        ranked = rank_items(bought, [item.text for item in items])
    except ModelUnavailable:
        return []
    place = {text: i for i, (text, _) in enumerate(ranked)}
    return sorted(items, key=lambda item: place.get(item.text, len(place)))


def list_items(screen: ScreenReading, field: Label) -> list[Label]:
    """The column of labels an open list shows under ``field``: starting just below its
    row, right of its label, aligned with the first of them, each close under the last."""
    under = sorted(
        (
            lb
            for lb in screen.of_role("text")  # items are plain text: an outlined label is a button of the form
            if lb.window == field.window and lb.box.y > field.box.bottom - 2 and lb.box.x >= field.box.right - 4
        ),
        key=lambda lb: (lb.box.y, lb.box.x),
    )
    if not under:
        return []
    column = [under[0]]
    for lb in under[1:]:
        if abs(lb.box.x - column[0].box.x) <= ITEM_ALIGN and lb.box.y - column[-1].box.bottom <= 2 * lb.box.h:
            column.append(lb)
    return column


def form_buttons(screen: ScreenReading) -> list[Label]:
    """The buttons of the form (not a dialog's), in the bottom row that holds any, left to right."""
    buttons = [lb for lb in screen.of_role("button") if screen.dialog is None or lb.window != screen.dialog]
    if not buttons:
        return []
    bottom = max(lb.box.y for lb in buttons)
    row = [lb for lb in buttons if abs(lb.box.y - bottom) <= ROW]
    return sorted(row, key=lambda lb: lb.box.x)


def affirmative(label: str, meaning: Sequence[WordAt] = ()) -> bool:
    """A button that goes ahead: committing by the trust rule (automation.commit_rule), or
    named with a verb of ``meaning`` (the question a dialog asks: "Register this entry?")."""
    return commits(Click(Target(label)), COMMIT_RULE) or any(
        same_word(w.text, m.text) for w in tokens(label) for m in meaning
    )


def submit_options(screen: ScreenReading, done: DoneSoFar) -> list[Option]:
    """The form's own buttons once its fields are filled, as one choice for the model (its
    primary action, whatever its word: OK, Post, Send for approval, Book), then the yes
    of the question it asks."""
    buttons = form_buttons(screen)
    submitted = any(done.was_done(("click", lb.text.casefold(), "")) for lb in buttons)
    if screen.dialog is None and not submitted:
        ordered = sorted(buttons, key=lambda lb: not affirmative(lb.text))  # a hint for the order only
        return [
            Option(
                "click",
                f"click {quoted(lb.text)}, a button of the form",
                lb.text,
                lb.window,
                score=FACT - 0.9 - i / 1000,
                at=LAST,  # after every value, the document's and the request's
                group=FORM_BUTTONS,
            )
            for i, lb in enumerate(ordered)
        ]
    if screen.dialog is not None and done.acted:
        answers = [lb for lb in screen.of_role("button", "text") if lb.window == screen.dialog]
        asked = [w for lb in screen.of_role("prose") if lb.window == screen.dialog for w in content(tokens(lb.text))]
        ordered = sorted(answers, key=lambda lb: not affirmative(lb.text, asked))
        return [
            Option(
                "click",
                f"click {quoted(lb.text)} in the dialog",
                lb.text,
                lb.window,
                score=FACT - i / 1000,
                at=-1,
                group="the dialog's buttons",
            )
            for i, lb in enumerate(ordered)
            if len(lb.text.split()) <= MAX_BUTTON_WORDS
        ]
    return []
