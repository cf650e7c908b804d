"""Which applications Deskhand may send input to, and which windows are its own terminal.

The target is chosen once when a run starts: the window the user named (``--window``),
else the top-most window that is neither Deskhand's own nor the terminal it runs in.
Input may then go to that window and its application's other windows (its dialogs:
the same process, the same X connection, or the same window class), and to the applications the settings
allow (``allowed_apps``, matched against the window class or the executable's name).
Anything else is ``OtherApplication``: the caller asks a person once (``--yes`` does not
answer it; with nobody to ask, ``refuse``), and a yes admits that application for the rest
of the run (``admit``). The chosen window is held by its
id: a window that later takes the same title is not the target.

Deskhand's own terminal is found two ways, either sufficing: a window whose
``_NET_WM_PID`` is one of this process's ancestors (the terminal emulator forked the
shell that started Deskhand), and the window that was active when Deskhand started
with a terminal on stdin (a terminal on another machine, ssh or tmux, has no ancestor
here, but it was the window the user typed the command into).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from automation.errors import Refused
from automation.types import Window


class OtherApplication(Refused):
    """Input is about to go to an application that is not the run's target; nothing was sent."""

    def __init__(self, window: Window, target: Window | None) -> None:
        chosen = f"{target.app or target.title!r}" if target else "no application"
        super().__init__(
            f"{window.title!r} ({window.app or 'no class'}) is not the application this run acts in ({chosen})",
            f"add {window.app!r} to allowed_apps in settings.toml, or approve it when asked",
        )
        self.window = window


def refuse(question: str, act: object) -> bool:
    """The answer when no person can be asked: input for another application is refused (exit 8).
    ``--yes`` and ``confirm = "always"`` approve committing steps, never another application."""
    return False


def ancestors(pid: int, parent_of: Callable[[int], int | None]) -> list[int]:
    """``pid``'s parent, its parent, ... up to (not including) init."""
    chain: list[int] = []
    seen = {pid}
    current: int | None = parent_of(pid)
    while current is not None and current > 1 and current not in seen:
        chain.append(current)
        seen.add(current)
        current = parent_of(current)
    return chain


def proc_parent(pid: int) -> int | None:
    """The parent of ``pid`` from /proc (Linux); None when it cannot be read."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ")".
    fields = stat.rsplit(")", 1)[-1].split()
    return int(fields[1]) if len(fields) > 1 and fields[1].isdigit() else None


def proc_executable(pid: int | None) -> str:
    """The executable's short name (``/proc/PID/comm``), "" when unknown."""
    if pid is None:
        return ""
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def proc_exe(pid: int | None) -> str:
    """The program a process runs (``/proc/PID/exe``), "" when the pid is unknown or cannot be read.

    Unlike a window's class, which any X client may set to anything, the executable is the
    kernel's word; a window that sets no ``_NET_WM_PID`` (Tk, Motif) has none to give."""
    if pid is None:
        return ""
    try:
        return os.readlink(f"/proc/{pid}/exe")
    except OSError:
        return ""


