from pathlib import Path

import pytest

from app.services.paths import cache_dir, config_dir, data_dir, models_dir


def test_deskhand_home_holds_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DESKHAND_HOME", str(tmp_path))
    assert [data_dir(), cache_dir(), config_dir()] == [tmp_path / "data", tmp_path / "cache", tmp_path / "config"]
    assert all(p.is_dir() for p in (data_dir(), cache_dir(), config_dir()))


def test_platform_folders_without_deskhand_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("DESKHAND_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert data_dir() == tmp_path / "xdg" / "deskhand"


def test_models_live_in_the_cache_unless_deskhand_models_says(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DESKHAND_HOME", str(tmp_path))
    monkeypatch.delenv("DESKHAND_MODELS", raising=False)
    assert models_dir() == tmp_path / "cache" / "models"
    monkeypatch.setenv("DESKHAND_MODELS", str(tmp_path / "big-disk" / "models"))
    assert models_dir() == tmp_path / "big-disk" / "models" and models_dir().is_dir()
