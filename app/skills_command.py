"""`deskhand skills list|show|rm|rename`: the learned skills in the user's skill store."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from automation.skills.model import Anchor, ClickStep, KeyStep, ScrollStep, Skill, Step, TypeStep
from automation.skills.serialize import to_dict
from automation.skills.store import Runs, SkillStore


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    skills = sub.add_parser("skills", help="list, show, rename or remove learned skills")
    verbs = skills.add_subparsers(dest="skills_verb", metavar="VERB", required=True)
    listing = verbs.add_parser("list", help="the learned skills, with their parameters and runs")
    listing.add_argument("--json", action="store_true", help="print JSON")
    show = verbs.add_parser("show", help="one skill's parameters and steps")
    show.add_argument("name", metavar="NAME")
    show.add_argument("--json", action="store_true", help="print the skill document (the export format) as JSON")
    rm = verbs.add_parser("rm", help="remove a skill")
    rm.add_argument("name", metavar="NAME")
    rename = verbs.add_parser("rename", help="rename a skill")
    rename.add_argument("old", metavar="OLD")
    rename.add_argument("new", metavar="NEW")


def open_store() -> SkillStore:
    from app.paths import data_dir

    return SkillStore(data_dir() / "skills.db")


def run(args: argparse.Namespace) -> int:
    with open_store() as store:
        if args.skills_verb == "list":
            return list_skills(store, args.json)
        if args.skills_verb == "show":
            return show(store.get(args.name), store.runs(args.name), args.json)
        if args.skills_verb == "rm":
            store.delete(args.name)
            print(f"removed {args.name!r}")
            return 0
        store.rename(args.old, args.new)
        print(f"renamed {args.old!r} to {args.new!r}")
        return 0


def list_skills(store: SkillStore, as_json: bool) -> int:
    skills, unreadable = store.scan()
    runs = {s.name: store.runs(s.name) for s in skills}
    if as_json:
        data = {
            "database": str(store.path),
            "skills": [{**summary(s), "runs": runs_json(runs[s.name])} for s in skills],
            "unreadable": [{"name": u.name, "reason": u.reason} for u in unreadable],
        }
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        if not skills and not unreadable:
            print("no skills yet: teach one with `deskhand record NAME`")
        for s in skills:
            params = ", ".join(p.name + (" (secret)" if p.secret else "") for p in s.params) or "none"
            r = runs[s.name]
            ran = f"{r.ok}/{r.count} runs ok" + (f", last {r.last_seconds:.1f} s" if r.last_seconds is not None else "")
            print(f"{s.name}: {len(s.steps)} steps; parameters: {params}; {ran}")
            if s.description:
                print(f"    {s.description}")
    for u in unreadable:
        print(f"deskhand: skill {u.name!r} cannot be read: {u.reason}", file=sys.stderr)
    return 0


def summary(skill: Skill) -> dict[str, Any]:
    data = to_dict(skill)
    return {
        "name": skill.name,
        "description": skill.description,
        "params": data["params"],
        "steps": len(skill.steps),
        "examples": list(skill.examples),
        "demo_seconds": skill.demo_seconds,
    }


def runs_json(runs: Runs) -> dict[str, Any]:
    return {"count": runs.count, "ok": runs.ok, "last_seconds": runs.last_seconds, "last_started": runs.last_started}


def show(skill: Skill, runs: Runs, as_json: bool) -> int:
    if as_json:
        print(json.dumps({**to_dict(skill), "runs": runs_json(runs)}, indent=2, ensure_ascii=False))
        return 0
    print(f"{skill.name}: {skill.description or '(no description)'}")
    print(f"demonstrated in {skill.demo_seconds:.1f} s; replayed {runs.count} times, {runs.ok} ok")
    if skill.examples:
        print("asked for as: " + "; ".join(repr(e) for e in skill.examples))
    print("parameters:" if skill.params else "parameters: none")
    for p in skill.params:
        note = "secret: asked on every run" if p.secret else f"e.g. {p.example!r}" if p.example else ""
        print(f"  {p.name:<16} {p.description}" + (f" ({note})" if note else ""))
    print("steps:")
    for n, step in enumerate(skill.steps, 1):
        print(f"  {n}. {step_line(step)}")
    return 0


def step_line(step: Step) -> str:
    if isinstance(step, ClickStep):
        how = {1: "click", 2: "double-click"}.get(step.clicks, f"click x{step.clicks}")
        line = f"{how} {anchor_line(step.anchor)}"
    elif isinstance(step, TypeStep):
        into = f" into {anchor_line(step.into)}" if step.into else f" in {step.window.title!r} [{step.window.app}]"
        line = f"type {step.text}{into}"
    elif isinstance(step, KeyStep):
        line = f"press {step.combo} in {step.window.title!r} [{step.window.app}]"
    else:
        assert isinstance(step, ScrollStep)
        line = f"scroll {step.dy} at {anchor_line(step.at)}"
    expect = None if isinstance(step, ScrollStep) else step.expect
    return line + (f"; expect {expect!r}" if expect else "")


def anchor_line(anchor: Anchor) -> str:
    label = repr(anchor.label) if anchor.label else "an unlabelled spot"
    what = f"the field {label}" if anchor.field else label
    fx, fy = anchor.relative
    picture = ", picture" if anchor.crop else ""
    return f"{what} in {anchor.window.title!r} [{anchor.window.app}] (at {fx:.0%},{fy:.0%}{picture})"
