"""Where one change's observation goes: four small changes on a zoo form, each timed and profiled.

    .venv/bin/python -m tests.bench.one_change [--toolkits tk,gtk,...] [--seed N] [--profile] [--save DIR]

Per toolkit, one form (a development seed, 100-199; never the final ranges), and on it
four changes a user makes all the time: a character typed into a text field, a check
box ticked, a combo's choice made (keyboard: Down, Return), the status read-out changed
(the primary button pressed with required fields empty). For each, the observation that
follows is timed, and checked against a full pass over the same picture (a fresh
observer): the elements (kind, box, label, text, checked) must be the same.
``--profile`` prints where the time went (cProfile, cumulative, the top lines);
``--save DIR`` writes each change's window picture before and after as PNG, for tests.

A report, not a pass/fail test; timings depend on the machine (2 cores, shared).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.support import xserver

HERE = Path(__file__).resolve().parent
CHANGES = ("type", "tick", "combo", "status")


def element_key(e: Any) -> tuple[Any, ...]:
    return (e.kind, (e.box.x, e.box.y, e.box.w, e.box.h), e.label, e.text, e.checked)


def click(box: list[int], dx: int | None = None) -> None:
    x, y, w, h = box
    at = x + (dx if dx is not None else w // 2)
    subprocess.run(["xdotool", "mousemove", str(at), str(y + h // 2), "click", "1"], check=True)


def settle(screen: Any, box: Any, before: Any, timeout: float = 3.0) -> None:
    """Wait until the window's pixels differ from ``before`` and then hold still for 0.3 s."""
    from automation.actuation.verify import changed

    deadline = time.monotonic() + timeout
    last = before
    while time.monotonic() < deadline:
        now = screen.grab(box)
        if changed(before, now):
            last = now
            break
        time.sleep(0.02)
    still = time.monotonic()
    while time.monotonic() < deadline and time.monotonic() - still < 0.3:
        time.sleep(0.05)
        now = screen.grab(box)
        if changed(last, now):
            last, still = now, time.monotonic()


def make_change(kind: str, form: Any, dump: dict[str, Any]) -> bool:
    """Do one change on the form; False when the form has nothing for it."""
    items = dump["items"]

    def field(k: str) -> dict[str, Any] | None:
        return next((i for i in items if i["role"] == "field" and i.get("kind") == k and i.get("row", 0) == 0), None)

    if kind == "type":
        f = field("text")
        if f is None:
            return False
        click(f["box"], min(12, f["box"][2] // 2))
        time.sleep(0.3)
        subprocess.run(["xdotool", "type", "--delay", "0", "7"], check=True)
    elif kind == "tick":
        f = field("check")
        if f is None:
            return False
        click(f["box"], 8)
    elif kind == "combo":
        f = field("combo")
        if f is None:
            return False
        click(f["box"])
        time.sleep(0.6)
        subprocess.run(["xdotool", "key", "Down"], check=True)
        time.sleep(0.2)
        subprocess.run(["xdotool", "key", "Return"], check=True)
    elif kind == "status":
        button = next((i for i in items if i["role"] == "button"), None)
        if button is None:
            return False
        click(button["box"])
    return True


def warm_up(ocr: Any) -> None:
    """Build what a process builds once (the glyph bank, the single-line OCR mode): not a change's cost."""
    from PIL import Image, ImageDraw

    from automation.perception.glyphs import bank

    bank()
    picture = Image.new("RGB", (40, 20), "white")
    ImageDraw.Draw(picture).text((5, 5), "7", fill="black")
    ocr.read(picture, single_line=True)
    ocr.read(picture)


def same_as_full_shapes(observer: Any, window: Any, picture: Any, title: str, ocr: Any) -> bool:
    """Whether the elements kept after the change equal those a whole-window shape pass finds
    over the same words (the words themselves come from the band reading either way)."""
    from dataclasses import replace

    from automation.perception.observe import elements_of

    memory = observer._memory[window.id]
    whole = replace(memory, shapes=None, dirty=[], panels=[])
    return sorted(map(element_key, elements_of(picture, whole, title, ocr))) == sorted(
        map(element_key, memory.elements)
    )


def save_pair(folder: Path, stem: str, before: Any, after: Any) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    before.save(folder / f"{stem}-before.png")
    after.save(folder / f"{stem}-after.png")


def run_form(toolkit: str, seed: int, folder: Path, profile: bool, save: Path | None) -> dict[str, Any]:
    from app.services.compose import build_eyes
    from automation.perception.observe import Observer
    from tests.bench.zoo import launch

    form = launch(toolkit, seed, folder, folder.parent / "cache")
    results: dict[str, Any] = {}
    try:
        screen, windows, ocr = build_eyes()
        warm_up(ocr)
        for kind in CHANGES:
            form.reset()
            dump = form.request("dump")
            observer = Observer(screen, windows, ocr)
            observer.observe(window=form.title)
            observer.observe(window=form.title)
            win = next(w for w in windows.list() if w.title == form.title)
            before = screen.grab(win.box)
            if not make_change(kind, form, dump):
                continue
            settle(screen, win.box, before)
            after = screen.grab(win.box)
            profiler = cProfile.Profile()
            cpu, t = time.process_time(), time.perf_counter()
            profiler.enable()
            obs = observer.observe(window=form.title)
            profiler.disable()
            ms, cpu_ms = (time.perf_counter() - t) * 1000, (time.process_time() - cpu) * 1000
            full = Observer(screen, windows, ocr).observe(window=form.title)
            mine = sorted(element_key(e) for e in obs.elements)
            fresh = sorted(element_key(e) for e in full.elements)
            result = {
                "ms": round(ms, 1),
                "cpu_ms": round(cpu_ms, 1),
                "counts": vars(observer.counts),
                "same_shapes": same_as_full_shapes(observer, win, after, form.title, ocr),
                "same_as_full": mine == fresh,
                "only_incremental": [k for k in mine if k not in fresh],
                "only_full": [k for k in fresh if k not in mine],
            }
            if profile:
                out = io.StringIO()
                pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
                result["profile"] = out.getvalue()
            if save is not None:
                save_pair(save, f"{toolkit}-{seed}-{kind}", before, after)
            results[kind] = result
            print(
                f"{toolkit} {kind}: {result['ms']} ms ({result['cpu_ms']} ms CPU), same as a full pass:"
                f" {result['same_as_full']}, same shapes: {result['same_shapes']}",
                flush=True,
            )
            if not result["same_as_full"]:
                print(f"  only incremental: {result['only_incremental']}\n  only full: {result['only_full']}")
            if profile:
                print(result["profile"])
    finally:
        form.stop()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--toolkits", default="tk,gtk,qt,html,swing,win32")
    parser.add_argument("--seed", type=int, default=101, help="a development seed (100-199)")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--save", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    if not 100 <= args.seed < 200:
        parser.error("development seeds only (100-199)")
    os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)  # pixels alone
    tmp, session = xserver.start_for_benchmark("deskhand-one-change-")
    os.environ["DESKHAND_HOME"] = tempfile.mkdtemp(prefix="deskhand-one-change-home-")
    report: dict[str, Any] = {}
    try:
        for toolkit in args.toolkits.split(","):
            try:
                report[toolkit] = run_form(toolkit, args.seed, tmp / toolkit, args.profile, args.save)
            except Exception as e:  # a toolkit that fails to start is reported, not fatal
                report[toolkit] = {"error": f"{type(e).__name__}: {e}"[:300]}
                print(f"{toolkit}: {report[toolkit]['error']}", flush=True)
    finally:
        session.stop()
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
