"""Per-task limits of the task evaluation: steps and wall seconds, per condition.

The free-form baseline is about ten times slower than the option pipeline (it writes a
whole action per step and most of its steps fail to ground), so it gets a tighter cap.
A task that reaches its time cap is stopped before its next decision and counted as a
failure with the status "capped"; one that reaches its step cap ends "step_limit", also a
failure. A decision under way is never cut: the wall time reported is what was spent.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from automation.decisions import Ask, Decision, Impossible, Situation
from automation.protocols import Policy


@dataclass(frozen=True)
class Cap:
    steps: int
    seconds: float


OPTION_PIPELINE = Cap(steps=12, seconds=240.0)  # as `deskhand do` (12 steps); a guard against a hung run
FREE_FORM = Cap(steps=5, seconds=30.0)


def cap_for(condition: str) -> Cap:
    return FREE_FORM if condition == "free-form" else OPTION_PIPELINE


class CappedPolicy:
    """``policy``, answering "not possible" once ``seconds`` have passed since the task started.

    It also keeps every question the policy asked: a run that ends waiting for an answer
    ends on a question that is in no turn of its history."""

    REASON = "the task's time cap was reached"

    def __init__(self, policy: Policy, seconds: float) -> None:
        self.policy = policy
        self.deadline = time.monotonic() + seconds
        self.capped = False
        self.asked: list[Ask] = []

    def decide(self, situation: Situation) -> Decision:
        if time.monotonic() >= self.deadline:
            self.capped = True
            return Impossible(self.REASON)
        decision = self.policy.decide(situation)
        if isinstance(decision, Ask):
            self.asked.append(decision)
        return decision
