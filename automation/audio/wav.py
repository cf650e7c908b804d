"""A WAV file as an ``AudioSource``: tests, `deskhand --audio-file`, a recording made elsewhere.

Reads the RIFF chunks itself rather than through the ``wave`` module, which in
Python 3.11 refuses WAVE_FORMAT_EXTENSIBLE (what sox writes for 24- and 32-bit or
multi-channel files) and float samples. Integer PCM of 8, 16, 24 or 32 bits and
32/64-bit float, any rate, any channel count; the result is mono float32 at 16 kHz.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from automation.audio import Audio
from automation.audio.pcm import as_audio
from automation.errors import UsageError

PCM, FLOAT, EXTENSIBLE = 1, 3, 0xFFFE
FIX = "give a WAV file (PCM or float, any rate), e.g. one made with `sox in.mp3 -c 1 -r 16000 out.wav`"


@dataclass(frozen=True)
class WavFormat:
    code: int  # PCM or FLOAT once EXTENSIBLE is unwrapped
    channels: int
    rate: int
    bits: int


@dataclass(frozen=True)
class WavFile:
    """The whole file is the utterance."""

    path: Path

    def record(self) -> Audio:
        return read_wav(self.path)


def read_wav(path: Path) -> Audio:
    try:
        data = path.read_bytes()
    except FileNotFoundError as err:
        raise UsageError(f"audio file {str(path)!r} does not exist", FIX) from err
    except IsADirectoryError as err:
        raise UsageError(f"audio file {str(path)!r} is a folder, not a file", FIX) from err
    except OSError as err:
        raise UsageError(f"audio file {str(path)!r} cannot be read: {err.strerror}", FIX) from err
    try:
        fmt, payload = parse(data)
    except ValueError as err:
        raise UsageError(f"audio file {str(path)!r} is not usable: {err}", FIX) from err
    frames = decode(payload, fmt)
    if len(frames) == 0:
        raise UsageError(f"audio file {str(path)!r} holds no sound (0 samples)", "record the request again")
    return as_audio(frames, fmt.rate)


def parse(data: bytes) -> tuple[WavFormat, bytes]:
    """The format and the sample bytes; ValueError says, in words, what is wrong."""
    if len(data) == 0:
        raise ValueError("the file is empty")
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise ValueError("not a WAV file (no RIFF/WAVE header)")
    fmt: WavFormat | None = None
    at = 12
    while at + 8 <= len(data):
        kind, size = data[at : at + 4], struct.unpack_from("<I", data, at + 4)[0]
        body = data[at + 8 : at + 8 + size]  # a streamed file may claim more than it holds
        if kind == b"fmt ":
            fmt = read_format(body)
        elif kind == b"data":
            if fmt is None:
                raise ValueError("the sound data comes before its format chunk")
            return fmt, body[: len(body) - len(body) % (fmt.channels * fmt.bits // 8)]
        at += 8 + size + size % 2  # chunks are padded to an even length
    raise ValueError("no format chunk" if fmt is None else "no sound data chunk")


def read_format(body: bytes) -> WavFormat:
    if len(body) < 16:
        raise ValueError("the format chunk is cut short")
    code, channels, rate, _, _, bits = struct.unpack_from("<HHIIHH", body)
    if code == EXTENSIBLE and len(body) >= 26:
        code = struct.unpack_from("<H", body, 24)[0]  # the first two bytes of the sub-format GUID
    if code not in (PCM, FLOAT):
        raise ValueError(f"compressed or unknown sample format {code:#06x} (only PCM and float are read)")
    if channels < 1 or rate < 1:
        raise ValueError(f"{channels} channels at {rate} Hz")
    if (code, bits) not in {(PCM, 8), (PCM, 16), (PCM, 24), (PCM, 32), (FLOAT, 32), (FLOAT, 64)}:
        raise ValueError(f"{bits}-bit {'float' if code == FLOAT else 'integer'} samples are not supported")
    return WavFormat(code, channels, rate, bits)


def decode(payload: bytes, fmt: WavFormat) -> npt.NDArray[np.float32]:
    """Sample bytes -> (frames, channels) float32 in [-1, 1]."""
    raw = np.frombuffer(payload, dtype=np.uint8)
    if fmt.code == FLOAT:
        samples = np.frombuffer(payload, dtype="<f4" if fmt.bits == 32 else "<f8").astype(np.float32)
    elif fmt.bits == 8:  # 8-bit WAV is unsigned, centred on 128
        samples = (raw.astype(np.float32) - np.float32(128)) / np.float32(128)
    elif fmt.bits == 24:
        triples = raw.reshape(-1, 3).astype(np.int32)
        ints = (triples[:, 0] | (triples[:, 1] << 8) | (triples[:, 2] << 16)) << 8 >> 8  # sign-extend
        samples = ints.astype(np.float32) / np.float32(2**23)
    else:
        ints = np.frombuffer(payload, dtype="<i2" if fmt.bits == 16 else "<i4")
        samples = ints.astype(np.float32) / np.float32(2 ** (fmt.bits - 1))
    return np.clip(samples, -1.0, 1.0).reshape(-1, fmt.channels)
