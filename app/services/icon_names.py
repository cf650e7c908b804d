"""The names of applications' pictures (icon-only buttons), learned from their tooltips.

``<data>/icon-names.json``: ``{application: {likeness: name}}``. Written whole, through a
temporary file and a rename, so a crash never leaves half a file. A file that cannot be read
is left as it is (never overwritten), and nothing is learned into it: the names are learned
again by hovering whenever they are needed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from app.services.paths import data_dir

FILE = "icon-names.json"


class IconNameFile:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or data_dir() / FILE
        # Asked on every look that reads a window anew: the file is read again only once it changed.
        self._held: tuple[float, dict[str, dict[str, str]] | None] | None = None

    def known(self, app: str) -> list[tuple[str, str]]:
        return list((self._read() or {}).get(app, {}).items())

    def learn(self, app: str, named: list[tuple[str, str]]) -> None:
        if not named:
            return
        kept = self._read()
        if kept is None:
            return  # unreadable: the user's file is not replaced
        kept.setdefault(app, {}).update(dict(named))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        part = self.path.with_suffix(".part")
        part.write_text(json.dumps(kept, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(part, self.path)
        self._held = None  # a write within the file time's resolution would not show in its mtime

    def _read(self) -> dict[str, dict[str, str]] | None:
        """What the file holds; {} when there is none yet, None when it cannot be read."""
        try:
            stamp = self.path.stat().st_mtime
        except FileNotFoundError:
            return {}
        except OSError:
            return None
        if self._held is None or self._held[0] != stamp:
            self._held = (stamp, self._parsed())
        held = self._held[1]
        return None if held is None else {app: dict(names) for app, names in held.items()}

    def _parsed(self) -> dict[str, dict[str, str]] | None:
        try:
            held = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(held, dict) or not all(isinstance(v, dict) for v in held.values()):
            return None
        return {str(app): {str(k): str(v) for k, v in names.items()} for app, names in held.items()}
