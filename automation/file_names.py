"""The file a request names, and the folder it names for it, from the request's own words.

"save a copy as copy.txt", "export it as q3.csv to /tmp/reports", "保存到 /tmp/out": a file
name is a word with an extension that has a letter (not 42.50), maybe after folders
(not after "@": an e-mail address is no file; not "e.g"); a
folder is a path after "in", "into", "to" or "under". Plain functions over text, shared by
the policy (what to type into a file dialog's name box) and the goal check (the name the
screen must show once the file is saved).
"""

from __future__ import annotations

import os
import re

FILE_NAME = re.compile(
    r"(?<![\w/~.@-])((?:~|\.{1,2})?/?(?:[\w.-]+/)*[\w-][\w.-]*\.(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{1,6})(?![\w/])"
)
MIN_NAME = 4  # characters: "e.g" and "i.e" are no files
FOLDER = re.compile(
    r"\b(?:in|into|to|under)\s+(?:the\s+)?(?:folder|directory)?\s*((?:~|/)[^\s,;，；]*)|(?:放到|保存到|存到)\s*((?:~|/)[^\s,;，；]*)"
)


def file_name(request: str) -> tuple[str, int] | None:
    """The file name the request gives (with any folders written before it) and where, or None."""
    for m in FILE_NAME.finditer(request):
        name = m.group(1).rstrip(".")
        if len(name.rpartition("/")[2]) >= MIN_NAME:
            return name, m.start(1)
    return None


def base_name(request: str) -> str | None:
    """The last part of the file name the request gives ("notes-2.txt" of "/tmp/out/notes-2.txt")."""
    found = file_name(request)
    return found[0].rpartition("/")[2] if found else None


def folder(request: str) -> str | None:
    m = FOLDER.search(request)
    if m is None:
        return None
    path = (m.group(1) or m.group(2)).rstrip(".")
    return os.path.expanduser(path) if path.startswith("~") else path


def path_to_type(request: str) -> str | None:
    """What goes into a save dialog's name box: the file name, with the request's folder before it."""
    found = file_name(request)
    if found is None:
        return None
    name = found[0]
    if name.startswith(("/", "~")):
        return os.path.expanduser(name)
    where = folder(request)
    return f"{where.rstrip('/')}/{name}" if where else name


# Wine maps the drive Z: to the Unix root; its programs' file boxes take Windows paths and refuse a
# Unix one ("Invalid character(s) in path": Notepad's Save As, round 17)
WINE_ROOT = "Z:"


def takes_windows_paths(app: str) -> bool:
    """Whether a window of the application ``app`` (its X11 class) is a Windows program run by
    Wine, which names every window's class after its program's file ("notepad.exe")."""
    return app.casefold().endswith(".exe")


def windows_path(path: str) -> str:
    """``path`` as a Windows program under Wine takes it ("/tmp/q3.csv" is "Z:\\tmp\\q3.csv"); a
    name with no folder stays as it is."""
    return WINE_ROOT + path.replace("/", "\\") if path.startswith("/") else path


def unix_path(path: str) -> str:
    """The Unix path a Wine path on Z: names ("Z:\\tmp\\q3.csv" is "/tmp/q3.csv"); other text as it is."""
    return path[len(WINE_ROOT) :].replace("\\", "/") if path[:3].casefold() == "z:\\" else path
