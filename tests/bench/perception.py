"""Perception benchmark: speed of observing, and label recall against toolkit ground truth.

    .venv/bin/python -m tests.bench.perception [--repeat N] [--json FILE]

Writes tests/bench/results/perception-<OCR backend>.json unless --json names a file.

Starts its own Xvfb (from :90 up) with xcalc and the Tk legacy client, and stops them.
Ground truth comes from the toolkits, never from OCR: xcalc's key windows
(`xwininfo -tree`, labels from tests/bench/xcalc_keys.txt in reading order) and the
Tk client's own widget geometry (`winfo`, written by its --dump-widgets option).
Found = normalised text equal and boxes overlapping. Grounded = `resolve` maps the
truth label to its own box (what a user asking for it gets; look-alike glyphs such as
"ln"/"In" count here, not under found). A wrong grounding = a truth label that
`resolve` maps to an element outside its box. Prints a table and JSON;
it is a report, not a pass/fail test.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from automation.perception.observe import Observer
from automation.protocols import Screen
from tests.bench.report import publish
from tests.support import xserver

HERE = Path(__file__).resolve().parent


def median_ms(fn: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append((time.perf_counter() - t) * 1000)
    return round(statistics.median(times), 1)


def xcalc_truth(window_id: int) -> list[tuple[str, tuple[int, int, int, int]]]:
    tree = subprocess.run(["xwininfo", "-tree", "-id", str(window_id)], capture_output=True, text=True).stdout
    boxes = []
    for m in re.finditer(r"(\d+)x(\d+)\+(-?\d+)\+(-?\d+)\s+\+(-?\d+)\+(-?\d+)", tree):
        w, h, _, _, ax, ay = map(int, m.groups())
        boxes.append((ax, ay, w, h))
    # Every key is a window of the same size; the display's parts and the frame are not.
    (size, _), *_ = Counter((b[2], b[3]) for b in boxes).most_common(1)
    boxes = sorted({b for b in boxes if (b[2], b[3]) == size}, key=lambda b: (b[1] // 8, b[0]))
    labels = " ".join(line for line in (HERE / "xcalc_keys.txt").read_text().splitlines() if not line.startswith("#"))
    keys = labels.split()
    if len(boxes) != len(keys):
        raise RuntimeError(f"xcalc has {len(boxes)} key windows, the layout file {len(keys)} labels")
    return list(zip(keys, boxes, strict=True))


def overlaps(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def recall(truth: list[tuple[str, tuple[int, int, int, int]]], spans: list, window: str) -> dict[str, object]:
    from automation.errors import DeskhandError
    from automation.grounding.match import normalize, resolve
    from automation.types import Target

    found, grounded, wrong, missed = 0, 0, [], []
    for text, box in truth:
        hit = any(
            normalize(s.text) == normalize(text) and overlaps(box, (s.box.x, s.box.y, s.box.w, s.box.h)) for s in spans
        )
        found += hit
        if not hit:
            seen = [s.text for s in spans if overlaps(box, (s.box.x, s.box.y, s.box.w, s.box.h))]
            missed.append(f"{text}({'|'.join(seen) or '-'})")
        try:
            m = resolve(Target(text, window=window), spans)
            if overlaps(box, (m.box.x, m.box.y, m.box.w, m.box.h)):
                grounded += 1
            else:
                wrong.append(text)
        except DeskhandError:
            pass
    return {"labels": len(truth), "found": found, "grounded": grounded, "wrong_groundings": wrong, "missed": missed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--json", type=Path, default=None, help="default: results/perception-<OCR backend>.json")
    args = parser.parse_args()

    tmp, session = xserver.start_for_benchmark()
    from tests.support.apps import LEGACY_APP, launch

    widgets = tmp / "widgets.json"
    apps = [
        launch(["xcalc", "-geometry", "+20+20"], "Calculator"),
        launch(
            [
                sys.executable,
                str(LEGACY_APP),
                "--out",
                str(tmp / "c.jsonl"),
                "--geometry",
                "+400+60",
                "--dump-widgets",
                str(widgets),
            ],
            "Legacy Expense",
        ),
    ]
    try:
        report = run(args.repeat, apps, widgets)
    finally:
        for app in apps:
            app.stop()
        session.stop()
    # One file per OCR backend: the tesserocr and pytesseract runs docs/benchmarks.md shows
    # side by side no longer overwrite each other's results.
    publish(report, args.json or HERE / "results" / f"perception-{report['ocr_backend']}.json", print_table)


def run(repeat: int, apps: list, widgets: Path) -> dict[str, object]:
    from app.services.compose import build_eyes

    deadline = time.monotonic() + 10
    while not widgets.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    screen, windows, ocr = build_eyes()
    xcalc, legacy = apps
    report: dict[str, object] = {"ocr_backend": ocr.name}
    speed: dict[str, float] = {
        "grab full screen": median_ms(lambda: screen.grab(), repeat),
        "grab one window": median_ms(lambda: screen.grab(legacy.window.box), repeat),
    }
    for name, title in (("xcalc", "Calculator"), ("tk form", "Legacy Expense")):
        speed[f"cold window OCR: {name}"] = median_ms(
            lambda t=title: Observer(screen, windows, ocr).observe(window=t), repeat
        )
    warm = Observer(screen, windows, ocr)
    warm.observe(window="Legacy Expense")
    speed["unchanged observation: tk form"] = median_ms(lambda: warm.observe(window="Legacy Expense"), repeat)
    speed["one changed region: tk form"] = one_changed_region(warm, screen, repeat)
    report["speed_ms"] = speed
    report["reads"] = vars(warm.counts)

    truth_tk = [(w["text"], tuple(w["box"])) for w in json.loads(widgets.read_text())]
    truth_xcalc = xcalc_truth(xcalc.window.id)
    obs = Observer(screen, windows, ocr).observe()
    report["recall"] = {
        "xcalc": recall(truth_xcalc, [s for s in obs.spans if s.window == "Calculator"], "Calculator"),
        "tk form": recall(truth_tk, [s for s in obs.spans if "Legacy" in s.window], "Legacy Expense"),
    }
    return report


def one_changed_region(observer: Observer, screen: Screen, repeat: int) -> float:
    """Type one character into the Amount entry, wait until it is drawn, time the next observation."""
    from automation.actuation.verify import changed

    reading = observer.observe(window="Legacy Expense")
    amount = next(s for s in reading.spans if s.text == "Amount")
    entry = next(b for b in reading.outlines if b.x > amount.box.right and abs(b.center[1] - amount.box.center[1]) < 8)
    subprocess.run(["xdotool", "mousemove", str(entry.center[0]), str(entry.center[1]), "click", "1"], check=True)
    times = []
    for i in range(repeat):
        observer.observe(window="Legacy Expense")
        before = screen.grab(entry)
        subprocess.run(["xdotool", "type", "--delay", "0", str(i % 10)], check=True)
        deadline = time.monotonic() + 2
        while not changed(before, screen.grab(entry)) and time.monotonic() < deadline:
            time.sleep(0.005)
        t = time.perf_counter()
        observer.observe(window="Legacy Expense")
        times.append((time.perf_counter() - t) * 1000)
    return round(statistics.median(times), 1)


def print_table(report: dict) -> None:
    print(f"\nPerception benchmark ({report['ocr_backend']}, {report['machine']['cpus']} CPUs)\n")
    print(f"{'measure':<36}{'median ms':>10}")
    for name, value in report["speed_ms"].items():
        print(f"{name:<36}{value:>10}")
    print(f"\n{'app':<10}{'labels':>8}{'found':>7}{'recall':>8}{'grounded':>10}{'wrong':>7}  missed (read as)")
    total = found = grounded = wrong = 0
    for app, r in report["recall"].items():
        total += r["labels"]
        found += r["found"]
        grounded += r["grounded"]
        wrong += len(r["wrong_groundings"])
        pct = 100 * r["found"] / r["labels"]
        bad = len(r["wrong_groundings"])
        missed = " ".join(r["missed"])
        print(f"{app:<10}{r['labels']:>8}{r['found']:>7}{pct:>7.0f}%{r['grounded']:>10}{bad:>7}  {missed}")
    print(f"{'total':<10}{total:>8}{found:>7}{100 * found / total:>7.0f}%{grounded:>10}{wrong:>7}")


if __name__ == "__main__":
    main()
