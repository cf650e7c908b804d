"""Does a request ask for something in a place this run does not act in?

A run acts in one window (its target) and that application's dialogs, plus the
applications the settings allow. A request can name somewhere else: another
application's window on screen ("click Save in Notes", "close the other window"),
Deskhand itself ("close the Deskhand window"), or a terminal when the run's window is
not one ("press ctrl+c in your own terminal": the terminal Deskhand runs in is never a
target). Carried out in the run's window, such a request does something that was not
asked ("alt+tab" pressed in the form) and would be reported done; so the loop stops it.

Only what can be seen decides, never a list of applications: the titles and classes of
the windows on screen that the run may not act in, Deskhand's own name, and a few words
for places in general (a terminal, "the other window"). A name that is also the target's
own (in its title or class, or on its screen as a label) is the target's, not elsewhere.
Quoted text is a value to type, not a place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from automation.errors import Refused
from automation.types import Box, Window

OWN_NAME = "deskhand"  # this program: its panel and its terminal are never a target
# Words for a window or an application in general: "the notes app", "the canary window"
WINDOW_NOUNS = "window|app|application|program"
OTHER = re.compile(rf"\b(?:other|another|second|different)\s+(?:{WINDOW_NOUNS})s?\b")
# A terminal as a place: "the terminal", "your own shell", "a console", "the command line"
TERMINAL = re.compile(
    r"\b(?:the|your|a|an|its|own|my|that)\s+(?:own\s+)?(terminal|shell|console|command[ -]line|command prompt)\b"
)
# What stands before a one-word window name used as a place: "in Notes", "switch to the Notes"
PLACE_LEAD = r"\b(?:in|into|to|on|at|of|from|inside|close|focus|activate|switch to)"
QUOTED = re.compile(r"[\"“'‘「][^\"”'’」]{1,200}[\"”'’」]")
SEPARATORS = re.compile(r"\s+[—–\-|]\s+|\s*[—–|]\s*|:\s+")
MIN_NAME = 3  # letters: shorter titles and classes ("Tk", "xv") name nothing reliably


@dataclass(frozen=True)
class Elsewhere:
    """A place the request names that the run does not act in."""

    named: str  # as the request says it: "Canary Notes", "your own terminal", "Deskhand"
    window: Window | None = None  # the other application's window on screen it names, when one
    own: bool = False  # Deskhand's own window or terminal: never a target, nobody can admit it
    terminal: bool = False  # a terminal, and the run's window is none: the one meant is Deskhand's or off screen


class ElsewhereRequest(Refused):
    """The request asks for input in a place this run does not act in; nothing was sent."""

    def __init__(self, place: Elsewhere, target: Window | None) -> None:
        here = f"{target.title!r}" if target is not None else "no window"
        if place.terminal:
            message = (
                f"the request is about {place.named!r}: this run acts in {here}, which is not a terminal, "
                "and Deskhand never types into its own terminal; nothing was done"
            )
            fix = "put the terminal you mean in front (not the one running deskhand) or name it with --window"
        elif place.own:
            message = (
                f"the request is about {place.named!r}, Deskhand's own window or terminal: "
                f"Deskhand never acts there (this run acts in {here}); nothing was done"
            )
            fix = "put the window you mean in front (not the terminal running deskhand) or name it with --window"
        elif place.window is not None:
            app = place.window.app or "no class"
            message = (
                f"the request is about {place.window.title!r} ({app}): that is not the application "
                f"this run acts in ({here}); nothing was done"
            )
            fix = f"run it with that window in front or --window, or add {place.window.app!r} to allowed_apps"
        else:
            message = f"the request is about {place.named!r}, not the window this run acts in ({here}): nothing done"
            fix = "put the window you mean in front, or name it with --window"
        super().__init__(message, fix)
        self.place = place


def covers(box: Box, screen: Box) -> bool:
    return box.x <= screen.x and box.y <= screen.y and box.right >= screen.right and box.bottom >= screen.bottom


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.casefold()) if len(w) >= MIN_NAME}


def names_of(window: Window) -> list[str]:
    """What a request may call ``window``: its whole title, each part of it ("Report — Editor"),
    and its class."""
    parts = [window.title, *SEPARATORS.split(window.title), window.app]
    found: list[str] = []
    for part in (p.strip() for p in parts):
        letters = sum(c.isalpha() for c in part)
        if letters >= MIN_NAME and part.casefold() not in (f.casefold() for f in found):
            found.append(part)
    return found


def says(text: str, name: str) -> re.Match[str] | None:
    """``name`` as whole words of ``text`` (``text`` is casefolded). A one-word name must
    stand where a place does ("in Mail", "close the Mail"): "send the mail" names no window."""
    lead = "" if " " in name.strip() else rf"(?:{PLACE_LEAD})\s+(?:the\s+)?"
    return re.search(rf"{lead}(?<!\w){re.escape(name.casefold())}(?!\w)", text)


def names_window(text: str, window: Window, theirs: set[str], target_names: set[str]) -> str | None:
    """How ``text`` names ``window``: a name of it that the target does not share (``theirs``:
    its title, class and labels), or a word of its title before a window noun ("the notes
    app", even when the target has a Notes field; not when the target's title has it)."""
    for name in names_of(window):
        if not words(name) <= theirs and says(text, name):
            return name
    for word in sorted(words(f"{window.title} {window.app}") - target_names):
        if re.search(rf"(?<!\w){re.escape(word)}(?:\s+\w+)?\s+(?:{WINDOW_NOUNS})s?\b", text):
            return word
    return None


def elsewhere(
    request: str,
    windows: Sequence[Window],
    allows: Callable[[Window], bool],
    own: Callable[[Window], bool],
    target: Window | None,
    shown: Sequence[str] = (),
    target_is_terminal: bool = False,
    screen: Box | None = None,
) -> Elsewhere | None:
    """The first place ``request`` names that the run does not act in, or None.

    ``windows`` are those on screen (Deskhand's panel excluded), ``allows`` says whether
    the run may act in one, ``own`` whether one is Deskhand's terminal, ``shown`` the
    texts read in the windows the run acts in, and ``target_is_terminal`` whether the
    target is a terminal emulator (then "the terminal" is it). A window covering the whole
    ``screen`` is left out: a desktop's window (titled "Desktop", "Home") shows folders a
    request names as folders ("save it to the desktop")."""
    text = QUOTED.sub(" ", request).casefold()
    target_names = words(f"{target.title} {target.app}") if target is not None else set()
    theirs = words(" ".join(shown)) | target_names
    if re.search(rf"(?<!\w){OWN_NAME}(?!\w)", text) and OWN_NAME not in theirs:
        return Elsewhere("Deskhand", own=True)
    others = [w for w in windows if not allows(w) and not (screen is not None and covers(w.box, screen))]
    for window in others:
        name = names_window(text, window, theirs, target_names)
        if name is not None:
            return Elsewhere(name, None if own(window) else window, own(window))
    other = OTHER.search(text)
    if other is not None:
        apps = [w for w in others if not own(w)]
        single = apps[0] if len({w.app or w.title for w in apps}) == 1 else None
        return Elsewhere(other.group(0), single)
    terminal = TERMINAL.search(text)
    if terminal is not None and not target_is_terminal and terminal.group(1) not in theirs:
        # no terminal to act in here: the one meant is Deskhand's own, or one not on screen
        return Elsewhere(terminal.group(0), own=True, terminal=True)
    return None
