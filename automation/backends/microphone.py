"""The microphone through sounddevice (PortAudio): push-to-talk capture.

``record`` listens until the ``stop`` event is set (the talk button or hotkey was
released) or ``max_seconds`` pass. sounddevice is imported inside the functions: the
import itself fails when the PortAudio library is missing, and that must become an
``EnvironmentProblem``, not a crash of whoever imported this module.
"""

from __future__ import annotations

import threading
from types import ModuleType
from typing import Any

import numpy as np

from automation.audio import RATE, Audio, AudioSource
from automation.audio.pcm import as_audio
from automation.errors import EnvironmentProblem
from automation.registry import register

MAX_SECONDS = 30.0  # a spoken request is a sentence or two; a button stuck down must end
NO_MICROPHONE_FIX = "plug in or enable a microphone (`arecord -l` lists them); typing still works"


def _sounddevice() -> ModuleType:
    try:
        import sounddevice
    except OSError as err:  # raised at import when libportaudio2 is not installed
        raise EnvironmentProblem(
            f"no microphone: the PortAudio library is missing ({err})", "apt-get install libportaudio2"
        ) from err
    return sounddevice


def input_device(device: int | str | None = None) -> dict[str, Any]:
    """The input device that would be recorded from; EnvironmentProblem when there is none."""
    sd = _sounddevice()
    try:
        info = sd.query_devices(device, kind="input")
    except (sd.PortAudioError, ValueError) as err:
        raise EnvironmentProblem(f"no microphone: {err}", NO_MICROPHONE_FIX) from err
    if int(info.get("max_input_channels", 0)) < 1:
        raise EnvironmentProblem(f"no microphone: {info.get('name')!r} has no input channels", NO_MICROPHONE_FIX)
    return dict(info)


def microphone_problem() -> str | None:
    """Why the microphone cannot be used, or None: for the panel to say before anyone presses talk."""
    try:
        input_device()
    except EnvironmentProblem as err:
        return err.message
    return None


@register(AudioSource, "sounddevice")
class Microphone:
    def __init__(self, stop: threading.Event, max_seconds: float = MAX_SECONDS, device: int | str | None = None):
        self.stop = stop
        self.max_seconds = max_seconds
        self.device = device

    def record(self) -> Audio:
        sd = _sounddevice()
        info = input_device(self.device)
        rate = RATE
        try:
            sd.check_input_settings(self.device, channels=1, samplerate=RATE, dtype="float32")
        except sd.PortAudioError:  # many devices only take their own rate: record at it, resample after
            rate = int(info["default_samplerate"])
        chunks: list[np.ndarray] = []

        def keep(block: np.ndarray, frames: int, time: object, status: object) -> None:
            chunks.append(block[:, 0].copy())  # called on PortAudio's thread; list.append is atomic

        try:
            with sd.InputStream(device=self.device, channels=1, samplerate=rate, dtype="float32", callback=keep):
                self.stop.wait(self.max_seconds)
        except sd.PortAudioError as err:
            raise EnvironmentProblem(f"no microphone: {err}", NO_MICROPHONE_FIX) from err
        samples = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.float32)
        return as_audio(samples, rate)
