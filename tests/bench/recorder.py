"""Recorder benchmark: what a hook callback costs, what the worker spends, and whether
a click's screenshot shows the state before the click.

    .venv/bin/python -m tests.bench.recorder [--json FILE]

Starts its own Xvfb (from :90 up) with the Tk legacy client, and stops them. xdotool
plays the user. Three parts:
1. hook callbacks: the time each pynput callback spends (key names and the tuple
   built, the queue put) over mouse moves, clicks, scrolls and typed keys;
2. a recording of the client being filled in through the real Recorder: per-event
   journal write and fsync, window grabs, screenshot saving, field classification;
3. press race: N presses on the client's combo box (its list opens on the press);
   a worker that looks up the window and grabs it when the press arrives, against the
   newest ring grab from before the press (what the recorder uses). Counts screenshots
   that already show the list, which the press opened.
Prints a table; writes JSON (default tests/bench/results/recorder.json).
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np

from tests.bench.report import publish
from tests.support import xserver

HERE = Path(__file__).resolve().parent
PRESSES = 20


def xdo(*args: str) -> None:
    subprocess.run(["xdotool", *args], check=True, timeout=120)


def summary(seconds: list[float]) -> dict[str, float]:
    if not seconds:
        return {"n": 0}
    ordered = sorted(seconds)
    return {
        "n": len(ordered),
        "median_ms": round(statistics.median(ordered) * 1000, 4),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000, 4),
        "max_ms": round(ordered[-1] * 1000, 4),
    }


def hook_costs(notes: tuple[int, int], desktop: tuple[int, int]) -> dict[str, dict[str, float]]:
    from automation.backends.pynput_hook import PynputHook

    hook = PynputHook(measure=True)
    events: queue.SimpleQueue[object] = queue.SimpleQueue()
    stop = hook.listen(events.put)
    try:
        x, y = desktop
        moves = [a for i in range(200) for a in ("mousemove", str(x + i % 50), str(y + i // 50))]
        xdo(*moves)
        xdo("mousemove", str(x), str(y), "click", "--repeat", "60", "--delay", "20", "1")
        xdo("click", "--repeat", "20", "--delay", "20", "5", "click", "--repeat", "20", "--delay", "20", "4")
        xdo("mousemove", str(notes[0]), str(notes[1]), "click", "1")
        xdo("type", "--delay", "8", "The quick brown Fox jumps over 13 lazy Dogs; " * 6)
        total = 200 + 120 + 40 + 2 + 6 * 45 * 2
        deadline = time.monotonic() + 10
        while events.qsize() < total and time.monotonic() < deadline:
            time.sleep(0.05)  # a benchmark, not the recorder: the hook threads catch up
    finally:
        stop()
    assert hook.costs is not None
    by_kind: dict[str, list[float]] = {}
    for kind, seconds in hook.costs:
        by_kind.setdefault(kind, []).append(seconds)
    report = {kind: summary(values) for kind, values in sorted(by_kind.items())}
    report["all"] = summary([s for _, s in hook.costs])
    report["all"]["events_seen"] = events.qsize()
    return report


def recording(points: dict[str, tuple[int, int]], home: Path) -> dict[str, object]:
    from app.services.compose import build_eyes, build_input_hook
    from automation.recording import journal
    from automation.recording.recorder import Recorder

    screen, windows, ocr = build_eyes()
    writer = journal.Journal.create(home, "bench")
    recorder = Recorder(build_input_hook(), screen, windows, ocr, writer)
    started = time.monotonic()
    recorder.start()
    for name, text in (("Employee", "Li Si"), ("Amount", "42.50"), ("Notes", "Lunch with a client"), ("PIN", "Zq7x93")):
        x, y = points[name]
        xdo("mousemove", str(x), str(y), "sleep", "0.15", "click", "1", "sleep", "0.2")
        xdo("type", "--delay", "60", text)
    x, y = points["Employee"]
    xdo("mousemove", str(x), str(y), "sleep", "0.15", "click", "1", "sleep", "0.6")
    recorder.stop()
    recorder.wait()
    seconds = time.monotonic() - started
    stats = recorder.stats
    return {
        "seconds": round(seconds, 2),
        "events": stats.events,
        "shots": stats.shots,
        "late_shots": stats.late_shots,
        "grab_rounds": summary(stats.grab_seconds),
        "shot_png": summary(stats.shot_seconds),
        "journal_write": summary(writer.write_seconds),
        "journal_fsync": summary(writer.sync_seconds),
        "field_verdict_after_first_key": summary(stats.classified),
        "fields": stats.fields,
    }


def press_race(combo: tuple[int, int], window: object) -> dict[str, int]:
    """Presses on the combo box; which screenshot shows the list the press opened?"""
    from app.services.compose import build_eyes
    from automation.backends.pynput_hook import PynputHook
    from automation.recording.events import WindowRef
    from automation.recording.shots import Shot, ShotRing

    screen, windows, _ = build_eyes()
    box = window.box  # type: ignore[attr-defined]
    ref = WindowRef(0, "", "", box)
    ring = ShotRing()
    hook_events: queue.SimpleQueue[tuple[object, ...]] = queue.SimpleQueue()
    at_press: list[np.ndarray] = []
    from_ring: list[np.ndarray] = []

    def worker() -> None:
        while True:
            event = hook_events.get()
            if event[1] == "quit":
                return
            if event[1] == "move":  # the recorder grabs shortly after the pointer moves
                time.sleep(0.05)
                ring.add(Shot(ref, screen.grab(box), time.monotonic()))
            elif event[1] == "press":
                windows.list()  # a grab on the press first has to find the window under the pointer
                at_press.append(np.asarray(screen.grab(box)))
                shot = ring.before(ref, event[0])  # type: ignore[arg-type]
                from_ring.append(np.asarray(shot.image) if shot else np.zeros(1))

    hook = PynputHook()
    stop = hook.listen(hook_events.put)
    thread = threading.Thread(target=worker)
    thread.start()
    shows_list = {"grab_at_press": 0, "ring_before_press": 0}
    try:
        for _ in range(PRESSES):
            xdo("mousemove", str(combo[0]), str(combo[1]), "sleep", "0.2")
            before = np.asarray(screen.grab(box))
            xdo("mousedown", "1", "sleep", "0.25", "mouseup", "1", "sleep", "0.1", "key", "Escape", "sleep", "0.2")
            for name, shots in (("grab_at_press", at_press), ("ring_before_press", from_ring)):
                changed = shots[-1].shape == before.shape and int((shots[-1] != before).any(axis=2).sum()) > 1000
                shows_list[name] += changed
    finally:
        stop()
        hook_events.put((0.0, "quit"))
        thread.join()
    return {"presses": PRESSES, **shows_list}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=HERE / "results" / "recorder.json")
    args = parser.parse_args()

    tmp, session = xserver.start_for_benchmark()
    os.environ["DESKHAND_HOME"] = str(tmp / "home")
    from automation.grounding.fields import field_beside
    from automation.types import Box
    from tests.support.apps import LEGACY_APP, launch

    widgets = tmp / "widgets.json"
    out = tmp / "claims.jsonl"
    app = launch(
        [sys.executable, str(LEGACY_APP), "--out", str(out), "--geometry", "+80+60", "--dump-widgets", str(widgets)],
        "Legacy Expense",
    )
    try:
        deadline = time.monotonic() + 10
        while not widgets.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        from app.services.compose import build_eyes

        labels = {w["text"]: Box(*w["box"]) for w in json.loads(widgets.read_text())}
        screen, _, _ = build_eyes()
        pixels = np.asarray(screen.grab(app.window.box))
        points = {n: field_beside(pixels, labels[n], app.window.box) for n in ("Employee", "Amount", "Notes", "PIN")}
        found = {n: p for n, p in points.items() if p is not None}
        combo = (found["Employee"][0] + 40, labels["Category"].center[1])
        report: dict[str, object] = {
            "hook_callbacks": hook_costs(found["Notes"], (900, 600)),
            "recording": recording(found, tmp / "home" / "recordings"),
            "press_race": press_race(combo, app.window),
        }
    finally:
        app.stop()
        session.stop()
    publish(report, args.json, print_table)


def print_table(report: dict) -> None:  # type: ignore[type-arg]
    print(f"\nRecorder benchmark ({report['machine']['cpus']} CPUs)\n")
    print(f"{'hook callback':<28}{'n':>6}{'median ms':>11}{'p99 ms':>9}{'max ms':>9}")
    for kind, s in report["hook_callbacks"].items():
        print(f"{kind:<28}{s['n']:>6}{s['median_ms']:>11.4f}{s['p99_ms']:>9.4f}{s['max_ms']:>9.4f}")
    rec = report["recording"]
    print(f"\nrecording: {rec['events']} events, {rec['shots']} shots ({rec['late_shots']} late) in {rec['seconds']} s")
    print(f"{'worker':<28}{'n':>6}{'median ms':>11}{'p99 ms':>9}{'max ms':>9}")
    for name in ("journal_write", "journal_fsync", "grab_rounds", "shot_png", "field_verdict_after_first_key"):
        s = rec[name]
        if s["n"]:
            print(f"{name:<28}{s['n']:>6}{s['median_ms']:>11.3f}{s['p99_ms']:>9.3f}{s['max_ms']:>9.3f}")
    for line in rec["fields"]:
        print(f"  {line}")
    race = report["press_race"]
    print(
        f"\npress race, {race['presses']} presses on the combo box: the list already shows in "
        f"{race['grab_at_press']} grabs taken at the press, {race['ring_before_press']} ring grabs from before it"
    )


if __name__ == "__main__":
    main()
