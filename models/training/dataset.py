"""Chat-format fine-tuning examples from what the user taught: request -> skill call with arguments.

One example is {"messages": [system, user, assistant]}: the system message lists the
skills (name, description, parameters; secret ones marked, never with a value), the
user message is a request in words, and the assistant message is the call as JSON,
{"skill": NAME, "args": {PARAMETER: VALUE}}. Examples come from

- each skill's example requests: the arguments are the parameters whose demonstrated
  value the request mentions (a value it does not mention is left out: the model is
  to ask for it, not guess it);
- successful runs from the store's history: the user's words when `deskhand do` ran
  the skill, else one of the skill's example requests with the run's values put in
  place of the demonstrated ones, else the skill's description followed by the values;
- each step of a skill whose click kept what the screen showed before it (format
  version 2): the task, the steps done so far and the labels on screen -> the next
  action, {"action": "click", "target": LABEL} / "type" / "key". A step typing a secret
  is left out, and so is everything after it in that skill.

Every string is scrubbed (models.training.scrub) after it is built, so a value and the
request that mentions it get the same placeholder; secret parameters never appear.
Identical examples are kept once.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from automation.skill_card import SkillCard, SkillParam
from automation.skills.model import PLACEHOLDER, ClickStep, KeyStep, Skill, TypeStep
from models.training.scrub import find_pii, scrub

INSTRUCTIONS = (
    "You are Deskhand, an assistant that runs the skills the user taught it on this computer. "
    "Pick the skill that does the user's request and take its arguments from the request. "
    'Answer with one JSON object: {"skill": NAME, "args": {PARAMETER: VALUE}}. '
    "Leave out a value the request does not give: it will be asked for. Never fill a secret parameter."
)


ACTION_INSTRUCTIONS = (
    "You are Deskhand, working a desktop application for the user. Given the task, the steps done so far "
    "and the labels on screen, answer with the next action as one JSON object: "
    '{"action": "click", "target": LABEL} (with "field": true for the entry beside that label), '
    '{"action": "type", "text": TEXT} or {"action": "key", "combo": COMBO}. Only labels on screen are targets.'
)
MAX_SCREEN = 60  # labels shown per example


@dataclass(frozen=True)
class ScreenStep:
    """One step of a demonstration as an observation -> next action example."""

    task: str
    seen: tuple[str, ...]
    done: tuple[str, ...]
    action: Mapping[str, Any]


@dataclass(frozen=True)
class PastCall:
    """A successful run: which skill, with which values, and the user's words when there were any."""

    skill: str
    args: Mapping[str, str]
    request: str = ""


@dataclass
class Dataset:
    examples: list[dict[str, Any]] = field(default_factory=list)
    from_requests: int = 0  # examples from skills' example requests
    from_runs: int = 0  # examples from successful runs
    from_steps: int = 0  # observation -> next action examples from skills' steps
    duplicates: int = 0  # left out: the same as one already kept
    scrubbed: Counter[str] = field(default_factory=Counter)  # placeholders put in, by kind
    _seen: set[str] = field(default_factory=set, repr=False)

    def add(self, system: str, user: str, skill: str, args: Mapping[str, str]) -> bool:
        call = {"skill": skill, "args": {k: self._clean(v) for k, v in args.items()}}
        return self._keep(system, user, json.dumps(call, ensure_ascii=False))

    def add_step(self, step: ScreenStep) -> bool:
        screen = ", ".join(json.dumps(label, ensure_ascii=False) for label in step.seen[:MAX_SCREEN])
        done = "; ".join(step.done) or "nothing yet"
        user = f"Task: {step.task}\nDone: {done}\nOn screen: {screen}"
        action = {k: self._clean(v) if isinstance(v, str) else v for k, v in step.action.items()}
        return self._keep(ACTION_INSTRUCTIONS, user, json.dumps(action, ensure_ascii=False))

    def _keep(self, system: str, user: str, assistant: str) -> bool:
        messages = [
            {"role": "system", "content": self._clean(system)},
            {"role": "user", "content": self._clean(user)},
            {"role": "assistant", "content": assistant},
        ]
        key = json.dumps(messages, ensure_ascii=False, sort_keys=True)
        if key in self._seen:
            self.duplicates += 1
            return False
        self._seen.add(key)
        self.examples.append({"messages": messages})
        return True

    def _clean(self, text: str) -> str:
        self.scrubbed.update(f.kind for f in find_pii(text))
        return scrub(text)


