"""Launch the zoo keypad (tests/apps/zoo/keypad.py) on the suite's display and talk to it.

``launch`` writes the run file, starts the toolkit's renderer, polls until its window is
shown and active and its first dump is written (no sleeps), and returns a ``Keypad``:
the spec, the dump, ``request("dump" | "reset")`` and ``stop`` by PID.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from tests.apps.zoo.keypad import KeypadSpec, keypad_for
from tests.support.zoo import ZOO, stop_process, wait_for

COMMANDS = {
    "tk": [sys.executable, str(ZOO / "keypad_tk.py")],
    "qt": [sys.executable, str(ZOO / "keypad_qt.py")],
    "gtk": ["/usr/bin/python3", str(ZOO / "keypad_gtk.py")],  # Debian's PyGObject (docs/zoo.md)
}
NAMES = {"tk": "Tk", "qt": "Qt", "gtk": "GTK"}
START_TIMEOUT = 30.0
COMMAND_TIMEOUT = 10.0


@dataclass
class Keypad:
    toolkit: str
    spec: KeypadSpec
    dump_path: Path
    command: Path
    process: subprocess.Popen[bytes]

    @property
    def title(self) -> str:
        return self.spec.title

    def dump(self) -> dict[str, Any]:
        return dict(json.loads(self.dump_path.read_text()))

    def request(self, command: str) -> dict[str, Any]:
        """Have the keypad do ``command``, wait until it has (the command file is gone), return its dump."""
        self.command.write_text(command)
        deadline = time.monotonic() + COMMAND_TIMEOUT
        while self.command.exists():
            if self.process.poll() is not None:
                raise RuntimeError(f"the {self.toolkit} keypad exited with {self.process.returncode}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the {self.toolkit} keypad did not answer {command!r} in {COMMAND_TIMEOUT}s")
            time.sleep(0.05)
        return self.dump()

    def key_box(self, symbol: str) -> tuple[int, int, int, int]:
        return next(tuple(k["box"]) for k in self.dump()["keys"] if k["text"] == symbol)

    def stop(self) -> None:
        stop_process(self.process)


def launch(toolkit: str, seed: int, folder: Path) -> Keypad:
    spec = keypad_for(seed, title=f"Keypad {NAMES[toolkit]}")
    folder.mkdir(parents=True, exist_ok=True)
    run = folder / "run.json"
    dump, command = folder / "dump.json", folder / "command"
    run.write_text(json.dumps({"spec": asdict(spec), "dump": str(dump), "command": str(command)}, ensure_ascii=False))
    log = open(folder / f"keypad-{toolkit}.log", "wb")  # noqa: SIM115 - closed with the process
    proc = subprocess.Popen(
        [*COMMANDS[toolkit], str(run)], stdout=log, stderr=subprocess.STDOUT, start_new_session=True, cwd=folder
    )
    keypad = Keypad(toolkit, spec, dump, command, proc)
    try:
        wait_for(spec.title, dump, proc, START_TIMEOUT, folder / f"keypad-{toolkit}.log")
    except Exception:
        keypad.stop()
        raise
    return keypad


def running(toolkit: str, seed: int, folder: Path) -> Iterator[Keypad]:
    """A generator for a pytest fixture: the keypad, stopped afterwards."""
    keypad = launch(toolkit, seed, folder)
    try:
        yield keypad
    finally:
        keypad.stop()
