"""`deskhand act click|choose|menu|type|key`: one action: find the target by its label, act, verify."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict

from app.services.compose import build_session
from automation.actuation.choose import choose
from automation.actuation.menu_path import run_menu_item
from automation.agent.describe import describe_action
from automation.errors import ExitCode
from automation.types import Action, Click, Key, Target, TypeText


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    act = sub.add_parser("act", help="do one action: find the target by its label, act, verify")
    verbs = act.add_subparsers(dest="verb", metavar="VERB", required=True)
    click = verbs.add_parser("click", help="click the element labelled LABEL")
    click.add_argument("label", metavar="LABEL")
    click.add_argument("--field", action="store_true", help="click the field beside or below LABEL, not the label")
    kind = click.add_mutually_exclusive_group()
    kind.add_argument("--double", action="store_true", help="double-click")
    kind.add_argument("--right", action="store_true", help="right-click")
    choose = verbs.add_parser("choose", help="open the combo box labelled LABEL and choose ITEM in it")
    choose.add_argument("item", metavar="ITEM")
    choose.add_argument("--in", dest="combo", metavar="LABEL", required=True, help="the combo box's label")
    menu = verbs.add_parser(
        "menu", help="run a menu's item: press on the menu's title, drag through ITEMs, let go on the last"
    )
    menu.add_argument("title", metavar="TITLE", help="the menu's title, as the menu bar shows it")
    menu.add_argument("items", metavar="ITEM", nargs="+", help="the item; an item with a sub-menu, then its item")
    type_ = verbs.add_parser("type", help="type TEXT, into the field labelled LABEL if given")
    type_.add_argument("text", metavar="TEXT")
    type_.add_argument("--into", metavar="LABEL", help="click the field beside or below this label first")
    key = verbs.add_parser("key", help="press a key combination such as ctrl+s, alt+f or Return")
    key.add_argument("combo", metavar="COMBO")
    for verb in (click, choose, menu, type_):
        # a label twice on screen (two group boxes' "Enter a value:") is refused with this advice
        verb.add_argument("--near", metavar="LABEL", help="among equal matches, the one nearest this label")
        verb.add_argument("--index", type=int, metavar="N", help="among equal matches, the Nth in reading order")
    for verb in (click, choose, menu, type_, key):
        verb.add_argument("--window", metavar="TITLE", help="act only in the window whose title contains TITLE")
        if verb is not menu:
            verb.add_argument("--expect", metavar="TEXT", help="succeed only once TEXT shows on screen")
        verb.add_argument("--json", action="store_true", help="print the outcome as JSON")


def action_from(args: argparse.Namespace) -> Action:
    if args.verb == "click":
        target = Target(args.label, window=args.window, near=args.near, index=args.index, field=args.field)
        return Click(target, button="right" if args.right else "left", clicks=2 if args.double else 1)
    if args.verb == "type":
        into = Target(args.into, window=args.window, near=args.near, index=args.index) if args.into else None
        return TypeText(args.text, into=into, window=args.window)
    return Key(args.combo, window=args.window)


def run(args: argparse.Namespace) -> int:
    session = build_session()
    if args.verb == "choose":
        with session.actor.audit.run("act", f"choose {args.item!r} in {args.combo!r}"):
            combo = Target(args.combo, window=args.window, near=args.near, index=args.index)
            outcome = choose(session.actor, combo, args.item)
    elif args.verb == "menu":
        path = " > ".join([args.title, *args.items])
        with session.actor.audit.run("act", f"menu {path!r}"):
            title = Target(args.title, window=args.window, near=args.near, index=args.index)
            outcome = run_menu_item(session.actor, title, args.items)
    else:
        action = action_from(args)
        with session.actor.audit.run("act", describe_action(action)):  # the audit log names what was asked
            outcome = session.actor.perform(action, expect=args.expect)
    if args.json:
        print(json.dumps({**asdict(outcome), "action": args.verb, "verdict": outcome.verdict.value}, default=str))
    else:
        what = f"{args.verb} {outcome.element!r}" if outcome.element else args.verb
        where = f" at {outcome.point}" if outcome.point else ""
        times = ", ".join(f"{k[:-3]} {v:.0f} ms" for k, v in outcome.timings.items())
        print(f"{what}{where} in {outcome.window!r}: {outcome.verdict.value} ({times})")
        if outcome.closed is not None:
            now = ", ".join(repr(t) for t in outcome.closed) or "no window"
            print(f"{outcome.window!r} closed; open now: {now}")
    return ExitCode.OK
