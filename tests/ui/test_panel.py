"""The panel with the real loop and worker thread over a scripted policy and a stand-in actor."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from app.cli.do import result_json
from app.services.agent import Hooks
from app.services.settings import Settings
from app.ui.launch import PanelApp
from app.ui.panel import Panel
from app.ui.worker import result_line
from automation.agent.loop import Result, Status
from automation.decisions import Act, Ask, Done
from automation.errors import ModelUnavailable
from automation.types import Click, Target, TypeText
from models.fakes import ScriptedPolicy
from tests.support.panel_conversation import ask_for, transcript
from tests.support.panel_stand_ins import OTHER, SUBMIT, ScriptedAgent

TYPE_AMOUNT = Act(TypeText("42.50", into=Target("Amount", field=True)))


@pytest.fixture
def panel_app(qtbot: QtBot, scripted: ScriptedAgent) -> Iterator[PanelApp]:
    made = PanelApp(scripted, ring_seconds=0.01)
    made.start()
    qtbot.waitUntil(lambda: made.panel.status.text() == "ready")
    yield made
    made.close()


def test_a_request_runs_and_each_step_shows(
    qtbot: QtBot, panel_app: PanelApp, policy: ScriptedPolicy, scripted: ScriptedAgent
) -> None:
    # the stand-in screen never shows the amount: the goal check sends the finish back once, then the
    # run ends "not finished" (it would end "done" only on a screen that shows 42.50)
    policy.enqueue(TYPE_AMOUNT, Done("the amount is entered"), Done("the amount is entered"))
    rings: list[tuple[int, int, int, int]] = []
    panel_app.worker.ring.connect(lambda *box: rings.append(box))
    ask_for(qtbot, panel_app, "enter 42.50 as the amount")
    qtbot.waitUntil(lambda: "(not finished)" in transcript(panel_app), timeout=15_000)
    text = transcript(panel_app)
    assert "you: enter 42.50 as the amount" in text
    assert "saw: 2 labels in 'Expense form'" in text
    chose = [line for line in text.splitlines() if line.strip().startswith("chose:")]
    assert "42.50" in chose[0] and "Amount" in chose[0]
    assert "  did: " in text
    assert scripted.actor.done == [TYPE_AMOUNT.action]
    assert rings and rings[0][:2] == (35 - 48, 46 - 16)  # ringed around the point before acting
    assert "not done: Amount: '42.50' not shown" in text
    qtbot.waitUntil(lambda: not panel_app.panel.stop.isEnabled())  # idle again


def test_a_question_is_answered_in_the_conversation(qtbot: QtBot, panel_app: PanelApp, policy: ScriptedPolicy) -> None:
    policy.enqueue(Ask("What amount?", "amount"), TYPE_AMOUNT, Done("entered"))
    ask_for(qtbot, panel_app, "enter the amount")
    qtbot.waitUntil(lambda: panel_app.panel.asking)
    assert "What amount?" in transcript(panel_app)
    ask_for(qtbot, panel_app, "42.50")
    qtbot.waitUntil(lambda: "done: entered" in transcript(panel_app))
    assert policy.situations[1].answers == ("42.50",)


def test_a_confirmation_accepted_lets_the_action_through(
    qtbot: QtBot, panel_app: PanelApp, policy: ScriptedPolicy, scripted: ScriptedAgent
) -> None:
    # the stand-in screen never changes, so the commit is not seen: the run ends not finished
    policy.enqueue(SUBMIT, Done("submitted"), Done("submitted"))
    rings: list[tuple[int, ...]] = []
    panel_app.worker.ring.connect(lambda *box: rings.append(box))
    ask_for(qtbot, panel_app, "submit")
    qtbot.waitUntil(lambda: panel_app.panel.confirm_row.isVisibleTo(panel_app.panel))
    assert rings == [(10, 40, 50, 12)]  # the target is ringed while the user decides
    qtbot.mouseClick(panel_app.panel.yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "(not finished)\nnot done: not submitted" in transcript(panel_app))
    assert scripted.actor.done == [SUBMIT.action]


def test_a_confirmation_rejected_stops_before_acting(
    qtbot: QtBot, panel_app: PanelApp, policy: ScriptedPolicy, scripted: ScriptedAgent
) -> None:
    policy.enqueue(SUBMIT)
    ask_for(qtbot, panel_app, "submit")
    qtbot.waitUntil(lambda: panel_app.panel.confirm_row.isVisibleTo(panel_app.panel))
    qtbot.mouseClick(panel_app.panel.no, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "declined" in transcript(panel_app))
    assert scripted.actor.done == []
    assert not panel_app.layer.isVisible()  # the ring is gone with the question


def test_stop_ends_a_run_waiting_for_an_answer(qtbot: QtBot, panel_app: PanelApp, policy: ScriptedPolicy) -> None:
    policy.enqueue(Ask("What amount?", "amount"))
    ask_for(qtbot, panel_app, "enter the amount")
    qtbot.waitUntil(lambda: panel_app.panel.asking)
    qtbot.mouseClick(panel_app.panel.stop, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "stopped: stopped by the user" in transcript(panel_app))
    assert not panel_app.panel.busy
    policy.enqueue(Done("nothing to do"))  # the next request runs normally
    ask_for(qtbot, panel_app, "anything")
    qtbot.waitUntil(lambda: "done: nothing to do" in transcript(panel_app))


def test_the_panel_is_usable_while_the_model_loads_and_shows_a_load_error(qtbot: QtBot) -> None:
    def failing(hooks: Hooks) -> None:
        raise ModelUnavailable("qwen", "it is not installed", "deskhand models install qwen")

    made = PanelApp(failing)  # type: ignore[arg-type]
    made.start()
    try:
        qtbot.waitUntil(lambda: "fix: deskhand models install qwen" in transcript(made))
        assert "model 'qwen' is unavailable: it is not installed" in transcript(made)
        assert made.panel.status.text() == "no model"
        assert made.panel.input.isEnabled()
    finally:
        made.close()


def test_hide_collapses_to_a_pill_and_a_click_restores(qtbot: QtBot, panel_app: PanelApp) -> None:
    panel = panel_app.panel
    qtbot.mouseClick(panel.hide_button, Qt.MouseButton.LeftButton)
    assert not panel.isVisible() and panel.pill.isVisible()
    assert panel.pill.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    qtbot.mouseClick(panel.pill, Qt.MouseButton.LeftButton)
    assert panel.isVisible() and not panel.pill.isVisible()


def test_the_panel_is_frameless_on_top_and_masked_round(panel_app: PanelApp) -> None:
    panel = panel_app.panel
    assert panel.windowTitle() == "Deskhand"
    flags = panel.windowFlags()
    assert flags & Qt.WindowType.FramelessWindowHint and flags & Qt.WindowType.WindowStaysOnTopHint
    mask = panel.mask()
    assert not mask.contains(panel.rect().topLeft()) and not mask.contains(panel.rect().bottomRight())
    assert mask.contains(panel.rect().center())


def test_a_secret_answer_is_typed_unseen_and_not_written_down(
    qtbot: QtBot, panel_app: PanelApp, policy: ScriptedPolicy
) -> None:
    policy.enqueue(Ask("What is your PIN?", "pin"), Done("signed in"))
    ask_for(qtbot, panel_app, "sign in")
    qtbot.waitUntil(lambda: panel_app.panel.asking)
    assert panel_app.panel.input.echoMode() is QLineEdit.EchoMode.Password
    ask_for(qtbot, panel_app, "246810")
    qtbot.waitUntil(lambda: "done: signed in" in transcript(panel_app))
    assert "246810" not in transcript(panel_app) and "you: (a secret)" in transcript(panel_app)
    assert panel_app.panel.input.echoMode() is QLineEdit.EchoMode.Normal
    assert policy.situations[1].answers == ("⟨secret a⟩",)  # the policy, and any model behind it, sees a placeholder


def test_closing_while_a_confirmation_waits_ends_the_worker(
    qtbot: QtBot, panel_app: PanelApp, policy: ScriptedPolicy, scripted: ScriptedAgent
) -> None:
    policy.enqueue(SUBMIT)
    ask_for(qtbot, panel_app, "submit")
    qtbot.waitUntil(lambda: panel_app.panel.confirm_row.isVisibleTo(panel_app.panel))
    panel_app.close()  # the worker's blocking unring is served while the thread is waited for
    assert panel_app.agent_thread.isFinished() and scripted.actor.done == []


@pytest.mark.parametrize("answer", ["yes", "no"])
def test_another_application_is_asked_even_when_every_confirmation_is_approved(
    qtbot: QtBot, panel_app: PanelApp, policy: ScriptedPolicy, scripted: ScriptedAgent, answer: str
) -> None:
    """confirm = "always" approves committing steps; input for an application the run did not
    start in still waits for the person's yes in the panel."""
    in_other = Act(Click(Target("Post", OTHER.title)))
    # The request names that window: once a person lets the run act there, it looks again
    # (the window is read now) and decides again.
    policy.enqueue(in_other, in_other, Done("posted"))
    panel_app.worker.approve_all = True
    ask_for(qtbot, panel_app, "post it in the ledger")
    qtbot.waitUntil(lambda: panel_app.panel.confirm_row.isVisibleTo(panel_app.panel))
    assert "not the application this run acts in" in transcript(panel_app)
    qtbot.mouseClick(panel_app.panel.yes if answer == "yes" else panel_app.panel.no, Qt.MouseButton.LeftButton)
    if answer == "yes":
        qtbot.waitUntil(lambda: "done: posted" in transcript(panel_app))
        assert scripted.actor.done == [in_other.action], transcript(panel_app)
    else:
        qtbot.waitUntil(lambda: not panel_app.panel.stop.isEnabled())
        assert scripted.actor.done == [] and "done: posted" not in transcript(panel_app)


