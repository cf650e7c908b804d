"""What a skill may touch, and whether it may run: the review an imported skill waits for.

A skill acts only in the applications its steps name: each step's window class and the
executable that showed it (``/proc/PID/exe`` of the window's ``_NET_WM_PID``), taken from
the recording. A window class is any X client's to claim; the executable is the kernel's
word. Where the recording could not tell the executable (the window set no pid, or the
skill predates executables), the class alone decides, and the preview says so. The
replayer refuses a step whose window belongs to another application.
An imported skill is disabled until the user has seen its ``preview`` (the applications
and windows, every constant it types, every committing step) and enabled it.

"Committing" is automation.commit_rule's rule (``commits``), with two additions that
only make the preview stricter: a click with no label cannot be judged by its words,
and typed text ending a line presses Return; both are listed as committing.
"""

from __future__ import annotations

import os
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from automation.actuation.targets import proc_exe
from automation.commit_rule import CommitRule, commits
from automation.errors import Refused
from automation.skills.model import PLACEHOLDER, ClickStep, KeyStep, ScrollStep, Skill, Step, TypeStep, WindowMatch
from automation.types import Action, Click, Key, MouseButton, Target, TypeText, Window


def clean(text: str) -> str:
    """``text`` without control characters (terminal escapes, bidi overrides): safe to print or show."""
    return "".join("\ufffd" if unicodedata.category(c)[0] == "C" else c for c in text.replace("\n", " "))


