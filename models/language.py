"""The port to a language model: one prompt in, one completion out.

Both backends (llama.cpp in-process, an OpenAI-compatible server) implement it, and
the policy sees only this. The output is constrained by a JSON schema, which
llama.cpp turns into a grammar and a server receives as ``response_format``, so a
completion always parses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

Role = Literal["system", "user", "assistant"]


@dataclass(frozen=True)
class Message:
    role: Role
    content: str


@dataclass(frozen=True)
class Prompt:
    """What to ask. Keep the fixed part (system message, instructions) first and
    identical between calls: llama.cpp then reuses its KV cache for that prefix."""

    messages: tuple[Message, ...]
    schema: dict[str, Any] | None = None  # JSON schema the completion must satisfy
    max_tokens: int = 64
    temperature: float = 0.0


@dataclass(frozen=True)
class Completion:
    text: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached_tokens: int = 0  # prompt tokens whose KV cache was reused (0 when unknown)
    seconds: float = 0.0
    model: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False)


class LanguageModel(Protocol):
    name: str  # a pack name, a file path or a server URL + model: shown to the user

    def complete(self, prompt: Prompt) -> Completion:
        """Run ``prompt``; raise automation.errors.ModelUnavailable when the model cannot."""
        ...
