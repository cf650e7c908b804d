"""The zoo golden set's held-out side stays held out (tests/eval/zoo_golden.py).

Nothing in the repository outside tests/eval/heldout/ may name a held-out case, request
group or observation, or quote a held-out request that the tune side does not also
hold (a copied request in a unit test or an option rule is how the last held-out
figure stopped being independent; see docs/policy.md). The names are read from the
held-out file, never written here.
"""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from automation.grounding.match import resolve
from automation.types import Target
from tests.eval import golden, zoo_golden

ROOT = Path(__file__).resolve().parents[2]
HELDOUT = zoo_golden.HELDOUT_DIR / "cases.jsonl"
TUNE = zoo_golden.TUNE_DIR / "cases.jsonl"


def lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def repository_files() -> list[Path]:
    """Tracked and untracked files that git would keep (results folders are ignored)."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    held = zoo_golden.HELDOUT_DIR.relative_to(ROOT).as_posix() + "/"
    return [ROOT / name for name in listed if not name.startswith(held) and (ROOT / name).is_file()]


def test_split_by_form_and_request() -> None:
    held, tune = lines(HELDOUT), lines(TUNE)
    assert len(held) + len(tune) >= 150
    assert len(held) / (len(held) + len(tune)) >= 0.30
    assert {c["split"] for c in held} == {"heldout"} and {c["split"] for c in tune} == {"tune"}
    assert not {c["group"] for c in held} & {c["group"] for c in tune}, "a request on both sides"
    assert not {c["observation"] for c in held} & {c["observation"] for c in tune}, "a screen on both sides"
    toolkits = Counter(str(c["toolkit"]) for c in held + tune)
    assert len(toolkits) >= 5, toolkits


def test_nothing_outside_the_heldout_folder_names_a_heldout_case() -> None:
    held, tune = lines(HELDOUT), lines(TUNE)
    names = {str(c[k]) for c in held for k in ("id", "group", "observation")}
    tune_requests = {str(c["request"]).casefold() for c in tune}
    quoted = {str(c["request"]).casefold() for c in held} - tune_requests
    found = []
    for path in repository_files():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        folded = text.casefold()
        found += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.casefold() in folded]
        found += [f"{path.relative_to(ROOT)}: {q!r}" for q in quoted if q in folded]
    assert not found, "held-out cases named outside tests/eval/heldout/:\n" + "\n".join(found)


@pytest.mark.parametrize("path", [TUNE, HELDOUT], ids=["tune", "heldout"])
def test_cases_load_and_clicked_targets_are_on_screen(path: Path) -> None:
    _, cases = golden.load(path, observations=path.parent / "observations")
    assert cases
    missing = []
    for case in cases:
        if case.expect["kind"] != "click" or case.expect.get("field"):
            continue
        try:
            resolve(Target(case.expect["label"]), list(case.situation.observation.spans))
        except Exception as err:  # the reason goes into the failure message
            missing.append(f"{case.id}: {err}")
    # OCR misses some words on some toolkits: the set measures that too, so a few are allowed.
    assert len(missing) <= len(cases) // 10, "\n".join(missing)