def holds_pty(pid: int | None) -> bool:
    """Whether process ``pid`` holds a pseudo-terminal's master side, as a terminal emulator does.

    A window with no ``_NET_WM_PID`` is not taken for one: terminal emulators set it, while
    many legacy toolkits (Tk, Motif, X11 core applications) do not, and taking such an
    application for our terminal would refuse every input to it. A process whose
    descriptors cannot be read (another user's) counts as one."""
    if pid is None:
        return False
    try:
        fds = list(Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return True
    for fd in fds:
        try:
            if os.readlink(fd).endswith("ptmx"):
                return True
        except OSError:
            continue
    return False


@dataclass(frozen=True)
class Terminal:
    """Deskhand's own terminal: the ancestors' windows, and the window active at start on a tty."""

    pids: frozenset[int] = frozenset()
    window_id: int | None = None

    def __call__(self, window: Window) -> bool:
        return (window.pid is not None and window.pid in self.pids) or window.id == self.window_id

    @classmethod
    def find(
        cls,
        active: Window | None,
        on_tty: bool,
        pid: int | None = None,
        parent_of: Callable[[int], int | None] = proc_parent,
        emulates: Callable[[int | None], bool] = holds_pty,
    ) -> Terminal:
        """The terminal of process ``pid`` (this one): its ancestors, and ``active`` when Deskhand
        was started on a terminal and that window's process holds a pty master (a terminal
        emulator does; an application that merely was in front does not)."""
        chain = ancestors(pid or os.getpid(), parent_of)
        typed_in = active is not None and on_tty and (active.pid in chain or emulates(active.pid))
        return cls(frozenset(chain), active.id if typed_in and active is not None else None)


@dataclass
class Targets:
    """The run's target application and what else may be acted in."""

    allowed: tuple[str, ...] = ()  # settings' allowed_apps: window classes or executable names
    own: Callable[[Window], bool] = lambda w: False  # Deskhand's windows and its terminal
    executable: Callable[[int | None], str] = proc_executable
    target: Window | None = None
    named: bool = False  # the target was the window the user named (--window): the run reads it alone
    admitted: set[str] = field(default_factory=set)  # classes the user said yes to in this run
    admitted_ids: set[int] = field(default_factory=set)  # and their windows (one with no class or pid too)
    depth: int = 0  # runs in progress: a skill the agent runs keeps the agent's target

    @contextlib.contextmanager
    def run(self, windows: Callable[[], Sequence[Window]], named: str | None = None) -> Iterator[Window | None]:
        """Choose the target for a run (an agent request, a replay) unless an outer run did."""
        if self.depth == 0:
            self.choose(windows(), named)
        self.depth += 1
        try:
            yield self.target
        finally:
            self.depth -= 1

    def choose(self, windows: Sequence[Window], named: str | None = None) -> Window | None:
        """Pick the run's target from ``windows`` (top-most first): the named one, else the top-most not ours."""
        self.admitted, self.admitted_ids = set(), set()
        self.named = bool(named)
        others = [w for w in windows if not self.own(w)]
        if named:
            found = [w for w in others if w.title == named] or [
                w for w in others if named.casefold() in w.title.casefold()
            ]
            self.target = found[0] if found else None
        else:
            self.target = others[0] if others else None
        return self.target

    @property
    def held(self) -> Window | None:
        """The window a run named, once chosen: every look and every action of the run follows it
        by its id, so a title that changes, or a second window with the same title, changes nothing."""
        return self.target if self.named and self.depth > 0 else None

    def allows(self, window: Window) -> bool:
        if self.own(window):
            return False
        chosen = self.target
        if chosen is None:
            return True  # nothing chosen (a bare ``act`` command): only the other checks apply
        if window.id == chosen.id or window.id in self.admitted_ids:
            return True
        if chosen.pid is not None and window.pid == chosen.pid:
            return True  # its dialogs
        if chosen.client is not None and window.client == chosen.client:
            return True  # its dialogs, made on the same X connection (no pid set, another class)
        if chosen.app and window.app == chosen.app:
            return True
        names = {n.casefold() for n in (window.app, self.executable(window.pid)) if n}
        return bool(names & ({a.casefold() for a in self.allowed} | self.admitted))

    def admit(self, window: Window) -> None:
        """The user said yes to acting in ``window``'s application: for the rest of this run."""
        self.admitted |= {n.casefold() for n in (window.app, self.executable(window.pid)) if n}
        self.admitted_ids.add(window.id)

    def in_view(self, window: Window) -> bool:
        """Whether a run reads ``window`` when it looks at the screen: during a run only the
        windows it may act in (its target, the target's dialogs and pop-ups, allowed and
        admitted applications), so another application's text never reaches the model (nor a
        remote ``--server``) and its labels are never offered; between runs, every window."""
        return self.depth == 0 or self.allows(window)

    def check(self, window: Window) -> None:
        if not self.allows(window):
            raise OtherApplication(window, self.target)
