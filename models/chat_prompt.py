"""Messages rendered to the text a local model reads.

A model with a chat template in its GGUF metadata gets its own format (rendered by
llama-cpp-python's Jinja formatter, the same way its server does); a base model
without one (gemma3-270m) gets a plain transcript ("System: ... User: ...
Assistant:"). Either way the leading system messages come back separately, as
``fixed``: the backend tokenizes them on their own, so their tokens are the same
whatever follows and llama.cpp reuses their KV cache from the previous call.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from models.language import Message

TRANSCRIPT_NAMES = {"system": "System", "user": "User", "assistant": "Assistant"}
TRANSCRIPT_STOPS = ("\nUser:", "\nSystem:")


@dataclass(frozen=True)
class PromptText:
    fixed: str  # the leading system messages, identical from call to call
    rest: str  # everything after them, ending where the model's answer starts
    stop: tuple[str, ...] = ()  # strings that end an unconstrained answer


def leading_system(messages: Sequence[Message]) -> int:
    """How many messages at the start are system messages."""
    count = 0
    while count < len(messages) and messages[count].role == "system":
        count += 1
    return count


def transcript(messages: Sequence[Message]) -> PromptText:
    """A base model's prompt: one "Role: content" paragraph per message, then "Assistant:"."""
    paragraphs = [f"{TRANSCRIPT_NAMES[m.role]}: {m.content}\n\n" for m in messages]
    split = leading_system(messages)
    return PromptText("".join(paragraphs[:split]), "".join(paragraphs[split:]) + "Assistant:", TRANSCRIPT_STOPS)


class ChatTemplate:
    """A chat model's own Jinja template (compiled once), rendered ready for the answer."""

    def __init__(self, template: str, *, bos: str, eos: str) -> None:
        from llama_cpp.llama_chat_format import Jinja2ChatFormatter

        self.eos = eos
        self._answer_next = Jinja2ChatFormatter(template, eos_token=eos, bos_token=bos, add_generation_prompt=True)
        self._as_is = Jinja2ChatFormatter(template, eos_token=eos, bos_token=bos, add_generation_prompt=False)

    def render(self, messages: Sequence[Message]) -> PromptText:
        """When the template renders the system messages alone as a prefix of the
        whole (ChatML, Qwen, Llama 3 do), that prefix is ``fixed``; otherwise nothing is."""
        whole = self._answer_next(messages=as_dicts(messages)).prompt
        split = leading_system(messages)
        fixed = ""
        if split:
            try:
                fixed = self._as_is(messages=as_dicts(messages[:split])).prompt
            except Exception:  # templates may refuse a system-only chat; then nothing is split off
                fixed = ""
        if not whole.startswith(fixed):
            fixed = ""
        return PromptText(fixed, whole[len(fixed) :], (self.eos,) if self.eos else ())


def as_dicts(messages: Sequence[Message]) -> list[Any]:
    return [{"role": m.role, "content": m.content} for m in messages]
