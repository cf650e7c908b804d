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
  place of the demonstrated ones, else the skill's description followed by the values.

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

from automation.types import SkillCard, SkillParam
from models.training.scrub import find_pii, scrub

INSTRUCTIONS = (
    "You are Deskhand, an assistant that runs the skills the user taught it on this computer. "
    "Pick the skill that does the user's request and take its arguments from the request. "
    'Answer with one JSON object: {"skill": NAME, "args": {PARAMETER: VALUE}}. '
    "Leave out a value the request does not give: it will be asked for. Never fill a secret parameter."
)


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
    duplicates: int = 0  # left out: the same as one already kept
    scrubbed: Counter[str] = field(default_factory=Counter)  # placeholders put in, by kind
    _seen: set[str] = field(default_factory=set, repr=False)

    def add(self, system: str, user: str, skill: str, args: Mapping[str, str]) -> bool:
        call = json.dumps({"skill": skill, "args": {k: self._clean(v) for k, v in args.items()}}, ensure_ascii=False)
        messages = [
            {"role": "system", "content": self._clean(system)},
            {"role": "user", "content": self._clean(user)},
            {"role": "assistant", "content": call},
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


def build(cards: Sequence[SkillCard], runs: Sequence[PastCall] = ()) -> Dataset:
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
    return data


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
