"""Capture the zoo golden set's saved observations (tests/eval/zoo_golden.py).

    PYTHONPATH=$PWD .venv/bin/python -m tests.eval.zoo_capture [--toolkits tk,gtk,...] [--splits tune,heldout,heldout2]

Starts its own Xvfb and openbox, launches each zoo form of the golden seeds and saves
up to four states through automation.snapshot: ``empty``; ``filled`` (every text,
number, date and note field typed by xdotool at the box the form's own dump gives, so
no Deskhand perception decides what is on screen); ``dialog`` (the combo set from the
keyboard, the primary button clicked: the confirmation is up); ``saved`` (confirmed
by clicking its word, the form's output file written). A state the form cannot reach is
skipped and said. Held-out forms are written under tests/eval/heldout/ (the first draw)
or tests/eval/heldout2/ (the second), the rest under tests/eval/zoo/. Every process it started is stopped by PID.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from automation.errors import DeskhandError
from automation.types import Click, Target
from tests.eval.zoo_golden import ALL_FORMS, GoldenForm, observation_path

POLL = 0.1


def xdotool(*args: str) -> None:
    subprocess.run(["xdotool", *args], check=True, capture_output=True, timeout=30)


def click_at(box: list[int]) -> None:
    x, y, w, h = box
    xdotool("mousemove", str(x + w // 2), str(y + h // 2), "click", "1")


def poll(condition: Callable[[], bool], what: str, timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(POLL)
    print(f"  gave up waiting for {what}", file=sys.stderr)
    return False


def holds(form: Any, label: str, value: str) -> bool:
    return bool(form.values().get(label) == value)


def field_box(dump: dict[str, Any], label: str) -> list[int]:
    return next(list(i["box"]) for i in dump["items"] if i["role"] == "field" and i.get("label") == label)


def capture_form(golden: GoldenForm, folder: Path, cache: Path) -> list[str]:
    from app.services.compose import build_session
    from automation import snapshot
    from tests.support import zoo

    session = build_session()
    saved: list[str] = []

    def save(state: str) -> None:
        path = observation_path(golden, state)
        path.parent.mkdir(parents=True, exist_ok=True)
        snapshot.save(session.observer.observe(), path)
        saved.append(state)
        print(f"  wrote {path.name}", flush=True)

    form = zoo.launch(golden.toolkit, golden.seed, folder, cache)
    try:
        spec = form.spec
        save("empty")
        dump = form.dump()
        for f in spec.fields:
            if f.kind in ("text", "number", "date", "note"):
                value = str(spec.answers[f.label])
                click_at(field_box(dump, f.label))
                xdotool("type", "--delay", "30", value)
                poll(partial(holds, form, f.label, value), f"{f.label} to hold {value!r}")
        save("filled")
        combo = next(f for f in spec.fields if f.kind == "combo")
        click_at(field_box(dump, combo.label))
        time.sleep(0.5)  # the list drops down; no state of the form tells when
        xdotool("key", "Down")
        xdotool("key", "Return")
        if not poll(lambda: bool(form.values().get(combo.label)), f"{combo.label} to be chosen", 5.0):
            xdotool("key", "Escape")
            return saved
        click_at(next(list(i["box"]) for i in dump["items"] if i["role"] == "button"))
        question = spec.question.split()[0]

        def asked() -> bool:
            return question in " ".join(s.text for s in session.observer.observe().spans)

        if not poll(asked, "the dialog"):
            return saved
        save("dialog")
        try:  # the confirm word by Deskhand's own click; Return where that fails (native boxes default to it)
            session.actor.perform(Click(Target(spec.confirm, window=form.confirm_window)))
        except DeskhandError:
            xdotool("key", "Return")
        if poll(lambda: form.output() is not None, "the output file", 10.0):
            save("saved")
    finally:
        form.stop()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--toolkits", default="", help="comma-separated; default: every toolkit of the set")
    parser.add_argument("--splits", default="tune,heldout", help="which draws' forms (default: the first draw)")
    args = parser.parse_args(argv)
    wanted = set(filter(None, args.toolkits.split(",")))
    splits = set(filter(None, args.splits.split(",")))
    from tests.support import xserver

    with tempfile.TemporaryDirectory(prefix="deskhand-zoo-capture-") as tmp:
        session = xserver.start(Path(tmp))
        os.environ["DISPLAY"] = session.name
        os.environ["OMP_THREAD_LIMIT"] = "1"
        os.environ["DESKHAND_ACCESSIBILITY"] = "off"  # pixels only: what every toolkit shares
        try:
            for golden in ALL_FORMS:
                if (wanted and golden.toolkit not in wanted) or golden.split not in splits:
                    continue
                print(f"{golden.toolkit} {golden.seed} ({golden.split})", flush=True)
                try:
                    states = capture_form(golden, Path(tmp) / f"{golden.toolkit}-{golden.seed}", Path(tmp) / "cache")
                except Exception as err:  # one form failing must not lose the others
                    print(f"  failed: {err}", file=sys.stderr)
                    continue
                print(f"  states: {', '.join(states)}", flush=True)
        finally:
            session.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
