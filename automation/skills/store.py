"""Learned skills in one SQLite file (stdlib sqlite3, WAL) in the user data folder.

Each skill is a row holding its JSON document (automation.skills.serialize, without
crops); its crops are PNG blobs in a table beside it, so a skill and its pictures are
saved, renamed and deleted in one transaction and a copy of the file is a complete
backup. The ``name`` column is the truth for a skill's name (rename touches only it).

The schema has a version (table ``schema_version``) and moves forward through
MIGRATIONS, one list of statements per version, each applied in its own transaction.

A damaged file raises EnvironmentProblem (exit 7) naming it and how to recover; one
unreadable skill in an intact file is reported by ``scan`` while the others still load.
"""

from __future__ import annotations

import builtins
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from types import TracebackType

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from automation.errors import ActionFailed, EnvironmentProblem, TargetNotFound
from automation.secrets import redact
from automation.skill_card import SkillCard
from automation.skills.model import Origin, Skill
from automation.skills.serialize import SkillFormatError, dumps, loads

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: skills as JSON documents, their crops as blobs
    (
        """CREATE TABLE skills (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            body TEXT NOT NULL,
            created REAL NOT NULL
        )""",
        """CREATE TABLE crops (
            skill INTEGER NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            png BLOB NOT NULL,
            PRIMARY KEY (skill, name)
        )""",
    ),
    # 2: when a skill last changed, and how its replays went
    (
        "ALTER TABLE skills ADD COLUMN updated REAL",
        "UPDATE skills SET updated = created",
        """CREATE TABLE runs (
            skill INTEGER NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
            started REAL NOT NULL,
            seconds REAL NOT NULL,
            ok INTEGER NOT NULL,
            model_calls INTEGER NOT NULL,
            message TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX runs_by_skill ON runs (skill, started)",
    ),
    # 3: what each run was given (non-secret values, as JSON) and asked in words, for dataset export
    (
        "ALTER TABLE runs ADD COLUMN args TEXT NOT NULL DEFAULT '{}'",
        "ALTER TABLE runs ADD COLUMN request TEXT NOT NULL DEFAULT ''",
    ),
    # 4: trust: where an imported skill came from (JSON; empty for a recorded one), and whether it may run
    (
        "ALTER TABLE skills ADD COLUMN origin TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE skills ADD COLUMN enabled INTEGER NOT NULL DEFAULT 1",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)
FIND_THRESHOLD = 50.0  # rapidfuzz token_set_ratio under which a skill does not answer a request
BUSY_SECONDS = 5.0  # how long to wait for another process (the recorder) holding the write lock


class SkillNotFound(TargetNotFound):
    def __init__(self, name: str, names: Sequence[str]) -> None:
        super().__init__(name, names, where="the skill store")
        closest = ", ".join(repr(n) for n in names) or "no skills yet"
        self.message = f"no skill named {name!r}; closest: {closest}"
        self.fix = "`deskhand skills list` shows them all; `deskhand record NAME` teaches a new one"


class SkillExists(ActionFailed):
    """A name already taken by another skill (names are case-insensitive)."""

    def __init__(self, name: str, fix: str = "") -> None:
        super().__init__(
            f"a skill named {name!r} already exists",
            fix or f"choose another name, or remove it first: deskhand skills rm {name}",
        )
        self.name = name


@dataclass(frozen=True)
class Unreadable:
    """A stored skill that could not be loaded, and why."""

    name: str
    reason: str


@dataclass(frozen=True)
class PastRun:
    """One replay from the history: which skill, with which values (never a secret), how it went."""

    skill: str
    started: float
    seconds: float
    ok: bool
    model_calls: int
    message: str
    args: dict[str, str]
    request: str  # the user's words when `deskhand do` ran it; empty for `deskhand replay`


@dataclass(frozen=True)
class Runs:
    count: int = 0
    ok: int = 0
    last_seconds: float | None = None
    last_started: float | None = None


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring the schema to version ``target``, one transaction per version; returns the version."""
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    while True:
        conn.execute("BEGIN IMMEDIATE")  # read the version under the write lock: two processes may race
        try:
            version = current_version(conn)
            if version >= target:
                conn.execute("COMMIT")
                return version
            for statement in MIGRATIONS[version]:
                conn.execute(statement)
            conn.execute("DELETE FROM schema_version")
            conn.execute("INSERT INTO schema_version (version) VALUES (?)", (version + 1,))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def current_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


class SkillStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._guard():
            self._conn = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)
        try:
            self._open()
        except BaseException:
            self._conn.close()
            raise

    def _open(self) -> None:
        with self._guard():
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA foreign_keys=ON")
            version = current_version(self._conn) if self._has_version_table() else 0
            if version > SCHEMA_VERSION:
                raise EnvironmentProblem(
                    f"the skill database {self.path} has schema version {version}; this Deskhand knows up to "
                    f"{SCHEMA_VERSION}",
                    "update Deskhand, or point DESKHAND_HOME elsewhere to keep both",
                )
            migrate(self._conn)

    def _has_version_table(self) -> bool:
        found = self._conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_version'")
        return found.fetchone() is not None

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> SkillStore:
        return self

    def __exit__(self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    @contextmanager
    def _guard(self, skill: str | None = None) -> Iterator[None]:
        """sqlite3's errors -> ours, naming the file and how to get out of it."""
        try:
            yield
        except sqlite3.OperationalError as err:
            if "locked" in str(err) or "busy" in str(err):
                raise EnvironmentProblem(
                    f"the skill database {self.path} stayed locked for {BUSY_SECONDS:.0f} s: {err}",
                    "wait for the recording or replay that holds it to finish, then try again",
                ) from err
            raise self._damaged(err, skill) from err
        except sqlite3.DatabaseError as err:
            raise self._damaged(err, skill) from err

    def _damaged(self, err: sqlite3.Error, skill: str | None) -> EnvironmentProblem:
        what = f"skill {skill!r} in the skill database" if skill else "the skill database"
        bad = f"{self.path}.damaged"
        return EnvironmentProblem(
            f"{what} {self.path} cannot be read: {err}",
            f"move the file aside (mv {self.path} {bad}); Deskhand starts a new one. "
            f"To rescue skills from it: sqlite3 {bad} .recover | sqlite3 {self.path}",
        )

    # --- reading -------------------------------------------------------------------------

    def names(self) -> list[str]:
        """Skill names, from the name index alone: readable even when a skill's row is not."""
        with self._guard():
            return [row[0] for row in self._conn.execute("SELECT name FROM skills ORDER BY name")]

    def _row(self, name: str) -> tuple[int, str]:
        with self._guard():
            row = self._conn.execute("SELECT id, name FROM skills WHERE name = ?", (name,)).fetchone()
        if row is None:
            names = self.names()
            raise SkillNotFound(name, [n for n, _, _ in process.extract(name, names, limit=3)] if names else [])
        return int(row[0]), str(row[1])

    def _load(self, skill_id: int, name: str, with_crops: bool) -> Skill:
        with self._guard(name):
            body, origin, enabled = self._conn.execute(
                "SELECT body, origin, enabled FROM skills WHERE id = ?", (skill_id,)
            ).fetchone()
            crops: dict[str, bytes] = {}
            if with_crops:
                rows = self._conn.execute("SELECT name, png FROM crops WHERE skill = ?", (skill_id,))
                crops = {str(n): bytes(png) for n, png in rows}
        skill = loads(body, f"{self.path} (skill {name!r})", crops)
        return replace(skill, name=name, origin=origin_from(origin), enabled=bool(enabled))

    def get(self, name: str) -> Skill:
        """The skill with its crops; SkillNotFound (exit 4) names the closest ones."""
        skill_id, stored = self._row(name)
        return self._load(skill_id, stored, with_crops=True)

    def scan(self) -> tuple[list[Skill], list[Unreadable]]:
        """Every skill that loads (without crops), and the ones that do not, with why."""
        with self._guard():
            rows = self._conn.execute("SELECT id, name FROM skills ORDER BY name").fetchall()
        skills, bad = [], []
        for skill_id, name in rows:
            try:
                skills.append(self._load(skill_id, name, with_crops=False))
            except (EnvironmentProblem, SkillFormatError) as err:
                bad.append(Unreadable(name, err.message))
        return skills, bad

    def list(self) -> list[Skill]:
        return self.scan()[0]

    def find(self, request: str, k: int = 5) -> builtins.list[SkillCard]:
        """The skills that best answer ``request``, best first, by fuzzy match on name, description, examples."""
        scored = []
        for skill in self.list():
            if not skill.enabled:
                continue  # an imported skill nobody reviewed is never offered
            texts = [skill.name.replace("-", " ").replace("_", " "), skill.description, *skill.examples]
            # token_set_ratio: words in common, in any order; WRatio's partial scoring ranked
            # "approve a leave request" as close to "file a lunch expense" as the right skill.
            score = max(fuzz.token_set_ratio(request, t, processor=default_process) for t in texts if t)
            if score >= FIND_THRESHOLD:
                scored.append((score, skill.card()))
        scored.sort(key=lambda sc: (-sc[0], sc[1].name))
        return [card for _, card in scored[:k]]

    def runs(self, name: str) -> Runs:
        skill_id, _ = self._row(name)
        with self._guard(name):
            count, ok = self._conn.execute(
                "SELECT count(*), coalesce(sum(ok), 0) FROM runs WHERE skill = ?", (skill_id,)
            ).fetchone()
            last = self._conn.execute(
                "SELECT seconds, started FROM runs WHERE skill = ? ORDER BY rowid DESC LIMIT 1", (skill_id,)
            ).fetchone()
        return Runs(int(count), int(ok), *(last or (None, None)))

    def history(self, ok_only: bool = False) -> builtins.list[PastRun]:
        """Every recorded run of every skill, in the order they ended; a damaged args column reads as no values."""
        where = "WHERE runs.ok = 1" if ok_only else ""
        with self._guard():
            rows = self._conn.execute(
                "SELECT skills.name, started, seconds, ok, model_calls, message, args, request "
                f"FROM runs JOIN skills ON skills.id = runs.skill {where} ORDER BY runs.rowid"
            ).fetchall()
        return [
            PastRun(str(name), float(t), float(secs), bool(ok), int(calls), str(msg), json_args(args), str(request))
            for name, t, secs, ok, calls, msg, args, request in rows
        ]

    # --- writing -------------------------------------------------------------------------

    @contextmanager
    def _transaction(self, skill: str | None = None) -> Iterator[sqlite3.Connection]:
        with self._guard(skill):
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def save(self, skill: Skill, replace: bool = False) -> None:
        """Store ``skill`` with its crops; an existing name is an error unless ``replace``."""
        if not skill.name.strip():
            raise ActionFailed("a skill needs a name", "give it one, e.g. file-expense")
        now = time.time()
        body = dumps(skill)
        with self._transaction(skill.name) as conn:
            row = conn.execute("SELECT id, name FROM skills WHERE name = ?", (skill.name,)).fetchone()
            if row is not None and not replace:
                raise SkillExists(str(row[1]))
            if row is None:
                cursor = conn.execute(
                    "INSERT INTO skills (name, body, created, updated, origin, enabled) VALUES (?, ?, ?, ?, ?, ?)",
                    (skill.name, body, now, now, origin_text(skill.origin), int(skill.enabled)),
                )
                skill_id = int(cursor.lastrowid or 0)
            else:
                skill_id = int(row[0])
                conn.execute(
                    "UPDATE skills SET name = ?, body = ?, updated = ?, origin = ?, enabled = ? WHERE id = ?",
                    (skill.name, body, now, origin_text(skill.origin), int(skill.enabled), skill_id),
                )
                conn.execute("DELETE FROM crops WHERE skill = ?", (skill_id,))
            conn.executemany(
                "INSERT INTO crops (skill, name, png) VALUES (?, ?, ?)",
                [(skill_id, name, png) for name, png in sorted(skill.crops.items())],
            )

    def enable(self, name: str) -> None:
        """Let a reviewed skill run and be offered to the model."""
        skill_id, stored = self._row(name)
        with self._transaction(stored) as conn:
            conn.execute("UPDATE skills SET enabled = 1, updated = ? WHERE id = ?", (time.time(), skill_id))

    def forget_runs(self, before: float | None = None, name: str | None = None) -> int:
        """Delete run history (of skill ``name``; started before ``before``); how many runs went."""
        where, args = ["1"], []
        if before is not None:
            where.append("started < ?")
            args.append(before)
        if name is not None:
            where.append("skill = ?")
            args.append(self._row(name)[0])
        with self._transaction() as conn:
            return conn.execute(f"DELETE FROM runs WHERE {' AND '.join(where)}", args).rowcount

    def delete(self, name: str) -> None:
        skill_id, stored = self._row(name)
        with self._transaction(stored) as conn:
            conn.execute("DELETE FROM skills WHERE id = ?", (skill_id,))

    def rename(self, old: str, new: str) -> None:
        if not new.strip():
            raise ActionFailed("a skill needs a name", "give it a non-empty one")
        skill_id, stored = self._row(old)
        with self._transaction(stored) as conn:
            taken = conn.execute("SELECT name FROM skills WHERE name = ? AND id != ?", (new, skill_id)).fetchone()
            if taken is not None:
                raise SkillExists(str(taken[0]))
            conn.execute("UPDATE skills SET name = ?, updated = ? WHERE id = ?", (new, time.time(), skill_id))

    def forget_values(self, name: str, param: str, also: Iterable[str] = ()) -> builtins.list[str]:
        """Take ``param``'s value out of every past run of skill ``name`` (its arguments, and its
        message and request wherever they quote it, with ``also``); the values it had, for
        scrubbing elsewhere."""
        skill_id, stored = self._row(name)
        with self._guard(stored):
            # Freed space is zeroed, not left holding the old text (SQLite keeps it otherwise).
            self._conn.execute("PRAGMA secure_delete = ON")
        with self._transaction(stored) as conn:
            rows = conn.execute(
                "SELECT rowid, args, message, request FROM runs WHERE skill = ?", (skill_id,)
            ).fetchall()
            values = {v for v in also if v.strip()}
            for _, args, _, _ in rows:
                value = json_args(args).get(param, "")
                if value.strip():
                    values.add(value)
            for rowid, args, message, request in rows:
                kept = {k: v for k, v in json_args(args).items() if k != param}
                conn.execute(
                    "UPDATE runs SET args = ?, message = ?, request = ? WHERE rowid = ?",
                    (json.dumps(kept, ensure_ascii=False), redact(message, values), redact(request, values), rowid),
                )
        with self._guard(stored):
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the log's copies of the old pages go too
        return sorted(values)

    def record_run(
        self,
        name: str,
        seconds: float,
        ok: bool,
        model_calls: int,
        message: str = "",
        args: Mapping[str, str] | None = None,
        request: str = "",
    ) -> None:
        """Add a run to the history, with the values it was given; a secret parameter's value is never kept."""
        skill_id, stored = self._row(name)
        secret = {p.name for p in self._load(skill_id, stored, with_crops=False).params if p.secret}
        kept = {k: str(v) for k, v in (args or {}).items() if k not in secret}
        with self._transaction(stored) as conn:
            conn.execute(
                "INSERT INTO runs (skill, started, seconds, ok, model_calls, message, args, request) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    skill_id,
                    time.time() - seconds,
                    seconds,
                    int(ok),
                    model_calls,
                    message,
                    json.dumps(kept, ensure_ascii=False),
                    request,
                ),
            )


def origin_text(origin: Origin | None) -> str:
    return "" if origin is None else json.dumps(asdict(origin), ensure_ascii=False)


def origin_from(text: str) -> Origin | None:
    """The stored origin; one that cannot be read is still an origin (an unknown file), never "recorded"."""
    if not text:
        return None
    try:
        data = json.loads(text)
        return Origin(str(data["file"]), float(data["imported"]), str(data.get("signer", "")))
    except (ValueError, KeyError, TypeError):
        return Origin("an unreadable origin", 0.0)


def json_args(text: str) -> dict[str, str]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
