"""The composition root: pick backends for this platform and wire the pieces together."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from app.services import config
from app.services.icon_names import IconNameFile
from app.services.records import open_audit
from app.services.settings import load_settings
from automation import registry
from automation.actuation.actor import Actor, BeforeAct
from automation.actuation.pause import UserInputWatch
from automation.actuation.safety import SafetyGate
from automation.actuation.targets import Targets, Terminal
from automation.audio import AudioSource
from automation.backends import register_all
from automation.backends.second_pass import SecondPass
from automation.commit_rule import CommitRule
from automation.desktop import Desktop
from automation.errors import EnvironmentProblem
from automation.hotkeys import Hotkey, HotkeyListener
from automation.own_input import process_log
from automation.perception.observe import Observer
from automation.protocols import AccessibilityTree, Input, InputHook, OcrEngine, Screen, Selection, Windows
from automation.timings import DEFAULT_TIMINGS, Timings
from automation.types import Window


def require_linux_x11() -> None:
    if not sys.platform.startswith("linux"):
        raise EnvironmentProblem(
            f"Deskhand drives X11 desktops only for now; this is {sys.platform}",
            "see docs/architecture.md, 'Platforms', for what a new backend needs",
        )


def build_eyes() -> tuple[Screen, Windows, OcrEngine]:
    """Screen, windows and OCR: all that looking needs. No input library is loaded."""
    require_linux_x11()
    register_all()
    windows: Windows = registry.create(Windows, "x11")  # checks DISPLAY first, with a clear error
    screen: Screen = registry.create(Screen, "mss")
    return screen, windows, build_ocr()


def build_ocr() -> OcrEngine:
    """The OCR engine alone: reading saved screenshots needs no display."""
    register_all()
    try:
        ocr: OcrEngine = registry.create(OcrEngine, config.ocr_backend())
    except LookupError as err:
        raise EnvironmentProblem(str(err), "set DESKHAND_OCR to one of the known backends, or unset it") from err
    languages = config.ocr_second_languages()
    if not languages:
        return ocr
    try:
        second: OcrEngine = registry.create(OcrEngine, config.ocr_backend(), lang=languages)
    except EnvironmentProblem:
        return ocr  # no data for those languages here: English only, as doctor reports
    return SecondPass(ocr, second)


# Chinese labels on a form: psm 6 and 11 read every one, psm 3 returned nothing on the same
# crop (/work/shared/FINDINGS.md). On the Chinese zoo Tk form (seed 101, 766x600), psm 11 at
# scale 1 read 9 of its 11 labels in 0.5 s; at scale 2 8 in 1.2 s; psm 3 and 12 fewer.
WIDE_PSM = 11
WIDE_SCALE = 1


def build_wide_ocr() -> OcrEngine | None:
    """The OCR engine for windows with CJK titles (config.ocr_wide_languages), or None: English
    only, when turned off or its language data is not installed (doctor says so)."""
    languages = config.ocr_wide_languages()
    if languages in ("", "eng"):
        return None
    register_all()
    try:
        wide: OcrEngine = registry.create(
            OcrEngine, config.ocr_backend(), lang=languages, psm=WIDE_PSM, scale=WIDE_SCALE
        )
    except (EnvironmentProblem, LookupError):
        return None
    return wide


def build_tree() -> AccessibilityTree | None:
    """The accessibility bus where the desktop session has one; None means pixels only.

    Without a session bus, libatspi would autolaunch one of its own (a process nobody
    stops), so no bus means no tree. DESKHAND_ACCESSIBILITY=off turns the tree off.
    """
    if not config.accessibility() or not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return None
    register_all()
    try:
        tree: AccessibilityTree = registry.create(AccessibilityTree, "atspi")
    except EnvironmentProblem:
        return None  # doctor says what to install; the pixels still work
    return tree


def build_observer(own: Callable[[Window], bool] = lambda w: False) -> Observer:
    """An observer alone; with ``own``, those windows are not read (the panel passes ``is_ours``)."""
    return Observer(*build_eyes(), ignore=own, tree=build_tree(), wide=build_wide_ocr(), icons=IconNameFile())


@dataclass
class Session:
    desktop: Desktop
    observer: Observer
    actor: Actor
    commit_rule: CommitRule = field(default_factory=CommitRule)  # what needs a yes, with the settings' words


def commit_rule() -> CommitRule:
    """The confirmation rule with the settings' additions (``commit_words``, ``commit_keys``)."""
    from app.services.settings import load_settings

    settings = load_settings()
    return CommitRule.from_settings(settings.commit_words, settings.commit_keys)


