"""Team keys: an ed25519 signature beside a skill file says which team published it.

``skills export --sign KEYFILE`` writes FILE.sig next to FILE: a small JSON object with
the signer's public key and the signature of the file's exact bytes. ``skills import``
looks for FILE.sig: a signature by a key in the trusted list enables the skill at once;
a signature that does not match the bytes refuses the file (exit 2, nothing stored); a
good signature by a key nobody trusted counts as unsigned. Keys are PEM files
(``openssl genpkey -algorithm ed25519`` writes one); the trusted list is one
base64 public key a line in the config folder.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from automation.errors import UsageError

SIG_SUFFIX = ".sig"
MAX_SIG_BYTES = 4096


class KeyFileRefused(UsageError):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            f"{path} is not an ed25519 key: {reason}",
            "give a PEM file such as `openssl genpkey -algorithm ed25519` (private) or "
            "`openssl pkey -pubout` (public) writes",
        )


class BadSignature(UsageError):
    """The signature beside a skill file does not match its bytes: the file was changed after signing."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(
            f"{where} cannot be imported: its signature does not match ({reason}); nothing was stored",
            "ask the publisher for the file again; never import a file whose signature fails",
        )


@dataclass(frozen=True)
class Signature:
    key: bytes  # the raw 32-byte public key
    value: bytes


def fingerprint(raw_key: bytes) -> str:
    """A short name for a public key, the same everywhere it is shown."""
    return "ed25519:" + hashlib.sha256(raw_key).hexdigest()[:16]


def raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def load_private(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as err:
        raise KeyFileRefused(path, str(err)) from err
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFileRefused(path, f"a {type(key).__name__}")
    return key


def load_public(path: Path) -> bytes:
    """The raw public key in a PEM public (or private) key file."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise KeyFileRefused(path, err.strerror or str(err)) from err
    try:
        key = serialization.load_pem_public_key(data)
    except ValueError:
        try:
            private = serialization.load_pem_private_key(data, password=None)
        except (ValueError, TypeError) as err:
            raise KeyFileRefused(path, str(err)) from err
        if not isinstance(private, Ed25519PrivateKey):
            raise KeyFileRefused(path, f"a {type(private).__name__}") from None
        return raw_public(private.public_key())
    if not isinstance(key, Ed25519PublicKey):
        raise KeyFileRefused(path, f"a {type(key).__name__}")
    return raw_public(key)


def sign(data: bytes, key: Ed25519PrivateKey) -> str:
    """The .sig file's text for ``data``."""
    body = {
        "key": base64.b64encode(raw_public(key.public_key())).decode(),
        "signature": base64.b64encode(key.sign(data)).decode(),
    }
    return json.dumps(body) + "\n"


def parse_signature(raw: bytes, where: str) -> Signature:
    try:
        body = json.loads(raw[:MAX_SIG_BYTES].decode("utf-8"))
        key = base64.b64decode(body["key"], validate=True)
        value = base64.b64decode(body["signature"], validate=True)
    except (ValueError, KeyError, TypeError, binascii.Error) as err:
        raise BadSignature(where, f"the .sig file cannot be read: {type(err).__name__}") from err
    if len(key) != 32 or len(value) != 64:
        raise BadSignature(where, "the .sig file holds no ed25519 key and signature")
    return Signature(key, value)


def verify(data: bytes, signature: Signature, trusted: list[bytes], where: str) -> str:
    """The signer's fingerprint when a trusted key signed ``data``; "" when the key is not trusted.

    BadSignature when the signature does not match the bytes, whoever the key is.
    """
    try:
        Ed25519PublicKey.from_public_bytes(signature.key).verify(signature.value, data)
    except (InvalidSignature, ValueError) as err:
        raise BadSignature(where, f"key {fingerprint(signature.key)}") from err
    return fingerprint(signature.key) if signature.key in trusted else ""


def read_trusted(path: Path) -> list[bytes]:
    """The trusted public keys, one base64 key a line (after it, a comment)."""
    if not path.exists():
        return []
    keys = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        word = line.split("#", 1)[0].strip()
        if not word:
            continue
        try:
            keys.append(base64.b64decode(word, validate=True))
        except binascii.Error:
            continue  # a damaged line trusts nothing
    return keys


def trust_key(path: Path, raw_key: bytes, note: str) -> bool:
    """Add ``raw_key`` to the trusted list at ``path``; False when it was there already."""
    if raw_key in read_trusted(path):
        return False
    line = f"{base64.b64encode(raw_key).decode()}  # {fingerprint(raw_key)} {note}\n"
    with open(path, "a", encoding="utf-8", opener=private_opener) as f:
        f.write(line)
    return True


def private_opener(path: str, flags: int) -> int:
    import os

    return os.open(path, flags, 0o600)