def build(cards: Sequence[SkillCard], runs: Sequence[PastCall] = (), steps: Sequence[ScreenStep] = ()) -> Dataset:
    system = system_message(cards)
    by_name = {c.name.casefold(): c for c in cards}
    data = Dataset()
    for card in sorted(cards, key=lambda c: c.name.casefold()):
        for request in card.examples:
            data.from_requests += data.add(system, request, card.name, mentioned(card, request))
    for run in runs:
        ran = by_name.get(run.skill.casefold())
        if ran is None:
            continue
        args = {p.name: run.args[p.name] for p in ran.params if not p.secret and run.args.get(p.name)}
        user, args = (run.request, args) if run.request.strip() else request_for(ran, args)
        data.from_runs += data.add(system, user, ran.name, args)
    for step in steps:
        data.from_steps += data.add_step(step)
    return data


def screen_steps(skill: Skill) -> list[ScreenStep]:
    """The skill's steps as examples, with its first example request (or description) as the task
    and the demonstrated values typed; stops at a secret, whose value no example may hold."""
    task = skill.examples[0] if skill.examples else skill.description or skill.name.replace("-", " ")
    values = {p.name: p.example for p in skill.params if not p.secret}
    seen: tuple[str, ...] = ()
    done: list[str] = []
    out: list[ScreenStep] = []
    for step in skill.steps:
        action: dict[str, Any]
        if isinstance(step, ClickStep):
            seen = step.seen or seen
            if not step.anchor.label:
                break  # a click known only by its position or picture: nothing to name it by
            action = {"action": "click", "target": step.anchor.label} | ({"field": True} if step.anchor.field else {})
        elif isinstance(step, TypeStep):
            seen = step.seen or seen
            if any(name not in values for name in PLACEHOLDER.findall(step.text)):
                break
            action = {"action": "type", "text": PLACEHOLDER.sub(lambda m: values[m.group(1)], step.text)}
            if step.into is not None and step.into.label:
                action["into"] = step.into.label
        elif isinstance(step, KeyStep):
            action = {"action": "key", "combo": step.combo}
        else:
            break
        if seen:
            out.append(ScreenStep(task, seen, tuple(done), action))
        done.append(" ".join(str(v) for k, v in action.items() if k != "field"))
    return out


def system_message(cards: Sequence[SkillCard]) -> str:
    lines = [INSTRUCTIONS, "", "Skills:"]
    for card in sorted(cards, key=lambda c: c.name.casefold()):
        params = ", ".join(describe(p) for p in card.params) or "none"
        about = f": {card.description}" if card.description else ""
        lines.append(f"- {card.name}{about}. Parameters: {params}.")
    return "\n".join(lines)


def describe(p: SkillParam) -> str:
    if p.secret:
        return f"{p.name} (secret)"
    return f"{p.name} ({p.description})" if p.description else p.name


def says(text: str, value: str) -> bool:
    """``value`` appears in ``text`` as a whole (not "5" inside "15"), ignoring case."""
    return bool(value.strip()) and re.search(rf"(?<!\w){re.escape(value)}(?!\w)", text, re.IGNORECASE) is not None


def mentioned(card: SkillCard, request: str) -> dict[str, str]:
    """The parameters whose demonstrated value the request mentions, with that value."""
    return {p.name: p.example for p in card.params if not p.secret and says(request, p.example)}


def request_for(card: SkillCard, args: Mapping[str, str]) -> tuple[str, dict[str, str]]:
    """Words for a run that had none: the example request mentioning most of its values, with the run's
    values in place, and the arguments it then gives; else the description followed by every value."""
    best: tuple[int, str, dict[str, str]] = (0, "", {})
    for example in card.examples:
        found = {name: args[name] for name in mentioned(card, example) if name in args}
        if len(found) > best[0] and set(mentioned(card, example)) <= set(args):
            best = (len(found), example, found)
    count, example, found = best
    if count:
        demo = {p.name: p.example for p in card.params}
        names = sorted(found, key=lambda n: -len(demo[n]))  # longest first: "42.50" before "42"
        pattern = re.compile("|".join(rf"(?<!\w){re.escape(demo[n])}(?!\w)" for n in names), re.IGNORECASE)
        by_value = {demo[n].casefold(): found[n] for n in names}
        return pattern.sub(lambda m: by_value[m.group().casefold()], example), found
    what = card.description or card.name.replace("-", " ").replace("_", " ")
    values = ", ".join(f"{name.replace('_', ' ')} {value}" for name, value in args.items())
    return (f"{what}: {values}" if values else what), dict(args)
