"""The agent's side of the panel: loads the model and runs requests in a worker thread.

The loop reports through plain callbacks; here they become Qt signals the panel shows.
When the loop needs the user (a question, a confirmation) the worker thread blocks on a
queue until the panel hands over the reply; Stop sets the abort flag and wakes it.

While a run acts, the agent's input hook feeds a UserInputWatch: when the user moves
the mouse or types, the safety gate holds the next event and the panel asks whether
to continue (the confirmation row again). The watch is off while the user is asked.
"""

from __future__ import annotations

import queue
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from PySide6.QtCore import QObject, Signal, Slot

from app.services.agent import AgentFactory, Hooks, ReadyAgent
from app.services.attach import attached_line, fact_value, facts_of, read_attachments
from app.services.compose import build_input_watch
from app.services.models import install_pack
from app.services.skills import open_store
from automation.agent.loop import AgentReport, Result
from automation.decisions import Act, Ask, RunSkill
from automation.documents.read import Document
from automation.errors import Aborted, DeskhandError
from automation.hotkeys import Hotkey
from automation.types import Window
from models.packs import NotInstalled

BUG_FIX = "this is a bug in Deskhand: please report it with the trace printed on the terminal"
RING_SIZE = (96, 32)  # the box ringed around a point about to be clicked or typed at


Installer = Callable[[str, Callable[[str, int, int], None]], object]  # (pack, progress(what, done, total))


def result_line(result: Result) -> str:
    """A run's end as the panel says it: the goal check's verdict as `do --json` gives it
    (``finished``, and each ``unmet`` item), whichever way the run ended."""
    verdict = "finished" if result.finished else "not finished"
    unmet = "".join(f"\nnot done: {u}" for u in result.unmet)
    return f"{result.status.value}: {result.message} ({verdict}){unmet}"


class _Stopped:
    """Put in the reply queue by Stop, so a waiting question or confirmation ends."""


STOPPED = _Stopped()


