"""`deskhand dataset export FILE.jsonl [--skills-only]`: fine-tuning examples from skills and runs.

Reads the skill store (every readable skill's card, and the successful runs of its
history unless --skills-only), builds the chat examples (models.training.dataset,
personal data scrubbed) and writes them, one JSON object a line, through a temporary
file beside FILE, so a failed export never leaves half a file.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

EXIT_OK, EXIT_USAGE = 0, 2
KINDS = {"EMAIL": "email", "PHONE": "phone number", "CARD": "card number", "ID": "ID number"}


COMMANDS = ("dataset",)  # the subcommands this module adds and runs


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    dataset = sub.add_parser("dataset", help="export what you taught as fine-tuning examples")
    verbs = dataset.add_subparsers(dest="dataset_verb", metavar="VERB", required=True)
    export = verbs.add_parser("export", help="write chat-format examples (JSONL), personal data scrubbed")
    export.add_argument("file", type=Path, metavar="FILE.jsonl")
    export.add_argument("--skills-only", action="store_true", help="only the skills' example requests, not past runs")


def run(args: argparse.Namespace) -> int:
    from app.skills_command import open_store
    from models.training.dataset import PastCall, build, screen_steps

    target: Path = args.file
    if not target.parent.is_dir():
        print(f"deskhand dataset: no folder {target.parent} to write {target.name} in", file=sys.stderr)
        return EXIT_USAGE
    with open_store() as store:
        skills, unreadable = store.scan()
        runs = [] if args.skills_only else store.history(ok_only=True)
    for bad in unreadable:
        print(f"deskhand: left out skill {bad.name!r}: {bad.reason}", file=sys.stderr)
    steps = [step for skill in skills for step in screen_steps(skill)]
    data = build([s.card() for s in skills], [PastCall(r.skill, r.args, r.request) for r in runs], steps)
    write_lines(target, [json.dumps(e, ensure_ascii=False) for e in data.examples])
    scrubbed = ", ".join(f"{n} {KINDS[k]}{'s' if n > 1 else ''}" for k, n in sorted(data.scrubbed.items()))
    print(
        f"wrote {len(data.examples)} examples to {target}: {data.from_requests} from {len(skills)} skills' "
        f"example requests, {data.from_runs} from {len(runs)} successful runs, "
        f"{data.from_steps} screen -> next action from their steps"
        + (f" ({data.duplicates} duplicates left out)" if data.duplicates else "")
        + f"; scrubbed: {scrubbed or 'nothing'}"
    )
    if not data.examples:
        print("nothing to learn from yet: give the skills example requests, or run them", file=sys.stderr)
    return EXIT_OK


def write_lines(target: Path, lines: list[str]) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as f:
            f.writelines(line + "\n" for line in lines)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
