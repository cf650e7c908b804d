"""Skills as versioned, readable JSON: what the store keeps and what an export file holds.

One object per skill; each step is an object with one key naming its kind:

    {"format": "deskhand-skill", "version": 1, "name": "file-expense", ...,
     "params": [{"name": "amount", "description": "Amount in 'Expense'", "example": "42.50", "secret": false}],
     "steps": [{"type": {"text": "{amount}", "window": {...}, "into": {anchor}, "expect": null}},
               {"click": {"anchor": {...}, "button": "left", "clicks": 1, "expect": "Submit this claim?",
                          "seen": ["Employee", "Amount", "Submit", ...]}},
               {"key": {"combo": "ctrl+s", "window": {...}, "expect": null}},
               {"scroll": {"dy": -3, "at": {anchor}}}],
     "crops": {"crop-1.png": "<base64 PNG>"}}

"crops" is written only when asked for (an export file); the store keeps crops apart.
A secret parameter's example is never written, whatever the Skill object holds.

Reading is strict: every field of the version is required, no other field is taken,
no value is coerced to another type, and an error names the field where it is
("steps[3].click.anchor.window.app: missing"). A document from an older version is
upgraded (UPGRADES) before it is checked; one from a newer version is refused.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
from collections.abc import Callable
from typing import Any, TypeVar

from automation.errors import ActionFailed
from automation.skill_card import SkillParam
from automation.skills.model import Anchor, ClickStep, KeyStep, ScrollStep, Skill, Step, TypeStep, WindowMatch

FORMAT = "deskhand-skill"
VERSION = 3
# version N -> a function turning a version-N document into a version N+1 one. Version 1
# is the first; add an entry when VERSION goes up, and never change one that shipped.
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def _clicks_see_nothing(data: dict[str, Any]) -> dict[str, Any]:
    """1 -> 2: click and type steps gained "seen", the labels on screen before them; old ones saw none."""
    steps = data.get("steps")
    if isinstance(steps, list):
        for step in steps:
            for kind in ("click", "type"):
                if isinstance(step, dict) and isinstance(step.get(kind), dict):
                    step[kind].setdefault("seen", [])
    data["version"] = 2  # in place: the reader's record of keys given twice stays on this object
    return data


UPGRADES[1] = _clicks_see_nothing


def _windows_name_no_executable(data: dict[str, Any]) -> dict[str, Any]:
    """2 -> 3: windows gained "exe", the program that showed them; an old skill's is unknown (""),
    so its steps are matched by window class alone, as before."""

    def unknown(window: Any) -> None:
        if isinstance(window, dict):
            window.setdefault("exe", "")

    steps = data.get("steps")
    for step in steps if isinstance(steps, list) else []:
        for body in step.values() if isinstance(step, dict) else []:
            if not isinstance(body, dict):
                continue
            unknown(body.get("window"))
            for anchor in (body.get("anchor"), body.get("into"), body.get("at")):
                if isinstance(anchor, dict):
                    unknown(anchor.get("window"))
    data["version"] = 3
    return data


UPGRADES[2] = _windows_name_no_executable

MAX_TEXT = 10_000  # characters in any one string but a crop: nothing a person typed or read is longer
MAX_NAME = 200  # characters in a skill's or a parameter's name
PARAM_NAME = re.compile(r"\w+")  # what the replayer's {name} placeholders can hold
BUTTONS = ("left", "right", "middle")
TOP = "the document"  # where an error is when it is about the document as a whole
T = TypeVar("T")


class SkillFormatError(ActionFailed):
    """A skill document that cannot be read: damaged, hand-edited wrongly, or from a newer Deskhand.

    ``at`` is where in the document: a field ("steps[3].click.anchor.window.app"), a
    position ("line 4 column 12") or "the document".
    """

    def __init__(self, where: str, reason: str, at: str = TOP) -> None:
        super().__init__(
            f"cannot read the skill in {where}: {at}: {reason}",
            "delete it (deskhand skills rm NAME) and record it again, or update Deskhand if it came from a newer one",
        )
        self.where = where
        self.at = at
        self.reason = reason


class Invalid(Exception):
    """Inside the reader: what is wrong and at which field; from_dict names the document."""

    def __init__(self, at: str, reason: str) -> None:
        super().__init__(f"{at}: {reason}")
        self.at = at
        self.reason = reason


# --- writing ---------------------------------------------------------------------------


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


def window_to_dict(w: WindowMatch) -> dict[str, str]:
    return {"app": w.app, "title": w.title, "exe": w.exe}


def anchor_to_dict(a: Anchor) -> dict[str, Any]:
    return {
        "window": window_to_dict(a.window),
        "label": a.label,
        "offset": list(a.offset),
        "relative": list(a.relative),
        "crop": a.crop,
        "field": a.field,
    }


def step_to_dict(step: Step) -> dict[str, Any]:
    if isinstance(step, ClickStep):
        click = {"anchor": anchor_to_dict(step.anchor), "button": step.button, "clicks": step.clicks}
        return {"click": {**click, "expect": step.expect, "seen": list(step.seen)}}
    if isinstance(step, TypeStep):
        into = anchor_to_dict(step.into) if step.into else None
        typed: dict[str, Any] = {"text": step.text, "window": window_to_dict(step.window), "into": into}
        typed |= {"expect": step.expect, "seen": list(step.seen)}
        return {"type": typed}
    if isinstance(step, KeyStep):
        return {"key": {"combo": step.combo, "window": window_to_dict(step.window), "expect": step.expect}}
    return {"scroll": {"dy": step.dy, "at": anchor_to_dict(step.at)}}


# --- reading ---------------------------------------------------------------------------


def loads(text: str, where: str = "a skill document", crops: dict[str, bytes] | None = None) -> Skill:
    """Parse a skill; ``crops`` (from the store) are used when the document carries none."""
    return from_dict(parse_json(text, where), where, crops)


def parse_json(text: str, where: str) -> Any:
    """JSON text -> data; a syntax error says its line and column, a key given twice is kept for the reader."""
    try:
        return json.loads(text, object_pairs_hook=Fields)
    except json.JSONDecodeError as err:
        raise SkillFormatError(where, f"not valid JSON: {err.msg}", f"line {err.lineno} column {err.colno}") from err
    except RecursionError as err:
        raise SkillFormatError(where, "not valid JSON: nested too deeply") from err
    except ValueError as err:  # an integer of more digits than Python converts
        raise SkillFormatError(where, f"not valid JSON: {err}") from err


class Fields(dict[str, Any]):
    """A JSON object that remembers the keys it was given more than once (json keeps the last)."""

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        super().__init__(pairs)
        self.twice: list[str] = []
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                self.twice.append(key)
            seen.add(key)


def from_dict(data: Any, where: str = "a skill document", crops: dict[str, bytes] | None = None) -> Skill:
    try:
        return read_skill(upgraded(data), crops)
    except Invalid as err:
        raise SkillFormatError(where, err.reason, err.at) from err


def upgraded(data: Any) -> dict[str, Any]:
    """The document at the current version: checked for format and version, older ones upgraded."""
    if not isinstance(data, dict):
        raise Invalid(TOP, f"a {FORMAT} document is a JSON object, not {kind(data)}")
    if data.get("format") != FORMAT:
        raise Invalid("format", f"not a {FORMAT} document (format is {shorten(data.get('format'))})")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise Invalid("version", f"expected a whole number, found {kind(version)}")
    if version > VERSION:
        newer = f"{shorten(version)} is newer than this Deskhand reads (up to {VERSION}); update Deskhand"
        raise Invalid("version", newer)
    if version < 1:
        raise Invalid("version", f"{shorten(version)} was never a version of the format (they start at 1)")
    while version < VERSION:
        data = UPGRADES[version](data)
        version += 1
    return data


def read_skill(data: dict[str, Any], crops: dict[str, bytes] | None) -> Skill:
    names = ("format", "version", "name", "description", "examples", "demo_seconds", "params", "steps")
    top = fields(data, "", names, optional=("crops",))
    name = text(top["name"], "name", limit=MAX_NAME)
    if not name.strip():
        raise Invalid("name", "empty; a skill needs a name")
    params = tuple(read_param(p, f"params[{i}]") for i, p in enumerate(items(top["params"], "params")))
    seen: dict[str, int] = {}
    for i, p in enumerate(params):
        if p.name.casefold() in seen:
            raise Invalid(f"params[{i}].name", f"{p.name!r} is also params[{seen[p.name.casefold()]}]")
        seen[p.name.casefold()] = i
    seconds = number(top["demo_seconds"], "demo_seconds")
    if seconds < 0:
        raise Invalid("demo_seconds", f"{seconds} is below 0")
    embedded = read_crops(top["crops"], "crops") if "crops" in top else None
    return Skill(
        name=name,
        description=text(top["description"], "description"),
        params=params,
        steps=tuple(read_step(s, f"steps[{i}]") for i, s in enumerate(items(top["steps"], "steps"))),
        examples=tuple(text(e, f"examples[{i}]") for i, e in enumerate(items(top["examples"], "examples"))),
        demo_seconds=seconds,
        crops=embedded if embedded is not None else dict(crops or {}),
    )


def read_crops(value: Any, at: str) -> dict[str, bytes]:
    found = mapping(value, at)
    crops = {}
    for name, encoded in found.items():
        where = join(at, name)
        if len(name) > MAX_NAME:
            raise Invalid(where, f"a crop's name is at most {MAX_NAME} characters")
        if not isinstance(encoded, str):
            raise Invalid(where, f"expected a string (a base64 PNG), found {kind(encoded)}")
        try:
            crops[name] = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError) as err:
            raise Invalid(where, f"not base64: {err}") from err
    return crops


def read_param(value: Any, at: str) -> SkillParam:
    p = fields(value, at, ("name", "description", "example", "secret"))
    name = text(p["name"], join(at, "name"), limit=MAX_NAME)
    if not PARAM_NAME.fullmatch(name):
        raise Invalid(join(at, "name"), f"{shorten(name)} is not a parameter name (letters, digits and _)")
    secret = flag(p["secret"], join(at, "secret"))
    example = text(p["example"], join(at, "example"))
    if secret and example:
        raise Invalid(join(at, "example"), "a secret parameter's value is never kept, and this one holds one")
    return SkillParam(name, text(p["description"], join(at, "description")), example, secret)


def read_window(value: Any, at: str) -> WindowMatch:
    w = fields(value, at, ("app", "title", "exe"))
    exe = text(w["exe"], join(at, "exe"), limit=4096)
    return WindowMatch(text(w["app"], join(at, "app")), text(w["title"], join(at, "title")), exe)


def read_anchor(value: Any, at: str) -> Anchor:
    a = fields(value, at, ("window", "label", "offset", "relative", "crop", "field"))
    dx, dy = pair(a["offset"], join(at, "offset"), integer)
    fx, fy = pair(a["relative"], join(at, "relative"), number)
    crop = optional_text(a["crop"], join(at, "crop"), limit=MAX_NAME)
    return Anchor(
        window=read_window(a["window"], join(at, "window")),
        label=optional_text(a["label"], join(at, "label")),
        offset=(dx, dy),
        relative=(fx, fy),
        crop=crop,
        field=flag(a["field"], join(at, "field")),
    )


STEP_FIELDS = {
    "click": ("anchor", "button", "clicks", "expect", "seen"),
    "type": ("text", "window", "into", "expect", "seen"),
    "key": ("combo", "window", "expect"),
    "scroll": ("dy", "at"),
}


def read_step(value: Any, at: str) -> Step:
    step = mapping(value, at)
    if len(step) != 1:
        kinds = "/".join(STEP_FIELDS)
        raise Invalid(at, f"a step is an object with one key ({kinds}), this one has {len(step)}")
    ((kind_, raw),) = step.items()
    if kind_ not in STEP_FIELDS:
        raise Invalid(join(at, kind_), f"not a kind of step (kinds: {', '.join(STEP_FIELDS)})")
    at = join(at, kind_)
    body = fields(raw, at, STEP_FIELDS[kind_])
    if kind_ == "scroll":
        return ScrollStep(integer(body["dy"], join(at, "dy")), read_anchor(body["at"], join(at, "at")))
    expect = optional_text(body["expect"], join(at, "expect"))
    if kind_ == "click":
        button = text(body["button"], join(at, "button"))
        if button not in BUTTONS:
            raise Invalid(join(at, "button"), f"{shorten(button)} is not a mouse button ({', '.join(BUTTONS)})")
        clicks = integer(body["clicks"], join(at, "clicks"))
        if not 1 <= clicks <= 3:
            raise Invalid(join(at, "clicks"), f"{clicks} clicks; a step clicks 1, 2 or 3 times")
        return ClickStep(read_anchor(body["anchor"], join(at, "anchor")), button, clicks, expect, read_seen(body, at))
    window = read_window(body["window"], join(at, "window"))
    if kind_ == "key":
        combo = text(body["combo"], join(at, "combo"))
        if not combo.strip():
            raise Invalid(join(at, "combo"), "empty; a key step presses a key")
        return KeyStep(combo, window, expect)
    into = None if body["into"] is None else read_anchor(body["into"], join(at, "into"))
    return TypeStep(text(body["text"], join(at, "text")), into, window, expect, read_seen(body, at))


def read_seen(body: dict[str, Any], at: str) -> tuple[str, ...]:
    return tuple(text(t, join(at, f"seen[{i}]")) for i, t in enumerate(items(body["seen"], join(at, "seen"))))


# --- the checks each value goes through --------------------------------------------------


def join(at: str, key: str) -> str:
    """ "steps[3].click" + "anchor"; keys that are not plain names in brackets: 'crops["crop-1.png"]'."""
    if key.isidentifier():
        return f"{at}.{key}" if at else key
    short = key if len(key) <= 40 else key[:37] + "..."
    shown = json.dumps(short, ensure_ascii=not short.isprintable())  # a line break in a key stays on one line
    return f"{at}[{shown}]"


def kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"


def shorten(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:37] + "..."


def mapping(value: Any, at: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise Invalid(at or TOP, f"expected an object, found {kind(value)}")
    if isinstance(value, Fields) and value.twice:
        raise Invalid(join(at, value.twice[0]), "given twice")
    return value


def fields(value: Any, at: str, names: tuple[str, ...], optional: tuple[str, ...] = ()) -> dict[str, Any]:
    """An object with these fields, maybe the optional ones, and no other."""
    found = mapping(value, at)
    for name in names:
        if name not in found:
            raise Invalid(join(at, name), "missing")
    allowed = names + optional
    for name in found:
        if name not in allowed:
            raise Invalid(join(at, name), f"not a field here (fields: {', '.join(allowed)})")
    return found


def items(value: Any, at: str) -> list[Any]:
    if not isinstance(value, list):
        raise Invalid(at, f"expected a list, found {kind(value)}")
    return value


def text(value: Any, at: str, limit: int = MAX_TEXT) -> str:
    if not isinstance(value, str):
        raise Invalid(at, f"expected a string, found {kind(value)}")
    if len(value) > limit:
        raise Invalid(at, f"{len(value)} characters; at most {limit}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as err:  # a lone surrogate ("\ud800"): JSON allows it, text does not
        raise Invalid(at, f"not text: {err.reason} at character {err.start}") from err
    return value


def optional_text(value: Any, at: str, limit: int = MAX_TEXT) -> str | None:
    return None if value is None else text(value, at, limit)


def integer(value: Any, at: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise Invalid(at, f"expected a whole number, found {kind(value)}")
    if abs(value) > 1_000_000:
        raise Invalid(at, f"{value} is out of range")
    return value


def number(value: Any, at: str) -> float:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise Invalid(at, f"expected a number, found {kind(value)}")
    if not math.isfinite(value) or abs(value) > 1e9:
        raise Invalid(at, f"{value} is out of range")
    return float(value)


def flag(value: Any, at: str) -> bool:
    if not isinstance(value, bool):
        raise Invalid(at, f"expected true or false, found {kind(value)}")
    return value


def pair(value: Any, at: str, check: Callable[[Any, str], T]) -> tuple[T, T]:
    found = items(value, at)
    if len(found) != 2:
        raise Invalid(at, f"expected two numbers, found {len(found)} values")
    return check(found[0], f"{at}[0]"), check(found[1], f"{at}[1]")
