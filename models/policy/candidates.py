"""The numbered options a model chooses from, built in code from the situation.

Tiny models pick well from a short list and badly from a blank page, so code does
the reading (options.py: what the request could mean on this screen) and this
module the ordering. Four choices are always at hand: ask the user, not possible,
finished (once something was done), and "not about the screen" (for a request
only half explained).

Order is the plan: the options the request asks for, in the order it asks for
them, minus what the history shows done; only the next of them is shown, then
weaker readings, then the fallbacks. A control the request says to leave alone is
offered no step at all (the goal check fails a run that works it). When nothing is left to do "finished" comes
first; when the request names nothing on screen but is about working the screen,
"not possible" does. ``related`` measures how much of the request the screen, the
skills and the words of working a user interface explain: below 0.5 "not about
this screen" is offered, first when nothing else is. It only orders the options:
the model sees every request (a word-overlap gate refused requests whose words
the screen did not share, among them a skill just demonstrated, with no model call).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from automation.decisions import Situation
from automation.skill_card import SkillCard
from automation.types import Element
from automation.value_words import told_to_leave, wanted_mark
from models.policy.dialogs import after_messages, dialog_options, refill_options
from models.policy.facts import HINTS_ONLY, Facts, files_document, filing_verb_dropped, named_facts
from models.policy.files import file_name_options
from models.policy.matching import skill_vocabulary
from models.policy.options import (
    OFFER_MIN,
    PLAN_MIN,
    Option,
    click_options,
    done_words,
    fact_options,
    field_options,
    glued_words,
    key_options,
    keyboard_option,
    keypad_options,
    menu_hints,
    party_options,
    skill_options,
    unnamed_number_options,
    value_words,
)
from models.policy.progress import DoneSoFar, StepName, progress, typed_into_a_list
from models.policy.screen import read
from models.policy.words import COMMANDS, STOPWORDS, UI_WORDS, WordAt, same_word, tokens

MAX_SPECIFIC = 5  # options besides the fixed ones


@dataclass(frozen=True)
class Menu:
    options: tuple[Option, ...]  # best first; the four fixed choices included
    related: float  # 0-1: how much of the request the screen and skills explain
    planned: int  # how many options the request asks for and are not done yet


def explained_share(
    words: list[WordAt],
    values: set[int],
    options: list[Option],
    cards: tuple[SkillCard, ...],
    done: frozenset[int] = frozenset(),
) -> float:
    """The share of the request's meaningful words that the options, the skills' words or the steps
    already ``done`` (a field whose item was chosen is offered no more) explain."""
    meaningful = [i for i, w in enumerate(words) if i not in values and any(c.isalpha() for c in w.text)]
    meaningful = [i for i in meaningful if words[i].text not in STOPWORDS]
    strong = [o for o in options if o.score >= PLAN_MIN]
    if not meaningful:
        return 1.0 if strong else 0.0
    used = set(done).union(*(o.used for o in strong)) if strong else set(done)
    vocabulary = set().union(*(skill_vocabulary(c) for c in cards)) if cards else set()

    def explained(i: int) -> bool:
        text = words[i].text
        return i in used or any(same_word(text, u) for u in UI_WORDS) or any(same_word(text, v) for v in vocabulary)

    return sum(explained(i) for i in meaningful) / len(meaningful)


def same_effect(step: StepName) -> list[StepName]:
    """Steps that leave the same result: a field is filled by typing into it or by
    choosing from its list."""
    if step[0] == "type" and step[1]:
        return [step, ("click", step[1], "field")]
    if step[:1] == ("click",) and step[2] == "field":
        return [step, ("type", step[1])]
    return [step]


def numbers_typed(fields: list[Option], done: DoneSoFar) -> set[str]:
    """The numbers the request gives a field ("3 as the nights"), while typing them there has not
    failed (a drop-down list takes no keys: then its item is clicked after all)."""
    return {
        o.value.casefold()
        for o in fields
        if o.kind == "type" and any(c.isdigit() for c in o.value) and o.step not in done.failed
    }


def elsewhere_than_typed(clicks: list[Option], typed: set[str]) -> list[Option]:
    """``clicks`` without those on a number that is the number the request gives a field: "3 as
    the nights" is typed into the nights, not clicked as a calendar's day "3" (zenity's travel
    form). A name stays clickable: typing it may have opened the field's list, whose item it is."""
    return [o for o in clicks if o.label.casefold() not in typed]


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


