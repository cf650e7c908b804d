"""The panel's hotkeys (called from another thread, as pynput's listener does) and the pause
when the user touches the mouse mid-run, over the real worker thread and a scripted policy."""

from __future__ import annotations

import gc
import time
import weakref
from collections.abc import Callable, Iterator
from dataclasses import replace

import pytest
import shiboken6
from PySide6.QtCore import QObject, Qt
from pytestqt.qtbot import QtBot

from app.services.settings import Settings, hotkeys
from app.ui.launch import PanelApp
from automation.decisions import Act, Ask, Done
from automation.protocols import HookEvent
from automation.types import Target, TypeText
from models.fakes import ScriptedPolicy
from tests.support.panel_conversation import ask_for, transcript
from tests.support.panel_stand_ins import KeptBindings, ScriptedAgent

TYPE_AMOUNT = Act(TypeText("42.50", into=Target("Amount", field=True)))


class MouseMovedOnce:
    """An input hook that reports one user mouse movement as soon as it listens."""

    def listen(self, sink: Callable[[HookEvent], None]) -> Callable[[], None]:
        sink((time.monotonic(), "move", 640, 400))
        return lambda: None


@pytest.fixture
def panel_app(qtbot: QtBot, scripted: ScriptedAgent) -> Iterator[PanelApp]:
    made = PanelApp(scripted, ring_seconds=0.01, keys=hotkeys(Settings()))
    made.worker.watch.arm_delay = 0.0  # the stand-in hook reports at once
    made.start()
    qtbot.waitUntil(lambda: made.panel.status.text() == "ready")
    yield made
    made.close()


def user_moves_the_mouse(panel_app: PanelApp) -> None:
    assert panel_app.worker.ready is not None
    panel_app.worker.ready = replace(panel_app.worker.ready, hook=MouseMovedOnce())


@pytest.fixture
def keys(panel_app: PanelApp) -> KeptBindings:
    listener = KeptBindings()
    panel_app.listen(listener)
    return listener


def test_moving_the_mouse_mid_run_holds_the_action_until_the_user_continues(
    qtbot: QtBot, panel_app: PanelApp, scripted: ScriptedAgent, policy: ScriptedPolicy
) -> None:
    user_moves_the_mouse(panel_app)
    policy.enqueue(TYPE_AMOUNT, Done("typed"))
    ask_for(qtbot, panel_app, "enter 42.50")
    qtbot.waitUntil(lambda: panel_app.panel.confirm_row.isVisible())
    assert "You moved the mouse while I was working. Continue?" in panel_app.panel.question.text()
    assert scripted.actor is not None and scripted.actor.done == []  # held: nothing sent
    qtbot.mouseClick(panel_app.panel.yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "done: typed" in transcript(panel_app))
    assert scripted.actor.done == [TYPE_AMOUNT.action]


def test_no_to_the_pause_question_stops_the_run(
    qtbot: QtBot, panel_app: PanelApp, scripted: ScriptedAgent, policy: ScriptedPolicy
) -> None:
    user_moves_the_mouse(panel_app)
    policy.enqueue(TYPE_AMOUNT, Done("typed"))
    ask_for(qtbot, panel_app, "enter 42.50")
    qtbot.waitUntil(lambda: panel_app.panel.confirm_row.isVisible())
    qtbot.mouseClick(panel_app.panel.no, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "stopped: paused because you moved the mouse" in transcript(panel_app))
    assert scripted.actor is not None and scripted.actor.done == []
    assert not panel_app.panel.busy


def test_the_show_hotkey_hides_the_panel_to_the_pill_and_brings_it_back(
    qtbot: QtBot, panel_app: PanelApp, keys: KeptBindings
) -> None:
    keys.press("<ctrl>+<alt>+<shift>+d")
    qtbot.waitUntil(lambda: panel_app.panel.pill.isVisible() and not panel_app.panel.isVisible())
    keys.press("<ctrl>+<alt>+<shift>+d")
    qtbot.waitUntil(lambda: panel_app.panel.isVisible() and not panel_app.panel.pill.isVisible())


def test_the_abort_hotkey_stops_a_run(
    qtbot: QtBot, panel_app: PanelApp, keys: KeptBindings, policy: ScriptedPolicy, scripted: ScriptedAgent
) -> None:
    policy.enqueue(Ask("What amount?", "amount"), TYPE_AMOUNT, Done("typed"))
    ask_for(qtbot, panel_app, "enter the amount")
    qtbot.waitUntil(lambda: "What amount?" in transcript(panel_app))
    keys.press("<ctrl>+<alt>+<shift>+<esc>")
    qtbot.waitUntil(lambda: "stopped:" in transcript(panel_app))
    assert scripted.actor is not None and scripted.actor.done == []
    assert not panel_app.panel.busy


def test_the_abort_hotkey_does_nothing_when_idle(qtbot: QtBot, panel_app: PanelApp, keys: KeptBindings) -> None:
    keys.press("<ctrl>+<alt>+<shift>+<esc>")
    qtbot.wait(50)
    assert not panel_app.worker.abort.is_set() and "you: stop" not in transcript(panel_app)


def test_hotkeys_saved_in_the_settings_are_listened_to_at_once(
    qtbot: QtBot, panel_app: PanelApp, keys: KeptBindings
) -> None:
    changed = replace(panel_app.settings, hotkey_show="<ctrl>+<alt>+<shift>+k")
    panel_app.apply(changed)
    bound = [b.hotkey.text for b in keys.bindings]
    assert "<ctrl>+<alt>+<shift>+k" in bound and Settings().hotkey_show not in bound
    keys.press("<ctrl>+<alt>+<shift>+k")
    qtbot.waitUntil(lambda: panel_app.panel.pill.isVisible() and not panel_app.panel.isVisible())
    assert panel_app.worker.watch.keys.bindings[0].hotkey.text == "<ctrl>+<alt>+<shift>+k"  # not "the user typed"


def test_closing_leaves_no_qt_object_to_the_cycle_collector(qtbot: QtBot, scripted: ScriptedAgent) -> None:
    """CI crashed once in the collector, run by the next panel's worker thread as it loaded its
    model: it deleted an earlier panel's worker and windows, kept alive by cycles (the worker's
    hooks hold the worker, the hotkey bindings the app), off their threads. Closed, the worker is
    deleted in its own thread, the windows in this one, and dropping the app frees it at once."""
    gc.disable()  # freed by reference counts alone, here, not by a collection
    try:
        freed, qt_objects = closed_panel_app(qtbot, scripted)
        assert [o for o in qt_objects if shiboken6.isValid(o)] == []
        assert freed() is None
    finally:
        gc.enable()


def closed_panel_app(qtbot: QtBot, scripted: ScriptedAgent) -> tuple[weakref.ref[PanelApp], list[QObject]]:
    """A panel app started, listening for its hotkeys, ready, then closed and let go."""
    listener = KeptBindings()
    made = PanelApp(scripted, ring_seconds=0.01, keys=hotkeys(Settings()))
    made.start()
    made.listen(listener)
    qtbot.waitUntil(lambda: made.panel.status.text() == "ready")
    made.close()
    return weakref.ref(made), [made.worker, made.panel, made.panel.pill, made.layer, made.recording]