@pytest.mark.parametrize(
    ("status", "unmet"),
    [
        (Status.DONE, ()),
        (Status.REPLIED, ()),
        (Status.UNFINISHED, ("Amount: '42.50' not shown", "not submitted")),
        (Status.STEP_LIMIT, ("not submitted",)),
        (Status.DECLINED, ()),
    ],
)
def test_the_panel_ends_a_run_with_the_verdict_do_json_gives(status: Status, unmet: tuple[str, ...]) -> None:
    """Issue 14: `do --json` adds ``finished`` and ``unmet``, and the panel shows the same."""
    result = Result(status, "the claim", (), (), 3, unmet)
    line = result_line(result)
    given = result_json(result, "model", [], 0)
    first, *rest = line.splitlines()
    assert first == f"{status.value}: the claim ({'finished' if given['finished'] else 'not finished'})"
    assert [r.removeprefix("not done: ") for r in rest] == given["unmet"]


def test_the_newest_line_is_shown_whole_when_it_wraps(qtbot: QtBot) -> None:
    """The scroll range grows when a wrapped line is laid out, after it was appended: a
    question at the bottom was left cut off, and the e2e test's OCR never read it."""
    panel = Panel(Settings())
    qtbot.addWidget(panel)
    panel.show()
    panel.say("deskhand", "loading model\u2026")
    panel.say("deskhand", "no microphone: Error querying device -1; typing still works")
    panel.say("deskhand", "What should the new skill be called?")
    panel.say("you", "file claim")
    panel.say("recorded", "recording 'file claim': do the task, then press Stop recording (or ctrl+alt+shift+s)")
    for n in range(10):
        panel.say("recorded", f"click left at 197,{139 + 30 * n} in 'Legacy Expense System' [Tk]")
    panel.say("you", "stop recording")
    panel.say("deskhand", "saved skill 'file claim': 7 steps, 3 parameters")
    panel.say("kept secret", "field 'PIN' at Box(x=105, y=233, w=112, h=21): secret, label 'PIN'")
    transcript = panel.transcript
    end = transcript.textCursor()
    end.movePosition(QTextCursor.MoveOperation.End)
    qtbot.waitUntil(lambda: transcript.verticalScrollBar().maximum() > 0)
    qtbot.wait(50)  # the layout's late range change
    bar = transcript.verticalScrollBar()
    assert bar.value() == bar.maximum()  # it was left one block short: the newest line half shown
    assert transcript.cursorRect(end).center().y() < transcript.viewport().height()