def later_part(option: Option, steps: list[Option]) -> bool:
    """Whether ``option`` reads only words of the next step, starting later in the request:
    a later piece of it (the "8" of "calculate 7 times 8"), never another way to take it."""
    return bool(steps) and bool(option.used) and option.used <= steps[0].used and option.at > steps[0].at


def field_word(option: Option, steps: list[Option]) -> bool:
    """Whether ``option`` clicks a button named only by words a field of the plan is named by:
    "wang.wei as the username, Red-Owl-77 as the password" names the fields Username and
    Password, not the toolbar's "Copy Username" and "Password Generator" beside the first step;
    offered there, the default model clicked the generator (KeePassXC's entry form)."""
    if option.kind != "click" or option.field or not option.used:
        return False
    fields = [s for s in steps if s.kind == "type" or s.field]
    return bool(fields) and option.used <= frozenset().union(*(s.used for s in fields))


def ask_option(first: Option | None, answered: dict[str, str]) -> Option:
    """Ask for the first value the leading option still lacks, else what the user means (a
    leading option that is itself a question is not offered twice)."""
    lacking = first.slots if first is not None and first.kind != "ask" else ()
    slot = next((s for s in lacking if s.name.casefold() not in answered), None)
    if slot is not None:
        return Option("ask", f"ask the user for the {slot.name}", slots=(slot,))
    return Option("ask", "ask the user what they mean")


IMPOSSIBLE = Option("impossible", "say it cannot be done on this screen")
FINISHED = Option("done", "say everything the request asks is already done")
NOT_ABOUT_SCREEN = Option("reply", "say the request is not about this screen")


def stuck_on(words: list[WordAt], history: frozenset[int], candidates: list[Option]) -> list[int]:
    """Commands the request names ("send", "print") that the history did not do and no
    option leads to, on screen or by convention: the part of the request that cannot be done."""
    reachable = set().union(*(o.used for o in candidates if o.score >= OFFER_MIN)) if candidates else set()
    return [
        i
        for i, w in enumerate(words)
        if i not in history and i not in reachable and any(same_word(w.text, c) for c in COMMANDS)
    ]


def arrange(steps: list[Option], others: list[Option], done: DoneSoFar, related: float, stuck: bool) -> list[Option]:
    """The options in the order the model sees them.

    Only the next step of a plan is shown: a tiny model asked to choose among all
    the steps of "type 42.50 and submit" picks a later one as often as the next.
    Then other readings of the request, then the fallbacks that can apply:
    "finished" only once something was done, "not about the screen" only when
    the request is half explained (below that the policy replies without asking).

    "Not possible" is left out while a step of the plan can be taken: a request
    often names commands the screen shows only later ("choose Lodging ... and
    export it" needs the list open, then the File menu), and a tiny model shown
    "not possible" beside a step that only starts the request picks it. Once the
    steps run out, it comes first when a command the request names is still
    undone and nothing leads to it ("... and send it by email")."""
    head = steps[:1]
    if head and head[0].group:  # one choice among several options: a list's items, a form's buttons
        head = [o for o in steps if o.group == head[0].group][:MAX_SPECIFIC]
    others = others[: max(MAX_SPECIFIC - len(head), 1)]
    ask = ask_option(head[0] if head else None, done.answers)
    if head:  # "finished" is not offered while a planned step is left: tiny models pick it too often
        order = [*head, *others, ask]
    elif done.acted and stuck:
        order = [IMPOSSIBLE, *others, ask, FINISHED]
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


def left_alone(option: Option, request: str) -> bool:
    """Whether ``option`` works a control ``request`` says to leave alone (automation.value_words:
    the same reading the goal check fails a run by)."""
    return bool(option.label) and told_to_leave(request, option.label)


def already_set(option: Option, request: str, elements: Sequence[Element]) -> bool:
    """Whether ``option`` clicks a check box that already shows the state the request wants it in."""
    if option.kind != "click" or option.field or not option.label:
        return False
    marks = [e for e in elements if e.kind == "check" and e.label.strip()]
    boxes = [e for e in marks if e.label.strip().casefold() == option.label.strip().casefold()]
    if len(boxes) != 1 or boxes[0].checked is None:
        return False
    others = [e.label for e in marks if e is not boxes[0]]
    return wanted_mark(request, boxes[0].label, others) == boxes[0].checked


