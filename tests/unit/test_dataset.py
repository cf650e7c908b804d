"""Fine-tuning examples from skills and runs, and `deskhand dataset export`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.main import main
from app.services.paths import data_dir
from automation.skill_card import SkillCard, SkillParam
from automation.skills.model import Skill
from automation.skills.store import SkillStore
from models.training.dataset import PastCall, build, request_for

EXPENSE = SkillCard(
    "file-expense",
    "file an expense claim",
    (
        SkillParam("employee", "Who spent it", "Zhang San"),
        SkillParam("amount", "How much", "42.50"),
        SkillParam("email", "Where the receipt goes", "zs@example.com"),
        SkillParam("pin", "PIN", "", secret=True),
    ),
    ("file 42.50 for Zhang San", "file a lunch expense", "file a claim of 42.50, receipt to zs@example.com"),
)
REPORT = SkillCard("export-report", "export the monthly report", ())


def calls(data: object) -> list[tuple[str, dict[str, str]]]:
    out = []
    for example in data.examples:  # type: ignore[attr-defined]
        system, user, assistant = example["messages"]
        assert (system["role"], user["role"], assistant["role"]) == ("system", "user", "assistant")
        call = json.loads(assistant["content"])
        out.append((user["content"], call["args"]))
    return out


def test_example_requests_call_the_skill_with_the_values_they_mention() -> None:
    data = build([EXPENSE, REPORT])
    assert calls(data) == [
        ("file 42.50 for Zhang San", {"employee": "Zhang San", "amount": "42.50"}),
        ("file a lunch expense", {}),  # nothing mentioned: the model must ask, not guess
        ("file a claim of 42.50, receipt to <EMAIL>", {"amount": "42.50", "email": "<EMAIL>"}),
    ]
    system = data.examples[0]["messages"][0]["content"]
    assert "- file-expense: file an expense claim. Parameters: employee (Who spent it), amount (How much)" in system
    assert "pin (secret)" in system and "- export-report: export the monthly report. Parameters: none." in system
    assert data.from_requests == 3 and data.scrubbed["EMAIL"] == 2


def test_runs_become_requests_in_the_users_words_or_the_examples_or_the_description() -> None:
    runs = [
        PastCall("file-expense", {"employee": "Li Si", "amount": "77.10", "pin": "2468"}, "file Li Si's taxi, 77.10"),
        PastCall("FILE-EXPENSE", {"employee": "Wang Wu", "amount": "9.99", "email": "ww@corp.cn"}),
        PastCall("export-report", {}),
        PastCall("gone-skill", {"x": "1"}),  # its skill was removed since: left out
    ]
    data = build([EXPENSE, REPORT], runs)
    assert calls(data)[3:] == [
        ("file Li Si's taxi, 77.10", {"employee": "Li Si", "amount": "77.10"}),
        ("file 9.99 for Wang Wu", {"employee": "Wang Wu", "amount": "9.99"}),
        ("export the monthly report", {}),
    ]
    assert data.from_runs == 3
    assert "2468" not in json.dumps(data.examples)


def test_the_example_that_mentions_most_values_is_rephrased_and_the_rest_described() -> None:
    args = {"employee": "Wang Wu", "amount": "9.99", "email": "ww@corp.cn"}
    assert request_for(EXPENSE, args) == ("file 9.99 for Wang Wu", {"employee": "Wang Wu", "amount": "9.99"})
    bare = SkillCard("pay", "", (SkillParam("payee", example="ACME"), SkillParam("unit_price", example="3")))
    assert request_for(bare, {"payee": "Initech", "unit_price": "4"}) == (
        "pay: payee Initech, unit price 4",
        {"payee": "Initech", "unit_price": "4"},
    )


def test_identical_examples_are_kept_once() -> None:
    runs = [PastCall("export-report", {})] * 3
    data = build([REPORT], runs)
    assert (len(data.examples), data.from_runs, data.duplicates) == (1, 1, 2)


# --- the command -----------------------------------------------------------------------


@pytest.fixture
def store() -> None:
    params = EXPENSE.params
    with SkillStore(data_dir() / "skills.db") as skills:
        skills.save(Skill("file-expense", EXPENSE.description, params, examples=EXPENSE.examples))
        skills.record_run("file-expense", 1.2, True, 0, args={"employee": "Li Si", "amount": "1.00", "pin": "8642"})
        skills.record_run("file-expense", 1.2, False, 0, "failed", args={"employee": "Bad Row", "amount": "x"})
        skills.record_run("file-expense", 1.3, True, 0, args={"employee": "Call 13800138000", "amount": "2.00"})


def test_export_writes_one_chat_example_a_line(store: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "train.jsonl"
    assert main(["dataset", "export", str(out)]) == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    users = [e["messages"][1]["content"] for e in lines]
    assert users == [
        "file 42.50 for Zhang San",
        "file a lunch expense",
        "file a claim of 42.50, receipt to <EMAIL>",
        "file 1.00 for Li Si",
        "file 2.00 for Call <PHONE>",  # a phone number in a value is scrubbed too
    ]
    assert "Bad Row" not in out.read_text() and "8642" not in out.read_text()
    printed = capsys.readouterr().out
    assert f"wrote 5 examples to {out}: 3 from 1 skills' example requests, 2 from 2 successful runs" in printed
    assert "scrubbed: 2 emails, 2 phone numbers" in printed  # placeholders put in: requests and arguments

    assert main(["dataset", "export", str(out), "--skills-only"]) == 0
    assert len(out.read_text().splitlines()) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "train.jsonl"]  # no temporary file left


def test_export_into_a_missing_folder_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dataset", "export", str(tmp_path / "nowhere" / "train.jsonl")]) == 2
    assert "no folder" in capsys.readouterr().err


def test_a_demonstration_gives_screen_to_next_action_examples_up_to_its_first_secret() -> None:
    from automation.skill_card import SkillParam
    from automation.skills.model import Anchor, ClickStep, Skill, TypeStep, WindowMatch
    from models.training.dataset import build, screen_steps

    form = WindowMatch("Tk", "Legacy Expense System")
    screen = ("Employee", "Amount", "PIN", "Submit", "mail li.si@example.com")
    skill = Skill(
        "file-expense",
        params=(SkillParam("amount", example="42.50"), SkillParam("pin", secret=True)),
        steps=(
            ClickStep(Anchor(form, "Amount", field=True), seen=screen),
            TypeStep("{amount}", Anchor(form, "Amount", field=True), form),
            ClickStep(Anchor(form, "PIN", field=True), seen=screen),
            TypeStep("{pin}", Anchor(form, "PIN", field=True), form),
            ClickStep(Anchor(form, "Submit"), seen=screen),
        ),
        examples=("file a lunch of 42.50",),
    )
    steps = screen_steps(skill)
    assert [s.action for s in steps] == [
        {"action": "click", "target": "Amount", "field": True},
        {"action": "type", "text": "42.50", "into": "Amount"},
        {"action": "click", "target": "PIN", "field": True},
    ]  # the secret stops it: nothing after the PIN is an example
    assert steps[2].done == ("click Amount", "type 42.50 Amount")
    data = build([skill.card()], steps=steps)
    assert data.from_steps == 3
    user = data.examples[-1]["messages"][1]["content"]
    assert user.startswith("Task: file a lunch of 42.50") and '"Submit"' in user
    assert "li.si@example.com" not in user and "<EMAIL>" in user
