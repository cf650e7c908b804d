"""`deskhand record` as a process a test drives: started, waited for until it listens, finished."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.support.apps import REPO

READY = 60.0  # seconds for `deskhand record` to start listening on a busy machine
EXIT = 60.0  # seconds for the recorder to stop and finish once it should
# Seconds without input that end a recording (`--until-idle`). The person (xdotool, one process
# per step) paused longer than 1.5 s between steps on a loaded machine: the recording ended after
# 3 of its 7 clicks (CI, round 9, load 6).
PERSON_IDLE = "5"


@dataclass
class Recording:
    """A `deskhand record` process and what it printed.

    Both pipes are read by threads of their own until the process closes them: `communicate`
    would close stderr under its reader (and could lose the recorder's last lines)."""

    process: subprocess.Popen[str]
    stderr: list[str] = field(default_factory=list)
    stdout: list[str] = field(default_factory=list)
    ready: threading.Event = field(default_factory=threading.Event)
    readers: list[threading.Thread] = field(default_factory=list)

    def start_reading(self) -> None:
        for target in (self.read, self.read_stdout):
            self.readers.append(threading.Thread(target=target, daemon=True))
            self.readers[-1].start()

    def read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.stderr.append(line)
            if line.startswith("Recording "):
                self.ready.set()

    def read_stdout(self) -> None:
        assert self.process.stdout is not None
        self.stdout.extend(self.process.stdout)

    def finish(self) -> tuple[int, str]:
        self.process.wait(timeout=EXIT)
        for reader in self.readers:
            reader.join(timeout=EXIT)
        return self.process.returncode, "".join(self.stdout)

    def folder(self) -> Path:
        return only_folder()


def record(*args: str) -> Recording:
    script = Path(sys.executable).with_name("deskhand")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "app"]
    process = subprocess.Popen(
        [*command, "record", *args],
        cwd=REPO,
        env=os.environ.copy(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    recording = Recording(process)
    recording.start_reading()
    if not recording.ready.wait(READY):
        process.kill()
        pytest.fail(f"deskhand record never said it was recording: {''.join(recording.stderr)}")
    return recording


def recordings() -> Path:
    return Path(os.environ["DESKHAND_HOME"]) / "data" / "recordings"


def only_folder() -> Path:
    (folder,) = [p for p in recordings().iterdir() if not p.name.startswith(".")]
    return folder
