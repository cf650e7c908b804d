"""The skills list over the real skill store: run with a value asked in the conversation, rename, delete."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.skills_command import open_store
from app.ui.launch import Overlay
from app.ui.skills import SkillsList
from automation.agent.decisions import RunSkill
from automation.skills.model import Skill
from automation.types import SkillParam
from models.fakes import ScriptedPolicy
from tests.ui.stand_ins import ScriptedBrain

EXPENSE = Skill("file expense", "files an expense claim", (SkillParam("amount", "What amount?", "12.00"),))


@pytest.fixture
def stored() -> None:
    with open_store() as store:
        store.save(EXPENSE)
        store.save(Skill("export claims"))


@pytest.fixture
def brain() -> ScriptedBrain:
    return ScriptedBrain(ScriptedPolicy())


@pytest.fixture
def overlay(qtbot: QtBot, stored: None, brain: ScriptedBrain) -> Iterator[Overlay]:
    made = Overlay(brain, ring_seconds=0.01)
    qtbot.addWidget(made.panel)
    made.start()
    qtbot.waitUntil(lambda: made.panel.status.text() == "ready")
    yield made
    made.close()


def choose(skills: SkillsList, name: str) -> None:
    (item,) = skills.names.findItems(name, Qt.MatchFlag.MatchExactly)
    skills.names.setCurrentItem(item)


def test_running_a_skill_asks_its_missing_value_in_the_conversation(
    qtbot: QtBot, overlay: Overlay, brain: ScriptedBrain
) -> None:
    panel = overlay.panel
    assert [panel.skills.names.item(i).text() for i in range(panel.skills.names.count())] == [
        "export claims",
        "file expense",
    ]
    choose(panel.skills, "file expense")
    qtbot.mouseClick(panel.skills.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.asking)
    assert "What amount?" in panel.transcript.toPlainText()
    qtbot.keyClicks(panel.input, "42.50")
    qtbot.keyClick(panel.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "ran skill 'file expense'" in panel.transcript.toPlainText())
    assert brain.skills_run == [RunSkill("file expense", {"amount": "42.50"})]


def test_rename_and_delete_change_the_store(qtbot: QtBot, stored: None) -> None:
    skills = SkillsList(new_name=lambda parent, old: "file a claim", sure=lambda parent, name: True)
    qtbot.addWidget(skills)
    choose(skills, "file expense")
    qtbot.mouseClick(skills.rename_button, Qt.MouseButton.LeftButton)
    with open_store() as store:
        assert store.names() == ["export claims", "file a claim"]
    choose(skills, "export claims")
    qtbot.mouseClick(skills.delete_button, Qt.MouseButton.LeftButton)
    with open_store() as store:
        assert store.names() == ["file a claim"]
    assert skills.names.count() == 1


def test_a_refused_rename_shows_why(qtbot: QtBot, stored: None) -> None:
    skills = SkillsList(new_name=lambda parent, old: "export claims")
    qtbot.addWidget(skills)
    choose(skills, "file expense")
    with qtbot.waitSignal(skills.failed) as failed:
        qtbot.mouseClick(skills.rename_button, Qt.MouseButton.LeftButton)
    assert "already exists" in failed.args[0]
