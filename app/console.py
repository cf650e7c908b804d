"""`deskhand` with no arguments on a terminal: a conversation with the agent.

The model loads once; each line typed is a request, run by the same agent loop as
`deskhand do`, with questions and confirmations asked right here. The Qt panel
(issue 7) will replace this as the default face; the loop and its callbacks stay.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from automation.agent.loop import Agent, Status
from automation.decisions import Act, Ask
from automation.errors import DeskhandError

if TYPE_CHECKING:
    from app.compose import Session

PROMPT = "deskhand> "
GREETING = (
    "Deskhand: tell me what to do in the application on screen, e.g. "
    '"enter 42.50 as the amount and submit". Empty line or Ctrl-D to quit.'
)


def run(
    model_spec: str | None = None, server: str | None = None, audio_file: str | None = None, speech: str | None = None
) -> int:
    """With ``audio_file``, the request spoken in it comes first; without a terminal it is the only one."""
    from app.compose import build_session
    from app.do_command import open_chosen_model, print_progress, print_result
    from app.skill_runner import SkillRunner, skill_cards
    from models.policy.policy import ModelPolicy

    if not sys.stdin.isatty() and not audio_file:
        print('deskhand: no terminal to talk on; use `deskhand do "REQUEST"` in scripts', file=sys.stderr)
        return 2
    session = build_session()
    spoken = [heard_in(audio_file, speech or "", session)] if audio_file else []
    model = open_chosen_model(model_spec, server, quiet=False)
    agent = Agent(
        session.observer,
        session.actor,
        ModelPolicy(model),
        confirm=ask_yes_no,
        report=print_progress,
        answer=ask_question,
        skills=skill_cards(),
        run_skill=(runner := SkillRunner(session, ask_yes_no, say=print)),
    )
    print(GREETING)
    while True:
        try:
            request = spoken.pop() if spoken else input(PROMPT).strip() if sys.stdin.isatty() else ""
        except EOFError:
            print()
            return 0
        if not request:
            return 0
        runner.request = request
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


def heard_in(audio_file: str, speech: str, session: Session) -> str:
    """The request spoken in ``audio_file``, printed as heard; exit 2 for a bad or silent file."""
    from pathlib import Path

    from app.settings import load_settings
    from app.voice.engine import open_engine
    from app.voice.hints import hints_now
    from app.voice.listen import hear
    from automation.audio.wav import WavFile

    audio = WavFile(Path(audio_file)).record()
    hints = hints_now(session.observer.observe())
    request = hear(audio, open_engine(speech or load_settings().speech), hints, audio_file).request
    print(f"heard: {request}", flush=True)
    return request


def ask_yes_no(question: str, act: Act) -> bool:
    return input(f"{question} [y/N] ").strip().casefold() in ("y", "yes")


def ask_question(question: Ask) -> str | None:
    reply = input(f"{question.question} ").strip()
    return reply or None
