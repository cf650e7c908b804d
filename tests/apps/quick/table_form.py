"""An old-style form laid out as a bordered table (Qt Widgets): each label right-aligned in a
framed cell left of its field, a check box and radio buttons whose texts are separate labels
(clicking a text does nothing, as on a web page without <label>), all inside framed cells.
Post writes the values as JSON.

    python table_form.py --out values.json [--locked]

--locked: the check box takes no click (a form that refuses it: its state must not change).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

TERMS = ["Net 30", "Net 60", "COD"]


def cell(widget: QWidget | None = None) -> QFrame:
    """A table cell: a 1-px box frame, holding a widget or a row of them."""
    frame = QFrame()
    frame.setFrameShape(QFrame.Shape.Box)
    frame.setLineWidth(1)
    frame.setMinimumHeight(30)
    if widget is not None:
        row = QHBoxLayout(frame)
        row.setContentsMargins(4, 2, 4, 2)
        row.addWidget(widget)
    return frame


def label_cell(text: str) -> QLabel:
    label = QLabel(text)
    label.setFrameShape(QFrame.Shape.Box)
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    label.setMinimumSize(200, 30)
    label.setContentsMargins(4, 0, 4, 0)
    return label


def marked(button: QWidget, text: str) -> QWidget:
    """A mark with its text beside it as a separate label: the text takes no click."""
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(button)
    row.addWidget(QLabel(text))
    row.addStretch(1)
    return holder


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--locked", action="store_true", help="the check box ignores clicks")
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    root = QWidget()
    root.setWindowTitle("Quick Table Form")
    grid = QGridLayout(root)
    grid.setSpacing(0)
    vendor, tax = QLineEdit(), QLineEdit()
    vendor.setMinimumWidth(220)
    grid.addWidget(label_cell("Vendor Name:"), 0, 0)
    grid.addWidget(cell(vendor), 0, 1)
    grid.addWidget(label_cell("Tax ID:"), 1, 0)
    grid.addWidget(cell(tax), 1, 1)
    terms = QButtonGroup(root)
    radios = QWidget()
    row = QHBoxLayout(radios)
    row.setContentsMargins(0, 0, 0, 0)
    for i, term in enumerate(TERMS):
        radio = QRadioButton()
        radio.setChecked(i == 0)
        terms.addButton(radio, i)
        row.addWidget(marked(radio, term))
    row.addStretch(1)
    grid.addWidget(label_cell("Payment Terms:"), 2, 0)
    grid.addWidget(cell(radios), 2, 1)
    hold = QCheckBox()
    if args.locked:  # drawn as usual, deaf to the mouse
        hold.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        hold.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    grid.addWidget(label_cell("Payment Hold:"), 3, 0)
    grid.addWidget(cell(marked(hold, "Block payments")), 3, 1)
    post = QPushButton("Post Vendor")
    grid.addWidget(post, 4, 1, alignment=Qt.AlignmentFlag.AlignLeft)
    status = QLabel("Not posted.")
    grid.addWidget(status, 5, 0, 1, 2)

    def posted() -> None:
        values = {
            "vendor": vendor.text(),
            "tax_id": tax.text(),
            "terms": TERMS[terms.checkedId()],
            "hold": hold.isChecked(),
        }
        args.out.write_text(json.dumps(values))
        status.setText("Posted.")

    post.clicked.connect(posted)
    root.move(60, 60)
    root.show()
    sys.exit(app.exec())


if __name__ == "__main__":
    main()