def targets(windows: Windows, own: Callable[[Window], bool]) -> Targets:
    """What input may go to: the settings' ``allowed_apps``, never our windows nor our terminal."""
    from app.services.settings import load_settings

    terminal = Terminal.find(windows.active(), sys.stdin.isatty())
    return Targets(load_settings().allowed_apps, own=lambda w: own(w) or terminal(w))


def is_ours(window: Window) -> bool:
    """A window this process shows (the panel, its pill, the highlight layer)."""
    return window.pid == os.getpid()


def build_session(
    timings: Timings = DEFAULT_TIMINGS,
    own: Callable[[Window], bool] = lambda w: False,
    before_act: BeforeAct = lambda point, window: None,
    approver: str = "user",
) -> Session:
    """With ``own``, those windows are neither read nor sent input (the panel passes ``is_ours``).

    Every action the session's actor sends goes into the audit log; ``approver`` is who
    the log says approved committing actions ("--yes" when the command was given it).
    """
    audit = open_audit(load_settings().audit_values, approver)  # a log that cannot be written: exit 7 first
    screen, windows, ocr = build_eyes()
    desktop = Desktop(
        screen=screen,
        windows=windows,
        ocr=ocr,
        input=registry.create(Input, "xtest"),
        selection=registry.create(Selection, "x11"),
    )
    # The settings reach the safety rules here, and only here: the allowlist and the commit rule.
    allowlist = targets(windows, own)
    # A run reads only the windows it may act in: others' text never reaches the model
    icons = IconNameFile()  # what tooltips named, given again on every look
    observer = Observer(
        screen,
        windows,
        ocr,
        ignore=own,
        tree=build_tree(),
        wide=build_wide_ocr(),
        scope=allowlist.in_view,
        icons=icons,
    )
    gate = SafetyGate(desktop.input, windows, screen.bounds, own=own, targets=allowlist)
    actor = Actor(desktop, observer, gate, timings, before_act=before_act, audit=audit, icons=icons)
    return Session(desktop, observer, actor, commit_rule())


def build_input_hook() -> InputHook:
    """The user's input as the recorder hears it; checks the X RECORD extension first (exit 7 without)."""
    require_linux_x11()
    register_all()
    hook: InputHook = registry.create(InputHook, "pynput")
    return hook


def build_input_watch(hotkeys: Sequence[Hotkey], ask: Callable[[str], bool]) -> UserInputWatch:
    """The pause: input from the user (not Deskhand's own, not the ``hotkeys``) while a run acts
    makes the safety gate hold and ``ask`` whether to go on."""
    return UserInputWatch(process_log(), hotkeys, ask=ask)


def build_hotkeys() -> HotkeyListener:
    """Global hotkeys; checks the X RECORD extension first (exit 7 without)."""
    require_linux_x11()
    register_all()
    listener: HotkeyListener = registry.create(HotkeyListener, "pynput")
    return listener


def build_microphone(stop: threading.Event) -> AudioSource:
    """The default microphone, recording until ``stop`` is set (the talk button and hotkey)."""
    register_all()
    source: AudioSource = registry.create(AudioSource, "sounddevice", stop)
    return source


def microphone_problem() -> str | None:
    """Why there is no microphone to talk into, or None when there is one."""
    from automation.backends.microphone import microphone_problem as problem  # sounddevice loads here, on demand

    return problem()
