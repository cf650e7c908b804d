"""The zoo golden set: decision cases generated from zoo forms no one developed against.

    PYTHONPATH=$PWD .venv/bin/python -m tests.eval.zoo_golden      # (re)write the case files

Seeds 52000-52014 (written down here and in docs/policy.md; the zoo's tests use 101,
its benchmark 100-199 and 7000-7099, the task evaluation 31000-31099): toolkit i of
TOOLKITS gets seeds 52000 + 3i .. 52000 + 3i + 2, and the last of its three is held out.
The split is by form, so every step of every request on a held-out form, and the
form's observations, are on the held-out side: tests/eval/heldout/ holds them and
nothing else in the repository may name them (tests/unit/test_heldout_sealed.py).

A held-out side is spent for choosing between packs once it has been scored: each pack
comparison gets a new draw (docs/policy.md). The first draw's held-out side (seeds
52002, 52005, ...) was scored three times and is spent. The second draw, ``heldout2``
(tests/eval/heldout2/), takes seeds 55000-55014 the same way, toolkit i getting
55000 + 3i .. 55000 + 3i + 2, and holds out the last of each three; its first two seeds
per toolkit are not captured (the tune side stays the first draw's), and are never to be
used for anything else. (Seeds 54000-54014 were drawn first and discarded unscored: a
failing seal test printed three of their requests.)

Cases are in tests/eval/golden.py's format, built from the form's spec (what a user
would ask, with the values the spec gives) and the states tests.eval.zoo_capture saved:
``empty``, ``filled``, ``dialog`` (the confirmation is up) and ``saved``. Steps after
the first carry the history of the ones before; a middle step of a multi-field request
is judged on the empty form (no screen with only the first field typed was captured),
which the policy's history has to make up for.
"""

from __future__ import annotations

import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.apps.zoo.spec import Spec, spec_for

HERE = Path(__file__).resolve().parent
TUNE_DIR = HERE / "zoo"
HELDOUT_DIR = HERE / "heldout"
HELDOUT2_DIR = HERE / "heldout2"
FIRST_SEED = 52000
SECOND_DRAW_SEED = 55000
TOOLKITS = ("tk", "gtk", "qt", "html", "swing")
PER_TOOLKIT = 3
STATES = ("empty", "filled", "dialog", "saved")


@dataclass(frozen=True)
class GoldenForm:
    toolkit: str
    seed: int
    split: str  # tune | heldout | heldout2

    @property
    def folder(self) -> Path:
        return {"heldout": HELDOUT_DIR, "heldout2": HELDOUT2_DIR}.get(self.split, TUNE_DIR)

    def observation(self, state: str) -> str:
        return f"z{self.seed}_{self.toolkit}_{state}"


FORMS = tuple(
    GoldenForm(tk, FIRST_SEED + PER_TOOLKIT * i + j, "heldout" if j == PER_TOOLKIT - 1 else "tune")
    for i, tk in enumerate(TOOLKITS)
    for j in range(PER_TOOLKIT)
)
SECOND_FORMS = tuple(
    GoldenForm(tk, SECOND_DRAW_SEED + PER_TOOLKIT * i + PER_TOOLKIT - 1, "heldout2") for i, tk in enumerate(TOOLKITS)
)
ALL_FORMS = FORMS + SECOND_FORMS
SPLIT_DIRS = {"tune": TUNE_DIR, "heldout": HELDOUT_DIR, "heldout2": HELDOUT2_DIR}


def observation_path(form: GoldenForm, state: str) -> Path:
    return form.folder / "observations" / f"{form.observation(state)}.json"


UNRELATED = [
    "what will the weather be in Paris tomorrow",
    "tell me a joke about cats",
    "who won the football final last year",
    "how many moons does Jupiter have",
]
IMPOSSIBLE = ["print this form", "open the Reports tab", "attach the scanned contract", "export the entry as a PDF"]
TYPE_PHRASES = [
    "type {v} into the {l}",
    "enter {v} as the {l}",
    "put {v} in the {l} field",
    "the {l} is {v}",
    "set the {l} to {v}",
]


def typed(label: str, value: str) -> dict[str, Any]:
    return {
        "do": {"kind": "type", "label": label, "text": value},
        "ok": True,
        "outcome": f"typed {value!r} into {label}; the screen changed",
    }


def clicked(label: str, appeared: str) -> dict[str, Any]:
    return {"do": {"kind": "click", "label": label}, "ok": True, "outcome": f"clicked {label!r}; {appeared!r} appeared"}


