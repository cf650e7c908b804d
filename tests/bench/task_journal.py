"""The task evaluation's journal: one JSON line per finished task, so a stopped run loses nothing.

Each line is a row of tests/bench/tasks.py (one task under one condition, or one
demonstrated replay or macro run), written and flushed as soon as the task ends. A run
started with ``--resume`` reads the journal first and skips every (condition, task)
already in it; the table and the JSON are always built from the whole journal, so a
run cut short by a signal or a time limit still publishes what it measured.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


class Journal:
    """Rows by condition and task, mirrored to a JSON-lines file when one is given."""

    def __init__(self, path: Path | None = None, resume: bool = False) -> None:
        self.path = path
        self.rows: dict[str, dict[str, dict[str, Any]]] = {}
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        if resume and path.exists():
            for line in path.read_text().splitlines():
                if line.strip():
                    self._keep(json.loads(line))
        else:
            path.write_text("")

    def _keep(self, row: dict[str, Any]) -> None:
        self.rows.setdefault(row["condition"], {})[row["task"]] = row

    def has(self, condition: str, task: str) -> bool:
        return task in self.rows.get(condition, {})

    def add(self, condition: str, row: dict[str, Any]) -> None:
        """Keep ``row`` and append it to the file at once (flushed and synced: a kill loses no finished task)."""
        row = {"condition": condition, **row}
        self._keep(row)
        if self.path is None:
            return
        with self.path.open("a") as out:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            out.flush()
            os.fsync(out.fileno())
