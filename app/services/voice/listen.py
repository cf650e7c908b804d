"""From recorded sound to a request: refuse silence, transcribe, tidy.

Shared by `deskhand do --audio-file`, the terminal conversation and the panel's talk
button, so all three say the same thing about a file or a press that held no speech.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.services.voice.request import request_from_transcript
from automation.audio import Audio
from automation.audio.pcm import is_silent
from automation.errors import UsageError
from models.speech import SpeechToText, Transcript


@dataclass(frozen=True)
class Heard:
    transcript: Transcript  # what the engine wrote
    request: str  # what is run: tidied, numbers in digits
    audio_seconds: float


def hear(audio: Audio, engine: SpeechToText, hints: Sequence[str], where: str) -> Heard:
    """The request spoken in ``audio``; UsageError (exit 2) when it held no speech, so nothing runs.

    ``where`` names the source in the message: a file's path, or "the microphone".
    """
    if is_silent(audio):  # no recognizer call: Whisper invents words ("Thank you.") for silence
        raise nothing_heard(where, audio.seconds)
    transcript = engine.transcribe(audio, hints)
    request = request_from_transcript(transcript.text)
    if not request:
        raise nothing_heard(where, audio.seconds)
    return Heard(transcript, request, audio.seconds)


def nothing_heard(where: str, seconds: float) -> UsageError:
    return UsageError(
        f"heard nothing in {where} ({seconds:.1f} s of audio, no speech); nothing was run",
        "speak the request again, closer to the microphone, or check the recording plays",
    )
