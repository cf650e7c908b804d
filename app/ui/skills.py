"""The learned skills in the panel: run one (its missing values are asked in the conversation),
rename, delete or export it. The store is the same one `deskhand skills` reads."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.skills import open_store, write_export
from app.ui.icons import icon
from automation.errors import DeskhandError


def ask_new_name(parent: QWidget, old: str) -> str | None:
    name, ok = QInputDialog.getText(parent, "Rename skill", f"New name for {old!r}:", text=old)
    return name.strip() if ok and name.strip() else None


def sure_to_delete(parent: QWidget, name: str) -> bool:
    answer = QMessageBox.question(parent, "Delete skill", f"Delete the skill {name!r}? This cannot be undone.")
    return answer == QMessageBox.StandardButton.Yes


def export_to(parent: QWidget, name: str) -> Path | None:
    """Where to write the skill file; the dialog itself asks before replacing a file."""
    suggested = str(Path.home() / f"{name.replace('/', '-')}.json")
    path, _ = QFileDialog.getSaveFileName(parent, f"Export {name!r}", suggested, "Skill files (*.json)")
    return Path(path) if path else None


class SkillsList(QWidget):
    run = Signal(str)  # the name of the skill to run
    failed = Signal(str, str)  # (message, fix)
    said = Signal(str)  # what was done, for the conversation

    def __init__(
        self,
        new_name: Callable[[QWidget, str], str | None] = ask_new_name,
        sure: Callable[[QWidget, str], bool] = sure_to_delete,
        where: Callable[[QWidget, str], Path | None] = export_to,
    ) -> None:
        super().__init__()
        self.new_name = new_name
        self.sure = sure
        self.where = where
        self.names = QListWidget()
        self.names.setToolTip("Learned skills: double-click to run")
        self.names.itemDoubleClicked.connect(lambda item: self.run.emit(item.text()))
        buttons = QVBoxLayout()
        self.run_button = self._button("run", "Run the chosen skill", self._run)
        self.rename_button = self._button("rename", "Rename the chosen skill", self._rename)
        self.delete_button = self._button("delete", "Delete the chosen skill", self._delete)
        self.export_button = self._button("export", "Export the chosen skill to a file to share", self._export)
        for button in self._buttons():
            buttons.addWidget(button)
        buttons.addStretch()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.names, 1)
        row.addLayout(buttons)
        self.names.currentTextChanged.connect(self._chosen)
        self.refresh()

    def _button(self, name: str, tip: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(icon(name), "")
        button.setToolTip(tip)
        button.setAccessibleName(name)
        button.clicked.connect(slot)
        return button

    def refresh(self) -> None:
        try:
            with open_store() as store:
                names = store.names()
        except DeskhandError as err:
            self.failed.emit(err.message, err.fix)
            names = []
        self.names.clear()
        self.names.addItems(names)
        self._chosen(self.names.currentItem().text() if self.names.currentItem() else "")

    def chosen(self) -> str | None:
        item = self.names.currentItem()
        return item.text() if item else None

    def _buttons(self) -> tuple[QPushButton, ...]:
        return (self.run_button, self.rename_button, self.delete_button, self.export_button)

    def _chosen(self, name: str) -> None:
        for button in self._buttons():
            button.setEnabled(bool(name))

    def _run(self) -> None:
        name = self.chosen()
        if name:
            self.run.emit(name)

    def _rename(self) -> None:
        old = self.chosen()
        new = self.new_name(self, old) if old else None
        if old and new and new != old:
            self._change(lambda store: store.rename(old, new))

    def _delete(self) -> None:
        name = self.chosen()
        if name and self.sure(self, name):
            self._change(lambda store: store.delete(name))

    def _export(self) -> None:
        name = self.chosen()
        path = self.where(self, name) if name else None
        if not name or path is None:
            return
        try:
            with open_store() as store:
                self.said.emit(write_export(store.get(name), path, force=True))  # the dialog asked already
        except DeskhandError as err:
            self.failed.emit(err.message, err.fix)

    def _change(self, change: Callable[..., None]) -> None:
        try:
            with open_store() as store:
                change(store)
        except DeskhandError as err:
            self.failed.emit(err.message, err.fix)
        self.refresh()
