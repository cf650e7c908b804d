"""The widget tests really draw offscreen, and leave the environment to the rest of the suite."""

import os

from PySide6.QtWidgets import QApplication


def test_widgets_draw_offscreen_without_touching_the_environment(qapp: QApplication) -> None:
    assert qapp.platformName() == "offscreen"
    assert os.environ.get("QT_QPA_PLATFORM") != "offscreen"
