"""The talk button: held, the source records; released, the real recognizer hears it and
the request or answer goes in as `you (spoken): ...`. The microphone is the one stand-in
(the machine has none): a source that plays an espeak-ng recording once the button is up.
"""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.services.paths import models_dir
from app.services.settings import Settings, hotkeys
from app.services.voice.engine import open_engine
from app.ui.launch import PanelApp
from app.ui.voice import Talk
from automation.audio import Audio
from automation.audio.wav import WavFile
from automation.decisions import Act, Ask, Done
from automation.types import Target, TypeText
from models.fakes import ScriptedPolicy
from models.packs import DEFAULT_SPEECH
from tests.support.panel_stand_ins import KeptBindings, ScriptedAgent

pytestmark = pytest.mark.skipif(
    not (models_dir() / DEFAULT_SPEECH).exists(), reason=f"deskhand models install {DEFAULT_SPEECH}"
)


class HeldRecording:
    """A microphone that 'hears' ``path``, returned when the talk button is released."""

    def __init__(self, path: Path, stop: threading.Event) -> None:
        self.path, self.stop = path, stop

    def record(self) -> Audio:
        assert self.stop.wait(30), "the talk button was never released"
        return WavFile(self.path).record()


def spoken(folder: Path, text: str, voice: str = "en-us", words_per_minute: int = 150) -> Path:
    path = folder / f"{len(list(folder.iterdir()))}.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(words_per_minute), "-w", str(path), text], check=True)
    return path


@pytest.fixture
def said(tmp_path: Path) -> list[Path]:
    return []  # the recordings the "microphone" plays, in order


@pytest.fixture
def panel_app(qtbot: QtBot, policy: ScriptedPolicy, said: list[Path]) -> Iterator[PanelApp]:
    made = PanelApp(ScriptedAgent(policy), ring_seconds=0.01, keys=hotkeys(Settings()))
    engine = open_engine("")
    made.attach_voice(Talk(lambda: engine, lambda: ["Amount", "Submit"], lambda stop: HeldRecording(said.pop(0), stop)))
    made.start()
    qtbot.waitUntil(lambda: made.panel.status.text() == "ready")
    yield made
    made.close()


def transcript(panel_app: PanelApp) -> str:
    return panel_app.panel.transcript.toPlainText()


def hold_and_speak(qtbot: QtBot, panel_app: PanelApp) -> None:
    qtbot.mousePress(panel_app.panel.talk, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel_app.panel.talk.text().startswith("Listening"))
    qtbot.mouseRelease(panel_app.panel.talk, Qt.MouseButton.LeftButton)


def test_a_spoken_request_is_submitted_with_numbers_in_digits(
    qtbot: QtBot, panel_app: PanelApp, policy: ScriptedPolicy, said: list[Path], tmp_path: Path
) -> None:
    said.append(spoken(tmp_path, "enter forty two fifty as the amount"))
    policy.enqueue(Done("entered"))
    hold_and_speak(qtbot, panel_app)
    qtbot.waitUntil(lambda: "done: entered" in transcript(panel_app), timeout=30_000)
    assert "you (spoken): Enter 42.50" in transcript(panel_app)
    assert policy.situations[0].request.startswith("Enter 42.50")
    assert panel_app.panel.talk.text() == "Talk"


def test_a_question_is_answered_by_voice(
    qtbot: QtBot, panel_app: PanelApp, policy: ScriptedPolicy, said: list[Path], tmp_path: Path
) -> None:
    said.append(spoken(tmp_path, "forty two fifty", voice="en-gb"))  # en-us at 150: "Far any 250"
    policy.enqueue(Ask("What amount?", "amount"), Act(TypeText("42.50", into=Target("Amount"))), Done("entered"))
    qtbot.keyClicks(panel_app.panel.input, "enter the amount")
    qtbot.keyClick(panel_app.panel.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel_app.panel.asking)
    hold_and_speak(qtbot, panel_app)
    qtbot.waitUntil(lambda: "done: entered" in transcript(panel_app), timeout=30_000)
    assert policy.situations[1].answers == ("42.50",)
    assert "you (spoken): 42.50" in transcript(panel_app)


def test_silence_says_nothing_was_heard_and_runs_nothing(
    qtbot: QtBot, panel_app: PanelApp, policy: ScriptedPolicy, said: list[Path], tmp_path: Path
) -> None:
    silence = tmp_path / "silence.wav"
    subprocess.run(["sox", "-n", "-r", "16000", "-c", "1", str(silence), "trim", "0", "2"], check=True)
    said.append(silence)
    hold_and_speak(qtbot, panel_app)
    qtbot.waitUntil(lambda: "heard nothing in the microphone" in transcript(panel_app), timeout=30_000)
    assert policy.situations == [] and not panel_app.panel.busy


def test_no_microphone_is_said_and_typing_still_works(
    qtbot: QtBot, panel_app: PanelApp, policy: ScriptedPolicy
) -> None:
    assert panel_app.talk is not None
    panel_app.talk.check(lambda: "no microphone: Error querying device -1")
    qtbot.waitUntil(lambda: not panel_app.panel.talk.isEnabled())
    assert "no microphone: Error querying device -1; typing still works" in transcript(panel_app)
    policy.enqueue(Done("typed it"))
    qtbot.keyClicks(panel_app.panel.input, "enter 42.50 as the amount")
    qtbot.keyClick(panel_app.panel.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "done: typed it" in transcript(panel_app))


def test_the_talk_hotkey_held_through_auto_repeat_hears_one_request(
    qtbot: QtBot, panel_app: PanelApp, policy: ScriptedPolicy, said: list[Path], tmp_path: Path
) -> None:
    keys = KeptBindings()
    panel_app.listen(keys)
    said.append(spoken(tmp_path, "enter forty two fifty as the amount"))
    policy.enqueue(Done("entered"))
    talk = Settings().hotkey_talk
    keys.press(talk)
    qtbot.waitUntil(lambda: panel_app.panel.talk.text().startswith("Listening"))
    for _ in range(3):  # a held key repeats: release and press again a moment later
        keys.release(talk)
        keys.press(talk)
    assert panel_app.talk is not None and not panel_app.talk.stop.is_set()  # still listening
    keys.release(talk)
    qtbot.waitUntil(lambda: "done: entered" in transcript(panel_app), timeout=30_000)
    assert transcript(panel_app).count("you (spoken):") == 1
    assert policy.situations[0].request.startswith("Enter 42.50")
