"""Spoken requests made with espeak-ng: deterministic for a given text and voice."""

from __future__ import annotations

import subprocess
from pathlib import Path


def spoken(folder: Path, name: str, text: str, voice: str = "en-us", words_per_minute: int = 150) -> Path:
    """At 150 words a minute, a careful speaker: at espeak's default 175, Whisper tiny.en
    drops the end of the request ("Enter 42.50.") with the client's labels as hints."""
    path = folder / f"{name}.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(words_per_minute), "-w", str(path), text], check=True)
    return path
