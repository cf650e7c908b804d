"""`deskhand do` with a model it cannot use: exit 6 with the reason, nothing sent to the app.
Also the tiny random-weight model through the whole loop: whatever it decides, the run
ends in a status from the exit table and its model calls are reported."""

import json
import socket
import struct
from pathlib import Path

import pytest

from tests.support.apps import RunningApp, deskhand

pytestmark = pytest.mark.e2e


def unused_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def nested_arrays(folder: Path) -> Path:
    """A crafted GGUF whose one key is an array of arrays 100,000 levels deep."""
    key = struct.pack("<Q", 4) + b"bomb" + struct.pack("<I", 9) + struct.pack("<IQ", 9, 1) * 100_000
    path = folder / "nested.gguf"
    path.write_bytes(b"GGUF" + struct.pack("<IQQ", 3, 1, 1) + key + struct.pack("<IQ", 4, 0) + bytes(64))
    return path


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda d: d / "missing.gguf", "no such file"),
        (lambda d: (d / "notes.gguf").write_text("not a model") and d / "notes.gguf", "not a GGUF"),
        (nested_arrays, "arrays nested deeper than"),  # once a RecursionError
    ],
)
def test_a_model_file_it_cannot_use_exits_6(tmp_path: Path, make, reason: str) -> None:  # type: ignore[no-untyped-def]
    result = deskhand("do", "click Submit", "--model", str(make(tmp_path)))
    assert result.returncode == 6, result.stderr
    assert reason in result.stderr and "fix:" in result.stderr


def test_a_truncated_model_exits_6(tmp_path: Path, tiny_gguf: Path) -> None:
    cut = tmp_path / "cut.gguf"
    cut.write_bytes(tiny_gguf.read_bytes()[: tiny_gguf.stat().st_size // 2])
    result = deskhand("do", "click Submit", "--model", str(cut))
    assert result.returncode == 6, result.stderr
    assert "truncated" in result.stderr or "tensor" in result.stderr, result.stderr


def test_an_unknown_pack_names_the_packs() -> None:
    result = deskhand("do", "click Submit", "--model", "no-such-pack")
    assert result.returncode == 6, result.stderr
    assert "no-such-pack" in result.stderr and "qwen2.5-coder-0.5b" in result.stderr


def test_a_server_that_is_down_exits_6(legacy: RunningApp, claims: Path) -> None:
    result = deskhand("do", "enter 42.50 as the amount", "--server", f"http://127.0.0.1:{unused_port()}")
    assert result.returncode == 6, result.stderr
    assert "127.0.0.1" in result.stderr and not claims.exists()


def test_the_tiny_model_drives_the_loop_to_an_end(legacy: RunningApp, tiny_gguf: Path) -> None:
    result = deskhand("do", "enter 42.50 as the amount", "--model", str(tiny_gguf), "--max-steps", "3", "--json")
    report = json.loads(result.stdout)
    assert result.returncode == report["exit_code"] and report["status"] in {
        "done",
        "asked",
        "impossible",
        "failed",
        "step_limit",
        "replied",
        "unfinished",
    }
    assert report["model_calls"] and all(c["seconds"] > 0 for c in report["model_calls"])
