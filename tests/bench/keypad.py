"""Keypad benchmark: symbol-only keys (+ − × ÷ = √ ←, digits) read in Tk, Qt and GTK.

    .venv/bin/python -m tests.bench.keypad [--seeds dev|final] [--count N] [--toolkits tk,qt,gtk]

Starts its own Xvfb (from :90 up) and, per toolkit and seed, the zoo keypad
(tests/apps/zoo/keypad.py: a generated calculator layout), then stops them. Ground truth
is the keypad's own dump (each key's symbol and screen box, the display's text). Per
toolkit: keys observed (an element with the key's text over its box, the same text
normalisation `act click` uses), keys a label query would click outside their box
(wrong groundings), the display read back as a read-out, and the keys missed with what
was read there. Seeds: development 100-199; final 7500-7599. A report, not a test.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Any

from tests.bench.report import publish
from tests.support import xserver

HERE = Path(__file__).resolve().parent
DEV_SEEDS = range(100, 200)
FINAL_SEEDS = range(7500, 7600)  # drawn for the keypad, frozen before any use


def measure(keypad: Any) -> dict[str, Any]:
    from app.services.compose import build_eyes
    from automation.perception.observe import Observer
    from tests.bench.perception import recall

    screen, windows, ocr = build_eyes()
    dump = keypad.request("dump")
    obs = Observer(screen, windows, ocr).observe(window=keypad.title)
    truth = [(k["text"], tuple(k["box"])) for k in dump["keys"]]
    found = recall(truth, [s for s in obs.spans if s.window == keypad.title], keypad.title)
    x, y, w, h = dump["display"]["box"]
    shown = [
        e.text
        for e in obs.elements
        if e.kind == "readout" and x <= e.box.center[0] < x + w and y <= e.box.center[1] < y + h
    ]
    return {**found, "display": dump["display"]["text"], "display_read": shown}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", choices=["dev", "final"], default="dev")
    parser.add_argument("--count", type=int, default=3)
    parser.add_argument("--first", type=int, default=0, help="skip this many seeds of the range")
    parser.add_argument("--toolkits", default="tk,qt,gtk")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    seeds = list(FINAL_SEEDS if args.seeds == "final" else DEV_SEEDS)[args.first : args.first + args.count]
    path = args.json or HERE / "results" / f"keypad-{args.seeds}.json"
    from tests.support import keypad as keypads

    tmp, session = xserver.start_for_benchmark("deskhand-keypad-bench-")
    report: dict[str, Any] = {"seeds": args.seeds, "seed_list": seeds, "toolkits": {}}
    try:
        for toolkit in args.toolkits.split(","):
            runs = []
            for seed in seeds:
                keypad = None
                try:
                    keypad = keypads.launch(toolkit, seed, Path(tempfile.mkdtemp(dir=tmp)))
                    runs.append({"seed": seed, **measure(keypad)})
                except Exception as e:  # a toolkit that fails to start is reported, not fatal
                    runs.append({"seed": seed, "error": f"{type(e).__name__}: {e}"[:300]})
                finally:
                    if keypad is not None:
                        keypad.stop()
            good = [r for r in runs if "error" not in r]
            report["toolkits"][toolkit] = {
                "runs": runs,
                "keys": sum(r["labels"] for r in good),
                "found": sum(r["found"] for r in good),
                "wrong": sum(len(r["wrong_groundings"]) for r in good),
                "display_read": sum(r["display_read"] == [r["display"]] for r in good),
                "forms": len(good),
            }
    finally:
        session.stop()
    publish(report, path, print_table)


def print_table(report: dict[str, Any]) -> None:
    print(f"\nKeypad benchmark, {report['seeds']} seeds {report['seed_list']}, {report['machine']['cpus']} CPUs\n")
    print(f"{'toolkit':<8}{'keys':>6}{'found':>7}{'recall':>8}{'wrong':>7}{'display':>9}  missed (read as)")
    for name, t in report["toolkits"].items():
        pct = f"{100 * t['found'] / t['keys']:.0f}%" if t["keys"] else "-"
        missed = " ".join(m for r in t["runs"] for m in r.get("missed", []))
        shown = f"{t['display_read']}/{t['forms']}"
        print(f"{name:<8}{t['keys']:>6}{t['found']:>7}{pct:>8}{t['wrong']:>7}{shown:>9}  {missed}")
        for r in t["runs"]:
            if "error" in r:
                print(f"    error: {r['error']}")


if __name__ == "__main__":
    main()
