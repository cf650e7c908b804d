"""Which windows input may go to (automation.actuation.targets) and the gate's checks that use it."""

from __future__ import annotations

import pytest

from automation.actuation.safety import SafetyGate
from automation.actuation.targets import OtherApplication, Targets, Terminal, ancestors, proc_parent
from automation.errors import Refused
from automation.types import Box, Window

FORM = Window(10, "Legacy Expense System", "Tk", Box(100, 100, 400, 300), pid=500, client=0x400000)
TK_DIALOG = Window(13, "Confirm", "Toplevel", Box(200, 200, 200, 100), client=0x400000)  # Tk: no pid, another class
DIALOG = Window(11, "Confirm", "Tk", Box(200, 200, 200, 100), pid=500)  # the form's own dialog
SAME_CLASS = Window(12, "Another form", "Tk", Box(0, 0, 50, 50), pid=501)
EDITOR = Window(20, "notes.txt - gedit", "Gedit", Box(0, 0, 800, 600), pid=600)
TERMINAL = Window(30, "bash", "XTerm", Box(0, 0, 800, 600), pid=700)
PANEL = Window(40, "Deskhand", "deskhand", Box(900, 0, 300, 500), pid=800)


def ours(w: Window) -> bool:
    return w.pid in (700, 800)


@pytest.mark.parametrize(
    ("stack", "named", "chosen"),
    [
        ([TERMINAL, FORM, EDITOR], None, FORM),  # the top-most that is neither our terminal nor ours
        ([PANEL, TERMINAL, EDITOR, FORM], None, EDITOR),
        ([TERMINAL, EDITOR, FORM], "Legacy Expense System", FORM),  # --window wins over the stacking
        ([TERMINAL, EDITOR, FORM], "legacy expense", FORM),
        ([TERMINAL, PANEL], None, None),
    ],
)
def test_the_target_is_the_named_window_else_the_top_most_not_ours(
    stack: list[Window], named: str | None, chosen: Window | None
) -> None:
    assert Targets(own=ours).choose(stack, named) == chosen


@pytest.mark.parametrize(
    ("window", "allowed", "ok"),
    [
        (FORM, (), True),
        (DIALOG, (), True),  # same process
        (TK_DIALOG, (), True),  # same X connection
        (Window(14, "Confirm", "Toplevel", Box(0, 0, 9, 9), client=0x600000), (), False),  # another's dialog
        (SAME_CLASS, (), True),  # same window class
        (EDITOR, (), False),
        (EDITOR, ("gedit",), True),  # allowed_apps by class, any case
        (EDITOR, ("gedit-bin",), True),  # ... or by executable name
        (TERMINAL, ("xterm",), False),  # our terminal never, whatever the settings say
        (PANEL, (), False),
    ],
)
def test_what_the_target_admits(window: Window, allowed: tuple[str, ...], ok: bool) -> None:
    targets = Targets(allowed, own=ours, executable=lambda pid: {600: "gedit-bin"}.get(pid or 0, ""))
    targets.choose([FORM, EDITOR])
    assert targets.allows(window) is ok


def test_a_yes_admits_the_other_application_for_the_rest_of_the_run_only() -> None:
    targets = Targets(own=ours)
    targets.choose([FORM, EDITOR])
    with pytest.raises(OtherApplication) as err:
        targets.check(EDITOR)
    assert err.value.exit_code == 8 and err.value.window == EDITOR
    targets.admit(EDITOR)
    targets.check(EDITOR)
    targets.choose([FORM, EDITOR])  # the next run starts over
    assert not targets.allows(EDITOR)


def test_a_run_reads_only_what_it_may_act_in_and_every_window_between_runs() -> None:
    targets = Targets(own=ours, allowed=("gedit",))
    stack = [FORM, TK_DIALOG, EDITOR, TERMINAL, Window(50, "Mail", "Thunderbird", Box(0, 0, 9, 9), pid=900)]
    assert all(targets.in_view(w) for w in stack)  # no run: `deskhand observe`, the panel's hints
    with targets.run(lambda: stack):
        assert [w.id for w in stack if targets.in_view(w)] == [10, 13, 20]  # the form, its dialog, allowed_apps
        targets.admit(stack[-1])
        assert targets.in_view(stack[-1])  # a person's yes: read from then on
    assert all(targets.in_view(w) for w in stack)


def test_a_yes_admits_a_window_with_no_class_or_pid_too() -> None:
    targets = Targets(own=ours)
    bare = Window(60, "untitled", "", Box(0, 0, 9, 9))
    targets.choose([FORM, bare])
    assert not targets.allows(bare)
    targets.admit(bare)
    assert targets.allows(bare)


