"""Whisper through faster-whisper (CTranslate2, int8 on the CPU): the default engine.

The model is a folder pack (models/catalog.toml) and loads on the first
``transcribe`` or on ``load()``. Whisper reads a 30 s window whatever the length of
the command, so a command costs about the same every time; its voice-activity filter
drops silence first, so a press of push-to-talk with nothing said returns at once.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from automation.audio import RATE, Audio
from automation.errors import ModelUnavailable
from models.speech import Transcript
from models.speech.vocabulary import hint_prompt
from models.threads import threads_for_this_process

# Beam 5 made 2-5 points fewer word errors than greedy decoding on the voice set for
# about the same time on a 2.5 s command (tests/bench/voice.py; docs/voice.md).
BEAM_SIZE = 5


class WhisperSpeech:
    def __init__(self, folder: Path, name: str, *, threads: int | None = None, beam_size: int = BEAM_SIZE) -> None:
        self.folder = folder
        self.name = name
        self.threads = threads_for_this_process(threads)
        self.beam_size = beam_size
        self._model: Any = None

    def load(self) -> None:
        """Load the model now (else the first transcription does): ~0.3 s for tiny.en."""
        if self._model is not None:
            return
        from faster_whisper import WhisperModel

        try:
            self._model = WhisperModel(str(self.folder), device="cpu", compute_type="int8", cpu_threads=self.threads)
        except (RuntimeError, ValueError, OSError) as err:
            fix = f"deskhand models verify {self.name}, then deskhand models install {self.name}"
            raise ModelUnavailable(self.name, f"faster-whisper cannot load {self.folder}: {err}", fix) from err

    def transcribe(self, audio: Audio, hints: Sequence[str] = ()) -> Transcript:
        """What was said, primed with ``hints``; empty text when the audio holds no speech."""
        if audio.rate != RATE:
            raise ValueError(f"audio at {audio.rate} Hz; engines take {RATE} Hz (the audio source resamples)")
        started = time.monotonic()
        self.load()
        if len(audio.samples) == 0:
            return Transcript("", self.name, time.monotonic() - started)
        segments, _ = self._model.transcribe(
            audio.samples,
            language="en",
            beam_size=self.beam_size,
            initial_prompt=hint_prompt(hints),  # never empty: it asks for numbers in words
            vad_filter=True,
            without_timestamps=True,
            condition_on_previous_text=False,  # one command: nothing earlier to continue
        )
        text = " ".join(segment.text.strip() for segment in segments).strip()
        return Transcript(text, self.name, time.monotonic() - started)
