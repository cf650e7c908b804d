"""The words the model reads. The fixed instructions come first and never change, so
llama.cpp reuses their KV cache from one decision to the next; then the options;
then the request and what happened so far, nearest the answer where tiny models
look hardest. The fill pass continues the same conversation, so its prompt is the
choice prompt plus a few tokens, and nearly all of it comes from the cache.
"""

from __future__ import annotations

from collections.abc import Sequence

from automation.decisions import Act, Ask, Decision, Done, Impossible, Reply, RunSkill, Situation, Turn
from automation.types import Click, Key, TypeText
from models.language import Message, Prompt
from models.policy.options import Option
from models.policy.schemas import choice_schema, fill_schema, fill_tokens, slot_key
from models.policy.values import Slot, looks_secret

SYSTEM = (
    "You help a user work the applications on their screen. You get numbered options built from the screen, "
    "the user's request, and the steps taken so far. Pick the one option that is the next step toward the request. "
    "A request often takes several steps, and its later steps show only once the earlier ones are done "
    "(a menu opened, a list shown): the option that starts the request is right even if it does not finish it. "
    "If everything the request asks for is done, pick the option that says the request is finished. "
    "If the request is not about the screen or a skill, pick the option that says so. "
    "Answer with the option's number only."
)
MAX_TURNS = 6  # older steps are left out: the screen shows their effect
MAX_DOCUMENT = 400  # characters of each attached document shown


def turn_text(turn: Turn) -> str:
    text = decision_text(turn.decision)
    return text if turn.ok else f"{text} (failed: {turn.outcome})"


def decision_text(decision: Decision) -> str:
    if isinstance(decision, Act):
        action = decision.action
        if isinstance(action, Click):
            target = action.target.label
            return f'opened the list of "{target}"' if action.target.field else f'clicked "{target}"'
        if isinstance(action, TypeText):
            where = f' into "{action.into.label}"' if action.into else ""
            if action.into and looks_secret(action.into.label):
                return f"typed the secret{where}"
            return f'typed "{action.text}"{where}'
        if isinstance(action, Key):
            return f"pressed {action.combo}"
    if isinstance(decision, RunSkill):
        return f"ran skill {decision.name}"
    if isinstance(decision, Ask):
        return f"asked the user: {decision.question}"
    if isinstance(decision, (Reply, Done, Impossible)):
        return "answered the user"
    return type(decision).__name__


def situation_text(situation: Situation, answers: dict[str, str]) -> str:
    lines = [f"Request: {situation.request}"]
    for document in situation.documents:
        lines.append(f"Document: {' '.join(document.split())[:MAX_DOCUMENT]}")
    shown = {param: answer for param, answer in answers.items() if not looks_secret(param)}
    if shown:
        lines.append("Answers: " + "; ".join(f"{p}: {a}" for p, a in shown.items()))
    turns = situation.history[-MAX_TURNS:]
    lines.append("Steps taken: " + ("; ".join(turn_text(t) for t in turns) if turns else "none yet"))
    return "\n".join(lines)


def warm_up() -> Prompt:
    """The fixed part every choice starts with, and one token: asked once at load, so the
    model has evaluated that prefix before the first request (llama.cpp reuses it)."""
    return Prompt(messages=(Message("system", SYSTEM), Message("user", "Ready?")), max_tokens=1)


def choose(options: Sequence[Option], situation: Situation, answers: dict[str, str]) -> Prompt:
    listed = "\n".join(f"{i}. {o.text}" for i, o in enumerate(options, 1))
    situation_lines = situation_text(situation, answers)
    question = f"Options:\n{listed}\n\n{situation_lines}\nWhich option is the next step? Answer with its number."
    return Prompt(
        messages=(Message("system", SYSTEM), Message("user", question)),
        schema=choice_schema(len(options)),
        max_tokens=4,
    )


def fill(chosen: Prompt, answer: str, number: int, option: Option, slots: Sequence[Slot], request: str) -> Prompt:
    """Continue the choice conversation: ask for the values of option ``number``."""
    wanted = "\n".join(f"- {slot_key(s)}" + (" (a number)" if s.numeric else "") for s in slots)
    question = (
        f"Fill in option {number}: {option.text}\n"
        f'Copy from the request "{request}" (or the document or answers), word for word:\n{wanted}\n'
        'Use "" for a value it does not give. Answer with JSON.'
    )
    return Prompt(
        messages=(*chosen.messages, Message("assistant", answer), Message("user", question)),
        schema=fill_schema(slots),
        max_tokens=fill_tokens(slots),
    )
