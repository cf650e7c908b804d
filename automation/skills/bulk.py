"""A skill run once per row of a spreadsheet: columns matched to parameters, rows run in order.

Everything about the data is checked before the first row runs: each parameter needs a
column or a default (``--set``), and each row a value for every parameter (a cell, or
the default when the cell is empty), so a bad file stops before anything is touched.
A column is a parameter when its header folds to the parameter's name ("Unit Price"
-> ``unit_price``, as at recording); other columns are reported once and ignored.

Rows then run one after another through ``replay`` (a Replayer's run and the store's
history, composed by the caller). Getting the application back to where the skill
starts is the skill's job: one that ends where it began (the form empty again after
Submit) runs row after row. A failed row stops the run (``stop``: the rest are
skipped) or not (``continue``: each later row is tried and reported). Stopping by the
user (Ctrl-C, the abort flag), a refused confirmation or a question without an answer
ends the run whatever ``on_error`` says. Secret values (a PIN from a column) are in no
report: messages are redacted with the row's secret values as a last guard.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from automation.commit_rule import CommitRule, commits
from automation.errors import Aborted, DeskhandError, ExitCode, NeedsAnswer, Refused
from automation.secrets import redact
from automation.skill_card import SkillParam
from automation.skills.model import ClickStep, KeyStep, Skill, TypeStep, param_name
from automation.skills.table import Table, TableError
from automation.types import Click, Key, Target, TypeText

OnError = Literal["continue", "stop"]
STOPPERS = (Aborted, NeedsAnswer, Refused, KeyboardInterrupt)  # the user's call, not the row's fault


@dataclass(frozen=True)
class PlannedRow:
    n: int  # 1-based, among the rows that run
    line: int  # where it is in the file
    values: dict[str, str] = field(repr=False)  # every parameter's value, secrets included: never shown


@dataclass(frozen=True)
class Plan:
    skill: Skill
    path: Path  # the rows file
    rows: tuple[PlannedRow, ...]
    columns: dict[str, str]  # column header -> parameter name
    unknown: tuple[str, ...]  # columns that name no parameter: ignored


@dataclass(frozen=True)
class RowResult:
    n: int
    line: int
    status: Literal["done", "failed", "skipped"]
    seconds: float = 0.0
    error: str = ""  # redacted
    exit_code: int = 0
    screenshot: str | None = None
    model_calls: int = 0


@dataclass(frozen=True)
class BulkResult:
    skill: str
    rows: tuple[RowResult, ...]
    seconds: float
    stopped: str = ""  # why the rest was skipped, if it was
    interrupted: BaseException | None = field(default=None, compare=False)  # re-raised after the summary

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.rows)


def columns_for(skill: Skill, table: Table) -> tuple[dict[str, str], tuple[str, ...]]:
    """Column -> parameter, and the columns that are no parameter; two columns for one parameter is an error."""
    names = {p.name for p in skill.params}
    matched: dict[str, str] = {}
    unknown = []
    for column in table.columns:
        name = param_name(column)
        if name not in names:
            unknown.append(column or "(a column without a name)")
            continue
        twin = next((c for c, n in matched.items() if n == name), None)
        if twin is not None:
            raise TableError(
                f"columns {twin!r} and {column!r} of {table.path.name} are both the parameter {name!r}",
                "remove or rename one of them",
            )
        matched[column] = name
    return matched, tuple(unknown)


def uncovered(skill: Skill, table: Table, defaults: Mapping[str, str]) -> list[SkillParam]:
    """Parameters with neither a column nor a default: they would be missing from every row."""
    matched, _ = columns_for(skill, table)
    return [p for p in skill.params if p.name not in matched.values() and p.name not in defaults]


def plan(skill: Skill, table: Table, defaults: Mapping[str, str]) -> Plan:
    """Each row's values (a cell, else the default); NeedsAnswer (exit 3) naming whatever is missing."""
    matched, unknown = columns_for(skill, table)
    missing = uncovered(skill, table, defaults)
    if missing:
        listed = "; ".join(f"{p.name} ({p.description})" if p.description else p.name for p in missing)
        sets = " ".join(f"--set {p.name}=..." for p in missing)
        raise NeedsAnswer(
            f"{table.path.name} has no column for {listed}, and no default was given",
            f"add a column named like the parameter, or give one value for every row: {sets}",
        )
    where = {name: i for i, column in enumerate(table.columns) if (name := matched.get(column))}
    rows, gaps = [], []
    for n, row in enumerate(table.rows, 1):
        values = dict(defaults)
        values.update({name: row.cells[i] for name, i in where.items() if row.cells[i]})
        absent = [p.name for p in skill.params if p.name not in values]
        if absent:
            gaps.append(f"line {row.line} ({', '.join(absent)})")
        rows.append(PlannedRow(n, row.line, values))
    if gaps:
        shown = "; ".join(gaps[:5]) + (f"; and {len(gaps) - 5} more rows" if len(gaps) > 5 else "")
        raise NeedsAnswer(
            f"{table.path.name} has empty cells with no default: {shown}",
            "fill them in, or give a value for the empty ones with --set NAME=VALUE",
        )
    if not rows:
        raise TableError(f"{table.path.name} has a header but no rows", "add one row per run under the header")
    return Plan(skill, table.path, tuple(rows), matched, unknown)


