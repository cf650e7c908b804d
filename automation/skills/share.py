"""Skill files to hand to a colleague: `deskhand skills export` writes one, `import` reads one.

A skill file is the skill document (automation.skills.serialize) with its crops
embedded as base64 PNGs, so one file is the whole skill. Reading one is stricter than
reading the store: besides the document's own checks, every ``{name}`` placeholder
must be a parameter and every parameter used, a secret parameter must come without a
value, text typed into a password-like field must be a secret parameter, and every
crop an anchor names must be there and be a PNG (and no other crop be there).
Anything wrong refuses the file (exit 2) naming the field or the line and column.
"""

from __future__ import annotations

import io
from dataclasses import replace

from PIL import Image

from automation.errors import UsageError
from automation.secrets import is_secret_label
from automation.skills.model import PLACEHOLDER, Anchor, ClickStep, ScrollStep, Skill, Step, TypeStep
from automation.skills.serialize import TOP, Invalid, SkillFormatError, dumps, join, loads

MAX_FILE_BYTES = 32 * 1024 * 1024  # a skill of a few hundred clicks with a picture each is ~3 MB
MAX_CROP_PIXELS = 512 * 512  # recorded crops are 81x41 at most; a bigger "crop" is not ours


class SkillFileRefused(UsageError):
    """A file that is not a skill this Deskhand can import: a usage error, nothing was stored.

    ``at`` is where in the file: a field, "line L column C", "the document", or empty
    when the file itself cannot be read.
    """

    def __init__(self, where: str, at: str, reason: str) -> None:
        super().__init__(
            f"{where} cannot be imported: " + (f"{at}: {reason}" if at else reason),
            "import a file written by `deskhand skills export`; if it was edited by hand, correct that "
            "field (the format is in docs/skills.md)",
        )
        self.where = where
        self.at = at
        self.reason = reason


def export_text(skill: Skill) -> str:
    """The skill file's text: the document with the crops its anchors use (a secret's value is never there)."""
    return dumps(replace(skill, crops=used_crops(skill)), with_crops=True) + "\n"


def used_crops(skill: Skill) -> dict[str, bytes]:
    used = {a.crop for a in anchors(skill.steps) if a.crop}
    return {name: png for name, png in skill.crops.items() if name in used}


def read_skill_file(raw: bytes, where: str) -> Skill:
    """The skill in a file's bytes, checked through; SkillFileRefused (exit 2) says what is wrong and where."""
    if len(raw) > MAX_FILE_BYTES:
        raise SkillFileRefused(where, TOP, f"{len(raw)} bytes; a skill file is at most {MAX_FILE_BYTES}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        raise SkillFileRefused(where, f"line {line} column {column}", f"not UTF-8 text ({err.reason})") from err
    try:
        skill = loads(text, where)
        check(skill)
    except (SkillFormatError, Invalid) as err:
        raise SkillFileRefused(where, err.at, err.reason) from err
    return skill


def check(skill: Skill) -> None:
    """What a document may hold but a skill file must not: Invalid names the field."""
    params = {p.name: p for p in skill.params}
    used: set[str] = set()
    for i, step in enumerate(skill.steps):
        if not isinstance(step, TypeStep):
            continue
        at = f"steps[{i}].type.text"
        names = PLACEHOLDER.findall(step.text)
        for name in names:
            if name not in params:
                takes = ", ".join(params) or "none"
                raise Invalid(at, f"{{{name}}} is not one of the parameters (params: {takes})")
        used.update(names)
        field = step.into.label if step.into else None
        if is_secret_label(field) and (PLACEHOLDER.sub("", step.text) or not all(params[n].secret for n in names)):
            raise Invalid(at, f"typed into {field!r}, a password-like field: it must be a secret parameter only")
    for i, p in enumerate(skill.params):
        if p.name not in used:
            raise Invalid(f"params[{i}]", f"{p.name!r} is used by no step ({{{p.name}}} in a typed text)")
    check_crops(skill)


def check_crops(skill: Skill) -> None:
    used = set()
    for i, step in enumerate(skill.steps):
        for at, anchor in step_anchors(step, f"steps[{i}]"):
            if anchor.crop is not None:
                used.add(anchor.crop)
                if anchor.crop not in skill.crops:
                    raise Invalid(f"{at}.crop", f"{anchor.crop!r} is not in crops")
    for name, png in skill.crops.items():
        if name not in used:
            raise Invalid(join("crops", name), "no anchor uses this crop")
        check_png(png, join("crops", name))


def check_png(png: bytes, at: str) -> None:
    try:
        with Image.open(io.BytesIO(png)) as image:
            form, (w, h) = image.format, image.size
            image.verify()  # the chunks' checksums
        if form == "PNG" and w * h <= MAX_CROP_PIXELS:
            with Image.open(io.BytesIO(png)) as image:
                image.load()  # the pixels themselves
    except Exception as err:  # damaged bytes fail Pillow in many ways: SyntaxError, OSError, zlib.error, struct.error
        raise Invalid(at, f"not a readable PNG ({type(err).__name__}: {err})") from err
    if form != "PNG":
        raise Invalid(at, f"a {form} picture; crops are PNG")
    if w * h > MAX_CROP_PIXELS:
        raise Invalid(at, f"{w}x{h} pixels; a crop is small (at most {MAX_CROP_PIXELS} pixels)")


def step_anchors(step: Step, at: str) -> list[tuple[str, Anchor]]:
    if isinstance(step, ClickStep):
        return [(f"{at}.click.anchor", step.anchor)]
    if isinstance(step, TypeStep) and step.into is not None:
        return [(f"{at}.type.into", step.into)]
    if isinstance(step, ScrollStep):
        return [(f"{at}.scroll.at", step.at)]
    return []


def anchors(steps: tuple[Step, ...]) -> list[Anchor]:
    return [anchor for step in steps for _, anchor in step_anchors(step, "")]
