"""The user's settings, kept as TOML in the config folder: which model, how to confirm, which hotkeys, voice.

Read with tomllib; written by the few lines below (a flat table of strings and booleans,
which is all the settings are), so no writer library is needed.
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from app.services.paths import config_dir
from automation.errors import EnvironmentProblem
from automation.hotkeys import FORM, Hotkey, HotkeyError, parse_hotkey
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


def settings_file() -> Path:
    return config_dir() / "settings.toml"


def load_settings() -> Settings:
    path = settings_file()
    if not path.exists():
        return Settings()
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("deskhand", {})
    except tomllib.TOMLDecodeError as err:
        raise EnvironmentProblem(f"{path} is not valid TOML: {err}", f"fix or delete {path}") from err
    known = {f.name for f in fields(Settings)}
    chosen: dict[str, Any] = {k: as_setting(k, v, path) for k, v in table.items() if k in known}
    settings = Settings(**chosen)
    if settings.confirm not in CONFIRM_CHOICES:
        raise EnvironmentProblem(
            f"{path}: confirm = {settings.confirm!r} is not one of {', '.join(CONFIRM_CHOICES)}",
            f'set confirm = "ask" in {path}',
        )
    hotkeys(settings, path)
    return settings


def as_setting(key: str, value: object, path: Path) -> str | bool:
    """Strings stay strings; the on/off settings take a TOML boolean (or "true"/"false")."""
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
    lines = ["[deskhand]"] + [
        f"{key} = {str(value).lower() if isinstance(value, bool) else toml_string(value)}"
        for key, value in asdict(settings).items()
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def toml_string(value: str) -> str:
    """A TOML basic string: backslash, quote and control characters escaped."""
    escaped = "".join(
        "\\\\" if c == "\\" else '\\"' if c == '"' else f"\\u{ord(c):04x}" if ord(c) < 0x20 or c == "\x7f" else c
        for c in value
    )
    return f'"{escaped}"'
