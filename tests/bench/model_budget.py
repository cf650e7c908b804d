"""Each pack against the budgets in docs/benchmarks.md: warm decision, first decision, RSS with speech.

    PYTHONPATH=$PWD .venv/bin/python -m tests.bench.model_budget [PACK[@THREADS][:CHOICE] ...]

Each pack runs in its own process: the default speech engine is loaded first (one
transcription of a second of silence loads it), then the pack; the first decision (the
prompt's fixed prefix warmed as the panel does, then one choice) and the median of
five more, on zoo golden tune cases through ModelPolicy; and the process's peak RSS.
CHOICE is how the option is chosen (tests/bench/policy_eval.py's ``--choice``: number, the
product's, by default; likelihood, calibrated, alternatives to time those).
A report, not a test; on a busy machine the seconds are upper bounds.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def measure(pack: str, threads: int, choice: str = "number") -> dict[str, Any]:
    import numpy as np

    from app.services.paths import models_dir
    from app.services.voice.engine import open_engine
    from models.open_model import open_model
    from models.packs.installed import resolve_model
    from models.policy.policy import ModelPolicy
    from models.speech import Audio
    from tests.bench.policy_eval import chooser, peak_rss_mb
    from tests.eval import golden, zoo_golden

    engine = open_engine("")
    engine.transcribe(Audio(np.zeros(16000, dtype=np.float32), 16000))
    model = open_model(str(resolve_model(pack, models_dir())), threads=threads)
    loaded = time.perf_counter()
    model.load()  # type: ignore[attr-defined]
    load_s = time.perf_counter() - loaded
    policy = ModelPolicy(chooser(model, choice, "original", 0))
    policy.warm()
    _, cases = golden.load(zoo_golden.TUNE_DIR / "cases.jsonl", zoo_golden.TUNE_DIR / "observations")
    acting = [c for c in cases if c.expect["kind"] in ("type", "click")][:6]
    seconds = []
    for case in acting:
        started = time.perf_counter()
        policy.decide(case.situation)
        seconds.append(time.perf_counter() - started)
    return {
        "pack": pack,
        "threads": threads,
        "choice": choice,
        "load_s": round(load_s, 2),
        "first_decision_s": round(seconds[0], 2),
        "warm_decision_s": round(statistics.median(seconds[1:]), 2),
        "peak_rss_mb_with_speech": round(peak_rss_mb()),
    }


def main(argv: list[str]) -> int:
    if argv[:1] == ["--worker"]:
        spec, _, choice = argv[1].partition(":")
        pack, _, threads = spec.partition("@")
        print("RESULT " + json.dumps(measure(pack, int(threads or 1), choice or "number")), flush=True)
        return 0
    rows = []
    for spec in argv or ["qwen2.5-coder-0.5b"]:
        out = subprocess.run([sys.executable, "-m", "tests.bench.model_budget", "--worker", spec],
                             capture_output=True, text=True, timeout=900)  # fmt: skip
        line = next((x for x in out.stdout.splitlines() if x.startswith("RESULT ")), None)
        if line is None:
            print(f"{spec}: failed\n{out.stderr[-800:]}", file=sys.stderr)
            continue
        rows.append(json.loads(line[len("RESULT ") :]))
        print(rows[-1], flush=True)
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "model_budget.json").write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
