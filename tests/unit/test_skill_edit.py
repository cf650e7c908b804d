"""`deskhand skills edit`: rename, describe and fix parameters, add example requests."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from app.main import main
from app.services.paths import data_dir
from automation.errors import Refused, UsageError
from automation.skill_card import SkillParam
from automation.skills.edit import ParamNotFound, add_examples, describe_param, make_constant, rename_param
from automation.skills.model import Anchor, Skill, TypeStep
from automation.skills.share import export_text, read_skill_file
from automation.skills.store import SkillStore
from tests.support.sample_skills import FORM, claim_skill


def lunch() -> Skill:
    """A skill typing one value twice (a field and a note), with a generated name to fix."""
    return replace(
        claim_skill("lunch"),
        params=(*claim_skill().params, SkillParam("value_1", "text typed into 'Legacy Expense System'", "Li Si")),
        steps=(
            *claim_skill().steps,
            TypeStep("{value_1}", Anchor(FORM, "Attendees", field=True), FORM),
            TypeStep("lunch with {value_1} ({amount})", Anchor(FORM, "Note", field=True), FORM),
        ),
    )


def texts(skill: Skill) -> list[str]:
    return [s.text for s in skill.steps if isinstance(s, TypeStep)]


def test_a_rename_follows_every_placeholder() -> None:
    renamed = rename_param(lunch(), "value_1", "attendees")
    assert [p.name for p in renamed.params] == ["employee", "amount", "pin", "attendees"]
    assert renamed.params[3].example == "Li Si"
    assert texts(renamed)[-2:] == ["{attendees}", "lunch with {attendees} ({amount})"]
    assert rename_param(renamed, "attendees", "attendees") == renamed


@pytest.mark.parametrize(("new", "says"), [("amount", "already has a parameter 'amount'"), ("Amount", "'amount'")])
def test_a_rename_onto_a_taken_name_is_refused(new: str, says: str) -> None:
    with pytest.raises(UsageError, match=says) as err:
        rename_param(lunch(), "value_1", new)
    assert err.value.exit_code == 2


@pytest.mark.parametrize("new", ["who ate", "", "{x}", "a" * 201])
def test_a_rename_to_something_that_is_not_a_name_is_refused(new: str) -> None:
    with pytest.raises(UsageError, match="not a parameter name"):
        rename_param(lunch(), "value_1", new)


def test_a_description_is_the_question_asked_for_the_value() -> None:
    described = describe_param(lunch(), "value_1", "Who did you eat with?")
    assert described.params[3] == SkillParam("value_1", "Who did you eat with?", "Li Si")
    assert described.steps == lunch().steps


def test_a_constant_is_typed_and_no_longer_asked_for() -> None:
    fixed = make_constant(lunch(), "amount", "12.00")
    assert "amount" not in [p.name for p in fixed.params]
    assert texts(fixed)[1] == "12.00 EUR" and texts(fixed)[-1] == "lunch with {value_1} (12.00)"


def test_a_secret_is_never_made_constant() -> None:
    with pytest.raises(Refused, match="'pin' is a secret") as err:
        make_constant(lunch(), "pin", "7319")
    assert err.value.exit_code == 8
    # nor a value typed into a password-like field, even when the parameter was not marked secret
    unmarked = replace(lunch(), params=tuple(replace(p, secret=False) for p in lunch().params))
    with pytest.raises(Refused):
        make_constant(unmarked, "pin", "7319")


def test_a_constant_that_looks_like_a_placeholder_is_refused() -> None:
    with pytest.raises(UsageError, match="parameter"):
        make_constant(lunch(), "amount", "{employee}")


def test_an_unknown_parameter_names_the_closest() -> None:
    with pytest.raises(ParamNotFound) as err:
        describe_param(lunch(), "amout", "How much?")
    assert err.value.exit_code == 4 and err.value.candidates[0] == "amount"
    assert "skill 'lunch' has no parameter 'amout'; closest: 'amount'" in err.value.message


def test_examples_are_added_once() -> None:
    more = add_examples(
        lunch(), ["  lunch with Li Si  ", "LUNCH WITH LI SI", "", "file a lunch of 42.50 for zhang san"]
    )
    assert more.examples == (*lunch().examples, "lunch with Li Si")


# --- through the command line -----------------------------------------------------------------


@pytest.fixture(autouse=True)
def stored() -> None:
    with SkillStore(data_dir() / "skills.db") as skills:
        skills.save(lunch())


def get(name: str = "lunch") -> Skill:
    with SkillStore(data_dir() / "skills.db") as skills:
        return skills.get(name)


def test_several_edits_in_one_call_in_order(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["skills", "edit", "lunch", "--param", "value_1", "--rename", "attendees"]
    argv += ["--describe", "Who did you eat with?", "--param", "amount", "--constant", "12.00"]
    argv += ["--example", "file my lunch with Li Si", "--description", "a lunch claim"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "renamed value_1 to attendees" in out and "attendees: 'Who did you eat with?'" in out
    assert "amount is no longer a parameter: the steps type '12.00'" in out
    skill = get()
    assert [p.name for p in skill.params] == ["employee", "pin", "attendees"]
    assert skill.params[2].description == "Who did you eat with?" and skill.description == "a lunch claim"
    assert texts(skill)[-1] == "lunch with {attendees} (12.00)"
    assert skill.examples[-1] == "file my lunch with Li Si"
    assert read_skill_file(export_text(skill).encode(), "edited.json") == skill  # still a valid skill file


@pytest.mark.parametrize(
    ("argv", "code", "says"),
    [
        (["--param", "amout", "--describe", "How much?"], 4, "no parameter 'amout'; closest: 'amount'"),
        (["--param", "value_1", "--rename", "employee"], 2, "already has a parameter 'employee'"),
        (["--param", "pin", "--constant", "7319"], 8, "'pin' is a secret"),
        (["--param", "value_1", "--rename", "x", "--param", "nope", "--describe", "?"], 4, "no parameter 'nope'"),
        (["--param", "amount"], 2, "--param amount needs --rename NEW, --describe TEXT, --constant VALUE or --secret"),
        ([], 2, "give --rename NEW"),
    ],
)
def test_impossible_edits_are_refused_and_change_nothing(
    argv: list[str], code: int, says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = get()
    assert main(["skills", "edit", "lunch", *argv]) == code
    assert says in capsys.readouterr().err
    after = get()
    assert after == before and after.crops == before.crops


def test_an_edit_needs_its_parameter_named_first(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["skills", "edit", "lunch", "--describe", "How much?"])
    assert exit_.value.code == 2
    assert "--describe edits a parameter: put --param PARAM before it" in capsys.readouterr().err


def test_an_unknown_skill_exits_4(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["skills", "edit", "lunhc", "--example", "x"]) == 4
    assert "closest: 'lunch'" in capsys.readouterr().err


def test_the_edit_shows_in_skills_show(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["skills", "edit", "lunch", "--param", "value_1", "--describe", "Who did you eat with?"]) == 0
    assert main(["skills", "show", "lunch", "--json"]) == 0
    out = capsys.readouterr().out
    data = json.loads(out[out.index("{") :])
    assert data["params"][3] == {
        "name": "value_1",
        "description": "Who did you eat with?",
        "example": "Li Si",
        "secret": False,
    }


# --- a parameter marked secret after the fact ---------------------------------------------


def test_marking_a_parameter_secret_takes_its_values_out_of_history_recordings_and_skill(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from automation.recording import journal
    from automation.recording.events import KeyDown, KeyUp, Secret, WindowRef
    from automation.types import Box

    with SkillStore(data_dir() / "skills.db") as skills:
        skills.record_run("lunch", 1.0, True, 0, args={"value_1": "Wang Wu", "amount": "9.00"}, request="with Wang Wu")
        skills.record_run("lunch", 1.0, False, 0, "typed 'Zhao Liu' but nothing changed", args={"value_1": "Zhao Liu"})
    window = WindowRef(7, "Legacy Expense System", "Tk", Box(0, 0, 300, 200))
    demo = journal.Journal.create(data_dir() / "recordings", "lunch")
    for t, char in enumerate("xLi Si"):  # the demonstrated value, typed key by key
        demo.append(KeyDown(float(t), char, window))
        demo.append(KeyUp(float(t) + 0.5, char, window))
    demo.finish("stopped", 6.0)
    demo.close()

    assert main(["skills", "edit", "lunch", "--param", "value_1", "--rename", "code", "--secret"]) == 0
    out = capsys.readouterr().out
    assert "code is a secret" in out and "3 past value(s) taken out of the history, 1 typed" in out
    skill = get()
    (code,) = [p for p in skill.params if p.name == "code"]
    assert code.secret and code.example == ""
    with SkillStore(data_dir() / "skills.db") as skills:
        kept = skills.history()
    assert all("value_1" not in r.args and "code" not in r.args for r in kept) and kept[0].args == {"amount": "9.00"}
    assert [r.request for r in kept] == ["with <secret>", ""] and "Zhao Liu" not in kept[1].message
    events = journal.load(demo.folder).events
    assert list(events) == [Secret(0.0, 6, window)]
    for path in data_dir().rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"Wang Wu" not in data and b"Zhao Liu" not in data and b"Li Si" not in data, path