def test_the_target_is_held_by_id_not_by_title() -> None:
    targets = Targets(own=ours)
    targets.choose([FORM])
    impostor = Window(99, FORM.title, "Evil", FORM.box, pid=999)
    assert not targets.allows(impostor)


def test_a_run_inside_a_run_keeps_the_outer_target() -> None:
    targets = Targets(own=ours)
    with targets.run(lambda: [FORM, EDITOR]), targets.run(lambda: [EDITOR, FORM]):  # a skill the agent runs
        assert targets.target == FORM
    with targets.run(lambda: [EDITOR, FORM]):
        assert targets.target == EDITOR


# --- Deskhand's own terminal ----------------------------------------------------------

PARENTS = {4000: 3000, 3000: 700, 700: 1}  # deskhand <- bash <- xterm <- init


@pytest.mark.parametrize(
    ("active", "on_tty", "emulates", "is_terminal"),
    [
        (TERMINAL, False, False, {TERMINAL.id}),  # found by the ancestors alone
        (EDITOR, True, True, {TERMINAL.id, EDITOR.id}),  # ssh/tmux: the active window holds a pty master
        (EDITOR, True, False, {TERMINAL.id}),  # an application that merely was in front is not it
        (EDITOR, False, True, {TERMINAL.id}),  # started without a terminal: the active window is not ours
        (None, True, True, {TERMINAL.id}),
    ],
)
def test_deskhands_terminal_is_found_by_its_process_chain_or_the_active_window(
    active: Window | None, on_tty: bool, emulates: bool, is_terminal: set[int]
) -> None:
    terminal = Terminal.find(active, on_tty, pid=4000, parent_of=PARENTS.get, emulates=lambda pid: emulates)
    assert {w.id for w in (FORM, EDITOR, TERMINAL, PANEL) if terminal(w)} == is_terminal


def test_ancestors_stop_at_init_and_at_a_loop() -> None:
    assert ancestors(4000, PARENTS.get) == [3000, 700]
    assert ancestors(5, {5: 6, 6: 5}.get) == [6]
    assert proc_parent(1) == 0 or proc_parent(1) is None  # the real /proc: init has no parent
    assert ancestors(__import__("os").getpid(), proc_parent)  # this test runs under some parent


# --- the gate ---------------------------------------------------------------------------


class FakeInput:
    def position(self) -> tuple[int, int]:
        return (640, 400)

    def size(self) -> tuple[int, int]:
        return (1280, 800)


class FakeWindows:
    def __init__(self, active: Window) -> None:
        self.current = active

    def list(self) -> list[Window]:
        return [self.current, FORM, EDITOR, TERMINAL]

    def active(self) -> Window:
        return self.current


def gate(active: Window = FORM) -> SafetyGate:
    targets = Targets(own=ours)
    targets.choose([FORM, EDITOR])
    return SafetyGate(FakeInput(), FakeWindows(active), Box(0, 0, 1280, 800), targets=targets)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("point", "inside"),
    [
        ((300, 250), True),
        ((100, 100), True),
        ((499, 399), True),
        ((500, 250), False),
        ((99, 250), False),
        ((300, 900), False),
    ],
)
def test_a_click_point_must_lie_inside_its_window(point: tuple[int, int], inside: bool) -> None:
    if inside:
        gate().check(FORM, point=point)
    else:
        with pytest.raises(Refused, match="lies outside 'Legacy Expense System'") as err:
            gate().check(FORM, point=point)
        assert err.value.exit_code == 8


def test_a_list_our_click_opened_counts_as_its_window_only_while_it_is_open() -> None:
    """A combo's pop-up may hang below its window; it is no listed window of its own."""
    guard = gate()
    guard.popups[FORM.id] = Box(150, 380, 200, 150)
    guard.check(FORM, point=(200, 500))
    with pytest.raises(Refused, match="lies outside"):
        guard.check(FORM, point=(400, 600))  # past the list too
    del guard.popups[FORM.id]
    with pytest.raises(Refused, match="lies outside"):
        guard.check(FORM, point=(200, 500))


def test_keys_never_go_to_our_terminal_and_other_applications_are_stopped() -> None:
    with pytest.raises(Refused, match="Deskhand's own or its terminal"):
        gate(TERMINAL).check(TERMINAL)
    with pytest.raises(OtherApplication):
        gate(EDITOR).check(EDITOR)
    gate(DIALOG).check(DIALOG)


