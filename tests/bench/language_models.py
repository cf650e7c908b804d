"""Language-model benchmark: load time, memory, cold and warm latency per model and thread count.

    .venv/bin/python -m tests.bench.language_models [MODEL.gguf ...] [--threads 1 2] [--repeat N]

Models come from the arguments, else from DESKHAND_BENCH_MODELS (paths separated by
":"), else the tiny test model plus qwen2.5-coder-0.5b, smollm2-135m and gemma3-270m from
/var/cache/deskhand/scratch-models; missing files are skipped with a message. Each
(model, threads) pair runs in a fresh process, so load time and RSS are its own.

The prompt is what a policy sends: a ~300-token system message (instructions and
numbered options, the fixed prefix) and a short request; the answer is a
constrained ~10-token JSON. Cold = the system message differs from the previous
call's, so nothing past the first tokens is reused; warm = same system message,
new request, so its KV cache is. Prints a table and writes
tests/bench/results/language_models.json; a report, not a pass/fail test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.bench.report import rss_mb

HERE = Path(__file__).resolve().parent
SCRATCH = Path("/var/cache/deskhand/scratch-models")
DEFAULT_MODELS = [SCRATCH / f"{name}.gguf" for name in ("qwen2.5-coder-0.5b", "smollm2-135m", "gemma3-270m")]

INSTRUCTIONS = (
    "You operate a desktop application on the user's behalf. You see the request, the "
    "labels read from the screen and a numbered list of options that code has built. "
    "Choose the single option that does what the user asked. Never invent a value that "
    "is not in the request; when a value is missing, choose the option that asks the user. "
    "When the request has nothing to do with the screen, choose the option that answers "
    "without acting. Answer with JSON only.\n\n"
    "Window: Expense claim - Legacy Finance 4.2\n"
    "Labels on screen: File, Edit, View, Help, Claimant, Date, Category, Amount, Currency, "
    "Description, Approver, Attach receipt, Save draft, Submit, Cancel, Travel, Lunch, "
    "Hotel, Taxi, Office supplies, CNY, USD, EUR, Status: draft, Claim no. 2024-0117.\n\n"
    "Options:\n"
    "1. type a value into the field labelled Amount\n"
    "2. choose a value in the Category box\n"
    "3. type a value into the field labelled Description\n"
    "4. click the button labelled Submit\n"
    "5. click the button labelled Save draft\n"
    "6. open the File menu\n"
    "7. ask the user for a value that the request does not give\n"
    "8. answer without acting: the request is not about this screen\n"
    "9. done: the request is already fulfilled\n"
)
REQUESTS = [
    "enter 42.50 as the amount",
    "file this under lunch",
    "submit the claim now",
    "save it as a draft",
    "what's the weather like?",
    "put 'team lunch with Zhang San' in the description",
]
ANSWER = {
    "type": "object",
    "properties": {
        "option": {"type": "integer", "enum": list(range(1, 10))},
        "value": {"type": "string", "maxLength": 4},
    },
    "required": ["option", "value"],
}


def measure_one(path: Path, threads: int, repeat: int) -> dict[str, Any]:
    """One model at one thread count, in this process."""
    from models.language import Message, Prompt
    from models.llama_local import LlamaModel

    model = LlamaModel(path, threads=threads)
    load = model.load()
    rss_loaded = rss_mb()

    def ask(variant: int, request: str) -> Any:
        system = Message("system", f"Session {variant}. {INSTRUCTIONS}")  # the first words differ per variant
        return model.complete(Prompt((system, Message("user", request)), schema=ANSWER, max_tokens=64))

    cold, warm = [], []
    for i in range(repeat):
        cold.append(ask(i, REQUESTS[i % len(REQUESTS)]))
        warm.append(ask(i, REQUESTS[(i + 1) % len(REQUESTS)]))
    for completion in cold + warm:
        json.loads(completion.text)
    return {
        "model": path.name,
        "bytes": path.stat().st_size,
        "threads": threads,
        "load_s": round(load, 3),
        "rss_loaded_mb": rss_loaded,
        "rss_after_use_mb": rss_mb(),
        "prompt_tokens": cold[0].prompt_tokens,
        "answer_tokens": round(statistics.median(c.completion_tokens for c in cold + warm), 1),
        "cold_cached_tokens": round(statistics.median(c.cached_tokens for c in cold)),
        "warm_cached_tokens": round(statistics.median(c.cached_tokens for c in warm)),
        "cold_s": round(statistics.median(c.seconds for c in cold), 3),
        "warm_s": round(statistics.median(c.seconds for c in warm), 3),
        "answers": [c.text for c in warm],
    }


def run_isolated(path: Path, threads: int, repeat: int) -> dict[str, Any]:
    command = [sys.executable, "-m", "tests.bench.language_models", "--one", str(path), str(threads), str(repeat)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=HERE.parents[1])
    if done.returncode != 0:
        return {"model": path.name, "threads": threads, "error": done.stderr.strip().splitlines()[-1:]}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def chosen_models(arguments: list[Path], tiny: Path) -> list[Path]:
    if arguments:
        candidates = arguments
    elif os.environ.get("DESKHAND_BENCH_MODELS"):
        candidates = [Path(p) for p in os.environ["DESKHAND_BENCH_MODELS"].split(":") if p]
    else:
        candidates = [tiny, *DEFAULT_MODELS]
    present = []
    for path in candidates:
        if path.is_file():
            present.append(path)
        else:
            print(f"skipped {path}: no such file", file=sys.stderr)
    return present


def table(rows: list[dict[str, Any]]) -> str:
    head = ["model", "thr", "load s", "RSS MB", "RSS used", "prompt", "ans", "cold s", "warm s", "cached"]
    lines = ["  ".join(f"{h:>9}" for h in head)]
    for r in rows:
        if "error" in r:
            lines.append(f"{r['model']:>9}  {r['threads']:>9}  error: {r['error']}")
            continue
        cells = [
            r["model"][:22],
            r["threads"],
            r["load_s"],
            r["rss_loaded_mb"],
            r["rss_after_use_mb"],
            r["prompt_tokens"],
            r["answer_tokens"],
            r["cold_s"],
            r["warm_s"],
            f"{r['cold_cached_tokens']}/{r['warm_cached_tokens']}",
        ]
        lines.append("  ".join(f"{c!s:>9}" for c in cells))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="*", type=Path)
    parser.add_argument("--threads", nargs="+", type=int, default=[1, 2])
    parser.add_argument("--repeat", type=int, default=3, help="cold and warm completions per model (medians)")
    parser.add_argument("--json", type=Path, default=HERE / "results" / "language_models.json")
    parser.add_argument("--one", nargs=3, metavar=("PATH", "THREADS", "REPEAT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure_one(Path(args.one[0]), int(args.one[1]), int(args.one[2]))))
        return

    from tests.support.tiny_gguf import write_tiny_gguf

    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="deskhand-bench-") as scratch:
        tiny = write_tiny_gguf(Path(scratch) / "tiny-chat.gguf")
        rows = []
        for path in chosen_models(args.models, tiny):
            for threads in args.threads:
                rows.append(run_isolated(path, threads, args.repeat))
                print(table(rows[-1:]).splitlines()[-1], file=sys.stderr, flush=True)
    print(table(rows))
    report = {
        "taken_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": {
            "cpus": len(os.sched_getaffinity(0)),
            "load_average_before": load_before,
            "load_average_after": os.getloadavg(),
            "python": platform.python_version(),
        },
        "prefix": "cold = new system message; warm = same system message, new request (its KV cache reused)",
        "rows": rows,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(f"written {args.json}")


if __name__ == "__main__":
    main()
