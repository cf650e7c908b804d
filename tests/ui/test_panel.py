"""The panel with the real loop and worker thread over a scripted policy and a stand-in actor."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from app.ui.launch import Overlay
from app.ui.worker import Hooks
from automation.decisions import Act, Ask, Done
from automation.errors import ModelUnavailable
from automation.types import Click, Target, TypeText
from models.fakes import ScriptedPolicy
from tests.ui.stand_ins import ScriptedBrain

TYPE_AMOUNT = Act(TypeText("42.50", into=Target("Amount", field=True)))
SUBMIT = Act(Click(Target("Submit")))


@pytest.fixture
def overlay(qtbot: QtBot, brain: ScriptedBrain) -> Iterator[Overlay]:
    made = Overlay(brain, ring_seconds=0.01)
    qtbot.addWidget(made.panel)
    made.start()
    qtbot.waitUntil(lambda: made.panel.status.text() == "ready")
    yield made
    made.close()


def transcript(overlay: Overlay) -> str:
    return overlay.panel.transcript.toPlainText()


def ask_for(qtbot: QtBot, overlay: Overlay, request: str) -> None:
    qtbot.keyClicks(overlay.panel.input, request)
    qtbot.keyClick(overlay.panel.input, Qt.Key.Key_Return)


def test_a_request_runs_and_each_step_shows(
    qtbot: QtBot, overlay: Overlay, policy: ScriptedPolicy, brain: ScriptedBrain
) -> None:
    policy.enqueue(TYPE_AMOUNT, Done("the amount is entered"))
    rings: list[tuple[int, int, int, int]] = []
    overlay.worker.ring.connect(lambda *box: rings.append(box))
    ask_for(qtbot, overlay, "enter 42.50 as the amount")
    qtbot.waitUntil(lambda: "done: the amount is entered" in transcript(overlay))
    text = transcript(overlay)
    assert "you: enter 42.50 as the amount" in text
    assert "saw: 2 labels in 'Expense form'" in text
    chose = [line for line in text.splitlines() if line.strip().startswith("chose:")]
    assert "42.50" in chose[0] and "Amount" in chose[0]
    assert "  did: " in text
    assert brain.actor.done == [TYPE_AMOUNT.action]
    assert rings and rings[0][:2] == (35 - 48, 46 - 16)  # ringed around the point before acting
    assert not overlay.panel.stop.isEnabled()  # idle again


def test_a_question_is_answered_in_the_conversation(qtbot: QtBot, overlay: Overlay, policy: ScriptedPolicy) -> None:
    policy.enqueue(Ask("What amount?", "amount"), TYPE_AMOUNT, Done("entered"))
    ask_for(qtbot, overlay, "enter the amount")
    qtbot.waitUntil(lambda: overlay.panel.asking)
    assert "What amount?" in transcript(overlay)
    ask_for(qtbot, overlay, "42.50")
    qtbot.waitUntil(lambda: "done: entered" in transcript(overlay))
    assert policy.situations[1].answers == ("42.50",)


def test_a_confirmation_accepted_lets_the_action_through(
    qtbot: QtBot, overlay: Overlay, policy: ScriptedPolicy, brain: ScriptedBrain
) -> None:
    policy.enqueue(SUBMIT, Done("submitted"))
    rings: list[tuple[int, ...]] = []
    overlay.worker.ring.connect(lambda *box: rings.append(box))
    ask_for(qtbot, overlay, "submit")
    qtbot.waitUntil(lambda: overlay.panel.confirm_row.isVisibleTo(overlay.panel))
    assert rings == [(10, 40, 50, 12)]  # the target is ringed while the user decides
    qtbot.mouseClick(overlay.panel.yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "done: submitted" in transcript(overlay))
    assert brain.actor.done == [SUBMIT.action]


def test_a_confirmation_rejected_stops_before_acting(
    qtbot: QtBot, overlay: Overlay, policy: ScriptedPolicy, brain: ScriptedBrain
) -> None:
    policy.enqueue(SUBMIT)
    ask_for(qtbot, overlay, "submit")
    qtbot.waitUntil(lambda: overlay.panel.confirm_row.isVisibleTo(overlay.panel))
    qtbot.mouseClick(overlay.panel.no, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "declined" in transcript(overlay))
    assert brain.actor.done == []
    assert not overlay.layer.isVisible()  # the ring is gone with the question


def test_stop_ends_a_run_waiting_for_an_answer(qtbot: QtBot, overlay: Overlay, policy: ScriptedPolicy) -> None:
    policy.enqueue(Ask("What amount?", "amount"))
    ask_for(qtbot, overlay, "enter the amount")
    qtbot.waitUntil(lambda: overlay.panel.asking)
    qtbot.mouseClick(overlay.panel.stop, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "stopped: stopped by the user" in transcript(overlay))
    assert not overlay.panel.busy
    policy.enqueue(Done("nothing to do"))  # the next request runs normally
    ask_for(qtbot, overlay, "anything")
    qtbot.waitUntil(lambda: "done: nothing to do" in transcript(overlay))


def test_the_panel_is_usable_while_the_model_loads_and_shows_a_load_error(qtbot: QtBot) -> None:
    def failing(hooks: Hooks) -> None:
        raise ModelUnavailable("qwen", "it is not installed", "deskhand models install qwen")

    made = Overlay(failing)  # type: ignore[arg-type]
    qtbot.addWidget(made.panel)
    made.start()
    try:
        qtbot.waitUntil(lambda: "fix: deskhand models install qwen" in transcript(made))
        assert "model 'qwen' is unavailable: it is not installed" in transcript(made)
        assert made.panel.status.text() == "no model"
        assert made.panel.input.isEnabled()
    finally:
        made.close()


def test_hide_collapses_to_a_pill_and_a_click_restores(qtbot: QtBot, overlay: Overlay) -> None:
    panel = overlay.panel
    qtbot.mouseClick(panel.hide_button, Qt.MouseButton.LeftButton)
    assert not panel.isVisible() and panel.pill.isVisible()
    assert panel.pill.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    qtbot.mouseClick(panel.pill, Qt.MouseButton.LeftButton)
    assert panel.isVisible() and not panel.pill.isVisible()


def test_the_panel_is_frameless_on_top_and_masked_round(overlay: Overlay) -> None:
    panel = overlay.panel
    assert panel.windowTitle() == "Deskhand"
    flags = panel.windowFlags()
    assert flags & Qt.WindowType.FramelessWindowHint and flags & Qt.WindowType.WindowStaysOnTopHint
    mask = panel.mask()
    assert not mask.contains(panel.rect().topLeft()) and not mask.contains(panel.rect().bottomRight())
    assert mask.contains(panel.rect().center())


def test_a_secret_answer_is_typed_unseen_and_not_written_down(
    qtbot: QtBot, overlay: Overlay, policy: ScriptedPolicy
) -> None:
    policy.enqueue(Ask("What is your PIN?", "pin"), Done("signed in"))
    ask_for(qtbot, overlay, "sign in")
    qtbot.waitUntil(lambda: overlay.panel.asking)
    assert overlay.panel.input.echoMode() is QLineEdit.EchoMode.Password
    ask_for(qtbot, overlay, "246810")
    qtbot.waitUntil(lambda: "done: signed in" in transcript(overlay))
    assert "246810" not in transcript(overlay) and "you: (a secret)" in transcript(overlay)
    assert overlay.panel.input.echoMode() is QLineEdit.EchoMode.Normal
    assert policy.situations[1].answers == ("246810",)


def test_closing_while_a_confirmation_waits_ends_the_worker(
    qtbot: QtBot, overlay: Overlay, policy: ScriptedPolicy, brain: ScriptedBrain
) -> None:
    policy.enqueue(SUBMIT)
    ask_for(qtbot, overlay, "submit")
    qtbot.waitUntil(lambda: overlay.panel.confirm_row.isVisibleTo(overlay.panel))
    overlay.close()  # the worker's blocking unring is served while the thread is waited for
    assert overlay.agent_thread.isFinished() and brain.actor.done == []
