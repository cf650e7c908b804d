"""Widget tests draw offscreen: no X server, no window manager (the rest of the suite uses Xvfb)."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before pytest-qt creates the QApplication
