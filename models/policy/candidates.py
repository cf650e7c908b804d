"""The numbered options a model chooses from, built in code from the situation.

Tiny models pick well from a short list and badly from a blank page, so code does
the reading: screen labels named by the request become "click" options, field
labels "type into" (and "open the list of") options, key names "press" options,
a calculator's keys a planned sequence, and skills whose own words explain the
request "run skill" options. Four choices are always there: ask the user, not
possible, finished, and "not about the screen".

Order is the plan: options the request asks for, in the order it asks for them,
minus what the history shows done, then weaker candidates. When nothing is left
to do the "finished" choice comes first; when the request names nothing on screen
but is about working the screen, "not possible" does. ``related`` measures how
much of the request the screen, the skills and the words of working a user
interface explain: below UNRELATED the policy answers without acting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from automation.agent.decisions import Situation
from automation.types import SkillCard
from models.policy.matching import match_label, skill_coverage, skill_vocabulary
from models.policy.progress import Progress, Step, consume, progress
from models.policy.screen import Screen, read
from models.policy.values import Slot, looks_numeric, looks_secret, question_for
from models.policy.words import STOPWORDS, SYMBOL_WORDS, UI_VERBS, UI_WORDS, Word, content, same_word, tokens, wordset

OptionKind = Literal["click", "type", "key", "skill", "ask", "impossible", "done", "reply"]

PLAN_MIN = 60.0  # a candidate this strong is something the request asks for
HINT = 65.0  # a menu named by convention: planned, but below anything the screen shows by name
OFFER_MIN = 50.0  # weaker candidates are not offered at all
SKILL_MIN = 0.4  # share of the request a skill must explain to be offered
SKILL_WORDS = 2  # and at least this many of its words: "the claim" alone is not filing one
UNRELATED = 0.34  # below this share of explained words, the request is not about the screen
MAX_SPECIFIC = 5  # options besides the four fixed ones
NOWHERE = 10_000

CHOOSE_VERBS = wordset("choose select pick")
TYPE_VERBS = wordset("type enter input")
NEGATIONS = wordset("no not don't dont cancel never stop abort nope")
AFFIRMATIONS = wordset("yes ok okay sure confirm go ahead")
YES_BUTTONS = wordset("yes ok okay submit save confirm continue accept apply send")
NO_BUTTONS = wordset("no cancel discard close")
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

    @property
    def step(self) -> Step | None:
        if self.kind == "click":
            return ("click", self.label.casefold(), "field" if self.field else "")
        if self.kind == "type":
            return ("type", self.label.casefold())
        if self.kind == "key":
            return ("key", self.combo.casefold())
        if self.kind == "skill" and self.skill is not None:
            return ("skill", self.skill.name)
        return None


@dataclass(frozen=True)
class Menu:
    options: tuple[Option, ...]  # best first; the four fixed choices included
    related: float  # 0-1: how much of the request the screen and skills explain
    planned: int  # how many options the request asks for and are not done yet

    @property
    def unrelated(self) -> bool:
        return self.related < UNRELATED


def quoted(text: str) -> str:
    return '"' + text.replace('"', "'") + '"'


def value_words(request: str, words: list[Word], screen: Screen) -> set[int]:
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


def field_options(screen: Screen, words: list[Word], done: Progress) -> list[Option]:
    """ "type into" a field the request names; "open the list of" it as well when the
    request chooses rather than types, or typing into it already failed (a read-only
    combo box ignores keys)."""
    choose = any(w.text in CHOOSE_VERBS for w in words)
    found = []
    for label in screen.of_role("field"):
        m = match_label(label.text, words)
        if m.score < OFFER_MIN:
            continue
        numeric, secret = looks_numeric(label.text), looks_secret(label.text)
        slot = Slot(label.text, question_for(label.text), numeric=numeric, secret=secret)
        found.append(
            Option(
                "type",
                f"type into {quoted(label.text)}",
                label.text,
                label.window,
                True,
                slots=(slot,),
                score=m.score,
                at=m.at,
                used=m.used,
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


def click_options(screen: Screen, words: list[Word]) -> list[Option]:
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


def menu_hints(screen: Screen, words: list[Word]) -> list[Option]:
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


def dialog_options(screen: Screen, words: list[Word]) -> list[Option]:
    """The buttons of the dialog in front: yes-like when the request agrees, no-like when it refuses."""
    if screen.dialog is None:
        return []
    said = {w.text for w in words}
    prose = {w.text for lb in screen.labels if lb.role in ("text", "prose") for w in content(tokens(lb.text))}
    refuses = bool(said & NEGATIONS)
    agrees = bool(said & AFFIRMATIONS) or any(same_word(w.text, p) for w in content(words) for p in prose)
    found = []
    for label in screen.of_role("button", "text"):
        name = label.text.casefold()
        wanted = (name in NO_BUTTONS and refuses) or (name in YES_BUTTONS and agrees and not refuses)
        if name in NO_BUTTONS | YES_BUTTONS:
            found.append(
                Option(
                    "click",
                    f"click {quoted(label.text)} in the dialog",
                    label.text,
                    label.window,
                    score=100.0 if wanted else 30.0,
                    at=0 if wanted else NOWHERE,
                )
            )
    return found


def key_options(request: str, words: list[Word]) -> list[Option]:
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


def keyboard_option(words: list[Word], fields: list[Option]) -> list[Option]:
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


def keypad_options(screen: Screen, words: list[Word], done: Progress) -> list[Option]:
    """On a calculator, the request's numbers and operators as keys in order; the next one is offered."""
    if not screen.keypad:
        return []
    said = {w.text for w in words}
    operators = [w for w in words if w.text in SYMBOL_WORDS or w.text in "*+-=÷"]
    if not operators and not said & KEYPAD_VERBS:
        return []
    keys: list[tuple[str, int, int]] = []  # (label, request offset, word index)
    for i, w in enumerate(words):
        if w.text[0].isdigit():
            keys += [(c, w.start, i) for c in w.text if c.isdigit() or c == "."]
        elif w.text in SYMBOL_WORDS or w.text in "*+-=÷":
            keys.append((SYMBOL_WORDS.get(w.text, w.text), w.start, i))
    if said & EQUALS_VERBS and keys and keys[-1][0] != "=":
        keys.append(("=", NOWHERE - 1, -1))
    on_screen = {lb.text: lb for lb in screen.labels if len(lb.text) == 1}
    if not keys or any(k not in on_screen for k, _, _ in keys):
        return []  # a key that cannot be read on screen cannot be pressed
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


