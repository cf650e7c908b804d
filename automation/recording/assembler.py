"""Hook tuples in, raw events out, in the order they happened: the recorder's logic, without threads.

What it decides:
- a press and release close together is a ClickEvent, far apart a Drag; a second click
  of the same button at the same place within ``double_click`` makes it count 2,
  so a click is held that long before it is written;
- keys typed into one field form a run; a run's keys are held until its field is
  classified (the recorder asks, a Verdict answers), then written as they were, or,
  for a password-like field, as ``Secret(n)`` only. Every way focus moves ends a run,
  so a run judged plain never swallows the next field: clicks, Tab, Return, Escape,
  arrow and page keys, shortcuts (ctrl/alt/super held) and a change of active window.
  A field that moves the focus on by itself once full (one-time-code boxes) is not seen
  here: splitting runs by length to catch it cut every longer value in two and lost its
  field's name. Fail closed: keys typed while the active window is unknown are a secret
  run with no field to read;
- modifiers are keys of their own (ctrl down, s down, s up, ctrl up); a modifier
  press is held until the next key shows whether it starts the stop hotkey, whose
  keys are never written;
- events Deskhand sent itself (OwnInput) and events going to the terminal the
  recorder runs in are dropped.

Nothing is written out of order: an entry that is not decided yet holds back
everything after it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from automation.own_input import OwnInput
from automation.protocols import HookEvent
from automation.recording.events import (
    ClickEvent,
    Drag,
    KeyDown,
    KeyUp,
    MouseButton,
    RawEvent,
    Scroll,
    Secret,
    WindowRef,
)
from automation.recording.shots import Shot

MODIFIERS = {"shift", "ctrl", "alt", "super", "altgr"}
SHORTCUT_MODIFIERS = {"ctrl", "alt", "super"}  # with one held, a key is a command, not typing
LEAVES_FIELD = {"Tab", "Return", "Escape", "Up", "Down", "Left", "Right", "Page_Up", "Page_Down", "KP_Enter"}
EDITING = {"BackSpace", "Delete"}  # start a run like characters do
BUTTONS: set[str] = {"left", "right", "middle"}
DRAG_DISTANCE = 5  # pixels between press and release past which a press is a drag
DOUBLE_DISTANCE = 4  # pixels between the clicks of a double click
DEFAULT_STOP_KEY = "ctrl+alt+shift+s"  # no common window manager binds it
DROP = "drop"
PLAIN = "plain"


@dataclass(frozen=True)
class StopKey:
    modifiers: frozenset[str]
    key: str  # casefolded; shift+s arrives as "S"

    @classmethod
    def parse(cls, combo: str) -> StopKey:
        parts = [p.strip() for p in combo.split("+")]
        *mods, key = [p.casefold() if p.casefold() in MODIFIERS else p for p in parts]
        unknown = [m for m in mods if m not in MODIFIERS]
        if not key or unknown or key.casefold() in MODIFIERS:
            raise ValueError(f"a stop key is modifiers and one key, such as ctrl+alt+shift+s; not {combo!r}")
        return cls(frozenset(mods), key.casefold())

    def matches(self, held: set[str], key: str) -> bool:
        return held == self.modifiers and key.casefold() == self.key


@dataclass(frozen=True)
class Question:
    """The recorder should classify this run's field (and ask ``Assembler.typed`` for the keys)."""

    run: int
    window: WindowRef
    hint: tuple[int, int] | None  # the last click in that window, in window pixels
    t: float  # hook time of the run's first key


@dataclass
class Run:
    id: int
    window: WindowRef | None  # None: the active window was unknown, so the keys are secret unread
    secret: bool | None = None  # None until its verdict
    typed: list[str] = field(default_factory=list, repr=False)  # only until the verdict
    chars: int = 0  # characters typed into it so far


