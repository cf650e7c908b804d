"""`deskhand models` through the real entry point, with real downloads from the package index."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.support.apps import deskhand

pytestmark = pytest.mark.e2e


@pytest.fixture
def models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "models"
    monkeypatch.setenv("DESKHAND_MODELS", str(folder))
    monkeypatch.delenv("DESKHAND_PACK_WHEELS", raising=False)  # really download
    return folder


def listing() -> dict[str, dict[str, object]]:
    result = deskhand("models", "list", "--json")
    assert result.returncode == 0, result.stderr
    return {pack["name"]: pack for pack in json.loads(result.stdout)["packs"]}


def test_list_install_verify_and_a_corrupted_byte(models: Path) -> None:
    before = listing()
    assert sorted(before) == ["gemma3-270m", "qwen2.5-coder-0.5b", "qwen2.5-coder-1.5b", "smollm2-135m"]
    assert not any(pack["installed"] for pack in before.values())
    assert [name for name, pack in before.items() if pack["default"]] == ["qwen2.5-coder-0.5b"]
    assert deskhand("models", "verify").stdout.startswith("no model packs installed")

    installed = deskhand("models", "install", "smollm2-135m", timeout=600)
    assert installed.returncode == 0, installed.stderr
    assert "assembling smollm2-135m: 100% 98.4 of 98.4 MB" in installed.stderr  # not a terminal: plain lines
    path = models / "smollm2-135m.gguf"
    assert path.stat().st_size == 98_362_432
    assert sorted(p.name for p in models.iterdir()) == ["smollm2-135m.gguf", "smollm2-135m.gguf.verified"]
    after = listing()["smollm2-135m"]
    assert after["installed"] is True and after["verified"] is True and after["path"] == str(path)

    verified = deskhand("models", "verify")
    assert verified.returncode == 0, verified.stderr
    assert "smollm2-135m: ok" in verified.stdout

    with path.open("r+b") as f:  # one byte in the middle of the weights
        f.seek(50_000_000)
        byte = f.read(1)[0]
        f.seek(50_000_000)
        f.write(bytes([byte ^ 0x01]))
    broken = deskhand("models", "verify")
    assert broken.returncode == 6, broken.stdout
    assert "smollm2-135m: FAILED" in broken.stdout
    assert "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53" in broken.stderr
    assert "fix: deskhand models install smollm2-135m" in broken.stderr
    assert listing()["smollm2-135m"]["verified"] is False


def test_an_unknown_pack_is_a_usage_error(models: Path) -> None:
    result = deskhand("models", "install", "llama-70b")
    assert result.returncode == 2
    assert "no model pack named 'llama-70b'" in result.stderr and "qwen2.5-coder-1.5b" in result.stderr
    assert not models.exists() or list(models.iterdir()) == []


def test_verifying_a_pack_that_is_not_installed_fails(models: Path) -> None:
    result = deskhand("models", "verify", "gemma3-270m")
    assert result.returncode == 6 and "fix: deskhand models install gemma3-270m" in result.stderr


@pytest.mark.slow
@pytest.mark.skipif(
    not os.environ.get("DESKHAND_TEST_LARGE_PACKS"), reason="downloads 1.1 GB; set DESKHAND_TEST_LARGE_PACKS=1"
)
def test_the_largest_pack_installs_and_verifies(models: Path) -> None:
    installed = deskhand("models", "install", "qwen2.5-coder-1.5b", timeout=1800)
    assert installed.returncode == 0, installed.stderr
    assert (models / "qwen2.5-coder-1.5b.gguf").stat().st_size == 1_117_320_768
    verified = deskhand("models", "verify", "qwen2.5-coder-1.5b", timeout=600)
    assert verified.returncode == 0 and "qwen2.5-coder-1.5b: ok" in verified.stdout
