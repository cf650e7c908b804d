"""A small Qt Widgets form for perception tests: labels above or left of fields, a combo,
a check box, radio buttons and a status line. Submit writes the values as JSON.

    python qt_form.py --out values.json [--layout above|left] [--title TITLE] [--redirect FROM=TO]
                      [--refuse FIELD=CHARACTERS]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QRegularExpression, QTimer
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

FIELDS = ["Customer", "Invoice Total", "Due Date", "Reference"]
CHOICES = ["Standard", "Express", "Overnight", "Pickup", "Freight", "Courier", "Drone", "Rail", "Ship", "Mule"]


class Redirect(QObject):
    """Sends the focus on to another field whenever the watched one gets it."""

    def __init__(self, to: QLineEdit, parent: QObject) -> None:
        super().__init__(parent)
        self.to = to

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            QTimer.singleShot(0, self.to.setFocus)
        return False


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--layout", choices=("above", "left"), default="above")
    parser.add_argument("--title", default="Quick Qt Form")
    parser.add_argument("--redirect", metavar="FROM=TO", help="a faulty form: focus on FROM jumps to TO")
    parser.add_argument("--refuse", metavar="FIELD=CHARACTERS", help="a strict field: FIELD drops keys of CHARACTERS")
    parser.add_argument("--ticked", action="store_true", help="Urgent starts ticked (a click clears it)")
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    root = QWidget()
    root.setWindowTitle(args.title)
    grid = QGridLayout(root)
    edits: dict[str, QLineEdit] = {}
    for i, name in enumerate(FIELDS):
        edit = QLineEdit()
        edit.setMinimumWidth(220)
        edits[name] = edit
        if args.layout == "above":
            grid.addWidget(QLabel(name), (i // 2) * 2, i % 2)
            grid.addWidget(edit, (i // 2) * 2 + 1, i % 2)
        else:
            grid.addWidget(QLabel(name), i, 0)
            grid.addWidget(edit, i, 1)
    if args.redirect:
        source, target = args.redirect.split("=")
        jump = Redirect(edits[target], root)
        edits[source].installEventFilter(jump)
    if args.refuse:
        name, refused = args.refuse.split("=", 1)
        allowed = QRegularExpression(f"[^{re.escape(refused)}]*")
        edits[name].setValidator(QRegularExpressionValidator(allowed, edits[name]))
    row = grid.rowCount()
    grid.addWidget(QLabel("Shipping"), row, 0)
    combo = QComboBox()
    combo.addItems(CHOICES)
    grid.addWidget(combo, row + 1 if args.layout == "above" else row, 0 if args.layout == "above" else 1)
    urgent = QCheckBox("Urgent")
    urgent.setChecked(args.ticked)
    grid.addWidget(urgent, row + 2, 0)
    status = QLabel("Waiting for input")
    submit = QPushButton("Submit")

    def save() -> None:
        values = {k: e.text() for k, e in edits.items()} | {
            "Shipping": combo.currentText(),
            "Urgent": urgent.isChecked(),
        }
        args.out.write_text(json.dumps(values))
        status.setText("Saved")

    submit.clicked.connect(save)
    grid.addWidget(submit, row + 3, 0)
    grid.addWidget(status, row + 4, 0, 1, 2)
    root.move(60, 60)
    root.show()
    sys.exit(app.exec())


if __name__ == "__main__":
    main()
