"""`deskhand do "REQUEST"`: the agent loop on the terminal.

This module picks the model (a pack, a GGUF path or a server), builds the policy and
the session, asks confirmations on the terminal, prints each step, and turns the
loop's result into an exit code (docs/cli.md).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from automation.agent.loop import Agent, AgentReport, Result, Status
from automation.decisions import Act, ModelCall
from automation.errors import NeedsAnswer, UsageError
from models.language import LanguageModel
from models.packs import DEFAULT_PACK

if TYPE_CHECKING:
    from automation.audio import Audio
    from automation.documents.read import Document
    from automation.perception.observe import Observer

EXIT_BY_STATUS = {
    Status.DONE: 0,
    Status.REPLIED: 0,
    Status.ASKED: NeedsAnswer.exit_code,
    Status.DECLINED: 8,
    Status.IMPOSSIBLE: 1,
    Status.FAILED: 1,
    Status.STEP_LIMIT: 1,
}


COMMANDS = ("do",)  # the subcommands this module adds and runs


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
    from app.attach import attached_line, facts_of, read_attachments
    from app.compose import build_session
    from app.skill_runner import SkillRunner, skill_cards
    from models.policy.policy import ModelPolicy

    if args.max_steps < 1:
        raise SystemExit("deskhand do: --max-steps must be at least 1")
    if bool(args.audio_file) == bool(args.request):
        raise UsageError(
            "deskhand do needs a REQUEST or --audio-file FILE" + (", not both" if args.request else ""),
            'deskhand do "enter 42.50 as the amount", or deskhand do --audio-file request.wav',
        )
    recordings = read_recordings(args)
    documents = read_attachments(args.attach)  # before the model loads: a bad file fails fast
    for document in documents:
        print(attached_line(document), file=sys.stderr if args.json else sys.stdout, flush=True)
    session = build_session()
    heard: dict[str, Any] = {}
    if recordings:  # heard before the model loads: a silent file costs no model load and sends nothing
        heard = spoken_request(args, recordings, session.observer)
        args.request, args.answer = heard["heard"], [*args.answer, *heard["heard_answers"]]
    model = open_chosen_model(args.model, args.server, quiet=args.json)
    steps: list[dict[str, Any]] = []
    confirm = confirmer(args.yes)
    agent = Agent(
        session.observer,
        session.actor,
        ModelPolicy(model),
        confirm=confirm,
        report=(lambda p: steps.append(progress_json(p))) if args.json else print_progress,
        window=args.window,
        max_steps=args.max_steps,
        skills=skill_cards(),
        run_skill=(runner := SkillRunner(session, confirm, say=(lambda line: None) if args.json else print)),
    )
    runner.request = args.request
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


def read_recordings(args: argparse.Namespace) -> dict[str, Audio]:
    """Every audio file given, read before a screen or a model is touched: a bad one exits 2 at once."""
    from automation.audio.wav import WavFile

    files = [f for f in [args.audio_file, *args.answer_audio] if f]
    return {file: WavFile(Path(file)).record() for file in files}


def spoken_request(args: argparse.Namespace, recordings: dict[str, Audio], observer: Observer) -> dict[str, Any]:
    """The request (REQUEST, or heard in --audio-file) and the answers heard in --answer-audio.

    Every file is heard before anything runs, so a silent answer file stops the run
    before its first action, not at the question. Each is printed as "heard: ..."."""
    from app.settings import load_settings
    from app.voice.engine import open_engine
    from app.voice.hints import hints_now
    from app.voice.listen import hear, nothing_heard
    from automation.audio.pcm import is_silent

    for file, audio in recordings.items():  # before the engine loads: silence needs no recognizer
        if is_silent(audio):
            raise nothing_heard(file, audio.seconds)
    engine = open_engine(args.speech or load_settings().speech)
    hints = hints_now(observer.observe(window=args.window))
    out = sys.stderr if args.json else sys.stdout
    report: dict[str, Any] = {"heard": args.request, "transcripts": [], "hints": hints, "heard_answers": []}
    for file in [args.audio_file, *args.answer_audio] if args.audio_file else args.answer_audio:
        heard = hear(recordings[file], engine, hints, file)
        report["transcripts"].append({"file": file, "text": heard.transcript.text, "seconds": heard.transcript.seconds})
        if file == args.audio_file and not report["heard_answers"]:
            report["heard"] = heard.request
            print(f"heard: {heard.request}", file=out, flush=True)
        else:
            report["heard_answers"].append(heard.request)
            print(f"heard answer: {heard.request}", file=out, flush=True)
    return report


def open_chosen_model(pack_or_path: str | None, server: str | None, quiet: bool) -> LanguageModel:
    """The model to decide with; a local one is loaded now, with a line saying so."""
    from app.paths import models_dir
    from models.llama_local import LlamaModel
    from models.open_model import open_model
    from models.packs import resolve_model

    if server:
        return open_model(server)
    spec = pack_or_path or DEFAULT_PACK
    model = open_model(resolve_model(spec, models_dir()))
    if isinstance(model, LlamaModel):
        if not quiet:
            print(f"loading {spec} ...", file=sys.stderr, flush=True)
        seconds = model.load()
        if not quiet:
            print(f"loaded {spec} in {seconds:.1f} s", file=sys.stderr, flush=True)
    return model


def confirmer(approve_all: bool) -> Any:
    def confirm(question: str, act: Act) -> bool:
        if approve_all:
            return True
        if not sys.stdin.isatty():
            raise NeedsAnswer(f"confirmation needed: {question}", "run it again with --yes to approve")
        reply = input(f"{question} [y/N] ").strip().casefold()
        return reply in ("y", "yes")

    return confirm


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
        "exit_code": code,
        "model": model,
        "steps": steps,
        "model_calls": [asdict(c) for c in result.calls],
    }
