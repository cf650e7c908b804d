"""`deskhand skills list|show|rm|rename|export|import|edit|enable|trust-key`: the learned skills, their trust."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from app.cli.prompts import yes_no
from app.services import trust
from app.services.sharing import write_export
from app.services.skills import import_skill, open_store
from automation.errors import ExitCode, NeedsAnswer, Refused, UsageError
from automation.skills import edit
from automation.skills.model import Anchor, ClickStep, KeyStep, ScrollStep, Skill, Step, TypeStep
from automation.skills.serialize import to_dict
from automation.skills.share import MAX_FILE_BYTES, SkillFileRefused, export_text
from automation.skills.store import Runs, SkillStore
from automation.skills.trust import clean, preview_lines, skill_apps, skill_programs


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    skills = sub.add_parser("skills", help="list, show, edit, share, rename or remove learned skills")
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
    export = verbs.add_parser("export", help="write a skill to a file to hand to someone (crops included)")
    export.add_argument("name", metavar="NAME")
    export.add_argument("file", metavar="FILE", help="where to write it; - for standard output")
    export.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    load = verbs.add_parser("import", help="add a skill from a file `skills export` wrote")
    load.add_argument("file", metavar="FILE", help="the skill file; - for standard input")
    load.add_argument("--as", dest="as_name", metavar="NEW_NAME", help="store it under this name")
    load.add_argument("--replace", action="store_true", help="replace a stored skill of the same name")
    export.add_argument("--sign", metavar="KEYFILE", help="also write FILE.sig, signed with this ed25519 private key")
    enable = verbs.add_parser("enable", help="review what an imported skill touches, then let it run")
    enable.add_argument("name", metavar="NAME")
    enable.add_argument("--yes", action="store_true", help="enable without asking (the review is still printed)")
    trust_key = verbs.add_parser("trust-key", help="trust a team's ed25519 public key: skills it signs import enabled")
    trust_key.add_argument("pubfile", metavar="PUBFILE")
    add_edit_parser(verbs)


def add_edit_parser(verbs: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    change = verbs.add_parser(
        "edit",
        help="rename, describe or fix a skill's parameters; add example requests",
        description="Each --param PARAM is followed by what to do with it: --rename, --describe, --constant "
        "(several, in order). Example: deskhand skills edit lunch --param value_1 --rename attendees "
        '--describe "Who did you eat with?" --example "file my lunch with Li Si"',
    )
    change.add_argument("name", metavar="NAME")
    change.add_argument("--param", action=ChooseParam, metavar="PARAM", help="the parameter the options after it edit")
    change.add_argument("--rename", action=EditParam, metavar="NEW", help="rename it; every {PARAM} in the steps too")
    change.add_argument(
        "--describe", action=EditParam, metavar="TEXT", help='the question that asks for it: "Who did you eat with?"'
    )
    change.add_argument(
        "--constant", action=EditParam, metavar="VALUE", help="always type VALUE: it stops being a parameter"
    )
    change.add_argument(
        "--secret",
        action=EditParam,
        nargs=0,
        help="it is a secret: asked masked at every run, never stored or sent to a model; "
        "its past values are taken out of the run history and the recordings",
    )
    change.add_argument(
        "--example", action="append", default=[], metavar="REQUEST", help="a request it answers, in words; repeat"
    )
    change.add_argument("--description", metavar="TEXT", help="what the skill does")
    change.set_defaults(chosen=[], edits=[])


class ChooseParam(argparse.Action):
    """--param PARAM: the parameter the --rename/--describe/--constant after it apply to."""

    def __call__(
        self, parser: argparse.ArgumentParser, ns: argparse.Namespace, value: Any, option: str | None = None
    ) -> None:
        ns.chosen = [*ns.chosen, value]  # a new list: argparse shares the default one between parses


class EditParam(argparse.Action):
    """--rename/--describe/--constant VALUE: an edit of the last --param, kept in command-line order."""

    def __call__(
        self, parser: argparse.ArgumentParser, ns: argparse.Namespace, value: Any, option: str | None = None
    ) -> None:
        if not ns.chosen:
            parser.error(f"{option} edits a parameter: put --param PARAM before it")
        ns.edits = [*ns.edits, (ns.chosen[-1], self.dest, value if isinstance(value, str) else "")]


def run(args: argparse.Namespace) -> int:
    with open_store() as store:
        if args.skills_verb == "list":
            return list_skills(store, args.json)
        if args.skills_verb == "show":
            return show(store.get(args.name), store.runs(args.name), args.json)
        if args.skills_verb == "rm":
            name, recordings, shots = trust.remove_skill(store, args.name)
            print(f"removed {clean(name)!r}, its {recordings} recordings and {shots} failure screenshots")
            return ExitCode.OK
        if args.skills_verb == "enable":
            return enable(store, args.name, args.yes)
        if args.skills_verb == "trust-key":
            key, added = trust.add_trusted_key(Path(args.pubfile))
            print(f"{'trusting' if added else 'already trusted:'} {key}; skills it signs import enabled")
            return ExitCode.OK
        if args.skills_verb == "export":
            return export(store.get(args.name), args.file, args.force, args.sign)
        if args.skills_verb == "import":
            return import_file(store, args.file, args.as_name, args.replace)
        if args.skills_verb == "edit":
            return edit_skill(store, args)
        store.rename(args.old, args.new)
        print(f"renamed {args.old!r} to {args.new!r}")
        return ExitCode.OK


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
            state = "" if s.enabled else " [disabled: deskhand skills enable " + clean(s.name) + "]"
            print(f"{clean(s.name)}: {len(s.steps)} steps; parameters: {clean(params)}; {ran}{state}")
            if s.description:
                print(f"    {clean(s.description)}")
    for u in unreadable:
        print(f"deskhand: skill {u.name!r} cannot be read: {u.reason}", file=sys.stderr)
    return ExitCode.OK


def summary(skill: Skill) -> dict[str, Any]:
    data = to_dict(skill)
    return {
        "name": skill.name,
        "description": skill.description,
        "params": data["params"],
        "steps": len(skill.steps),
        "examples": list(skill.examples),
        "demo_seconds": skill.demo_seconds,
        "enabled": skill.enabled,
        "origin": asdict(skill.origin) if skill.origin else None,
        "apps": list(skill_apps(skill)),
        # each window class with the executables recorded for it; "" where the program was unknown
        "programs": {app: sorted(exes) for app, exes in skill_programs(skill).items()},
    }


def runs_json(runs: Runs) -> dict[str, Any]:
    return {"count": runs.count, "ok": runs.ok, "last_seconds": runs.last_seconds, "last_started": runs.last_started}


def show(skill: Skill, runs: Runs, as_json: bool) -> int:
    if as_json:
        trusted = {"enabled": skill.enabled, "origin": asdict(skill.origin) if skill.origin else None}
        print(json.dumps({**to_dict(skill), **trusted, "runs": runs_json(runs)}, indent=2, ensure_ascii=False))
        return ExitCode.OK
    for line in preview_lines(skill):
        print(line)
    print(f"demonstrated in {skill.demo_seconds:.1f} s; replayed {runs.count} times, {runs.ok} ok")
    if skill.examples:
        print("asked for as: " + "; ".join(repr(clean(e)) for e in skill.examples))
    print("parameters:" if skill.params else "parameters: none")
    for p in skill.params:
        note = "secret: asked on every run" if p.secret else f"e.g. {p.example!r}" if p.example else ""
        print(clean(f"  {p.name:<16} {p.description}" + (f" ({note})" if note else "")))
    print("steps:")
    for n, step in enumerate(skill.steps, 1):
        print(f"  {n}. {clean(step_line(step))}")
    return ExitCode.OK


def enable(store: SkillStore, name: str, yes: bool) -> int:
    skill = store.get(name)
    for line in preview_lines(skill):
        print(line)
    shown = clean(skill.name)
    if skill.enabled:
        print(f"{shown!r} is already enabled")
        return ExitCode.OK
    if not yes:
        if not sys.stdin.isatty():
            raise NeedsAnswer(f"enabling {shown!r} needs your yes", f"deskhand skills enable {shown} --yes")
        if not yes_no(f"let {shown!r} run as shown above?"):
            raise Refused(f"{shown!r} stays disabled", f"deskhand skills enable {shown}")
    store.enable(skill.name)
    print(f"enabled {shown!r}")
    return ExitCode.OK


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


def export(skill: Skill, file: str, force: bool, key: str | None = None) -> int:
    if file == "-":
        if key:
            raise UsageError("--sign writes FILE.sig beside FILE", "export to a file, not to standard output")
        sys.stdout.write(export_text(skill))
        return ExitCode.OK
    if key:
        print(trust.write_signed(skill, Path(file), Path(key), force))
        return ExitCode.OK
    print(write_export(skill, Path(file), force))
    return ExitCode.OK


def import_file(store: SkillStore, file: str, as_name: str | None, replace_it: bool) -> int:
    where = "standard input" if file == "-" else file
    try:
        if file == "-":
            raw = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        else:
            with open(file, "rb") as f:
                raw = f.read(MAX_FILE_BYTES + 1)  # a bigger one is refused without reading it all
    except OSError as err:
        raise SkillFileRefused(where, "", err.strerror or str(err)) from err
    signature = None if file == "-" else trust.signature_of(Path(file))
    skill = import_skill(store, raw, where, as_name, replace_it, signature)
    print(
        f"imported {clean(skill.name)!r} from {clean(where)}: {len(skill.steps)} steps; "
        f"parameters: {params_line(skill)}"
    )
    if skill.enabled and skill.origin is not None:
        print(f"enabled: signed by trusted key {skill.origin.signer}")
    else:
        print(f"disabled until you review it: deskhand skills enable {clean(skill.name)}")
    return ExitCode.OK


def edit_skill(store: SkillStore, args: argparse.Namespace) -> int:
    lonely = [p for p in args.chosen if p not in {param for param, _, _ in args.edits}]
    if lonely or not (args.edits or args.example or args.description is not None):
        what = f"--param {lonely[0]} needs" if lonely else "give"
        print(
            f"deskhand skills edit: {what} --rename NEW, --describe TEXT, --constant VALUE or --secret"
            + ("" if lonely else "; or --example REQUEST, --description TEXT"),
            file=sys.stderr,
        )
        return ExitCode.USAGE
    original = store.get(args.name)
    skill, said = edited(original, args.edits, args.example, args.description)
    secret = [(name, current) for name, current in renamed(args.edits) if (name, "secret") in edit_kinds(args.edits)]
    if secret:
        from app.services.paths import recordings_dir
        from automation.skills.forget import forget_values

        for name, current in secret:  # the history holds each run's values under the name it had then
            shown = [p.example for p in original.params if p.name == name]
            gone = forget_values(store, args.name, (name, current), shown, recordings_dir())
            skill = edit.scrub(skill, gone.values)
            said.append(
                f"{current}: {len(gone.values)} past value(s) taken out of the history, {gone.stretches} typed, "
                f"{gone.shots} screenshot(s) painted"
            )
    store.save(skill, replace=True)
    for line in said:
        print(line)
    print(f"{skill.name}: parameters: {params_line(skill)}")
    return ExitCode.OK


def edited(
    skill: Skill, edits: Sequence[tuple[str, str, str]], examples: list[str], description: str | None
) -> tuple[Skill, list[str]]:
    """The skill with the edits made in order, and a line saying each; nothing is stored here."""
    said = []
    now_called: dict[str, str] = {}  # a parameter renamed earlier in this call keeps being edited by its new name
    for name, what, value in edits:
        current = now_called.get(name, name)
        if what == "rename":
            skill = edit.rename_param(skill, current, value)
            now_called[name] = value
            said.append(f"renamed {current} to {value}")
        elif what == "describe":
            skill = edit.describe_param(skill, current, value)
            said.append(f"{current}: {value!r}")
        elif what == "secret":
            skill = edit.make_secret(skill, current)
            said.append(f"{current} is a secret: asked masked at every run, never stored nor sent to a model")
        else:
            skill = edit.make_constant(skill, current, value)
            said.append(f"{current} is no longer a parameter: the steps type {value!r}")
    if description is not None:
        skill = edit.describe_skill(skill, description)
        said.append(f"description: {description!r}")
    before = len(skill.examples)
    skill = edit.add_examples(skill, examples)
    said += [f"example request: {e!r}" for e in skill.examples[before:]]
    return skill, said


def renamed(edits: Sequence[tuple[str, str, str]]) -> list[tuple[str, str]]:
    """Each --param as given, with the name it has after the edits."""
    now: dict[str, str] = {}
    for name, what, value in edits:
        now.setdefault(name, name)
        if what == "rename":
            now[name] = value
    return list(now.items())


def edit_kinds(edits: Sequence[tuple[str, str, str]]) -> set[tuple[str, str]]:
    return {(name, what) for name, what, _ in edits}


def params_line(skill: Skill) -> str:
    shown = [
        p.name + (" (secret)" if p.secret else f" ({p.description})" if p.description else "") for p in skill.params
    ]
    return clean(", ".join(shown)) or "none"
