"""A receipt dropped on the panel (or chosen with the paperclip) is read with real
Tesseract in the worker thread, shown in the conversation, and given to the next request."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot

from app.ui.launch import PanelApp
from app.ui.panel import Panel, dropped_files
from automation.decisions import Done
from models.fakes import ScriptedPolicy
from tests.support.panel_stand_ins import ScriptedAgent
from tests.support.receipts import KINDS, save


@pytest.fixture
def panel_app(qtbot: QtBot, policy: ScriptedPolicy) -> Iterator[PanelApp]:
    made = PanelApp(ScriptedAgent(policy), ring_seconds=0.01)
    made.start()
    qtbot.waitUntil(lambda: made.panel.status.text() == "ready")
    yield made
    made.close()


def files(*paths: Path | str) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl(str(p)) if str(p).startswith("http") else QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def drop(panel: Panel, mime: QMimeData) -> QDropEvent:
    event = QDropEvent(
        QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    panel.dropEvent(event)
    return event


def transcript(panel_app: PanelApp) -> str:
    return panel_app.panel.transcript.toPlainText()


def test_a_dropped_receipt_is_read_shown_and_given_to_the_next_request(
    qtbot: QtBot, panel_app: PanelApp, policy: ScriptedPolicy, tmp_path: Path
) -> None:
    receipt = save(KINDS["clean"], tmp_path)
    event = drop(panel_app.panel, files(receipt))
    assert event.isAccepted()
    qtbot.waitUntil(lambda: "attached receipt" in transcript(panel_app), timeout=20_000)
    assert "attached receipt: 42.50, 2026-11-28, Noodle House (meal)" in transcript(panel_app)

    # the stand-in screen never changes: the goal check sends the finish back once, then says what is not done
    policy.enqueue(Done("filed"), Done("filed"))
    qtbot.keyClicks(panel_app.panel.input, "file this receipt")
    qtbot.keyClick(panel_app.panel.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "(not finished)" in transcript(panel_app))
    assert "not done: not submitted" in transcript(panel_app) and "'42.50' not shown" in transcript(panel_app)
    situation = policy.situations[0]
    assert ("amount", "42.50") in situation.facts and ("date", "2026-11-28") in situation.facts
    assert "Noodle House" in situation.documents[0]

    policy.enqueue(Done("again"), Done("again"))  # the receipt went with one request, not every one after it
    qtbot.keyClicks(panel_app.panel.input, "enter 3 as the amount")
    qtbot.keyClick(panel_app.panel.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "not done: '3' not shown" in transcript(panel_app))
    assert policy.situations[2].facts == ()


def test_an_unreadable_file_says_so_in_the_conversation(qtbot: QtBot, panel_app: PanelApp, tmp_path: Path) -> None:
    broken = tmp_path / "scan.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    panel_app.panel.attach(str(broken))
    qtbot.waitUntil(lambda: "error:" in transcript(panel_app), timeout=20_000)
    assert "cannot read scan.pdf" in transcript(panel_app)
    assert panel_app.worker.documents == []


def test_only_local_files_are_taken_from_a_drag(qtbot: QtBot, tmp_path: Path) -> None:
    panel = Panel()
    qtbot.addWidget(panel)
    attached: list[str] = []
    panel.attached.connect(attached.append)
    link = files("https://example.com/receipt.png")
    assert dropped_files(link) == []  # what dragEnterEvent accepts
    assert not drop(panel, link).isAccepted()
    real = tmp_path / "r.png"
    real.write_bytes(b"x")
    drop(panel, files(real))
    assert dropped_files(files(real)) == [str(real)]
    assert attached == [str(real)]
