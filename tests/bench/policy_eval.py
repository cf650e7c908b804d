"""Policy evaluation: the golden set through ModelPolicy with real models, per pack.

    PYTHONPATH=$PWD .venv/bin/python -m tests.bench.policy_eval [--model PATH ...] [--threads N]
        [--set legacy|zoo] [--split all|tune|heldout|heldout2] [--show tune|all|none] [--limit N] [--out FILE]
        [--choice number|alternatives|likelihood|likelihood-sum|calibrated|first-option] [--order original|shuffled]
        [--seed N] [--every N] [--ceiling]

--set zoo scores the zoo golden set (tests/eval/zoo_golden.py: tests/eval/zoo/ for tuning,
tests/eval/heldout/ held out, split by form; tests/eval/heldout2/ the second held-out
draw) instead of tests/eval/golden.jsonl, with exact-right per split and per toolkit. A
held-out draw is scored once, for the figures in docs/benchmarks.md; never while changing
the policy (the first draw is spent: docs/policy.md).

Models: --model (repeatable), else $DESKHAND_EVAL_MODELS (paths joined by ':'), else
every installed pack (`deskhand models install NAME` puts them in the models folder,
$DESKHAND_MODELS or the user cache); missing files are skipped. Each model runs in its own
process (so its RSS is its own), one case after another in file order.

Per model: exact-right (all / held-out), wrong actions (an action or skill where
none was right, or the wrong one), actions on unrelated requests, latency per
decision (cold = the first, warm = the median of the rest that called the model),
tokens per decision, load time and peak RSS. Prints a table; writes
tests/bench/results/policy_eval.json. A report, not a pass/fail test. ``--show``
prints each case's decision (held-out cases only with ``--show all``: keep them
unseen while tuning).

How the option is chosen (tests/bench/choosing.py): ``--choice number`` is the product's (a
bare option number); ``alternatives`` the same under a wording that says the options are
alternatives; ``likelihood`` (``likelihood-sum``) the option whose own text the model finds
likeliest as its answer, by mean (summed) log-probability per token; ``calibrated`` the same
less each option's likelihood with no request (the options alone); ``first-option`` always
option 1 (values still filled by the model). ``--order shuffled`` shows the options in a
random order seeded by ``--seed`` and the prompt, and maps the answer back: with the order no
hint, the score says whether a chooser reads the options. ``--ceiling`` prints, with no model,
how many cases any chooser could get right (some option is right, its values given).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "policy_eval.json"


def default_models() -> list[Path]:
    listed = os.environ.get("DESKHAND_EVAL_MODELS")
    if listed:
        return [Path(p) for p in listed.split(":") if p]
    from app.services.paths import models_dir

    folder = models_dir()
    return sorted(folder.glob("*.gguf") if folder.is_dir() else [], key=lambda p: p.stat().st_size)


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def load_cases(which: str, split: str) -> list[Any]:
    from tests.eval import golden

    if which == "legacy":
        return golden.load()[1]
    from tests.eval import zoo_golden

    folders = {split: [folder] for split, folder in zoo_golden.SPLIT_DIRS.items()}
    cases = []
    for folder in folders.get(split, [zoo_golden.TUNE_DIR, zoo_golden.HELDOUT_DIR]):
        cases += golden.load(folder / "cases.jsonl", folder / "observations")[1]
    return cases


CHOICES = ["number", "alternatives", "likelihood", "likelihood-sum", "calibrated", "first-option"]


def chooser(model: Any, choice: str, order: str, seed: int) -> Any:
    """The model as the policy sees it under one way of choosing and one order of options."""
    from tests.bench.baselines import FirstOption
    from tests.bench.choosing import Alternatives, ByLikelihood, Shuffled

    wrapped = {
        "number": lambda: model,
        "alternatives": lambda: Alternatives(model),
        "likelihood": lambda: ByLikelihood(model),
        "likelihood-sum": lambda: ByLikelihood(model, mean=False),
        "calibrated": lambda: ByLikelihood(model, calibrated=True),
        "first-option": lambda: FirstOption(model),
    }[choice]()
    return Shuffled(wrapped, seed) if order == "shuffled" else wrapped


def run_model(
    path: Path,
    threads: int,
    split: str,
    show: str,
    limit: int | None,
    which: str = "legacy",
    choice: str = "number",
    order: str = "original",
    seed: int = 0,
    every: int = 1,
) -> dict[str, Any]:
    """Run every case through one model, in this process."""
    from models.llama_local import LlamaModel
    from models.policy import ModelPolicy

    cases = load_cases(which, split)
    if split != "all":
        cases = [c for c in cases if c.split == split]
    cases = cases[::every][:limit]
    model = LlamaModel(path, threads=threads, name=path.stem)
    model.load()
    chosen = chooser(model, choice, order, seed)
    said: list[str] = []

    class Recording:
        """The model, keeping what it answered for the report."""

        name = model.name

        def complete(self, prompt: Any) -> Any:
            completion = chosen.complete(prompt)
            said.append(completion.text)
            return completion

    policy = ModelPolicy(Recording())
    rows = []
    for case in cases:
        said.clear()
        started = time.perf_counter()
        decision = policy.decide(case.situation)
        seconds = time.perf_counter() - started
        from tests.eval.golden import acts, describe, exact_right

        right = exact_right(case.expect, decision)
        rows.append(
            {
                "id": case.id,
                "split": case.split,
                "toolkit": case.observation.split("_")[1] if case.observation.startswith(("z5", "h5")) else "",
                "request": case.request,
                "expect": case.expect,
                "got": describe(decision),
                "right": right,
                "acted": acts(decision),
                "should_act": case.expect["kind"] in {"click", "type", "key", "skill"},
                "unrelated": case.expect["kind"] == "reply",
                "seconds": round(seconds, 3),
                "calls": [c.__dict__ for c in decision.calls],
                "model_said": list(said),
            }
        )
        if show == "all" or (show == "tune" and case.split == "tune"):
            mark = "ok " if right else "BAD"
            print(f"  {mark} {case.id} {seconds:5.2f}s {case.request!r}: {describe(decision)}", flush=True)
            if not right:
                print(f"        expected {case.expect}; the model said {said}", flush=True)
    return {"model": path.name, "threads": threads, "load_seconds": round(model.load_seconds or 0.0, 2),
            "peak_rss_mb": round(peak_rss_mb()), "choice": choice, "order": order, "seed": seed,
            "rows": rows}  # fmt: skip


def summary(result: dict[str, Any]) -> dict[str, Any]:
    rows = result["rows"]
    held = [r for r in rows if r["split"] != "tune"]  # either held-out draw
    wrong_actions = [r["id"] for r in rows if r["acted"] and not r["right"]]
    with_calls = [r for r in rows if r["calls"]]
    warm = [r["seconds"] for r in with_calls[1:]]
    calls = [c for r in rows for c in r["calls"]]

    def share(part: list[dict[str, Any]]) -> str:
        return f"{sum(r['right'] for r in part)}/{len(part)}" if part else "-"

    return {
        "model": result["model"],
        "exact_all": share(rows),
        "exact_tune": share([r for r in rows if r["split"] == "tune"]),
        "exact_heldout": share(held),
        "heldout_by_toolkit": {
            tk: share([r for r in held if r.get("toolkit") == tk])
            for tk in sorted({r.get("toolkit", "") for r in held})
        },
        "heldout_pct": round(100 * sum(r["right"] for r in held) / len(held)) if held else None,
        "wrong_actions": len(wrong_actions),
        "wrong_action_ids": wrong_actions,
        "acted_on_unrelated": sum(r["acted"] for r in rows if r["unrelated"]),
        "cold_s": with_calls[0]["seconds"] if with_calls else None,
        "warm_median_s": round(statistics.median(warm), 2) if warm else None,
        "calls_per_decision": round(len(calls) / len(rows), 2) if rows else 0,
        "prompt_tokens_per_call": round(statistics.mean(c["prompt_tokens"] for c in calls)) if calls else 0,
        "cached_tokens_per_call": round(statistics.mean(c["cached_tokens"] for c in calls)) if calls else 0,
        "completion_tokens_per_call": round(statistics.mean(c["completion_tokens"] for c in calls), 1) if calls else 0,
        "load_s": result["load_seconds"],
        "peak_rss_mb": result["peak_rss_mb"],
        "threads": result["threads"],
        "choice": result.get("choice", "number"),
        "order": result.get("order", "original"),
    }


COLUMNS = [
    ("model", "model", 26),
    ("exact_all", "exact all", 10),
    ("exact_tune", "tune", 9),
    ("exact_heldout", "held-out", 9),
    ("wrong_actions", "wrong act", 9),
    ("acted_on_unrelated", "unrel act", 9),
    ("cold_s", "cold s", 7),
    ("warm_median_s", "warm s", 7),
    ("prompt_tokens_per_call", "prompt tok", 10),
    ("cached_tokens_per_call", "cached", 7),
    ("completion_tokens_per_call", "out tok", 7),
    ("peak_rss_mb", "RSS MB", 7),
]


def table(summaries: list[dict[str, Any]]) -> str:
    head = " ".join(f"{title:<{w}}" for _, title, w in COLUMNS)
    lines = [head, "-" * len(head)]
    for s in summaries:
        lines.append(" ".join(f"{s[key]!s:<{w}}" for key, _, w in COLUMNS))
    return "\n".join(lines)


def print_ceiling(which: str, split: str) -> None:
    """How many cases some option gets right, its values given: what any chooser can reach."""
    from models.policy import ModelPolicy
    from models.policy.candidates import build
    from tests.bench.choosing import Oracle
    from tests.eval.golden import exact_right

    cases = [c for c in load_cases(which, split) if split == "all" or c.split == split]
    oracle = Oracle()
    policy = ModelPolicy(oracle)
    reachable, first = 0, 0
    for case in cases:
        oracle.text = str(case.expect.get("text", ""))
        right = []
        for number in range(1, len(build(case.situation).options) + 1):
            oracle.number = number
            try:
                right.append(exact_right(case.expect, policy.decide(case.situation)))
            except Exception:  # a value the checks refuse is no way to be right
                right.append(False)
        reachable += any(right)
        first += right[0]
    print(f"{len(cases)} cases: some option right in {reachable}, the first option right in {first}")


def print_menus() -> None:
    """What code offers for each tune case, best first: for tuning candidate building."""
    from models.policy.candidates import build
    from tests.eval import golden

    _, cases = golden.load()
    for case in cases:
        if case.split != "tune":
            continue
        menu = build(case.situation)
        print(f"{case.id} {case.request!r} related={menu.related:.2f} planned={menu.planned} expect={case.expect}")
        for i, o in enumerate(menu.options, 1):
            print(f"    {i}. {o.text}  [{o.score:.0f}]")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, action="append", help="a GGUF file (repeatable)")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--split", choices=["all", "tune", "heldout", "heldout2"], default="all")
    parser.add_argument("--show", choices=["tune", "all", "none"], default="none")
    parser.add_argument("--limit", type=int, help="only the first N cases (a quick look)")
    parser.add_argument("--every", type=int, default=1, help="only every Nth case (a sample across toolkits)")
    parser.add_argument("--set", dest="which", choices=["legacy", "zoo"], default="legacy")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where the JSON goes")
    parser.add_argument("--menus", action="store_true", help="print the options code builds (tune cases), no model")
    parser.add_argument("--choice", choices=CHOICES, default="number", help="how the option is chosen")
    parser.add_argument("--order", choices=["original", "shuffled"], default="original")
    parser.add_argument("--seed", type=int, default=0, help="the shuffle's seed")
    parser.add_argument("--ceiling", action="store_true", help="how many cases any chooser could get right, no model")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.menus:
        print_menus()
        return 0
    if args.ceiling:
        print_ceiling(args.which, args.split)
        return 0

    if args.worker:
        (path,) = args.model
        how = (args.choice, args.order, args.seed, args.every)
        done = run_model(path, args.threads, args.split, args.show, args.limit, args.which, *how)
        print("RESULT " + json.dumps(done), flush=True)
        return 0

    models = [p for p in (args.model or default_models()) if p.exists()]
    skipped = [p for p in (args.model or []) if not p.exists()]
    for p in skipped:
        print(f"skipped {p}: no such file", file=sys.stderr)
    if not models:
        print("no models found: pass --model PATH", file=sys.stderr)
        return 1
    summaries, results = [], []
    for path in models:
        print(f"== {path.name} ({args.threads} thread(s), choice {args.choice}, {args.order} order)", flush=True)
        command = [sys.executable, "-m", "tests.bench.policy_eval", "--worker", "--model", str(path)]
        command += ["--threads", str(args.threads), "--split", args.split, "--show", args.show, "--set", args.which]
        command += ["--choice", args.choice, "--order", args.order, "--seed", str(args.seed)]
        command += ["--every", str(args.every)]
        if args.limit:
            command += ["--limit", str(args.limit)]
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        result: dict[str, Any] | None = None
        for line in proc.stdout:
            if line.startswith("RESULT "):
                result = json.loads(line[len("RESULT ") :])
            else:
                print(line, end="", flush=True)
        if proc.wait() != 0 or result is None:
            print(f"{path.name}: the run failed (exit {proc.returncode})", file=sys.stderr)
            continue
        results.append(result)
        summaries.append(summary(result))
    print()
    print(table(summaries))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"summaries": summaries, "results": results}, indent=1) + "\n")
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
