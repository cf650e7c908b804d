"""`deskhand dataset export FILE.jsonl [--skills-only]`: fine-tuning examples from skills and runs
(app.services.dataset builds and writes them; this module says what was written)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.services.dataset import export_dataset
from automation.errors import ExitCode

KINDS = {"EMAIL": "email", "PHONE": "phone number", "CARD": "card number", "ID": "ID number"}


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    dataset = sub.add_parser("dataset", help="export what you taught as fine-tuning examples")
    verbs = dataset.add_subparsers(dest="dataset_verb", metavar="VERB", required=True)
    export = verbs.add_parser("export", help="write chat-format examples (JSONL), personal data scrubbed")
    export.add_argument("file", type=Path, metavar="FILE.jsonl")
    export.add_argument("--skills-only", action="store_true", help="only the skills' example requests, not past runs")


def run(args: argparse.Namespace) -> int:
    target: Path = args.file
    if not target.parent.is_dir():
        print(f"deskhand dataset: no folder {target.parent} to write {target.name} in", file=sys.stderr)
        return ExitCode.USAGE
    done = export_dataset(target, args.skills_only)
    for bad in done.left_out:
        print(f"deskhand: left out skill {bad.name!r}: {bad.reason}", file=sys.stderr)
    data = done.data
    scrubbed = ", ".join(f"{n} {KINDS[k]}{'s' if n > 1 else ''}" for k, n in sorted(data.scrubbed.items()))
    print(
        f"wrote {len(data.examples)} examples to {target}: {data.from_requests} from {done.skills} skills' "
        f"example requests, {data.from_runs} from {done.runs} successful runs, "
        f"{data.from_steps} screen -> next action from their steps"
        + (f" ({data.duplicates} duplicates left out)" if data.duplicates else "")
        + f"; scrubbed: {scrubbed or 'nothing'}"
    )
    if not data.examples:
        print("nothing to learn from yet: give the skills example requests, or run them", file=sys.stderr)
    return ExitCode.OK
