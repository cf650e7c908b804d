"""A Policy that plays back decisions, registered the way real backends are."""

from __future__ import annotations

from collections.abc import Iterable

from automation.agent.decisions import Decision, Policy, Situation
from automation.registry import register


@register(Policy, "scripted")
class ScriptedPolicy:
    def __init__(self, decisions: Iterable[Decision] = ()) -> None:
        self.queue = list(decisions)
        self.seen: list[Situation] = []

    def enqueue(self, *decisions: Decision) -> None:
        self.queue.extend(decisions)

    def decide(self, situation: Situation) -> Decision:
        self.seen.append(situation)
        if not self.queue:
            raise AssertionError(f"the scripted policy ran out of decisions at step {len(self.seen)}")
        return self.queue.pop(0)
