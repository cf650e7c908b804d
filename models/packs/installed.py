"""Installed packs on disk: where they are, whether they verify, and which file a model name means.

A pack lives at ``<models_dir>/<name>.gguf``. Hashing 500 MB takes seconds, so a
successful verification leaves a stamp beside the file (``<name>.gguf.verified``:
size, mtime and sha256); loading trusts a stamp that still matches the file, while
``deskhand models verify`` always hashes again.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from automation.errors import ModelUnavailable
from models.gguf_file import NotGguf, read_header
from models.packs.catalog import Catalog, Pack, load_catalog

BLOCK = 1 << 20

# ByteProgress(what, done, total): what is being done ("verifying qwen2.5-coder-0.5b"), in bytes
ByteProgress = Callable[[str, int, int], None]


def no_progress(what: str, done: int, total: int) -> None:
    return None


class NotInstalled(ModelUnavailable):
    """A pack of the catalog that is not on this machine yet: the panel offers to install it."""

    def __init__(self, pack: str, models_dir: Path) -> None:
        super().__init__(pack, f"not installed in {models_dir}", f"deskhand models install {pack}")
        self.pack = pack


@dataclass(frozen=True)
class PackState:
    pack: Pack
    path: Path
    installed: bool
    verified: bool  # a stamp from an earlier full hash still matches the file


def pack_path(pack: Pack, models_dir: Path) -> Path:
    return models_dir / pack.file_name


def stamp_path(path: Path) -> Path:
    return path.with_name(path.name + ".verified")


def state(pack: Pack, models_dir: Path) -> PackState:
    path = pack_path(pack, models_dir)
    return PackState(pack, path, path.is_file(), stamp_matches(path, pack.sha256))


def sha256_file(path: Path, what: str = "", progress: ByteProgress = no_progress) -> str:
    digest = hashlib.sha256()
    total, done = path.stat().st_size, 0
    with path.open("rb") as f:
        while block := f.read(BLOCK):
            digest.update(block)
            done += len(block)
            progress(what, done, total)
    return digest.hexdigest()


def write_stamp(path: Path, sha256: str) -> None:
    st = path.stat()
    stamp = stamp_path(path)
    temporary = stamp.with_name(stamp.name + ".tmp")
    temporary.write_text(json.dumps({"size": st.st_size, "mtime_ns": st.st_mtime_ns, "sha256": sha256}))
    os.replace(temporary, stamp)


def stamp_matches(path: Path, sha256: str) -> bool:
    try:
        stamp = json.loads(stamp_path(path).read_text())
        st = path.stat()
    except (OSError, ValueError):
        return False
    return isinstance(stamp, dict) and stamp == {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "sha256": sha256}


def verify(pack: Pack, models_dir: Path, progress: ByteProgress = no_progress) -> Path:
    """Hash the installed file again; stamp it when it matches, refuse it when not."""
    path = pack_path(pack, models_dir)
    if not path.is_file():
        raise ModelUnavailable(pack.name, f"not installed in {models_dir}", f"deskhand models install {pack.name}")
    stamp_path(path).unlink(missing_ok=True)  # whatever it said no longer counts
    size = path.stat().st_size
    reinstall = f"deskhand models install {pack.name} (assembles it again)"
    if size != pack.size:
        raise ModelUnavailable(pack.name, f"{path} is {size} bytes, expected {pack.size}", reinstall)
    actual = sha256_file(path, f"verifying {pack.name}", progress)
    if actual != pack.sha256:
        raise ModelUnavailable(pack.name, f"sha256 of {path} is {actual}, expected {pack.sha256}", reinstall)
    write_stamp(path, actual)
    return path


def resolve_model(spec: str, models_dir: Path, catalog: Catalog | None = None) -> Path:
    """The GGUF file ``spec`` names: an installed, verified pack, or a path to a GGUF file."""
    catalog = catalog or load_catalog()
    if spec in catalog:
        pack = catalog.get(spec)
        path = pack_path(pack, models_dir)
        if not path.is_file():
            raise NotInstalled(spec, models_dir)
        return path if stamp_matches(path, pack.sha256) else verify(pack, models_dir)
    path = Path(spec).expanduser()
    fix = f"give the path of a .gguf file, or a pack name: {', '.join(catalog.names)}"
    if not path.exists():
        raise ModelUnavailable(spec, "no such file, and no pack of that name", fix)
    if not path.is_file():
        raise ModelUnavailable(spec, "it is a folder, not a GGUF file", fix)
    try:
        read_header(path)
    except NotGguf as err:
        raise ModelUnavailable(spec, str(err), fix) from None
    except OSError as err:
        raise ModelUnavailable(spec, f"cannot read it: {err.strerror}", fix) from None
    return path
