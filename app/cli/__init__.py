"""The `deskhand` commands: one module per command, and prompts.py for every terminal question.

This package is the only one in Deskhand that prints. A command's errors become a line
on stderr and the error's exit code (automation.errors.ExitCode; docs/cli.md has the
table) in ``run``; the panel shows the same errors in its conversation instead.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable

from app import __version__
from app.cli import act, dataset, do, doctor, forget, log, models, observe, record, replay, skills
from app.services.records import apply_retention, tighten_once
from app.services.settings import days, load_settings
from automation.errors import DeskhandError, ExitCode

# Each adds its subcommand with add_parser and runs it with run; in the order `--help` lists them.
COMMANDS = {
    "doctor": doctor,
    "observe": observe,
    "act": act,
    "do": do,
    "models": models,
    "skills": skills,
    "replay": replay,
    "record": record,
    "dataset": dataset,
    "log": log,
    "forget": forget,
}

Handler = Callable[[argparse.Namespace], int]


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="deskhand",
        description="A local assistant that reads the screen and drives legacy desktop applications.",
        epilog="Exit codes: docs/cli.md. Nothing leaves this machine.",
    )
    p.add_argument("--version", action="version", version=f"deskhand {__version__}")
    p.add_argument(
        "--console", action="store_true", help="with no command: talk on this terminal instead of opening the panel"
    )
    p.add_argument("--model", dest="console_model", metavar="NAME|PATH", help="with no command: the model to talk with")
    p.add_argument("--server", dest="console_server", metavar="URL", help="with no command: a model server instead")
    p.add_argument(
        "--audio-file", dest="console_audio", metavar="FILE", help="with no command: a request spoken in a WAV file"
    )
    p.add_argument("--speech", dest="console_speech", metavar="ENGINE", help="with no command: the speech engine")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS.values():
        module.add_parser(sub)
    return p


def run(args: argparse.Namespace, no_command: Handler) -> int:
    """The command ``args`` names (``no_command`` when none), its errors turned into exit codes."""
    os.umask(0o077)  # what Deskhand writes (skills, recordings, screenshots, the audit log) is the user's alone
    try:
        start_up()
        handler: Handler = COMMANDS[args.command].run if args.command else no_command
        return handler(args)
    except DeskhandError as err:
        print(f"deskhand: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("deskhand: aborted", file=sys.stderr)
        return ExitCode.ABORTED
    except BrokenPipeError:  # `deskhand observe | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return ExitCode.OK


def start_up() -> None:
    """Files left open by an older version closed, and retention from the settings applied, before any command.

    A broken settings file does not stop a command that needs no settings, but is never
    silent: without readable settings nothing is removed, and a warning says why.
    """
    tighten_once()
    try:
        settings = load_settings()
    except DeskhandError as err:
        print(f"deskhand: warning: retention was not applied: {err}", file=sys.stderr)
        return
    apply_retention(days(settings, "keep_days"), days(settings, "audit_days"))


def print_help() -> int:
    parser().print_help()
    return ExitCode.OK
