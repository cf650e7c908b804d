"""Skills and skill cards written by hand for unit tests: every kind of step, a secret, pictures on anchors."""

from __future__ import annotations

import io
from dataclasses import replace

from PIL import Image

from automation.skill_card import SkillCard, SkillParam
from automation.skills.model import Anchor, ClickStep, KeyStep, ScrollStep, Skill, TypeStep, WindowMatch

FORM = WindowMatch("Tk", "Legacy Expense System")
DIALOG = WindowMatch("Toplevel", "Confirm")
# What the policy is offered for a stored expense skill.
EXPENSE = SkillCard(
    "file_expense",
    "File an expense claim",
    (SkillParam("amount", example="42.50"), SkillParam("category"), SkillParam("attendees", "Who did you eat with?")),
    ("file a meals expense of 30 with Li Si", "claim 95.60 for lodging"),
)


def png(shade: int) -> bytes:
    out = io.BytesIO()
    Image.new("L", (81, 41), shade).save(out, "PNG")
    return out.getvalue()


def claim_skill(name: str = "file-expense") -> Skill:
    """Every kind of step, a secret, pictures on three kinds of anchor, a non-ASCII label."""
    return Skill(
        name=name,
        description="file an expense claim",
        params=(
            SkillParam("employee", "Who is claiming?", "Zhang San"),
            SkillParam("amount", "How much was it?", "42.50"),
            SkillParam("pin", "PIN in 'Legacy Expense System'", "", secret=True),
        ),
        steps=(
            TypeStep("{employee}", Anchor(FORM, "员工", (60, 1), (0.41, 0.2), "crop-1.png", field=True), FORM),
            TypeStep("{amount} EUR", Anchor(FORM, "Amount", (60, 1), (0.41, 0.27), field=True), FORM),
            TypeStep("{pin}", Anchor(FORM, "PIN", (60, 1), (0.41, 0.34), field=True), FORM),
            KeyStep("ctrl+s", FORM, expect="Saved"),
            ScrollStep(-3, Anchor(FORM, None, relative=(0.5, 0.5), crop="crop-3.png")),
            ClickStep(Anchor(FORM, "Submit", (2, -1), (0.5, 0.86), "crop-2.png"), "left", 1, "Submit this claim?"),
            ClickStep(Anchor(DIALOG, "Yes", (0, 0), (0.3, 0.7)), expect=None),
        ),
        examples=("file a lunch of 42.50 for Zhang San",),
        demo_seconds=24.75,
        crops={"crop-1.png": png(200), "crop-2.png": png(120), "crop-3.png": png(60)},
    )


PNG = b"\x89PNG\r\n\x1a\n fake but binary \x00\xff"


def skill(name: str = "file-expense", description: str = "file an expense claim", **kw: object) -> Skill:
    amount = Anchor(FORM, "Amount", offset=(60, 1), relative=(0.41, 0.27), field=True)
    submit = Anchor(FORM, "Submit", offset=(2, -1), relative=(0.5, 0.86), crop="crop-2.png")
    made = Skill(
        name=name,
        description=description,
        params=(
            SkillParam("amount", "Amount in 'Legacy Expense System'", "42.50"),
            SkillParam("pin", "PIN in 'Legacy Expense System'", "", secret=True),
        ),
        steps=(
            TypeStep("{amount}", amount, FORM),
            TypeStep("{pin}", None, FORM, expect=None),
            KeyStep("ctrl+s", FORM, expect="Saved"),
            ScrollStep(-3, Anchor(FORM, None, relative=(0.5, 0.5))),
            ClickStep(submit, "left", 2, expect="Submit this claim?"),
        ),
        examples=("file a lunch of 42.50",),
        demo_seconds=21.5,
        crops={"crop-2.png": PNG},
    )
    return replace(made, **kw)  # type: ignore[arg-type]
