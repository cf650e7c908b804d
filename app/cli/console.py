"""`deskhand --console`, or `deskhand` on a terminal without the panel: a conversation with the agent.

The model loads once; each line typed is a request, run by the same agent as
`deskhand do` (app.services.agent), with questions and confirmations asked right here.
The panel is the default when a display and Qt are there; this is the terminal's way.
"""

from __future__ import annotations

import sys

from app.cli.do import print_progress, print_result, say_on_stderr
from app.cli.prompts import answer_question, confirm_here
from app.services.agent import build_agent
from app.services.compose import build_session
from app.services.models import open_chosen_model
from app.services.voice.spoken import hear_recordings, read_recordings
from automation.agent.loop import Status
from automation.errors import DeskhandError, ExitCode

PROMPT = "deskhand> "
GREETING = (
    "Deskhand: tell me what to do in the application on screen, e.g. "
    '"enter 42.50 as the amount and submit". Empty line or Ctrl-D to quit.'
)


def can_talk(audio_file: str | None) -> bool:
    """A person at a terminal, or a spoken request to run."""
    return sys.stdin.isatty() or bool(audio_file)


def panel_unavailable(why: str) -> None:
    print(f"deskhand: the panel cannot open ({why}); talking on the terminal instead", file=sys.stderr)


def run(
    model_spec: str | None = None, server: str | None = None, audio_file: str | None = None, speech: str | None = None
) -> int:
    """With ``audio_file``, the request spoken in it comes first; without a terminal it is the only one."""
    if not can_talk(audio_file):
        print('deskhand: no terminal to talk on; use `deskhand do "REQUEST"` in scripts', file=sys.stderr)
        return ExitCode.USAGE
    session = build_session()
    spoken = []
    if audio_file:  # a bad or silent file: exit 2 before the model loads
        heard = hear_recordings(
            read_recordings([audio_file]), audio_file, [], speech or "", session.observer.observe, say=say_now
        )
        spoken.append(heard["heard"])
    model = open_chosen_model(model_spec, server, say=say_on_stderr)
    agent = build_agent(
        session,
        model,
        confirm=confirm_here,
        report=print_progress,
        answer=answer_question,
        say=print,
        admit=confirm_here,
    )
    print(GREETING)
    while True:
        try:
            request = spoken.pop() if spoken else input(PROMPT).strip() if sys.stdin.isatty() else ""
        except EOFError:
            print()
            return ExitCode.OK
        if not request:
            return ExitCode.OK
        try:
            result = agent.run(request)
        except DeskhandError as err:  # this request failed; the conversation goes on
            print(f"deskhand: {err}", file=sys.stderr)
            continue
        except KeyboardInterrupt:
            print("\naborted", file=sys.stderr)
            continue
        if result.status is not Status.ASKED:
            print_result(result)


def say_now(line: str) -> None:
    print(line, flush=True)
