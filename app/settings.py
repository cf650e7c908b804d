"""The user's settings, kept as TOML in the config folder: which model, how to confirm, which hotkeys.

Read with tomllib; written by the few lines below (flat tables of strings only, which is
all the settings are), so no writer library is needed.
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from app.paths import config_dir
from automation.errors import EnvironmentProblem
from automation.hotkeys import FORM, Hotkey, HotkeyError, parse_hotkey
from models.packs import DEFAULT_PACK

CONFIRM_CHOICES = ("ask", "always")  # ask before committing actions, or approve every one
HOTKEYS = ("hotkey_show", "hotkey_abort")


@dataclass(frozen=True)
class Settings:
    model: str = DEFAULT_PACK  # a pack name or a GGUF path
    server: str = ""  # an OpenAI-compatible server URL; when set, used instead of ``model``
    confirm: str = "ask"
    # Global hotkeys. Ctrl+Alt+D (Xfce: show desktop) and Ctrl+Alt+Esc (KDE and Xfce: xkill)
    # are taken; window managers leave Ctrl+Alt+Shift+letter alone (GNOME's Ctrl+Alt+Shift+R aside).
    hotkey_show: str = "<ctrl>+<alt>+<shift>+d"  # show or hide the panel
    hotkey_abort: str = "<ctrl>+<alt>+<shift>+<esc>"  # stop what Deskhand is doing


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
    chosen = {k: str(v) for k, v in table.items() if k in known}
    settings = Settings(**chosen)
    if settings.confirm not in CONFIRM_CHOICES:
        raise EnvironmentProblem(
            f"{path}: confirm = {settings.confirm!r} is not one of {', '.join(CONFIRM_CHOICES)}",
            f'set confirm = "ask" in {path}',
        )
    hotkeys(settings, path)
    return settings


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
    lines = ["[deskhand]"] + [f"{key} = {toml_string(value)}" for key, value in asdict(settings).items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def toml_string(value: str) -> str:
    """A TOML basic string: backslash, quote and control characters escaped."""
    escaped = "".join(
        "\\\\" if c == "\\" else '\\"' if c == '"' else f"\\u{ord(c):04x}" if ord(c) < 0x20 or c == "\x7f" else c
        for c in value
    )
    return f'"{escaped}"'
