"""Stand-ins for unit tests of logic: a language model that answers what it is told,
and a policy that decides what it is told. Both record what they were given.

    model = CannedModel()
    model.enqueue('{"option": 2}', '{"amount": "42.50"}')
    policy = ModelPolicy(model)
"""

from __future__ import annotations

import json
from collections import deque
from typing import Any

from automation.decisions import Decision, Situation
from automation.errors import ModelUnavailable
from automation.protocols import Policy
from automation.registry import register
from models.language import Completion, Prompt


def fits(value: Any, schema: dict[str, Any]) -> bool:
    """Whether ``value`` fits the parts of a JSON schema the policy uses (enough for a fake)."""
    if "enum" in schema:
        return value in schema["enum"]
    if schema.get("type") == "object":
        props = schema.get("properties", {})
        if not isinstance(value, dict) or not set(schema.get("required", [])) <= set(value):
            return False
        if schema.get("additionalProperties") is False and not set(value) <= set(props):
            return False
        return all(fits(v, props[k]) for k, v in value.items() if k in props)
    if schema.get("type") == "string":
        return isinstance(value, str) and len(value) <= schema.get("maxLength", len(value))
    return True


class CannedModel:
    """A ``LanguageModel`` that answers with enqueued texts, in order.

    An answer that does not fit the prompt's schema is refused at once (a real
    backend's grammar could never produce it), and so is a prompt with nothing left
    to answer: a test learns about an unexpected model call immediately."""

    name = "canned"

    def __init__(self, *answers: str) -> None:
        self._answers: deque[str] = deque(answers)
        self.prompts: list[Prompt] = []

    def enqueue(self, *answers: str) -> None:
        self._answers.extend(answers)

    def complete(self, prompt: Prompt) -> Completion:
        self.prompts.append(prompt)
        if not self._answers:
            raise ModelUnavailable(self.name, "no answer was enqueued for this prompt")
        text = self._answers.popleft()
        if prompt.schema is not None and not fits(json.loads(text), prompt.schema):
            raise ValueError(f"canned answer {text!r} does not fit the prompt's schema {prompt.schema}")
        words = sum(len(m.content.split()) for m in prompt.messages)
        return Completion(
            text, prompt_tokens=words, completion_tokens=len(text.split()), seconds=0.001, model=self.name
        )

    @property
    def left(self) -> int:
        return len(self._answers)


@register(Policy, "scripted")
class ScriptedPolicy:
    """A ``Policy`` that returns enqueued decisions in order, for tests of the agent loop;
    registered the way real backends are, so the registry's protocol check covers it."""

    def __init__(self, *decisions: Decision) -> None:
        self._decisions: deque[Decision] = deque(decisions)
        self.situations: list[Situation] = []

    def enqueue(self, *decisions: Decision) -> None:
        self._decisions.extend(decisions)

    def decide(self, situation: Situation) -> Decision:
        self.situations.append(situation)
        if not self._decisions:
            raise AssertionError(f"no decision was enqueued for {situation.request!r}")
        return self._decisions.popleft()
