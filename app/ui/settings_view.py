"""The settings editor in the panel: which model, how to confirm, the hotkeys, voice, and trust:
the confirmation rule's own words and keys, the applications input may go to, how long
recordings and the audit log are kept, and whether the log keeps typed values.

Saved to the same TOML file `app.settings` reads, then read back: a value the reader
refuses is not left in the file, and its message and fix show under the form.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.models import pack_choices, speech_choices
from app.services.settings import (
    CONFIRM_CHOICES,
    Settings,
    load_settings,
    save_settings,
    settings_file,
    settings_problem,
)
from automation.errors import DeskhandError, UsageError

GGUF_FILE = ""  # the pack list's last entry: a GGUF file of your own, named in the path field
CONFIRM_WORDS = {"ask": "ask before committing actions", "always": "approve every action"}


def choose_gguf(parent: QWidget) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, "Choose a GGUF model file", str(Path.home()), "GGUF (*.gguf)")
    return path or None


class SettingsView(QWidget):
    saved = Signal(object)  # the Settings now in the file
    closed = Signal()

    def __init__(
        self,
        current: Settings,
        packs: Callable[[], list[tuple[str, str]]] = pack_choices,
        gguf: Callable[[QWidget], str | None] = choose_gguf,
    ) -> None:
        super().__init__()
        self.current = current
        self.packs = packs
        self.gguf = gguf
        self.pack = QComboBox()
        self.pack.setToolTip("A model pack (`deskhand models list`), or a GGUF file of your own")
        self.path = QLineEdit()
        self.path.setPlaceholderText("/path/to/model.gguf")
        self.browse = QPushButton("Browse\u2026")
        self.browse.clicked.connect(self._browse)
        self.server = QLineEdit()
        self.server.setPlaceholderText("optional: http://127.0.0.1:8080")
        self.server.setToolTip("An OpenAI-compatible server on this machine; used instead of the model when set")
        self.confirm = QComboBox()
        for choice in CONFIRM_CHOICES:
            self.confirm.addItem(CONFIRM_WORDS.get(choice, choice), choice)
        self.hotkey_show = QLineEdit()
        self.hotkey_abort = QLineEdit()
        self.hotkey_talk = QLineEdit()
        self.speech = QComboBox()
        for name, shown in speech_choices():
            self.speech.addItem(shown, name)
        self.speak_replies = QCheckBox("say questions and results aloud")
        # Trust (docs/security.md): lists are written comma-separated, "-word" takes a default out.
        self.commit_words = QLineEdit()
        self.commit_words.setPlaceholderText("e.g. proceed, -apply")
        self.commit_words.setToolTip("Words that make a button committing too (asked first); -word takes a default out")
        self.commit_keys = QLineEdit()
        self.commit_keys.setPlaceholderText("e.g. alt+s, -ctrl+p")
        self.commit_keys.setToolTip("Keys that also commit (asked first); -combo takes a default out")
        self.allowed_apps = QLineEdit()
        self.allowed_apps.setPlaceholderText("only the application each request starts in")
        self.allowed_apps.setToolTip("Other applications input may go to: window class or executable name")
        self.keep_days = QLineEdit()
        self.keep_days.setToolTip("Recordings and failure screenshots older than this are removed; 0 keeps them")
        self.audit_days = QLineEdit()
        self.audit_days.setToolTip("The audit log's months older than this are removed; 0 keeps it")
        self.audit_values = QCheckBox("write typed values in the audit log (secrets never)")
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        self.save_button = QPushButton("Save")
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.closed.emit)
        self.pack.currentIndexChanged.connect(self._pack_chosen)

        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow("Model", self.pack)
        form.addRow("GGUF file", file_row)
        form.addRow("Server", self.server)
        form.addRow("Confirm", self.confirm)
        form.addRow("Show/hide key", self.hotkey_show)
        form.addRow("Abort key", self.hotkey_abort)
        form.addRow("Hold to talk", self.hotkey_talk)
        form.addRow("Speech", self.speech)
        form.addRow("Replies", self.speak_replies)
        form.addRow("Also commit: words", self.commit_words)
        form.addRow("Also commit: keys", self.commit_keys)
        form.addRow("Allowed apps", self.allowed_apps)
        form.addRow("Keep recordings (days)", self.keep_days)
        form.addRow("Keep audit log (days)", self.audit_days)
        form.addRow("Audit log", self.audit_values)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        body = QVBoxLayout(self)
        body.setContentsMargins(0, 0, 0, 0)
        title = QLabel("Settings")
        title.setStyleSheet("font-weight: bold;")
        body.addWidget(title)
        body.addLayout(form)
        body.addWidget(self.problem)
        body.addLayout(buttons)
        body.addStretch()

    def edit(self) -> None:
        """Fill the form from the current settings."""
        settings = self.current
        self.pack.blockSignals(True)
        self.pack.clear()
        for name, shown in self.packs():
            self.pack.addItem(shown, name)
        self.pack.addItem("a GGUF file of your own", GGUF_FILE)
        at = self.pack.findData(settings.model)
        self.pack.setCurrentIndex(at if at >= 0 else self.pack.count() - 1)
        self.pack.blockSignals(False)
        self.path.setText("" if at >= 0 else settings.model)
        self._pack_chosen()
        self.server.setText(settings.server)
        self.confirm.setCurrentIndex(max(0, self.confirm.findData(settings.confirm)))
        self.hotkey_show.setText(settings.hotkey_show)
        self.hotkey_abort.setText(settings.hotkey_abort)
        self.hotkey_talk.setText(settings.hotkey_talk)
        self.speech.setCurrentIndex(max(0, self.speech.findData(settings.speech)))
        self.speak_replies.setChecked(settings.speak_replies)
        self.commit_words.setText(", ".join(settings.commit_words))
        self.commit_keys.setText(", ".join(settings.commit_keys))
        self.allowed_apps.setText(", ".join(settings.allowed_apps))
        self.keep_days.setText(settings.keep_days)
        self.audit_days.setText(settings.audit_days)
        self.audit_values.setChecked(settings.audit_values)
        self.problem.clear()

    def chosen(self) -> Settings:
        """The settings the form shows now."""
        pack = self.pack.currentData()
        return replace(  # from the current ones, so a setting the form does not show is kept
            self.current,
            model=self.path.text().strip() if pack == GGUF_FILE else pack,
            server=self.server.text().strip(),
            confirm=self.confirm.currentData(),
            hotkey_show=self.hotkey_show.text().strip(),
            hotkey_abort=self.hotkey_abort.text().strip(),
            hotkey_talk=self.hotkey_talk.text().strip(),
            speech=self.speech.currentData(),
            speak_replies=self.speak_replies.isChecked(),
            commit_words=entries(self.commit_words.text()),
            commit_keys=entries(self.commit_keys.text()),
            allowed_apps=entries(self.allowed_apps.text()),
            keep_days=self.keep_days.text().strip(),
            audit_days=self.audit_days.text().strip(),
            audit_values=self.audit_values.isChecked(),
        )

    def save(self) -> None:
        settings = self.chosen()
        packs = [self.pack.itemData(i) for i in range(self.pack.count()) if self.pack.itemData(i) != GGUF_FILE]
        problem = settings_problem(settings, packs)
        if problem is None:
            problem = self._write(settings)
        if problem is not None:
            self.problem.setText(problem.message + (f"\nfix: {problem.fix}" if problem.fix else ""))
            return
        self.current = settings
        self.problem.clear()
        self.saved.emit(settings)

    def _write(self, settings: Settings) -> DeskhandError | None:
        """Save, then read back the way Deskhand starts; a refused file is put back as it was."""
        path = settings_file()
        before = path.read_text(encoding="utf-8") if path.exists() else None
        try:
            save_settings(settings)
            load_settings()
        except OSError as err:
            return UsageError(f"cannot write {path}: {err.strerror or err}", f"check the permissions of {path.parent}")
        except DeskhandError as err:
            if before is None:
                path.unlink(missing_ok=True)
            else:
                path.write_text(before, encoding="utf-8")
            return err
        return None

    def _pack_chosen(self) -> None:
        own = self.pack.currentData() == GGUF_FILE
        self.path.setEnabled(own)
        self.browse.setEnabled(own)

    def _browse(self) -> None:
        path = self.gguf(self)
        if path:
            self.path.setText(path)


def entries(text: str) -> tuple[str, ...]:
    """A comma-separated field as the settings' list; an empty entry between two commas is kept
    so that the check before saving names it rather than dropping what the user wrote."""
    parts = [p.strip() for p in text.split(",")]
    return () if parts == [""] else tuple(parts)
