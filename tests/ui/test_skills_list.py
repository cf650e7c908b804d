"""The skills list over the real skill store: run with a value asked in the conversation, rename, delete."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.cli.skills import import_file
from app.services.skills import open_store
from app.ui.launch import PanelApp
from app.ui.skills import SkillsList
from automation.decisions import RunSkill
from automation.skill_card import SkillParam
from automation.skills.model import Anchor, ClickStep, Skill, TypeStep, WindowMatch
from models.fakes import ScriptedPolicy
from tests.support.panel_stand_ins import ScriptedAgent

EXPENSE = Skill("file expense", "files an expense claim", (SkillParam("amount", "What amount?", "12.00"),))


@pytest.fixture
def stored() -> None:
    with open_store() as store:
        store.save(EXPENSE)
        store.save(Skill("export claims"))


@pytest.fixture
def scripted() -> ScriptedAgent:
    return ScriptedAgent(ScriptedPolicy())


@pytest.fixture
def panel_app(qtbot: QtBot, stored: None, scripted: ScriptedAgent) -> Iterator[PanelApp]:
    made = PanelApp(scripted, ring_seconds=0.01)
    made.start()
    qtbot.waitUntil(lambda: made.panel.status.text() == "ready")
    yield made
    made.close()


def choose(skills: SkillsList, name: str) -> None:
    (item,) = skills.names.findItems(name, Qt.MatchFlag.MatchExactly)
    skills.names.setCurrentItem(item)


def test_running_a_skill_asks_its_missing_value_in_the_conversation(
    qtbot: QtBot, panel_app: PanelApp, scripted: ScriptedAgent
) -> None:
    panel = panel_app.panel
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
    assert scripted.skills_run == [RunSkill("file expense", {"amount": "42.50"})]


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


def test_export_writes_a_skill_file_that_imports_back(qtbot: QtBot, tmp_path: Path) -> None:
    form = WindowMatch("Tk", "Expense form")
    pin = SkillParam("pin", "Your PIN?", "", secret=True)
    skill = Skill(
        "file expense",
        "files an expense claim",
        (EXPENSE.params[0], pin),
        steps=(
            TypeStep("{amount}", Anchor(form, "Amount", field=True), form),
            TypeStep("{pin}", Anchor(form, "PIN", field=True), form),
            ClickStep(Anchor(form, "Submit"), expect="Saved"),
        ),
    )
    with open_store() as store:
        store.save(skill)
    target = tmp_path / "shared" / "expense.json"
    target.parent.mkdir()
    asked: list[str] = []
    skills = SkillsList(where=lambda parent, name: asked.append(name) or target)
    qtbot.addWidget(skills)
    choose(skills, "file expense")
    with qtbot.waitSignal(skills.said) as said:
        qtbot.mouseClick(skills.export_button, Qt.MouseButton.LeftButton)
    assert asked == ["file expense"]
    assert said.args[0].startswith(f"exported 'file expense' to {target}: 3 steps")
    assert "left out: the value of pin" in said.args[0]
    with open_store() as store:
        assert import_file(store, str(target), "file expense (copy)", replace_it=False) == 0
        copy = store.get("file expense (copy)")
    assert (copy.description, copy.params, copy.steps) == (skill.description, skill.params, skill.steps)


def test_an_export_that_cannot_be_written_says_why(qtbot: QtBot, stored: None, tmp_path: Path) -> None:
    skills = SkillsList(where=lambda parent, name: tmp_path / "no such folder" / "x.json")
    qtbot.addWidget(skills)
    choose(skills, "file expense")
    with qtbot.waitSignal(skills.failed) as failed:
        qtbot.mouseClick(skills.export_button, Qt.MouseButton.LeftButton)
    assert "cannot write" in failed.args[0] and "folder you can write to" in failed.args[1]


def test_an_imported_skill_is_greyed_and_runs_only_after_its_review(qtbot: QtBot, stored: None, tmp_path: Path) -> None:
    from app.services.sharing import write_export

    form = WindowMatch("Tk", "Expenses")
    shared = Skill(
        "shared claim",
        params=(SkillParam("amount", "What amount?", "1"),),
        steps=(TypeStep("{amount}", Anchor(form, "Amount", field=True), form), ClickStep(Anchor(form, "Submit"))),
    )
    write_export(shared, tmp_path / "shared.json", force=False)
    with open_store() as store:
        import_file(store, str(tmp_path / "shared.json"), None, replace_it=False)
    shown: list[list[str]] = []
    skills = SkillsList(approve=lambda parent, name, lines: shown.append(lines) is None)
    qtbot.addWidget(skills)
    choose(skills, "shared claim")
    (item,) = skills.names.findItems("shared claim", Qt.MatchFlag.MatchExactly)
    from PySide6.QtGui import QPalette

    grey = skills.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    assert item.foreground().color() == grey and "not reviewed" in item.toolTip()
    assert not skills.run_button.isEnabled() and skills.enable_button.isEnabled()
    with qtbot.assertNotEmitted(skills.run):
        skills.names.itemDoubleClicked.emit(item)
    with qtbot.waitSignal(skills.said) as said:
        qtbot.mouseClick(skills.enable_button, Qt.MouseButton.LeftButton)
    assert said.args[0] == "enabled 'shared claim'"
    assert any("applications it acts in: Tk" in line for line in shown[0])
    assert any("step 2: click 'Submit'" in line for line in shown[0])
    choose(skills, "shared claim")
    assert skills.run_button.isEnabled() and not skills.enable_button.isEnabled()
    with open_store() as store:
        assert store.get("shared claim").enabled
