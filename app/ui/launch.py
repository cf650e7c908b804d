"""Start the panel: the Qt application, the agent's worker thread, the highlight layer, the tray,
and the global hotkeys (heard on the listener's thread, acted on in Qt's through signals)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon

from app.services.agent import AgentFactory, panel_agent
from app.services.compose import build_hotkeys, build_observer, is_ours, microphone_problem
from app.services.settings import HOTKEYS, Settings, hotkeys, load_settings, settings_file
from app.services.voice.engine import open_engine
from app.services.voice.hints import hints_now
from app.services.voice.speak import Speaker
from app.ui.highlight import HighlightLayer
from app.ui.icons import icon
from app.ui.panel import Panel
from app.ui.record import PanelRecording
from app.ui.voice import Talk
from app.ui.worker import AgentWorker
from automation.errors import DeskhandError
from automation.hotkeys import Binding, Hotkey, HotkeyListener

TALK_RELEASE_MS = 120


class PanelApp(QObject):
    """The panel, the highlight layer, the agent's worker and the recording, wired together."""

    load = Signal()
    summoned = Signal()  # the show hotkey, from the listener's thread
    aborted = Signal()  # the abort hotkey, likewise
    talk_down = Signal()  # the talk hotkey pressed (again, when the key auto-repeats), likewise
    talk_up = Signal()

    def __init__(
        self,
        factory: AgentFactory,
        ring_seconds: float = 0.35,
        settings: Settings | None = None,
        agent_for: Callable[[Settings], AgentFactory] | None = None,
        keys: dict[str, Hotkey] | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.agent_for = agent_for  # the factory for a model chosen in the settings editor
        self.keys = keys or {}
        self.panel = Panel(self.settings)
        self.layer = HighlightLayer()
        self.worker = AgentWorker(factory, ring_seconds, hotkeys=list(self.keys.values()))
        self.worker.approve_all = self.settings.confirm == "always"
        self.summoned.connect(self.toggle)
        self.aborted.connect(self._abort_shown)
        self.listener: HotkeyListener | None = None
        self.stop_hotkeys: Callable[[], None] = lambda: None
        # A held key auto-repeats as release-press pairs a few ms apart: a release counts
        # only when no press follows within TALK_RELEASE_MS.
        self.talk_release = QTimer(self, singleShot=True, interval=TALK_RELEASE_MS)
        self.talk_release.timeout.connect(self._talk_released)
        self.talk_down.connect(self._talk_pressed)
        self.talk_up.connect(self.talk_release.start)
        self.agent_thread = QThread()
        self.worker.moveToThread(self.agent_thread)
        # The worker is deleted in its own thread as that ends (close). Left to Python, its C++
        # side was deleted by the cycle collector on whichever thread collected: CI's crash.
        self.agent_thread.finished.connect(self.worker.deleteLater)
        self.closed = False
        panel, worker = self.panel, self.worker
        self.load.connect(worker.load)
        panel.requested.connect(worker.run)  # queued: runs in the worker thread, after loading
        panel.skill.connect(worker.run_skill)
        panel.attached.connect(worker.attach)  # queued: read in the worker thread
        panel.replied.connect(worker.reply, Qt.ConnectionType.DirectConnection)
        panel.decided.connect(worker.decide, Qt.ConnectionType.DirectConnection)
        panel.stopped.connect(worker.stop, Qt.ConnectionType.DirectConnection)
        worker.status.connect(panel.set_status)
        worker.said.connect(panel.say)
        worker.question.connect(panel.ask)
        worker.confirmation.connect(panel.confirm)
        worker.finished.connect(panel.done)
        worker.failed.connect(panel.fail)
        worker.missing.connect(panel.offer_install)
        worker.progress.connect(panel.show_progress)
        panel.install.connect(worker.install)  # queued: downloads in the worker thread
        panel.settings_view.saved.connect(self.apply)
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
        self.talk: Talk | None = None

    def apply(self, settings: Settings) -> None:
        """Settings saved in the editor: a new model loads in the worker, no restart needed."""
        old, self.settings = self.settings, settings
        self.worker.approve_all = settings.confirm == "always"
        self.panel.say("deskhand", f"settings saved to {settings_file()}")
        if any(getattr(settings, key) != getattr(old, key) for key in HOTKEYS):
            self.rebind(hotkeys(settings))
        if (settings.model, settings.server) != (old.model, old.server) and self.agent_for is not None:
            self.worker.factory = self.agent_for(settings)  # read by load(), queued after any running request
            self.load.emit()

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

    def attach_voice(self, talk: Talk) -> None:
        """The talk button (and any hold-to-talk hotkey, through ``talk.press``/``release``)."""
        self.talk = talk
        self.panel.talk_pressed.connect(talk.press)
        self.panel.talk_released.connect(talk.release)
        talk.heard.connect(self.panel.spoken)
        talk.listening.connect(self.panel.listening)
        talk.unavailable.connect(self.panel.no_microphone)
        talk.failed.connect(lambda message, fix: self.panel.say("error", message + (f"\n  fix: {fix}" if fix else "")))

    def rebind(self, keys: dict[str, Hotkey]) -> None:
        """Listen for other hotkeys from now on (saved in the settings editor)."""
        self.keys = keys
        self.worker.watch.hotkeys(list(keys.values()))
        if self.listener is not None:
            self.stop_hotkeys()
            self.listen(self.listener)
        self.panel.say("deskhand", "hotkeys now: " + ", ".join(k.text for k in keys.values()))

    def listen(self, listener: HotkeyListener) -> None:
        """Bind the show, abort and talk hotkeys; callbacks come on the listener's thread."""
        self.listener = listener
        bindings = [Binding(self.keys["hotkey_show"], self.summoned.emit)] if "hotkey_show" in self.keys else []
        if "hotkey_abort" in self.keys:
            bindings.append(Binding(self.keys["hotkey_abort"], self._abort))
        if "hotkey_talk" in self.keys:
            bindings.append(Binding(self.keys["hotkey_talk"], self.talk_down.emit, release=self.talk_up.emit))
        self.stop_hotkeys = listener.listen(bindings)

    def _talk_pressed(self) -> None:
        if self.talk_release.isActive():
            self.talk_release.stop()  # auto-repeat: the key is still held
        elif self.talk is not None and self.panel.talk.isEnabled():
            self.talk.press()

    def _talk_released(self) -> None:
        if self.talk is not None:
            self.talk.release()

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
        """Stop the worker and delete every Qt object made here, each on its own thread: the
        worker in the agent's thread as it ends, the windows in this one, now.

        The worker, the hotkey bindings and the voice's callbacks hold this object and it holds
        them: such cycles are freed by Python's cycle collector, on whichever thread happens to
        allocate when it runs, and a QObject or a window deleted off its thread crashes the
        process (CI: a collection inside the next panel's worker thread, loading its model, while
        the panel's thread ran the event loop). Once closed, nothing Qt is left for it.
        """
        if self.closed:
            return
        self.closed = True
        self.stop_hotkeys()
        self.stop_hotkeys = lambda: None
        self.listener = None  # its bindings hold this object's methods
        if self.talk is not None:
            self.talk.close()  # its threads have ended: nothing emits from them any more
        self.recording.stop()
        self.worker.stop()
        self.agent_thread.quit()
        # The worker may be inside a blocking ring or unring, which this thread must serve.
        while not self.agent_thread.wait(50):
            QCoreApplication.processEvents()
        ready, self.worker.ready = self.worker.ready, None  # its thread is done with it
        if ready is not None:
            ready.close()
        self.layer.close()
        self.panel.pill.close()
        self.panel.close()
        # Those without a parent; this object's own children go with it, freed by reference count here.
        mine: list[QObject] = [self.layer, self.panel.pill, self.panel]
        if self.talk is not None:
            mine.append(self.talk)
        if not self.recording.active:  # a recording being saved still reports from its thread
            mine.append(self.recording)
        for made in mine:
            made.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # now, on this thread


def tray_for(panel_app: PanelApp) -> QSystemTrayIcon:
    tray = QSystemTrayIcon(icon("deskhand"), panel_app)
    menu = QMenu()
    menu.addAction("Show", panel_app.panel.restore)
    menu.addAction("Record", panel_app.record_from_tray)
    menu.addAction("Stop", panel_app.panel.stop_run)
    menu.addAction("Quit", QApplication.quit)
    tray.setContextMenu(menu)
    tray.setToolTip("Deskhand")
    tray.show()
    return tray


def listen_for_hotkeys(panel_app: PanelApp) -> None:
    try:
        panel_app.listen(build_hotkeys())
    except DeskhandError as err:  # the panel works without them: say so, with the fix
        panel_app.panel.say(
            "error", f"global hotkeys are off: {err.message}" + (f"\n  fix: {err.fix}" if err.fix else "")
        )


def can_start() -> str | None:
    """Why the panel cannot start here, or None when it can."""
    if not os.environ.get("DISPLAY") and os.environ.get("QT_QPA_PLATFORM") != "offscreen":
        return "no display (DISPLAY is not set)"
    return None


def voice_for(settings: Settings) -> Talk:
    """The talk button's engine and hints: skill words, past values, the labels on screen (not ours)."""

    def hints() -> list[str]:
        return hints_now(build_observer(own=is_ours).observe())

    talk = Talk(lambda: open_engine(settings.speech), hints)
    talk.check(microphone_problem)
    return talk


def speak_replies(panel_app: PanelApp) -> None:
    """Questions, confirmations and results said aloud (settings: speak_replies = true)."""
    try:
        speaker = Speaker()
    except DeskhandError as err:
        panel_app.panel.say("error", f"{err.message}\n  fix: {err.fix}")
        return
    panel_app.worker.question.connect(lambda question, secret: speaker.say(question))
    panel_app.worker.confirmation.connect(speaker.say)
    panel_app.worker.finished.connect(speaker.say)
    panel_app.worker.failed.connect(lambda message, fix: speaker.say(message))


def run(
    model: str | None = None, server: str | None = None, audio_file: str | None = None, speech: str | None = None
) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Deskhand")
    app.setQuitOnLastWindowClosed(False)  # hiding to the pill closes no window for good
    settings = load_settings()
    if model or server:  # given on the command line: this run only, not saved
        settings = replace(settings, model=model or settings.model, server=server or "")
    settings = replace(settings, speech=speech or settings.speech)
    panel_app = PanelApp(panel_agent(settings), settings=settings, agent_for=panel_agent, keys=hotkeys(settings))
    panel_app.panel.quit.connect(app.quit)
    panel_app.attach_voice(voice_for(settings))
    if settings.speak_replies:
        speak_replies(panel_app)
    panel_app.start()
    if audio_file and panel_app.talk is not None:  # submitted now, run once the model is loaded
        panel_app.talk.hear_file(Path(audio_file))
    QTimer.singleShot(0, lambda: listen_for_hotkeys(panel_app))  # after the panel is drawn
    try:
        return app.exec()
    finally:
        panel_app.close()
