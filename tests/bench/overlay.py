"""Panel benchmark: launch to visible panel, typed request to first action, memory.

    .venv/bin/python -m tests.bench.overlay [--runs N] [--json FILE]

Starts its own Xvfb (from :90 up) with the Tk legacy client, and stops them. Each run
launches the real `deskhand` entry point (the panel) and measures:
1. launch: from the process start to the panel's window being listed by the window manager;
2. ready: to the panel saying "ready" (the default pack loaded; read by OCR, polled);
3. first ring: from the Return that sends "enter 42.50 as the amount" (typed with
   xdotool) to the client's window first changing on screen: the ring drawn around
   Amount (after the first observation and model call);
4. first action: from the same Return to the first change on the client that is not
   ring-coloured: the click into Amount, 0.35 s of ring later;
5. RSS of the panel's process with the default pack loaded (VmRSS, after the action).
Prints a table; writes JSON (default tests/bench/results/overlay.json).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from tests.bench.report import rss_mb
from tests.support import xserver

HERE = Path(__file__).resolve().parent
REQUEST = "enter 42.50 as the amount"
RING_RGB = np.array([0xE8, 0x59, 0x0C])  # app.ui.highlight.COLOR; the bench does not import Qt


def poll(probe: object, timeout: float, every: float = 0.01) -> float:
    """Seconds until ``probe()`` is true (raises after ``timeout``)."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if probe():  # type: ignore[operator]
            return time.perf_counter() - started
        time.sleep(every)
    raise TimeoutError(f"{probe} not true after {timeout} s")


def changed(before: np.ndarray, now: np.ndarray, ring_too: bool) -> bool:
    """Whether ``now`` differs from ``before``; unless ``ring_too``, by more than ring pixels."""
    moved = (before != now).any(axis=2)
    if ring_too or not moved.any():
        return bool(moved.any())
    return bool((now[moved] != RING_RGB).any())


def one_run(app_window: object) -> dict[str, float]:
    from app.services.compose import build_eyes, build_observer
    from automation.backends.x11_windows import X11Windows

    windows = X11Windows()
    screen, _, _ = build_eyes()
    observer = build_observer()
    client = app_window.box  # type: ignore[attr-defined]
    before = np.asarray(screen.grab(client))
    script = Path(sys.executable).with_name("deskhand")
    started = time.perf_counter()
    process = subprocess.Popen([str(script)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    try:
        poll(lambda: any(w.title == "Deskhand" for w in windows.list()), 30)
        launch = time.perf_counter() - started
        (panel,) = [w for w in windows.list() if w.title == "Deskhand"]

        def says_ready() -> bool:
            return any(s.text.strip() == "ready" for s in observer.observe(window="Deskhand").spans)

        ready = launch + poll(says_ready, 300, every=0.2)
        windows.activate(panel)
        poll(lambda: (a := windows.active()) is not None and a.id == panel.id, 10)
        subprocess.run(["xdotool", "type", "--delay", "5", REQUEST], check=True)
        subprocess.run(["xdotool", "key", "Return"], check=True)
        sent = time.perf_counter()
        first_ring = poll(lambda: changed(before, np.asarray(screen.grab(client)), ring_too=True), 120)
        first_action = time.perf_counter() - sent
        first_action += poll(lambda: changed(before, np.asarray(screen.grab(client)), ring_too=False), 120)
        rss = rss_mb(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=10)
    return {
        "launch_s": launch,
        "ready_s": ready,
        "first_ring_s": first_ring,
        "first_action_s": first_action,
        "rss_mb": rss,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, default=HERE / "results" / "overlay.json")
    args = parser.parse_args()

    tmp, session = xserver.start_for_benchmark()
    from app.services.paths import models_dir

    os.environ["DESKHAND_MODELS"] = str(models_dir())  # the installed default pack
    runs = []
    try:
        from tests.support.apps import legacy_app

        for n in range(args.runs):
            os.environ["DESKHAND_HOME"] = str(tmp / f"home{n}")
            app = legacy_app(tmp / f"claims{n}.jsonl")
            try:
                runs.append(one_run(app.window))
            finally:
                app.stop()
    finally:
        session.stop()
    report = {
        "runs": runs,
        "median": {k: statistics.median(r[k] for r in runs) for k in runs[0]},
        "targets": {"launch_s": 1.0, "first_action_s": 2.0, "rss_mb": 1024},
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()},
    }
    print_table(report)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2))
    print(f"\nJSON: {args.json}")


def print_table(report: dict) -> None:  # type: ignore[type-arg]
    print(f"\nPanel benchmark ({report['machine']['cpus']} CPUs, {len(report['runs'])} runs)\n")
    print(f"{'measure':<16}{'median':>10}{'min':>10}{'max':>10}{'target':>10}")
    for key in ("launch_s", "ready_s", "first_ring_s", "first_action_s", "rss_mb"):
        values = [r[key] for r in report["runs"]]
        target = report["targets"].get(key, "")
        print(f"{key:<16}{report['median'][key]:>10.2f}{min(values):>10.2f}{max(values):>10.2f}{target!s:>10}")


if __name__ == "__main__":
    main()
