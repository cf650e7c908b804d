"""`deskhand replay NAME --rows FILE [--on-error stop|continue] [--set K=V]... [--yes] [--json]`.

Reads the rows file, matches its columns to the skill's parameters and checks every
row has its values (automation.skills.bulk), all before anything is touched; asks once
for the bulk's confirmations (or takes --yes), then runs the skill once per row with a
line per row, records each run in the store's history, and ends with a summary.
Progress goes to stdout, or to stderr with --json so stdout holds only the JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from typing import Any

from app.cli.do import say_on_stderr
from app.cli.prompts import admitter, ask_missing, confirmer, yes_no
from app.services.compose import commit_rule
from app.services.skills import make_replayer, open_store, parse_values, pictures, replay_rows
from automation.errors import ExitCode, NeedsAnswer, Refused
from automation.protocols import Confirm
from automation.skills.bulk import BulkResult, OnError, Plan, RowResult, committing_steps, plan, uncovered
from automation.skills.model import Skill
from automation.skills.table import read_table


def run(args: argparse.Namespace) -> int:
    out = sys.stderr if args.json else sys.stdout
    with open_store() as store:
        skill = store.get(args.name)
        defaults = parse_values(args.values, skill)
        table = read_table(args.rows)
        ask_missing(uncovered(skill, table, defaults), defaults)  # once, for every row; secrets without echo
        rows = plan(skill, table, defaults)  # exit 3 naming what is missing, before anything is touched
        if rows.unknown:
            takes = ", ".join(p.name for p in skill.params) or "none"
            ignored = ", ".join(repr(c) for c in rows.unknown)
            print(f"ignoring columns {ignored}: no such parameter (the skill takes {takes})", file=sys.stderr)
        steps = committing_steps(skill, commit_rule(), pictures(skill))
        confirm = approve_bulk(skill, rows, args.yes, steps) or confirmer(args.yes)
        replayer = make_replayer(
            confirm,
            lambda step: None,
            args.model,
            args.server,
            say=(lambda line: None) if args.json else say_on_stderr,
            approver="--yes" if args.yes else "user",  # the bulk's one yes is the user's
            admit=admitter,  # another application: asked on a terminal, never approved by --yes
            confirm_repair=confirmer(False),  # a repair is the model's action: the one yes above never saw it
        )
        on_error: OnError = "continue" if args.on_error == "continue" else "stop"
        print(f"{skill.name}: {len(rows.rows)} rows from {table.path.name}, on error: {on_error}", file=out, flush=True)

        def report(row: RowResult, so_far: BulkResult) -> None:
            print(row_line(row, len(rows.rows), so_far), file=out, flush=True)

        result = replay_rows(store, replayer, rows, on_error, report)
    if args.json:
        print(json.dumps(result_json(result, rows, on_error), indent=2, ensure_ascii=False))
    else:
        print(summary(result, skill, rows))
    if result.interrupted is not None:
        raise result.interrupted  # Ctrl-C, a refusal, a question: its own exit code, after the summary
    return ExitCode.OK if result.count("failed") == 0 else ExitCode.FAILED


def approve_bulk(skill: Skill, rows: Plan, yes: bool, steps: list[str]) -> Confirm | None:
    """One yes for every row's committing ``steps``, asked before the first row; None when none commit."""
    if not steps:
        return None
    if not yes:
        count = f"{len(rows.rows)} row{'s' if len(rows.rows) > 1 else ''}"
        question = f"run {skill.name!r} on {count}, doing {', '.join(steps)} on each without asking?"
        if not sys.stdin.isatty():
            raise NeedsAnswer(f"confirmation needed: {question}", "run it again with --yes to approve every row")
        if not yes_no(question):
            raise Refused("declined: no row was run", "run it again and approve, or replay one row at a time")
    return lambda question, act: True


def row_line(row: RowResult, total: int, so_far: BulkResult) -> str:
    head = f"row {row.n}/{total} (line {row.line}): "
    tally = f"  [{so_far.count('done')} done, {so_far.count('failed')} failed]"
    if row.status == "done":
        return f"{head}done in {row.seconds:.1f} s{tally}"
    return f"{head}FAILED in {row.seconds:.1f} s: {row.error}{tally}"


def summary(result: BulkResult, skill: Skill, rows: Plan) -> str:
    total = len(result.rows)
    ran = [r for r in result.rows if r.status != "skipped"]
    each = f", {sum(r.seconds for r in ran) / len(ran):.1f} s a row" if ran else ""
    demo = f"; the demonstration took {skill.demo_seconds:.1f} s" if skill.demo_seconds else ""
    lines = [
        f"{skill.name}: {result.count('done')} done, {result.count('failed')} failed, "
        f"{result.count('skipped')} skipped of {total} rows in {result.seconds:.1f} s{each}{demo}"
    ]
    if result.stopped:
        lines.append(f"stopped: {result.stopped}")
    for r in result.rows:
        if r.status == "failed":
            shot = f" (screenshot: {r.screenshot})" if r.screenshot and r.screenshot not in r.error else ""
            lines.append(f"  failed: row {r.n} (line {r.line}): {r.error}{shot}")
    return "\n".join(lines)


def result_json(result: BulkResult, rows: Plan, on_error: str) -> dict[str, Any]:
    return {
        "skill": result.skill,
        "rows_file": str(rows.path),
        "status": "done" if result.count("failed") == 0 and result.count("skipped") == 0 else "failed",
        "on_error": on_error,
        "total": len(result.rows),
        "done": result.count("done"),
        "failed": result.count("failed"),
        "skipped": result.count("skipped"),
        "seconds": round(result.seconds, 3),
        "demo_seconds": rows.skill.demo_seconds,
        "columns": rows.columns,
        "unknown_columns": list(rows.unknown),
        "stopped": result.stopped,
        "rows": [{**asdict(r), "seconds": round(r.seconds, 3)} for r in result.rows],
    }
