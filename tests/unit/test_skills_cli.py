"""`deskhand skills ...` and the parts of `deskhand replay` that need no screen."""

from __future__ import annotations

import json

import pytest

from app.main import main
from app.services.paths import data_dir
from automation.skills.store import SkillStore
from tests.support.sample_skills import skill


@pytest.fixture(autouse=True)
def stored() -> None:
    with SkillStore(data_dir() / "skills.db") as store:
        store.save(skill())
        store.save(skill("export-report", "export the monthly report", params=()))
        store.record_run("file-expense", 2.0, True, 0)


def test_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["skills", "list"]) == 0
    out = capsys.readouterr().out
    assert "file-expense: 5 steps; parameters: amount, pin (secret); 1/1 runs ok, last 2.0 s" in out
    assert main(["skills", "list", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [s["name"] for s in data["skills"]] == ["export-report", "file-expense"]
    assert data["skills"][1]["runs"]["ok"] == 1 and data["unreadable"] == []


def test_show(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["skills", "show", "file-expense"]) == 0
    out = capsys.readouterr().out
    assert "pin              PIN in 'Legacy Expense System' (secret: asked on every run)" in out
    assert "5. double-click 'Submit' in 'Legacy Expense System' [Tk] (at 50%,86%, picture)" in out
    assert "expect 'Submit this claim?'" in out
    assert main(["skills", "show", "file-expense", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "deskhand-skill" and data["steps"][0]["type"]["text"] == "{amount}"


def test_rename_and_rm(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["skills", "rename", "file-expense", "file-claim"]) == 0
    assert main(["skills", "rm", "export-report"]) == 0
    assert main(["skills", "list", "--json"]) == 0
    out = capsys.readouterr().out
    assert [s["name"] for s in json.loads(out[out.index("{") :])["skills"]] == ["file-claim"]


@pytest.mark.parametrize("argv", [["show", "file-expence"], ["rm", "file-expence"], ["rename", "file-expence", "x"]])
def test_unknown_names_exit_4_with_the_closest(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["skills", *argv]) == 4
    assert "no skill named 'file-expence'; closest: 'file-expense'" in capsys.readouterr().err


def test_replay_of_an_unknown_skill_exits_4(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["replay", "file-expens"]) == 4
    assert "closest: 'file-expense'" in capsys.readouterr().err


def test_replay_without_a_value_exits_3_naming_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["replay", "file-expense", "--set", "amount=9.90"]) == 3
    err = capsys.readouterr().err
    assert "needs values for: pin (PIN in 'Legacy Expense System', secret)" in err
    assert "fix: deskhand replay file-expense --set pin=..." in err


@pytest.mark.parametrize(
    ("value", "says"), [("amout=1", "no parameter amout; it takes: amount, pin"), ("amount", "KEY=VALUE")]
)
def test_replay_with_a_wrong_set_exits_2(value: str, says: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["replay", "file-expense", "--set", value]) == 2
    assert says in capsys.readouterr().err
