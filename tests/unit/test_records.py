"""What Deskhand keeps: the audit log, `deskhand log`, `deskhand forget`, retention, file modes, settings files."""

from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path

import pytest

from app.main import main
from app.services import records
from app.services.paths import config_dir, data_dir
from app.services.settings import Settings, load_settings, save_settings, settings_file
from automation.audit import Audit, AuditEntry
from automation.errors import EnvironmentProblem, UsageError
from automation.skills.store import SkillStore
from automation.types import Click, Target, TypeText
from tests.support.sample_skills import claim_skill

DAY = 86400.0


def entry(when: float, value: str | None = "42.50") -> AuditEntry:
    return AuditEntry(when, "agent", "file lunch", "2", "type", "Expenses", "Tk", "Amount", value, "policy", "sent")


def test_the_audit_file_is_appended_0600_one_line_an_action(capsys: pytest.CaptureFixture[str]) -> None:
    sink = records.FileAuditSink(records.audit_dir())
    audit = Audit(sink, approver="--yes")
    with audit.run("agent", "file my lunch"):
        audit.step("1")
        audit.record(TypeText("42.50", Target("Amount")), "Expenses", "Tk", "sent")
        audit.step("2")
        audit.confirmed()
        audit.record(Click(Target("Submit")), "Expenses", "Tk", "refused: focus moved")
    files = list(records.audit_dir().iterdir())
    assert len(files) == 1 and stat.S_IMODE(files[0].stat().st_mode) == 0o600
    lines = [json.loads(line) for line in files[0].read_text().splitlines()]
    assert [(e["step"], e["action"], e["target"], e["value"], e["confirmed"], e["result"]) for e in lines] == [
        ("1", "type", "Amount", "42.50", "policy", "sent"),
        ("2", "click", "Submit", None, "--yes", "refused: focus moved"),
    ]
    assert main(["log"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 and "agent [file my lunch] step 2: click 'Submit'" in out[1] and "--yes" in out[1]
    assert main(["log", "--json", "--since", "1h"]) == 0
    assert [json.loads(line)["target"] for line in capsys.readouterr().out.splitlines()] == ["Amount", "Submit"]


def test_a_password_field_and_a_secret_answer_are_logged_as_secret() -> None:
    sink = records.FileAuditSink(records.audit_dir())
    audit = Audit(sink)
    with audit.run("agent", "log in"):
        audit.record(TypeText("hunter2", Target("Password")), "Login", "Tk", "sent")
        audit.secret("9911")
        audit.record(TypeText("9911", None, "Login"), "Login", "Tk", "sent")
    text = next(records.audit_dir().iterdir()).read_text()
    assert "hunter2" not in text and "9911" not in text and text.count('"[secret]"') == 2


def test_since_takes_durations_and_dates_and_refuses_the_rest(capsys: pytest.CaptureFixture[str]) -> None:
    now = time.time()
    sink = records.FileAuditSink(records.audit_dir())
    sink.write(entry(now - 3 * DAY))
    sink.write(entry(now - 60))
    assert len(list(records.read_log(records.parse_since("2d")))) == 1
    assert len(list(records.read_log(records.parse_since("2000-01-01")))) == 2
    assert records.parse_since("90m", now=1000.0 + 5400) == 1000.0
    with pytest.raises(UsageError):
        records.parse_since("yesterday")
    assert main(["log", "--since", "last week"]) == 2
    assert "neither a duration nor a date" in capsys.readouterr().err


def test_a_torn_line_is_shown_not_fatal(capsys: pytest.CaptureFixture[str]) -> None:
    records.FileAuditSink(records.audit_dir()).write(entry(time.time()))
    path = next(records.audit_dir().iterdir())
    with open(path, "a") as f:
        f.write('{"time": 1, "who": "ag')  # a crash mid-write
    assert main(["log"]) == 0
    assert "(unreadable line)" in capsys.readouterr().out


def make_recording(name: str, age_days: float) -> Path:
    folder = data_dir() / "recordings" / f"rec-{name}-{age_days}"
    folder.mkdir(parents=True)
    (folder / "meta.json").write_text(json.dumps({"name": name}))
    old = time.time() - age_days * DAY
    os.utime(folder, (old, old))
    return folder


def make_shot(name: str, age_days: float) -> Path:
    (data_dir() / "replays").mkdir(exist_ok=True)
    path = data_dir() / "replays" / f"20261201-090000-{name}-step2.png"
    path.write_bytes(b"png")
    old = time.time() - age_days * DAY
    os.utime(path, (old, old))
    return path


def test_forget_a_skill_older_than_and_all(capsys: pytest.CaptureFixture[str]) -> None:
    with SkillStore(data_dir() / "skills.db") as store:
        store.save(claim_skill())
        store.save(claim_skill("other"))
        store.record_run("file-expense", 1.0, True, 0)
        store.record_run("other", 1.0, True, 0)
    mine, theirs = (
        make_recording("file-expense", 1),
        make_recording("other", 20),
    )  # within keep_days (30): start-up keeps it
    shot = make_shot("file-expense", 1)
    assert main(["forget", "--skill", "file-expense"]) == 0
    assert "1 recordings, 1 screenshots, 1 runs" in capsys.readouterr().out
    assert not mine.exists() and theirs.exists() and not shot.exists()
    fresh = make_recording("other", 1)
    assert main(["forget", "--older-than", "10"]) == 0
    assert not theirs.exists() and fresh.exists()
    assert main(["forget", "--all"]) == 3  # no terminal: asks for --yes
    assert fresh.exists()
    assert main(["forget", "--all", "--yes"]) == 0
    assert not fresh.exists()
    with SkillStore(data_dir() / "skills.db") as store:
        assert store.names() == [] and store.history() == []
    (entry,) = records.read_log()  # the log starts again with what was forgotten, never what it held
    assert (entry["who"], entry["request"], entry["action"]) == ("forget", "all", "forget")
    assert entry["result"].startswith("removed ") and "skills" in entry["result"]
    assert main(["forget"]) == 2 and main(["forget", "--all", "--older-than", "3"]) == 2
    assert main(["forget", "--skill", "nope"]) == 4


def test_retention_is_applied_at_start_from_the_settings() -> None:
    save_settings(Settings(keep_days="10", audit_days="0"))
    old, new = make_recording("a", 11), make_recording("b", 2)
    old_shot = make_shot("a", 20)
    sink = records.FileAuditSink(records.audit_dir())
    sink.write(entry(time.time() - 800 * DAY))  # kept: audit_days = 0 keeps forever
    assert main(["log"]) == 0  # any command starts by applying retention
    assert not old.exists() and new.exists() and not old_shot.exists()
    assert len(list(records.audit_dir().iterdir())) == 1
    save_settings(Settings(audit_days="365"))
    assert main(["log"]) == 0
    assert list(records.audit_dir().iterdir()) == []  # a whole month file went; no line was edited


def test_what_deskhand_writes_is_the_users_alone() -> None:
    with SkillStore(data_dir() / "skills.db") as store:  # created before main: an older version's leftovers
        store.save(claim_skill())
    (data_dir() / "skills.db").chmod(0o644)
    assert main(["skills", "list"]) == 0  # main sets the umask
    save_settings(Settings())
    assert stat.S_IMODE(settings_file().stat().st_mode) == 0o600
    records.tighten(data_dir())
    for path in [data_dir(), *data_dir().rglob("*")]:
        want = 0o700 if path.is_dir() else 0o600
        assert stat.S_IMODE(path.stat().st_mode) == want, path


def test_a_settings_file_that_is_not_utf8_or_not_toml_is_exit_7(capsys: pytest.CaptureFixture[str]) -> None:
    path = config_dir() / "settings.toml"
    for raw in (
        b'[deskhand]\nmodel = "\xff\xfe"\n',
        b"[deskhand\n",
        b"deskhand = 3\n",
        b'[deskhand]\nkeep_days = "x"\n',
    ):
        path.write_bytes(raw)
        with pytest.raises(EnvironmentProblem) as err:
            load_settings()
        assert str(path) in str(err.value)
        assert err.value.exit_code == 7


def test_settings_are_saved_whole_or_not_at_all(monkeypatch: pytest.MonkeyPatch) -> None:
    save_settings(Settings(model="first"))

    def full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(EnvironmentProblem, match="No space left"):
        save_settings(Settings(model="second"))
    assert load_settings().model == "first"
    assert [p.name for p in config_dir().iterdir()] == ["settings.toml"]  # no partial left behind


@pytest.mark.parametrize(
    ("url", "warns"),
    [
        ("http://10.0.0.5:8080", True),
        ("http://models.example.com/v1#qwen", True),
        ("models.example.com:8080", True),
        ("https://models.example.com", False),
        ("http://127.0.0.1:8080", False),
        ("http://localhost:8080/v1", False),
        ("http://[::1]:8080", False),
        ("http://127.5.5.5", False),
    ],
)
def test_a_remote_server_over_plain_http_warns(url: str, warns: bool) -> None:
    from app.services.egress import server_warning

    assert (server_warning(url) is not None) == warns


def test_opening_a_remote_http_server_warns_even_when_nothing_else_is_said() -> None:
    from app.services.models import open_chosen_model

    said: list[str] = []
    open_chosen_model(None, "http://192.0.2.1:9", warn=said.append)  # TEST-NET-1: opening sends nothing
    assert said and "the model server 192.0.2.1 is reached over plain http" in said[0]
    quiet: list[str] = []
    open_chosen_model(None, "http://127.0.0.1:9", warn=quiet.append)
    assert quiet == []


def test_files_an_older_version_left_open_are_closed_once_at_start() -> None:
    old = data_dir() / "recordings" / "20250101-000000-x"
    old.mkdir(parents=True)
    (old / "journal.jsonl").write_text("{}\n")
    for path in (data_dir(), data_dir() / "recordings", old):
        path.chmod(0o755)
    (old / "journal.jsonl").chmod(0o644)
    assert main(["log"]) == 0
    assert stat.S_IMODE((old / "journal.jsonl").stat().st_mode) == 0o600
    assert stat.S_IMODE(old.stat().st_mode) == 0o700 and stat.S_IMODE(data_dir().stat().st_mode) == 0o700


def test_a_broken_retention_setting_warns_and_removes_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    old = make_recording("a", 400)
    (config_dir() / "settings.toml").write_text('[deskhand]\nkeep_days = "soon"\n')
    assert main(["log"]) == 0  # a command that needs no settings still runs
    err = capsys.readouterr().err
    assert "warning: retention was not applied" in err and "keep_days = 'soon'" in err
    assert old.exists()


def test_an_audit_log_that_cannot_be_written_stops_before_anything_is_sent() -> None:
    records.audit_dir().parent.mkdir(parents=True, exist_ok=True)
    records.audit_dir().write_text("a file where the audit folder should be")  # works as root too
    with pytest.raises(EnvironmentProblem, match=r"audit log .* cannot be written") as err:
        records.open_audit(log_values=True)  # what build_session calls before any input backend
    assert err.value.exit_code == 7


def test_a_log_write_that_fails_after_an_action_is_an_environment_problem(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the audit folder should be")
    with pytest.raises(EnvironmentProblem, match="nothing more is sent unlogged"):
        records.FileAuditSink(blocked).write(entry(time.time()))
