"""Launch a zoo form (tests/apps/zoo) on the suite's display and talk to it.

A form runs from a run file (spec, output, dump and command paths; see
tests/apps/zoo/runfile.py). ``launch`` starts it, polls until its window is shown and
its first geometry dump is written (no sleeps), and returns a ``ZooForm``: the spec,
the window title, the output path, the dump, and ways to ask the form for a fresh
dump, to reset it, or to set a focus trap. ``stop`` ends only what it started, by PID.

Toolkits that are slow to build or start (Win32 under Wine, Swing) keep what can be
kept for the whole test session in a cache folder handed in by the caller.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from automation.backends.x11_windows import X11Windows
from automation.types import Window
from tests.apps.zoo.spec import THEMES, Spec, spec_for

ZOO = Path(__file__).resolve().parent.parent / "apps" / "zoo"
START_TIMEOUT = {"tk": 20.0, "gtk": 30.0, "qt": 30.0, "html": 40.0, "swing": 60.0, "win32": 90.0}
COMMAND_TIMEOUT = 10.0
TOOLKIT_NAMES = {"tk": "Tk", "gtk": "GTK", "qt": "Qt", "html": "Web", "swing": "Swing", "win32": "Win32"}


@dataclass
class ZooForm:
    toolkit: str
    spec: Spec
    title: str
    out: Path
    dump_path: Path
    command: Path
    processes: list[subprocess.Popen[bytes]]
    window: Window
    started_in: float  # seconds from launch to window shown and dumped
    cleanups: list[Callable[[], None]] = field(default_factory=list)
    offset: tuple[int, int] = (0, 0)  # where the dump's origin is on $DISPLAY (a VNC viewer's client area)
    inner_title: str = ""  # the form's own title when it is seen through a viewer

    def shifted(self, dump: dict[str, Any]) -> dict[str, Any]:
        dx, dy = self.offset
        for item in dump["items"]:
            x, y, w, h = item["box"]
            item["box"] = [x + dx, y + dy, w, h]
        return dump

    @property
    def confirm_window(self) -> str:
        """The title of the window holding the confirmation (a web page's dialog is in the page)."""
        return self.title if self.toolkit in ("html", "vnc") else self.spec.confirm_title

    def dump(self) -> dict[str, Any]:
        return self.shifted(dict(json.loads(self.dump_path.read_text())))

    def request(self, command: str) -> dict[str, Any]:
        """Have the form do ``command`` ("dump", "reset", "trap LABEL"), wait until it has, return its dump."""
        self.command.write_text(command)
        deadline = time.monotonic() + COMMAND_TIMEOUT
        while self.command.exists():
            if time.monotonic() > deadline:
                raise RuntimeError(f"{self.toolkit} form did not answer {command!r} in {COMMAND_TIMEOUT}s")
            self.check_alive()
            time.sleep(0.05)
        return self.dump()

    def values(self) -> dict[str, Any]:
        return dict(self.request("dump")["values"])

    def reset(self) -> None:
        self.out.unlink(missing_ok=True)
        self.request("reset")

    def output(self) -> dict[str, Any] | None:
        return dict(json.loads(self.out.read_text())) if self.out.exists() else None

    def check_alive(self) -> None:
        main = self.processes[0]
        if main.poll() is not None:
            raise RuntimeError(f"the {self.toolkit} form exited with {main.returncode}")

    def stop(self) -> None:
        for proc in reversed(self.processes):
            stop_process(proc)
        for cleanup in self.cleanups:
            cleanup()


def stop_process(proc: subprocess.Popen[bytes]) -> None:
    """End a process this module started, and the process group it leads (Chromium's helpers)."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, 15)  # the group led by our own child, never anyone else's


def title_for(toolkit: str) -> str:
    return f"Zoo {TOOLKIT_NAMES[toolkit]}"


def write_run(folder: Path, toolkit: str, spec: Spec, trap: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    run = {
        "spec": asdict(spec),
        "toolkit": toolkit,
        "out": str(folder / "out.json"),
        "dump": str(folder / "dump.json"),
        "command": str(folder / "command"),
        "trap": trap,
        "theme": THEMES[spec.theme],  # the colours, for renderers that cannot import spec.py
    }
    path = folder / "run.json"
    path.write_text(json.dumps(run, indent=1))
    return path


Starter = Callable[[Path, Path], tuple[list[str], dict[str, str]]]


def python_starter(script: str, python: str = sys.executable) -> Starter:
    def start(run: Path, _cache: Path) -> tuple[list[str], dict[str, str]]:
        return [python, str(ZOO / script), str(run)], {}

    return start


STARTERS: dict[str, Starter] = {
    "tk": python_starter("tk_form.py"),
    # Debian's PyGObject: the venv's Python has no gi (see docs/zoo.md)
    "gtk": python_starter("gtk_form.py", "/usr/bin/python3"),
    "qt": python_starter("qt_form.py"),
}


def launch(toolkit: str, seed: int, folder: Path, cache: Path | None = None, language: str = "en") -> ZooForm:
    """Start ``toolkit``'s form for ``seed`` on $DISPLAY; return once its window and dump are there.
    ``language`` "zh" draws it in Chinese (the Python renderers: Tk, GTK, Qt)."""
    spec = spec_for(seed, title=title_for(toolkit), language=language)
    run = write_run(folder, toolkit, spec)
    cache = cache or folder / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    t0 = time.monotonic()
    starter = extra_starters().get(toolkit) or STARTERS[toolkit]
    command, env = starter(run, cache)
    log = open(folder / f"{toolkit}.log", "wb")  # noqa: SIM115 - closed with the process
    proc = subprocess.Popen(
        command, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, cwd=folder
    )
    dump = folder / "dump.json"
    form = ZooForm(toolkit, spec, spec.title, folder / "out.json", dump, folder / "command", [proc], None, 0.0)  # type: ignore[arg-type]
    try:
        form.window = wait_for(spec.title, dump, proc, START_TIMEOUT[toolkit], folder / f"{toolkit}.log")
    except Exception:
        form.stop()
        raise
    form.started_in = round(time.monotonic() - t0, 2)
    return form


def extra_starters() -> dict[str, Starter]:
    """Toolkits that need building or a browser: imported lazily, each from its own module."""
    from tests.support import zoo_heavy

    return zoo_heavy.STARTERS


def wait_for(title: str, dump: Path, proc: subprocess.Popen[bytes], timeout: float, log: Path) -> Window:
    """Poll until a window titled ``title`` is shown and active and the form has dumped its geometry."""
    windows = X11Windows()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args!r} exited with {proc.returncode}: {tail(log)}")
        for window in windows.list():
            if window.title == title and window.box.w > 50:
                active = windows.active()
                if active is not None and active.id == window.id and dump.exists():
                    return window
                windows.activate(window)
        time.sleep(0.05)
    raise RuntimeError(f"no window titled {title!r} with a geometry dump after {timeout}s: {tail(log)}")


def tail(log: Path, lines: int = 15) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return "(no log)"


def running(toolkit: str, seed: int, folder: Path, cache: Path | None = None) -> Iterator[ZooForm]:
    """A generator for a pytest fixture: the form, stopped afterwards."""
    form = launch(toolkit, seed, folder, cache)
    try:
        yield form
    finally:
        form.stop()
