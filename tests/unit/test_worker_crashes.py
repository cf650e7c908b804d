"""A crashed test worker ends the run with the crash reported; it never hangs it
(tests/support/worker_crashes.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.support import worker_crashes

ROOT = Path(__file__).resolve().parents[2]
ENOUGH = 120  # seconds: the run takes a few; pytest-xdist 3.8 without the plugin waits forever

# pytest-xdist#1327's shape: the crash leaves one test of its file, which a replacement
# worker would be handed alone and wait on.
FILES = {
    "test_a.py": "def test_a1():\n    pass\n\ndef test_a2():\n    pass\n",
    "test_b.py": "import os\n\ndef test_b_crash():\n    os._exit(1)\n\ndef test_b_after():\n    pass\n",
    "test_c.py": "def test_c():\n    pass\n",
}


def run_crashing_suite(folder: Path, *options: str) -> subprocess.CompletedProcess[str]:
    for name, text in FILES.items():
        (folder / name).write_text(text)
    (folder / "pytest.ini").write_text("[pytest]\n")  # not this project's addopts
    command = [sys.executable, "-m", "pytest", "-p", "tests.support.worker_crashes", "-n", "1", "--dist=loadfile"]
    return subprocess.run(
        [*command, "-p", "no:cacheprovider", *options, str(folder)],
        cwd=folder,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=ENOUGH,
    )


def test_a_crashed_worker_fails_its_test_and_the_run_ends(tmp_path: Path) -> None:
    try:
        result = run_crashing_suite(tmp_path)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the run with a crashed worker did not end in {ENOUGH} s")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "test_b.py::test_b_crash" in result.stdout and "crashed" in result.stdout
    assert "worker restarting disabled" in result.stdout


@pytest.mark.parametrize(("given", "kept"), [(None, "0"), ("3", "3")])
def test_only_an_unset_restart_count_is_set_to_none(given: str | None, kept: str) -> None:
    config = SimpleNamespace(option=SimpleNamespace(maxworkerrestart=given))
    worker_crashes.pytest_configure(config)  # type: ignore[arg-type]
    assert config.option.maxworkerrestart == kept
