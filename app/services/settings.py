"""The user's settings, kept as TOML in the config folder: which model, how to confirm, which hotkeys, voice.

Read with tomllib; written by the few lines below (a flat table of strings and booleans,
which is all the settings are), so no writer library is needed.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from app.services.paths import config_dir
from automation.errors import DeskhandError, EnvironmentProblem, UsageError
from automation.hotkeys import FORM, Hotkey, HotkeyError, parse_hotkey
from models.gguf_file import NotGguf, read_header
from models.packs import DEFAULT_PACK

CONFIRM_CHOICES = ("ask", "always")  # ask before committing actions, or approve every one
HOTKEYS = ("hotkey_show", "hotkey_abort", "hotkey_talk")


@dataclass(frozen=True)
class Settings:
    model: str = DEFAULT_PACK  # a pack name or a GGUF path
    server: str = ""  # an OpenAI-compatible server URL; when set, used instead of ``model``
    confirm: str = "ask"
    # Global hotkeys. Ctrl+Alt+D (Xfce: show desktop) and Ctrl+Alt+Esc (KDE and Xfce: xkill)
    # are taken; window managers leave Ctrl+Alt+Shift+letter alone (GNOME's Ctrl+Alt+Shift+R aside).
    hotkey_show: str = "<ctrl>+<alt>+<shift>+d"  # show or hide the panel
    hotkey_abort: str = "<ctrl>+<alt>+<shift>+<esc>"  # stop what Deskhand is doing
    hotkey_talk: str = "<ctrl>+<alt>+<shift>+t"  # hold to speak a request or an answer, like the Talk button
    speech: str = ""  # the speech engine for talk and --audio-file; empty: the default (whisper-tiny.en)
    speak_replies: bool = False  # say questions and results aloud through espeak-ng
    keep_days: str = "30"  # recordings and failure screenshots older than this are removed at start; 0 keeps them
    audit_days: str = "365"  # the audit log's months older than this are removed at start; 0 keeps it
    audit_values: bool = True  # write typed values in the audit log (a secret is "[secret]" either way)
    # The confirmation rule (automation.commit_rule): words and keys added to the defaults,
    # "-word" takes a default out.
    commit_words: tuple[str, ...] = ()
    commit_keys: tuple[str, ...] = ()
    # Applications input may go to (window class or executable name), besides the target
    # chosen at start; empty: only that one (automation.actuation.safety).
    allowed_apps: tuple[str, ...] = ()


def settings_file() -> Path:
    return config_dir() / "settings.toml"


def load_settings() -> Settings:
    path = settings_file()
    if not path.exists():
        return Settings()
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("deskhand", {})
    except UnicodeDecodeError as err:
        raise EnvironmentProblem(
            f"{path} is not UTF-8 text (byte {err.start}: {err.reason})", f"save it as UTF-8, or delete {path}"
        ) from err
    except OSError as err:
        raise EnvironmentProblem(f"{path} cannot be read: {err.strerror or err}", f"fix or delete {path}") from err
    except tomllib.TOMLDecodeError as err:
        raise EnvironmentProblem(f"{path} is not valid TOML: {err}", f"fix or delete {path}") from err
    if not isinstance(table, dict):
        raise EnvironmentProblem(
            f"{path}: deskhand is not a table", f"start the file with [deskhand], or delete {path}"
        )
    known = {f.name for f in fields(Settings)}
    chosen: dict[str, Any] = {k: as_setting(k, v, path) for k, v in table.items() if k in known}
    settings = Settings(**chosen)
    if settings.confirm not in CONFIRM_CHOICES:
        raise EnvironmentProblem(
            f"{path}: confirm = {settings.confirm!r} is not one of {', '.join(CONFIRM_CHOICES)}",
            f'set confirm = "ask" in {path}',
        )
    hotkeys(settings, path)
    for key in ("keep_days", "audit_days"):
        days(settings, key, path)
    return settings


def days(settings: Settings, key: str, path: Path | None = None) -> int:
    """A number-of-days setting; EnvironmentProblem naming it when it is not a whole number >= 0."""
    text = getattr(settings, key)
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        where = path or settings_file()
        raise EnvironmentProblem(
            f"{where}: {key} = {text!r} is not a whole number of days", f'set {key} = "30" (0 keeps forever)'
        )
    return value


def as_setting(key: str, value: object, path: Path) -> str | bool | tuple[str, ...]:
    """Strings stay strings; the on/off settings take a TOML boolean (or "true"/"false");
    the lists take a TOML array of strings (or one comma-separated string)."""
    if isinstance(getattr(Settings(), key), tuple):
        if isinstance(value, str):
            return tuple(v.strip() for v in value.split(",") if v.strip())
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(value)
        raise EnvironmentProblem(f"{path}: {key} = {value!r} is not a list of strings", f'write {key} = ["..."]')
    if not isinstance(getattr(Settings(), key), bool):
        return str(value)
    if isinstance(value, bool) or str(value).lower() in ("true", "false"):
        return value if isinstance(value, bool) else str(value).lower() == "true"
    raise EnvironmentProblem(f"{path}: {key} = {value!r} is not true or false", f"set {key} = false in {path}")


def hotkeys(settings: Settings, path: Path | None = None) -> dict[str, Hotkey]:
    """The settings' hotkeys parsed; a bad one is an EnvironmentProblem naming it, its key and the file."""
    where = path or settings_file()
    parsed = {}
    for key in HOTKEYS:
        text = getattr(settings, key)
        default = getattr(Settings(), key)
        try:
            parsed[key] = parse_hotkey(text)
        except HotkeyError as err:
            raise EnvironmentProblem(
                f"{where}: {key} = {text!r}: {err}", f"write it like {default!r} ({FORM}), or delete the line"
            ) from err
    if len({(h.modifiers, h.key) for h in parsed.values()}) < len(parsed):
        raise EnvironmentProblem(
            f"{where}: {' and '.join(HOTKEYS)} are the same combination", f"give each its own in {where}"
        )
    return parsed


