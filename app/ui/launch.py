"""Start the panel: the Qt application, the agent's worker thread, the highlight layer, the tray,
and the global hotkeys (heard on the listener's thread, acted on in Qt's through signals)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon

from app.settings import Settings, hotkeys, load_settings
from app.ui.highlight import HighlightLayer
from app.ui.icons import icon
from app.ui.panel import Panel
from app.ui.record import PanelRecording
from app.ui.worker import AgentWorker, Brain, BrainFactory, Hooks
from automation.agent.decisions import Act
from automation.errors import DeskhandError, EnvironmentProblem
from automation.hotkeys import Binding, Hotkey, HotkeyListener
from automation.types import Box, Click, TypeText


class Overlay(QObject):
    """The panel, the highlight layer and the worker, wired together."""

    load = Signal()
    summoned = Signal()  # the show hotkey, from the listener's thread
    aborted = Signal()  # the abort hotkey, likewise

    def __init__(
        self, factory: BrainFactory, ring_seconds: float = 0.35, keys: dict[str, Hotkey] | None = None
    ) -> None:
        super().__init__()
        self.keys = keys or {}
        self.panel = Panel()
        self.layer = HighlightLayer()
        self.worker = AgentWorker(factory, ring_seconds, hotkeys=list(self.keys.values()))
        self.summoned.connect(self.toggle)
        self.aborted.connect(self._abort_shown)
        self.stop_hotkeys: Callable[[], None] = lambda: None
        self.agent_thread = QThread()
        self.worker.moveToThread(self.agent_thread)
        panel, worker = self.panel, self.worker
        self.load.connect(worker.load)
        panel.requested.connect(worker.run)  # queued: runs in the worker thread, after loading
        panel.skill.connect(worker.run_skill)
        panel.replied.connect(worker.reply, Qt.ConnectionType.DirectConnection)
        panel.decided.connect(worker.decide, Qt.ConnectionType.DirectConnection)
        panel.stopped.connect(worker.stop, Qt.ConnectionType.DirectConnection)
        worker.status.connect(panel.set_status)
        worker.said.connect(panel.say)
        worker.question.connect(panel.ask)
        worker.confirmation.connect(panel.confirm)
        worker.finished.connect(panel.done)
        worker.failed.connect(panel.fail)
        # Blocking: the ring is on screen, or gone, before the worker goes on to act or to look.
        worker.ring.connect(self.layer.ring, Qt.ConnectionType.BlockingQueuedConnection)
        worker.unring.connect(self.layer.clear, Qt.ConnectionType.BlockingQueuedConnection)
        self.recording = PanelRecording()
        panel.record.connect(self.recording.start)
        panel.stop_recording.connect(self.recording.stop)
        self.recording.step.connect(lambda line: panel.say("recorded", line))
        self.recording.saved.connect(self._recorded)
        self.recording.failed.connect(self._not_recorded)
        self.tray = tray_for(self) if QSystemTrayIcon.isSystemTrayAvailable() else None

    def _recorded(self, text: str) -> None:
        self.panel.recording_over()
        self.panel.say("deskhand", text)
        self.panel.skills.refresh()

    def _not_recorded(self, message: str, fix: str) -> None:
        self.panel.recording_over()
        self.panel.say("error", message + (f"\n  fix: {fix}" if fix else ""))

    def start(self) -> None:
        self.agent_thread.start()
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            self.panel.place(screen.availableGeometry())
        self.panel.show()
        self.panel.input.setFocus()
        self.load.emit()  # the model loads in the worker; the panel is usable meanwhile

    def listen(self, listener: HotkeyListener) -> None:
        """Bind the show and abort hotkeys; callbacks come on the listener's thread."""
        bindings = [Binding(self.keys["hotkey_show"], self.summoned.emit)] if "hotkey_show" in self.keys else []
        if "hotkey_abort" in self.keys:
            bindings.append(Binding(self.keys["hotkey_abort"], self._abort))
        self.stop_hotkeys = listener.listen(bindings)

    def _abort(self) -> None:
        if self.worker.busy:
            self.worker.stop()  # at once, from this thread: the gate sees the flag before the next event
        self.aborted.emit()

    def _abort_shown(self) -> None:
        if self.panel.busy:
            self.panel.stop_run()

    def toggle(self) -> None:
        """The show hotkey: the panel to the pill, or back (and in front)."""
        if self.panel.isVisible():
            self.panel.collapse()
        else:
            self.panel.restore()
            self.panel.input.setFocus()

    def record_from_tray(self) -> None:
        self.panel.restore()
        self.panel.toggle_recording()

    def close(self) -> None:
        self.stop_hotkeys()
        self.recording.stop()
        self.worker.stop()
        self.agent_thread.quit()
        self.agent_thread.wait()
        self.layer.close()
        self.panel.pill.close()
        self.panel.close()