def read_numbers(request: str, facts: Facts) -> list[str]:
    """The numbers of attached documents' values the request names ("the receipt's total")."""
    return [v for f, v in named_facts(request, facts) if f not in HINTS_ONLY and f != "date"]


def build(situation: Situation) -> Menu:
    request = situation.request
    words = tokens(request)
    if situation.facts:
        words = filing_verb_dropped(request, words)
    screen = read(situation.observation)
    done = after_messages(typed_into_a_list(progress(situation.history, situation.answers), screen), screen)
    glued = glued_words(request, words)
    values = value_words(request, words, screen) | glued

    fields = field_options(screen, words, done, request, situation.facts)
    typed = numbers_typed(fields, done)
    found = [
        *fields,
        *elsewhere_than_typed(click_options(screen, words), typed),
        *dialog_options(screen, words, done),
        *(naming := file_name_options(screen, request, words, done)),
        *key_options(request, words),
        *(keyboard_option(words, fields) if screen.windows else []),  # with no window, keys go nowhere
        *unnamed_number_options(screen, request, words, fields, done, read_numbers(request, situation.facts)),
        *party_options(screen, request, words, done),
        *keypad_options(screen, words, done, typed),
        *(skills := skill_options(situation.skills, words, values)),
    ]
    found = [o for o in found if not (o.kind == "click" and not o.field and o.used and o.used <= glued)]
    found += refill_options(screen, done, found)
    if naming:  # the folder goes into the name box as a path: the dialog's other boxes are not the request's
        found = [o for o in found if not (o.field and o.window == screen.dialog and o.label != naming[0].label)]
    filing: list[Option] = []
    if files_document(request) and not any(o.score >= PLAN_MIN for o in skills):  # a skill that files it fills its own
        filing = fact_options(screen, situation.facts, done, situation.documents, situation.request)
        found += filing
    # "I want to reimburse" with a receipt attached is all about the form that takes it.
    related = 1.0 if filing else explained_share(words, values, found, situation.skills, done_words(done, words))
    found += menu_hints(screen, words)

    history = done_words(done, words)
    best: dict[StepName | str, Option] = {}
    for option in found:
        if option.score <= 0:
            continue
        step = option.step
        # in a dialog, only what was done in it: the window's "Add" that opened it is not its own "Add"
        in_dialog = screen.dialog is not None and option.window == screen.dialog
        if (
            step is not None
            and not option.repeatable
            and any(done.was_done_in(s, option.window) if in_dialog else done.was_done(s) for s in same_effect(step))
        ):
            continue
        if option.used and option.used <= history and not option.repeatable:
            continue  # it reads only words the history already did: "100%" after typing 100
        if step is not None and step in done.failed:
            option = replace(option, score=option.score - 60)
        key: StepName | str = step if step is not None else option.text
        old = best.get(key)
        win, lose = (option, old) if old is None or old.score < option.score else (old, option)
        if lose is not None and lose.group and not win.group:
            # the same click read two ways: it stays one of its choice (the form's buttons, a list's items)
            win = replace(lose, used=lose.used | win.used)
        elif lose is not None and not win.group:
            # the same step read two ways ("File" named in "this file", and the menu that holds "save"):
            # it explains both readings' words and comes where the earlier one asks for it
            win = replace(win, used=win.used | lose.used, at=min(win.at, lose.at))
        best[key] = win
    candidates = list(best.values())
    # "leave the city empty and ...", "do not tick Urgent, ...": the request names the control, and
    # its words are explained by it, but working it goes against the request (the goal check fails
    # such a run): no step on it is offered at all, so neither the model nor the first option takes it
    wanted = [o for o in candidates if not left_alone(o, request)]
    # "tick Urgent" on a box already ticked: a click would clear it, and the box shows the goal met
    wanted = [o for o in wanted if not already_set(o, request, situation.observation.elements)]

    steps = plan(wanted)
    others = sorted(
        (
            o
            for o in wanted
            if o not in steps and o.score >= OFFER_MIN and not later_part(o, steps) and not field_word(o, steps)
        ),
        key=lambda o: (-o.score, o.at),
    )
    stuck = bool(stuck_on(words, history, candidates))
    ordered = arrange(steps, others, done, related, stuck)
    return Menu(tuple(ordered), related, len(steps))
