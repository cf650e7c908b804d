"""The recording folder: append, read back, survive a torn last line, list and settle interrupted ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from automation.errors import DeskhandError
from automation.recording import journal
from automation.recording.events import ClickEvent, Drag, EndShot, KeyDown, KeyUp, RawEvent, Scroll, Secret, WindowRef
from automation.types import Box

WIN = WindowRef(7, "Legacy Expense System", "Tk", Box(80, 60, 400, 300))
EVENTS: list[RawEvent] = [
    ClickEvent(0.5, 100, 120, "left", 1, WIN, "click-0001.png"),
    KeyDown(0.9, "B", WIN),
    KeyUp(0.95, "b", WIN),
    Secret(1.2, 6, WIN),
    Drag(2.0, 10, 10, 90, 40, "left", None),
    Scroll(2.5, 200, 210, 0, -2, WIN),
    ClickEvent(3.0, 300, 320, "right", 2, WIN),
]


def write(root: Path, events: list[RawEvent] = EVENTS, finish: bool = True) -> journal.Journal:
    writer = journal.Journal.create(root, "file expense", "a lunch claim", display=":90")
    for event in events:
        writer.append(event)
    if finish:
        writer.finish("idle", 3.5)
    return writer


def test_events_read_back_exactly(tmp_path: Path) -> None:
    writer = write(tmp_path)
    writer_folder = writer.folder
    recording = journal.load(writer_folder)
    assert list(recording.events) == EVENTS
    assert recording.name == "file expense" and recording.description == "a lunch claim"
    assert recording.meta["display"] == ":90"
    assert recording.finished is not None and recording.finished["reason"] == "idle"
    assert recording.finished["events"] == len(EVENTS) and not recording.torn
    assert writer_folder.name.endswith("-file-expense")


def test_shots_are_saved_beside_the_journal(tmp_path: Path) -> None:
    writer = write(tmp_path, finish=False)
    writer.save_shot("click-0001.png", Image.new("RGB", (40, 30), (10, 200, 30)))
    writer.finish("idle", 1.0)
    recording = journal.load(writer.folder)
    assert set(recording.shots) == {"click-0001.png"}
    assert Image.open(recording.shots["click-0001.png"]).getpixel((5, 5)) == (10, 200, 30)


def test_a_torn_last_line_is_ignored_then_cut_off_when_finished(tmp_path: Path) -> None:
    writer = write(tmp_path, finish=False)
    writer.close()  # as if killed: no finished.json
    path = writer.folder / journal.JOURNAL
    with open(path, "ab") as f:
        f.write(b'{"type": "key_down", "t": 4.0, "ke')  # the kill came mid-write
    (found,) = journal.interrupted(tmp_path)
    assert found.torn and list(found.events) == EVENTS
    finished = journal.finish_interrupted(found)
    assert not finished.torn and list(finished.events) == EVENTS
    assert path.read_bytes().endswith(b"\n") and finished.finished is not None
    assert finished.finished["reason"] == "interrupted"
    assert journal.interrupted(tmp_path) == []


def test_a_damaged_line_in_the_middle_is_an_error(tmp_path: Path) -> None:
    writer = write(tmp_path)
    path = writer.folder / journal.JOURNAL
    lines = path.read_text().splitlines()
    lines[2] = "not json"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(journal.JournalDamaged, match="line 3"):
        journal.load(writer.folder)


def test_only_unfinished_recordings_nobody_is_writing_are_interrupted(tmp_path: Path) -> None:
    write(tmp_path)  # finished
    busy = write(tmp_path, finish=False)  # still open in this process: its lock is held
    assert journal.interrupted(tmp_path) == []
    busy.close()
    (found,) = journal.interrupted(tmp_path)
    assert found.folder == busy.folder and found.finished is None


def test_discard_removes_the_folder(tmp_path: Path) -> None:
    writer = write(tmp_path, finish=False)
    writer.close()
    (found,) = journal.interrupted(tmp_path)
    journal.discard(found)
    assert not writer.folder.exists() and journal.interrupted(tmp_path) == []


def test_same_name_same_second_gets_its_own_folder(tmp_path: Path) -> None:
    first, second = write(tmp_path), write(tmp_path)
    assert first.folder != second.folder
    assert json.loads((second.folder / journal.META).read_text())["name"] == "file expense"


def test_a_second_writer_on_one_folder_is_refused(tmp_path: Path) -> None:
    writer = write(tmp_path, finish=False)
    with pytest.raises(DeskhandError, match="another Deskhand process"):
        journal.Journal(writer.folder)
    writer.close()


def test_the_end_picture_reads_back(tmp_path: Path) -> None:
    end = EndShot(4.2, WIN, "end-0002.png")
    writer = write(tmp_path, [*EVENTS, end])
    assert list(journal.load(writer.folder).events)[-1] == end
