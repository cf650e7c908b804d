"""The zoo form in Qt Widgets (PySide6); the grid is a real QTableWidget.  python qt_form.py RUN.json"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from runfile import Box, Run, empty_values
from spec import THEMES


class QtForm(QWidget):
    def __init__(self, run: Run) -> None:
        super().__init__()
        self.run, spec = run, run.spec
        self.saves = 0
        self.dialog: QMessageBox | None = None
        theme = THEMES[spec.theme]
        font = QFont(spec.font)
        font.setPixelSize(spec.font_px)
        QApplication.setFont(font)
        if theme["bg"]:
            self.setStyleSheet(f"QtForm {{ background: {theme['bg']}; }} QLabel, QCheckBox {{ color: {theme['fg']}; }}")
        self.setObjectName("form")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setWindowTitle(spec.title)
        self.setGeometry(40, 40, spec.width, spec.height)
        self.boxes: dict[str, tuple[QWidget, QRect | None]] = {}  # widget, and a rect inside it for table parts
        self.entries: dict[str, QLineEdit] = {}
        self.combos: dict[str, QComboBox] = {}
        self.notes: dict[str, QPlainTextEdit] = {}
        self.checks: dict[str, QCheckBox] = {}
        self.tables: dict[str, QTableWidget] = {}
        for f in spec.fields:
            if f.kind == "check":
                self.checks[f.label] = box = QCheckBox(f.label, self)
                self.put(f"field:{f.label}", box)
                continue
            self.put(f"label:{f.label}", QLabel(f.label, self))
            if f.kind == "grid":
                self.tables[f.label] = self.table(f.label, f.columns, f.rows)
            elif f.kind == "combo":
                self.combos[f.label] = combo = QComboBox(self)
                combo.addItems(f.items)
                combo.setCurrentIndex(-1)
                self.put(f"field:{f.label}", combo)
            elif f.kind == "note":
                self.notes[f.label] = note = QPlainTextEdit(self)
                self.put(f"field:{f.label}", note)
            else:
                self.entries[f.label] = entry = QLineEdit(self)
                self.put(f"field:{f.label}", entry)
        button = QPushButton(spec.primary, self)
        button.clicked.connect(self.submit)
        self.put("button:primary", button)
        self.put("status:label", QLabel(spec.status_label, self))
        self.status = QLabel(spec.ready, self)
        self.put("status:value", self.status)
        QApplication.instance().focusChanged.connect(self.spring_trap)  # type: ignore[union-attr]
        self.poller = QTimer(self)
        self.poller.timeout.connect(self.poll)

    def put(self, key: str, widget: QWidget) -> None:
        p = self.run.spec.places[key]
        widget.setGeometry(p.x, p.y, p.w, p.h)
        self.boxes[key] = (widget, None)

    def table(self, label: str, columns: list[str], rows: int) -> QTableWidget:
        places = self.run.spec.places
        first, last = places[f"header:{label}:{columns[0]}"], places[f"cell:{label}:{columns[-1]}:{rows - 1}"]
        t = QTableWidget(rows, len(columns), self)
        t.setHorizontalHeaderLabels(columns)
        t.verticalHeader().setVisible(False)
        t.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        t.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        t.horizontalHeader().setFixedHeight(first.h + 2)
        for i, c in enumerate(columns):
            t.setColumnWidth(i, places[f"header:{label}:{c}"].w + 6)
        for r in range(rows):
            t.setRowHeight(r, places[f"cell:{label}:{columns[0]}:{r}"].h)
        t.setGeometry(first.x, first.y, last.x + last.w + 10 - first.x, last.y + last.h + 4 - first.y)
        header = t.horizontalHeader()
        for i, c in enumerate(columns):
            self.boxes[f"header:{label}:{c}"] = (header, QRect(header.sectionViewportPosition(i), 0, 0, 0))
            for r in range(rows):
                self.boxes[f"cell:{label}:{c}:{r}"] = (t.viewport(), QRect(i, r, -1, -1))
        return t

    def spring_trap(self, _old: QWidget | None, new: QWidget | None) -> None:
        target = self.run.text_after(self.run.trap)
        if target and new is self.entries.get(self.run.trap):
            QTimer.singleShot(0, self.entries[target].setFocus)

    def values(self) -> dict[str, object]:
        values = empty_values(self.run.spec)
        for label, entry in self.entries.items():
            values[label] = entry.text()
        for label, combo in self.combos.items():
            values[label] = combo.currentText()
        for label, note in self.notes.items():
            values[label] = note.toPlainText()
        for label, check in self.checks.items():
            values[label] = check.isChecked()
        for label, t in self.tables.items():
            for r in range(t.rowCount()):
                for i in range(t.columnCount()):
                    item = t.item(r, i)
                    values[label][r][t.horizontalHeaderItem(i).text()] = item.text() if item else ""  # type: ignore[index]
        return values

    def box_of(self, key: str) -> Box | None:
        widget, part = self.boxes[key]
        if not widget.isVisible():
            return None
        if part is None:
            rect = QRect(0, 0, widget.width(), widget.height())
        elif part.width() < 0:  # a table cell: (column, row)
            table = widget.parentWidget()
            assert isinstance(table, QTableWidget)
            rect = table.visualRect(table.model().index(part.y(), part.x()))
        else:  # a header section
            header = widget
            i = header.logicalIndexAt(part.x())  # type: ignore[attr-defined]
            rect = QRect(part.x(), 0, header.sectionSize(i), header.height())  # type: ignore[attr-defined]
        top_left = widget.mapToGlobal(rect.topLeft())
        return (top_left.x(), top_left.y(), rect.width(), rect.height())

    def write_dump(self) -> None:
        self.run.write_dump(self.box_of, self.values(), self.status.text())

    def start(self) -> None:
        self.setFocus()
        self.write_dump()
        self.poller.start(100)

    def poll(self) -> None:
        command = self.run.next_command()
        if command is not None and self.run.obey(command):
            self.reset()
        if command is not None:
            self.write_dump()
            self.run.done_command()

    def reset(self) -> None:
        if self.dialog is not None:
            self.dialog.done(0)
            self.dialog = None
        for entry in self.entries.values():
            entry.clear()
        for combo in self.combos.values():
            combo.setCurrentIndex(-1)
        for note in self.notes.values():
            note.clear()
        for check in self.checks.values():
            check.setChecked(False)
        for t in self.tables.values():
            for r in range(t.rowCount()):
                for i in range(t.columnCount()):
                    t.setItem(r, i, QTableWidgetItem(""))
        self.status.setText(self.run.spec.ready)
        self.setFocus()  # no field has the focus: every test starts from the same screen

    def submit(self) -> None:
        why = self.run.submit_problem(self.values())
        if why:
            self.status.setText(why)
            return
        spec = self.run.spec
        d = QMessageBox(QMessageBox.Icon.Question, spec.confirm_title, spec.question, parent=self)
        yes = d.addButton(spec.confirm, QMessageBox.ButtonRole.YesRole)
        d.addButton(spec.cancel, QMessageBox.ButtonRole.NoRole)
        d.setWindowModality(Qt.WindowModality.ApplicationModal)
        d.buttonClicked.connect(lambda b: self.answer(b is yes))
        self.dialog = d
        d.show()

    def answer(self, confirmed: bool) -> None:
        self.dialog = None
        if confirmed:
            self.saves += 1
            self.run.save(self.values())
            self.status.setText(self.run.spec.status_after(self.saves))
        QTimer.singleShot(0, self.write_dump)


def main() -> None:
    app = QApplication(sys.argv[:1])
    form = QtForm(Run.load(sys.argv[1]))
    form.show()
    QTimer.singleShot(300, form.start)
    app.exec()


if __name__ == "__main__":
    main()
