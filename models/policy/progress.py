"""What the history says is already done, what failed, and what the user answered.

A step is named by what it did, not by its wording: ("click", "submit", False),
("type", "amount"), ("key", "escape"), ("skill", "file_expense"). Answers are
paired with the questions in the history in order, so each answer fills the
parameter its question asked for.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from automation.agent.decisions import Act, Ask, Decision, RunSkill, Turn
from automation.types import Click, Key, TypeText

Step = tuple[str, ...]


def step_of(decision: Decision) -> Step | None:
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
class Progress:
    done: Counter[Step]  # steps that worked, with how many times
    failed: frozenset[Step]  # steps that were tried and did not work (and never worked)
    answers: dict[str, str]  # parameter (casefolded) -> the user's answer
    acted: bool  # anything was done at all

    def was_done(self, step: Step) -> bool:
        return self.done[step] > 0


def progress(history: Sequence[Turn], answers: Sequence[str]) -> Progress:
    done: Counter[Step] = Counter()
    failed: set[Step] = set()
    paired: dict[str, str] = {}
    remaining = list(answers)
    for turn in history:
        if isinstance(turn.decision, Ask):
            if remaining:
                paired[turn.decision.param.casefold()] = remaining.pop(0)
            continue
        step = step_of(turn.decision)
        if step is None:
            continue
        if turn.ok:
            done[step] += 1
        else:
            failed.add(step)
    return Progress(done, frozenset(failed - set(done)), paired, bool(done))


def consume(sequence: Sequence[Step], done: Counter[Step]) -> int:
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
