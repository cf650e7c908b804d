"""The speech engine named by --speech or the settings, from models/speech."""

from __future__ import annotations

from app.services import config
from app.services.paths import models_dir
from models.speech import SpeechToText
from models.speech.open import open_speech


def open_engine(name: str) -> SpeechToText:
    """``name`` empty: DESKHAND_SPEECH, else the default engine (whisper-tiny.en)."""
    chosen = name or config.speech()
    return open_speech(chosen, models_dir(), threads=config.threads(chosen or "the speech engine"))
