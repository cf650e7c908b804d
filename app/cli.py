"""The `deskhand` command. Errors become messages and exit codes here, and only here.

The exit-code table lives in docs/cli.md; each DeskhandError subclass carries its code.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict

from app import __version__, dataset_command, do_command, model_commands, record_command, replay_command, skills_command
from automation.errors import DeskhandError
from automation.types import Action, Click, Element, Key, Observation, Target, TypeText

# Each adds its subcommand(s) with add_parser, names them in COMMANDS, and handles them in run.
COMMAND_MODULES = (do_command, model_commands, skills_command, replay_command, record_command, dataset_command)

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_ENVIRONMENT, EXIT_ABORTED = 0, 1, 2, 7, 130


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

    doctor = sub.add_parser("doctor", help="check display, X extensions, Tesseract and Python packages")
    doctor.add_argument("--json", action="store_true", help="print the checks as JSON")

    observe = sub.add_parser("observe", help="read the screen once: windows and the text on them")
    observe.add_argument("--window", metavar="TITLE", help="only the window whose title contains TITLE")
    observe.add_argument("--json", action="store_true", help="print JSON (windows, elements, timings)")

    act = sub.add_parser("act", help="do one action: find the target by its label, act, verify")
    verbs = act.add_subparsers(dest="verb", metavar="VERB", required=True)
    click = verbs.add_parser("click", help="click the element labelled LABEL")
    click.add_argument("label", metavar="LABEL")
    click.add_argument("--near", metavar="LABEL", help="among equal matches, the one nearest this label")
    click.add_argument("--index", type=int, metavar="N", help="among equal matches, the Nth in reading order")
    click.add_argument("--field", action="store_true", help="click the field beside or below LABEL, not the label")
    kind = click.add_mutually_exclusive_group()
    kind.add_argument("--double", action="store_true", help="double-click")
    kind.add_argument("--right", action="store_true", help="right-click")
    choose = verbs.add_parser("choose", help="open the combo box labelled LABEL and choose ITEM in it")
    choose.add_argument("item", metavar="ITEM")
    choose.add_argument("--in", dest="combo", metavar="LABEL", required=True, help="the combo box's label")
    type_ = verbs.add_parser("type", help="type TEXT, into the field labelled LABEL if given")
    type_.add_argument("text", metavar="TEXT")
    type_.add_argument("--into", metavar="LABEL", help="click the field beside or below this label first")
    key = verbs.add_parser("key", help="press a key combination such as ctrl+s, alt+f or Return")
    key.add_argument("combo", metavar="COMBO")
    for verb in (click, choose, type_, key):
        verb.add_argument("--window", metavar="TITLE", help="act only in the window whose title contains TITLE")
        verb.add_argument("--expect", metavar="TEXT", help="succeed only once TEXT shows on screen")
        verb.add_argument("--json", action="store_true", help="print the outcome as JSON")

    for module in COMMAND_MODULES:
        module.add_parser(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        handlers = {"doctor": doctor, "observe": observe, "act": act} | {
            name: module.run for module in COMMAND_MODULES for name in module.COMMANDS
        }
        return handlers.get(args.command, no_command)(args)
    except DeskhandError as err:
        print(f"deskhand: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("deskhand: aborted", file=sys.stderr)
        return EXIT_ABORTED
    except BrokenPipeError:  # `deskhand observe | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def no_command(args: argparse.Namespace) -> int:
    """The panel when a display and Qt are there; else the terminal conversation; else help."""
    if not args.console:
        why = panel_unavailable()
        if why is None:
            from app.ui.launch import run

            return run(args.console_model, args.console_server, args.console_audio, args.console_speech)
        print(f"deskhand: the panel cannot open ({why}); talking on the terminal instead", file=sys.stderr)
    if sys.stdin.isatty() or args.console_audio:
        from app import console

        return console.run(args.console_model, args.console_server, args.console_audio, args.console_speech)
    parser().print_help()
    return EXIT_OK


def panel_unavailable() -> str | None:
    try:
        from app.ui.launch import can_start
    except ImportError as err:  # PySide6 or its system libraries are missing
        return f"Qt does not load: {err}; `deskhand doctor` lists what is missing"
    return can_start()


def doctor(args: argparse.Namespace) -> int:
    from app.doctor import as_json, as_table, diagnose, healthy

    checks = diagnose()
    print(json.dumps(as_json(checks), indent=2) if args.json else as_table(checks))
    return EXIT_OK if healthy(checks) else EXIT_ENVIRONMENT


def observation_json(obs: Observation) -> dict[str, object]:
    active = obs.active.id if obs.active else None
    return {
        "windows": [
            {"title": w.title, "class": w.app, "pid": w.pid, "id": w.id, "active": w.id == active, "box": asdict(w.box)}
            for w in obs.windows
        ],
        "elements": [
            {
                "text": s.text,
                "x": s.box.x,
                "y": s.box.y,
                "w": s.box.w,
                "h": s.box.h,
                "conf": round(s.conf, 1),
                "window": s.window,
            }
            for s in obs.spans
        ],
        "controls": [element_json(e) for e in obs.elements],
        "timings": obs.timings,
    }


def element_json(e: Element) -> dict[str, object]:
    """A control or read-out: its kind, box, the label it is named by and what it shows."""
    found: dict[str, object] = {"kind": e.kind, "label": e.label, "text": e.text, "box": asdict(e.box)}
    found |= {"window": e.window, "focused": e.focused}
    if e.checked is not None:
        found["checked"] = e.checked
    return found


def observe(args: argparse.Namespace) -> int:
    from app.compose import build_observer

    obs = build_observer().observe(window=args.window)
    if args.json:
        print(json.dumps(observation_json(obs), indent=2, ensure_ascii=False))
        return EXIT_OK
    for w in obs.windows:
        mark = "*" if obs.active and w.id == obs.active.id else " "
        print(f"{mark} {w.title!r} [{w.app}] pid {w.pid} at {w.box.x},{w.box.y} {w.box.w}x{w.box.h}")
        for s in (s for s in obs.spans if s.window == w.title):
            print(f"    {s.text!r:<32} at {s.box.x},{s.box.y} {s.box.w}x{s.box.h}  conf {s.conf:.0f}")
        for e in (e for e in obs.elements if e.window == w.title and e.kind != "readout"):
            state = (" focused" if e.focused else "") + ("" if e.checked is None else f" checked={e.checked}")
            print(f"    [{e.kind}] {e.label!r} shows {e.text!r} at {e.box.x},{e.box.y} {e.box.w}x{e.box.h}{state}")
        for e in (e for e in obs.elements if e.window == w.title and e.kind == "readout"):
            print(f"    [readout] {e.text!r} at {e.box.x},{e.box.y}")
    t = obs.timings
    print(f"\n{len(obs.spans)} elements in {t['total_ms']:.0f} ms (grab {t['grab_ms']:.0f}, OCR {t['ocr_ms']:.0f})")
    return EXIT_OK


def action_from(args: argparse.Namespace) -> Action:
    if args.verb == "click":
        target = Target(args.label, window=args.window, near=args.near, index=args.index, field=args.field)
        return Click(target, button="right" if args.right else "left", clicks=2 if args.double else 1)
    if args.verb == "type":
        into = Target(args.into, window=args.window) if args.into else None
        return TypeText(args.text, into=into, window=args.window)
    return Key(args.combo, window=args.window)


def act(args: argparse.Namespace) -> int:
    from app.compose import build_session

    session = build_session()
    if args.verb == "choose":
        from automation.actuation.choose import choose

        outcome = choose(session.actor, Target(args.combo, window=args.window), args.item)
    else:
        outcome = session.actor.perform(action_from(args), expect=args.expect)
    if args.json:
        print(json.dumps({**asdict(outcome), "action": args.verb, "verdict": outcome.verdict.value}, default=str))
    else:
        what = f"{args.verb} {outcome.element!r}" if outcome.element else args.verb
        where = f" at {outcome.point}" if outcome.point else ""
        times = ", ".join(f"{k[:-3]} {v:.0f} ms" for k, v in outcome.timings.items())
        print(f"{what}{where} in {outcome.window!r}: {outcome.verdict.value} ({times})")
    return EXIT_OK
