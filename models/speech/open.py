"""One door to a speech engine, by name.

    open_speech(None, models_dir)               # the default: whisper-tiny.en
    open_speech("whisper-base", models_dir)     # the accurate one (deskhand models install whisper-base)
    open_speech("pocketsphinx", models_dir)     # the light fallback; its model comes with the wheel

Whisper names are speech packs (models/catalog.toml), found installed and verified in
``models_dir``. Nothing is loaded here: an engine loads on ``load()`` or its first
transcription.
"""

from __future__ import annotations

from pathlib import Path

from automation.errors import ModelUnavailable
from models.packs import DEFAULT_SPEECH, load_catalog, resolve_speech
from models.speech import SpeechToText
from models.speech.sphinx import NAME as SPHINX
from models.speech.sphinx import SphinxSpeech
from models.speech.whisper import WhisperSpeech


def speech_names() -> list[str]:
    return [*load_catalog().speech_names, SPHINX]


def open_speech(name: str | None, models_dir: Path, *, threads: int | None = None) -> SpeechToText:
    """The engine ``name`` names (else the default); raises
    ModelUnavailable (exit 6) with the install command when its model is not installed."""
    chosen = name or DEFAULT_SPEECH
    if chosen == SPHINX:
        return SphinxSpeech()
    catalog = load_catalog()
    if chosen not in catalog.speech_names:
        raise ModelUnavailable(chosen, "no speech engine of that name", f"use one of {', '.join(speech_names())}")
    pack = catalog.get_speech(chosen)
    return WhisperSpeech(resolve_speech(pack, models_dir), pack.name, threads=threads)
