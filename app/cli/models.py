"""`deskhand models list|install|verify`: the model packs on this machine.

The packs and their checks live in models.packs, installing in app.services.models;
this module draws progress on stderr and prints results.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import TextIO

from app.services.models import install_pack
from app.services.paths import models_dir
from automation.errors import ExitCode, ModelUnavailable
from models.packs import (
    DEFAULT_PACK,
    DEFAULT_SPEECH,
    PackState,
    SpeechPack,
    SpeechState,
    load_catalog,
    pack_path,
    speech_state,
    state,
    verify,
    verify_speech,
)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    models = sub.add_parser("models", help="list, install and verify the local model packs")
    verbs = models.add_subparsers(dest="models_verb", metavar="VERB", required=True)
    listing = verbs.add_parser("list", help="the packs (language and speech): size, installed, verified, license")
    listing.add_argument("--json", action="store_true", help="print the packs as JSON")
    installing = verbs.add_parser("install", help="download, assemble and verify a pack")
    said = f"default: {DEFAULT_PACK}; {DEFAULT_SPEECH} is the default speech model"
    installing.add_argument("name", metavar="NAME", nargs="?", default=DEFAULT_PACK, help=said)
    verifying = verbs.add_parser("verify", help="hash installed packs again (exit 6 when one does not match)")
    verifying.add_argument("name", metavar="NAME", nargs="?", help="only this pack (default: every installed pack)")


def run(args: argparse.Namespace) -> int:
    if args.models_verb == "list":
        return list_packs(as_json=args.json)
    if args.models_verb == "install":
        return install(args.name)
    return verify_packs(args.name)


def list_packs(as_json: bool) -> int:
    folder, catalog = models_dir(), load_catalog()
    states = [state(pack, folder) for pack in catalog.packs]
    speech = [speech_state(pack, folder) for pack in catalog.speech]
    if as_json:
        document = {
            "models_dir": str(folder),
            "default": DEFAULT_PACK,
            "packs": [pack_json(s) for s in states],
            "default_speech": DEFAULT_SPEECH,
            "speech": [speech_json(s) for s in speech],
        }
        print(json.dumps(document, indent=2))
        return ExitCode.OK
    rows = [("NAME", "SIZE", "INSTALLED", "VERIFIED", "LICENSE", "DESCRIPTION")]
    every: list[PackState | SpeechState] = [*states, *speech]
    for s in every:
        name = s.pack.name + (" *" if s.pack.name in (DEFAULT_PACK, DEFAULT_SPEECH) else "")
        installed, verified = ("yes" if s.installed else "no"), ("yes" if s.verified else "no")
        rows.append((name, f"{s.pack.size / 1e6:.0f} MB", installed, verified, s.pack.license, s.pack.description))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[-1])
    print(f"\n* the defaults (language, speech). Installed packs live in {folder} (set DESKHAND_MODELS to move them).")
    return ExitCode.OK


def pack_json(s: PackState) -> dict[str, object]:
    pack = s.pack
    return {
        "name": pack.name,
        "default": pack.name == DEFAULT_PACK,
        "size": pack.size,
        "sha256": pack.sha256,
        "installed": s.installed,
        "verified": s.verified,
        "path": str(s.path),
        "license": pack.license,
        "context": pack.context,
        "languages": list(pack.languages),
        "chat_template": pack.chat_template,
        "upstream": pack.upstream,
        "packages": [part.requirement for part in pack.parts],
        "description": pack.description,
    }


def speech_json(s: SpeechState) -> dict[str, object]:
    pack = s.pack
    return {
        "name": pack.name,
        "default": pack.name == DEFAULT_SPEECH,
        "size": pack.size,
        "files": {f.name: f.sha256 for f in pack.files},
        "installed": s.installed,
        "verified": s.verified,
        "path": str(s.path),
        "license": pack.license,
        "engine": pack.engine,
        "upstream": pack.upstream,
        "packages": list(pack.requirements),
        "description": pack.description,
    }


def install(name: str) -> int:
    with ProgressLine(sys.stderr) as progress:
        done = install_pack(name, progress)
    if done.already:
        print(f"{done.name} is already installed and verified: {done.path}")
    else:
        print(
            f"installed {done.name} ({done.size / 1e6:.0f} MB, sha256 verified) at {done.path} in {done.seconds:.0f} s"
        )
    return ExitCode.OK


def verify_packs(name: str | None) -> int:
    catalog, folder = load_catalog(), models_dir()
    if name is not None:
        packs = [catalog.get_speech(name) if name in catalog.speech_names else catalog.get(name)]
    else:
        packs = [pack for pack in catalog.packs if pack_path(pack, folder).is_file()]
        packs += [pack for pack in catalog.speech if speech_state(pack, folder).path.is_dir()]
        if not packs:
            print(f"no model packs installed in {folder}")
            return ExitCode.OK
    bad: list[ModelUnavailable] = []
    for pack in packs:
        try:
            with ProgressLine(sys.stderr) as progress:
                if isinstance(pack, SpeechPack):
                    path = verify_speech(pack, folder, progress)
                    print(f"{pack.name}: ok, {len(pack.files)} files match their sha256 ({path})")
                else:
                    path = verify(pack, folder, progress)
                    print(f"{pack.name}: ok, sha256 {pack.sha256} ({path})")
        except ModelUnavailable as err:  # reported below, after every pack had its turn
            print(f"{pack.name}: FAILED, {err.reason}")
            bad.append(err)
    if len(bad) == 1:
        raise bad[0]
    if bad:
        names = ", ".join(err.path for err in bad)
        raise ModelUnavailable(names, f"{len(bad)} packs failed verification", "deskhand models install NAME, for each")
    return ExitCode.OK


class ProgressLine:
    """Progress on stderr: one line redrawn in place on a terminal, else a line per step of 10 %."""

    REDRAW = 0.1  # seconds between redraws on a terminal

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.terminal = stream.isatty()
        self.last: tuple[str, int] | None = None
        self.drawn_at = 0.0

    def __call__(self, what: str, done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        line = f"{what}: {percent:3d}% {done / 1e6:.1f} of {total / 1e6:.1f} MB"
        if self.terminal:
            now = time.monotonic()
            if now - self.drawn_at >= self.REDRAW or done >= total or self.last is None or self.last[0] != what:
                self.stream.write(f"\r{line}\x1b[K")
                self.stream.flush()
                self.drawn_at, self.last = now, (what, percent)
            return
        if self.last != (what, percent // 10):
            self.stream.write(line + "\n")
            self.stream.flush()
            self.last = (what, percent // 10)

    def __enter__(self) -> ProgressLine:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.terminal and self.last is not None:
            self.stream.write("\n")
            self.stream.flush()
