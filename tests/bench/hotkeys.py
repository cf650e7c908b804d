"""Hotkey benchmark: show hotkey to panel shown, abort hotkey to the last synthesized event.

    .venv/bin/python -m tests.bench.hotkeys [--runs N] [--json FILE]

Starts its own Xvfb (from :90 up) with openbox and the Tk legacy client, and stops them;
launches the real `deskhand` panel with the default pack. Measures, with xdotool as the user:
1. hide: Ctrl+Alt+Shift+D while the panel shows, to the panel leaving the window list;
2. show: Ctrl+Alt+Shift+D again, to the panel back in the window list (mapped by openbox);
3. abort: a long skill replay typing into the client; Ctrl+Alt+Shift+Esc mid-run, to the
   last input event of Deskhand's that the X server reports (a RECORD listener in this
   process hears everything; the hotkey's own keys left out).
Prints a table; writes JSON (default tests/bench/results/hotkeys.json).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.bench.report import publish
from tests.support import xserver

HERE = Path(__file__).resolve().parent
QUIET = 2.0  # seconds without any input event: the aborted run is over


def poll(probe: Any, timeout: float, every: float = 0.002) -> float:
    """Seconds until ``probe()`` is true (raises after ``timeout``)."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if probe():
            return time.perf_counter() - started
        time.sleep(every)
    raise TimeoutError(f"{probe} not true after {timeout} s")


def measure(runs: int) -> dict[str, list[float]]:
    from app.services.skills import open_store
    from automation.backends.pynput_hook import PynputHook
    from tests.support.apps import legacy_app, wait_for_window
    from tests.support.panel_run import ABORT_KEYS, Heard, long_claim, panel_listed, run_the_skill
    from tests.support.panel_screen import shows

    claims = Path(tempfile.mkdtemp()) / "claims.jsonl"
    app = legacy_app(claims)
    with open_store() as store:
        store.save(long_claim(app))
    heard = Heard()
    stop_hearing = PynputHook().listen(heard)
    process = subprocess.Popen([str(Path(sys.executable).with_name("deskhand"))], stdin=subprocess.DEVNULL)
    found: dict[str, list[float]] = {"hide_s": [], "show_s": [], "abort_s": []}
    try:
        wait_for_window("Deskhand", process)
        poll(lambda: shows("ready"), 300, every=0.2)
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run(["xdotool", "key", "ctrl+alt+shift+d"], check=True)
            poll(lambda: not panel_listed(), 10)
            found["hide_s"].append(time.perf_counter() - started)
            started = time.perf_counter()
            subprocess.run(["xdotool", "key", "ctrl+alt+shift+d"], check=True)
            poll(panel_listed, 10)
            found["show_s"].append(time.perf_counter() - started)
        item = None
        for n in range(runs):
            if n:  # a fresh client: the aborted run left text in the field the skill types into
                app.stop()
                app = legacy_app(claims)
            item = run_the_skill(heard, item, watched=False)
            pressed = time.monotonic()
            subprocess.run(["xdotool", "key", "ctrl+alt+shift+Escape"], check=True)
            poll(lambda: time.monotonic() - max(e[0] for e in heard.after(0)) > QUIET, 60, every=0.05)
            ours = [e[0] for e in heard.after(pressed) if not (e[1] in ("down", "up") and e[2] in ABORT_KEYS)]
            found["abort_s"].append(max(ours, default=pressed) - pressed)
    except Exception:
        from app.services.compose import build_eyes

        shot = HERE / "results" / "hotkeys_failed.png"
        shot.parent.mkdir(parents=True, exist_ok=True)
        build_eyes()[0].grab().save(shot)
        print(f"screenshot: {shot}")
        raise
    finally:
        process.terminate()
        process.wait(timeout=10)
        stop_hearing()
        app.stop()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, default=HERE / "results" / "hotkeys.json")
    args = parser.parse_args()
    from app.services.paths import models_dir

    os.environ["DESKHAND_MODELS"] = str(models_dir())  # the installed default pack, before the home moves
    tmp, session = xserver.start_for_benchmark()
    os.environ["DESKHAND_HOME"] = str(tmp / "home")
    try:
        found = measure(args.runs)
    finally:
        session.stop()
    report: dict[str, Any] = {
        "runs": found,
        "median": {k: statistics.median(v) for k, v in found.items()},
        "targets": {"abort_s": 1.0},
    }
    publish(report, args.json, print_table)


def print_table(report: dict[str, Any]) -> None:
    print(f"\nHotkey benchmark ({report['machine']['cpus']} CPUs)\n")
    print(f"{'measure':<12}{'median':>10}{'min':>10}{'max':>10}{'target':>10}")
    for key, values in report["runs"].items():
        target = report["targets"].get(key, "")
        print(f"{key:<12}{report['median'][key]:>10.3f}{min(values):>10.3f}{max(values):>10.3f}{target!s:>10}")


if __name__ == "__main__":
    main()
