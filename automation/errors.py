"""Errors that carry what the user or a retry needs.

Each class owns its exit code; the one table of codes is docs/cli.md. Errors are
turned into messages only at the edge (the CLI and the panel, through the exit-code table).
"""

from __future__ import annotations

from collections.abc import Sequence


class DeskhandError(Exception):
    """Base class: a message for the user and, where there is one, how to fix it."""

    exit_code = 1

    def __init__(self, message: str, fix: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix

    def __str__(self) -> str:
        return f"{self.message}\n  fix: {self.fix}" if self.fix else self.message


class ActionFailed(DeskhandError):
    """The action ran but the screen did not show what it should have."""

    exit_code = 1


class UsageError(DeskhandError):
    """What the user gave cannot be used as given (a file that is not a skill, an impossible edit): nothing was done."""

    exit_code = 2


class NeedsAnswer(DeskhandError):
    exit_code = 3


class TargetNotFound(DeskhandError):
    """No element matched; ``candidates`` are the closest labels that were seen."""

    exit_code = 4

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
    """The window being acted on disappeared part-way through."""

    exit_code = 4

    def __init__(self, title: str, done: str) -> None:
        super().__init__(
            f"window {title!r} closed while Deskhand was acting on it ({done})",
            "reopen the application and check what it received before retrying",
        )
        self.title = title


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

    exit_code = 5

    def __init__(self, query: str, matches: Sequence[str]) -> None:
        super().__init__(
            f"{len(matches)} elements match {query!r}: " + "; ".join(matches),
            "narrow it with --window TITLE, --near LABEL or --index N (1 = top-left first)",
        )
        self.query = query
        self.matches = list(matches)


class ModelUnavailable(DeskhandError):
    exit_code = 6

    def __init__(self, path: str, reason: str, fix: str = "") -> None:
        super().__init__(f"model {path!r} is unavailable: {reason}", fix)
        self.path = path
        self.reason = reason


class EnvironmentProblem(DeskhandError):
    """Display, X extension, Tesseract, disk: something outside Deskhand is missing."""

    exit_code = 7


class Refused(DeskhandError):
    """A safety rule blocked the action before any input was sent."""

    exit_code = 8


class Aborted(DeskhandError):
    exit_code = 130
