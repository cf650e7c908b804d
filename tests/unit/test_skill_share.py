"""`deskhand skills export` / `import`: the skill file, its checks, and broken files refused cleanly.

Broken files are generated with Hypothesis from a real export: truncated, with bytes that
are not UTF-8, with JSON punctuation replaced, with keys dropped, renamed or retyped at
any depth, with huge strings, with a wrong version or not an object at all. Every one
must exit 2 through `deskhand`'s own entry point, with no traceback, naming where the
problem is, and leave the store byte for byte as it was.
"""

from __future__ import annotations

import base64
import copy
import io
import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.main import main
from app.services.paths import data_dir
from automation.skill_card import SkillParam
from automation.skills import serialize
from automation.skills.model import ClickStep, Skill
from automation.skills.share import MAX_FILE_BYTES, SkillFileRefused, export_text, read_skill_file
from automation.skills.store import SkillStore
from tests.support.sample_skills import claim_skill, png


def store() -> SkillStore:
    return SkillStore(data_dir() / "skills.db")


def stored() -> list[str]:
    """Everything in the skill database, as SQL: to compare before and after."""
    conn = sqlite3.connect(data_dir() / "skills.db")
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.fixture
def saved() -> Iterator[Skill]:
    skill = claim_skill()
    with store() as skills:
        skills.save(skill)
        skills.save(claim_skill("other-skill"))
        skills.record_run("file-expense", 2.0, True, 0)
    yield skill


def export_file(tmp_path: Path) -> Path:
    path = tmp_path / "file-expense.json"
    assert main(["skills", "export", "file-expense", str(path)]) == 0
    return path


# --- round trip ------------------------------------------------------------------------


