"""The golden set: requests over saved observations, each with the one right decision.

tests/eval/golden.jsonl holds two kinds of lines: ``{"skill": {...}}`` defines a
(fake) skill card every case is given, and every other line is a case:

    {"id", "observation" (a name in tests/eval/observations/), "request",
     "history": [{"do": DECISION, "ok", "outcome"}], "answers", "documents",
     "expect": DECISION, "split": "tune" | "heldout"}

A DECISION is ``{"kind": "click", "label", "field"?}``, ``{"kind": "type", "label"
(null: into the active window), "text"}``, ``{"kind": "key", "combo"}``,
``{"kind": "skill", "name", "args"}``, ``{"kind": "ask", "param"}``, or
``{"kind": "reply" | "done" | "impossible"}``.

Exact-right: the same kind, target label (case-insensitive, as grounding matches
it) and field flag, and every value equal: typed text, key combo (case-insensitive),
skill name and arguments, the asked parameter (case-insensitive). The wording of a
question, reply or summary is not compared.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from automation import snapshot
from automation.decisions import Act, Ask, Decision, Done, Impossible, Reply, RunSkill, Situation, Turn
from automation.skill_card import SkillCard, SkillParam
from automation.types import Click, Key, Observation, Target, TypeText

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden.jsonl"
OBSERVATIONS = HERE / "observations"


@dataclass(frozen=True)
class Case:
    id: str
    observation: str
    request: str
    expect: dict[str, Any]
    split: str
    situation: Situation


@cache
def observation(name: str) -> Observation:
    return snapshot.load(OBSERVATIONS / f"{name}.json")


def card_from(data: dict[str, Any]) -> SkillCard:
    return SkillCard(
        name=data["name"],
        description=data.get("description", ""),
        params=tuple(SkillParam(**p) for p in data.get("params", [])),
        examples=tuple(data.get("examples", [])),
    )


def decision_from(data: dict[str, Any]) -> Decision:
    kind = data["kind"]
    if kind == "click":
        return Act(Click(Target(data["label"], field=data.get("field", False))))
    if kind == "type":
        label = data.get("label")
        return Act(TypeText(data["text"], into=Target(label, field=True) if label else None))
    if kind == "key":
        return Act(Key(data["combo"]))
    if kind == "skill":
        return RunSkill(data["name"], dict(data["args"]))
    if kind == "ask":
        return Ask(data.get("question", ""), data["param"])
    if kind == "reply":
        return Reply(data.get("text", ""))
    if kind == "done":
        return Done(data.get("summary", ""))
    if kind == "impossible":
        return Impossible(data.get("reason", ""))
    raise ValueError(f"unknown decision kind {kind!r}")


def describe(decision: Decision) -> dict[str, Any]:
    """A decision in the golden file's own terms, for comparing and printing."""
    if isinstance(decision, Act):
        action = decision.action
        if isinstance(action, Click):
            out: dict[str, Any] = {"kind": "click", "label": action.target.label}
            if action.target.field:
                out["field"] = True
            return out
        if isinstance(action, TypeText):
            return {"kind": "type", "label": action.into.label if action.into else None, "text": action.text}
        return {"kind": "key", "combo": action.combo}
    if isinstance(decision, RunSkill):
        return {"kind": "skill", "name": decision.name, "args": dict(decision.args)}
    if isinstance(decision, Ask):
        return {"kind": "ask", "param": decision.param, "question": decision.question}
    if isinstance(decision, Reply):
        return {"kind": "reply", "text": decision.text}
    if isinstance(decision, Done):
        return {"kind": "done", "summary": decision.summary}
    return {"kind": "impossible", "reason": decision.reason}


def fold(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


def exact_right(expect: dict[str, Any], decision: Decision) -> bool:
    got = describe(decision)
    if got["kind"] != expect["kind"]:
        return False
    kind = expect["kind"]
    if kind == "click":
        return fold(got["label"]) == fold(expect["label"]) and got.get("field", False) == expect.get("field", False)
    if kind == "type":
        return fold(got["label"]) == fold(expect["label"]) and got["text"] == expect["text"]
    if kind == "key":
        return fold(got["combo"]) == fold(expect["combo"])
    if kind == "skill":
        return bool(got["name"] == expect["name"] and got["args"] == expect["args"])
    if kind == "ask":
        return fold(got["param"]) == fold(expect["param"])
    return True


def acts(decision: Decision) -> bool:
    return isinstance(decision, (Act, RunSkill))


def load(path: Path = GOLDEN) -> tuple[tuple[SkillCard, ...], list[Case]]:
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    cards = tuple(card_from(line["skill"]) for line in lines if "skill" in line)
    cases = []
    for line in lines:
        if "skill" in line:
            continue
        history = tuple(Turn(decision_from(t["do"]), t["ok"], t["outcome"]) for t in line.get("history", []))
        situation = Situation(
            request=line["request"],
            observation=observation(line["observation"]),
            history=history,
            skills=cards,
            answers=tuple(line.get("answers", [])),
            documents=tuple(line.get("documents", [])),
        )
        cases.append(Case(line["id"], line["observation"], line["request"], line["expect"], line["split"], situation))
    return cards, cases
