"""What a user does with a zoo form, through the real `deskhand` command line.

Each step drives the form with `deskhand act` / `deskhand observe` and checks the
form's own state: its answer to a "dump" request (the values its widgets hold) or
the file it writes on confirm. Deskhand's own report is never the judge.
"""

from __future__ import annotations

import json
import re
from typing import Any

from tests.support.apps import deskhand
from tests.support.zoo import ZooForm

HISTORY: list[str] = []  # what the last commands printed, for the failure message


def ok(*args: str) -> str:
    result = deskhand(*args)
    HISTORY.append(f"$ deskhand {' '.join(args)} -> {result.returncode}\n{result.stdout.strip()[:300]}")
    del HISTORY[:-6]
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stderr}\nsteps before:\n" + "\n".join(HISTORY)
    return result.stdout


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def observed_texts(form: ZooForm) -> list[str]:
    data = json.loads(ok("observe", "--json", "--window", form.title))
    return [e["text"] for e in data["elements"] if e["window"] == form.title]


def every_label_observed(form: ZooForm) -> None:
    """Label, header and button texts of the dump must each be listed by `observe` as one element."""
    texts = observed_texts(form)
    seen = {norm(t) for t in texts}
    wanted = [i["text"] for i in form.dump()["items"] if i["role"] in ("label", "button")]
    missing = [t for t in wanted if norm(t) not in seen]
    assert missing == [], f"not observed as elements: {missing}; observed: {texts}"


def text_fields(form: ZooForm, position: str) -> list[str]:
    return [f.label for f in form.spec.fields if f.kind in ("text", "number", "date") and f.position == position]


def type_into(form: ZooForm, labels: list[str]) -> None:
    """Type each label's answer into the field that belongs to it; the form must hold exactly that."""
    form.reset()
    assert labels, "the spec has no such field"
    for label in labels:
        ok("act", "type", str(form.spec.answers[label]), "--into", label, "--window", form.title)
    values = form.values()
    got = {label: values[label] for label in labels}
    want = {label: form.spec.answers[label] for label in labels}
    assert got == want, f"the form holds {got}, not {want}"


def fill_everything(form: ZooForm) -> None:
    """Every field by `act`, each read back from the form as soon as it is filled, so a failure
    names the kind of field that went wrong (labels left or above, combo, check box, note, grid)."""
    spec = form.spec
    for f in spec.fields:
        answer: Any = spec.answers[f.label]
        if f.kind in ("text", "number", "date", "note"):
            ok("act", "type", str(answer), "--into", f.label, "--window", form.title)
        elif f.kind == "combo":
            ok("act", "click", f.label, "--field", "--window", form.title)
            ok("act", "click", answer, "--window", form.title)
        elif f.kind == "check":
            ok("act", "click", f.label, "--window", form.title)
        elif f.kind == "grid":
            for column in f.columns:
                ok("act", "type", answer[0][column], "--into", column, "--window", form.title)
            answer = answer[:1]  # the first row is the one typed
        got = form.values()[f.label]
        got = got[:1] if f.kind == "grid" else got
        where = f"labelled {f.position}" if f.kind in ("text", "number", "date") else f.kind
        assert got == answer, f"{f.label!r} ({where}) holds {got!r}, not {answer!r}"


def submit_confirm_and_read_status(form: ZooForm) -> None:
    """The whole form by `act`, submitted and confirmed; the file the form writes is the judge,
    then the status line is read back with `observe`."""
    form.reset()
    spec = form.spec
    fill_everything(form)
    ok("act", "click", spec.primary, "--window", form.title)
    ok("act", "click", spec.confirm, "--window", form.confirm_window)
    written = form.output()
    assert written == expected_output(form), f"the form wrote {written}"
    status = spec.status_after(1)
    assert norm(status) in norm(" ".join(observed_texts(form))), f"status {status!r} not observed"


def expected_output(form: ZooForm) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in form.spec.fields:
        out[f.label] = form.spec.answers[f.label]
    return out


def wrong_field_is_exit_1(form: ZooForm) -> None:
    """The form hands focus from the target field to the next one: typing lands elsewhere,
    and Deskhand must say so (exit 1), never report success."""
    form.reset()
    target = text_fields(form, "left")[0]
    form.request(f"trap {target}")
    value = str(form.spec.answers[target])
    result = deskhand("act", "type", value, "--into", target, "--window", form.title)
    values = form.values()
    form.reset()
    assert values[target] != value, "the trap did not move the focus: the test proves nothing"
    assert result.returncode == 1, (
        f"exit {result.returncode} while {target!r} holds {values[target]!r}\n{result.stderr}"
    )
