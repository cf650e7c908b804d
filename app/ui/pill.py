"""The hidden panel: a small always-on-top pill; a click brings the panel back."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QRegion
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from app.ui.icons import icon

SIZE = QSize(112, 32)


class Pill(QWidget):
    clicked = Signal()

    def __init__(self) -> None:
        super().__init__(
            None, Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint | Qt.WindowType.Tool
        )
        self.setWindowTitle("Deskhand")
        self.setFixedSize(SIZE)
        self.setStyleSheet("background: #1f4e79; color: white; font-weight: bold;")
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 0, 10, 0)
        mark = QLabel()
        mark.setPixmap(icon("deskhand").pixmap(18, 18))
        row.addWidget(mark)
        row.addWidget(QLabel("Deskhand"))
        self.setMask(QRegion(0, 0, SIZE.width(), SIZE.height(), QRegion.RegionType.Ellipse))
        self.setToolTip("Show the Deskhand panel")

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.clicked.emit()
