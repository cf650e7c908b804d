"""What Deskhand keeps about what it did, and forgetting it: the audit log, retention, file modes.

No printing here (app/cli/log.py and app/cli/forget.py print). The audit log is JSON lines in
``<data>/audit/YYYY-MM.jsonl``, one file a month, only ever appended to (O_APPEND, mode
0600); retention deletes whole month files past ``audit_days``, so no line is ever
edited in place. Recordings (``<data>/recordings``) and failure screenshots
(``<data>/replays``) are kept ``keep_days`` (settings), applied when Deskhand starts.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from app.services.paths import config_dir, data_dir, recordings_dir, replay_shots_dir
from automation.audit import Audit, AuditEntry
from automation.errors import EnvironmentProblem, UsageError
from automation.skills.store import SkillStore

FILE_MODE, FOLDER_MODE = 0o600, 0o700
MONTH_FILE = re.compile(r"(\d{4})-(\d{2})\.jsonl")
DAY = 86400.0


def audit_dir() -> Path:
    return data_dir() / "audit"


class FileAuditSink:
    """Appends each entry as one JSON line (one write, so concurrent processes never interleave a line)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def write(self, entry: AuditEntry) -> None:
        line = json.dumps(asdict(entry), ensure_ascii=False) + "\n"
        self._append(time.strftime("%Y-%m.jsonl", time.localtime(entry.time)), line.encode("utf-8"))

    def check(self) -> None:
        """EnvironmentProblem (exit 7) now, before anything is sent, when the log cannot be written."""
        self._append(time.strftime("%Y-%m.jsonl"), b"")

    def _append(self, name: str, data: bytes) -> None:
        path = self.folder / name
        try:
            self.folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE)
            try:
                if data:
                    os.write(fd, data)
            finally:
                os.close(fd)
        except OSError as err:
            raise EnvironmentProblem(
                f"the audit log {path} cannot be written: {err.strerror or err}; nothing more is sent unlogged",
                f"free disk space or fix the permissions of {self.folder}",
            ) from err


def open_audit(log_values: bool, approver: str = "user") -> Audit:
    """The audit trail of a session; EnvironmentProblem (exit 7) when its log cannot be written."""
    sink = FileAuditSink(audit_dir())
    sink.check()
    return Audit(sink, log_values=log_values, approver=approver)


def parse_since(text: str, now: float | None = None) -> float:
    """ "2h", "3d", "45m", "1w" before now, or a date "2026-12-01" / "2026-12-01T09:30": seconds since the epoch."""
    now = time.time() if now is None else now
    found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*", text)
    if found:
        unit = {"s": 1, "m": 60, "h": 3600, "d": DAY, "w": 7 * DAY}[found.group(2)]
        return now - float(found.group(1)) * unit
    try:
        return datetime.fromisoformat(text.strip()).timestamp()
    except ValueError:
        raise UsageError(
            f"--since {text!r} is neither a duration nor a date", "give 30m, 2h, 7d, 1w or a date like 2026-12-01"
        ) from None


def read_log(since: float | None = None, folder: Path | None = None) -> Iterator[dict[str, object]]:
    """Entries in time order; a line that is not JSON (a torn write) is given as {"unreadable": text}."""
    folder = folder or audit_dir()
    if not folder.exists():
        return
    for path in sorted(p for p in folder.iterdir() if MONTH_FILE.fullmatch(p.name)):
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                try:
                    entry = json.loads(line)
                except json.JSONDecodeError:
                    entry = {"unreadable": line.rstrip("\n")}
                if not isinstance(entry, dict):
                    entry = {"unreadable": line.rstrip("\n")}
                when = entry.get("time")
                if since is not None and isinstance(when, (int, float)) and when < since:
                    continue
                yield entry


# --- forgetting ----------------------------------------------------------------------------


@dataclass
class Forgotten:
    """What was removed, counted, for the one line the CLI prints."""

    recordings: int = 0
    screenshots: int = 0
    runs: int = 0
    audit_files: int = 0
    skills: int = 0

    def words(self) -> str:
        parts = [f"{n} {what}" for what, n in asdict(self).items() if n]
        return ", ".join(p.replace("_", " ") for p in parts) or "nothing"


def recording_name(folder: Path) -> str | None:
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    name = meta.get("name") if isinstance(meta, dict) else None
    return name if isinstance(name, str) else None


def entries(folder: Path) -> list[Path]:
    return sorted(folder.iterdir()) if folder.is_dir() else []


