"""The zoo keypad in Qt Widgets (PySide6), each key with a tooltip.  python keypad_qt.py RUN.json"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QPushButton, QWidget

sys.path.insert(0, str(Path(__file__).resolve().parent))
from keypad import KeypadRun


class QtKeypad(QWidget):
    def __init__(self, run: KeypadRun) -> None:
        super().__init__()
        self.run, spec = run, run.spec
        theme = run.theme()
        self.setWindowTitle(spec.title)
        self.setFixedSize(spec.width, spec.height)
        self.move(60, 60)
        font = QFont(spec.font)
        font.setPixelSize(spec.font_px)
        self.setFont(font)
        if theme["bg"]:
            self.setStyleSheet(f"QtKeypad {{ background: {theme['bg']}; }}")
        self.widgets: dict[str, QWidget] = {}
        self.display = QLabel(run.calculator.shown, self)
        self.display.setFrameStyle(QFrame.Shape.Panel | QFrame.Shadow.Sunken)
        self.display.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.display.setStyleSheet("background: white; padding-right: 6px;")
        self.put("display", self.display)
        for key in spec.keys:
            button = QPushButton(key.symbol, self)
            button.setToolTip(key.name)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, s=key.symbol: self.press(s))
            self.put(f"key:{key.symbol}", button)
        self.poller = QTimer(self)
        self.poller.timeout.connect(lambda: self.run.poll(self.box_of, self.display.setText))

    def put(self, name: str, widget: QWidget) -> None:
        p = self.run.spec.places[name]
        widget.setGeometry(p.x, p.y, p.w, p.h)
        self.widgets[name] = widget

    def press(self, symbol: str) -> None:
        self.display.setText(self.run.calculator.press(symbol))
        QTimer.singleShot(0, lambda: self.run.write_dump(self.box_of))

    def box_of(self, name: str) -> tuple[int, int, int, int] | None:
        w = self.widgets.get(name)
        if w is None or not w.isVisible():
            return None
        at = w.mapToGlobal(w.rect().topLeft())
        return (at.x(), at.y(), w.width(), w.height())

    def start(self) -> None:
        self.run.write_dump(self.box_of)
        self.poller.start(100)


def main() -> None:
    app = QApplication(sys.argv[:1])
    keypad = QtKeypad(KeypadRun.load(sys.argv[1]))
    keypad.show()
    QTimer.singleShot(300, keypad.start)
    app.exec()


if __name__ == "__main__":
    main()
