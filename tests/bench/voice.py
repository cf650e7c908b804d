"""Speech-to-text benchmark: word error rate, latency and memory per engine on the voice set.

    .venv/bin/python -m tests.bench.voice [--engines NAME ...] [--beams 1 5] [--no-language-model]

The voice set (tests/support/voice_set.py: 24 commands, two espeak-ng voices, clean
and with noise at 10 dB SNR) is made on first use. Each (engine, beam) runs in a fresh
process so its load time and RSS are its own; engines are primed with the set's
hints (the skill, the Tk form's labels, one taught answer). Word error rate is over
all words of a condition (tests/support/word_error.py normalizes case, punctuation
and numbers). Latency: the median over clean commands of 2-3 s ("a 2.5 s command"),
and for 3 s of silence. The last row loads the default speech model and the default
language model (1 thread) in one process: the RSS target is for both together.
Prints a table and writes tests/bench/results/voice.json; a report, not a pass/fail test.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from tests.bench.report import publish, rss_mb

HERE = Path(__file__).resolve().parent
ENGINES = ("whisper-tiny.en", "whisper-base", "pocketsphinx")


def measure(engine_name: str, beam: int, with_language_model: bool) -> dict[str, Any]:
    """In this process: load the engine (and the language model), transcribe the whole set."""
    from app.services.paths import models_dir
    from automation.audio import Audio
    from models.speech.open import open_speech
    from models.speech.whisper import WhisperSpeech
    from tests.support import voice_set

    samples = voice_set.samples()
    started = time.monotonic()
    engine = open_speech(engine_name, models_dir())
    if isinstance(engine, WhisperSpeech):
        engine.beam_size = beam
    engine.load()  # type: ignore[attr-defined]
    loaded = {"engine_load_s": round(time.monotonic() - started, 2), "rss_speech_mb": rss_mb()}
    if with_language_model:
        from models.llama_local import LlamaModel
        from models.packs import DEFAULT_PACK, load_catalog, resolve_model

        path = resolve_model(DEFAULT_PACK, models_dir(), load_catalog())
        LlamaModel(path, threads=1, name=DEFAULT_PACK).load()
        loaded["language_model"] = DEFAULT_PACK
    results = []
    for sample in samples:
        audio = voice_set.read_wav(sample.path)
        heard = engine.transcribe(audio, voice_set.HINTS)
        results.append(
            {
                "text": sample.text,
                "voice": sample.voice,
                "noisy": sample.noisy,
                "audio_s": round(audio.seconds, 2),
                "heard": heard.text,
                "s": round(heard.seconds, 3),
            }
        )
    silence = engine.transcribe(Audio(np.zeros(3 * 16_000, dtype=np.float32)), voice_set.HINTS)
    return {**loaded, "rss_end_mb": rss_mb(), "silence_s": round(silence.seconds, 3), "silence_text": silence.text,
            "results": results}  # fmt: skip


def summary(engine: str, beam: int, measured: dict[str, Any]) -> dict[str, Any]:
    from tests.support.word_error import corpus_word_error_rate

    results = measured["results"]
    clean = [r for r in results if not r["noisy"]]
    noisy = [r for r in results if r["noisy"]]
    commands = [r["s"] for r in clean if 2.0 <= r["audio_s"] <= 3.0]
    return {
        "engine": engine,
        "beam": beam if engine.startswith("whisper") else None,
        "language_model": measured.get("language_model"),
        "wer_clean": round(corpus_word_error_rate((r["text"], r["heard"]) for r in clean), 4),
        "wer_noisy": round(corpus_word_error_rate((r["text"], r["heard"]) for r in noisy), 4),
        "latency_2_3s_median_s": round(statistics.median(commands), 3) if commands else None,
        "commands_2_3s": len(commands),
        "latency_all_median_s": round(statistics.median(r["s"] for r in clean), 3),
        "silence_s": measured["silence_s"],
        "silence_text": measured["silence_text"],
        "load_s": measured["engine_load_s"],
        "rss_loaded_mb": measured["rss_speech_mb"],
        "rss_end_mb": measured["rss_end_mb"],
        "results": results,
    }


def run_child(engine: str, beam: int, with_language_model: bool) -> dict[str, Any]:
    command = [sys.executable, "-m", "tests.bench.voice", "--child", engine, "--beams", str(beam)]
    if with_language_model:
        command.append("--child-with-language-model")
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return {"engine": engine, "beam": beam, "error": done.stderr.strip().splitlines()[-1:]}
    return summary(engine, beam, json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engines", nargs="+", default=list(ENGINES))
    parser.add_argument("--beams", nargs="+", type=int, default=[1, 5])
    parser.add_argument("--no-language-model", action="store_true", help="skip the speech + language model row")
    parser.add_argument("--json", type=Path, default=HERE / "results" / "voice.json")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--child-with-language-model", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.beams[0], args.child_with_language_model)))
        return
    rows = []
    for engine in args.engines:
        for beam in args.beams if engine.startswith("whisper") else [1]:
            rows.append(run_child(engine, beam, False))
    if not args.no_language_model:
        rows.append(run_child(ENGINES[0], 1, True))
    from tests.support import voice_set

    report = {
        "utterances": len(voice_set.UTTERANCES),
        "voices": list(voice_set.VOICES),
        "noise_snr_db": voice_set.NOISE_SNR_DB,
        "note": "timings on a shared, busy 2-core machine",
        "rows": rows,
    }
    publish(report, args.json, print_table)


def print_table(report: dict[str, Any]) -> None:
    print(f"{report['utterances']} commands x {len(report['voices'])} voices, clean and noisy "
          f"({report['noise_snr_db']:.0f} dB SNR); {report['note']}")  # fmt: skip
    head = ("ENGINE", "BEAM", "WER CLEAN", "WER NOISY", "2.5S CMD", "SILENCE", "LOAD", "RSS MB")
    print("  ".join(f"{h:>10}" if i else f"{h:<34}" for i, h in enumerate(head)))
    for row in report["rows"]:
        name = row["engine"] + (f" + {row['language_model']}" if row.get("language_model") else "")
        if "error" in row:
            print(f"{name:<34}  failed: {row['error']}")
            continue
        cells = (
            str(row["beam"] or "-"),
            f"{100 * row['wer_clean']:.1f} %",
            f"{100 * row['wer_noisy']:.1f} %",
            f"{row['latency_2_3s_median_s']:.2f} s" if row["latency_2_3s_median_s"] is not None else "-",
            f"{row['silence_s']:.2f} s",
            f"{row['load_s']:.2f} s",
            f"{row['rss_end_mb']:.0f}",
        )
        print(f"{name:<34}  " + "  ".join(f"{c:>10}" for c in cells))


if __name__ == "__main__":
    main()
