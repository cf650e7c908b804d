"""The task evaluation's tasks, as data built from zoo seeds (tests/bench/tasks.py runs them).

Seeds 31000-31999 are the task evaluation's own: the zoo's tests use 101, its benchmark
100-199 (development) and 7000-7099 (final), the golden set 52000-52014
(tests/eval/zoo_golden.py). Toolkit i of ZOO_TOOLKITS gets the form of seed FIRST + 10 i, where
FIRST is ``--first-seed`` (tests/bench/tasks.py; default 31000).

Which first seeds are spent (each uses FIRST .. FIRST + 59):

- 31000: development. Every round's tuning read its runs' turns; its figures are no held-out score.
- 31500: spent unscored. Round 9 printed its forms' field lists while writing ``--first-seed``
  (no run, no result), so it is no longer untouched.
- 31700: round 9's held-out draw, frozen in the commit that added it and scored once
  (docs/benchmarks.md, "Round 9": 32/50 to do, 1 false "finished"). Spent.
- 31800: round 10's held-out draw (branch ``negation``), frozen in the commit that named it here,
  before any run of it, and scored once on that commit's code (docs/benchmarks.md, "Round 10":
  49/50 to do, 0 false "finished"). Spent.
- 31900: round 10's pack comparison (branch ``packs``), frozen in a docs commit before any run
  and scored once for every pack on main's code of the time (docs/benchmarks.md, "Round 10,
  packs on held-out draw 31900": the default 50/50 to do, 0 false "finished"). Spent.
- 32000 and above: never used. Take the next one for the next honest figure.

The real applications' tasks (FeatherPad, HomeBank) do not depend on the seed: they are
development tasks in every draw.

A task is judged by the application's own output, never by what Deskhand says:
``values`` must be what the form's widgets hold afterwards (the form's dump),
``output`` what the form wrote on confirming, ``file`` a file a real application saved
(name -> the text it must hold, "" for "exists"), ``ledger`` one transaction HomeBank's
saved books must hold (tests/bench/tasks.py reads its ``<ope>`` elements), and a must-refuse task (``refuse``)
succeeds when nothing changed in the form and the run did not report "finished".
``needed`` names the questions the task may really need (a value the request does not
give); any other question is counted as not needed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tests.apps.zoo.spec import Spec, spec_for

FIRST_SEED = 31000
ZOO_TOOLKITS = ("tk", "gtk", "qt", "html", "swing", "win32")
RECEIPT_SEEDS = (3, 8)  # from receipt_generator.TUNING, never its FINAL range
REFUSALS = (
    "print this form",
    "what will the weather be in Oslo tomorrow",
    "delete the previous entry",
    "open the Reports tab",
    "tell me a joke",
    "attach the scanned contract",
)


@dataclass(frozen=True)
class Task:
    id: str
    app: str  # a zoo toolkit, or a real application (featherpad, homebank)
    kind: str  # single | form | combo | check | question | dialog | receipt | refuse | file | file-dialog | negation
    request: str
    seed: int = 0
    answers: tuple[str, ...] = ()
    attach_seed: int | None = None  # a generated receipt attached with --attach
    values: dict[str, Any] = field(default_factory=dict)
    output: dict[str, Any] = field(default_factory=dict)
    file: dict[str, str] = field(default_factory=dict)
    ledger: dict[str, Any] = field(default_factory=dict)  # amount (a number), memo, payee (its key)
    prefill: bool = False  # the bench fills the form (xdotool at the dump's boxes) before the request
    refuse: bool = False
    needed: tuple[str, ...] = ()
    smoke: bool = False


def seed_of(toolkit: str, first: int = FIRST_SEED) -> int:
    return first + 10 * ZOO_TOOLKITS.index(toolkit)


def zoo_tasks(toolkit: str, first: int = FIRST_SEED) -> list[Task]:
    seed = seed_of(toolkit, first)
    spec = spec_for(seed)
    a = {k: v for k, v in spec.answers.items() if isinstance(v, str)}
    entries = [f for f in spec.fields if f.kind in ("text", "number", "date")]
    texts = [f for f in entries if f.kind == "text"]
    number = next(f for f in spec.fields if f.kind == "number")
    combo = next(f for f in spec.fields if f.kind == "combo")
    check = next(f for f in spec.fields if f.kind == "check")
    one, two = entries[0], entries[-1]
    i = ZOO_TOOLKITS.index(toolkit)

    def task(n: int, kind: str, request: str, **extra: Any) -> Task:
        return Task(f"{toolkit}-{n}-{kind}", toolkit, kind, request, seed, **extra)

    tasks = [
        task(
            1,
            "single",
            f"type {a[texts[0].label]} into the {texts[0].label.lower()}",
            values={texts[0].label: a[texts[0].label]},
            smoke=toolkit == "tk",
        ),
        task(
            2,
            "form",
            f"enter {a[one.label]} as the {one.label.lower()} and {a[two.label]} as the {two.label.lower()}",
            values={one.label: a[one.label], two.label: a[two.label]},
        ),
        task(3, "combo", f"choose {a[combo.label]} as the {combo.label.lower()}", values={combo.label: a[combo.label]}),
        task(4, "check", f"tick {check.label}", values={check.label: True}),
        task(
            5,
            "question",
            f"fill in the {number.label.lower()}",
            answers=(a[number.label],),
            values={number.label: a[number.label]},
            needed=(number.label,),
        ),
        task(6, "dialog", f"{spec.primary.lower()} this entry", prefill=True, output=prefilled_output(spec)),
        task(7, "refuse", REFUSALS[i % len(REFUSALS)], refuse=True, smoke=toolkit == "tk"),
        # Negations: the request names the control to leave alone first. Until round 10 the option
        # builder planned it first (typing into the field to leave empty, ticking the box not to tick)
        # and every model took it; now it offers no step on it (models/policy/candidates.py).
        task(
            9,
            "negation",
            f"leave the {one.label.lower()} empty and type {a[two.label]} into the {two.label.lower()}",
            values={one.label: "", two.label: a[two.label]},
        ),
        task(
            10,
            "negation",
            f"do not tick {check.label}, only type {a[texts[0].label]} into the {texts[0].label.lower()}",
            values={check.label: False, texts[0].label: a[texts[0].label]},
            smoke=toolkit == "tk",  # "always the first option" ends it falsely "finished" without the goal check's rule
        ),
    ]
    if toolkit in ("tk", "qt"):
        receipt = RECEIPT_SEEDS[0 if toolkit == "tk" else 1]
        tasks.append(
            task(
                8,
                "receipt",
                f"type the receipt's total into the {number.label.lower()}",
                attach_seed=receipt,
                values={number.label: receipt_amount(receipt)},
            )
        )
    return tasks


def prefilled_output(spec: Spec) -> dict[str, Any]:
    """What the form writes once the bench's prefill is submitted: every text-like field, the combo's
    second item (one Down from empty picks the first; see tests/eval/zoo_capture.py)."""
    out: dict[str, Any] = {}
    for f in spec.fields:
        if f.kind in ("text", "number", "date", "note"):
            out[f.label] = spec.answers[f.label]
    return out


def receipt_amount(seed: int) -> str:
    from tests.support.receipt_generator import generate

    return generate(seed).amount


def real_app_tasks() -> list[Task]:
    """FeatherPad's and HomeBank's tasks, in the order they run. Each starts on a fresh
    application and fresh files (tests/bench/task_apps.py); the goals differ from task to task
    all the same, so a leftover could never pass for a success."""
    books = "books.xhb"
    receipt = RECEIPT_SEEDS[1]
    return [
        Task(
            "featherpad-1-file",
            "featherpad",
            "file",
            "type alpha beta gamma and save the file",
            file={"draft.txt": "alpha beta gamma"},
        ),
        Task(
            "featherpad-3-refuse",
            "featherpad",
            "refuse",
            "what is the capital of Peru",
            refuse=True,
            file={"draft.txt": ""},
        ),
        Task(
            "featherpad-4-question",
            "featherpad",
            "question",
            "type the invoice number and save the file",
            answers=("INV-2207",),
            file={"draft.txt": "INV-2207"},
            needed=("text",),
        ),
        Task(
            "featherpad-5-receipt",
            "featherpad",
            "receipt",
            "type the receipt's total and save the file",
            attach_seed=receipt,
            file={"draft.txt": receipt_amount(receipt)},
        ),
        Task(
            "featherpad-6-refuse",
            "featherpad",
            "refuse",
            "open the Reports tab",
            refuse=True,
            file={"draft.txt": ""},
        ),
        Task(
            "featherpad-2-file-dialog",
            "featherpad",
            "file-dialog",
            "save a copy of this file as copy.txt",
            file={"copy.txt": ""},
        ),
        Task(
            "homebank-1-form",
            "homebank",
            "form",
            "add a transaction of 12.50 with the memo Lunch with Li and save",
            file={books: "12.5"},
            ledger={"amount": 12.5, "memo": "Lunch with Li"},
        ),
        Task(
            "homebank-2-combo",
            "homebank",
            "combo",
            "add a transaction of 8.40 paid to Corner Shop and save",
            file={books: ""},
            ledger={"amount": 8.4, "payee": "1"},  # Corner Shop is payee 1 of the zoo's books
        ),
        Task(
            "homebank-3-question",
            "homebank",
            "question",
            "add a transaction with the memo Taxi to the airport and save",
            answers=("23.40",),
            file={books: ""},
            ledger={"amount": 23.4, "memo": "Taxi to the airport"},
            needed=("amount", "amount:"),
        ),
        Task(
            "homebank-4-receipt",
            "homebank",
            "receipt",
            "add the receipt's total as a transaction and save",
            attach_seed=receipt,
            file={books: ""},
            ledger={"amount": float(receipt_amount(receipt))},
        ),
        Task("homebank-5-refuse", "homebank", "refuse", "tell me a joke", refuse=True, file={books: ""}),
    ]


def all_tasks(smoke: bool = False, first: int = FIRST_SEED) -> list[Task]:
    tasks = [t for tk in ZOO_TOOLKITS for t in zoo_tasks(tk, first)] + real_app_tasks()
    return [t for t in tasks if t.smoke] if smoke else tasks
