"""packaging/llama-wheel.sh: the cache key, one build on a miss, none on a hit.

The 11-minute compile is replaced by a stand-in Python whose `pip wheel` drops an
empty wheel and logs how it was called; the script itself runs for real.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
from pathlib import Path

from tests.support.apps import REPO

SCRIPT = REPO / "packaging" / "llama-wheel.sh"
CMAKE_ARGS = "-DGGML_NATIVE=ON -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=OFF"

STAND_IN = r"""#!/usr/bin/env bash
if [ "$1" = -c ]; then echo cp311; exit 0; fi
echo "CMAKE_ARGS=$CMAKE_ARGS $*" >> "$PIP_LOG"
while [ $# -gt 0 ]; do
  if [ "$1" = --wheel-dir ]; then touch "$2/llama_cpp_python-0.3.36-py3-none-linux_x86_64.whl"; fi
  shift
done
"""


def cpu_flags_line() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if re.match(r"(flags|Features)", line):
            return line
    return ""


def run(python: Path, cache: Path, log: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DESKHAND_BUILD_CACHE": str(cache), "PIP_LOG": str(log)}
    return subprocess.run(
        ["bash", str(SCRIPT), str(python), "0.3.36"], env=env, capture_output=True, text=True, timeout=60
    )


def test_builds_once_into_a_folder_keyed_by_version_flags_cpu_and_python(tmp_path: Path) -> None:
    python = tmp_path / "python"
    python.write_text(STAND_IN)
    python.chmod(0o755)
    cache, log = tmp_path / "cache", tmp_path / "pip.log"
    key = hashlib.sha256(f"0.3.36|{CMAKE_ARGS}|{cpu_flags_line()}|cp311".encode()).hexdigest()[:16]
    expected = cache / "wheels" / f"llama-cpp-python-0.3.36-{key}" / "llama_cpp_python-0.3.36-py3-none-linux_x86_64.whl"

    first = run(python, cache, log)
    assert first.returncode == 0, first.stderr
    assert first.stdout == f"{expected}\n" and expected.exists()
    calls = log.read_text().splitlines()
    assert len(calls) == 1 and calls[0].startswith(f"CMAKE_ARGS={CMAKE_ARGS} -m pip wheel --no-deps")
    assert "--no-binary llama-cpp-python" in calls[0] and calls[0].endswith("llama-cpp-python==0.3.36")
    assert sorted(p.name for p in (cache / "wheels").iterdir()) == [expected.parent.name]  # no build folder left

    second = run(python, cache, log)
    assert second.returncode == 0 and second.stdout == first.stdout
    assert len(log.read_text().splitlines()) == 1  # a hit: no second build
