"""Where Deskhand keeps the user's things: platformdirs, or under DESKHAND_HOME (every test sets it)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import platformdirs


def _folder(kind: str, platform_dir: Callable[..., str]) -> Path:
    home = os.environ.get("DESKHAND_HOME")
    path = Path(home) / kind if home else Path(platform_dir("deskhand", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    return _folder("data", platformdirs.user_data_dir)


def cache_dir() -> Path:
    return _folder("cache", platformdirs.user_cache_dir)


def config_dir() -> Path:
    return _folder("config", platformdirs.user_config_dir)


def models_dir() -> Path:
    """Installed model packs: $DESKHAND_MODELS when set (a larger or shared disk), else <cache>/models."""
    chosen = os.environ.get("DESKHAND_MODELS")
    path = Path(chosen).expanduser() if chosen else cache_dir() / "models"
    path.mkdir(parents=True, exist_ok=True)
    return path


def pack_wheels_dir() -> Path | None:
    """Where downloaded pack wheels are kept for reinstalls: $DESKHAND_PACK_WHEELS, else not kept."""
    chosen = os.environ.get("DESKHAND_PACK_WHEELS")
    return Path(chosen).expanduser() if chosen else None
