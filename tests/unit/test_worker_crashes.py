"""A crashed or hung test worker ends the run with its fault dump reported; it never hangs
the run (tests/support/worker_crashes.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.support import worker_crashes

ROOT = Path(__file__).resolve().parents[2]
ENOUGH = 120  # seconds: each run takes a few; pytest-xdist 3.8 without the plugin waits forever

# pytest-xdist#1327's shape: the crash leaves one test of its file, which a replacement
# worker would be handed alone and wait on.
PASSING = {
    "test_a.py": "def test_a1():\n    pass\n\ndef test_a2():\n    pass\n",
    "test_c.py": "def test_c():\n    pass\n",
}
CRASH = "import os\n\ndef test_b_crash():\n    os._exit(1)\n\ndef test_b_after():\n    pass\n"
SEGFAULT = "import ctypes\n\ndef test_b_crash():\n    ctypes.string_at(0)\n\ndef test_b_after():\n    pass\n"
HANG = "import ctypes\n\ndef test_b_crash():\n    ctypes.CDLL(None).pause()\n\ndef test_b_after():\n    pass\n"


def run_suite(folder: Path, crashing: str) -> subprocess.CompletedProcess[str]:
    for name, text in {**PASSING, "test_b.py": crashing}.items():
        (folder / name).write_text(text)
    (folder / "pytest.ini").write_text("[pytest]\nworker_hang_seconds = 3\n")  # not this project's addopts
    command = [sys.executable, "-m", "pytest", "-p", "tests.support.worker_crashes", "-n", "1", "--dist=loadfile"]
    try:
        return subprocess.run(
            [*command, "-p", "no:cacheprovider", str(folder)],
            cwd=folder,
            env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            timeout=ENOUGH,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"the run with a crashed worker did not end in {ENOUGH} s")


def test_a_crashed_worker_fails_its_test_and_the_run_ends(tmp_path: Path) -> None:
    result = run_suite(tmp_path, CRASH)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "worker 'gw0' crashed while running 'test_b.py::test_b_crash'" in result.stdout
    assert "worker restarting disabled" in result.stdout and "2 passed" in result.stdout


def test_a_segfault_s_stack_is_in_the_summary(tmp_path: Path) -> None:
    summary = run_suite(tmp_path, SEGFAULT).stdout.split("crashed workers: their fault dumps")[-1]
    assert "Fatal Python error: Segmentation fault" in summary and 'test_b.py", line 4 in test_b_crash' in summary


def test_a_test_hung_in_c_code_ends_its_worker_with_every_stack_in_the_summary(tmp_path: Path) -> None:
    result = run_suite(tmp_path, HANG)
    summary = result.stdout.split("crashed workers: their fault dumps")[-1]
    assert "Timeout (0:00:03)!" in summary and 'test_b.py", line 4 in test_b_crash' in summary
    assert "1 failed" in result.stdout


@pytest.mark.parametrize(("given", "kept"), [(None, "0"), ("3", "3")])
def test_only_an_unset_restart_count_is_set_to_none(given: str | None, kept: str) -> None:
    config = SimpleNamespace(option=SimpleNamespace(maxworkerrestart=given, numprocesses=None))
    worker_crashes.pytest_configure(config)  # type: ignore[arg-type]
    assert config.option.maxworkerrestart == kept