def test_keys_with_no_window_named_go_to_the_target_not_to_our_terminal() -> None:
    from PIL import Image

    from automation.actuation.actor import Actor
    from automation.types import Observation

    targets = Targets(own=ours)
    targets.choose([TERMINAL, FORM, EDITOR])
    actor = Actor(None, None, SafetyGate(FakeInput(), FakeWindows(TERMINAL), Box(0, 0, 1280, 800), targets=targets))  # type: ignore[arg-type]
    seen = Observation(Image.new("RGB", (1, 1)), (TERMINAL, FORM, EDITOR), TERMINAL, (), 0.0)
    assert actor._untargeted(seen) == FORM
    elsewhere = Observation(Image.new("RGB", (1, 1)), (TERMINAL, FORM, EDITOR), EDITOR, (), 0.0)
    assert actor._untargeted(elsewhere) == EDITOR  # the gate then asks about it: another application


def test_the_console_asks_a_secret_without_echo(monkeypatch: pytest.MonkeyPatch) -> None:
    from app.cli import prompts
    from automation.decisions import Ask

    asked: list[tuple[str, str]] = []
    monkeypatch.setattr(prompts.getpass, "getpass", lambda prompt: asked.append(("masked", prompt)) or "s3cr3t")
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(("echoed", prompt)) or "Li Si")
    assert prompts.answer_question(Ask("The code?", "value_2", secret=True)) == "s3cr3t"
    assert prompts.answer_question(Ask("Who?", "value_3")) == "Li Si"
    assert prompts.answer_question(Ask("PIN?", "pin")) == "s3cr3t"  # named like one, flag or not
    assert [kind for kind, _ in asked] == ["masked", "echoed", "masked"]


def test_a_window_without_a_pid_is_not_taken_for_a_terminal() -> None:
    """Tk, Motif and X11 core applications set no _NET_WM_PID; terminal emulators do."""
    from automation.actuation.targets import holds_pty

    assert not holds_pty(None)
    assert (
        Terminal.find(Window(50, "Legacy", "Tk", Box(0, 0, 9, 9)), True, pid=4000, parent_of=PARENTS.get).window_id
        is None
    )


class ActsInTheEditor:
    """An actor whose every action lands in the editor: refused by the gate's target check until admitted."""

    def __init__(self) -> None:
        from types import SimpleNamespace

        self.gate = SimpleNamespace(targets=Targets(own=ours))
        self.desktop = SimpleNamespace(windows=SimpleNamespace(list=lambda: [FORM, EDITOR]))
        self.sent: list[object] = []

    def clear_tooltips(self) -> bool:
        return False

    def perform(self, action: object, expect: str | None = None) -> object:
        from automation.actuation.actor import Outcome
        from automation.actuation.verify import Effect

        self.gate.targets.check(EDITOR)
        self.sent.append(action)
        return Outcome(action, EDITOR.title, Effect.SEEN)  # type: ignore[arg-type]


class Blank:
    def observe(self, window: object = None) -> object:
        from PIL import Image

        from automation.types import Observation

        return Observation(Image.new("RGB", (8, 8)), (FORM, EDITOR), FORM, (), 0.0)

    def ignore(self, window: object) -> bool:  # none of Deskhand's own windows here
        return False


@pytest.mark.parametrize("admit", [None, lambda question, act: False])
def test_yes_to_every_confirmation_never_admits_another_application(admit: object) -> None:
    """`--yes` (confirm always true) approves committing steps; input for another application
    needs a person's yes (``admit``), and with nobody to ask it is refused with nothing sent."""
    from automation.agent.loop import Agent
    from automation.decisions import Act, Done
    from automation.types import Key
    from models.fakes import ScriptedPolicy

    actor = ActsInTheEditor()
    policy = ScriptedPolicy(Act(Key("ctrl+s")), Done("saved"))
    agent = Agent(Blank(), actor, policy, confirm=lambda q, a: True, admit=admit)  # type: ignore[arg-type]
    with pytest.raises(OtherApplication) as err:
        agent.run("save it")
    assert err.value.exit_code == 8 and actor.sent == []


def test_a_persons_yes_admits_the_other_application() -> None:
    from automation.agent.loop import Agent
    from automation.decisions import Act, Done
    from automation.types import Key
    from models.fakes import ScriptedPolicy

    asked: list[str] = []
    actor = ActsInTheEditor()
    policy = ScriptedPolicy(Act(Key("ctrl+s")), Done("saved"), Done("saved"))  # a blank screen shows no save
    agent = Agent(Blank(), actor, policy, confirm=lambda q, a: True, admit=lambda q, a: asked.append(q) or True)  # type: ignore[arg-type]
    agent.run("save it")
    assert actor.sent == [Key("ctrl+s")] and len(asked) == 1 and "'Gedit', not the application" in asked[0]