def committing_steps(
    skill: Skill,
    rule: CommitRule | None = None,
    pictured: Callable[[ClickStep], Sequence[str] | None] = lambda step: None,
) -> list[str]:
    """The steps that need the user's yes on every row (Submit, Yes, ctrl+s, a Return, ...), in words.

    The same rule as the replay asks by (agent.risk), read from the recorded steps: a click's
    label and recorded picture (``pictured``), a key, typed text ending a line.
    """
    rule = rule or CommitRule()
    found = []
    for step in skill.steps:
        if isinstance(step, ClickStep):
            label = step.anchor.label or ""
            click = Click(Target(label, field=step.anchor.field))
            if (label and commits(click, rule)) or commits(click, rule, pictured(step)):
                found.append(f"click {label!r}" if label else "click the recorded spot")
        elif isinstance(step, KeyStep) and commits(Key(step.combo), rule):
            found.append(f"press {step.combo}")
        elif isinstance(step, TypeStep) and commits(TypeText(step.text), rule):
            found.append(f"type {step.text.splitlines()[0] if step.text.strip() else ''!r} and a Return")
    return found


Replay = Callable[[Mapping[str, str]], int]  # runs the skill with one row's values; returns the model calls made
Report = Callable[[RowResult, "BulkResult"], None]  # after each row: that row, and every row so far


def run_rows(plan: Plan, replay: Replay, on_error: OnError = "stop", report: Report | None = None) -> BulkResult:
    secret = [p.name for p in plan.skill.params if p.secret]
    started = time.perf_counter()
    results: list[RowResult] = []
    stopped, interrupted = "", None

    def so_far() -> BulkResult:
        return BulkResult(plan.skill.name, tuple(results), time.perf_counter() - started, stopped, interrupted)

    for row in plan.rows:
        if stopped:
            results.append(RowResult(row.n, row.line, "skipped"))
            continue
        t = time.perf_counter()
        hidden = [row.values[name] for name in secret]
        try:
            calls = replay(row.values)
        except STOPPERS as err:
            message = err.message if isinstance(err, DeskhandError) else "aborted (Ctrl-C)"
            stopped, interrupted = redact(message, hidden), err
            exit_code = err.exit_code if isinstance(err, DeskhandError) else ExitCode.ABORTED
            results.append(RowResult(row.n, row.line, "failed", time.perf_counter() - t, stopped, exit_code))
        except DeskhandError as err:
            shot = getattr(err, "screenshot", None)
            error = redact(err.message, hidden)
            failed = RowResult(
                row.n, row.line, "failed", time.perf_counter() - t, error, err.exit_code, str(shot) if shot else None
            )
            results.append(failed)
            if on_error == "stop":
                stopped = f"row {row.n} (line {row.line}) failed, and --on-error is stop"
        else:
            results.append(RowResult(row.n, row.line, "done", time.perf_counter() - t, model_calls=calls))
        if report is not None:
            report(results[-1], so_far())
    return so_far()
