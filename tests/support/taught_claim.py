"""The claim skill taught by a demonstration in the Tk client (tests/support/demonstration.py):
taught once, stored, replayed with other values."""

from __future__ import annotations

import json
from pathlib import Path

from app.services.compose import build_eyes
from app.services.paths import data_dir
from automation.skills.from_recording import skill_from_recording
from automation.skills.model import Skill
from automation.skills.store import SkillStore
from tests.support.apps import legacy_app
from tests.support.demonstration import Demonstrator, file_a_claim

DEMO_PIN = "7319"
VALUES = ("--set", "employee=Li Si", "--set", "amount=77.10", "--set", "pin=2468")


def teach_claim(folder: Path) -> Skill:
    """Play the demonstration into ``folder`` and reduce it to the skill 'file-expense'."""
    claims = folder / "demo-claims.jsonl"
    app = legacy_app(claims)
    try:
        _, _, ocr = build_eyes()
        demo = Demonstrator(folder, ocr)
        file_a_claim(demo, DEMO_PIN)
    finally:
        app.stop()
    (record,) = [json.loads(line) for line in claims.read_text().splitlines()]
    assert (record["employee"], record["amount"]) == ("Zhang San", "42.50"), "the demonstration itself failed"
    return skill_from_recording(demo.events, folder, "file-expense", "file an expense claim", ocr)


def store(skill: Skill) -> None:
    with SkillStore(data_dir() / "skills.db") as skills:
        skills.save(skill)
