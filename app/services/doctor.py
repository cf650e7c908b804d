"""The checks behind `deskhand doctor`: is this machine ready? Each check says how to fix what fails.

The backends are imported inside the checks on purpose: a missing library or display
becomes a failed check with its fix, not a crash before the first line."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import partial

from app.services.paths import data_dir, models_dir
from automation.backends import library_version
from automation.errors import EnvironmentProblem
from models.packs import DEFAULT_SPEECH, load_catalog, speech_state

MIN_FREE_MB = 500
PYTHON_DEPS = ["PIL", "numpy", "mss", "Xlib", "pytesseract", "rapidfuzz", "platformdirs", "cv2"]
INPUT_DEPS = ["pyautogui", "pynput"]  # these connect to the display at import


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""
    required: bool = True


def run(name: str, probe: Callable[[], str], fix: str, required: bool = True) -> Check:
    try:
        return Check(name, True, probe(), required=required)
    except EnvironmentProblem as err:
        return Check(name, False, err.message, err.fix or fix, required)
    except Exception as err:  # a doctor reports every failure instead of stopping at one
        return Check(name, False, f"{type(err).__name__}: {err}", fix, required)


def check_display() -> list[Check]:
    from automation.backends.x11_windows import X11Windows

    try:
        windows = X11Windows()
    except EnvironmentProblem as err:
        return [Check("display", False, err.message, err.fix)]
    checks = [Check("display", True, os.environ.get("DISPLAY", ""))]

    def extension(name: str) -> Callable[[], str]:
        def probe() -> str:
            if not windows.has_extension(name):
                raise EnvironmentProblem(f"the X server lacks the {name} extension")
            return "present"

        return probe

    checks.append(run("XTEST extension", extension("XTEST"), "start the X server with XTEST (Xvfb has it)"))
    checks.append(
        run(
            "RECORD extension",
            extension("RECORD"),
            "start Xvfb with +extension RECORD; Xorg has it unless disabled in xorg.conf",
        )
    )

    def wm() -> str:
        name = windows.window_manager()
        if name is None:
            raise EnvironmentProblem("no EWMH window manager is running")
        return f"{name}, {len(windows.list())} windows"

    checks.append(run("window manager", wm, "start one, e.g. `openbox &`"))

    def capture() -> str:
        from automation.backends.mss_screen import MssScreen

        screen = MssScreen()
        screen.grab()
        b = screen.bounds
        return f"{b.w}x{b.h} at ({b.x},{b.y})"

    checks.append(run("screen capture", capture, "check the X server; mss needs XGetImage"))
    for module in INPUT_DEPS:
        checks.append(run(f"python: {module}", partial(library_version, module), "pip install -e . in Deskhand's venv"))
    return checks


def tesseract_version() -> str:
    exe = shutil.which("tesseract")
    if exe is None:
        raise EnvironmentProblem("the tesseract program is not on PATH", "apt-get install tesseract-ocr")
    out = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=20)
    match = re.search(r"tesseract\s+v?(\d+)\.(\d+)", out.stdout + out.stderr)
    if not match:
        raise EnvironmentProblem(f"cannot read tesseract's version from {exe}")
    if int(match.group(1)) < 4:
        raise EnvironmentProblem(
            f"tesseract {match.group(0)} is too old (need 4 or newer)", "apt-get install tesseract-ocr"
        )
    return f"{match.group(1)}.{match.group(2)} at {exe}"


def tesseract_languages() -> set[str]:
    exe = shutil.which("tesseract")
    if exe is None:
        raise EnvironmentProblem("the tesseract program is not on PATH", "apt-get install tesseract-ocr")
    out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=20)
    return {line.strip() for line in out.stdout.splitlines()[1:] if line.strip()}


def language(lang: str, package: str) -> Callable[[], str]:
    def probe() -> str:
        if lang not in tesseract_languages():
            where = os.environ.get("TESSDATA_PREFIX", "the default tessdata folder")
            raise EnvironmentProblem(
                f"no {lang!r} language data in {where}",
                f"apt-get install {package}, or point TESSDATA_PREFIX at a tessdata folder that has it",
            )
        return "installed"

    return probe


def disk() -> str:
    path = data_dir()
    probe = path / ".doctor-write-test"
    probe.write_text("ok")
    probe.unlink()
    free = shutil.disk_usage(path).free // 2**20
    if free < MIN_FREE_MB:
        raise EnvironmentProblem(f"only {free} MB free in {path}", f"free at least {MIN_FREE_MB} MB")
    return f"{path} writable, {free} MB free"


def microphone() -> str:
    from automation.backends.microphone import input_device

    return str(input_device()["name"])


def speech_model() -> str:
    state = speech_state(load_catalog().get_speech(DEFAULT_SPEECH), models_dir())
    if not state.verified:
        raise EnvironmentProblem(
            f"the default speech model {DEFAULT_SPEECH} is not installed", f"deskhand models install {DEFAULT_SPEECH}"
        )
    return f"{DEFAULT_SPEECH} at {state.path}"


def speech_synthesizer() -> str:
    exe = shutil.which("espeak-ng")
    if exe is None:
        raise EnvironmentProblem("espeak-ng is not on PATH (spoken replies are off)", "apt-get install espeak-ng")
    return exe


def accessibility() -> str:
    """The AT-SPI bus and who is on it; without it, every window is read from its pixels."""
    from automation.backends.atspi_tree import AtspiTree

    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        raise EnvironmentProblem(
            "no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is unset): windows are read from pixels only",
            "run Deskhand inside your desktop session",
        )
    apps = AtspiTree().applications()
    names = ", ".join(sorted({name for name, _ in apps if name})) or "none yet"
    return f"{len(apps)} applications expose a tree ({names})"


def diagnose() -> list[Check]:
    checks = check_display()
    checks.append(run("tesseract", tesseract_version, "apt-get install tesseract-ocr"))
    checks.append(run("tesseract: eng", language("eng", "tesseract-ocr-eng"), ""))
    checks.append(run("tesseract: chi_sim", language("chi_sim", "tesseract-ocr-chi-sim"), "", required=False))
    for module in PYTHON_DEPS:
        checks.append(run(f"python: {module}", partial(library_version, module), "pip install -e . in Deskhand's venv"))
    checks.append(run("user data dir", disk, "set DESKHAND_HOME to a writable folder"))
    # Voice is optional: typing works without any of these.
    checks.append(run("voice: microphone", microphone, "", required=False))
    checks.append(run("voice: speech model", speech_model, "", required=False))
    checks.append(run("voice: espeak-ng", speech_synthesizer, "", required=False))
    # Optional too: applications without an accessibility tree are read from their pixels.
    checks.append(run("accessibility (AT-SPI)", accessibility, "", required=False))
    return checks


def healthy(checks: list[Check]) -> bool:
    return all(c.ok for c in checks if c.required)


def as_json(checks: list[Check]) -> dict[str, object]:
    return {"ok": healthy(checks), "checks": [asdict(c) for c in checks]}


def as_table(checks: list[Check]) -> str:
    width = max(len(c.name) for c in checks)
    rows = []
    for c in checks:
        mark = "ok" if c.ok else ("FAIL" if c.required else "warn")
        rows.append(f"{c.name:<{width}}  {mark:<4}  {c.detail}")
        if not c.ok and c.fix:
            rows.append(f"{'':<{width}}        fix: {c.fix}")
    verdict = "ready" if healthy(checks) else "NOT ready: fix the FAIL lines above"
    return "\n".join([*rows, "", f"Deskhand is {verdict}."])