def visible(typed: str) -> str:
    """Typed text as the preview shows it: a newline or tab as \\n, \\t (each is a key press)."""
    return clean(typed.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t"))


def window_of(step: Step) -> WindowMatch:
    if isinstance(step, ClickStep):
        return step.anchor.window
    if isinstance(step, ScrollStep):
        return step.at.window
    return step.window


def skill_apps(skill: Skill) -> tuple[str, ...]:
    """The applications (window classes) the skill may act in: the ones its recording acted in."""
    return tuple(sorted({window_of(step).app for step in skill.steps}))


def skill_programs(skill: Skill) -> dict[str, frozenset[str]]:
    """Each window class the skill acts in, with the executables recorded for it ("": unknown)."""
    found: dict[str, set[str]] = {}
    for step in skill.steps:
        window = window_of(step)
        found.setdefault(window.app, set()).add(window.exe)
    return {app: frozenset(exes) for app, exes in sorted(found.items())}


def program(exe: str) -> str:
    """An executable as compared: its file name (installed elsewhere on another machine, it is the same program)."""
    return os.path.basename(exe)


def why_not(skill: Skill, window: Window, exe: str) -> str | None:
    """Why ``window`` (shown by ``exe``, "" when unknown) is not an application the skill acts in; None when it is."""
    programs = skill_programs(skill)
    if window.app not in programs:
        listed = ", ".join(clean(a) for a in programs) or "none"
        return f"an application the skill does not act in ({listed})"
    recorded = {program(e) for e in programs[window.app]}
    if recorded == {""} or program(exe) in recorded:
        return None  # recorded with no executable known: the class decides, as the preview says
    known = ", ".join(sorted(clean(r) for r in recorded if r))
    if not exe:
        untold = "whose program cannot be told (it sets no _NET_WM_PID)"
        return f"a window of class {clean(window.app)} {untold}; the skill's is {known}"
    return f"a window of class {clean(window.app)} shown by {clean(exe)}, not by the skill's program ({known})"


def acts_in(skill: Skill, window: Window, exe_of: Callable[[int | None], str] = proc_exe) -> bool:
    return why_not(skill, window, exe_of(window.pid)) is None


def check_runnable(skill: Skill) -> None:
    """Refused (exit 8) for a skill nobody reviewed since it was imported."""
    if skill.enabled:
        return
    came = f" (imported from {clean(skill.origin.file)} on {when(skill.origin.imported)})" if skill.origin else ""
    raise Refused(
        f"skill {clean(skill.name)!r} is disabled{came}: it has not been reviewed",
        f"review what it touches and enable it: deskhand skills enable {clean(skill.name)}",
    )


def check_app(skill: Skill, window: Window, n: int, exe_of: Callable[[int | None], str] = proc_exe) -> None:
    """Refused (exit 8) when step ``n`` found its window in an application the skill does not act in:
    another window class, or the same class shown by another program."""
    why = why_not(skill, window, exe_of(window.pid))
    if why is None:
        return
    raise Refused(
        f"step {n} of skill {clean(skill.name)!r} would act in {clean(window.title)!r} [{clean(window.app)}], "
        f"{why}; nothing was sent",
        "close the window that took its place, or record the skill again in that application",
    )


def when(seconds: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(seconds))


@dataclass(frozen=True)
class Preview:
    """What a skill will touch, for the user to review before it may run."""

    apps: tuple[str, ...]  # "Gnumeric (/usr/bin/gnumeric)", "Tk (program unknown: matched by window class)"
    windows: tuple[str, ...]  # titles, as recorded
    constants: tuple[str, ...]  # every text typed as written, placeholders for the values asked
    keys: tuple[str, ...]
    committing: tuple[str, ...]  # "step 4: click 'Submit' in 'Expenses'"


def step_action(step: ClickStep | TypeStep | KeyStep) -> Action:
    """The step as the commit rule sees it."""
    if isinstance(step, ClickStep):
        button = cast(MouseButton, step.button if step.button in ("left", "right", "middle") else "left")
        return Click(Target(step.anchor.label or "", step.anchor.window.title), button, step.clicks)
    if isinstance(step, TypeStep):
        return TypeText(step.text, None, step.window.title)
    return Key(step.combo, step.window.title)


def committing(step: Step, rule: CommitRule) -> bool:
    if isinstance(step, ScrollStep):
        return False
    if isinstance(step, ClickStep) and not (step.anchor.label or "").strip():
        return True  # grounded by position or picture: its words cannot say what it does
    if isinstance(step, TypeStep) and ("\n" in step.text or "\r" in step.text):
        return True
    return commits(step_action(step), rule)


def step_words(step: Step) -> str:
    title = clean(window_of(step).title)
    if isinstance(step, ClickStep):
        label = repr(clean(step.anchor.label)) if step.anchor.label else "an unlabelled spot"
        return f"click {label} in {title!r}"
    if isinstance(step, TypeStep):
        return f"type {clean(step.text)!r} in {title!r}"
    if isinstance(step, KeyStep):
        return f"press {clean(step.combo)} in {title!r}"
    return f"scroll {step.dy} in {title!r}"


def preview(skill: Skill, rule: CommitRule | None = None) -> Preview:
    rule = rule or CommitRule()
    typed = [s.text for s in skill.steps if isinstance(s, TypeStep)]
    return Preview(
        apps=tuple(app_words(app, exes) for app, exes in skill_programs(skill).items()),
        windows=tuple(dict.fromkeys(clean(window_of(s).title) for s in skill.steps)),
        constants=tuple(dict.fromkeys(visible(t) for t in typed if PLACEHOLDER.sub("", t))),
        keys=tuple(dict.fromkeys(clean(s.combo) for s in skill.steps if isinstance(s, KeyStep))),
        committing=tuple(f"step {n}: {step_words(s)}" for n, s in enumerate(skill.steps, 1) if committing(s, rule)),
    )


def app_words(app: str, exes: frozenset[str]) -> str:
    known = sorted(clean(e) for e in exes if e)
    if not known:
        return f"{clean(app)} (program unknown: matched by window class)"
    return f"{clean(app)} ({', '.join(known)}{'; or unknown' if '' in exes else ''})"


def preview_lines(skill: Skill, rule: CommitRule | None = None) -> list[str]:
    """The preview in words, one fact a line (the CLI prints it, the panel shows it)."""
    p = preview(skill, rule)
    origin = skill.origin
    came = "recorded here"
    if origin is not None:
        signer = f", signed by trusted key {origin.signer}" if origin.signer else ", unsigned"
        came = f"imported from {clean(origin.file)} on {when(origin.imported)}{signer}"
    lines = [
        f"skill {clean(skill.name)!r}: {'enabled' if skill.enabled else 'disabled'}; {came}",
        f"description: {clean(skill.description) or '(none)'}",
        f"applications it acts in: {', '.join(p.apps) or 'none'}",
        f"windows: {', '.join(repr(w) for w in p.windows) or 'none'}",
        "it types: " + ("; ".join(repr(c) for c in p.constants) or "only the values you give it"),
        f"keys it presses: {', '.join(p.keys) or 'none'}",
        f"committing steps (asked before each unless --yes): {len(p.committing)}",
    ]
    return lines + [f"  {c}" for c in p.committing]