def save_settings(settings: Settings) -> Path:
    path = settings_file()
    lines = ["[deskhand]"] + [f"{key} = {toml_value(value)}" for key, value in asdict(settings).items()]
    # A crash or a full disk mid-write leaves the old file whole: write beside it, then rename over it.
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        with open(partial, "w", encoding="utf-8", opener=lambda p, flags: os.open(p, flags, 0o600)) as f:
            f.write("\n".join(lines) + "\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(partial, path)
    except OSError as err:
        partial.unlink(missing_ok=True)
        raise EnvironmentProblem(
            f"cannot save {path}: {err.strerror or err}", "free disk space or fix its folder's permissions"
        ) from err
    return path


def toml_value(value: str | bool | tuple[str, ...]) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, tuple):
        return "[" + ", ".join(toml_string(v) for v in value) + "]"
    return toml_string(value)


def toml_string(value: str) -> str:
    """A TOML basic string: backslash, quote and control characters escaped."""
    escaped = "".join(
        "\\\\" if c == "\\" else '\\"' if c == '"' else f"\\u{ord(c):04x}" if ord(c) < 0x20 or c == "\x7f" else c
        for c in value
    )
    return f'"{escaped}"'


def list_problem(settings: Settings) -> DeskhandError | None:
    """A bad entry in the trust settings' lists (commit_words, commit_keys, allowed_apps), or None."""
    for key in ("commit_words", "commit_keys", "allowed_apps"):
        for entry in getattr(settings, key):
            name = entry.strip().removeprefix("-").strip() if key != "allowed_apps" else entry.strip()
            if not name:
                return UsageError(f"{key} has an empty entry ({entry!r})", "write entries separated by commas")
            if key == "commit_keys" and "" in name.replace(" ", "").replace("++", "+plus").split("+"):
                return UsageError(f"commit_keys: {entry!r} is not a key combination", "write it like ctrl+s or alt+F4")
    return None


def settings_problem(settings: Settings, packs: list[str]) -> DeskhandError | None:
    """What is wrong with ``settings`` before they are saved (the panel's editor), with its fix;
    None when nothing is. ``packs`` are the catalog's pack names."""
    for key in HOTKEYS:
        if not getattr(settings, key):
            return UsageError(f"{key} is empty", "give a key combination such as <ctrl>+<alt>+d")
    for key in ("keep_days", "audit_days"):
        text = getattr(settings, key)
        if not text.isascii() or not text.isdigit():
            return UsageError(f"{key}: {text!r} is not a whole number of days", "write 30, or 0 to keep forever")
    problem = list_problem(settings)
    if problem is not None:
        return problem
    if settings.server:
        url = urlparse(settings.server)
        if url.scheme not in ("http", "https") or not url.netloc:
            return UsageError(f"{settings.server!r} is not a server URL", "give it as http://127.0.0.1:8080")
        return None
    if settings.model in packs:
        return None  # installed or not: the panel offers to install it
    if not settings.model:
        return UsageError("no model chosen", "choose a pack, a GGUF file, or a server URL")
    path = Path(settings.model).expanduser()
    try:
        read_header(path)
    except (NotGguf, OSError) as err:
        reason = err.strerror if isinstance(err, OSError) else str(err)
        return UsageError(f"{settings.model} is not a usable GGUF file: {reason}", "choose a pack or a .gguf file")
    return None
