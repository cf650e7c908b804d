"""Spoken requests through the real entry point over the Tk legacy client.

The audio is made here with espeak-ng (deterministic for a given text and voice) and
heard by the default speech engine; the client's claims file is the verdict.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from automation.timings import wait_until
from tests.support.apps import RunningApp, deskhand
from tests.support.default_pack import needs_default_pack as needs_model
from tests.support.legacy_form import claims_in
from tests.support.spoken import spoken

pytestmark = pytest.mark.e2e


def sox(folder: Path, name: str, *effect: str) -> Path:
    path = folder / f"{name}.wav"
    subprocess.run(["sox", "-n", "-r", "16000", "-c", "1", "-b", "16", str(path), *effect], check=True)
    return path


@needs_model
def test_a_spoken_request_files_the_claim(legacy: RunningApp, claims: Path, tmp_path: Path) -> None:
    request = spoken(tmp_path, "request", "enter forty two fifty as the amount and submit")
    result = deskhand("do", "--audio-file", str(request), "--yes", "--json", timeout=600)
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    report = json.loads(result.stdout)
    assert "42.50" in report["heard"] and "heard: " in result.stderr
    assert [c["amount"] for c in claims_in(claims)] == ["42.50"]


@needs_model
def test_a_question_is_answered_by_a_second_recording(legacy: RunningApp, claims: Path, tmp_path: Path) -> None:
    request = spoken(tmp_path, "request", "fill in the amount and submit")
    answer = spoken(tmp_path, "answer", "forty two fifty", voice="en-gb")
    result = deskhand("do", "--audio-file", str(request), "--answer-audio", str(answer), "--yes", "--json", timeout=600)
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    report = json.loads(result.stdout)
    assert report["heard_answers"] == ["42.50"]
    assert any(step["stage"] == "answer" for step in report["steps"]), "no question was asked"
    assert [c["amount"] for c in claims_in(claims)] == ["42.50"]


BAD = {
    "not audio": (lambda d: (d / "notes.wav").write_text("lunch with Zhang San") and d / "notes.wav", "not a WAV file"),
    "empty": (lambda d: (d / "empty.wav").write_bytes(b"") == 0 and d / "empty.wav", "the file is empty"),
    "missing": (lambda d: d / "nowhere.wav", "does not exist"),
    "silence": (lambda d: sox(d, "silence", "trim", "0", "3"), "heard nothing in"),
    "only noise": (lambda d: sox(d, "noise", "synth", "3", "brownnoise", "vol", "0.05"), "heard nothing in"),
}


@pytest.mark.parametrize("case", BAD)
def test_a_recording_with_no_request_in_it_exits_2_and_sends_nothing(
    legacy: RunningApp, claims: Path, tmp_path: Path, case: str
) -> None:
    make, why = BAD[case]
    path = make(tmp_path)
    result = deskhand("do", "--audio-file", str(path), "--yes", timeout=300)
    assert result.returncode == 2, f"{result.stdout}\n{result.stderr}"
    assert why in result.stderr and str(path) in result.stderr, result.stderr
    assert "fix:" in result.stderr
    assert "loading" not in result.stderr, "the model was loaded for a request never heard"
    assert claims_in(claims) == []


def test_a_silent_answer_recording_stops_the_run_before_it_starts(
    legacy: RunningApp, claims: Path, tmp_path: Path
) -> None:
    request = spoken(tmp_path, "request", "enter forty two fifty as the amount and submit")
    silent = sox(tmp_path, "silence", "trim", "0", "2")
    result = deskhand("do", "--audio-file", str(request), "--answer-audio", str(silent), "--yes", timeout=300)
    assert result.returncode == 2 and f"heard nothing in {silent}" in result.stderr, result.stderr
    assert claims_in(claims) == []


def test_a_request_in_words_and_a_recording_together_is_a_usage_error(tmp_path: Path) -> None:
    request = spoken(tmp_path, "request", "submit")
    result = deskhand("do", "submit", "--audio-file", str(request))
    assert result.returncode == 2 and "not both" in result.stderr


@needs_model
def test_the_panel_opened_with_a_recording_runs_it(legacy: RunningApp, claims: Path, tmp_path: Path) -> None:
    from tests.support.apps import REPO, wait_for_window
    from tests.support.panel_screen import accept_confirmation, screenshot, shows

    request = spoken(tmp_path, "request", "enter forty two fifty as the amount and submit")
    script = Path(sys.executable).with_name("deskhand")
    log = open(tmp_path / "deskhand.log", "wb")  # noqa: SIM115
    process = subprocess.Popen(
        [str(script), "--audio-file", str(request)], cwd=REPO, stdin=subprocess.DEVNULL, stdout=log, stderr=log
    )
    try:
        wait_for_window("Deskhand", process)
        accept_confirmation("Submit")
        accept_confirmation("Yes")  # the client's own dialog
        wait_until(lambda: claims_in(claims), name="the claims file", timeout=300)
        assert shows("spoken"), "the request was not shown as spoken"
        screenshot("spoken")
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()
    assert [c["amount"] for c in claims_in(claims)] == ["42.50"], (tmp_path / "deskhand.log").read_text()
