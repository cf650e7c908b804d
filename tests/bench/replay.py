"""Replay benchmark: replay time against the demonstration's, model calls, success over N replays,
and a coordinate macro of the same demonstration side by side with `deskhand replay`.

    .venv/bin/python -m tests.bench.replay [--runs N] [--seed S] [--macro-gap SECONDS] [--json FILE]

Starts its own Xvfb (from :90 up) and the Tk legacy client, and stops them. One
demonstration (filing a claim: employee, amount, PIN, Submit, Yes) is played with
xdotool (tests/support/demonstration.py; its times follow the Keystroke-Level Model,
a person's pace), reduced to a skill with real OCR, then replayed N times in process
with random values after moving and resizing the window to a random place and size.
Success = the client's own claims file holds exactly the values given. Model calls
are counted by handing the replayer a policy that counts every time it is asked (it
is asked only to repair a step; the target on a healthy replay is 0). One more replay
runs through the `deskhand replay` command, to show the cost of starting the program.

Then the naive baseline (tests/bench/macro.py): the demonstration's raw clicks at their
screen coordinates and its keys, played by xdotool, against an in-process replay of the
skill, each on a fresh client where the demonstration was done, then moved, then moved
and resized; each with the demonstration's own values, judged by the claims file.
A report, not a pass/fail test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tests.support import xserver

HERE = Path(__file__).resolve().parent
NAMES = ["Li Si", "Wang Wu", "Zhao Liu", "Chen Jing", "Maria Lopez", "Ole Hansen", "Aiko Sato"]
SCREEN_W, SCREEN_H = 1280, 800


class CountingPolicy:
    """Counts how often the replayer asks for a repair, and declines each time."""

    def __init__(self) -> None:
        self.asked = 0

    def decide(self, situation: Any) -> Any:
        from automation.decisions import Impossible

        self.asked += 1
        return Impossible("the benchmark counts repairs, it does not make them")


DEMO_VALUES = {"employee": "Zhang San", "amount": "42.50", "pin": "7319"}
SIZE_WAIT = 2.0  # seconds a moved window's size may take before it is taken as fixed (the application refuses)
PLACES = (  # (what, --geometry for the client); the demonstration's client was at +80+60, its natural size
    ("where it was recorded", "+80+60"),
    ("moved", "+430+270"),
    ("moved and resized", "560x430+430+270"),
)


def demonstrate(work: Path) -> tuple[Any, dict[str, float], list[Any]]:
    from app.services.compose import build_eyes
    from automation.skills.from_recording import skill_from_recording
    from tests.support.apps import legacy_app
    from tests.support.demonstration import Demonstrator

    app = legacy_app(work / "demo-claims.jsonl")
    try:
        _, _, ocr = build_eyes()
        demo = Demonstrator(work / "recording", ocr)
        started = time.perf_counter()
        demo.click_field("Employee")
        demo.type(DEMO_VALUES["employee"])
        demo.click_field("Amount")
        demo.type(DEMO_VALUES["amount"])
        demo.click_field("PIN")
        demo.type(DEMO_VALUES["pin"])
        demo.click_label("Submit")
        demo.click_label("Yes", window="Confirm")
        played = time.perf_counter() - started
    finally:
        app.stop()
    started = time.perf_counter()
    skill = skill_from_recording(demo.events, demo.folder, "file-expense", "file an expense claim", ocr)
    reduced = time.perf_counter() - started
    stats = {"modelled_person_s": round(demo.seconds, 2), "played_s": round(played, 2), "reduce_s": round(reduced, 2)}
    return skill, stats, demo.events


def place(window_id: int, x: int, y: int, w: int, h: int) -> Any:
    """Move and resize the client with xdotool; wait until the window manager has done it.

    A window whose application refuses to be resized (the Win32 form is a fixed-size frame,
    as many Win32 programs are) is only moved: its size is kept once it has moved and its
    size stayed as it was for ``SIZE_WAIT`` seconds.
    """
    from automation.actuation.verify import settle
    from automation.backends.mss_screen import MssScreen
    from automation.backends.x11_windows import X11Windows
    from automation.timings import DEFAULT_TIMINGS, WaitTimeout, wait_until

    windows = X11Windows()

    def now() -> Any:
        return next((win for win in windows.list() if win.id == window_id), None)

    was = now()
    subprocess.run(["xdotool", "windowsize", str(window_id), str(w), str(h)], check=True)
    subprocess.run(["xdotool", "windowmove", str(window_id), str(x), str(y)], check=True)

    def moved() -> Any:
        win = now()
        return win if win is not None and abs(win.box.x - x) <= 4 else None

    def placed() -> Any:
        win = moved()
        return win if win is not None and (win.box.w, win.box.h) == (w, h) else None

    wait_until(moved, name="the window to move", timeout=DEFAULT_TIMINGS.window_timeout)
    try:
        window = wait_until(placed, name="the window to take its new size", timeout=SIZE_WAIT)
    except WaitTimeout:
        window = moved()
        if window is None or was is None or (window.box.w, window.box.h) != (was.box.w, was.box.h):
            raise
    settle(MssScreen(), window.box, DEFAULT_TIMINGS)
    return window


def replays(skill: Any, runs: int, seed: int, work: Path) -> list[dict[str, Any]]:
    from app.services.compose import build_session
    from automation.errors import DeskhandError
    from automation.skills.replay import Replayer
    from tests.support.apps import legacy_app

    rng = random.Random(seed)
    claims = work / "claims.jsonl"
    app = legacy_app(claims)
    session = build_session()
    policy = CountingPolicy()
    replayer = Replayer(
        session.desktop,
        session.observer,
        session.actor.gate,
        confirm=lambda question, act: True,
        policy=policy,
        shots=work / "failures",
    )
    results = []
    try:
        for i in range(runs):
            w, h = rng.randint(400, 720), rng.randint(350, 560)
            x, y = rng.randint(0, SCREEN_W - w - 10), rng.randint(0, SCREEN_H - h - 40)
            window = place(app.window.id, x, y, w, h)
            values = {
                "employee": rng.choice(NAMES),
                "amount": f"{rng.uniform(1, 999):.2f}",
                "pin": f"{rng.randint(0, 9999):04d}",
            }
            asked_before = policy.asked
            lines_before = len(claims.read_text().splitlines()) if claims.exists() else 0
            started = time.perf_counter()
            error, hows, calls = "", [], 0
            try:
                result = replayer.run(skill, values)
                hows, calls = [s.how for s in result.steps], len(result.calls)
            except DeskhandError as err:
                error = str(err).splitlines()[0]
            seconds = time.perf_counter() - started
            lines = claims.read_text().splitlines() if claims.exists() else []
            record = json.loads(lines[-1]) if len(lines) > lines_before else {}
            ok = not error and all(record.get(k) == v for k, v in values.items())
            results.append(
                {
                    "run": i + 1,
                    "window": [window.box.x, window.box.y, window.box.w, window.box.h],
                    "seconds": round(seconds, 3),
                    "ok": ok,
                    "repairs_asked": policy.asked - asked_before,
                    "model_calls": calls,
                    "grounded_by": hows,
                    "error": error,
                    **({} if ok else {"wanted": values, "filed": record}),
                }
            )
            print(f"  run {i + 1:>3}: {'ok  ' if ok else 'FAIL'} {seconds:5.2f} s at {window.box} {error}", flush=True)
            if not ok:  # start from a clean form, as a user would after a failure
                app.stop()
                app = legacy_app(claims)
    finally:
        app.stop()
    return results


def side_by_side(skill: Any, events: list[Any], work: Path, max_gap: float) -> list[dict[str, Any]]:
    """The coordinate macro and the replayer, each on a fresh client at each place, with the demonstration's values."""
    from app.services.compose import build_session
    from automation.errors import DeskhandError
    from automation.skills.replay import Replayer
    from tests.bench.macro import macro_steps, play
    from tests.support.apps import legacy_app

    steps = macro_steps(events)
    session = build_session()
    replayer = Replayer(
        session.desktop, session.observer, session.actor.gate, lambda q, a: True, shots=work / "failures"
    )
    results = []
    for n, (where, geometry) in enumerate(PLACES):
        for player in ("macro", "deskhand"):
            claims = work / f"side-{n}-{player}.jsonl"
            app = legacy_app(claims, "--geometry", geometry)
            error = ""
            try:
                if player == "macro":
                    seconds = play(steps, max_gap)
                else:
                    started = time.perf_counter()
                    try:
                        replayer.run(skill, DEMO_VALUES)
                    except DeskhandError as err:
                        error = str(err).splitlines()[0]
                    seconds = time.perf_counter() - started
            finally:
                app.stop()
            filed = [json.loads(line) for line in claims.read_text().splitlines()] if claims.exists() else []
            ok = len(filed) == 1 and all(filed[0].get(k) == v for k, v in DEMO_VALUES.items())
            results.append(
                {
                    "where": where,
                    "geometry": geometry,
                    "player": player,
                    "ok": ok,
                    "seconds": round(seconds, 2),
                    "filed": [{k: r.get(k) for k in ("employee", "amount", "date", "pin")} for r in filed],
                    "error": error,
                }
            )
            print(f"  {player:<8} {where:<22} {'filed right' if ok else verdict(filed)} ({seconds:.1f} s)", flush=True)
    return results


