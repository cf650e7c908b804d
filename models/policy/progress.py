"""What the history says is already done, what failed, and what the user answered.

A step is named by what it did, not by its wording: ("click", "submit", False),
("type", "amount"), ("key", "escape"), ("skill", "file_expense"). Answers are
paired with the questions in the history in order, so each answer fills the
parameter its question asked for.

A read-only combo box looks like an entry: clicking it to type opens its list, and
the keys go nowhere. When the text just typed into a field shows as an item under
that field, the step is taken for what it did: it opened the field's list.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from dataclasses import field as default_of

from automation.decisions import HELD_BACK, SCREEN_DISAGREES, Act, Ask, Decision, Done, RunSkill, Turn
from automation.types import Click, Key, TypeText
from models.policy.screen import ScreenReading

StepName = tuple[str, ...]

# How an option that closes a message box says what it said; the history reads it back.
ABOUT = "to close the message "
QUOTED = re.compile(r'^"(.*)"$')


def message_about(reason: str) -> str:
    """What a closed message box said ("Amount is required."), from the step's reason."""
    _, sep, rest = reason.partition(ABOUT)
    m = QUOTED.match(rest.strip()) if sep else None
    return m.group(1) if m else ""


def step_of(decision: Decision) -> StepName | None:
    if isinstance(decision, RunSkill):
        return ("skill", decision.name)
    if not isinstance(decision, Act):
        return None
    action = decision.action
    if isinstance(action, Click):
        return ("click", action.target.label.casefold(), "field" if action.target.field else "")
    if isinstance(action, TypeText):
        return ("type", action.into.label.casefold() if action.into else "")
    if isinstance(action, Key):
        return ("key", action.combo.casefold())
    return None


@dataclass(frozen=True)
class DoneSoFar:
    done: Counter[StepName]  # steps that worked, with how many times
    failed: frozenset[StepName]  # steps that were tried and did not work (and never worked)
    answers: dict[str, str]  # parameter (casefolded) -> the user's answer
    acted: bool  # anything was done at all
    typed: tuple[tuple[str, str], ...] = ()  # (field casefolded, text) typed successfully, in order
    # Each closed message box: what it said, and the steps done before it was closed.
    messages: tuple[tuple[str, Counter[StepName]], ...] = ()
    warned: tuple[str, ...] = ()  # fields a closed message named, not typed into since (see dialogs.py)
    # The windows each step worked in ("" when its action named none).
    places: dict[StepName, frozenset[str]] = default_of(default_factory=dict)
    given: frozenset[str] = frozenset()  # the values (casefolded) given to skills that ran

    def was_done(self, step: StepName) -> bool:
        return self.done[step] > 0

    def was_done_in(self, step: StepName, window: str) -> bool:
        """``was_done``, in ``window``: the toolbar's "Add" that opened HomeBank's "Add transaction"
        is not the dialog's "Add" that files it. A step whose action named no window counts anywhere."""
        where = self.places.get(step, frozenset())
        return self.was_done(step) and (not where or "" in where or window in where)


def progress(history: Sequence[Turn], answers: Sequence[str]) -> DoneSoFar:
    done: Counter[StepName] = Counter()
    failed: set[StepName] = set()
    typed: list[tuple[str, str]] = []
    paired: dict[str, str] = {}
    remaining = list(answers)
    messages: list[tuple[str, Counter[StepName]]] = []
    places: dict[StepName, frozenset[str]] = {}
    given: set[str] = set()
    for turn in history:
        if isinstance(turn.decision, Done) and not turn.ok:
            for again in undone_by_check(turn.outcome, done):
                del done[again]  # the goal check says the screen does not show it: it is to do again
            continue
        if isinstance(turn.decision, Act) and not turn.ok and turn.outcome.startswith(HELD_BACK + SCREEN_DISAGREES):
            # a commit the loop held back (nothing sent) for a field showing another value: not a
            # failed step (it is offered again), and the step that set that field is to do again
            for again in undone_by_check(turn.outcome, done, filed=False):
                del done[again]
            continue
        if isinstance(turn.decision, Ask):
            if remaining:
                paired[turn.decision.param.casefold()] = remaining.pop(0)
            continue
        step = step_of(turn.decision)
        if step is None:
            continue
        if turn.ok:
            done[step] += 1
            places[step] = places.get(step, frozenset()) | {window_of(turn.decision)}
            if isinstance(turn.decision, Act) and isinstance(turn.decision.action, TypeText):
                typed.append((step[1], turn.decision.action.text))
            if isinstance(turn.decision, RunSkill):
                given |= {v.casefold() for v in turn.decision.args.values()}
            said = message_about(turn.decision.reason) if isinstance(turn.decision, Act) else ""
            if said:
                messages.append((said, Counter(done)))
        else:
            failed.add(step)
    return DoneSoFar(
        done,
        frozenset(failed - set(done)),
        paired,
        bool(done),
        tuple(typed),
        tuple(messages),
        places=places,
        given=frozenset(given),
    )


