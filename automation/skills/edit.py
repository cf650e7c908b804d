"""Edits of a learned skill's parameters and example requests (pure: Skill in, Skill out).

`deskhand skills edit` and the questions at the end of `deskhand record` go through
these, so a refused edit is refused the same way everywhere: an unknown parameter
(exit 4, with the closest names), a name that is taken or not a name (exit 2), a
secret made constant (exit 8: its value would be stored).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from rapidfuzz import process

from automation.errors import Refused, TargetNotFound, UsageError
from automation.secrets import is_secret_label, redact
from automation.skill_card import SkillParam
from automation.skills.model import PLACEHOLDER, ClickStep, KeyStep, Skill, TypeStep
from automation.skills.serialize import MAX_NAME, MAX_TEXT, PARAM_NAME


class ParamNotFound(TargetNotFound):
    def __init__(self, skill: Skill, name: str) -> None:
        names = [p.name for p in skill.params]
        closest = [n for n, _, _ in process.extract(name, names, limit=3)] if names else []
        super().__init__(name, closest, where=f"skill {skill.name!r}")
        listed = ", ".join(repr(n) for n in closest) or "it has no parameters"
        self.message = f"skill {skill.name!r} has no parameter {name!r}; closest: {listed}"
        self.fix = f"`deskhand skills show {skill.name}` lists its parameters"


def param(skill: Skill, name: str) -> SkillParam:
    for p in skill.params:
        if p.name == name:
            return p
    raise ParamNotFound(skill, name)


def with_param(skill: Skill, name: str, new: SkillParam | None) -> Skill:
    """``skill`` with parameter ``name`` replaced by ``new`` (None: removed)."""
    params = tuple(new if p.name == name else p for p in skill.params)
    return replace(skill, params=tuple(p for p in params if p is not None))


def in_texts(skill: Skill, name: str, value: str) -> Skill:
    """Every ``{name}`` in the typed texts becomes ``value``."""
    placeholder = "{" + name + "}"
    steps = tuple(
        replace(s, text=s.text.replace(placeholder, value)) if isinstance(s, TypeStep) else s for s in skill.steps
    )
    return replace(skill, steps=steps)


def rename_param(skill: Skill, old: str, new: str) -> Skill:
    p = param(skill, old)
    if new == old:
        return skill
    if not PARAM_NAME.fullmatch(new) or len(new) > MAX_NAME:
        raise UsageError(f"{new!r} is not a parameter name", "use letters, digits and _ only, e.g. unit_price")
    taken = [q.name for q in skill.params if q.name != old and q.name.casefold() == new.casefold()]
    if taken:
        raise UsageError(
            f"skill {skill.name!r} already has a parameter {taken[0]!r}",
            f"choose another name, or make {taken[0]!r} constant first",
        )
    return in_texts(with_param(skill, old, replace(p, name=new)), old, "{" + new + "}")


def describe_param(skill: Skill, name: str, description: str) -> Skill:
    p = param(skill, name)
    return with_param(skill, name, replace(p, description=checked_text(description, "a description")))


def make_constant(skill: Skill, name: str, value: str) -> Skill:
    """The steps type ``value`` where ``{name}`` was, and ``name`` is no longer a parameter."""
    p = param(skill, name)
    fields = [s.into.label for s in skill.steps if isinstance(s, TypeStep) and s.into and "{" + name + "}" in s.text]
    if p.secret or any(is_secret_label(f) for f in fields):
        raise Refused(
            f"{name!r} is a secret: a constant would store its value in the skill",
            "leave it a parameter; its value is asked at every run and never kept",
        )
    if PLACEHOLDER.search(value):
        raise UsageError(f"the constant {value!r} holds {{name}}-like text the replay would take for a parameter")
    return in_texts(with_param(skill, name, None), name, checked_text(value, "a constant"))


def make_secret(skill: Skill, name: str, values: Iterable[str] = ()) -> Skill:
    """``name`` becomes a secret: asked masked at every run, never stored nor shown to a model.

    Its demonstrated value and ``values`` (what past runs were given) are taken out of
    the skill: the example value, and any expected text, seen label or example request
    that shows one of them.
    """
    p = param(skill, name)
    known = {v for v in (p.example, *values) if v.strip()}
    skill = with_param(skill, name, replace(p, secret=True, example=""))
    return scrub(skill, known)


def scrub(skill: Skill, values: Iterable[str]) -> Skill:
    """``skill`` with no text that shows one of ``values``."""
    known = [v for v in values if v.strip()]
    if not known:
        return skill

    def shows(text: str | None) -> bool:
        return text is not None and any(v in text for v in known)

    steps = []
    for step in skill.steps:
        if isinstance(step, ClickStep | TypeStep):
            step = replace(step, seen=tuple(s for s in step.seen if not shows(s)))
        if isinstance(step, ClickStep | TypeStep | KeyStep) and shows(step.expect):
            step = replace(step, expect=None)
        if isinstance(step, TypeStep) and shows(step.text):
            step = replace(step, text=redact(step.text, known))  # a constant that held the value
        steps.append(step)
    examples = tuple(e for e in skill.examples if not shows(e))
    return replace(skill, steps=tuple(steps), examples=examples, description=redact(skill.description, known))


def add_examples(skill: Skill, requests: list[str]) -> Skill:
    """Example requests the skill answers, in users' words; one already there is not added again."""
    examples = list(skill.examples)
    for request in requests:
        request = checked_text(request.strip(), "an example request")
        if request and request.casefold() not in (e.casefold() for e in examples):
            examples.append(request)
    return replace(skill, examples=tuple(examples))


def describe_skill(skill: Skill, description: str) -> Skill:
    return replace(skill, description=checked_text(description, "a description"))


def checked_text(text: str, what: str) -> str:
    if len(text) > MAX_TEXT:
        raise UsageError(f"{what} of {len(text)} characters; at most {MAX_TEXT}")
    return text
