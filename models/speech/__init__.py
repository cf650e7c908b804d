"""Speech to text, offline: the port the engines (Whisper, pocketsphinx) fill.

Engines load lazily and from model files that came inside PyPI wheels; the caller
hands in ``hints``, the words the user is likely to say right now (skill names and
parameters, labels on screen), which an engine may use to prime or constrain itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from automation.audio import Audio


@dataclass(frozen=True)
class Transcript:
    text: str  # as heard; empty when the audio held no speech
    engine: str
    seconds: float  # wall time the engine took


class SpeechToText(Protocol):
    name: str

    def transcribe(self, audio: Audio, hints: Sequence[str] = ()) -> Transcript: ...