def window_of(decision: object) -> str:
    """The window an act's action named, "" when none."""
    action = decision.action if isinstance(decision, Act) else None
    if isinstance(action, Click):
        return action.target.window or ""
    if isinstance(action, TypeText):
        return (action.into.window if action.into is not None else None) or action.window or ""
    return ""


def undone_by_check(outcome: str, done: Counter[StepName], filed: bool = True) -> list[StepName]:
    """The steps a rejected "finished" shows were not carried out: typing into (or opening the
    list of) each field the screen shows empty. Nothing else is redone after a "finished":
    the form may have been filed with the wrong value, and a form filed once must not be filed
    twice (a button never pressed is offered anyway). The item the field should show, if it was
    clicked, is to choose again with it. Before a commit held back (``filed``
    False: nothing was sent) a field showing another value is redone too: its list opened
    and an item chosen again, or typed over (the loop types over a field typed into before)."""
    parts = outcome.split(SCREEN_DISAGREES, 1)[-1].split("; ")
    if any(p.startswith("not submitted after") for p in parts):
        return []  # the form was filed before the last value went in: typing again files nothing
    undone = []
    for part in parts:
        field, sep, rest = part.partition(": '")
        wrong = not filed and " not shown (it shows " in rest
        if sep and (rest.endswith("not shown (it is empty)") or wrong):
            name, value = bare(field), rest.partition("' not shown")[0].casefold()
            undone += [s for s in done if s[0] in ("type", "click") and bare(s[1]) == name and (s[0] == "type" or s[2])]
            undone += [s for s in done if s[0] == "click" and not s[2] and s[1] == value]  # its item, chosen again
    return undone


def bare(label: str) -> str:
    """A field's label as the goal check and the steps both name it: "Currency:" is "currency"."""
    return label.casefold().strip().rstrip(":：").strip()


def typed_into_a_list(done: DoneSoFar, screen: ScreenReading) -> DoneSoFar:
    """``done`` with the last typing counted as opening its field's list, when the text
    it typed shows as an item under that field (the keys went nowhere)."""
    if not done.typed:
        return done
    field, text = done.typed[-1]
    label = next((lb for lb in screen.of_role("field") if lb.text.casefold() == field), None)
    if label is None or not text.strip():
        return done
    listed = any(
        lb.text.casefold() == text.strip().casefold() and lb.box.y > label.box.bottom and lb.box.x > label.box.right
        for lb in screen.of_role("text", "button")
    )
    if not listed:
        return done
    steps = Counter(done.done)
    steps[("type", field)] -= 1
    steps[("click", field, "field")] += 1
    return replace(done, done=+steps, typed=done.typed[:-1])


def consume(sequence: Sequence[StepName], done: Counter[StepName]) -> int:
    """How many steps of an ordered ``sequence`` (keys on a keypad) the history did,
    taking each done step once: "7 times 7" needs two clicks of "7"."""
    left = Counter(done)
    count = 0
    for step in sequence:
        if left[step] <= 0:
            break
        left[step] -= 1
        count += 1
    return count
