"""`deskhand do "REQUEST"`: the agent loop on the terminal.

Reads the attachments and the spoken request first (a bad file fails before a model
loads), builds the agent (app.services.agent), asks confirmations on the terminal,
prints each step, and turns the loop's result into an exit code (docs/cli.md).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from app.cli.prompts import admitter, confirmer
from app.services.agent import build_agent
from app.services.attach import attached_line, facts_of, read_attachments
from app.services.compose import build_session
from app.services.models import open_chosen_model
from app.services.voice.spoken import hear_recordings, read_recordings
from automation.agent.loop import AgentReport, Result, Status
from automation.decisions import ModelCall
from automation.errors import ExitCode, UsageError
from models.packs import DEFAULT_PACK

if TYPE_CHECKING:
    from automation.documents.read import Document

EXIT_BY_STATUS = {
    Status.DONE: ExitCode.OK,
    Status.REPLIED: ExitCode.OK,
    Status.ASKED: ExitCode.NEEDS_ANSWER,
    Status.DECLINED: ExitCode.REFUSED,
    Status.IMPOSSIBLE: ExitCode.FAILED,
    Status.FAILED: ExitCode.FAILED,
    Status.STEP_LIMIT: ExitCode.FAILED,
    Status.UNFINISHED: ExitCode.FAILED,
}


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    do = sub.add_parser("do", help="carry out a request in words: observe, decide with the local model, act, verify")
    do.add_argument(
        "request", metavar="REQUEST", nargs="?", help='what to do, e.g. "enter 42.50 as the amount and submit"'
    )
    do.add_argument("--audio-file", metavar="FILE", help="the request spoken in a WAV file, instead of REQUEST")
    source = do.add_mutually_exclusive_group()
    source.add_argument("--model", metavar="NAME|PATH", help=f"a model pack or a GGUF file (default: {DEFAULT_PACK})")
    source.add_argument("--server", metavar="URL", help="an OpenAI-compatible server, e.g. http://host:8080#model")
    do.add_argument("--window", metavar="TITLE", help="work only in the window whose title contains TITLE")
    do.add_argument("--max-steps", type=int, default=12, metavar="N", help="stop after N steps (default 12)")
    do.add_argument("--yes", action="store_true", help="approve every confirmation (submit, save, delete, ...)")
    do.add_argument(
        "--answer", action="append", default=[], metavar="TEXT", help="an answer to the next question; may repeat"
    )
    do.add_argument(
        "--attach",
        action="append",
        default=[],
        metavar="FILE",
        help="a receipt or invoice (image or PDF) whose amount, date, vendor and category fill the form; may repeat",
    )
    do.add_argument(
        "--answer-audio",
        action="append",
        default=[],
        metavar="FILE",
        help="an answer spoken in a WAV file, used after the --answer ones; may repeat",
    )
    do.add_argument("--speech", metavar="ENGINE", help="the speech engine for audio (default: whisper-tiny.en)")
    do.add_argument("--json", action="store_true", help="print the steps and the result as JSON")


def run(args: argparse.Namespace) -> int:
    if args.max_steps < 1:
        raise SystemExit("deskhand do: --max-steps must be at least 1")
    if bool(args.audio_file) == bool(args.request):
        raise UsageError(
            "deskhand do needs a REQUEST or --audio-file FILE" + (", not both" if args.request else ""),
            'deskhand do "enter 42.50 as the amount", or deskhand do --audio-file request.wav',
        )
    out = sys.stderr if args.json else sys.stdout
    recordings = read_recordings([f for f in [args.audio_file, *args.answer_audio] if f])
    documents = read_attachments(args.attach)  # before the model loads: a bad file fails fast
    for document in documents:
        print(attached_line(document), file=out, flush=True)
    session = build_session(approver="--yes" if args.yes else "user")
    heard: dict[str, Any] = {}
    if recordings:  # heard before the model loads: a silent file costs no model load and sends nothing
        heard = hear_recordings(
            recordings,
            args.audio_file,
            args.answer_audio,
            args.speech or "",
            lambda: session.observer.observe(window=args.window),
            say=lambda line: print(line, file=out, flush=True),
        )
        heard["heard"] = heard["heard"] or args.request
        args.request, args.answer = heard["heard"], [*args.answer, *heard["heard_answers"]]
    model = open_chosen_model(
        args.model, args.server, say=(lambda line: None) if args.json else say_on_stderr, warn=say_on_stderr
    )
    steps: list[dict[str, Any]] = []
    agent = build_agent(
        session,
        model,
        confirm=confirmer(args.yes),
        report=(lambda p: steps.append(progress_json(p))) if args.json else print_progress,
        say=(lambda line: None) if args.json else print,
        window=args.window,
        max_steps=args.max_steps,
        admit=admitter,  # another application: asked on a terminal, never approved by --yes
    )
    result = agent.run(
        args.request,
        answers=args.answer,
        documents=[d.for_policy() for d in documents],
        facts=facts_of(documents),
    )
    code = EXIT_BY_STATUS[result.status]
    if args.json:
        report = result_json(result, model.name, steps, code) | heard
        report["documents"] = [document_json(d) for d in documents]
        print(json.dumps(report, indent=2, ensure_ascii=False, default=str))
    else:
        print_result(result)
    return code


def say_on_stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def print_progress(p: AgentReport) -> None:
    if p.stage == "finish":
        return
    line = f"{p.step:>2}. {p.stage:<8} {p.text}"
    calls: tuple[ModelCall, ...] = p.data.get("calls", ())
    if calls:
        line += "  (model: " + ", ".join(f"{c.purpose} {c.seconds:.2f} s" for c in calls) + ")"
    elif "ms" in p.data:
        line += f"  ({p.data['ms']:.0f} ms)"
    print(line, flush=True)


def print_result(result: Result) -> None:
    model_seconds = sum(c.seconds for c in result.calls)
    print(f"{result.status.value}: {result.message}")
    for missing in result.unmet:
        print(f"  not done: {missing}")
    print(f"{result.steps} steps, {len(result.calls)} model calls ({model_seconds:.1f} s)")
    if result.status is Status.ASKED:
        print('answer with --answer "..." and run the same request again', file=sys.stderr)


def progress_json(p: AgentReport) -> dict[str, Any]:
    data = {k: v for k, v in p.data.items() if k != "calls"}
    calls = [asdict(c) for c in p.data.get("calls", ())]
    return {"step": p.step, "stage": p.stage, "text": p.text, "at": round(time.time(), 3), **data, "model_calls": calls}


def document_json(document: Document) -> dict[str, Any]:
    receipt = document.receipt
    return {
        "path": document.path,
        "fields": dict(receipt.facts()),
        "currency": receipt.currency,
        "missing": list(receipt.missing),
        "seconds": round(document.seconds, 3),
    }


def result_json(result: Result, model: str, steps: list[dict[str, Any]], code: int) -> dict[str, Any]:
    return {
        "status": result.status.value,
        "message": result.message,
        "exit_code": int(code),
        "finished": result.finished,
        "unmet": list(result.unmet),
        "model": model,
        "steps": steps,
        "model_calls": [asdict(c) for c in result.calls],
    }
