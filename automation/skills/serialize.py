"""Skills as versioned, readable JSON: what the store keeps and what an export file holds.

One object per skill; each step is an object with one key naming its kind:

    {"format": "deskhand-skill", "version": 1, "name": "file-expense", ...,
     "params": [{"name": "amount", "description": "Amount in 'Expense'", "example": "42.50", "secret": false}],
     "steps": [{"type": {"text": "{amount}", "window": {...}, "into": {anchor}, "expect": null}},
               {"click": {"anchor": {...}, "button": "left", "clicks": 1, "expect": "Submit this claim?"}},
               {"key": {"combo": "ctrl+s", "window": {...}, "expect": null}},
               {"scroll": {"dy": -3, "at": {anchor}}}],
     "crops": {"crop-1.png": "<base64 PNG>"}}

"crops" is written only when asked for (an export file); the store keeps crops apart.
A secret parameter's example is never written, whatever the Skill object holds.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from automation.errors import ActionFailed
from automation.skills.model import Anchor, ClickStep, KeyStep, ScrollStep, Skill, Step, TypeStep, WindowMatch
from automation.types import SkillParam

FORMAT = "deskhand-skill"
VERSION = 1


class SkillFormatError(ActionFailed):
    """A skill document that cannot be read: damaged, hand-edited wrongly, or from a newer Deskhand."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(
            f"cannot read the skill in {where}: {reason}",
            "delete it (deskhand skills rm NAME) and record it again, or update Deskhand if it came from a newer one",
        )


def to_dict(skill: Skill, with_crops: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "name": skill.name,
        "description": skill.description,
        "examples": list(skill.examples),
        "demo_seconds": skill.demo_seconds,
        "params": [
            {"name": p.name, "description": p.description, "example": "" if p.secret else p.example, "secret": p.secret}
            for p in skill.params
        ],
        "steps": [step_to_dict(s) for s in skill.steps],
    }
    if with_crops:
        data["crops"] = {name: base64.b64encode(png).decode("ascii") for name, png in sorted(skill.crops.items())}
    return data


def dumps(skill: Skill, with_crops: bool = False) -> str:
    return json.dumps(to_dict(skill, with_crops), ensure_ascii=False, indent=2)


def loads(text: str, where: str = "a skill document", crops: dict[str, bytes] | None = None) -> Skill:
    """Parse a skill; ``crops`` (from the store) are used when the document carries none."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise SkillFormatError(where, f"not valid JSON ({err})") from err
    return from_dict(data, where, crops)


def from_dict(data: Any, where: str = "a skill document", crops: dict[str, bytes] | None = None) -> Skill:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SkillFormatError(where, f"not a {FORMAT} document")
    version = data.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise SkillFormatError(where, f"format version {version!r}; this Deskhand reads up to {VERSION}")
    try:
        embedded = {name: base64.b64decode(png, validate=True) for name, png in data.get("crops", {}).items()}
        return Skill(
            name=str(data["name"]),
            description=str(data.get("description", "")),
            params=tuple(param_from(p) for p in data.get("params", [])),
            steps=tuple(step_from(s) for s in data.get("steps", [])),
            examples=tuple(str(e) for e in data.get("examples", [])),
            demo_seconds=float(data.get("demo_seconds", 0.0)),
            crops=embedded or dict(crops or {}),
        )
    except (KeyError, TypeError, ValueError, AttributeError, binascii.Error) as err:
        raise SkillFormatError(where, f"{type(err).__name__}: {err}") from err


def param_from(p: dict[str, Any]) -> SkillParam:
    secret = bool(p.get("secret", False))
    return SkillParam(
        str(p["name"]), str(p.get("description", "")), "" if secret else str(p.get("example", "")), secret
    )


def window_to_dict(w: WindowMatch) -> dict[str, str]:
    return {"app": w.app, "title": w.title}


def window_from(d: dict[str, Any]) -> WindowMatch:
    return WindowMatch(str(d["app"]), str(d["title"]))


def anchor_to_dict(a: Anchor) -> dict[str, Any]:
    return {
        "window": window_to_dict(a.window),
        "label": a.label,
        "offset": list(a.offset),
        "relative": list(a.relative),
        "crop": a.crop,
        "field": a.field,
    }


def anchor_from(d: dict[str, Any]) -> Anchor:
    dx, dy = d.get("offset", (0, 0))
    fx, fy = d.get("relative", (0.5, 0.5))
    label = d.get("label")
    crop = d.get("crop")
    return Anchor(
        window=window_from(d["window"]),
        label=None if label is None else str(label),
        offset=(int(dx), int(dy)),
        relative=(float(fx), float(fy)),
        crop=None if crop is None else str(crop),
        field=bool(d.get("field", False)),
    )


def step_to_dict(step: Step) -> dict[str, Any]:
    if isinstance(step, ClickStep):
        click = {"anchor": anchor_to_dict(step.anchor), "button": step.button, "clicks": step.clicks}
        return {"click": {**click, "expect": step.expect}}
    if isinstance(step, TypeStep):
        into = anchor_to_dict(step.into) if step.into else None
        typed = {"text": step.text, "window": window_to_dict(step.window), "into": into, "expect": step.expect}
        return {"type": typed}
    if isinstance(step, KeyStep):
        return {"key": {"combo": step.combo, "window": window_to_dict(step.window), "expect": step.expect}}
    return {"scroll": {"dy": step.dy, "at": anchor_to_dict(step.at)}}


def step_from(d: dict[str, Any]) -> Step:
    (kind, body), *rest = d.items()
    if rest:
        raise ValueError(f"a step has one kind, this one has {sorted(d)}")
    expect = body.get("expect")
    expect = None if expect is None else str(expect)
    if kind == "click":
        return ClickStep(
            anchor_from(body["anchor"]), str(body.get("button", "left")), int(body.get("clicks", 1)), expect
        )
    if kind == "type":
        into = body.get("into")
        return TypeStep(str(body["text"]), anchor_from(into) if into else None, window_from(body["window"]), expect)
    if kind == "key":
        return KeyStep(str(body["combo"]), window_from(body["window"]), expect)
    if kind == "scroll":
        return ScrollStep(int(body["dy"]), anchor_from(body["at"]))
    raise ValueError(f"unknown step kind {kind!r}")
