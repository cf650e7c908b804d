"""A sound file as an ``AudioSource``: tests, `deskhand --audio-file`, a recording made elsewhere.

Read with soundfile (libsndfile): WAV in every layout sox writes (8-32-bit integer,
32/64-bit float, WAVE_FORMAT_EXTENSIBLE, mu-law and A-law), and FLAC or Ogg too; any
rate, any channel count. The result is mono float32 at 16 kHz. A file it cannot use is
a UsageError (exit 2) that names the file and says what is wrong with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile

from automation.audio import Audio
from automation.audio.pcm import as_audio
from automation.errors import UsageError

FIX = "give a WAV file (PCM or float, any rate), e.g. one made with `sox in.mp3 -c 1 -r 16000 out.wav`"


@dataclass(frozen=True)
class WavFile:
    """The whole file is the utterance."""

    path: Path

    def record(self) -> Audio:
        return read_wav(self.path)


def read_wav(path: Path) -> Audio:
    try:
        file = path.open("rb")
    except FileNotFoundError as err:
        raise UsageError(f"audio file {str(path)!r} does not exist", FIX) from err
    except IsADirectoryError as err:
        raise UsageError(f"audio file {str(path)!r} is a folder, not a file", FIX) from err
    except OSError as err:
        raise UsageError(f"audio file {str(path)!r} cannot be read: {err.strerror}", FIX) from err
    with file:
        if file.seek(0, 2) == 0:
            raise UsageError(f"audio file {str(path)!r} is not usable: the file is empty", FIX)
        file.seek(0)
        try:
            frames, rate = soundfile.read(file, dtype="float32", always_2d=True)
        except soundfile.LibsndfileError as err:
            raise UsageError(f"audio file {str(path)!r} is not usable: {why(err)}", FIX) from err
    if len(frames) == 0:
        raise UsageError(f"audio file {str(path)!r} holds no sound (0 samples)", "record the request again")
    return as_audio(np.clip(frames, -1.0, 1.0), rate)


def why(err: soundfile.LibsndfileError) -> str:
    """libsndfile's own reason ("Error in WAV file. No 'data' chunk marker"), its vaguest one made plain."""
    said = err.error_string.strip().rstrip(".")
    if said.casefold() == "format not recognised":
        return "not a WAV file (nor another sound format libsndfile reads)"
    return said or "libsndfile cannot read it"
