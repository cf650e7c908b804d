"""`deskhand doctor`: check display, X extensions, Tesseract and Python packages (app.services.doctor)."""

from __future__ import annotations

import argparse
import json

from app.services.doctor import as_json, as_table, diagnose, healthy
from automation.errors import ExitCode


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    doctor = sub.add_parser("doctor", help="check display, X extensions, Tesseract and Python packages")
    doctor.add_argument("--json", action="store_true", help="print the checks as JSON")


def run(args: argparse.Namespace) -> int:
    checks = diagnose()
    print(json.dumps(as_json(checks), indent=2) if args.json else as_table(checks))
    return ExitCode.OK if healthy(checks) else ExitCode.ENVIRONMENT
