"""The learned skills in the panel: run one (its missing values are asked in the conversation),
rename, delete or export it; review and enable an imported one (shown greyed until then).
The store is the same one `deskhand skills` reads."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.sharing import write_export
from app.services.skills import open_store
from app.services.trust import remove_skill
from app.ui.icons import icon
from automation.errors import DeskhandError
from automation.skills.trust import clean, preview_lines


def ask_new_name(parent: QWidget, old: str) -> str | None:
    name, ok = QInputDialog.getText(parent, "Rename skill", f"New name for {old!r}:", text=old)
    return name.strip() if ok and name.strip() else None


def sure_to_delete(parent: QWidget, name: str) -> bool:
    answer = QMessageBox.question(parent, "Delete skill", f"Delete the skill {name!r}? This cannot be undone.")
    return answer == QMessageBox.StandardButton.Yes


def review(parent: QWidget, name: str, lines: list[str]) -> bool:
    """The skill's review, and the user's yes to let it run."""
    text = "\n".join(lines) + "\n\nLet it run as shown?"
    answer = QMessageBox.question(parent, f"Enable {clean(name)!r}", text)
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
        approve: Callable[[QWidget, str, list[str]], bool] = review,
    ) -> None:
        super().__init__()
        self.new_name = new_name
        self.sure = sure
        self.where = where
        self.approve = approve
        self.disabled: set[str] = set()  # imported skills not reviewed yet: shown greyed, not run
        self.names = QListWidget()
        self.names.setToolTip("Learned skills: double-click to run")
        self.names.itemDoubleClicked.connect(lambda item: self._run())
        buttons = QVBoxLayout()
        self.run_button = self._button("run", "Run the chosen skill", self._run)
        self.rename_button = self._button("rename", "Rename the chosen skill", self._rename)
        self.delete_button = self._button("delete", "Delete the chosen skill", self._delete)
        self.export_button = self._button("export", "Export the chosen skill to a file to share", self._export)
        self.enable_button = self._button("enable", "Review the chosen imported skill and let it run", self._enable)
        for button in (*self._buttons(), self.enable_button):
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
                self.disabled = {s.name for s in store.list() if not s.enabled}
        except DeskhandError as err:
            self.failed.emit(err.message, err.fix)
            names = []
        self.names.clear()
        grey = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        for name in names:
            item = QListWidgetItem(clean(name))
            item.setData(Qt.ItemDataRole.UserRole, name)
            if name in self.disabled:
                item.setForeground(grey)
                item.setToolTip("Imported and not reviewed yet: Enable shows what it does")
            self.names.addItem(item)
        self._chosen(self.chosen() or "")

    def chosen(self) -> str | None:
        item = self.names.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def _buttons(self) -> tuple[QPushButton, ...]:
        return (self.run_button, self.rename_button, self.delete_button, self.export_button)

    def _chosen(self, name: str) -> None:
        for button in self._buttons():
            button.setEnabled(bool(name))
        self.run_button.setEnabled(bool(name) and name not in self.disabled)
        self.enable_button.setEnabled(name in self.disabled)

    def _run(self) -> None:
        name = self.chosen()
        if name and name not in self.disabled:
            self.run.emit(name)

    def _enable(self) -> None:
        name = self.chosen()
        if not name or name not in self.disabled:
            return
        try:
            with open_store() as store:
                lines = preview_lines(store.get(name))
                if not self.approve(self, name, lines):
                    return
                store.enable(name)
            self.said.emit(f"enabled {clean(name)!r}")
        except DeskhandError as err:
            self.failed.emit(err.message, err.fix)
        self.refresh()

    def _rename(self) -> None:
        old = self.chosen()
        new = self.new_name(self, old) if old else None
        if old and new and new != old:
            self._change(lambda store: store.rename(old, new))

    def _delete(self) -> None:
        name = self.chosen()
        if name and self.sure(self, name):
            self._change(lambda store: remove_skill(store, name))  # its recordings and screenshots too

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

    def _change(self, change: Callable[..., object]) -> None:
        try:
            with open_store() as store:
                change(store)
        except DeskhandError as err:
            self.failed.emit(err.message, err.fix)
        self.refresh()
