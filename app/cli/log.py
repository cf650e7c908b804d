"""`deskhand log`: the audit log, every action Deskhand sent and who approved it (app.services.records reads it)."""

from __future__ import annotations

import argparse
import json
import time

from app.services import records
from automation.errors import ExitCode
from automation.skills.trust import clean


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    log = sub.add_parser("log", help="the audit log: every action Deskhand sent, who approved it, how it went")
    log.add_argument(
        "--since", metavar="DURATION|DATE", help="only entries since 2h, 7d, 1w ago or a date (2026-12-01)"
    )
    log.add_argument("--json", action="store_true", help="one JSON object a line, as stored")


def run(args: argparse.Namespace) -> int:
    after = records.parse_since(args.since) if args.since else None
    for entry in records.read_log(after):
        print(json.dumps(entry, ensure_ascii=False) if args.json else clean(log_line(entry)))
    return ExitCode.OK


def log_line(e: dict[str, object]) -> str:
    if "unreadable" in e:
        return f"(unreadable line) {e['unreadable']}"
    when = e.get("time")
    stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(when)) if isinstance(when, (int, float)) else "?"
    value = e.get("value")
    typed = f" {value!r}" if isinstance(value, str) else ""
    target = f" {e.get('target')!r}" if e.get("target") else ""
    return (
        f"{stamp} {e.get('who')} [{e.get('request')}] step {e.get('step')}: {e.get('action')}{target}{typed} "
        f"in {e.get('window')!r} [{e.get('app')}]; approved by {e.get('confirmed')}; {e.get('result')}"
    )
