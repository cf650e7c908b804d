"""Broken environments: each gets its message, its exit code, and loses nothing."""

from pathlib import Path

import pytest

from tests.support.apps import RunningApp, deskhand

pytestmark = pytest.mark.e2e


def test_no_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISPLAY")
    result = deskhand("observe")
    assert result.returncode == 7
    assert "DISPLAY is not set" in result.stderr and "fix:" in result.stderr


def test_doctor_on_a_healthy_display() -> None:
    result = deskhand("doctor")
    assert result.returncode == 0, result.stdout
    for check in ("display", "RECORD extension", "window manager", "tesseract: eng", "python: pyautogui"):
        assert check in result.stdout


@pytest.mark.parametrize("backend", ["pytesseract", "tesserocr"])
def test_tesseract_language_data_missing(
    legacy: RunningApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, backend: str
) -> None:
    empty = tmp_path / "tessdata"
    empty.mkdir()
    monkeypatch.setenv("TESSDATA_PREFIX", str(empty))
    monkeypatch.setenv("DESKHAND_OCR", backend)
    result = deskhand("observe", "--window", "Legacy")
    assert result.returncode == 7, result.stderr
    assert "no language data for 'eng'" in result.stderr and str(empty) in result.stderr
    doctor = deskhand("doctor", "--json")
    assert doctor.returncode == 7 and '"tesseract: eng"' in doctor.stdout


def test_tesseract_program_missing(legacy: RunningApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing on PATH, tesseract included
    monkeypatch.setenv("DESKHAND_OCR", "pytesseract")
    result = deskhand("observe", "--window", "Legacy")
    assert result.returncode == 7, result.stderr
    assert "tesseract program is not installed" in result.stderr and "apt-get install tesseract-ocr" in result.stderr
    doctor = deskhand("doctor")
    assert doctor.returncode == 7 and "FAIL" in doctor.stdout


def test_unknown_window(legacy: RunningApp) -> None:
    result = deskhand("act", "click", "Submit", "--window", "Payroll 2003")
    assert result.returncode == 4
    assert "no window titled 'Payroll 2003'" in result.stderr and "Legacy Expense System" in result.stderr


def test_unknown_key_name_sends_nothing(legacy: RunningApp) -> None:
    result = deskhand("act", "key", "ctrl+hyperdrive", "--window", "Legacy")
    assert result.returncode == 8
    assert "unknown key" in result.stderr


def test_unknown_ocr_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DESKHAND_OCR", "easyocr")
    result = deskhand("observe")
    assert result.returncode == 7
    assert "no OcrEngine backend 'easyocr'" in result.stderr and "tesserocr" in result.stderr