def forget_recordings(name: str | None = None, before: float | None = None, root: Path | None = None) -> int:
    """Remove recording folders (of skill ``name``; last changed before ``before``); how many went."""
    gone = 0
    for folder in entries(root or recordings_dir()):
        if not folder.is_dir():
            continue
        if name is not None and (recording_name(folder) or "").casefold() != name.casefold():
            continue
        if before is not None and folder.stat().st_mtime >= before:
            continue
        shutil.rmtree(folder, ignore_errors=True)
        gone += 1
    return gone


def screenshot_slug(name: str) -> str:
    return re.sub(r"[^\w.-]+", "_", name)  # how the replayer names a failed step's screenshot


def forget_screenshots(name: str | None = None, before: float | None = None, root: Path | None = None) -> int:
    gone = 0
    for path in entries(root or replay_shots_dir()):
        if not path.is_file():
            continue
        if name is not None and f"-{screenshot_slug(name)}-step" not in path.name:
            continue
        if before is not None and path.stat().st_mtime >= before:
            continue
        path.unlink(missing_ok=True)
        gone += 1
    return gone


def forget_audit(before: float | None = None, root: Path | None = None) -> int:
    """Delete month files that end before ``before`` (all with None): whole files, never lines."""
    gone = 0
    for path in entries(root or audit_dir()):
        found = MONTH_FILE.fullmatch(path.name)
        if not found:
            continue
        year, month = int(found.group(1)), int(found.group(2))
        ends = datetime(year + month // 12, month % 12 + 1, 1).timestamp()
        if before is None or ends <= before:
            path.unlink(missing_ok=True)
            gone += 1
    return gone


def apply_retention(keep_days: int, audit_days: int, now: float | None = None) -> Forgotten:
    """What the settings say to keep, applied (at start); 0 days keeps forever."""
    now = time.time() if now is None else now
    done = Forgotten()
    if keep_days > 0:
        before = now - keep_days * DAY
        done.recordings = forget_recordings(before=before)
        done.screenshots = forget_screenshots(before=before)
    if audit_days > 0:
        done.audit_files = forget_audit(before=now - audit_days * DAY)
    return done


def forget(
    store: SkillStore, skill: str | None = None, older_than_days: int | None = None, everything: bool = False
) -> Forgotten:
    """One of: a skill's recordings, screenshots and runs; what is older than N days; everything."""
    done = Forgotten()
    if skill is not None:
        name = store.get(skill).name  # SkillNotFound (exit 4) names the closest
        done.recordings = forget_recordings(name=name)
        done.screenshots = forget_screenshots(name=name)
        done.runs = store.forget_runs(name=name)
    elif older_than_days is not None:
        before = time.time() - older_than_days * DAY
        done.recordings = forget_recordings(before=before)
        done.screenshots = forget_screenshots(before=before)
        done.runs = store.forget_runs(before=before)
    elif everything:
        done.recordings = forget_recordings()
        done.screenshots = forget_screenshots()
        done.runs = store.forget_runs()
        done.audit_files = forget_audit()
        for name in store.names():
            store.delete(name)
            done.skills += 1
    # What was forgotten is itself on record (never what it held): the log after --all starts with it.
    what = (
        f"skill {skill}"
        if skill is not None
        else f"older than {older_than_days} days"
        if older_than_days is not None
        else "all"
    )
    FileAuditSink(audit_dir()).write(
        AuditEntry(time.time(), "forget", what, "", "forget", "", "", "", None, "user", f"removed {done.words()}")
    )
    return done


# --- file modes -----------------------------------------------------------------------------


def tighten(root: Path) -> int:
    """Folders 0700 and files 0600 under ``root`` (what older versions left open); how many changed."""
    changed = 0
    if not root.exists():
        return 0
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        want = FOLDER_MODE if path.is_dir() else FILE_MODE
        try:
            if path.stat().st_mode & 0o777 != want:
                path.chmod(want)
                changed += 1
        except OSError:
            continue
    return changed


def tighten_once() -> None:
    """Files an older Deskhand left readable by others become 0600 (folders 0700), once per data folder."""
    marker = data_dir() / ".modes-tightened"
    if marker.exists():
        return
    for root in private_roots():
        tighten(root)
    marker.touch()


def private_roots() -> list[Path]:
    """Every folder Deskhand keeps the user's data in (model packs are public wheels: not these)."""
    return [data_dir(), config_dir()]
