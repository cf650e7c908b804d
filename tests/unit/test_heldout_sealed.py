"""The zoo golden set's held-out draws stay held out (tests/eval/zoo_golden.py).

Nothing in the repository outside a draw's folder (tests/eval/heldout/, the first;
tests/eval/heldout2/, the second) may name one of its cases, request groups or
observations, or quote a held-out request that the tune side does not also
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
HELDOUT2 = zoo_golden.HELDOUT2_DIR / "cases.jsonl"
TUNE = zoo_golden.TUNE_DIR / "cases.jsonl"
DRAWS = pytest.mark.parametrize("held_path", [HELDOUT, HELDOUT2], ids=["heldout", "heldout2"])


def lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def repository_files(held_folder: Path) -> list[Path]:
    """Tracked and untracked files that git would keep (results folders are ignored), outside ``held_folder``."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    held = held_folder.relative_to(ROOT).as_posix() + "/"
    return [ROOT / name for name in listed if not name.startswith(held) and (ROOT / name).is_file()]


@DRAWS
def test_split_by_form_and_request(held_path: Path) -> None:
    held, tune = lines(held_path), lines(TUNE)
    assert len(held) + len(tune) >= 150
    assert len(held) / (len(held) + len(tune)) >= 0.30
    assert {c["split"] for c in held} == {held_path.parent.name} and {c["split"] for c in tune} == {"tune"}
    assert not {c["group"] for c in held} & {c["group"] for c in tune}, "a request on both sides"
    assert not {c["observation"] for c in held} & {c["observation"] for c in tune}, "a screen on both sides"
    toolkits = Counter(str(c["toolkit"]) for c in held + tune)
    assert len(toolkits) >= 5, toolkits


def test_the_draws_share_no_seed() -> None:
    first = {str(c["group"]).split("_")[0] for c in lines(HELDOUT) + lines(TUNE)}
    second = {str(c["group"]).split("_")[0] for c in lines(HELDOUT2)}
    assert second and not first & second


def public_requests(held_path: Path) -> set[str]:
    """Requests that may stand anywhere: the tune side's, the other draws' (committed before or
    apart), and the task evaluation's own (tests/bench/task_set.py), which the generator can
    happen to repeat ("book this entry" on a form whose button is Book)."""
    from tests.bench.task_set import all_tasks

    others = [path for path in (TUNE, HELDOUT, HELDOUT2) if path != held_path]
    known = {str(c["request"]) for path in others for c in lines(path)} | {t.request for t in all_tasks()}
    return {r.casefold() for r in known}


@DRAWS
def test_nothing_outside_the_heldout_folder_names_a_heldout_case(held_path: Path) -> None:
    held = lines(held_path)
    names = {str(c[k]) for c in held for k in ("id", "group", "observation")}
    public = public_requests(held_path)
    # a request the draw alone holds, by the id of its first case: a failure names ids, never
    # the held-out words, so reading it does not spend the draw
    quoted = {}
    for case in held:
        quoted.setdefault(str(case["request"]).casefold(), str(case["id"]))
    quoted = {request: case_id for request, case_id in quoted.items() if request not in public}
    found = []
    for path in repository_files(held_path.parent):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        folded = text.casefold()
        found += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.casefold() in folded]
        found += [f"{path.relative_to(ROOT)}: the request of {i}" for q, i in quoted.items() if q in folded]
    assert not found, f"held-out cases named outside {held_path.parent.name}/:\n" + "\n".join(found)


@pytest.mark.parametrize("path", [TUNE, HELDOUT, HELDOUT2], ids=["tune", "heldout", "heldout2"])
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
