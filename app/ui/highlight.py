"""The highlight layer: a full-screen, click-through window that rings what Deskhand is about to touch.

Without a compositor X11 ignores alpha, so the window is masked to the ring itself:
only the ring's pixels exist, everything else shows the desktop and lets clicks through.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPaintEvent, QRegion
from PySide6.QtWidgets import QWidget

RING = 4  # pixels of ring
GAP = 4  # pixels between the target and the ring
COLOR = QColor("#e8590c")
FLAGS = (
    Qt.WindowType.FramelessWindowHint
    | Qt.WindowType.WindowStaysOnTopHint
    | Qt.WindowType.WindowTransparentForInput
    | Qt.WindowType.WindowDoesNotAcceptFocus
    | Qt.WindowType.Tool
    | Qt.WindowType.X11BypassWindowManagerHint  # not a managed window: never listed, never focused
)


def ring_region(target: QRect) -> QRegion:
    outer = target.adjusted(-GAP - RING, -GAP - RING, GAP + RING, GAP + RING)
    inner = target.adjusted(-GAP, -GAP, GAP, GAP)
    return QRegion(outer).subtracted(QRegion(inner))


class HighlightLayer(QWidget):
    def __init__(self) -> None:
        super().__init__(None, FLAGS)
        self.setWindowTitle("highlight layer")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        screen = QGuiApplication.primaryScreen()
        self.setGeometry(screen.geometry() if screen else QRect(0, 0, 1280, 800))
        self.target: QRect | None = None

    def ring(self, x: int, y: int, w: int, h: int) -> None:
        """Ring the box at screen coordinates (x, y, w, h)."""
        self.target = QRect(x - self.x(), y - self.y(), w, h)
        self.setMask(ring_region(self.target))
        self.show()
        self.raise_()
        self.update()

    def clear(self) -> None:
        self.target = None
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), COLOR)
