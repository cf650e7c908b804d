"""The recorder: hook threads enqueue, one worker turns what they saw into a journal.

Threads:
- the input hook's threads (pynput) only put tuples on ``queue``;
- the worker (owned here) stamps windows, keeps recent window grabs, assembles
  events (automation.recording.assembler), saves screenshots and appends the journal;
- one classifier thread reads fields (OCR, pixels) and answers through ``queue``,
  so OCR never delays the grabs a click needs;
- where the Windows backend can watch the desktop (``WindowWatch``), its thread reads the
  window listing after every change into ``history`` and tells the worker, so a dialog
  is listed (and grabbed) from when it appears, not from the worker's next look.

The worker stops on the stop hotkey, after ``until_idle`` seconds without user input,
or when ``stop()`` is called (the CLI does on SIGINT); it then stops the hook at once,
writes what is still held, and marks the recording finished.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace

from PIL.Image import Image

from automation.actuation.targets import proc_exe
from automation.own_input import OwnInput, process_log
from automation.protocols import HookEvent, InputHook, OcrEngine, Screen, Windows, WindowWatch
from automation.recording.assembler import DEFAULT_STOP_KEY, Assembler, Question, StopKey
from automation.recording.events import ClickEvent, EndShot, RawEvent, WindowRef
from automation.recording.journal import Journal
from automation.recording.secret_fields import FieldQuestion, Verdict, classify
from automation.recording.shots import Shot, ShotRing, redacted
from automation.recording.window_history import Listing, WindowHistory
from automation.types import Box, Window


@dataclass(frozen=True)
class RecordTimings:
    """Named waits of the recorder, in seconds."""

    double_click: float = 0.4  # a second click within this is a double click (GTK and Qt use 400 ms)
    shot_delay: float = 0.05  # grab the windows this long after user input ...
    shot_interval: float = 0.1  # ... but not more often than this
    # ... and again every follow_interval for follow_for after the last input: what a click
    # opened (a combo's list) is drawn after the grab that followed the click, and the person's
    # next click on an item of it comes with no input in between that would grab it.
    follow_interval: float = 0.25
    follow_for: float = 6.0  # a person reads a list for a few seconds before choosing
    # For this long after input or a window change the follow-up grabs come every shot_interval:
    # Swing drew its list away ~0.1 s after the item's click, and the next click's picture,
    # the last grab before it, still showed the list over the field clicked.
    follow_dense_for: float = 1.0
    classify_delay: float = 0.12  # after a run's first key, for the application to draw it
    classify_timeout: float = 3.0  # at the stop, how long to wait for fields still being read
    secret_quiet: float = 0.3  # a secret run's count is written after this long without keys
    window_cache: float = 0.1  # a window list this fresh is reused for grabs and scrolls
    # An event can reach the hook this much later than it happened (a busy machine), and no
    # person clicks a window sooner than this after it appeared: a window listed this long
    # before a press and closed since is the one the press closed.
    reaction: float = 0.1
    tick: float = 0.5  # the worker wakes at least this often


@dataclass(frozen=True)
class Stop:
    reason: str


@dataclass(frozen=True)
class WindowsChanged:
    """The watcher read a new listing after the desktop's windows changed."""


@dataclass
class RecorderStats:
    events: int = 0
    shots: int = 0
    late_shots: int = 0  # clicks with no grab from before the press: grabbed at the press
    grabs: int = 0
    grab_seconds: list[float] = field(default_factory=list)  # window list lookup and grabs, per round
    shot_seconds: list[float] = field(default_factory=list)  # saving one click's PNG
    classified: list[float] = field(default_factory=list)  # seconds from a run's first key to its verdict
    fields: list[str] = field(default_factory=list)  # each verdict and why, never the typed keys
    secrets: list[str] = field(default_factory=list)  # those of fields whose keys were kept secret
    problems: list[str] = field(default_factory=list)