def skill_options(cards: tuple[SkillCard, ...], words: list[Word], values: set[int]) -> list[Option]:
    found = []
    for card in cards:
        share, used = skill_coverage(card, words, values)
        if share < SKILL_MIN or len(used) < SKILL_WORDS:
            continue
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
                score=100.0 * share,
                at=min((words[i].start for i in used), default=NOWHERE),
                used=used,
            )
        )
    return found


def explained_share(words: list[Word], values: set[int], options: list[Option], cards: tuple[SkillCard, ...]) -> float:
    meaningful = [i for i, w in enumerate(words) if i not in values and any(c.isalpha() for c in w.text)]
    meaningful = [i for i in meaningful if words[i].text not in STOPWORDS]
    strong = [o for o in options if o.score >= PLAN_MIN]
    if not meaningful:
        return 1.0 if strong else 0.0
    used = set().union(*(o.used for o in strong)) if strong else set()
    vocabulary = set().union(*(skill_vocabulary(c) for c in cards)) if cards else set()

    def explained(i: int) -> bool:
        text = words[i].text
        return i in used or any(same_word(text, u) for u in UI_WORDS) or any(same_word(text, v) for v in vocabulary)

    return sum(explained(i) for i in meaningful) / len(meaningful)


def same_effect(step: Step) -> list[Step]:
    """Steps that leave the same result: a field is filled by typing into it or by
    choosing from its list."""
    if step[0] == "type" and step[1]:
        return [step, ("click", step[1], "field")]
    if step[:1] == ("click",) and step[2] == "field":
        return [step, ("type", step[1])]
    return [step]