def test_export_rm_import_on_a_fresh_home_gives_the_same_skill(
    saved: Skill, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = export_file(tmp_path)
    assert "exported 'file-expense'" in capsys.readouterr().out
    assert main(["skills", "rm", "file-expense"]) == 0
    monkeypatch.setenv("DESKHAND_HOME", str(tmp_path / "colleague"))
    assert not (data_dir() / "skills.db").exists()
    assert main(["skills", "import", str(path)]) == 0
    assert "imported 'file-expense'" in capsys.readouterr().out
    with store() as skills:
        got = skills.get("file-expense")
    assert got == saved and got.crops == saved.crops
    assert export_text(got) == path.read_text(encoding="utf-8")  # exported again: the same file


def test_the_file_is_readable_json_with_the_pictures_in_it(saved: Skill, tmp_path: Path) -> None:
    text = export_file(tmp_path).read_text(encoding="utf-8")
    data = json.loads(text)
    assert (data["format"], data["version"], data["name"]) == ("deskhand-skill", serialize.VERSION, "file-expense")
    assert data["params"][0] == {
        "name": "employee",
        "description": "Who is claiming?",
        "example": "Zhang San",
        "secret": False,
    }
    assert data["examples"] == ["file a lunch of 42.50 for Zhang San"]
    assert {k: base64.b64decode(v) for k, v in data["crops"].items()} == saved.crops
    assert data["steps"][0]["type"]["into"]["label"] == "员工" and '"label": "员工"' in text  # not \\u-escaped


def test_only_the_pictures_anchors_use_are_exported() -> None:
    skill = claim_skill()
    skill = replace(skill, crops={**skill.crops, "crop-9.png": png(10)})
    assert set(json.loads(export_text(skill))["crops"]) == {"crop-1.png", "crop-2.png", "crop-3.png"}


def test_an_export_never_holds_a_secret_value(tmp_path: Path) -> None:
    leaky = claim_skill()
    leaky = replace(leaky, params=(*leaky.params[:2], SkillParam("pin", "PIN", "7319", secret=True)))
    assert "7319" not in export_text(leaky)
    with store() as skills:
        skills.save(leaky)
    text = export_file(tmp_path).read_text(encoding="utf-8")
    assert "7319" not in text and json.loads(text)["params"][2] == {
        "name": "pin",
        "description": "PIN",
        "example": "",
        "secret": True,
    }


def test_standard_output_and_input(
    saved: Skill, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["skills", "export", "file-expense", "-"]) == 0
    text = capsys.readouterr().out
    assert text == export_text(saved)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    assert main(["skills", "import", "-", "--as", "piped"]) == 0
    with store() as skills:
        assert skills.get("piped").steps == saved.steps


def test_an_existing_file_is_not_overwritten_without_force(
    saved: Skill, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "taken.json"
    path.write_text("mine")
    assert main(["skills", "export", "file-expense", str(path)]) == 2
    assert "already exists" in capsys.readouterr().err and path.read_text() == "mine"
    assert main(["skills", "export", "file-expense", str(path), "--force"]) == 0
    assert json.loads(path.read_text())["name"] == "file-expense"
    assert main(["skills", "export", "file-expense", str(tmp_path / "no" / "such" / "folder.json")]) == 2
    assert "cannot write" in capsys.readouterr().err


# --- names already taken ------------------------------------------------------------------


def test_a_taken_name_is_refused_unless_as_or_replace(
    saved: Skill, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = export_file(tmp_path)
    edited = json.loads(path.read_text())
    edited["description"] = "the colleague's version"
    path.write_text(json.dumps(edited))
    before = stored()
    assert main(["skills", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "a skill named 'file-expense' already exists" in err and "--as NEW_NAME" in err and "--replace" in err
    assert stored() == before
    assert main(["skills", "import", str(path), "--as", "file-claim"]) == 0
    assert main(["skills", "import", str(path), "--replace"]) == 0
    with store() as skills:
        assert (
            skills.get("file-claim").description == skills.get("file-expense").description == "the colleague's version"
        )
        assert skills.runs("file-expense").count == 1  # the same skill, new content: its history stays


def test_a_failure_inside_the_transaction_changes_nothing(saved: Skill, tmp_path: Path) -> None:
    path = export_file(tmp_path)
    with store() as skills:  # the skill row is written first, then its crops: make the crops fail
        skills._conn.execute("CREATE TRIGGER full BEFORE INSERT ON crops BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    before = stored()
    assert main(["skills", "import", str(path), "--replace"]) == 7
    assert main(["skills", "import", str(path), "--as", "new-one"]) == 7
    assert stored() == before


# --- what a file must be -------------------------------------------------------------------


def document() -> dict[str, Any]:
    return json.loads(export_text(claim_skill()))


def mutated(change: Any) -> bytes:
    data = document()
    change(data)
    return json.dumps(data).encode()


def step_body(data: dict[str, Any], i: int) -> dict[str, Any]:
    (body,) = data["steps"][i].values()
    return body


NOT_PNG = base64.b64encode(b"GIF89a not a png").decode()
DAMAGED_PNG = base64.b64encode(png(120)[:-20] + b"\x00" * 20).decode()


BAD_FILES = [
    (mutated(lambda d: step_body(d, 0).update(text="{employe}")), "steps[0].type.text", "{employe} is not one of"),
    (mutated(lambda d: step_body(d, 1).update(text="42.50")), "params[1]", "'amount' is used by no step"),
    (mutated(lambda d: d["params"][2].update(example="7319")), "params[2].example", "secret"),
    (mutated(lambda d: step_body(d, 2).update(text="7319")), "steps[2].type.text", "password-like field"),
    (mutated(lambda d: d["params"].append(d["params"][0])), "params[3].name", "also params[0]"),
    (mutated(lambda d: d["params"][0].update(name="first name")), "params[0].name", "not a parameter name"),
    (mutated(lambda d: d["crops"].pop("crop-2.png")), "steps[5].click.anchor.crop", "not in crops"),
    (mutated(lambda d: d["crops"].update({"spare.png": d["crops"]["crop-1.png"]})), 'crops["spare.png"]', "no anchor"),
    (mutated(lambda d: d["crops"].update({"crop-2.png": NOT_PNG})), 'crops["crop-2.png"]', "not a readable PNG"),
    (mutated(lambda d: d["crops"].update({"crop-2.png": DAMAGED_PNG})), 'crops["crop-2.png"]', "not a readable PNG"),
    (mutated(lambda d: d["crops"].update({"crop-2.png": "not base64!"})), 'crops["crop-2.png"]', "not base64"),
    (mutated(lambda d: step_body(d, 5).update(button="thumb")), "steps[5].click.button", "not a mouse button"),
    (mutated(lambda d: step_body(d, 5).update(clicks=0)), "steps[5].click.clicks", "1, 2 or 3"),
    (mutated(lambda d: d.update(demo_seconds=-1)), "demo_seconds", "below 0"),
    (mutated(lambda d: d.update(name=" ")), "name", "empty"),
    (mutated(lambda d: d["steps"].append({"jump": {}})), "steps[7].jump", "not a kind of step"),
    (mutated(lambda d: d["steps"].append({})), "steps[7]", "one key"),
    (
        mutated(lambda d: d.update(version=serialize.VERSION + 1)),
        "version",
        f"newer than this Deskhand reads (up to {serialize.VERSION}); update",
    ),
    (mutated(lambda d: d.update(version=0)), "version", "never a version"),
    (mutated(lambda d: d.update(version="1")), "version", "expected a whole number, found a string"),
    (mutated(lambda d: d.update(format="deskhand-macro")), "format", "not a deskhand-skill document"),
    (mutated(lambda d: d.update(author="me")), "author", "not a field here"),
    (b'{"format": "deskhand-skill", "format": "deskhand-skill", "version": 1}', "format", "given twice"),
    (mutated(lambda d: d.update(demo_seconds=float("nan"))), "demo_seconds", "out of range"),
    (mutated(lambda d: d["examples"].append("\ud800")), "examples[1]", "not text"),
    (b"[1, 2]", "the document", "is a JSON object, not a list"),
    (b"", "line 1 column 1", "not valid JSON"),
    (b"[" * 100_000, "the document", "nested too deeply"),
    (b'{"version": ' + b"9" * 5000 + b"}", "the document", "not valid JSON"),
    (b'{\n  "name": "caf\xe9"\n}', "line 2 column 15", "not UTF-8"),
]


@pytest.mark.parametrize(("raw", "at", "says"), BAD_FILES, ids=[f"{at}: {says}" for _, at, says in BAD_FILES])
def test_bad_files_are_refused_saying_where(raw: bytes, at: str, says: str) -> None:
    with pytest.raises(SkillFileRefused) as err:
        read_skill_file(raw, "shared.json")
    assert err.value.exit_code == 2
    assert err.value.at == at, err.value.message
    assert says in err.value.reason
    assert err.value.message.startswith(f"shared.json cannot be imported: {at}: ")


def test_a_file_too_big_is_refused_unread(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    assert main(["skills", "import", str(big)]) == 2
    assert f"the document: {MAX_FILE_BYTES + 1} bytes; a skill file is at most" in capsys.readouterr().err


def test_a_file_with_a_byte_order_mark_is_read() -> None:
    assert read_skill_file(b"\xef\xbb\xbf" + export_text(claim_skill()).encode(), "bom.json") == claim_skill()


def test_a_version_1_file_gains_empty_screens_for_its_clicks() -> None:
    def as_version_1(d: dict[str, Any]) -> None:
        d["version"] = 1
        for step in d["steps"]:
            if "click" in step:
                del step["click"]["seen"]

    skill = read_skill_file(mutated(as_version_1), "v1.json")
    clicks = [s for s in skill.steps if isinstance(s, ClickStep)]
    assert clicks and all(c.seen == () for c in clicks)


def test_a_missing_file_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["skills", "import", "nowhere.json"]) == 2
    assert "nowhere.json cannot be imported: No such file or directory" in capsys.readouterr().err


def test_an_older_version_is_upgraded_before_it_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    # Pretend this Deskhand reads the next version, whose upgrade from this one adds an example.
    now = serialize.VERSION

    def upgrade(data: dict[str, Any]) -> dict[str, Any]:
        return {**data, "version": now + 1, "examples": [*data["examples"], "added by the upgrade"]}

    raw = mutated(lambda d: None)  # a file of the version written today
    broken = mutated(lambda d: d["params"][0].pop("secret"))
    monkeypatch.setattr(serialize, "VERSION", now + 1)
    monkeypatch.setitem(serialize.UPGRADES, now, upgrade)
    assert read_skill_file(raw, "old.json").examples[-1] == "added by the upgrade"
    with pytest.raises(SkillFileRefused, match=f"version: {now + 2} is newer"):
        read_skill_file(mutated(lambda d: d.update(version=now + 2)), "new.json")
    # a field the upgrade does not supply is still missed
    with pytest.raises(SkillFileRefused, match=re.escape("params[0].secret: missing")):
        read_skill_file(broken, "old.json")


def test_a_version_2_skill_without_programs_loads_with_them_unknown() -> None:
    """Windows gained the executable that showed them in version 3; an older skill loads with
    every one unknown (""), matched by window class as before, and nothing else changed."""
    removed: list[str] = []

    def as_version_2(data: dict[str, Any]) -> None:
        data["version"] = 2
        for step in data["steps"]:
            for body in step.values():
                for holder in (body, body.get("anchor"), body.get("into"), body.get("at")):
                    if isinstance(holder, dict) and isinstance(holder.get("window"), dict):
                        removed.append(holder["window"].pop("exe"))

    old = read_skill_file(mutated(as_version_2), "old.json")
    assert removed and old.steps == claim_skill().steps  # the sample was recorded with no program known
    with pytest.raises(SkillFileRefused, match=re.escape("steps[0].type.window.exe: missing")):
        read_skill_file(mutated(lambda d: step_body(d, 0)["window"].pop("exe")), "new.json")  # version 3 needs it


# --- broken files, generated -----------------------------------------------------------------

Keys = tuple[str | int, ...]  # a path into a document: ("steps", 3, "click")


def walk(node: Any, at: Keys = ()) -> Iterator[tuple[Keys, Any]]:
    """Every value under ``node`` with its path of keys and indexes."""
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
    for key, child in children:
        yield (*at, key), child
        yield from walk(child, (*at, key))


def shown(path: Keys) -> str:
    """A path as the importer names it: steps[3].click.anchor, crops["crop-1.png"]."""
    out = ""
    for key in path:
        if isinstance(key, int):
            out += f"[{key}]"
        elif key.isidentifier():
            out += f".{key}" if out else key
        else:
            out += f"[{json.dumps(key, ensure_ascii=not key.isprintable())}]"
    return out


def parent(data: Any, path: Keys) -> Any:
    for key in path[:-1]:
        data = data[key]
    return data


DOC = document()
RAW = export_text(claim_skill()).encode()
VALUES = list(walk(DOC))
IN_OBJECTS = [path for path, _ in VALUES if isinstance(path[-1], str)]
STRINGS = [path for path, value in VALUES if isinstance(value, str)]


def kind(value: Any) -> str:
    return serialize.kind(value).replace("a number", "number")


def other_kind(value: Any) -> st.SearchStrategy[Any]:
    """A JSON value of another kind than ``value``'s; never null, nor a string for a null (they may be both)."""
    kinds = {
        "a string": st.text(max_size=12),
        "number": st.integers(-5, 5) | st.floats(-5, 5),
        "true or false": st.booleans(),
        "a list": st.lists(st.integers(0, 3), max_size=3),
        "an object": st.dictionaries(st.text(max_size=4), st.integers(0, 3), max_size=2),
    }
    wrong = {name for name in kinds if name != kind(value) and not (value is None and name == "a string")}
    return st.one_of([kinds[name] for name in sorted(wrong)])


def structural_positions(raw: bytes) -> list[int]:
    """Indexes of JSON punctuation outside strings: changing one always breaks the syntax."""
    found, in_string, escaped = [], False, False
    for i, c in enumerate(raw.decode("latin-1")):  # one character a byte; UTF-8's other bytes are all >= 0x80
        if in_string:
            if escaped:
                escaped = False
            elif c == "\\":
                escaped = True
            elif c == '"':
                in_string = False
                found.append(i)
        elif c == '"':
            in_string = True
            found.append(i)
        elif c in "{}[]:,":
            found.append(i)
    return found


STRUCTURE = structural_positions(RAW)


@st.composite
def broken_fields(draw: st.DrawFn) -> tuple[bytes, set[str]]:
    """A document with one field dropped, renamed, retyped or made huge; and where the error may be named."""
    data = copy.deepcopy(DOC)
    how = draw(st.sampled_from(["drop", "rename", "retype", "huge"]))
    paths = STRINGS if how == "huge" else IN_OBJECTS if how in ("drop", "rename") else [p for p, _ in VALUES]
    path = draw(st.sampled_from(paths))
    holder, key = parent(data, path), path[-1]
    expected = {shown(path)}
    if how == "drop":
        del holder[key]
        if len(path) == 3 and path[0] == "steps":  # the step's only key: the step is named
            expected.add(shown(path[:-1]))
    elif how == "rename":
        new = draw(
            st.text(min_size=1, max_size=10).filter(lambda k: k not in holder and k not in serialize.STEP_FIELDS)
        )
        holder[new] = holder.pop(key)
        expected.add(shown((*path[:-1], new)))
    elif how == "retype":
        holder[key] = draw(other_kind(holder[key]))
    else:
        holder[key] = "x" * draw(st.integers(serialize.MAX_TEXT + 1, 3 * serialize.MAX_TEXT))
    return json.dumps(data).encode(), expected


def anything_about_crops(path: set[str]) -> bool:
    return any(p.startswith("crops") for p in path)


@st.composite
def broken_text(draw: st.DrawFn) -> bytes:
    """The file's bytes cut short, with a byte UTF-8 never has, or with a JSON punctuation mark replaced."""
    how = draw(st.sampled_from(["truncate", "byte", "punctuation"]))
    if how == "truncate":
        return RAW[: draw(st.integers(0, len(RAW) - 3))]  # at least the last "}\n" gone
    if how == "byte":
        at = draw(st.integers(0, len(RAW) - 1))
        bad = draw(st.sampled_from([0xC0, 0xC1, *range(0xF5, 0x100)]))
        return RAW[:at] + bytes([bad]) + RAW[at + 1 :]
    at = draw(st.sampled_from(STRUCTURE))
    return RAW[:at] + draw(st.sampled_from([b";", b"=", b"'", b"(", b"#"])) + RAW[at + 1 :]


def not_an_object() -> st.SearchStrategy[bytes]:
    values = st.none() | st.booleans() | st.integers() | st.text(max_size=20) | st.lists(st.integers(), max_size=4)
    return values.map(lambda v: json.dumps(v).encode())


def wrong_version() -> st.SearchStrategy[bytes]:
    versions = (
        st.integers().filter(lambda v: v != 1)
        | st.floats(allow_nan=False)
        | st.booleans()
        | st.none()
        | st.text(max_size=5)
        | st.lists(st.integers(), max_size=2)
    )
    return versions.map(lambda v: json.dumps({**DOC, "version": v}).encode())


class Importer:
    """Runs `deskhand skills import` on bytes; checks the refusal and that the store did not change."""

    def __init__(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.file = tmp_path / "broken.json"
        self.capsys = capsys
        with store() as skills:
            skills.save(claim_skill())  # a skill of the file's own name: --replace would change it
        self.before = stored()
        capsys.readouterr()

    def refused(self, raw: bytes) -> str:
        """The refusal after "cannot be imported: ": where the problem is, then what it is."""
        self.file.write_bytes(raw)
        code = main(["skills", "import", str(self.file), "--replace"])
        out, err = self.capsys.readouterr()
        assert code == 2, f"exit {code}: {out}{err}"
        assert "Traceback" not in err and out == ""
        first = err.splitlines()[0]
        assert first.startswith(f"deskhand: {self.file} cannot be imported: "), first
        assert stored() == self.before
        return first.removeprefix(f"deskhand: {self.file} cannot be imported: ")


@pytest.fixture
def importer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Importer:
    return Importer(tmp_path, capsys)


GENERATED = settings(
    max_examples=200,
    deadline=None,
    # the store and the capture are meant to last across examples: the store must never change
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
LINE = re.compile(r"line \d+ column \d+: ")


@GENERATED
@given(broken=broken_fields())
def test_generated_broken_fields_are_refused_where_they_are(broken: tuple[bytes, set[str]], importer: Importer) -> None:
    raw, expected = broken
    said = importer.refused(raw)
    named = any(said.startswith(f"{at}: ") for at in expected)
    # a picture dropped or renamed is missed where an anchor wants it: "steps[5].click.anchor.crop: ..."
    assert named or (anything_about_crops(expected) and ".crop: " in said), (said, expected)


@settings(max_examples=150, deadline=None, suppress_health_check=GENERATED.suppress_health_check)
@given(raw=broken_text())
def test_generated_broken_text_is_refused_at_its_line_and_column(raw: bytes, importer: Importer) -> None:
    said = importer.refused(raw)
    assert LINE.match(said), said


@settings(max_examples=60, deadline=None, suppress_health_check=GENERATED.suppress_health_check)
@given(raw=not_an_object() | wrong_version())
def test_generated_wrong_documents_and_versions_are_refused(raw: bytes, importer: Importer) -> None:
    said = importer.refused(raw)
    assert said.startswith(("the document: ", "version: ")), said


@settings(max_examples=100, deadline=None, suppress_health_check=GENERATED.suppress_health_check)
@given(at=st.integers(0, len(RAW) - 1), bit=st.integers(0, 7))
def test_a_flipped_bit_is_refused_cleanly_or_still_makes_a_whole_skill(at: int, bit: int, importer: Importer) -> None:
    # A flip inside a label or a typed text leaves a valid, different file; anywhere else it must be refused.
    raw = RAW[:at] + bytes([RAW[at] ^ (1 << bit)]) + RAW[at + 1 :]
    try:
        skill = read_skill_file(raw, "flipped.json")
    except SkillFileRefused:
        importer.refused(raw)
        return
    assert read_skill_file(export_text(skill).encode(), "again.json") == skill
