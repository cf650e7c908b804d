"""Where Deskhand keeps the user's things: platformdirs, or under DESKHAND_HOME (every test sets it)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import platformdirs

from app.services import config


def _folder(kind: str, platform_dir: Callable[..., str]) -> Path:
    home = config.home()
    path = home / kind if home else Path(platform_dir("deskhand", appauthor=False))
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
    path = config.models_folder() or cache_dir() / "models"
    path.mkdir(parents=True, exist_ok=True)
    return path


def pack_wheels_dir() -> Path | None:
    """Where downloaded pack wheels are kept for reinstalls: $DESKHAND_PACK_WHEELS, else not kept."""
    return config.pack_wheels()


def skills_db() -> Path:
    """The skill store's database: `deskhand skills`, the agent, recording and the panel all open this one."""
    return data_dir() / "skills.db"


def recordings_dir() -> Path:
    return data_dir() / "recordings"


def replay_shots_dir() -> Path:
    """Screenshots a failed replay step leaves behind."""
    return data_dir() / "replays"