def plan(candidates: list[Option]) -> list[Option]:
    """The strong candidates that explain different words of the request, in request order.

    Candidates that explain more words are taken first, so a skill that explains
    "file a meals expense" wins over the "File" menu that explains one word of it."""
    chosen: list[Option] = []
    taken: set[int] = set()
    for option in sorted(candidates, key=lambda o: (-len(o.used), -o.score)):
        if option.score < PLAN_MIN or option.used & taken:
            continue
        chosen.append(option)
        taken |= option.used
    return sorted(chosen, key=lambda o: (o.at, -o.score))


def ask_option(first: Option | None, answered: dict[str, str]) -> Option:
    """Ask for the first value the leading option still lacks, else what the user means."""
    slot = next((s for s in (first.slots if first else ()) if s.name.casefold() not in answered), None)
    if slot is not None:
        return Option("ask", f"ask the user for the {slot.name}", slots=(slot,))
    return Option("ask", "ask the user what they mean")


IMPOSSIBLE = Option("impossible", "say it cannot be done on this screen")
FINISHED = Option("done", "say everything the request asks is already done")
NOT_ABOUT_SCREEN = Option("reply", "say the request is not about this screen")


def arrange(steps: list[Option], others: list[Option], done: Progress, related: float) -> list[Option]:
    """The options in the order the model sees them.

    Only the next step of a plan is shown: a tiny model asked to choose among all
    the steps of "type 42.50 and submit" picks a later one as often as the next.
    Then other readings of the request, then the fallbacks that can apply:
    "finished" only once something was done, "not about the screen" only when
    the request is half explained (below that the policy replies without asking)."""
    head = steps[:1]
    others = others[: MAX_SPECIFIC - len(head)]
    ask = ask_option(head[0] if head else None, done.answers)
    if head:  # "finished" is not offered while a planned step is left: tiny models pick it too often
        order = [*head, *others, ask, IMPOSSIBLE]
    elif done.acted:
        order = [FINISHED, *others, ask, IMPOSSIBLE]
    elif related < 0.5:
        order = [NOT_ABOUT_SCREEN, *others, ask, IMPOSSIBLE]
    else:
        order = [*others, IMPOSSIBLE, ask]
    if done.acted and not head and FINISHED not in order:
        order.append(FINISHED)
    if related < 0.5 and NOT_ABOUT_SCREEN not in order:
        order.append(NOT_ABOUT_SCREEN)
    return order


def build(situation: Situation) -> Menu:
    request = situation.request
    words = tokens(request)
    screen = read(situation.observation)
    done = progress(situation.history, situation.answers)
    values = value_words(request, words, screen)

    fields = field_options(screen, words, done)
    found = [
        *fields,
        *click_options(screen, words),
        *dialog_options(screen, words),
        *key_options(request, words),
        *keyboard_option(words, fields),
        *keypad_options(screen, words, done),
        *skill_options(situation.skills, words, values),
    ]
    related = explained_share(words, values, found, situation.skills)
    found += menu_hints(screen, words)

    best: dict[Step | str, Option] = {}
    for option in found:
        if option.score <= 0:
            continue
        step = option.step
        if step is not None and not option.repeatable and any(done.was_done(s) for s in same_effect(step)):
            continue
        if step is not None and step in done.failed:
            option = replace(option, score=option.score - 60)
        key: Step | str = step if step is not None else option.text
        if key not in best or best[key].score < option.score:
            best[key] = option
    candidates = list(best.values())

    steps = plan(candidates)
    others = sorted((o for o in candidates if o not in steps and o.score >= OFFER_MIN), key=lambda o: (-o.score, o.at))
    ordered = arrange(steps, others, done, related)
    return Menu(tuple(ordered), related, len(steps))