def tray_for(overlay: Overlay) -> QSystemTrayIcon:
    tray = QSystemTrayIcon(icon("deskhand"), overlay)
    menu = QMenu()
    menu.addAction("Show", overlay.panel.restore)
    menu.addAction("Record", overlay.record_from_tray)
    menu.addAction("Stop", overlay.panel.stop_run)
    menu.addAction("Quit", QApplication.quit)
    tray.setContextMenu(menu)
    tray.setToolTip("Deskhand")
    tray.show()
    return tray


def model_brain(settings: Settings) -> BrainFactory:
    """The real agent: the chosen model, the session that never reads or clicks our own windows."""

    def build(hooks: Hooks) -> Brain:
        from app.compose import build_input_hook, build_session, is_ours
        from app.do_command import open_chosen_model
        from app.skill_runner import SkillRunner, skill_cards
        from automation.agent.loop import Agent
        from models.policy.policy import ModelPolicy

        model = open_chosen_model(settings.model, settings.server or None, quiet=True)
        session = build_session(own=is_ours, before_act=hooks.before_act)
        session.actor.gate.abort = hooks.abort
        session.actor.gate.hold = hooks.hold

        def confirm(question: str, act: Act) -> bool:
            return True if settings.confirm == "always" else hooks.confirm(question, act)

        agent = Agent(
            session.observer,
            session.actor,
            ModelPolicy(model),
            confirm=confirm,
            report=hooks.report,
            answer=hooks.answer,
            skills=skill_cards(),
            run_skill=SkillRunner(session, confirm, say=hooks.say),
        )
        try:
            hook = build_input_hook()
        except EnvironmentProblem as err:  # runs still work, only without the pause: say so
            hook = None
            hooks.say(f"pausing when you use the mouse or keys is off: {err.message}; fix: {err.fix}")
        return Brain(agent, locate=lambda act: locate(session.observer, act), hook=hook)

    return build


def locate(observer: object, act: Act) -> Box | None:
    """Where ``act``'s target is on screen now, to ring it while the user is asked."""
    from automation.errors import DeskhandError
    from automation.grounding.match import resolve
    from automation.perception.observe import Observer

    action = act.action
    target = action.target if isinstance(action, Click) else action.into if isinstance(action, TypeText) else None
    if target is None or not isinstance(observer, Observer):
        return None
    try:
        return resolve(target, list(observer.observe().spans)).box
    except DeskhandError:
        return None  # the ring is a courtesy; the question is still asked


def listen_for_hotkeys(overlay: Overlay) -> None:
    from app.compose import build_hotkeys

    try:
        overlay.listen(build_hotkeys())
    except DeskhandError as err:  # the panel works without them: say so, with the fix
        overlay.panel.say(
            "error", f"global hotkeys are off: {err.message}" + (f"\n  fix: {err.fix}" if err.fix else "")
        )


def can_start() -> str | None:
    """Why the panel cannot start here, or None when it can."""
    if not os.environ.get("DISPLAY") and os.environ.get("QT_QPA_PLATFORM") != "offscreen":
        return "no display (DISPLAY is not set)"
    return None


def run(model: str | None = None, server: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Deskhand")
    app.setQuitOnLastWindowClosed(False)  # hiding to the pill closes no window for good
    settings = load_settings()
    if model or server:  # given on the command line: this run only, not saved
        settings = replace(settings, model=model or settings.model, server=server or "")
    overlay = Overlay(model_brain(settings), keys=hotkeys(settings))
    overlay.panel.quit.connect(app.quit)
    overlay.start()
    QTimer.singleShot(0, lambda: listen_for_hotkeys(overlay))  # after the panel is drawn
    try:
        return app.exec()
    finally:
        overlay.close()
