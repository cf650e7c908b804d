"""Requests and answers spoken in WAV files (`deskhand do --audio-file`, `--answer-audio`, and
the terminal conversation): read every file first, refuse silence before any engine loads,
then hear each with the hints for what is on screen."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from app.services import Say
from app.services.settings import load_settings
from app.services.voice.engine import open_engine
from app.services.voice.hints import hints_now
from app.services.voice.listen import hear, nothing_heard
from automation.audio import Audio
from automation.audio.pcm import is_silent
from automation.audio.wav import WavFile
from automation.types import Observation


def read_recordings(files: Sequence[str]) -> dict[str, Audio]:
    """Every audio file given, read before a screen or a model is touched: a bad one exits 2 at once."""
    return {file: WavFile(Path(file)).record() for file in files}


def hear_recordings(
    recordings: dict[str, Audio],
    request_file: str | None,
    answer_files: Sequence[str],
    speech: str,
    observe: Callable[[], Observation | None],
    say: Say = lambda line: None,
) -> dict[str, Any]:
    """The request heard in ``request_file`` and the answers heard in ``answer_files``, with what
    the engine wrote and the hints it was given. Every file is heard before anything runs, so a
    silent answer file stops the run before its first action; each is said as "heard: ..."."""
    for file, audio in recordings.items():  # before the engine loads: silence needs no recognizer
        if is_silent(audio):
            raise nothing_heard(file, audio.seconds)
    engine = open_engine(speech or load_settings().speech)
    hints = hints_now(observe())
    report: dict[str, Any] = {"heard": None, "transcripts": [], "hints": hints, "heard_answers": []}
    for file in [request_file, *answer_files] if request_file else answer_files:
        heard = hear(recordings[file], engine, hints, file)
        report["transcripts"].append({"file": file, "text": heard.transcript.text, "seconds": heard.transcript.seconds})
        if file == request_file and not report["heard_answers"]:
            report["heard"] = heard.request
            say(f"heard: {heard.request}")
        else:
            report["heard_answers"].append(heard.request)
            say(f"heard answer: {heard.request}")
    return report
