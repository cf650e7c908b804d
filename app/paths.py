"""Where Deskhand keeps the user's data: platformdirs, or DESKHAND_HOME (every test sets it)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def data_dir() -> Path:
    home = os.environ.get("DESKHAND_HOME")
    path = Path(home) / "data" if home else Path(platformdirs.user_data_dir("deskhand", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir() -> Path:
    home = os.environ.get("DESKHAND_HOME")
    path = Path(home) / "cache" if home else Path(platformdirs.user_cache_dir("deskhand", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    home = os.environ.get("DESKHAND_HOME")
    path = Path(home) / "config" if home else Path(platformdirs.user_config_dir("deskhand", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path
