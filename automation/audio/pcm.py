"""Samples into the one shape engines take: mono float32 in [-1, 1] at ``RATE``.

Pure NumPy, shared by the WAV reader and the microphone (whose device may only offer
44.1 or 48 kHz).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from automation.audio import RATE, Audio

SILENCE_RMS = 10 ** (-50 / 20)  # -50 dBFS: quieter than a quiet room through a laptop microphone


def to_mono(frames: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """(samples, channels) -> (samples,): the channels averaged."""
    if frames.ndim == 1:
        return frames
    return frames.mean(axis=1, dtype=np.float32)


def resample(samples: npt.NDArray[np.float32], rate: int, to: int = RATE) -> npt.NDArray[np.float32]:
    """Band-limited resampling through the spectrum: exact for speech, no filter design needed.

    Dropping the bins above the new Nyquist frequency is the anti-alias filter that a
    plain interpolation (np.interp) would lack when going down from 22.05 or 48 kHz.
    """
    if rate == to or len(samples) == 0:
        return samples.astype(np.float32, copy=False)
    n_out = max(1, round(len(samples) * to / rate))
    spectrum = np.fft.rfft(samples.astype(np.float64))
    bins = n_out // 2 + 1
    if len(spectrum) >= bins:
        spectrum = spectrum[:bins]
    else:
        spectrum = np.concatenate([spectrum, np.zeros(bins - len(spectrum), dtype=spectrum.dtype)])
    out = np.fft.irfft(spectrum, n_out) * (n_out / len(samples))
    return np.clip(out, -1.0, 1.0).astype(np.float32)


def as_audio(frames: npt.NDArray[np.float32], rate: int) -> Audio:
    return Audio(resample(to_mono(frames), rate))


def is_silent(audio: Audio, threshold: float = SILENCE_RMS) -> bool:
    """No sound worth giving a recognizer: empty, or every 30 ms window below the threshold.

    Windows rather than the whole: a short command in a long quiet file still counts.
    """
    window = max(1, audio.rate * 30 // 1000)
    samples = audio.samples
    if len(samples) == 0:
        return True
    usable = len(samples) - len(samples) % window or len(samples)
    frames = samples[:usable].reshape(-1, min(window, usable)).astype(np.float64)
    loudest = float(np.sqrt((frames**2).mean(axis=1)).max())
    return loudest < threshold
