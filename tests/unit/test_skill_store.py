"""The skill document format and the SQLite store: round trips, migrations, damage."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from automation.errors import ActionFailed, EnvironmentProblem
from automation.skill_card import SkillParam
from automation.skills.serialize import SkillFormatError, dumps, loads
from automation.skills.store import SCHEMA_VERSION, SkillNotFound, SkillStore, current_version, migrate
from tests.support.sample_skills import PNG, skill


def test_the_document_round_trips_with_and_without_crops() -> None:
    original = skill()
    again = loads(dumps(original), crops=original.crops)
    assert again == original and again.crops == original.crops
    exported = loads(dumps(original, with_crops=True))
    assert exported.crops == original.crops


def test_the_document_is_readable_json() -> None:
    data = json.loads(dumps(skill()))
    assert (data["format"], data["version"], data["name"]) == ("deskhand-skill", 3, "file-expense")
    assert list(data["steps"][0]) == ["type"] and data["steps"][0]["type"]["into"]["label"] == "Amount"
    assert data["steps"][0]["type"]["window"] == {"app": "Tk", "title": "Legacy Expense System", "exe": ""}
    assert data["steps"][-1]["click"]["expect"] == "Submit this claim?"
    assert "crops" not in data


def test_a_secret_example_is_never_written() -> None:
    leaky = skill(params=(SkillParam("pin", "PIN", "7319", secret=True),))
    assert "7319" not in dumps(leaky, with_crops=True)
    assert loads(dumps(leaky)).params[0].example == ""


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("{not json", "line 1 column 2: not valid JSON"),
        ('{"format": "something-else"}', "format: not a deskhand-skill document"),
        ('{"format": "deskhand-skill", "version": 99, "name": "x"}', "version: 99 is newer than this Deskhand reads"),
        ('{"format": "deskhand-skill", "version": 1, "steps": []}', "name: missing"),
    ],
)
def test_bad_documents_say_why_and_where(text: str, reason: str) -> None:
    with pytest.raises(SkillFormatError, match=reason) as err:
        loads(text, "skill.json")
    assert err.value.exit_code == 1 and "skill.json" in err.value.message


# --- the store ------------------------------------------------------------------------


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "skills.db"


def test_save_get_list_rename_delete(db: Path) -> None:
    with SkillStore(db) as store:
        store.save(skill())
        store.save(skill("export-report", "export the monthly report", steps=(), crops={}))
        got = store.get("FILE-EXPENSE")  # names are case-insensitive
        assert got == skill() and got.crops == {"crop-2.png": PNG}
        assert [s.name for s in store.list()] == ["export-report", "file-expense"]
        assert store.list()[1].crops == {}  # listing leaves the pictures in the database
        store.rename("file-expense", "file-claim")
        assert store.get("file-claim").steps == skill().steps
        store.delete("export-report")
        assert store.names() == ["file-claim"]
    with SkillStore(db) as again:  # it was all written down
        assert again.get("file-claim").crops == {"crop-2.png": PNG}
        assert again._conn.execute("SELECT count(*) FROM crops").fetchone() == (1,)


def test_the_database_is_wal_and_current(db: Path) -> None:
    with SkillStore(db) as store:
        assert store._conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert current_version(store._conn) == SCHEMA_VERSION == 4


def test_unknown_names_raise_exit_4_with_the_closest(db: Path) -> None:
    with SkillStore(db) as store:
        store.save(skill())
        store.save(skill("export-report"))
        with pytest.raises(SkillNotFound) as err:
            store.get("file-expence")
        assert err.value.exit_code == 4 and err.value.candidates[0] == "file-expense"
        assert "no skill named 'file-expence'; closest: 'file-expense'" in err.value.message
        for call in (lambda: store.delete("nope"), lambda: store.rename("nope", "x")):
            with pytest.raises(SkillNotFound):
                call()


def test_names_are_not_taken_twice(db: Path) -> None:
    with SkillStore(db) as store:
        store.save(skill())
        store.save(skill("other"))
        with pytest.raises(ActionFailed, match="already exists"):
            store.save(skill("File-Expense"))
        with pytest.raises(ActionFailed, match="already exists"):
            store.rename("other", "file-expense")
        store.save(skill(description="new text", crops={}), replace=True)
        assert store.get("file-expense").description == "new text" and store.get("file-expense").crops == {}
        store.rename("other", "Other")  # only its case: still the same skill


def test_find_ranks_by_name_description_and_examples(db: Path) -> None:
    with SkillStore(db) as store:
        store.save(skill())
        store.save(skill("export-report", "export the monthly report as PDF", examples=()))
        store.save(skill("approve-leave", "approve a leave request", examples=("approve Li Si's holiday",)))
        assert [c.name for c in store.find("file a lunch expense of 42.50 with Zhang San", k=1)] == ["file-expense"]
        assert store.find("export the report")[0].name == "export-report"
        assert store.find("approve the holiday of Wang Wu")[0].name == "approve-leave"
        assert store.find("play some music") == []
        card = store.find("expense claim")[0]
        assert card.params[0].name == "amount" and card.examples == ("file a lunch of 42.50",)


def test_runs_are_counted(db: Path) -> None:
    with SkillStore(db) as store:
        store.save(skill())
        store.record_run("file-expense", 2.5, True, 0)
        store.record_run("file-expense", 4.0, False, 1, "step 3: not found")
        runs = store.runs("file-expense")
        assert (runs.count, runs.ok, runs.last_seconds) == (2, 1, 4.0)


def test_upgrade_from_version_1(db: Path) -> None:
    db.parent.mkdir(parents=True)
    conn = sqlite3.connect(db, isolation_level=None)
    assert migrate(conn, target=1) == 1
    assert "updated" not in [row[1] for row in conn.execute("PRAGMA table_info(skills)")]
    conn.execute("INSERT INTO skills (name, body, created) VALUES (?, ?, ?)", ("file-expense", dumps(skill()), 1000.0))
    conn.execute("INSERT INTO crops (skill, name, png) VALUES (1, 'crop-2.png', ?)", (PNG,))
    conn.close()
    with SkillStore(db) as store:
        assert current_version(store._conn) == SCHEMA_VERSION
        assert store.get("file-expense") == skill() and store.get("file-expense").crops == {"crop-2.png": PNG}
        assert store._conn.execute("SELECT updated FROM skills").fetchone() == (1000.0,)
        store.record_run("file-expense", 1.0, True, 0)  # the table version 2 added
        assert store.runs("file-expense").count == 1


def test_a_database_from_a_newer_deskhand_is_refused(db: Path) -> None:
    SkillStore(db).close()
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("UPDATE schema_version SET version = 99")
    conn.close()
    with pytest.raises(EnvironmentProblem, match="schema version 99") as err:
        SkillStore(db)
    assert err.value.exit_code == 7


def test_a_damaged_file_names_itself_and_the_way_out(db: Path) -> None:
    with SkillStore(db) as store:
        store.save(skill())
    data = bytearray(db.read_bytes())
    data[:100] = b"\x00not a database any more\x00".ljust(100, b"#")
    db.write_bytes(bytes(data))
    with pytest.raises(EnvironmentProblem) as err:
        SkillStore(db)
    assert err.value.exit_code == 7 and str(db) in err.value.message
    assert f"mv {db} {db}.damaged" in err.value.fix and ".recover" in err.value.fix


def test_one_garbled_skill_leaves_the_others_readable(db: Path) -> None:
    with SkillStore(db) as store:
        for name in ("alpha", "beta", "gamma"):
            store.save(skill(name, f"marker-{name}-" + "x" * 40))
    data = db.read_bytes()
    at = data.index(b"marker-beta-")
    db.write_bytes(data[:at] + b'"}\x01{' + data[at + 4 :])  # the JSON text of one row, not the file's structure
    with SkillStore(db) as store:
        skills, bad = store.scan()
        assert [s.name for s in skills] == ["alpha", "gamma"]
        assert [b.name for b in bad] == ["beta"] and "not valid JSON" in bad[0].reason
        with pytest.raises(SkillFormatError) as err:
            store.get("beta")
        assert err.value.exit_code == 1 and str(db) in err.value.message and "skills rm" in err.value.fix
        assert store.get("gamma").name == "gamma"
        store.delete("beta")  # the way out the message gives works
        assert store.names() == ["alpha", "gamma"]


def test_a_damaged_page_loses_only_the_skills_on_it(db: Path) -> None:
    with SkillStore(db) as store:
        for name in ("alpha", "beta", "gamma", "delta"):
            # ~2.6 KB a row: one per 4 KiB page, with no overflow pages
            store.save(skill(name, f"marker-{name}-" + "x" * 2500, steps=(), crops={}))
        page = store._conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(db.read_bytes())
    start = data.index(b"marker-gamma-") // page * page
    data[start] = 0x42  # not a valid b-tree page type
    db.write_bytes(bytes(data))
    with SkillStore(db) as store:
        skills, bad = store.scan()
        assert [b.name for b in bad] == ["gamma"] and "cannot be read" in bad[0].reason
        assert [s.name for s in skills] == ["alpha", "beta", "delta"]
        with pytest.raises(EnvironmentProblem) as err:
            store.get("gamma")
        assert "skill 'gamma'" in err.value.message and str(db) in err.value.message


def test_the_history_keeps_each_runs_values_but_never_a_secret(db: Path) -> None:
    with SkillStore(db) as store:
        store.save(skill())
        store.record_run("file-expense", 1.5, True, 0, args={"amount": "77.10", "pin": "2468"})
        store.record_run("file-expense", 2.0, False, 0, "step 2 failed", args={"amount": "abc"})
        store.record_run("FILE-EXPENSE", 1.0, True, 0, args={"amount": "9.99"}, request="file 9.99")
        everything = store.history()
        good = store.history(ok_only=True)
    assert [(r.ok, r.args) for r in everything] == [
        (True, {"amount": "77.10"}),
        (False, {"amount": "abc"}),
        (True, {"amount": "9.99"}),
    ]
    assert [(r.skill, r.args, r.request) for r in good] == [
        ("file-expense", {"amount": "77.10"}, ""),
        ("file-expense", {"amount": "9.99"}, "file 9.99"),
    ]
    files = [p for p in db.parent.iterdir() if p.is_file()]
    assert files and not [p for p in files if b"2468" in p.read_bytes()]


def test_upgrade_from_version_2_keeps_the_runs(db: Path) -> None:
    db.parent.mkdir(parents=True)
    conn = sqlite3.connect(db, isolation_level=None)
    assert migrate(conn, target=2) == 2
    body = dumps(skill())
    conn.execute("INSERT INTO skills (name, body, created, updated) VALUES (?, ?, 1, 1)", ("file-expense", body))
    conn.execute("INSERT INTO runs (skill, started, seconds, ok, model_calls) VALUES (1, 5.0, 1.2, 1, 0)")
    conn.close()
    with SkillStore(db) as store:
        assert current_version(store._conn) == SCHEMA_VERSION == 4
        (old,) = store.history()
    assert (old.started, old.ok, old.args, old.request) == (5.0, True, {}, "")