def verdict(filed: list[dict[str, Any]]) -> str:
    if not filed:
        return "nothing filed"
    wrong = {k: v for k, v in filed[-1].items() if k in DEMO_VALUES and v != DEMO_VALUES[k]}
    return f"{len(filed)} filed, wrong: {wrong}" if wrong else f"{len(filed)} filed"


def through_the_cli(skill: Any, work: Path) -> float:
    """One replay by `deskhand replay`, process start included."""
    from automation.skills.store import SkillStore
    from tests.support.apps import deskhand, legacy_app

    os.environ["DESKHAND_HOME"] = str(work / "home")
    with SkillStore(work / "home" / "data" / "skills.db") as store:
        store.save(skill, replace=True)
    app = legacy_app(work / "cli-claims.jsonl", "--geometry", "600x480+500+200")
    try:
        started = time.perf_counter()
        result = deskhand(
            "replay", "file-expense", "--set", "employee=Li Si", "--set", "amount=1.00", "--set", "pin=1", "--yes"
        )
        seconds = time.perf_counter() - started
        if result.returncode != 0:
            raise RuntimeError(f"deskhand replay failed: {result.stderr}")
    finally:
        app.stop()
    return round(seconds, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=50, help="replays with random places, sizes and values")
    parser.add_argument("--macro-gap", type=float, default=0.5, help="longest pause the macro keeps between events")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--json", type=Path, default=HERE / "results" / "replay.json")
    args = parser.parse_args()
    work, session = xserver.start_for_benchmark("deskhand-bench-replay-")
    os.environ["DESKHAND_HOME"] = str(work / "home")
    try:
        skill, demo, events = demonstrate(work)
        print(f"demonstration: {demo['modelled_person_s']} s at a person's pace; reduced in {demo['reduce_s']} s")
        runs = replays(skill, args.runs, args.seed, work)
        cli = through_the_cli(skill, work)
        print("coordinate macro and deskhand replay, side by side:")
        side = side_by_side(skill, events, work, args.macro_gap)
    finally:
        session.stop()

    times = [r["seconds"] for r in runs if r["ok"]]
    ok = sum(r["ok"] for r in runs)
    median = statistics.median(times) if times else None
    speedup = round(demo["modelled_person_s"] / median, 1) if median else None
    healthy_calls = sum(r["repairs_asked"] + r["model_calls"] for r in runs if r["ok"])
    share = ok / len(runs) if runs else 0.0
    summary = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {sys.version.split()[0]}",
        "when": time.strftime("%Y-%m-%d %H:%M"),
        "steps": len(skill.steps),
        "demonstration": demo,
        "runs": len(runs),
        "succeeded": ok,
        "replay_median_s": round(median, 2) if median else None,
        "replay_max_s": round(max(times), 2) if times else None,
        "replay_vs_demonstration": round(median / demo["modelled_person_s"], 3) if median else None,
        "speedup": speedup,
        "repairs_asked_on_healthy_runs": sum(r["repairs_asked"] for r in runs if r["ok"]),
        "model_calls_total": sum(r["model_calls"] for r in runs),
        "cli_replay_s": cli,
        "targets": {
            "speedup_at_least_3x": bool(speedup and speedup >= 3),
            "no_model_calls_when_healthy": healthy_calls == 0,
            "success_at_least_99_percent": share >= 0.99 and len(runs) >= 50,
        },
        "side_by_side": side,
        "details": runs,
    }
    rows = [
        ("demonstration (a person, KLM)", f"{demo['modelled_person_s']:.1f} s", ""),
        ("reduce to a skill (OCR of shots)", f"{demo['reduce_s']:.2f} s", ""),
        ("replay, in process (median)", f"{summary['replay_median_s']} s", ""),
        ("replay, in process (max)", f"{summary['replay_max_s']} s", ""),
        ("deskhand replay (process start included)", f"{cli} s", ""),
        ("speed-up: demonstration / replay median", f"{speedup}x", ">= 3x"),
        ("model calls on healthy replays", str(healthy_calls), "0"),
        ("succeeded (random place, size, values)", f"{ok} / {len(runs)} ({100 * share:.0f} %)", ">= 99 % of >= 50"),
    ]
    print()
    table([("measure", "value", "target"), *rows])
    print()
    by = {(r["where"], r["player"]): r for r in side}

    def cell(r: dict[str, Any]) -> str:
        return f"{'filed right' if r['ok'] else verdict(r['filed'])} ({r['seconds']:.1f} s)"

    table(
        [("the client", "coordinate macro", "deskhand replay")]
        + [(where, cell(by[where, "macro"]), cell(by[where, "deskhand"])) for where, _ in PLACES]
    )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(summary, indent=2) + "\n")
    print(f"\nwritten to {args.json}")


def table(rows: list[tuple[str, ...]]) -> None:
    """A Markdown table, so the report pastes as it is."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in rows]
    print("\n".join([lines[0], "|" + "|".join("-" * (w + 2) for w in widths) + "|", *lines[1:]]))


if __name__ == "__main__":
    main()