class AgentWorker(QObject):
    status = Signal(str)  # "loading model ...", "ready"
    said = Signal(str, str)  # (kind, text): a transcript line
    question = Signal(str, bool)  # (the question, whether the answer is a secret)
    confirmation = Signal(str)
    finished = Signal(str)  # the result, in words
    failed = Signal(str, str)  # (message, fix)
    ring = Signal(int, int, int, int)
    unring = Signal()
    missing = Signal(str)  # the chosen pack is not installed: offer to install it
    progress = Signal(str, int)  # (what, percent) of long work: installing a pack

    def __init__(
        self,
        factory: AgentFactory,
        ring_seconds: float = 0.35,
        installer: Installer = install_pack,
        hotkeys: Sequence[Hotkey] = (),
    ) -> None:
        super().__init__()
        self.factory = factory  # replaced when the settings choose another model, then load() again
        self.installer = installer
        self.ring_seconds = ring_seconds  # how long the target is ringed before the action
        self.approve_all = False  # the confirmation policy "always": set from the panel's thread
        self.abort = threading.Event()
        # The hotkeys are not "the user typed": pressing abort must abort, not ask.
        self.watch = build_input_watch(hotkeys, ask=self._continue)
        self.replies: queue.Queue[str | bool | _Stopped | None] = queue.Queue()
        self.ready: ReadyAgent | None = None
        self.busy = False
        self.documents: list[Document] = []  # attached for the next request, then let go

    @Slot()
    def load(self) -> None:
        if self.ready is not None:  # a model chosen in the settings replaces this one
            self.ready.close()
            self.ready = None
        self.status.emit("loading model\u2026")
        hooks = Hooks(
            self._confirm,
            self._answer,
            self._report,
            self._before_act,
            self._say,
            self.abort,
            self.watch.hold,
            lambda: 'confirm = "always"' if self.approve_all else "user",
            self._admit,
        )
        try:
            ready = self.factory(hooks)
            ready.warm()
            self.ready = ready
        except NotInstalled as err:
            self.status.emit("not installed")
            self.failed.emit(err.message, "press Install below, or run: " + err.fix)
            self.missing.emit(err.pack)
            return
        except DeskhandError as err:
            self.status.emit("no model")
            self.failed.emit(err.message, err.fix)
            return
        except Exception as err:  # a thread has no caller to raise to: show it, keep the trace
            traceback.print_exc()
            self.status.emit("no model")
            self.failed.emit(f"loading failed unexpectedly: {err!r}", BUG_FIX)
            return
        self.status.emit("ready")

    @Slot(str)
    def install(self, pack: str) -> None:
        """Install ``pack`` (`deskhand models install`), the percentage in the status, then load it."""
        shown: list[tuple[str, int]] = []

        def progress(what: str, done: int, total: int) -> None:
            now = (what, 100 * done // total if total else 100)
            if not shown or shown[-1] != now:  # a signal per percent, not per megabyte
                shown.append(now)
                self.progress.emit(*now)

        self.status.emit(f"installing {pack}\u2026")
        try:
            self.installer(pack, progress)
        except DeskhandError as err:
            self.status.emit("not installed")
            self.failed.emit(err.message, err.fix)
            return
        except Exception as err:  # as in load(): say it, keep the trace
            traceback.print_exc()
            self.status.emit("not installed")
            self.failed.emit(f"installing {pack} failed unexpectedly: {err!r}", BUG_FIX)
            return
        self.said.emit("deskhand", f"installed {pack}")
        self.load()

    @Slot(str)
    def run(self, request: str) -> None:
        if self.ready is None:
            self.failed.emit(
                "no model is loaded", "choose a model with the settings button (the gear), or install the one offered"
            )
            return
        self.busy = True
        self.abort.clear()
        self._drain()
        documents, self.documents = self.documents, []
        try:
            with self._watching():
                result = self.ready.agent.run(
                    request, documents=[d.for_policy() for d in documents], facts=facts_of(documents)
                )
        except Aborted as err:
            self.finished.emit(f"stopped: {err.message}")
        except DeskhandError as err:
            self.failed.emit(err.message, err.fix)
        except Exception as err:  # as in load(): the panel must not stay busy forever
            traceback.print_exc()
            self.failed.emit(f"the request failed unexpectedly: {err!r}", BUG_FIX)
        else:
            self.finished.emit(result_line(result))
        finally:
            self.unring.emit()
            self.busy = False

    @Slot(str)
    def attach(self, path: str) -> None:
        """Read a dropped receipt here, off the panel's thread (OCR takes a fraction of a second)."""
        try:
            (document,) = read_attachments([path])
        except DeskhandError as err:
            self.said.emit("error", err.message + (f"\n  fix: {err.fix}" if err.fix else ""))
            return
        self.documents = [document]
        self.said.emit("deskhand", attached_line(document, "receipt"))

    @Slot(str)
    def run_skill(self, name: str) -> None:
        """Run a learned skill chosen in the panel; each value it needs is asked in the conversation."""
        runner = self.ready.agent.run_skill if self.ready else None
        if runner is None:
            self.failed.emit("skills cannot run yet", "wait until the panel says ready")
            return
        self.busy = True
        self.abort.clear()
        self._drain()
        try:
            with open_store() as store:
                params = store.get(name).params
            values: dict[str, str] = {}
            for param in params:
                fact = None if param.secret else fact_value(param.name, self.documents)
                if fact is not None:  # the attached receipt gave it: not asked
                    values[param.name] = fact
                    self.said.emit("did", f"{param.name}: {fact} (from the receipt)")
                    continue
                answer = self._ask(param.description or f"{param.name}?", param.secret)
                if answer is None:
                    self.finished.emit(f"not run: no value for {param.name}")
                    return
                values[param.name] = answer
            with self._watching():
                result = runner(RunSkill(name, values))
            self.finished.emit(f"done: {result}")
        except Aborted as err:
            self.finished.emit(f"stopped: {err.message}")
        except DeskhandError as err:
            self.failed.emit(err.message, err.fix)
        finally:
            self.unring.emit()
            self.busy = False

    # Called from the panel's thread.
    def reply(self, text: str | None) -> None:
        self.replies.put(text)

    def decide(self, yes: bool) -> None:
        self.replies.put(yes)

    def stop(self) -> None:
        self.abort.set()
        self.replies.put(STOPPED)

    # Called from the worker thread, by the agent.
    @contextmanager
    def _watching(self) -> Iterator[None]:
        """Watch the user's input while the run acts."""
        hook = self.ready.hook if self.ready else None
        self.watch.arm()
        stop = hook.listen(self.watch.see) if hook is not None else None
        try:
            yield
        finally:
            self.watch.disarm()
            if stop is not None:
                stop()

    def _wait(self) -> str | bool | None:
        with self.watch.off():  # typing an answer or clicking Yes is not an interruption
            item = self.replies.get()
        if isinstance(item, _Stopped) or self.abort.is_set():
            raise Aborted("stopped by the user")
        return item

    def _drain(self) -> None:
        while not self.replies.empty():
            self.replies.get_nowait()

    def _answer(self, ask: Ask) -> str | None:
        return self._ask(ask.question, ask.is_secret)

    def _ask(self, question: str, secret: bool) -> str | None:
        self.question.emit(question, secret)
        reply = self._wait()
        return reply if isinstance(reply, str) and reply else None

    def _confirm(self, question: str, act: Act) -> bool:
        if self.approve_all:
            return True
        box = self.ready.locate(act) if self.ready else None
        if box is not None:
            self.ring.emit(box.x, box.y, box.w, box.h)
        self.confirmation.emit(question)
        try:
            return self._wait() is True
        finally:
            self.unring.emit()

    def _admit(self, question: str, act: Act) -> bool:
        """Input for another application than the run's: the person is asked, even under confirm = "always"."""
        self.confirmation.emit(question)
        return self._wait() is True

    def _continue(self, question: str) -> bool:
        """The pause's question: the user touched the mouse or keys while the run acted."""
        self.confirmation.emit(question)
        return self._wait() is True

    def _report(self, p: AgentReport) -> None:
        if p.stage in ("confirm", "finish"):
            return  # shown by the confirmation and the result
        kind = {
            "observe": "saw",
            "decide": "chose",
            "act": "did",
            "answer": "answered",
            "retry": "retry",
            "check": "check",
        }[p.stage]
        self.said.emit(kind, p.text.removeprefix(f"{kind} "))

    def _say(self, line: str) -> None:
        self.said.emit("did", line.strip())

    def _before_act(self, point: tuple[int, int] | None, window: Window) -> None:
        if point is None:
            return
        w, h = RING_SIZE
        self.ring.emit(point[0] - w // 2, point[1] - h // 2, w, h)
        self.abort.wait(self.ring_seconds)  # the user sees where it will act; Stop cuts it short
        self.unring.emit()
