"""What every layer may know of a learned skill: its name, parameters and examples, no steps.

The policy offers skills by their cards and the agent loop passes cards along, both
below automation.skills; the steps and anchors live in automation/skills/model.py.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SkillParam:
    name: str  # "amount", "attendees"
    description: str = ""  # "Who did you eat with?": asked when the value is missing
    example: str = ""  # the demonstrated value
    secret: bool = False  # a password: never stored, always asked


@dataclass(frozen=True)
class SkillCard:
    """What the policy needs to know of a learned skill to offer it: no steps."""

    name: str
    description: str = ""
    params: tuple[SkillParam, ...] = ()
    examples: tuple[str, ...] = ()  # requests this skill answers, in users' words
