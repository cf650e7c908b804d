"""Demonstrated tasks: a person fills a zoo form once, Deskhand replays it with other values.

    PYTHONPATH=$PWD .venv/bin/python -m tests.bench.demonstrated [--toolkits tk,gtk,...] [--runs N] [--json FILE]

Per toolkit, on the form of seed 31000 + 10 i + 5 (tests/bench/task_set.py's range):
xdotool plays the person (tests/support/demonstration.py: the clicks land on the boxes the
form's own dump gives, the keys are typed, the primary button and the dialog's confirm
word are clicked), the recording is reduced to a skill with real OCR, and the skill is
replayed in process (automation.skills.replay.Replayer, what `deskhand replay` runs) N
times with other values after the window was moved and made larger (the forms are laid
out absolutely: a smaller window would hide fields; the Win32 form is a fixed-size frame,
so it is only moved). Beside each replay, the coordinate
macro (tests/bench/macro.py) plays the demonstration's raw events on the same moved
window. Both are judged by the file the form writes on confirming: the replay must hold
the new values, the macro the demonstrated ones.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.apps.zoo.spec import NAMES, PLACES
from tests.bench.task_set import FIRST_SEED, ZOO_TOOLKITS

HERE = Path(__file__).resolve().parent
ALL_TOOLKITS = ZOO_TOOLKITS  # Win32 too: its demonstration replays since the recorder's fixes
SEED = 31005  # toolkit i draws its new values from random.Random(SEED + i)
SCREEN_W, SCREEN_H = 1280, 800


def seed_of(toolkit: str) -> int:
    return FIRST_SEED + 10 * ZOO_TOOLKITS.index(toolkit) + 5


def demonstrate(form: Any, work: Path) -> tuple[Any, list[Any], dict[str, str]]:
    """The person's one demonstration: the text fields and the number typed, then commit and confirm."""
    from app.services.compose import build_eyes
    from automation.skills.from_recording import skill_from_recording
    from tests.support.demonstration import Demonstrator

    _, _, ocr = build_eyes()
    demo = Demonstrator(work / "recording", ocr)
    set_combo(form)  # before the first recorded step, as before every replay: see set_combo
    dump = form.dump()
    window = demo.window(form.title)
    typed: dict[str, str] = {}
    for f in form.spec.fields:
        if f.kind in ("text", "number", "date"):
            x, y, w, h = next(i["box"] for i in dump["items"] if i["role"] == "field" and i.get("label") == f.label)
            demo.click(window, x + min(40, w // 2), y + h // 2)
            typed[f.label] = str(form.spec.answers[f.label])
            demo.type(typed[f.label])
    x, y, w, h = next(i["box"] for i in dump["items"] if i["role"] == "button")
    demo.click(window, x + w // 2, y + h // 2)
    demo.click_label(form.spec.confirm, window=form.confirm_window)
    wait_for_output(form)  # the dialog answered: the form has saved, its status line says so
    demo.end(form.title)
    skill = skill_from_recording(demo.events, demo.folder, f"zoo-{form.toolkit}", "enter a zoo entry", ocr)
    return skill, demo.events, typed


def set_combo(form: Any) -> None:
    """Choose the combo's first item from the keyboard, outside the recording: the skill fills the
    text fields and commits; the form refuses to commit while its required combo is empty, and
    the reducer keeps no step for keys pressed in a drop-down list."""
    from tests.eval.zoo_capture import click_at, field_box, poll, xdotool

    combo = next(f for f in form.spec.fields if f.kind == "combo")
    click_at(field_box(form.request("dump"), combo.label))  # fresh: the window may have moved
    time.sleep(0.5)  # the list drops down; nothing on the form says when
    xdotool("key", "Down")
    xdotool("key", "Return")
    poll(lambda: bool(form.values().get(combo.label)), f"{combo.label} chosen", 5.0)


def other_values(skill: Any, typed: dict[str, str], rng: random.Random) -> tuple[dict[str, str], dict[str, str]]:
    """New values for the skill's parameters, and what the form must then hold (by label)."""
    by_example = {v: k for k, v in typed.items()}
    values, want = {}, {}
    for p in skill.params:
        label = by_example.get(p.example)
        if label is None:
            continue
        if p.example.replace(".", "", 1).isdigit():
            new = f"{rng.randrange(2, 900)}.{rng.randrange(10, 99)}"
        elif p.example[:4].isdigit() and p.example.count("-") == 2:  # a date
            new = f"2027-{rng.randrange(1, 13):02d}-{rng.randrange(10, 29):02d}"
        else:
            new = rng.choice(NAMES + PLACES)
        while new == p.example:
            new = rng.choice(NAMES + PLACES)
        values[p.name], want[label] = new, new
    return values, want


def run_toolkit(toolkit: str, runs: int, work: Path, rng: random.Random) -> list[dict[str, Any]]:
    from app.services.compose import build_session
    from automation.errors import DeskhandError
    from automation.skills.replay import Replayer
    from tests.bench.macro import macro_steps, play
    from tests.bench.replay import place
    from tests.support import zoo

    form = zoo.launch(toolkit, seed_of(toolkit), work / "form", work.parent / "cache")
    rows: list[dict[str, Any]] = []
    try:
        skill, events, typed = demonstrate(form, work)
        steps = macro_steps(events)
        session = build_session()
        replayer = Replayer(session.desktop, session.observer, session.actor.gate, lambda q, a: True)
        for n in range(runs):
            box = form.window.box
            w, h = box.w + rng.randint(0, 120), box.h + rng.randint(0, 60)
            x, y = rng.randint(0, max(0, SCREEN_W - w - 10)), rng.randint(0, max(0, SCREEN_H - h - 40))
            values, want = other_values(skill, typed, rng)
            for player in ("replay", "macro"):
                form.reset()
                placed = place(form.window.id, x, y, w, h).box  # a fixed-size window keeps its size
                set_combo(form)
                started, error, calls = time.perf_counter(), "", 0
                try:
                    if player == "replay":
                        result = replayer.run(skill, values)
                        calls = len(result.calls)
                    else:
                        play(steps, 0.5)
                except DeskhandError as err:
                    error = str(err).splitlines()[0]
                seconds = time.perf_counter() - started
                goal = want if player == "replay" else typed
                written = wait_for_output(form)
                ok = bool(want) and not error and all(written.get(k) == v for k, v in goal.items())
                rows.append({"task": f"{toolkit}-demo-{n + 1}", "player": player, "success": ok,
                             "false_finished": player == "replay" and not error and not ok,
                             "steps": len(skill.steps), "model_calls": calls, "seconds": round(seconds, 1),
                             "window": [placed.x, placed.y, placed.w, placed.h], "error": error})  # fmt: skip
                print(f"{toolkit}-demo-{n + 1} {player:<6} {'ok' if ok else 'no'} {seconds:.1f}s {error}", flush=True)
    finally:
        form.stop()
    return rows


def not_demonstrated(toolkit: str, runs: int, err: Exception) -> list[dict[str, Any]]:
    """The rows of a toolkit whose demonstration failed: every replay and macro run fails, saying why."""
    return [{"task": f"{toolkit}-demo-{n + 1}", "player": p, "success": False, "false_finished": False,
             "steps": 0, "model_calls": 0, "seconds": 0.0, "error": f"not run: {err}"}
            for n in range(runs) for p in ("replay", "macro")]  # fmt: skip


def wait_for_output(form: Any) -> dict[str, Any]:
    from tests.eval.zoo_capture import poll

    poll(lambda: form.output() is not None, "the form's output", 5.0)
    return form.output() or {}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--toolkits", default=",".join(ALL_TOOLKITS))
    parser.add_argument("--runs", type=int, default=4)
    parser.add_argument("--json", type=Path, default=HERE / "results" / "demonstrated.json")
    args = parser.parse_args(argv)
    from tests.bench.report import publish
    from tests.support import xserver

    scratch, display = xserver.start_for_benchmark("deskhand-demo-")
    os.environ["DESKHAND_HOME"] = str(scratch / "home")
    os.environ["DESKHAND_ACCESSIBILITY"] = "off"
    rows: list[dict[str, Any]] = []
    try:
        for toolkit in args.toolkits.split(","):
            rng = random.Random(SEED + ALL_TOOLKITS.index(toolkit))
            with tempfile.TemporaryDirectory(prefix=f"demo-{toolkit}-", dir=scratch) as work:
                try:
                    rows += run_toolkit(toolkit, args.runs, Path(work), rng)
                except Exception as err:  # a form that cannot be demonstrated: say so, go on
                    print(f"{toolkit}: demonstration failed ({err})", flush=True)
                    rows += not_demonstrated(toolkit, args.runs, err)
    finally:
        display.stop()

    def table(report: dict[str, Any]) -> None:
        print("| player | success | false finished | model calls | wall s |\n| --- | --- | --- | --- | --- |")
        for player, t in report["totals"].items():
            print(f"| {player} | {t['success']} | {t['false_finished']} | {t['model_calls']} | {t['seconds']} |")

    totals = {}
    for player in ("replay", "macro"):
        mine = [r for r in rows if r["player"] == player]
        totals[player] = {
            "success": f"{sum(r['success'] for r in mine)}/{len(mine)}",
            "false_finished": sum(r["false_finished"] for r in mine),
            "model_calls": sum(r["model_calls"] for r in mine),
            "seconds": round(sum(r["seconds"] for r in mine), 1),
        }
    publish({"rows": rows, "totals": totals}, args.json, table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
