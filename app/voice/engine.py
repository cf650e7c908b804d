"""The speech engine named by --speech or the settings, from models/speech."""

from __future__ import annotations

from models.speech import SpeechToText


def open_engine(name: str) -> SpeechToText:
    """``name`` empty: the default engine (DESKHAND_SPEECH, else whisper-tiny.en)."""
    from app.paths import models_dir
    from models.speech.open import open_speech

    return open_speech(name or None, models_dir())
