"""The suite's own X server: Xvfb with RECORD, and openbox, started and stopped by PID.

Display numbers are taken from :90 up, skipping any that another process holds
(its lock file or socket exists); nothing this module did not start is ever killed.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from Xlib import X, display, error

FIRST_DISPLAY = 90
DISPLAYS_PER_WORKER = 20  # each pytest-xdist worker looks for free numbers in a range of its own


def first_free_from(base: int) -> int:
    """Where this process starts looking for a free display number: ``base``, moved on by
    the pytest-xdist worker's index, so two workers never probe the same numbers at once
    (two servers racing for one number can both seem to come up)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    index = int(worker[2:]) if worker[2:].isdigit() else 0
    return base + DISPLAYS_PER_WORKER * index


SCREEN = "1280x800x24"
PR_SET_PDEATHSIG = 1  # prctl(2)
LIBC = ctypes.CDLL(None, use_errno=True)  # looked up here: the child of a fork only calls it
READY_TIMEOUT = 20.0


@dataclass
class XSession:
    name: str
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def stop(self) -> None:
        for proc in reversed(self.processes):  # openbox first, then Xvfb
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


def ends_with_its_parent() -> None:
    """In the child, before exec: end when the process that started it ends. A pytest-xdist
    worker that crashes runs no teardown, and its server would otherwise live on, unowned."""
    LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def display_taken(n: int) -> bool:
    return Path(f"/tmp/.X{n}-lock").exists() or Path(f"/tmp/.X11-unix/X{n}").exists()


def poll(probe: object, what: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{what}: the process exited with {proc.returncode}")
        if probe():  # type: ignore[operator]
            return
        time.sleep(0.05)
    raise RuntimeError(f"{what}: not ready after {READY_TIMEOUT}s")


def connects(name: str) -> bool:
    try:
        display.Display(name).close()
    except (error.DisplayError, ConnectionError, OSError):
        return False
    return True


def wm_ready(name: str) -> bool:
    """openbox has said it runs and published its window list (the list comes some ms after the check)."""
    d = display.Display(name)
    try:
        root = d.screen().root
        return all(
            root.get_full_property(d.intern_atom(atom), X.AnyPropertyType) is not None
            for atom in ("_NET_SUPPORTING_WM_CHECK", "_NET_CLIENT_LIST_STACKING")
        )
    finally:
        d.close()


def serves(n: int, server: subprocess.Popen[bytes]) -> bool:
    """Display :n is this Xvfb's and takes connections, not another one that won the number."""
    try:
        lock = Path(f"/tmp/.X{n}-lock").read_text().strip()
    except OSError:
        return False
    return lock == str(server.pid) and connects(f":{n}")


def start(log_dir: Path) -> XSession:
    for tool in ("Xvfb", "openbox"):
        if shutil.which(tool) is None:
            raise RuntimeError(f"{tool} is not installed: run the README's test command (packaging/setup.sh test)")
    n = first_free_from(FIRST_DISPLAY)
    while True:
        while display_taken(n):
            n += 1
        name = f":{n}"
        log = open(log_dir / f"xvfb{n}.log", "wb")  # noqa: SIM115 - lives as long as the server
        xvfb = subprocess.Popen(
            ["Xvfb", name, "-screen", "0", SCREEN, "+extension", "RECORD", "-nolisten", "tcp", "-noreset"],
            stdout=log,
            stderr=subprocess.STDOUT,
            preexec_fn=ends_with_its_parent,
        )
        try:
            poll(lambda n=n, xvfb=xvfb: serves(n, xvfb), f"Xvfb {name}", xvfb)
            break
        except RuntimeError:
            if xvfb.poll() is None:
                xvfb.terminate()
                xvfb.wait()
            n += 1  # another server won the race for this number
    session = XSession(name, [xvfb])
    env = {**os.environ, "DISPLAY": name}
    wm_log = open(log_dir / f"openbox{n}.log", "wb")  # noqa: SIM115
    openbox = subprocess.Popen(
        ["openbox", "--sm-disable"], env=env, stdout=wm_log, stderr=subprocess.STDOUT, preexec_fn=ends_with_its_parent
    )
    session.processes.append(openbox)
    try:
        poll(lambda: wm_ready(name), "openbox", openbox)
    except RuntimeError:
        session.stop()
        raise
    return session


def start_for_benchmark(prefix: str = "deskhand-bench-") -> tuple[Path, XSession]:
    """A scratch folder and a display of its own for a benchmark run, made the current one."""
    scratch = Path(tempfile.mkdtemp(prefix=prefix))
    session = start(scratch)
    os.environ["DISPLAY"] = session.name
    os.environ["OMP_THREAD_LIMIT"] = "1"  # Tesseract's threads fight on 2 cores (docs/benchmarks.md)
    return scratch, session
