"""Writing a skill to a file to hand to someone: the CLI's `skills export`, the panel's Export,
and signed exports (app.services.trust)."""

from __future__ import annotations

import os
from pathlib import Path

from automation.errors import UsageError
from automation.skills.model import Skill
from automation.skills.share import export_text, used_crops


def write_export(skill: Skill, path: Path, force: bool) -> str:
    """Write ``skill`` to ``path`` as a skill file (the CLI's and the panel's Export); what was written, in words."""
    text = export_text(skill)
    if path.exists() and not force:
        raise UsageError(f"{path} already exists", "choose another file, or overwrite it with --force")
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)  # a reader never sees half a file
    except OSError as err:
        partial.unlink(missing_ok=True)
        raise UsageError(
            f"cannot write {path}: {err.strerror or err}", "choose a file in a folder you can write to"
        ) from err
    secrets = [p.name for p in skill.params if p.secret]
    note = f"; left out: the value of {', '.join(secrets)} (asked at every run)" if secrets else ""
    pictures = len(used_crops(skill))
    return f"exported {skill.name!r} to {path}: {len(skill.steps)} steps, {pictures} pictures{note}"
