"""The SVG icons shipped with the package (no emoji: without an emoji font they draw as boxes)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

FOLDER = Path(__file__).with_name("icons")


def icon(name: str) -> QIcon:
    path = FOLDER / f"{name}.svg"
    if not path.exists():
        raise FileNotFoundError(path)
    return QIcon(str(path))
