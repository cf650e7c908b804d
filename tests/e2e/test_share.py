"""Handing a skill to a colleague, on the suite's Xvfb: the Tk claim skill demonstrated in
test_replay.py is exported, deleted, imported into a fresh DESKHAND_HOME and replayed
through `deskhand`; the Tk client's claims file must hold the same record as a replay
before the export did.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from automation.skills.model import Skill
from tests.support.apps import deskhand, legacy_app
from tests.support.taught_claim import DEMO_PIN, VALUES, store

pytestmark = pytest.mark.e2e


def replay_into(claims: Path) -> dict[str, Any]:
    """Replay the skill with VALUES on a moved, resized form; the one claim it filed."""
    app = legacy_app(claims, "--geometry", "560x430+430+270")
    try:
        result = deskhand("replay", "file-expense", *VALUES, "--yes", "--json")
    finally:
        app.stop()
    assert result.returncode == 0, result.stderr
    (record,) = [json.loads(line) for line in claims.read_text().splitlines()]
    return dict(record)


def shown() -> dict[str, Any]:
    result = deskhand("skills", "show", "file-expense", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    for kept_beside_the_document in ("runs", "enabled", "origin"):
        data.pop(kept_beside_the_document)
    return dict(data)


def test_export_delete_import_on_a_fresh_home_replays_the_same(
    taught: Skill, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store(taught)
    before = replay_into(tmp_path / "before.jsonl")
    assert (before["employee"], before["amount"], before["pin"]) == ("Li Si", "77.10", "2468")
    document = shown()

    shared = tmp_path / "file-expense.json"
    exported = deskhand("skills", "export", "file-expense", str(shared))
    assert exported.returncode == 0, exported.stderr
    data = json.loads(shared.read_text(encoding="utf-8"))
    assert data["crops"] and set(data["crops"]) == set(taught.crops)
    without_pictures = json.dumps({k: v for k, v in data.items() if k != "crops"})
    assert DEMO_PIN not in without_pictures and "Zhang San" in without_pictures  # the PIN's value is not there
    assert deskhand("skills", "rm", "file-expense").returncode == 0

    monkeypatch.setenv("DESKHAND_HOME", str(tmp_path / "colleague"))  # another user's machine
    imported = deskhand("skills", "import", str(shared))
    assert imported.returncode == 0, imported.stderr
    assert "imported 'file-expense'" in imported.stdout
    assert shown() == document
    # Imported: disabled until reviewed; nothing is typed into the form before that.
    refused = deskhand("replay", "file-expense", *VALUES, "--yes")
    assert refused.returncode == 8 and "deskhand skills enable file-expense" in refused.stderr, refused.stderr
    enabled = deskhand("skills", "enable", "file-expense", "--yes")
    assert enabled.returncode == 0, enabled.stderr
    assert "applications it acts in: Tk" in enabled.stdout and "committing steps" in enabled.stdout
    assert replay_into(tmp_path / "after.jsonl") == before


def test_a_broken_file_is_refused_through_the_command(taught: Skill, tmp_path: Path) -> None:
    store(taught)
    shared = tmp_path / "file-expense.json"
    assert deskhand("skills", "export", "file-expense", str(shared)).returncode == 0
    data = json.loads(shared.read_text(encoding="utf-8"))
    del data["steps"][3]["click"]["anchor"]["window"]["app"]
    shared.write_text(json.dumps(data, indent=2), encoding="utf-8")
    result = deskhand("skills", "import", str(shared), "--replace")
    assert result.returncode == 2
    assert f"{shared} cannot be imported: steps[3].click.anchor.window.app: missing" in result.stderr
    assert "Traceback" not in result.stderr
