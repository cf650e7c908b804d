"""Talking to the panel widget as a user does: a request typed and sent, the conversation read."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.ui.launch import PanelApp


def transcript(panel_app: PanelApp) -> str:
    return panel_app.panel.transcript.toPlainText()


def ask_for(qtbot: QtBot, panel_app: PanelApp, request: str) -> None:
    qtbot.keyClicks(panel_app.panel.input, request)
    qtbot.keyClick(panel_app.panel.input, Qt.Key.Key_Return)
