"""Talking to the panel widget as a user does: a request typed and sent, the conversation read."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.ui.launch import Overlay


def transcript(overlay: Overlay) -> str:
    return overlay.panel.transcript.toPlainText()


def ask_for(qtbot: QtBot, overlay: Overlay, request: str) -> None:
    qtbot.keyClicks(overlay.panel.input, request)
    qtbot.keyClick(overlay.panel.input, Qt.Key.Key_Return)