def requests_for(spec: Spec, states: set[str]) -> list[list[dict[str, Any]]]:
    """Each request as its steps: (observation state, request, history, expect) dicts."""
    rnd = random.Random(spec.seed * 7 + 1)
    answers = {k: v for k, v in spec.answers.items() if isinstance(v, str)}
    entries = [f for f in spec.fields if f.kind in ("text", "number", "date")]
    out: list[list[dict[str, Any]]] = []

    def step(
        state: str, request: str, expect: dict[str, Any], history: list[Any] | None = None, **extra: Any
    ) -> dict[str, Any]:
        return {"state": state, "request": request, "history": history or [], "expect": expect, **extra}

    for f in entries:
        request = rnd.choice(TYPE_PHRASES).format(v=answers[f.label], l=f.label.lower())
        steps = [step("empty", request, {"kind": "type", "label": f.label, "text": answers[f.label]})]
        if "filled" in states:
            steps.append(step("filled", request, {"kind": "done"}, [typed(f.label, answers[f.label])]))
        out.append(steps)
    note = next(f for f in spec.fields if f.kind == "note")
    out.append(
        [
            step(
                "empty",
                f"write '{answers[note.label]}' in the {note.label.lower()}",
                {"kind": "type", "label": note.label, "text": answers[note.label]},
            )
        ]
    )
    combo = next(f for f in spec.fields if f.kind == "combo")
    out.append(
        [
            step(
                "empty",
                f"choose {answers[combo.label]} as the {combo.label.lower()}",
                {"kind": "click", "label": combo.label, "field": True},
            )
        ]
    )
    check = next(f for f in spec.fields if f.kind == "check")
    out.append([step("empty", f"tick {check.label}", {"kind": "click", "label": check.label})])
    number = next(f for f in spec.fields if f.kind == "number")
    asked = {
        "do": {"kind": "ask", "param": number.label, "question": f"What is the {number.label}?"},
        "ok": True,
        "outcome": "asked the user",
    }
    value = answers[number.label]
    out.append(
        [
            step("empty", f"fill in the {number.label.lower()}", {"kind": "ask", "param": number.label}),
            step(
                "empty",
                f"fill in the {number.label.lower()}",
                {"kind": "type", "label": number.label, "text": value},
                [asked],
                answers=[value],
            ),
        ]
    )
    first, second = rnd.sample(entries, 2)
    both = (
        f"enter {answers[first.label]} as the {first.label.lower()}"
        f" and {answers[second.label]} as the {second.label.lower()}"
    )
    multi = [
        step("empty", both, {"kind": "type", "label": first.label, "text": answers[first.label]}),
        step(
            "empty",
            both,
            {"kind": "type", "label": second.label, "text": answers[second.label]},
            [typed(first.label, answers[first.label])],
        ),
    ]
    if "filled" in states:
        history = [typed(first.label, answers[first.label]), typed(second.label, answers[second.label])]
        multi.append(step("filled", both, {"kind": "done"}, history))
    out.append(multi)
    if "filled" in states:
        commit = f"{spec.primary.lower()} this entry"
        steps = [step("filled", commit, {"kind": "click", "label": spec.primary})]
        if "dialog" in states:
            history = [clicked(spec.primary, spec.question)]
            steps.append(step("dialog", commit, {"kind": "click", "label": spec.confirm}, history))
            if "saved" in states:
                history = [*history, clicked(spec.confirm, spec.status_after(1))]
                steps.append(step("saved", commit, {"kind": "done"}, history))
        out.append(steps)
    out.append([step("empty", rnd.choice(UNRELATED), {"kind": "reply"})])
    out.append([step("empty", rnd.choice(IMPOSSIBLE), {"kind": "impossible"})])
    return out


def cases_for(form: GoldenForm) -> list[dict[str, Any]]:
    states = {s for s in STATES if observation_path(form, s).exists()}
    if "empty" not in states:
        return []
    spec = spec_for(form.seed, title="Zoo")
    prefix = "z" if form.split == "tune" else "h"
    lines = []
    for r, steps in enumerate(requests_for(spec, states)):
        for s, st in enumerate(steps):
            line = {
                "id": f"{prefix}{form.seed}_{form.toolkit}_{r:02d}_{s}",
                "observation": form.observation(st["state"]),
                "request": st["request"],
                "history": st["history"],
                "answers": st.get("answers", []),
                "expect": st["expect"],
                "split": form.split,
                "group": f"{form.seed}_{form.toolkit}_{r:02d}",
                "toolkit": form.toolkit,
            }
            lines.append(line)
    return lines


def write() -> dict[str, int]:
    counts: dict[str, int] = {}
    for split, folder in SPLIT_DIRS.items():
        lines = [line for form in ALL_FORMS if form.split == split for line in cases_for(form)]
        if not lines:
            continue  # a draw not captured yet
        folder.mkdir(parents=True, exist_ok=True)
        text = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
        (folder / "cases.jsonl").write_text(text, encoding="utf-8")
        counts[split] = len(lines)
    return counts


if __name__ == "__main__":
    print(write())
    sys.exit(0)
