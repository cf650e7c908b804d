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
from typing import TYPE_CHECKING, Any

from automation.agent.decisions import Act, ModelCall
from automation.agent.loop import Agent, Progress, Result, Status
from automation.errors import NeedsAnswer
from models.language import LanguageModel
from models.packs import DEFAULT_PACK

if TYPE_CHECKING:
    from automation.documents.read import Document

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
    do.add_argument("request", metavar="REQUEST", help='what to do, e.g. "enter 42.50 as the amount and submit"')
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
    do.add_argument("--json", action="store_true", help="print the steps and the result as JSON")


def run(args: argparse.Namespace) -> int:
    from app.attach import attached_line, facts_of, read_attachments
    from app.compose import build_session
    from app.skill_runner import SkillRunner, skill_cards
    from models.policy.policy import ModelPolicy

    if args.max_steps < 1:
        raise SystemExit("deskhand do: --max-steps must be at least 1")
    documents = read_attachments(args.attach)  # before the model loads: a bad file fails fast
    for document in documents:
        print(attached_line(document), file=sys.stderr if args.json else sys.stdout, flush=True)
    model = open_chosen_model(args.model, args.server, quiet=args.json)
    session = build_session()
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
        report = result_json(result, model.name, steps, code)
        report["documents"] = [document_json(d) for d in documents]
        print(json.dumps(report, indent=2, ensure_ascii=False, default=str))
    else:
        print_result(result)
    return code


def open_chosen_model(pack_or_path: str | None, server: str | None, quiet: bool) -> LanguageModel:
    """The model to decide with; a local one is loaded now, with a line saying so."""
    from app.paths import models_dir
    from models.llama_local import LlamaModel
    from models.open import open_model
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


def print_progress(p: Progress) -> None:
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


def progress_json(p: Progress) -> dict[str, Any]:
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
