"""A Qt window with Deskhand's highlight layer ringing a box, as the panel rings a target
while it asks to confirm: the layer is a full-screen override-redirect window of the same
connection, masked to the ring and transparent for input.

    python3 ringed.py X Y W H

The window's title says "ringed" once the layer is shown.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

from app.ui.highlight import HighlightLayer

TITLE = "Ringed window"


def main(x: int, y: int, w: int, h: int) -> None:
    app = QApplication([])
    window = QLabel("Confirm in this window")
    window.setWindowTitle(TITLE)
    window.setGeometry(880, 40, 360, 300)
    window.show()
    layer = HighlightLayer()

    def ring() -> None:
        layer.ring(x, y, w, h)
        window.setWindowTitle(f"{TITLE} (ringed)")

    QTimer.singleShot(300, ring)
    app.exec()


if __name__ == "__main__":
    main(*(int(v) for v in sys.argv[1:5]))
