"""Deskhand fills cells in gnumeric and saves through File > Save As and its GTK dialog;
ssconvert reads the saved workbook back."""

import csv
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from automation.timings import wait_until
from tests.support.apps import RunningApp, deskhand, launch

pytestmark = pytest.mark.e2e
SHEET, DIALOG = "Gnumeric", "Save the current workbook"


@pytest.fixture
def gnumeric(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[RunningApp]:
    monkeypatch.setenv("HOME", str(tmp_path))  # its settings and recent files stay in the test's folder
    app = launch(["gnumeric", "--geometry=900x600+10+10"], "Book1.gnumeric")
    yield app
    app.stop()


def ok(*args: str) -> None:
    result = deskhand(*args)
    assert result.returncode == 0, f"deskhand {' '.join(args)} -> {result.returncode}\n{result.stderr}"


def read_back(book: Path, tmp_path: Path) -> list[list[str]]:
    out = tmp_path / "read-back.csv"
    subprocess.run(["ssconvert", str(book), str(out)], check=True, capture_output=True)
    return list(csv.reader(out.read_text().splitlines()))


def saved(book: Path) -> bool:
    return book.exists() and book.stat().st_size > 0 and subprocess.run(["gzip", "-t", str(book)]).returncode == 0


def test_type_cells_and_save_as_through_the_dialog(gnumeric: RunningApp, tmp_path: Path) -> None:
    for row in (("42.5", "Lunch"), ("7", "Taxi")):  # A1 is selected when gnumeric opens
        ok("act", "type", row[0], "--window", SHEET)
        ok("act", "key", "Tab", "--window", SHEET)
        ok("act", "type", row[1], "--window", SHEET)
        ok("act", "key", "Return", "--window", SHEET)  # back to column A, one row down
    ok("act", "click", "File", "--window", SHEET)
    ok("act", "click", "Save As", "--window", SHEET)
    book = tmp_path / "expenses.gnumeric"
    ok("act", "click", "Name:", "--field", "--window", DIALOG)
    ok("act", "key", "ctrl+a", "--window", DIALOG)
    ok("act", "type", str(book), "--window", DIALOG)
    ok("act", "click", "Save", "--window", DIALOG)
    wait_until(lambda: saved(book), name="gnumeric to write the workbook", timeout=10)
    assert read_back(book, tmp_path) == [["42.5", "Lunch"], ["7", "Taxi"]]
