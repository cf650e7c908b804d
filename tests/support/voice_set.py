"""The voice test set: commands users give, spoken by espeak-ng in two voices, clean and noisy.

Only the texts live here. The audio is made at test or benchmark time into a cache
folder named by a hash of everything that shapes it (texts, voices, noise), so it is
made once per machine and never stale: espeak-ng writes each text, sox resamples it to
16 kHz mono 16-bit, and the noisy copy adds seeded Gaussian noise at ``NOISE_SNR_DB``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from automation.audio import RATE, Audio

UTTERANCES = (
    "file a lunch expense of forty two fifty with Zhang San",
    "enter forty two fifty as the amount and submit",
    "choose lodging as the category",
    "run the skill file a claim",
    "Zhang San",
    "forty two fifty",
    "the date is March fifth",
    "I want to reimburse a taxi ride",
    "set the notes to team lunch",
    "save it as a draft",
    "submit the claim now",
    "cancel",
    "yes",
    "one hundred and twenty dollars",
    "change the category to travel",
    "type Li Wei as the employee",
    "the amount is eighteen ninety",
    "pick meals from the list",
    "file a dinner expense of sixty dollars with Wang Fang",
    "click the clear button",
    "the date is the twelfth of April",
    "attach the receipt and file it",
    "no the amount is thirty five",
    "put supplies as the category and enter nine ninety nine",
)
# What the app hands the engine: the skill's name and parameters, the labels on the
# Tk expense form, and an answer the skill was taught with. The other names (Li Wei,
# Wang Fang) are left out on purpose: users say names nobody primed.
HINTS = (
    "file a claim",
    "Zhang San",
    "Employee",
    "Amount",
    "Date",
    "Attendees",
    "Notes",
    "Category",
    "Meals",
    "Travel",
    "Lodging",
    "Supplies",
    "Submit",
    "Clear",
    "PIN",
)
VOICES = ("en-us", "en-gb+f3")  # a male American voice, a female British variant
NOISE_SNR_DB = 10.0
SPEED_WPM = 165


@dataclass(frozen=True)
class Sample:
    text: str  # the reference: what was said
    voice: str
    noisy: bool
    path: Path  # 16 kHz mono 16-bit WAV

    @property
    def label(self) -> str:
        return f"{self.voice}{' noisy' if self.noisy else ''}: {self.text}"


def read_wav(path: Path) -> Audio:
    """A 16-bit mono WAV at 16 kHz as float samples (what the test set writes)."""
    with wave.open(str(path), "rb") as f:
        if (f.getnchannels(), f.getsampwidth(), f.getframerate()) != (1, 2, RATE):
            raise ValueError(f"{path} is not 16-bit mono at {RATE} Hz")
        frames = f.readframes(f.getnframes())
    return Audio(np.frombuffer(frames, dtype="<i2").astype(np.float32) / 32768.0)


def write_wav(path: Path, samples: np.ndarray) -> None:
    pcm = (np.clip(samples, -1.0, 1.0) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as f:
        f.setnchannels(1)
        f.setsampwidth(2)
        f.setframerate(RATE)
        f.writeframes(pcm.tobytes())


def add_noise(samples: np.ndarray, snr_db: float, seed: int) -> np.ndarray:
    """``samples`` with Gaussian noise whose power is ``snr_db`` below the speech's."""
    voiced = samples[np.abs(samples) > 0.01]
    speech_power = float(np.mean(voiced**2)) if len(voiced) else 0.0
    noise = np.random.default_rng(seed).normal(0.0, 1.0, len(samples))
    noise *= np.sqrt(speech_power / 10 ** (snr_db / 10))
    return (samples + noise).astype(np.float32)


def cache_folder() -> Path:
    shape = repr((UTTERANCES, VOICES, NOISE_SNR_DB, SPEED_WPM, RATE)).encode()
    base = Path(os.environ.get("DESKHAND_VOICE_SET", tempfile.gettempdir()))
    return base / f"deskhand-voice-set-{hashlib.sha256(shape).hexdigest()[:12]}"


def samples(folder: Path | None = None) -> list[Sample]:
    """Every utterance in every voice, clean then noisy; made on first use."""
    folder = folder or cache_folder()
    if not folder.is_dir():
        _make(folder)
    found = []
    for voice in VOICES:
        for noisy in (False, True):
            for number, text in enumerate(UTTERANCES):
                found.append(Sample(text, voice, noisy, folder / _file_name(voice, noisy, number)))
    return found


def speak(text: str, voice: str, path: Path) -> None:
    """``text`` spoken by espeak-ng in ``voice``, as a 16 kHz mono 16-bit WAV at ``path``."""
    raw = path.with_suffix(".espeak.wav")
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(SPEED_WPM), "-w", str(raw), text], check=True)
    subprocess.run(["sox", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(path)], check=True)
    raw.unlink()


def _make(folder: Path) -> None:
    building = Path(tempfile.mkdtemp(prefix=folder.name + ".", dir=folder.parent))
    try:
        for voice in VOICES:
            for number, text in enumerate(UTTERANCES):
                clean = building / _file_name(voice, False, number)
                speak(text, voice, clean)
                seed = int.from_bytes(hashlib.sha256(f"{voice}/{text}".encode()).digest()[:4], "big")
                noisy = add_noise(read_wav(clean).samples, NOISE_SNR_DB, seed)
                write_wav(building / _file_name(voice, True, number), noisy)
        try:
            building.rename(folder)  # whole or not at all
        except OSError:
            if not folder.is_dir():  # else a parallel run made it first: keep theirs
                raise
    finally:
        shutil.rmtree(building, ignore_errors=True)


def _file_name(voice: str, noisy: bool, number: int) -> str:
    return f"{voice.replace('+', '-')}-{'noisy' if noisy else 'clean'}-{number:02d}.wav"