class Recorder:
    def __init__(
        self,
        hook: InputHook,
        screen: Screen,
        windows: Windows,
        ocr: OcrEngine,
        journal: Journal,
        *,
        stop_key: str = DEFAULT_STOP_KEY,
        until_idle: float | None = None,
        report: Callable[[RawEvent], None] = lambda e: None,
        own: OwnInput | None = None,
        ignore_pids: frozenset[int] = frozenset(),
        timings: RecordTimings = RecordTimings(),
        clock: Callable[[], float] = time.monotonic,
        classifier: Callable[[FieldQuestion, Image, OcrEngine], Verdict] = classify,
    ) -> None:
        self.hook, self.screen, self.windows, self.ocr, self.journal = hook, screen, windows, ocr, journal
        self.stop_key = StopKey.parse(stop_key)
        self.until_idle = until_idle
        self.report = report
        self.own = own or process_log()
        self.ignore_pids = ignore_pids
        self.timings = timings
        self.clock = clock
        self.classifier = classifier
        self.queue: queue.SimpleQueue[HookEvent | Verdict | Stop | WindowsChanged] = queue.SimpleQueue()
        self.ring = ShotRing()
        self.stats = RecorderStats()
        self.reason: str | None = None
        self.error: BaseException | None = None
        self.done = threading.Event()
        self._ignored: set[int] = set()  # window ids of the terminal we run in
        self.history = WindowHistory()
        self._stop_watch: Callable[[], None] | None = None
        self._changed = -1.0  # when the watcher last saw the windows change
        self._under_pointer: WindowRef | None = None  # as of the last grab
        self._last_active: WindowRef | None = None  # as of the last grab
        self._grab_due: float | None = None
        self._last_grab = -1.0
        self._questions: list[tuple[float, Question]] = []
        self._asked: dict[int, float] = {}
        self._redact: dict[int, list[Box]] = {}  # window id -> secret fields, window pixels
        self._classifier = ThreadPoolExecutor(max_workers=1, thread_name_prefix="deskhand-fields")
        self._stop_hook: Callable[[], None] | None = None
        self._worker = threading.Thread(target=self._work, name="deskhand-recorder", daemon=True)
        self.started = 0.0
        self.last_input = 0.0
        self.heard = False  # any user input yet

    # -- the outside --------------------------------------------------------------------

    def start(self) -> None:
        self.started = self.last_input = self.clock()
        self.assembler = Assembler(
            origin=self.started,
            window_at=self._clicked_window,
            active=self._key_window,
            shot_before=self._shot_before,
            ask=lambda q: self._questions.append((q.t + self.timings.classify_delay, q)),
            emit=self._write,
            stop_key=self.stop_key,
            own=self.own,
            ignore=lambda w: w.id in self._ignored,
            double_click=self.timings.double_click,
            secret_quiet=self.timings.secret_quiet,
        )
        if isinstance(self.windows, WindowWatch):
            self._stop_watch = self.windows.watch(self._windows_changed)
        self._grab(self.started)  # a picture for a first click made without moving the pointer
        self._stop_hook = self.hook.listen(self.queue.put)
        self._worker.start()

    def stop(self, reason: str = "stopped") -> None:
        """Finish the recording; safe from a signal handler (SimpleQueue.put is reentrant)."""
        self.queue.put(Stop(reason))

    def wait(self) -> str:
        """Block until the recording is finished; why it stopped. Re-raises a worker failure."""
        while not self.done.wait(self.timings.tick):
            pass
        if self.error is not None:
            raise self.error
        return self.reason or "stopped"

    # -- the worker ---------------------------------------------------------------------

    def _work(self) -> None:
        try:
            while self.reason is None:
                try:
                    item = self.queue.get(timeout=max(0.0, self._next_wake() - self.clock()))
                except queue.Empty:
                    item = None
                self._handle(item)
                self._step(self.clock())
            self._finish()
        except BaseException as err:  # handed to wait(), on the caller's thread
            self.error = err
            self._unhook()
        finally:
            self._classifier.shutdown(wait=False, cancel_futures=True)
            self.done.set()

    def _handle(self, item: HookEvent | Verdict | Stop | WindowsChanged | None) -> None:
        if isinstance(item, Stop):
            self.reason = self.reason or item.reason
        elif isinstance(item, Verdict):
            self._answer(item)
        elif isinstance(item, WindowsChanged):
            # A window appeared (a dialog, a list): picture it before the person clicks in it, and
            # keep picturing it while it draws.
            self._changed = self.clock()
            self._schedule_grab(self._changed)
        elif item is not None:
            if item[1] == "move":
                # The listing a press is looked up against (a dialog its click closes at once)
                # must be from when the pointer got there, not from the last grab.
                self._listing(self.timings.window_cache)
            if self.assembler.feed(item):
                self.last_input = max(self.last_input, item[0])
                self.heard = True
                self._schedule_grab(self.clock())
            if self.assembler.stopped is not None:
                self.reason = "stop key"

    def _step(self, now: float) -> None:
        self.assembler.flush(now)
        if (follow := self._follow_due()) is not None and now >= follow:
            self._schedule_grab(now)
        if self._grab_due is not None and now >= self._grab_due:
            self._grab(now)
        self._ask_due(now)
        if self.queue.empty():
            self.journal.sync()
        # Idle counts from the user's last event, so not before the first: a recording
        # started from a terminal waits while the user switches to the application.
        idle = self.heard and self.until_idle is not None and now - self.last_input >= self.until_idle
        if idle and self.reason is None:
            self.reason = "idle"

    def _next_wake(self) -> float:
        times = [self.clock() + self.timings.tick, *(due for due, _ in self._questions)]
        times += [t for t in (self._grab_due, self.assembler.next_deadline(), self._follow_due()) if t is not None]
        if self.heard and self.until_idle is not None:
            times.append(self.last_input + self.until_idle)
        return min(times)

    def _finish(self) -> None:
        self._unhook()
        while True:  # what the hook delivered before it stopped
            try:
                item = self.queue.get_nowait()
            except queue.Empty:
                break
            if not isinstance(item, Stop | WindowsChanged):
                self._handle(item)
        waiting = set(self.assembler.close())
        self._ask_due(float("inf"))
        deadline = self.clock() + self.timings.classify_timeout
        while waiting & set(self._asked) and self.clock() < deadline:
            try:
                item = self.queue.get(timeout=max(0.0, deadline - self.clock()))
            except queue.Empty:
                break
            if isinstance(item, Verdict):
                self._answer(item)
        late = waiting & set(self._asked)
        if late:
            self.stats.problems.append(f"{len(late)} field(s) not classified in time: their keys were kept secret")
            for run in late:  # secret with no field known: their windows are painted over whole
                self._asked.pop(run, None)
                self._answer(Verdict(run, True, None, None, "not classified in time"))
        self.assembler.drain()
        self._end_shot()
        self.journal.finish(self.reason or "stopped", round(self.clock() - self.started, 3))

    def _end_shot(self) -> None:
        """Journal the window the recording ended in, as a grab after the last input shows it (the
        follow-up grabs run for ``follow_for`` after it): what a replay's last step must bring back."""
        window = self._last_active
        if not self.heard or window is None or window.id in self._ignored:
            return
        shot = self.ring.latest(window)
        if shot is None or shot.taken <= self.last_input:
            return  # no picture of the end: the last input's effect may not be drawn in any grab
        self._write(EndShot(round(shot.taken - self.started, 3), shot.window), shot)

    def _unhook(self) -> None:
        if self._stop_watch is not None:
            watching, self._stop_watch = self._stop_watch, None
            watching()
        if self._stop_hook is not None:
            stop, self._stop_hook = self._stop_hook, None
            stop()

    # -- windows and pictures -------------------------------------------------------------

    def _windows_changed(self) -> None:
        """On the watcher's thread: list the windows as they are now, tell the worker."""
        try:
            self._read_windows()
        except Exception as err:  # the worker's own listings still answer; say why these stopped
            self.stats.problems.append(f"could not list the windows after a change: {type(err).__name__}: {err}")
            return
        self.queue.put(WindowsChanged())

    def _read_windows(self) -> Listing:
        began = self.clock()
        listed = self.windows.list()
        active = self.windows.active()
        listing = Listing(began, self.clock(), tuple(listed), active)
        self._ignored |= {w.id for w in (*listed, active) if w is not None and w.pid in self.ignore_pids}
        self.history.add(listing)
        return listing

    def _listing(self, max_age: float) -> Listing:
        """The newest listing, read again when it is older than ``max_age`` seconds."""
        latest = self.history.latest()
        if latest is None or self.clock() - latest.read_to > max_age:
            return self._read_windows()
        return latest

    def _window_at(self, x: int, y: int, max_age: float = 0.0) -> WindowRef | None:
        # Top-most first; a click in a pop-up (a combo's list, a menu) is its window's.
        window = self._listing(max_age).window_at(x, y)
        return ref(window) if window is not None else None

    def _clicked_window(self, x: int, y: int, t: float) -> WindowRef | None:
        """The window a press at x, y at hook time t went to.

        Looked up when the worker gets to the press, which can be after the release:
        a click on a dialog's Yes has often closed the dialog by then, and the listing
        the worker reads then has only the form behind it. The window the listings read
        before the press had there wins when it has closed since (also the one from
        ``reaction`` earlier: the hook can hear a press after the listing that followed
        its dialog's closing). With a watcher, the listing as of the press is the desktop
        the press met; without one, a window may have appeared since that listing was
        read, so the listing read now answers.
        """
        now = self._listing(0.0)
        before = [self.history.at(t), self.history.at(t - self.timings.reaction)]
        for listing in before:
            was = listing.window_at(x, y) if listing is not None else None
            if was is not None and not now.has(was.id):
                return ref(was)  # the press closed it
        met = before[0].window_at(x, y) if self._stop_watch is not None and before[0] is not None else None
        window = met or now.window_at(x, y)
        return ref(window) if window is not None else None

    def _key_window(self, t: float) -> WindowRef | None:
        """The window a key at hook time t went to.

        Looked up when the worker gets to the key, which can be after the application
        took it: the Return that answers a dialog has often closed it by then, and the
        active window is the form behind it, or none while focus moves. A key given to
        the form would replay on the form; one given to no window was dropped from the
        skill (the lost last Return of a demonstration). So the window active before the
        key wins when it has closed since, and when nothing is active now.
        """
        now = self._listing(0.0)
        before = [self.history.at(t), self.history.at(t - self.timings.reaction)]
        for listing in before:
            was = listing.active if listing is not None else None
            if was is not None and not now.has(was.id):
                return ref(was)  # the key closed it
        if now.active is not None:
            return ref(now.active)
        # Focus is moving: the last window seen active before the key.
        was = next((listing.active for listing in before if listing is not None and listing.active), None)
        if was is None and self._last_active is not None:
            return self._last_active
        return ref(was) if was is not None else None

    def _follow_due(self) -> float | None:
        """When the next follow-up grab is due, None when the user has been idle too long for one
        and no window has changed since."""
        if not self.heard or self._grab_due is not None:
            return None
        since = max(self.last_input, self._changed)
        dense = self._last_grab - since < self.timings.follow_dense_for
        due = self._last_grab + (self.timings.shot_interval if dense else self.timings.follow_interval)
        return due if due <= since + self.timings.follow_for else None

    def _schedule_grab(self, now: float) -> None:
        if self._grab_due is None:
            self._grab_due = max(now + self.timings.shot_delay, self._last_grab + self.timings.shot_interval)

    def _grab(self, now: float) -> None:
        started = time.perf_counter()
        self._grab_due, self._last_grab = None, now
        listing = self._listing(self.timings.window_cache)
        pointer = self.assembler.pointer
        if pointer is not None:
            under = listing.window_at(*pointer)
            self._under_pointer = ref(under) if under is not None else None
        self._last_active = ref(listing.active) if listing.active is not None else None
        # The top-most window too: a dialog just shown is there before the pointer and the focus are.
        top = next((ref(w) for w in listing.windows if w.id not in self._ignored), None)
        targets = [self._under_pointer, self._last_active, top]
        for window in {w.id: w for w in targets if w is not None}.values():
            image = self.screen.grab(window.box)
            self.ring.add(Shot(window, image, self.clock()))
            self.stats.grabs += 1
        self.stats.grab_seconds.append(time.perf_counter() - started)

    def _shot_before(self, window: WindowRef, t: float) -> Shot | None:
        shot = self.ring.before(window, t)
        if shot is None:
            # Nothing grabbed of this window before the press (it appeared under a still
            # pointer): a grab now may already show the click's first effect.
            self.stats.late_shots += 1
            shot = Shot(window, self.screen.grab(window.box), self.clock())
        return shot

    # -- fields ---------------------------------------------------------------------------

    def _ask_due(self, now: float) -> None:
        due = [q for t, q in self._questions if t <= now]
        self._questions = [(t, q) for t, q in self._questions if t > now]
        for question in due:
            before = self.ring.before(question.window, question.t)
            asked = FieldQuestion(
                run=question.run,
                window=question.window,
                hint=question.hint,
                before=before.image if before else None,
                typed=self.assembler.typed(question.run),
            )
            self._asked[question.run] = question.t
            self._classifier.submit(self._classify, asked)

    def _classify(self, question: FieldQuestion) -> None:
        """On the classifier thread: a failure keeps the keys secret and is reported, never raised away."""
        try:
            verdict = self.classifier(question, self.screen.grab(question.window.box), self.ocr)
        except Exception as err:
            self.stats.problems.append(
                f"could not read a field, its keys were kept secret: {type(err).__name__}: {err}"
            )
            verdict = Verdict(question.run, True, None, None, "could not read the field")
        self.queue.put(verdict)

    def _answer(self, verdict: Verdict) -> None:
        asked = self._asked.pop(verdict.run, None)
        if asked is not None:
            self.stats.classified.append(self.clock() - asked)
        kind = "secret" if verdict.secret else "plain"
        said = f"field {verdict.label or '(no label)'!r} at {verdict.field}: {kind}, {verdict.reason}"
        self.stats.fields.append(said)
        if verdict.secret:
            self.stats.secrets.append(said)
        run = self.assembler.runs.get(verdict.run)
        if verdict.secret and run is not None and run.window is not None:
            # Failing closed with no field found paints the whole window: its text is not kept either.
            whole = Box(0, 0, run.window.box.w, run.window.box.h)
            self._redact.setdefault(run.window.id, []).append(verdict.field or whole)
        self.assembler.verdict(verdict.run, verdict.secret)

    # -- writing --------------------------------------------------------------------------

    def _write(self, event: RawEvent, shot: Shot | None) -> None:
        if isinstance(event, ClickEvent | EndShot) and shot is not None:
            self.stats.shots += 1
            name = f"{'end' if isinstance(event, EndShot) else 'click'}-{self.stats.shots:04d}.png"
            box = shot.window.box
            fields = [f.shifted(box.x, box.y) for f in self._redact.get(shot.window.id, [])]
            started = time.perf_counter()
            self.journal.save_shot(name, redacted(shot.image, box, fields))
            self.stats.shot_seconds.append(time.perf_counter() - started)
            event = replace(event, shot=name)
        self.journal.append(event)
        self.stats.events += 1
        self.report(event)


def ref(window: Window) -> WindowRef:
    """The window as a recording names it. Its box takes in its open pop-ups, so a click's
    picture shows the list item it chose even where the list hangs below the window."""
    return WindowRef(window.id, window.title, window.app, window.extent, proc_exe(window.pid))
