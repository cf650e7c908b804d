"""The panel: the conversation with the agent, its controls, and the learned skills."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QRect, QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QPainterPath, QRegion, QResizeEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.settings import Settings
from app.ui.icons import icon
from app.ui.pill import Pill
from app.ui.settings_view import SettingsView
from app.ui.skills import SkillsList

SIZE = QSize(380, 620)
RADIUS = 12
DOCUMENTS = "Receipts and invoices (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.webp *.pdf)"
MARKS = {"you": "you", "saw": "  saw", "chose": "  chose", "did": "  did", "answered": "  answered", "retry": "  retry"}
STYLE = """
QWidget#panel { background: #f4f6f8; }
QLabel#title { font-weight: bold; font-size: 14px; color: #1f4e79; }
QLabel#status { color: #555; }
QPlainTextEdit { background: white; border: 1px solid #c8d0d8; }
QWidget#confirm { background: #fff4e0; }
QWidget#install { background: #e8f0f8; }
"""


def rounded(size: QSize, radius: int) -> QRegion:
    """The panel's shape: without a compositor, rounded corners come from a mask, not alpha."""
    path = QPainterPath()
    path.addRoundedRect(0, 0, size.width(), size.height(), radius, radius)
    return QRegion(path.toFillPolygon().toPolygon())


class Panel(QWidget):
    requested = Signal(str)  # a new request for the agent
    replied = Signal(str)  # the answer to the agent's question
    decided = Signal(bool)  # the answer to a confirmation
    stopped = Signal()
    quit = Signal()
    skill = Signal(str)  # run this learned skill
    record = Signal(str)  # start recording a demonstration under this name
    stop_recording = Signal()
    attached = Signal(str)  # read this file (a receipt) for the next request
    talk_pressed = Signal()  # hold to talk: the microphone records until released
    talk_released = Signal()
    install = Signal(str)  # install this model pack, then load it

    def __init__(self, settings: Settings | None = None) -> None:
        super().__init__(
            None, Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint | Qt.WindowType.Tool
        )
        self.setObjectName("panel")
        self.setWindowTitle("Deskhand")
        self.setWindowIcon(icon("deskhand"))
        self.setStyleSheet(STYLE)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.resize(SIZE)
        self.asking = False  # the agent waits for an answer typed in the input
        self.naming = False  # the next line typed names a new recording
        self.recording = False
        self.busy = False
        self.pill = Pill()
        self.pill.clicked.connect(self.restore)

        self.title = QLabel("Deskhand")
        self.title.setObjectName("title")
        self.status = QLabel("starting")
        self.status.setObjectName("status")
        self.hide_button = self._button("hide", "Hide to a small pill", self.collapse)
        self.quit_button = self._button("quit", "Quit Deskhand", self.quit.emit)
        self.settings_button = self._button("settings", "Settings: model, confirmations, hotkeys", self.toggle_settings)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch()
        head.addWidget(self.status)
        head.addWidget(self.settings_button)
        head.addWidget(self.hide_button)
        head.addWidget(self.quit_button)

        self.transcript = QPlainTextEdit()
        self.transcript.setReadOnly(True)
        # A wrapped line is laid out after it is appended, and the scroll range grows then: the
        # newest line was left cut off at the bottom (a question OCR could not read), so follow it.
        # Queued: the text edit sets its own position after announcing the new range.
        self.transcript.verticalScrollBar().rangeChanged.connect(self._show_newest, Qt.ConnectionType.QueuedConnection)
        self.settings_view = SettingsView(settings or Settings())
        self.settings_view.closed.connect(self.toggle_settings)
        self.settings_view.saved.connect(lambda settings: self.toggle_settings())
        self.settings_view.hide()

        self.missing_pack = ""
        self.install_text = QLabel()
        self.install_text.setWordWrap(True)
        self.install_bar = QProgressBar()
        self.install_bar.setRange(0, 100)
        self.install_bar.hide()
        self.install_button = QPushButton("Install")
        self.install_button.clicked.connect(self._install)
        self.install_row = QWidget()
        self.install_row.setObjectName("install")
        install = QVBoxLayout(self.install_row)
        install_line = QHBoxLayout()
        install_line.addWidget(self.install_text, 1)
        install_line.addWidget(self.install_button)
        install.addLayout(install_line)
        install.addWidget(self.install_bar)
        self.install_row.hide()

        self.question = QLabel()
        self.question.setWordWrap(True)
        self.yes = QPushButton("Yes")
        self.no = QPushButton("No")
        self.yes.clicked.connect(lambda: self._decide(True))
        self.no.clicked.connect(lambda: self._decide(False))
        self.confirm_row = QWidget()
        self.confirm_row.setObjectName("confirm")
        confirm = QHBoxLayout(self.confirm_row)
        confirm.addWidget(self.question, 1)
        confirm.addWidget(self.yes)
        confirm.addWidget(self.no)
        self.confirm_row.hide()

        self.input = QLineEdit()
        self.input.setPlaceholderText("Tell me what to do, e.g. enter 42.50 as the amount and submit")
        self.input.returnPressed.connect(lambda: self.submit())
        self.send = self._button("send", "Send", lambda: self.submit())
        self.stop = self._button("stop", "Stop what Deskhand is doing", self.stop_run)
        self.stop.setEnabled(False)
        self.attach_button = self._button("attach", "Attach a receipt or invoice (or drop it here)", self.choose_file)
        self.setAcceptDrops(True)
        self.talk = QPushButton("Talk")
        self.talk.setToolTip("Hold to speak a request or an answer; release to send it")
        self.talk.pressed.connect(self.talk_pressed.emit)
        self.talk.released.connect(self.talk_released.emit)
        ask = QHBoxLayout()
        ask.addWidget(self.attach_button)
        ask.addWidget(self.input, 1)
        ask.addWidget(self.talk)
        ask.addWidget(self.send)
        ask.addWidget(self.stop)
        self.record_button = QPushButton(icon("record"), "Record")
        self.record_button.setToolTip("Show Deskhand a task once, to learn it as a skill")
        self.record_button.clicked.connect(self.toggle_recording)

        self.skills = SkillsList()
        self.skills.setMaximumHeight(110)
        self.skills.run.connect(self.run_skill)
        self.skills.failed.connect(self.fail)
        self.skills.said.connect(lambda text: self.say("deskhand", text))

        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(12, 10, 12, 12)
        self.body.addLayout(head)
        self.body.addWidget(self.transcript, 1)
        self.body.addWidget(self.settings_view, 1)
        self.body.addWidget(self.install_row)
        self.body.addWidget(self.confirm_row)
        self.body.addLayout(ask)
        skills_head = QHBoxLayout()
        skills_head.addWidget(QLabel("Skills"))
        skills_head.addStretch()
        skills_head.addWidget(self.record_button)
        self.body.addLayout(skills_head)
        self.body.addWidget(self.skills)

    def _button(self, name: str, tip: str, slot: object) -> QPushButton:
        button = QPushButton(icon(name), "")
        button.setToolTip(tip)
        button.setAccessibleName(name)
        button.clicked.connect(slot)
        return button

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.setMask(rounded(self.size(), RADIUS))
        super().resizeEvent(event)

    # The conversation.
    def say(self, kind: str, text: str) -> None:
        mark = MARKS.get(kind, kind)
        text = text.removeprefix(f"{kind} ")  # "saw: 12 labels", not "saw: saw 12 labels"
        self.transcript.appendPlainText(f"{mark}: {text}")
        self._show_newest()  # the newest line in view, even after the user scrolled up

    def _show_newest(self) -> None:
        bar = self.transcript.verticalScrollBar()
        bar.setValue(bar.maximum())

    def submit(self, spoken: bool = False) -> None:
        text = self.input.text().strip()
        if not text:
            return
        self.input.clear()
        secret = self.input.echoMode() is QLineEdit.EchoMode.Password
        self.input.setEchoMode(QLineEdit.EchoMode.Normal)
        self.say("you (spoken)" if spoken else "you", "(a secret)" if secret else text)
        if self.naming:
            self.naming = False
            self.recording = True
            self.record_button.setText("Stop recording")
            self.record.emit(text)
            return
        if self.asking:
            self.asking = False
            self.replied.emit(text)
            return
        if self.busy:
            self.say("deskhand", "still working on the last request; Stop it first")
            return
        self.busy = True
        self.stop.setEnabled(True)
        self.requested.emit(text)

    def spoken(self, text: str) -> None:
        """What the talk button heard goes in as if typed: a request, or the answer to a question."""
        self.input.setText(text)
        self.submit(spoken=True)

    def listening(self, on: bool) -> None:
        self.talk.setText("Listening\u2026" if on else "Talk")

    def no_microphone(self, why: str) -> None:
        self.talk.setEnabled(False)
        self.talk.setToolTip(why)
        self.say("deskhand", f"{why}; typing still works")

    def toggle_recording(self) -> None:
        if self.recording:
            self.say("you", "stop recording")
            self.stop_recording.emit()
            return
        self.naming = True
        self.say("deskhand", "What should the new skill be called?")
        self.input.setFocus()

    def recording_over(self) -> None:
        self.recording = False
        self.naming = False
        self.record_button.setText("Record")

    def run_skill(self, name: str) -> None:
        if self.busy:
            self.say("deskhand", "still working on the last request; Stop it first")
            return
        self.busy = True
        self.stop.setEnabled(True)
        self.say("you", f"run the skill {name!r}")
        self.skill.emit(name)

    def ask(self, question: str, secret: bool = False) -> None:
        self.asking = True
        self.say("deskhand", question)
        if secret:  # typed unseen, and never written into the conversation
            self.input.setEchoMode(QLineEdit.EchoMode.Password)
        self.input.setFocus()

    def confirm(self, question: str) -> None:
        self.question.setText(question)
        self.confirm_row.show()
        self.say("deskhand", question)

    def _decide(self, yes: bool) -> None:
        self.confirm_row.hide()
        self.say("you", "yes" if yes else "no")
        self.decided.emit(yes)

    def stop_run(self) -> None:
        self.asking = False
        self.confirm_row.hide()
        self.say("you", "stop")
        self.stopped.emit()

    def done(self, text: str) -> None:
        self._idle()
        self.say("deskhand", text)

    def fail(self, message: str, fix: str) -> None:
        self._idle()
        self.say("error", message + (f"\n  fix: {fix}" if fix else ""))

    def _idle(self) -> None:
        self.input.setEchoMode(QLineEdit.EchoMode.Normal)
        self.busy = False
        self.asking = False
        self.confirm_row.hide()
        self.stop.setEnabled(False)

    def set_status(self, text: str) -> None:
        self.status.setText(text)
        if text == "ready":
            self.install_row.hide()
        else:
            self.say("deskhand", text)
        if text == "not installed":  # the install failed, or another missing pack was chosen
            self.install_button.setEnabled(True)

    # Settings and the model pack.
    def toggle_settings(self) -> None:
        """The settings editor in place of the conversation, and back."""
        editing = not self.settings_view.isVisible()
        if editing:
            self.settings_view.edit()
        self.settings_view.setVisible(editing)
        self.transcript.setVisible(not editing)

    def offer_install(self, pack: str) -> None:
        self.missing_pack = pack
        self.install_text.setText(f"The model pack {pack!r} is not installed yet.")
        self.install_button.setEnabled(True)
        self.install_bar.hide()
        self.install_row.show()

    def _install(self) -> None:
        self.install_button.setEnabled(False)
        self.install_bar.setValue(0)
        self.install_bar.show()
        self.say("you", f"install {self.missing_pack}")
        self.install.emit(self.missing_pack)

    def show_progress(self, what: str, percent: int) -> None:
        self.status.setText(f"installing {percent}%")
        self.install_text.setText(what)
        self.install_bar.setValue(percent)

    # Attached documents: dropped on the panel or chosen with the paperclip.
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = dropped_files(event.mimeData())
        if files:
            event.acceptProposedAction()
            self.attach(files[0])

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Attach a receipt", str(Path.home()), DOCUMENTS)
        if path:
            self.attach(path)

    def attach(self, path: str) -> None:
        self.say("you", f"attach {Path(path).name}")
        self.attached.emit(path)

    # Hide and show.
    def collapse(self) -> None:
        where = self.geometry()
        self.pill.move(where.right() - self.pill.width(), where.top())
        self.hide()
        self.pill.show()

    def restore(self) -> None:
        self.pill.hide()
        self.show()
        self.raise_()
        self.activateWindow()

    def place(self, screen: QRect) -> None:
        """At the right edge of the screen, out of the way of the application in front."""
        self.move(screen.right() - self.width() - 16, screen.top() + 16)


def dropped_files(mime: QMimeData) -> list[str]:
    """The local files among what is dragged: a receipt from the file manager, not a web link."""
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile() and Path(url.toLocalFile()).is_file()]