@dataclass
class Keys:
    """One stretch of a run's keys in the output: held, written plain, or counted as a secret."""

    run: Run
    t: float
    events: list[KeyDown | KeyUp] = field(default_factory=list, repr=False)
    chars: int = 0
    last: float = 0.0


@dataclass
class Mouse:
    """A press whose release (and possible second click) is still to come."""

    t: float
    x: int
    y: int
    button: MouseButton
    window: WindowRef | None
    shot: Shot | None
    count: int = 1
    released: float | None = None
    second: bool = False  # a second press came in time: a double click once released
    result: RawEvent | None = None


Entry = RawEvent | Mouse | Keys


class Assembler:
    def __init__(
        self,
        *,
        origin: float,
        window_at: Callable[[int, int, float], WindowRef | None],  # x, y, hook time
        active: Callable[[float], WindowRef | None],  # hook time
        shot_before: Callable[[WindowRef, float], Shot | None],
        ask: Callable[[Question], None],
        emit: Callable[[RawEvent, Shot | None], None],
        stop_key: StopKey,
        own: OwnInput,
        ignore: Callable[[WindowRef], bool] = lambda w: False,
        double_click: float = 0.4,
        secret_quiet: float = 0.3,
    ) -> None:
        self.origin = origin
        self.window_at, self.active, self.shot_before = window_at, active, shot_before
        self.ask, self.emit, self.ignore = ask, emit, ignore
        self.stop_key, self.own = stop_key, own
        self.double_click, self.secret_quiet = double_click, secret_quiet
        self.out: deque[Entry] = deque()
        self.run: Run | None = None
        self.runs: dict[int, Run] = {}
        self.mods: list[tuple[int, KeyDown]] = []  # modifier presses not placed yet
        self.held: dict[int, str] = {}  # keycode -> modifier name, while it is down
        self.downs: dict[int, Run | str] = {}  # keycode -> where its press went
        self.pressed: dict[str, Mouse | str] = {}  # button -> its press
        self.last_click: Mouse | None = None  # released, waiting to see whether a second comes
        self.hint: tuple[int, int, int] | None = None  # window id, x, y of the last click
        self.stopped: float | None = None  # hook time of the stop hotkey
        self.pointer: tuple[int, int] | None = None

    # -- input --------------------------------------------------------------------------

    def feed(self, event: HookEvent) -> bool:
        """Take one hook tuple; False when it was dropped (Deskhand's own, or after the stop key)."""
        t, kind, *rest = event
        if self.stopped is not None:
            return False
        if kind == "move":
            self.pointer = (rest[0], rest[1])
            return not self.own.covers(t)
        if self.own.covers(t):
            if kind == "down":
                self.downs[rest[1]] = DROP
            elif kind == "press":
                self.pressed[rest[2]] = DROP
            return False
        if kind == "press":
            self.press(t, *rest)
        elif kind == "release":
            self.release(t, *rest)
        elif kind == "scroll":
            self.scroll(t, *rest)
        elif kind == "down":
            self.key_down(t, *rest)
        elif kind == "up":
            self.key_up(t, *rest)
        return True

    def press(self, t: float, x: int, y: int, button: str) -> None:
        self.pointer = (x, y)
        if button not in BUTTONS:
            return
        self.end_run()
        window = self.window_at(x, y, t)
        if window is not None and self.ignore(window):
            self.pressed[button] = DROP
            return
        self.place_mods(PLAIN)
        first = self.last_click
        if (
            first is not None
            and first.button == button
            and first.released is not None
            and t - first.released <= self.double_click
            and abs(first.x - x) <= DOUBLE_DISTANCE
            and abs(first.y - y) <= DOUBLE_DISTANCE
        ):
            first.second = True
            self.pressed[button] = first
            return
        self.settle_click()
        shot = self.shot_before(window, t) if window is not None else None
        press = Mouse(t, x, y, button, window, shot)  # type: ignore[arg-type]  # button is in BUTTONS
        self.out.append(press)
        self.pressed[button] = press
        self.hint = (window.id, x - window.box.x, y - window.box.y) if window else None

    def release(self, t: float, x: int, y: int, button: str) -> None:
        press = self.pressed.pop(button, None)
        if not isinstance(press, Mouse):
            return  # pressed before the recording started, or dropped
        if press.second:
            press.count = 2
            press.result = self.click(press)
            self.last_click = None
        elif max(abs(press.x - x), abs(press.y - y)) > DRAG_DISTANCE:
            press.result = Drag(self.at(press.t), press.x, press.y, x, y, press.button, press.window)
            self.hint = None
        else:
            press.released = t
            self.last_click = press

    def scroll(self, t: float, x: int, y: int, dx: int, dy: int) -> None:
        self.pointer = (x, y)
        window = self.window_at(x, y, t)
        if window is not None and self.ignore(window):
            return
        self.settle_click()
        self.place_mods(PLAIN)
        self.out.append(Scroll(self.at(t), x, y, dx, dy, window))

    def key_down(self, t: float, key: str, keycode: int) -> None:
        window = self.active(t)
        down = KeyDown(self.at(t), key, window)
        if key in MODIFIERS:
            self.held[keycode] = key
            self.mods.append((keycode, down))
            return
        held = set(self.held.values())
        if self.stop_key.matches(held, key):
            self.stopped = t
            self.place_mods(DROP)
            self.downs[keycode] = DROP
            return
        if window is not None and self.ignore(window):
            self.place_mods(DROP)
            self.downs[keycode] = DROP
            return
        self.settle_click()
        if key in LEAVES_FIELD or held & SHORTCUT_MODIFIERS:
            self.end_run()
            if key in LEAVES_FIELD:
                self.hint = None  # the focus moved on by keyboard: the last click no longer names the field
            where: Run | str = PLAIN
        else:
            typing = len(key) == 1 or key in EDITING
            if self.run is not None and not same_window(self.run.window, window):
                self.end_run()
            if self.run is None and typing:
                self.run = self.open_run(window, t) if window is not None else self.blind_run()
            if self.run is not None and len(key) == 1:
                self.run.chars += 1
            where = self.run or PLAIN
        self.place_mods(where)
        self.downs[keycode] = where
        self.put(where, down, typed=key if len(key) == 1 else None)

    def key_up(self, t: float, key: str, keycode: int) -> None:
        self.held.pop(keycode, None)
        if any(code == keycode for code, _ in self.mods):  # a modifier pressed and released alone
            window = self.active(t)
            self.place_mods(DROP if window is not None and self.ignore(window) else self.run or PLAIN)
        where = self.downs.pop(keycode, DROP)  # a release without its press: pressed before the start
        if where != DROP:
            window = where.window if isinstance(where, Run) else self.active(t)
            self.put(where, KeyUp(self.at(t), key, window))

    def verdict(self, run: int, secret: bool) -> None:
        """The classifier's answer for a run's field."""
        found = self.runs.get(run)
        if found is None or found.secret is not None:
            return
        found.secret = secret
        found.typed.clear()
        if secret:
            for entry in self.out:
                if isinstance(entry, Keys) and entry.run is found:
                    entry.events.clear()  # only the count survives

    def typed(self, run: int) -> str:
        """The characters typed into an unclassified run so far: memory only, for the classifier."""
        found = self.runs.get(run)
        return "".join(found.typed) if found is not None else ""

    # -- output -------------------------------------------------------------------------

    def flush(self, now: float) -> None:
        """Write every entry at the front that is decided by ``now`` (hook time)."""
        waiting = self.last_click
        if waiting is not None and waiting.released is not None and now - waiting.released > self.double_click:
            self.settle_click()
        while self.out and self.decided(self.out[0], now):
            self.write(self.out.popleft())

    def close(self) -> list[int]:
        """End everything still open; the runs whose verdict is still needed."""
        self.settle_click()
        self.end_run()
        for press in self.pressed.values():
            if isinstance(press, Mouse) and press.result is None:
                press.result = self.click(press)  # released after the stop: a click
        self.pressed.clear()
        self.mods = []  # modifiers still held at the stop belong to no key
        return sorted({e.run.id for e in self.out if isinstance(e, Keys) and e.run.secret is None})

    def drain(self) -> None:
        """After close(): runs still unclassified count as secret; write everything."""
        for run in self.runs.values():
            if run.secret is None:
                self.verdict(run.id, True)
        self.flush(float("inf"))

    def next_deadline(self) -> float | None:
        """Hook time at which flush() may write something without new input."""
        times = []
        if self.last_click is not None and self.last_click.released is not None:
            times.append(self.last_click.released + self.double_click)
        last = self.out[-1] if self.out else None
        if isinstance(last, Keys) and last.run.secret:
            times.append(self.origin + last.last + self.secret_quiet)
        return min(times, default=None)

    # -- parts ----------------------------------------------------------------------------

    def at(self, t: float) -> float:
        return round(t - self.origin, 4)

    def click(self, press: Mouse) -> ClickEvent:
        return ClickEvent(self.at(press.t), press.x, press.y, press.button, press.count, press.window)

    def settle_click(self) -> None:
        if self.last_click is not None:
            self.last_click.result = self.click(self.last_click)
            self.last_click = None

    def open_run(self, window: WindowRef, t: float) -> Run:
        run = Run(len(self.runs) + 1, window)
        self.runs[run.id] = run
        hint = (self.hint[1], self.hint[2]) if self.hint is not None and self.hint[0] == window.id else None
        self.ask(Question(run.id, window, hint, t))
        return run

    def blind_run(self) -> Run:
        """Keys with no active window to read their field in: secret, without asking."""
        run = Run(len(self.runs) + 1, None, secret=True)
        self.runs[run.id] = run
        return run

    def end_run(self) -> None:
        self.run = None

    def place_mods(self, where: Run | str) -> None:
        for code, down in self.mods:
            self.downs[code] = where
            self.put(where, down)
        self.mods = []

    def put(self, where: Run | str, event: KeyDown | KeyUp, typed: str | None = None) -> None:
        if where == DROP:
            return
        if not isinstance(where, Run):
            self.out.append(event)
            return
        if typed is not None and where.secret is None:
            where.typed.append(typed)
        if where.secret is False:
            self.out.append(event)
            return
        last = self.out[-1] if self.out else None
        if not (isinstance(last, Keys) and last.run is where):
            last = Keys(where, event.t)
            self.out.append(last)
        if where.secret is None:
            last.events.append(event)
        last.chars += typed is not None
        last.last = event.t

    def decided(self, entry: Entry, now: float) -> bool:
        if isinstance(entry, Mouse):
            return entry.result is not None
        if isinstance(entry, Keys):
            if entry.run.secret is None:
                return False
            quiet = self.at(now) - entry.last >= self.secret_quiet
            return not entry.run.secret or entry.run is not self.run or quiet or entry is not self.out[-1]
        return True

    def write(self, entry: Entry) -> None:
        if isinstance(entry, Mouse):
            assert entry.result is not None
            self.emit(entry.result, entry.shot if isinstance(entry.result, ClickEvent) else None)
        elif isinstance(entry, Keys):
            if not entry.run.secret:
                for event in entry.events:
                    self.emit(event, None)
            elif entry.chars:
                self.emit(Secret(entry.t, entry.chars, entry.run.window), None)
        else:
            self.emit(entry, None)


def same_window(a: WindowRef | None, b: WindowRef | None) -> bool:
    """Both the same window, or both unknown (a blind run goes on while the window stays unknown)."""
    return a.id == b.id if a is not None and b is not None else a is None and b is None
