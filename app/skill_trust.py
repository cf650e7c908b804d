"""Skill trust as use cases (no printing): import with origin and signature, enable, team keys, remove.

An imported skill is stored disabled, marked with the file it came from, when, and the
trusted key that signed it if one did; signed by a trusted key, it is enabled at once.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from app.paths import config_dir
from app.records import forget_recordings, forget_screenshots
from automation.skills.model import Origin, Skill
from automation.skills.serialize import MAX_NAME
from automation.skills.share import SkillFileRefused, export_text, read_skill_file
from automation.skills.signing import (
    SIG_SUFFIX,
    fingerprint,
    load_private,
    load_public,
    parse_signature,
    read_trusted,
    sign,
    trust_key,
    verify,
)
from automation.skills.store import SkillExists, SkillStore
from automation.skills.trust import clean


def trusted_keys_file() -> Path:
    return config_dir() / "trusted-keys.txt"


def signature_of(path: Path) -> bytes | None:
    """The bytes of FILE.sig beside a skill file, if there is one."""
    sig = path.with_name(path.name + SIG_SUFFIX)
    try:
        with open(sig, "rb") as f:
            return f.read(4096)
    except FileNotFoundError:
        return None
    except OSError as err:
        raise SkillFileRefused(str(path), "", f"its signature {sig} cannot be read: {err.strerror or err}") from err


def import_skill(
    store: SkillStore,
    raw: bytes,
    where: str,
    signature: bytes | None,
    as_name: str | None = None,
    replace_it: bool = False,
) -> Skill:
    """Check, mark and store a skill file's skill; enabled only when a trusted key signed these very bytes."""
    signer = ""
    if signature is not None:
        signer = verify(raw, parse_signature(signature, where), read_trusted(trusted_keys_file()), where)
    skill = read_skill_file(raw, where)
    if as_name is not None:
        if not as_name.strip() or len(as_name) > MAX_NAME:
            raise SkillFileRefused(where, "--as", f"a skill's name is 1 to {MAX_NAME} characters")
        skill = replace(skill, name=as_name)
    skill = replace(skill, origin=Origin(clean(where), time.time(), signer), enabled=bool(signer))
    try:
        store.save(skill, replace=replace_it)  # one transaction: on any failure nothing stored changes
    except SkillExists as err:
        raise SkillExists(
            err.name, "import it under another name with --as NEW_NAME, or replace yours with --replace"
        ) from err
    return skill


def signed_export(skill: Skill, key_file: Path) -> tuple[str, str]:
    """The export text and its .sig text, signed with the team's private key."""
    text = export_text(skill)
    return text, sign(text.encode("utf-8"), load_private(key_file))


def add_trusted_key(pub_file: Path) -> tuple[str, bool]:
    """Trust the public key in ``pub_file``; its fingerprint, and False when it was trusted already."""
    raw = load_public(pub_file)
    trusted_keys_file().parent.mkdir(parents=True, exist_ok=True)
    return fingerprint(raw), trust_key(trusted_keys_file(), raw, clean(pub_file.name))


def remove_skill(store: SkillStore, name: str) -> tuple[str, int, int]:
    """Delete a skill with its recordings and failure screenshots; (its name, recordings, screenshots) gone."""
    stored = store.get(name).name
    store.delete(stored)
    return stored, forget_recordings(name=stored), forget_screenshots(name=stored)
