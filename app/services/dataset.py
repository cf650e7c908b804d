"""Fine-tuning examples from the skill store: every readable skill's card, and the successful
runs of its history unless only the skills are asked for (models.training.dataset builds them,
personal data scrubbed). Written one JSON object a line, through a temporary file beside the
target, so a failed export never leaves half a file."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.services.skills import open_store
from automation.skills.store import Unreadable

if TYPE_CHECKING:
    from models.training.dataset import Dataset


@dataclass(frozen=True)
class Exported:
    data: Dataset
    skills: int  # readable skills
    runs: int  # successful runs used
    left_out: list[Unreadable]  # skills that could not be read


def export_dataset(target: Path, skills_only: bool) -> Exported:
    from models.training.dataset import (  # loaded on first use, not by `deskhand --help` (docs/architecture.md)
        PastCall,
        build,
        screen_steps,
    )

    with open_store() as store:
        skills, unreadable = store.scan()
        runs = [] if skills_only else store.history(ok_only=True)
    steps = [step for skill in skills for step in screen_steps(skill)]
    data = build([s.card() for s in skills], [PastCall(r.skill, r.args, r.request) for r in runs], steps)
    write_lines(target, [json.dumps(e, ensure_ascii=False) for e in data.examples])
    return Exported(data, len(skills), len(runs), list(unreadable))


def write_lines(target: Path, lines: list[str]) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as f:
            f.writelines(line + "\n" for line in lines)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
