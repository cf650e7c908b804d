"""pocketsphinx with a command grammar: the light fallback (~50 MB, a fraction of a second).

The acoustic model and dictionary come inside the pocketsphinx wheel. The grammar is
rebuilt from the hints when they change (models/speech/grammar.py); words the
dictionary lacks are added first, since a grammar naming an unknown word fails to load.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from automation.audio import RATE, Audio
from models.speech import Transcript
from models.speech.grammar import command_grammar, grammar_words, guess_phones
from models.speech.vocabulary import unique_hints

NAME = "pocketsphinx"
SEARCH = "command"
# Narrower beams than pocketsphinx's defaults: with a loop over ~150 words the default
# search took 10-150 s for a 3 s command on a busy 2-core machine; these take ~0.1-3 s.
BEAMS = {"beam": 1e-20, "wbeam": 1e-15, "pbeam": 1e-20, "maxhmmpf": 2000}


class SphinxSpeech:
    name = NAME

    def __init__(self) -> None:
        self._decoder: Any = None
        self._vad: Any = None
        self._hints: tuple[str, ...] | None = None

    def load(self) -> None:
        if self._decoder is not None:
            return
        import pocketsphinx

        # lm=None: no general language model (useless for commands, and 40 MB more)
        self._decoder = pocketsphinx.Decoder(lm=None, loglevel="FATAL", **BEAMS)
        self._vad = pocketsphinx.Vad(pocketsphinx.Vad.LOOSE)

    def transcribe(self, audio: Audio, hints: Sequence[str] = ()) -> Transcript:
        if audio.rate != RATE:
            raise ValueError(f"audio at {audio.rate} Hz; engines take {RATE} Hz (the audio source resamples)")
        started = time.monotonic()
        self.load()
        raw = (np.clip(audio.samples, -1.0, 1.0) * 32767).astype("<i2").tobytes()
        if not self._has_speech(raw):
            return Transcript("", self.name, time.monotonic() - started)
        self._listen_for(tuple(unique_hints(hints)))
        self._decoder.start_utt()
        self._decoder.process_raw(raw, full_utt=True)
        self._decoder.end_utt()
        heard = self._decoder.hyp()
        text = heard.hypstr if heard is not None else ""
        return Transcript(text, self.name, time.monotonic() - started)

    def _has_speech(self, raw: bytes) -> bool:
        size = self._vad.frame_bytes
        return any(self._vad.is_speech(raw[at : at + size]) for at in range(0, len(raw) - size + 1, size))

    def _listen_for(self, hints: tuple[str, ...]) -> None:
        if hints == self._hints:
            return
        for word in grammar_words(hints):
            if self._decoder.lookup_word(word) is None:
                self._decoder.add_word(word, guess_phones(word), True)
        self._decoder.add_jsgf_string(SEARCH, command_grammar(hints))
        self._decoder.activate_search(SEARCH)
        self._hints = hints
