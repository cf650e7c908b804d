"""Sound in: what a spoken request is, and the port every source of it fills.

The microphone (a backend) and a WAV file (tests, ``--audio-file``) are both an
``AudioSource``; speech engines (models/speech/) take ``Audio`` and never ask where
it came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

RATE = 16_000  # samples per second every engine here wants (Whisper, pocketsphinx)


@dataclass(frozen=True, eq=False)
class Audio:
    """Mono speech at ``RATE``: float32 samples in [-1, 1]."""

    samples: npt.NDArray[np.float32]
    rate: int = RATE

    @property
    def seconds(self) -> float:
        return len(self.samples) / self.rate


class AudioSource(Protocol):
    def record(self) -> Audio:
        """The next utterance: a whole file, or the microphone until push-to-talk is released."""
        ...
