"""The task evaluation's baselines: what the option pipeline is compared with.

- ``FirstOption``: the default pipeline, but the choice is always option 1 (the model is
  still asked to fill values). Measures how much the model's choosing adds to the order
  code gives the options.
- ``FreeFormPolicy``: no options at all. The model reads the screen's words, the request
  and the steps so far, and writes the decision itself as JSON under a schema (kind,
  label, text); code only turns that JSON into a decision. Measures what the option
  list adds.
"""

from __future__ import annotations

import json
from typing import Any

from automation.decisions import Act, Ask, Decision, Done, Impossible, ModelCall, Reply, Situation
from automation.types import Click, Key, Target, TypeText
from models.language import Completion, LanguageModel, Message, Prompt
from models.policy.prompts import situation_text

KINDS = ["click", "type", "key", "ask", "done", "impossible", "reply"]
FREE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "kind": {"type": "string", "enum": KINDS},
        "label": {"type": "string", "maxLength": 40},
        "text": {"type": "string", "maxLength": 80},
    },
    "required": ["kind", "label", "text"],
    "additionalProperties": False,
}
FREE_SYSTEM = (
    "You help a user work the applications on their screen. You get the words on the screen, the user's "
    "request and the steps taken so far, and you write the next step as JSON: "
    '{"kind": "click", "label": WORDS ON SCREEN, "text": ""} clicks those words; '
    '{"kind": "type", "label": THE FIELD\'S LABEL, "text": WHAT TO TYPE} types into the field; '
    '{"kind": "key", "label": "", "text": "ctrl+s"} presses keys; '
    '{"kind": "ask", "label": WHAT IS MISSING, "text": THE QUESTION} asks the user for a missing value; '
    '"done" when everything asked is done; "impossible" when the screen cannot do it; '
    '"reply" when the request is not about the screen.'
)
MAX_WORDS = 120  # screen texts shown, in reading order


class FirstOption:
    """A model that always answers the choice with option 1, and fills values as the real one does."""

    def __init__(self, model: LanguageModel) -> None:
        self.model = model
        self.name = f"first-option({model.name})"

    def complete(self, prompt: Prompt) -> Completion:
        schema = prompt.schema or {}
        if schema.get("type") == "integer":  # the choice pass: models/policy/schemas.choice_schema
            return Completion("1", model=self.name)
        return self.model.complete(prompt)


def screen_words(situation: Situation) -> str:
    spans = sorted(situation.observation.spans, key=lambda s: (s.box.y // 10, s.box.x))
    return "; ".join(s.text for s in spans[:MAX_WORDS])


def call(completion: Completion) -> ModelCall:
    return ModelCall(
        purpose="free-form",
        seconds=completion.seconds,
        prompt_tokens=completion.prompt_tokens,
        completion_tokens=completion.completion_tokens,
        cached_tokens=completion.cached_tokens,
    )


class FreeFormPolicy:
    """The model writes the decision itself: no candidates, no value checks."""

    def __init__(self, model: LanguageModel) -> None:
        self.model = model

    def decide(self, situation: Situation) -> Decision:
        question = f"Screen: {screen_words(situation)}\n\n{situation_text(situation, {})}\nThe next step as JSON:"
        prompt = Prompt((Message("system", FREE_SYSTEM), Message("user", question)), schema=FREE_SCHEMA, max_tokens=80)
        completion = self.model.complete(prompt)
        calls = (call(completion),)
        try:
            raw = json.loads(completion.text)
        except json.JSONDecodeError:
            return Impossible(f"the model wrote {completion.text[:60]!r}", calls=calls)
        return decision_from(raw, calls)


def decision_from(raw: dict[str, Any], calls: tuple[ModelCall, ...]) -> Decision:
    kind, label, text = raw.get("kind"), str(raw.get("label", "")), str(raw.get("text", ""))
    if kind == "click" and label:
        return Act(Click(Target(label)), reason="free-form", calls=calls)
    if kind == "type" and text:
        return Act(TypeText(text, into=Target(label, field=True) if label else None), reason="free-form", calls=calls)
    if kind == "key" and text:
        return Act(Key(text), reason="free-form", calls=calls)
    if kind == "ask":
        return Ask(text or f"What is the {label}?", label, calls=calls)
    if kind == "done":
        return Done("Finished (free-form)", calls=calls)
    if kind == "reply":
        return Reply("That is not about the screen.", calls=calls)
    return Impossible(f"free-form answer {raw!r}", calls=calls)
