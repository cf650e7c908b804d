"""The `deskhand` entry point: a command runs in app.cli; with none, the panel opens when a
display and Qt are there, else the terminal conversation, else the help.

Choosing here keeps the two faces apart: app.cli never imports app.ui. Qt is imported
only when the panel opens, so `deskhand --help` and every command start without it.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from app import cli
from app.cli import console


def main(argv: Sequence[str] | None = None) -> int:
    return cli.run(cli.parser().parse_args(argv), no_command=open_panel_or_console)


def open_panel_or_console(args: argparse.Namespace) -> int:
    """The panel when a display and Qt are there; else the terminal conversation; else help."""
    if not args.console:
        why = panel_unavailable()
        if why is None:
            from app.ui.launch import run  # Qt loads here, and only here

            return run(args.console_model, args.console_server, args.console_audio, args.console_speech)
        console.panel_unavailable(why)
    if console.can_talk(args.console_audio):
        return console.run(args.console_model, args.console_server, args.console_audio, args.console_speech)
    return cli.print_help()


def panel_unavailable() -> str | None:
    """Why the panel cannot open here, or None when it can."""
    try:
        from app.ui.launch import can_start
    except ImportError as err:  # PySide6 or its system libraries are missing
        return f"Qt does not load: {err}; `deskhand doctor` lists what is missing"
    return can_start()
