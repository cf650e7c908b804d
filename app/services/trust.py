"""Skill trust as use cases (no printing): signatures beside skill files, team keys, removal.

An imported skill (app.services.skills.import_skill) is stored disabled, marked with the
file it came from, when, and the trusted key that signed it if one did; signed by a
trusted key, it is enabled at once.
"""

from __future__ import annotations

import os
from pathlib import Path

from app.services.paths import config_dir
from app.services.records import forget_recordings, forget_screenshots
from app.services.sharing import write_export
from automation.errors import UsageError
from automation.skills.model import Skill
from automation.skills.share import SkillFileRefused, export_text
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
from automation.skills.store import SkillStore
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


def signer_of(raw: bytes, where: str, signature: bytes | None) -> str:
    """The trusted signer's fingerprint; "" when unsigned or signed by an untrusted key; BadSignature (exit 2)."""
    if signature is None:
        return ""
    return verify(raw, parse_signature(signature, where), read_trusted(trusted_keys_file()), where)


def write_signed(skill: Skill, path: Path, key_file: Path, force: bool) -> str:
    """Write the skill file and FILE.sig beside it, signed with the team's private key; what was written."""
    key = load_private(key_file)  # a bad key file fails before anything is written
    text = export_text(skill)
    said = write_export(skill, path, force)
    if path.read_text(encoding="utf-8") != text:
        raise UsageError(f"{path} changed while it was being signed", "export it again")
    sig = path.with_name(path.name + SIG_SUFFIX)
    partial = sig.with_name(f".{sig.name}.{os.getpid()}.partial")
    try:
        partial.write_text(sign(text.encode("utf-8"), key), encoding="utf-8")
        os.replace(partial, sig)
    except OSError as err:
        partial.unlink(missing_ok=True)
        raise UsageError(f"cannot write {sig}: {err.strerror or err}", "choose a folder you can write to") from err
    return f"{said}; signed: {sig}"


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
