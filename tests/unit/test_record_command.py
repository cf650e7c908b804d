"""`deskhand record` without a display: usage errors, interrupted recordings, the progress lines."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.main import main
from app.services.paths import recordings_dir
from app.services.recording import StepLines, ancestors
from automation.recording import journal
from automation.recording.events import ClickEvent, KeyDown, KeyUp, Secret, WindowRef
from automation.types import Box

WIN = WindowRef(1, "Legacy Expense System", "Tk", Box(0, 0, 400, 300))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["record"], "give the skill a NAME"),
        (["record", "demo", "--until-idle", "0"], "--until-idle"),
        (["record", "demo", "--stop-key", "ctrl+alt"], "stop key"),
    ],
)
def test_usage_errors(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(args) == 2
    assert message in capsys.readouterr().err


def interrupted_recording() -> Path:
    writer = journal.Journal.create(recordings_dir(), "half done")
    writer.append(ClickEvent(0.5, 10, 20, "left", 1, WIN))
    writer.close()  # no finished.json: as after kill -9
    return writer.folder


def test_an_interrupted_recording_needs_an_answer_without_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    folder = interrupted_recording()
    assert main(["record", "--recover"]) == 3
    err = capsys.readouterr().err
    assert "interrupted recording 'half done' (1 events" in err and "--discard-interrupted" in err
    assert folder.exists()


def test_finish_or_discard_an_interrupted_recording(capsys: pytest.CaptureFixture[str]) -> None:
    kept = interrupted_recording()
    assert main(["record", "--recover", "--finish-interrupted"]) == 0
    assert journal.load(kept).finished is not None
    assert "Saved skill 'half done': 1 steps" in capsys.readouterr().out
    dropped = interrupted_recording()
    assert main(["record", "--recover", "--discard-interrupted"]) == 0
    assert not dropped.exists() and kept.exists()
    assert main(["record", "--recover"]) == 0 and "No interrupted recording" in capsys.readouterr().err


def test_progress_shows_steps_and_never_secret_keys() -> None:
    lines: list[str] = []
    progress = StepLines(lines.append)
    for event in [
        ClickEvent(0.1, 150, 60, "left", 1, WIN),
        KeyDown(0.2, "shift", WIN),
        KeyDown(0.21, "L", WIN),
        KeyUp(0.22, "l", WIN),
        KeyUp(0.23, "shift", WIN),
        KeyDown(0.3, "i", WIN),
        Secret(0.5, 6, WIN),
        KeyDown(0.8, "ctrl", WIN),
        KeyDown(0.81, "s", WIN),
        ClickEvent(1.0, 150, 90, "left", 2, WIN),
    ]:
        progress(event)
    assert lines == [
        "click left at 150,60 in 'Legacy Expense System' [Tk]",
        "typed 'Li'",
        "typed 6 secret characters (not kept) in 'Legacy Expense System' [Tk]",
        "key ctrl+s in 'Legacy Expense System' [Tk]",
        "double-click left at 150,90 in 'Legacy Expense System' [Tk]",
    ]


def test_our_terminal_is_among_our_ancestors() -> None:
    found = ancestors()
    assert os.getpid() in found and os.getppid() in found
