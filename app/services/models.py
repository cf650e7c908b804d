"""The models a request runs with: open the one chosen (a pack, a GGUF path or a server), install a pack.

What is said while this works (loading, progress) leaves through callbacks; the packs
and their checks live in models.packs.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from app.services import Say, config
from app.services.egress import server_warning
from app.services.paths import models_dir, pack_wheels_dir
from models.language import LanguageModel
from models.packs import (
    DEFAULT_PACK,
    DEFAULT_SPEECH,
    ByteProgress,
    install,
    install_speech,
    load_catalog,
    resolve_model,
    speech_state,
    state,
)
from models.speech.open import speech_names


def open_chosen_model(
    pack_or_path: str | None, server: str | None, say: Say = lambda line: None, warn: Say | None = None
) -> LanguageModel:
    """The model to decide with; a local one is loaded now, with a line said before and after.

    A server reached over plain http on another machine is warned about through ``warn``
    (``say`` when not given): the screen's text would cross the network unencrypted.
    """
    from models.llama_local import LlamaModel  # loaded on first use, not by `deskhand --help` (docs/architecture.md)
    from models.open_model import open_model

    if server:
        if warning := server_warning(server):
            (warn or say)(f"warning: {warning}")
        return open_model(server, schema_format=config.schema_format())
    spec = pack_or_path or DEFAULT_PACK
    model = open_model(resolve_model(spec, models_dir()), threads=config.threads(spec))
    if isinstance(model, LlamaModel):
        say(f"loading {spec} ...")
        seconds = model.load()
        say(f"loaded {spec} in {seconds:.1f} s")
    return model


@dataclass(frozen=True)
class Installed:
    name: str
    path: Path
    size: int  # bytes
    seconds: float
    already: bool  # it was installed and verified before: nothing was downloaded


def install_pack(name: str, progress: ByteProgress) -> Installed:
    """Install the catalog's pack ``name`` (language or speech) into the models folder, verified:
    the CLI's and the panel's road. An installed, verified pack is left as it is."""
    catalog, folder = load_catalog(), models_dir()
    started = time.monotonic()
    if name in catalog.speech_names:
        speech = catalog.get_speech(name)
        before = speech_state(speech, folder)
        if before.verified:
            return Installed(speech.name, before.path, speech.size, 0.0, already=True)
        path = install_speech(speech, folder, wheels_dir=pack_wheels_dir(), progress=progress)
        return Installed(speech.name, path, speech.size, time.monotonic() - started, already=False)
    pack = catalog.get(name)
    current = state(pack, folder)
    if current.verified:
        return Installed(pack.name, current.path, pack.size, 0.0, already=True)
    path = install(pack, folder, wheels_dir=pack_wheels_dir(), progress=progress)
    return Installed(pack.name, path, pack.size, time.monotonic() - started, already=False)


def pack_choices() -> list[tuple[str, str]]:
    """(name, what the list shows) for every pack of the catalog, installed or not."""
    folder = models_dir()
    shown = []
    for pack in load_catalog().packs:
        marks = [f"{pack.size / 1e6:.0f} MB", "installed" if state(pack, folder).installed else "not installed"]
        if pack.name == DEFAULT_PACK:
            marks.append("default")
        shown.append((pack.name, f"{pack.name} ({', '.join(marks)})"))
    return shown


def speech_choices() -> list[tuple[str, str]]:
    """(engine name, what the list shows): the default first, then every speech pack and pocketsphinx."""
    others = [name for name in speech_names() if name != DEFAULT_SPEECH]
    return [("", f"{DEFAULT_SPEECH} (default)"), *((name, name) for name in others)]
