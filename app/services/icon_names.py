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

    def _read(self) -> dict[str, dict[str, str]] | None:
        """What the file holds; {} when there is none yet, None when it cannot be read."""
        if not self.path.exists():
            return {}
        try:
            held = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(held, dict) or not all(isinstance(v, dict) for v in held.values()):
            return None
        return {str(app): {str(k): str(v) for k, v in names.items()} for app, names in held.items()}
