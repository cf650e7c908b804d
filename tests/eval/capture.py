"""Capture the saved observations the golden set is written against.

    PYTHONPATH=$PWD .venv/bin/python -m tests.eval.capture [--only NAME ...]

Starts its own Xvfb (from :90 up) and openbox, drives the Tk legacy client, xcalc
and gnumeric into each state through the real Actor, observes, and writes
tests/eval/observations/NAME.json (automation.snapshot: windows, labels, outlines,
no pixels). Everything it started is stopped by PID. OCR output varies a little
between runs; the golden set names labels, so re-capturing should not change what
it expects, but check `git diff` after regenerating.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from automation.types import Click, Key, Target, TypeText

OUT = Path(__file__).resolve().parent / "observations"
TK = "Legacy Expense"
FORM = {
    "Employee": "Zhang San",
    "Amount": "42.50",
    "Date": "2024-05-14",
    "Attendees": "Li Wei",
    "Notes": "client lunch",
}


@contextmanager
def desktop(logs: Path) -> Iterator[None]:
    from tests.support import xserver

    session = xserver.start(logs)
    os.environ["DISPLAY"] = session.name
    os.environ["OMP_THREAD_LIMIT"] = "1"
    try:
        yield
    finally:
        session.stop()


def capture(only: set[str]) -> list[Path]:
    from app.services.compose import build_session
    from automation import snapshot
    from tests.support.apps import launch, legacy_app

    session = build_session()
    written: list[Path] = []

    def do(*actions: Click | TypeText | Key) -> None:
        for action in actions:
            session.actor.perform(action)

    def save(name: str, window: str | None = None) -> None:
        if only and name not in only:
            return
        path = OUT / f"{name}.json"
        snapshot.save(session.observer.observe(window=window), path)
        written.append(path)
        print(f"wrote {path.relative_to(OUT.parents[2])}")

    def click(label: str, window: str = TK, field: bool = False) -> Click:
        return Click(Target(label, window=window, field=field))

    def type_into(label: str, text: str) -> TypeText:
        return TypeText(text, into=Target(label, window=TK, field=True))

    with tempfile.TemporaryDirectory(prefix="deskhand-capture-") as tmp:
        tk = legacy_app(Path(tmp) / "claims.jsonl")
        try:
            save("tk_empty")
            do(click("File"))
            save("tk_file_menu")
            do(click("Export"))
            save("tk_export_menu")
            do(Key("Escape", window=TK), Key("Escape", window=TK))
            do(click("Category", field=True))
            save("tk_category_open")
            do(Key("Escape", window=TK))
            do(type_into("Amount", FORM["Amount"]))
            save("tk_amount_filled")
            do(click("Submit"))
            save("tk_confirm")
            do(click("Yes", window="Confirm"))
            save("tk_saved")
            do(*(type_into(label, text) for label, text in FORM.items()))
            save("tk_filled")
        finally:
            tk.stop()

        if shutil.which("xcalc"):
            calc = launch(["xcalc"], "Calculator")
            try:
                save("xcalc")
            finally:
                calc.stop()
        else:
            print("xcalc is not installed: skipped", file=sys.stderr)

        if shutil.which("gnumeric"):
            # A fresh HOME: no recent files or saved settings change what is on screen.
            os.environ["HOME"] = tmp
            sheet = launch(["gnumeric", "--no-splash"], "Gnumeric")
            gnumeric = "Gnumeric"
            try:
                save("gnumeric_sheet", gnumeric)
                do(click("File", window=gnumeric))
                save("gnumeric_file_menu", gnumeric)
                do(Key("Escape", window=gnumeric))
            finally:
                sheet.stop()
        else:
            print("gnumeric is not installed: skipped", file=sys.stderr)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=[], help="capture only these observation names")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="deskhand-capture-x-") as logs, desktop(Path(logs)):
        capture(set(args.only))
    return 0


if __name__ == "__main__":
    sys.exit(main())
