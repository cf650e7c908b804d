"""What a policy may decide, and what it is told. The loop acts on these; the policy
(in models/, built by app/) never returns coordinates or code, only one of these."""

from __future__ import annotations

from dataclasses import dataclass, field

from automation.secrets import is_secret_label
from automation.skill_card import SkillCard
from automation.types import Action, Observation


@dataclass(frozen=True)
class ModelCall:
    """One call to the language model, for progress reports and ``--json``."""

    purpose: str  # "choose", "fill"
    seconds: float
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached_tokens: int = 0


@dataclass(frozen=True)
class Act:
    """Do one action next (its target is a label on screen, grounded by the loop)."""

    action: Action
    expect: str | None = None  # text that should show once it worked
    reason: str = ""
    calls: tuple[ModelCall, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class RunSkill:
    name: str
    args: dict[str, str]
    calls: tuple[ModelCall, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class Ask:
    """A value is missing: ask the user instead of inventing it."""

    question: str
    param: str = ""  # which value the answer fills
    calls: tuple[ModelCall, ...] = field(default=(), compare=False)
    secret: bool = False  # the value is a secret (the parameter's flag, or a password-like field): asked masked
    # The answer names the field this value of the request goes into, and is no value itself
    # ("Which field is 'Shanghai' for: Destination or Purpose?"): "" for a question about a value.
    places: str = ""

    @property
    def is_secret(self) -> bool:
        """The flag, or a parameter named like a password when the policy did not say."""
        return self.secret or is_secret_label(self.param)


@dataclass(frozen=True)
class Reply:
    """The request is not about the screen or a skill: answer it, act on nothing."""

    text: str
    calls: tuple[ModelCall, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class Done:
    summary: str
    calls: tuple[ModelCall, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class Impossible:
    reason: str
    calls: tuple[ModelCall, ...] = field(default=(), compare=False)


Decision = Act | RunSkill | Ask | Reply | Done | Impossible

# How the agent loop's outcome of a step says the screen contradicts the goal, before the goal
# check's unmet values ("Amount: '42.50' not shown (it is empty)"): a "finished" sent back, or a
# commit held back. The policy reads what follows it to know which steps to do again.
SCREEN_DISAGREES = "the screen does not show it: "
HELD_BACK = "not sent, "  # before SCREEN_DISAGREES: the step was a commit and nothing was sent


@dataclass(frozen=True)
class Turn:
    """One finished step, as the policy sees it in the history."""

    decision: Decision
    ok: bool
    outcome: str  # "clicked 'Submit'; 'Confirm' appeared", "target not found: ..."


@dataclass(frozen=True)
class Situation:
    """Everything a policy decides from."""

    request: str
    observation: Observation
    history: tuple[Turn, ...] = ()
    skills: tuple[SkillCard, ...] = ()
    answers: tuple[str, ...] = ()  # the user's answers to earlier questions, in order
    documents: tuple[str, ...] = ()  # text of attached documents (a receipt's OCR)
    facts: tuple[tuple[str, str], ...] = ()  # values they gave, by name: ("amount", "42.50"), ("date", ...)
