"""Skill trust: imported skills wait for a review, team keys sign them, each skill stays in its applications."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.main import main
from app.services.paths import data_dir
from app.services.skills import skill_cards
from automation.audit import SECRET, Audit, AuditEntry
from automation.errors import Refused
from automation.skill_card import SkillParam
from automation.skills.model import Anchor, ClickStep, KeyStep, Skill, TypeStep, WindowMatch
from automation.skills.share import export_text
from automation.skills.store import SkillStore
from automation.skills.trust import check_app, check_runnable, clean, preview, skill_apps
from automation.types import Box, Window
from tests.support.drawn_desktop import MATCH
from tests.support.drawn_replay import ANSWERED, SKILL, VALUES, form_world, replayer
from tests.support.sample_skills import claim_skill

OTHER = WindowMatch("Gnumeric", "Book1")


def store() -> SkillStore:
    return SkillStore(data_dir() / "skills.db")


def write_skill(path: Path, skill: Skill) -> Path:
    path.write_text(export_text(skill), encoding="utf-8")
    return path


def key_files(tmp_path: Path, name: str = "team") -> tuple[Path, Path]:
    key = Ed25519PrivateKey.generate()
    private = tmp_path / f"{name}.pem"
    public = tmp_path / f"{name}.pub"
    private.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    public.write_bytes(
        key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    return private, public


def test_an_imported_skill_is_disabled_marked_and_never_offered_nor_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with store() as s:
        s.save(claim_skill("recorded-one"))  # the user's own recording: enabled, no origin
    file = write_skill(tmp_path / "claim.json", claim_skill())
    assert main(["skills", "import", str(file)]) == 0
    assert "disabled until you review it: deskhand skills enable file-expense" in capsys.readouterr().out
    with store() as s:
        got = s.get("file-expense")
        assert not got.enabled and got.origin is not None and got.origin.file == str(file) and not got.origin.signer
        assert s.get("recorded-one").enabled and s.get("recorded-one").origin is None
        assert [c.name for c in s.find("file an expense claim")] == ["recorded-one"]
    assert [c.name for c in skill_cards()] == ["recorded-one"]
    assert main(["replay", "file-expense", "--set", "employee=x", "--set", "amount=1"]) == 8
    err = capsys.readouterr().err
    assert "is disabled" in err and "deskhand skills enable file-expense" in err and str(file) in err
    assert main(["skills", "list"]) == 0
    assert "[disabled: deskhand skills enable file-expense]" in capsys.readouterr().out
    assert main(["skills", "show", "file-expense", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["enabled"] is False and shown["origin"]["file"] == str(file)


def test_enable_prints_the_preview_and_needs_a_yes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["skills", "import", str(write_skill(tmp_path / "claim.json", claim_skill()))])
    capsys.readouterr()
    assert main(["skills", "enable", "file-expense"]) == 3  # no terminal, no --yes: still disabled
    with store() as s:
        assert not s.get("file-expense").enabled
    assert main(["skills", "enable", "file-expense", "--yes"]) == 0
    out = capsys.readouterr().out
    unknown = "(program unknown: matched by window class)"
    assert f"applications it acts in: Tk {unknown}, Toplevel {unknown}" in out
    assert "windows: 'Legacy Expense System', 'Confirm'" in out
    assert "'{amount} EUR'" in out  # a constant typed around a value
    assert "keys it presses: ctrl+s" in out
    assert "step 4: press ctrl+s in 'Legacy Expense System'" in out  # committing, by risk.commits
    assert out.rstrip().endswith("enabled 'file-expense'")
    with store() as s:
        assert s.get("file-expense").enabled
        assert s.get("file-expense").origin is not None  # enabling keeps where it came from


def test_the_preview_lists_every_step_whose_words_cannot_clear_it() -> None:
    skill = Skill(
        "sneaky",
        params=(SkillParam("who", "Who?"),),
        steps=(
            TypeStep("{who}\n", None, MATCH),  # a typed newline presses Return
            ClickStep(Anchor(MATCH, None, crop=None)),  # no label: grounded by position
            ClickStep(Anchor(MATCH, "Submit")),
            ClickStep(Anchor(MATCH, "Notes", field=True)),
            KeyStep("Tab", OTHER),
        ),
    )
    p = preview(skill)
    assert [c.split(":")[0] for c in p.committing] == ["step 1", "step 2", "step 3"]
    assert skill_apps(skill) == ("Gnumeric", "Tk")
    assert p.apps == tuple(f"{a} (program unknown: matched by window class)" for a in skill_apps(skill))
    assert p.constants == ("{who}\\n",)  # the newline is a key press: shown, never printed raw


def test_a_step_in_another_application_is_refused_before_anything_is_sent(tmp_path: Path) -> None:
    world = form_world()
    # A window of another application carries the recorded title: it must not be driven.
    world.windows = [Window(7, "Expense Form", "Evil", Box(300, 200, 400, 300))]
    replay, _ = replayer(world, tmp_path)
    with pytest.raises(Refused, match="an application the skill does not act in"):
        replay.run(SKILL, VALUES)
    assert world.sent == []


# --- the program behind a window, not only its class -------------------------------------------

LEDGER = WindowMatch("Ledger", "Ledger", exe="/usr/bin/ledger-gui")
LEDGER_SKILL = Skill("post", steps=(KeyStep("ctrl+s", LEDGER), KeyStep("Return", WindowMatch("Ledger", "Saved", ""))))
PROGRAMS = {1: "/opt/ledger/bin/ledger-gui", 2: "/usr/bin/python3.11"}  # pid -> executable


def shown_by(pid: int | None) -> str:
    return PROGRAMS.get(pid or 0, "")


def ledger_window(pid: int | None) -> Window:
    return Window(5, "Ledger", "Ledger", Box(0, 0, 400, 300), pid=pid)


def test_a_window_of_the_skills_class_shown_by_another_program_is_refused() -> None:
    check_app(LEDGER_SKILL, ledger_window(1), 1, shown_by)  # the same program installed elsewhere: its name decides
    with pytest.raises(Refused, match=r"shown by /usr/bin/python3.11, not by the skill's program \(ledger-gui\)"):
        check_app(LEDGER_SKILL, ledger_window(2), 1, shown_by)  # another program that set the class "Ledger"


def test_a_window_whose_program_cannot_be_told_passes_only_where_the_recording_could_not_tell_either() -> None:
    both = LEDGER_SKILL  # one step recorded with the program known, one without (a dialog with no pid)
    check_app(both, ledger_window(None), 2, shown_by)
    known_only = replace(LEDGER_SKILL, steps=LEDGER_SKILL.steps[:1])
    with pytest.raises(Refused, match="whose program cannot be told"):
        check_app(known_only, ledger_window(None), 1, shown_by)


def test_a_skill_recorded_without_programs_falls_back_to_the_class_and_says_so() -> None:
    old = Skill("old", steps=(KeyStep("ctrl+s", WindowMatch("Ledger", "Ledger")),))
    check_app(old, ledger_window(2), 1, shown_by)
    assert preview(old).apps == ("Ledger (program unknown: matched by window class)",)
    assert preview(LEDGER_SKILL).apps == ("Ledger (/usr/bin/ledger-gui; or unknown)",)


def test_a_disabled_skill_is_refused_by_the_replayer_itself(tmp_path: Path) -> None:
    world = form_world()
    replay, _ = replayer(world, tmp_path)
    with pytest.raises(Refused, match="skills enable file-expense"):
        replay.run(replace(SKILL, enabled=False), VALUES)
    assert world.sent == []
    check_runnable(SKILL)  # enabled: no error


class Sink:
    def __init__(self) -> None:
        self.entries: list[AuditEntry] = []

    def write(self, entry: AuditEntry) -> None:
        self.entries.append(entry)


def test_every_replayed_action_is_audited_with_secrets_hidden(tmp_path: Path) -> None:
    world = form_world()
    replay, _ = replayer(world, tmp_path)
    sink = Sink()
    replay.audit = replay.actor.audit = Audit(sink)
    replay.run(ANSWERED, VALUES)  # the whole demonstration: its last key answers the confirmation
    rows = [(e.action, e.target, e.value, e.confirmed, e.result) for e in sink.entries]
    assert rows == [
        ("type", "Amount", "77.10", "policy", "sent"),
        ("type", "", SECRET, "policy", "sent"),  # the PIN's value never reaches the log
        ("key", "Tab", None, "policy", "sent"),
        ("click", "Submit", None, "user", "sent"),
        ("key", "Return", None, "user", "sent"),  # a Return answering a dialog commits: asked
    ]
    assert {e.who for e in sink.entries} == {"replay"} and sink.entries[0].step == "skill file-expense 1/5"
    assert all(e.window == "Expense Form" and e.app == "Tk" for e in sink.entries[:4])
    assert (sink.entries[4].window, sink.entries[4].app) == ("Confirm", "Toplevel")


def test_values_stay_out_of_the_log_when_the_setting_says_so(tmp_path: Path) -> None:
    world = form_world()
    replay, _ = replayer(world, tmp_path)
    sink = Sink()
    replay.audit = replay.actor.audit = Audit(sink, log_values=False)
    replay.run(ANSWERED, VALUES)
    assert [e.value for e in sink.entries if e.action == "type"] == [None, SECRET]


def test_a_skill_signed_by_a_trusted_key_imports_enabled(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    private, public = key_files(tmp_path)
    with store() as s:
        s.save(claim_skill())
    out = tmp_path / "out.json"
    assert main(["skills", "export", "file-expense", str(out), "--sign", str(private)]) == 0
    assert (tmp_path / "out.json.sig").exists()
    # Not trusted yet: a good signature by an unknown key counts as unsigned.
    assert main(["skills", "import", str(out), "--as", "first"]) == 0
    assert main(["skills", "trust-key", str(public)]) == 0
    assert main(["skills", "import", str(out), "--as", "second"]) == 0
    with store() as s:
        assert not s.get("first").enabled
        second = s.get("second")
        assert second.enabled and second.origin is not None and second.origin.signer.startswith("ed25519:")
    assert "enabled: signed by trusted key ed25519:" in capsys.readouterr().out


def test_a_changed_signed_file_is_refused_and_nothing_is_stored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    private, public = key_files(tmp_path)
    with store() as s:
        s.save(claim_skill())
    out = tmp_path / "out.json"
    main(["skills", "export", "file-expense", str(out), "--sign", str(private)])
    main(["skills", "trust-key", str(public)])
    out.write_text(out.read_text().replace("file an expense claim", "file an expense claim now"))
    assert main(["skills", "import", str(out), "--as", "tampered"]) == 2
    assert "signature does not match" in capsys.readouterr().err
    (tmp_path / "out.json.sig").write_text("{not json")
    assert main(["skills", "import", str(out), "--as", "tampered"]) == 2
    with store() as s:
        assert "tampered" not in s.names()


def test_bad_key_files_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "junk.pem"
    junk.write_text("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
    with store() as s:
        s.save(claim_skill())
    assert main(["skills", "trust-key", str(junk)]) == 2
    assert main(["skills", "export", "file-expense", str(tmp_path / "x.json"), "--sign", str(junk)]) == 2
    assert main(["skills", "trust-key", str(tmp_path / "missing.pub")]) == 2
    assert "is not an ed25519 key" in capsys.readouterr().err


def test_escape_sequences_in_an_imported_name_are_never_printed_raw(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    evil = replace(claim_skill("\x1b]0;pwned\x07x\x1b[2J"), description="\x1b[31mred\u202e")
    assert main(["skills", "import", str(write_skill(tmp_path / "evil.json", evil))]) == 0
    assert main(["skills", "list"]) == 0
    with store() as s:
        name = s.names()[0]
    assert main(["skills", "show", name]) == 0
    assert main(["skills", "enable", name, "--yes"]) == 0
    printed = capsys.readouterr()
    for text in (printed.out, printed.err):
        assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert clean("a\x1b[2Jb\nc") == "a\ufffd[2Jb c"


def test_rm_removes_the_skills_recordings_and_screenshots(tmp_path: Path) -> None:
    with store() as s:
        s.save(claim_skill())
        s.save(claim_skill("other"))
    for name, folder in (("file-expense", "20261201-090000-file-expense"), ("other", "20261201-090001-other")):
        rec = data_dir() / "recordings" / folder
        rec.mkdir(parents=True)
        (rec / "meta.json").write_text(json.dumps({"name": name}))
    shots = data_dir() / "replays"
    shots.mkdir()
    (shots / "20261201-090000-file-expense-step3.png").write_bytes(b"png")
    assert main(["skills", "rm", "file-expense"]) == 0
    assert [p.name for p in (data_dir() / "recordings").iterdir()] == ["20261201-090001-other"]
    assert list(shots.iterdir()) == []


def test_a_failure_screenshot_shows_the_window_alone_with_secret_fields_painted(tmp_path: Path) -> None:
    from PIL import Image, ImageDraw

    from automation.skills.replay import StepFailed
    from tests.support.drawn_desktop import FORM, span

    world = form_world()
    world.spans = [span("PIN", 320, 250)]
    ImageDraw.Draw(world.image).rectangle((420, 246, 620, 266), fill=(255, 255, 255))
    ImageDraw.Draw(world.image).rectangle((0, 0, 100, 100), fill=(255, 0, 0))  # another app's corner: not shown
    skill = Skill(
        "login",
        params=(SkillParam("pin", "PIN", "", secret=True),),
        steps=(
            TypeStep("{pin}", Anchor(MATCH, "PIN", field=True), MATCH),
            ClickStep(Anchor(MATCH, "Sign in")),  # gone: the replay fails here, after the PIN went in
        ),
    )
    replay, _ = replayer(world, tmp_path)
    with pytest.raises(StepFailed) as err:
        replay.run(skill, {"pin": "2468"})
    shot = err.value.screenshot
    assert shot is not None
    with Image.open(shot) as image:
        assert image.size == (FORM.box.w, FORM.box.h)  # the window, not the desktop
        field = image.getpixel((430 - FORM.box.x + 60, 256 - FORM.box.y))
    assert field == (0, 0, 0)  # where the PIN was typed is painted over


def test_a_step_whose_window_never_came_leaves_no_screenshot(tmp_path: Path) -> None:
    from automation.skills.replay import StepFailed

    world = form_world()
    replay, _ = replayer(world, tmp_path)
    skill = Skill("elsewhere", steps=(KeyStep("Tab", WindowMatch("Gone", "No Such Window")),))
    with pytest.raises(StepFailed) as err:
        replay.run(skill, {})
    assert err.value.screenshot is None and not (tmp_path / "replays").exists()


def test_control_characters_are_replaced_at_import_too(tmp_path: Path) -> None:
    evil = replace(claim_skill("a\x1b[2Jb"), description="x\x07y", examples=("file \x1b]0;t\x07it",))
    assert main(["skills", "import", str(write_skill(tmp_path / "evil.json", evil))]) == 0
    with store() as s:
        (name,) = s.names()
        got = s.get(name)
    assert name == "a\ufffd[2Jb" and got.description == "x\ufffdy" and "\x1b" not in got.examples[0]
    assert [p.name for p in got.params] == [p.name for p in evil.params]  # nothing a step uses was changed
    assert got.steps == evil.steps


def test_the_agent_naming_a_disabled_skill_is_refused_before_anything_is_touched(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from app.services.skills import SkillRunner
    from automation.decisions import RunSkill

    main(["skills", "import", str(write_skill(tmp_path / "claim.json", claim_skill()))])
    untouchable = SimpleNamespace(  # any use of the desktop would fail loudly
        desktop=None, observer=None, actor=SimpleNamespace(gate=None, before_act=None, audit=Audit())
    )
    runner = SkillRunner(untouchable, lambda question, act: True)  # type: ignore[arg-type]
    decision = RunSkill("file-expense", {"employee": "Li Si", "amount": "1"})
    with pytest.raises(Refused, match="skills enable file-expense"):
        runner(decision, request="file my claim")
    with store() as s:
        assert s.history() == []  # refused before the run began: nothing ran
