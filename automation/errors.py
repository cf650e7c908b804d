"""Errors that carry what the user or a retry needs, and the one table of exit codes.

Each class owns its exit code, from ``ExitCode`` (docs/cli.md has the same table in
words). Errors are turned into messages only at the edges: the command line (app/cli)
and the panel (app/ui).
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum


class ExitCode(IntEnum):
    """What a `deskhand` command's exit status means; every command and error uses these."""

    OK = 0  # done, and checked on screen
    FAILED = 1  # tried and did not get there (or the request is impossible)
    USAGE = 2  # what was given cannot be used as given; nothing was done
    NEEDS_ANSWER = 3  # a question or a confirmation no one was there to answer
    NOT_FOUND = 4  # no element or window matched
    AMBIGUOUS = 5  # several elements match equally well
    MODEL = 6  # the model is missing, unverified or unreachable
    ENVIRONMENT = 7  # display, X extension, Tesseract, disk: something outside Deskhand
    REFUSED = 8  # a safety rule or the user said no before any input was sent
    ABORTED = 130  # Ctrl-C, the abort hotkey, the Stop button


class DeskhandError(Exception):
    """Base class: a message for the user and, where there is one, how to fix it."""

    exit_code: int = ExitCode.FAILED

    def __init__(self, message: str, fix: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix

    def __str__(self) -> str:
        return f"{self.message}\n  fix: {self.fix}" if self.fix else self.message


class ActionFailed(DeskhandError):
    """The action ran but the screen did not show what it should have."""

    exit_code: int = ExitCode.FAILED


class UsageError(DeskhandError):
    """What the user gave cannot be used as given (a file that is not a skill, an impossible edit): nothing was done."""

    exit_code: int = ExitCode.USAGE


class NeedsAnswer(DeskhandError):
    exit_code: int = ExitCode.NEEDS_ANSWER


class TargetNotFound(DeskhandError):
    """No element matched; ``candidates`` are the closest labels that were seen."""

    exit_code: int = ExitCode.NOT_FOUND

    def __init__(self, query: str, candidates: Sequence[str], where: str = "the screen") -> None:
        self.query = query
        self.candidates = list(candidates)
        seen = ", ".join(repr(c) for c in self.candidates) or "no text at all"
        super().__init__(
            f"no element labelled {query!r} on {where}; closest: {seen}",
            "check the spelling, name the window with --window, or bring it to the front",
        )


class WindowNotFound(TargetNotFound):
    def __init__(self, title: str, titles: Sequence[str]) -> None:
        super().__init__(title, titles, where="the window list")
        self.message = f"no window titled {title!r}; open windows: " + (", ".join(repr(t) for t in titles) or "none")
        self.fix = "start the application or check the title given to --window"


class WindowClosed(DeskhandError):
    """The window being acted on disappeared part-way through. ``done`` says what had been sent;
    ``open_now`` are the titles of the windows listed when it was missed, when known: what a
    dialog did may show there (the main window titled with the name the file was saved as)."""

    exit_code: int = ExitCode.NOT_FOUND

    def __init__(self, title: str, done: str, open_now: Sequence[str] | None = None) -> None:
        now = "" if open_now is None else "; open now: " + (", ".join(repr(t) for t in open_now) or "no window")
        super().__init__(
            f"window {title!r} closed while Deskhand was acting on it ({done}){now}",
            "reopen the application and check what it received before retrying",
        )
        self.title = title
        self.done = done
        self.open_now = None if open_now is None else list(open_now)


class MisreadSuspected(TargetNotFound):
    """The label matched, but a second reading of that element does not confirm it."""

    def __init__(self, label: str, seen: str | None, at: tuple[int, int]) -> None:
        self.query = label
        self.candidates = [seen] if seen else []
        second = "cannot read it" if seen is None else f"reads {seen!r}"
        DeskhandError.__init__(
            self,
            f"the element read as {label!r} at {at} {second} on a second look; not clicking it",
            "check the screen yourself; if the label is right, click it by a neighbour with --near",
        )


class TargetAmbiguous(DeskhandError):
    """Several elements match equally well: pick one, never guess."""

    exit_code: int = ExitCode.AMBIGUOUS

    def __init__(self, query: str, matches: Sequence[str]) -> None:
        super().__init__(
            f"{len(matches)} elements match {query!r}: " + "; ".join(matches),
            "narrow it with --window TITLE, --near LABEL or --index N (1 = top-left first)",
        )
        self.query = query
        self.matches = list(matches)


class ModelUnavailable(DeskhandError):
    exit_code: int = ExitCode.MODEL

    def __init__(self, path: str, reason: str, fix: str = "") -> None:
        super().__init__(f"model {path!r} is unavailable: {reason}", fix)
        self.path = path
        self.reason = reason


class EnvironmentProblem(DeskhandError):
    """Display, X extension, Tesseract, disk: something outside Deskhand is missing."""

    exit_code: int = ExitCode.ENVIRONMENT


class Refused(DeskhandError):
    """A safety rule blocked the action before any input was sent."""

    exit_code: int = ExitCode.REFUSED


class Aborted(DeskhandError):
    exit_code: int = ExitCode.ABORTED
