"""Check boxes a request ticks, and forms whose application exits on OK (yad, zenity, a script's
dialog): the loop judges the screen as it was, and a click that cleared a box it was told to tick
is never a success. Found as a new user on yad's forms (docs/trials.md)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from types import SimpleNamespace

import pytest
from PIL import Image

from automation.actuation.actor import Outcome
from automation.actuation.targets import Targets
from automation.actuation.verify import Effect
from automation.agent.goal import check, goal_of, marks_otherwise, named_field, read_field
from automation.agent.loop import Agent, Status
from automation.decisions import Act, Ask, Situation, Turn
from automation.types import Action, Box, Click, Element, Observation, Target, TextSpan, TypeText, Window
from automation.value_words import wanted_mark
from models.fakes import ScriptedPolicy
from models.policy.candidates import build
from tests.support.live_form import FORM, BlankScreen, form_observation

TYPE_NAME = Act(TypeText("Li Na", into=Target("Employee", field=True)))
TICK = Act(Click(Target("Urgent")))
OK = Act(Click(Target("OK")))
CHECK = Box(20, 140, 14, 14)


@dataclass
class ClosingForm:
    """A form with an entry and a check box whose application exits when OK is clicked."""

    ticked: bool = False
    closed: bool = False
    name: str = ""

    def __post_init__(self) -> None:
        self.done: list[Action] = []
        self.gate = SimpleNamespace(targets=Targets())
        self.desktop = SimpleNamespace(windows=SimpleNamespace(list=self.windows), screen=BlankScreen())
        self.ocr = None

    def windows(self) -> list:
        return [] if self.closed else [FORM]

    def clear_tooltips(self) -> bool:
        return False

    def observe(self, window: object = None) -> Observation:
        if self.closed:
            return Observation(Image.new("RGB", (1, 1)), (), None, (), 0.0)
        obs = form_observation({"Employee": self.name}, labels=("Employee",), button="OK")
        mark = Element("check", CHECK, "Urgent", "", Box(40, 140, 50, 14), checked=self.ticked, window=FORM.title)
        return replace(
            obs, spans=(*obs.spans, TextSpan("Urgent", Box(40, 140, 50, 14), 95, FORM.title)), elements=(mark,)
        )

    def perform(self, action: Action, expect: str | None = None) -> Outcome:
        self.done.append(action)
        if isinstance(action, TypeText):
            self.name += action.text
        elif isinstance(action, Click) and action.target.label == "Urgent":
            self.ticked = not self.ticked
        elif isinstance(action, Click) and action.target.label == "OK":
            self.closed = True
        return Outcome(action, FORM.title, Effect.CHANGED)


def run(form: ClosingForm, *decisions: object, request: str) -> object:
    agent = Agent(form, form, ScriptedPolicy(*decisions), lambda q, a: True)  # type: ignore[arg-type]
    return agent.run(request)


def test_a_form_whose_application_exits_on_ok_is_judged_as_it_was_not_asked_about() -> None:
    """yad exits on OK: the model was asked on an empty screen ("What should I type?", exit 3)."""
    form = ClosingForm()
    result = run(form, TYPE_NAME, TICK, OK, Ask("What should I type?", "text"),
                 request="enter Li Na as the employee, tick Urgent and press OK")  # fmt: skip
    assert result.status is Status.DONE and form.closed  # type: ignore[attr-defined]
    assert form.done == [TYPE_NAME.action, TICK.action, OK.action]


def test_a_box_ticked_before_and_clicked_by_tick_is_not_a_success_when_the_form_closes() -> None:
    """The click cleared the box the request said to tick; the closed form cannot be looked at again."""
    form = ClosingForm(ticked=True)
    result = run(form, TYPE_NAME, TICK, OK, OK, request="enter Li Na as the employee, tick Urgent and press OK")
    # the commit is held back while the box shows cleared; the second hold ends the run, nothing sent
    assert result.status is Status.UNFINISHED and not form.closed  # type: ignore[attr-defined]
    assert any("Urgent: not ticked" in u for u in result.unmet)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("request_", "label", "others", "state"),
    [
        ("enter Li Na as the employee, tick Urgent and Billable, and press OK", "Billable", ["Urgent"], True),
        ("tick the Urgent box", "Urgent", [], True),
        ("untick Urgent and submit", "Urgent", [], False),
        ("uncheck Send copy", "Send copy", [], False),
        ("do not tick Urgent", "Urgent", [], None),  # left alone: told_to_leave judges it
        ("type Urgent into the note", "Urgent", [], None),  # no verb that sets a box
        ("tick Billable, enter Urgent stuff", "Urgent", ["Billable"], None),  # another clause's word
        ("取消勾选 加急", "加急", [], False),
        ("勾选 加急", "加急", [], True),
    ],
)
def test_the_state_a_request_wants_a_check_box_in(request_: str, label: str, others: list[str], state: object) -> None:
    assert wanted_mark(request_, label, others) == state


def test_the_goal_holds_the_boxes_a_request_sets_and_reads_their_state() -> None:
    form = ClosingForm(ticked=False)
    obs = form.observe()
    goal = goal_of("tick Urgent and press OK", (), (), (), ["Employee"], checks=["Urgent"])
    assert goal.marks == (("Urgent", True),) and not any(w.value == "Urgent" for w in goal.values)
    assert marks_otherwise(goal, [obs]) == ["Urgent: not ticked"]
    form.ticked = True
    assert marks_otherwise(goal, [obs, form.observe()]) == []


def test_a_click_on_a_box_already_in_the_wanted_state_is_not_offered() -> None:
    obs = ClosingForm(ticked=True).observe()
    menu = build(Situation("tick Urgent and press OK", obs))
    assert not any(o.kind == "click" and o.label == "Urgent" for o in menu.options)
    cleared = build(Situation("tick Urgent and press OK", ClosingForm(ticked=False).observe()))
    assert any(o.kind == "click" and o.label == "Urgent" for o in cleared.options)


def test_a_field_is_read_by_its_controls_own_reading_before_the_windows_line() -> None:
    """yad's spin box: the window's line read "42 - +" centred off the entry, the control read "42"."""
    obs = form_observation({}, labels=("Amount",), button="OK")
    spin = Element("text", Box(120, 15, 120, 24), "Amount", "42", Box(20, 20, 60, 14), window=FORM.title)
    line = TextSpan("42 - +", Box(124, 20, 190, 14), 80, FORM.title)
    shown = replace(obs, spans=(*obs.spans, line), elements=(spin,))
    assert read_field(shown, "Amount") == "42"


def test_a_box_the_run_ticked_that_the_request_does_not_name_is_a_change_nobody_asked_for() -> None:
    """Qt's class wizard: "tick Generate Q_OBJECT macro" clicked "Generate copy constructor" too."""
    form = ClosingForm()
    before = form.observe()
    form.ticked = True
    history = (Turn(Act(Click(Target("Urgent"))), True, "clicked"),)
    goal = goal_of("enter Li Na as the employee", history, (), (), ["Employee"], checks=["Urgent"])
    assert goal.unasked_marks == ("Urgent",)
    reading = check(goal, [before, form.observe()], history, ["Employee"])
    assert "Urgent: ticked, which the request does not ask" in reading.unmet
    # named by the request (whatever its verb), or set by it, it is no change nobody asked for
    assert goal_of("tick Urgent", history, (), (), [], checks=["Urgent"]).unasked_marks == ()
    assert goal_of("Urgent is fine too", history, (), (), [], checks=["Urgent"]).unasked_marks == ()


def test_a_button_the_request_names_to_press_is_met_by_its_label_with_marks_around_it() -> None:
    """ "press Next" was 'Next' not shown after the run clicked 'Next >' (Qt's wizards)."""
    history = (Turn(Act(TypeText("Invoice", into=Target("Class name", field=True))), True, "typed"),
               Turn(Act(Click(Target("Next >"))), True, "clicked"))  # fmt: skip
    goal = goal_of("enter Invoice as the class name and press Next", history, (), (), ["Class name"])
    assert not any(w.value == "Next" for w in goal.values)


def test_a_box_whose_label_holds_a_commit_word_is_not_held_back_for_its_own_state() -> None:
    """yad's "Send welcome mail": clicking it asks a yes like a commit; the hold for boxes showing the
    other state must not hold back the very click that ticks it (the run ended unfinished)."""
    form = ClosingForm()
    send = Act(Click(Target("Send welcome mail")))

    def observe(window: object = None) -> Observation:
        obs = ClosingForm.observe(form)
        if form.closed:
            return obs
        mark = replace(obs.elements[0], label="Send welcome mail")
        spans = tuple(replace(s, text="Send welcome mail") if s.text == "Urgent" else s for s in obs.spans)
        return replace(obs, spans=spans, elements=(mark,))

    def perform(action: Action, expect: str | None = None) -> Outcome:
        if isinstance(action, Click) and action.target.label == "Send welcome mail":
            action = Click(Target("Urgent"))
        return ClosingForm.perform(form, action, expect)

    form.observe, form.perform = observe, perform  # type: ignore[method-assign]
    result = run(form, TYPE_NAME, send, OK, request="enter Li Na as the employee, tick Send welcome mail and press OK")
    assert result.status is Status.DONE and form.ticked and form.closed  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("value", "field"),
    [
        ("20", "Quota (GB)"),  # not the "20" that starts the date; a unit in brackets is no part of the name
        ("2027-01-04", "Start date"),  # "with <date> as the start date": not the user name before "with"
        ("Wang Wei", "User name"),
    ],
)
def test_a_value_is_paired_with_the_field_its_own_words_name(value: str, field: str) -> None:
    """yad's account form: '20' was read as the user name's value, from the date's clause."""
    request = "set up Wang Wei as the user name with 2027-01-04 as the start date, 20 as the quota"
    assert named_field(request, value, ["User name", "Start date", "Password", "Quota (GB)"]) == field


def test_another_program_of_the_same_class_left_on_screen_does_not_keep_the_run_going() -> None:
    """Two yad dialogs (class "Yad", other processes): the form that exited is gone all the same."""
    target = replace(FORM, pid=41, client=7)
    other = Window(9, "Account Setup", FORM.app, Box(600, 0, 300, 200), pid=42, client=8)
    form = ClosingForm()
    closed_view = Observation(Image.new("RGB", (1, 1)), (other,), other, (), 0.0)
    form.windows = lambda: [target] if not form.closed else [other]  # type: ignore[method-assign]
    opened = form.observe

    def observe(window: object = None) -> Observation:
        return closed_view if form.closed else replace(opened(), windows=(target,), active=target)

    form.observe = observe  # type: ignore[method-assign]
    form.desktop.windows.list = form.windows
    result = run(form, TYPE_NAME, TICK, OK, Ask("What should I type?", "text"),
                 request="enter Li Na as the employee, tick Urgent and press OK")  # fmt: skip
    assert result.status is Status.DONE and form.closed  # type: ignore[attr-defined]


DIALOG = replace(FORM, pid=4100, client=0x4100000)  # the form, as a dialog of the application's main window
MAIN = Window(7, "Contacts", "Tk", Box(0, 0, 900, 600), pid=4100, client=0x4100000)


class DialogOverItsMainWindow(ClosingForm):
    """The form as a dialog of a main window that stays open after its OK."""

    def windows(self) -> list:
        return [MAIN] if self.closed else [DIALOG, MAIN]

    def observe(self, window: object = None) -> Observation:
        if self.closed:
            return Observation(Image.new("RGB", (1, 1)), (MAIN,), MAIN, (), 0.0)
        return replace(super().observe(window), windows=(DIALOG, MAIN), active=DIALOG)


def test_a_named_dialog_that_closes_on_its_ok_is_judged_as_it_was_its_main_window_left_alone() -> None:
    """osmo's "Add contact" (`--window`) saved the contact and closed on OK; the model, asked about the
    main window left, asked "What should I type?" and the run ended exit 3 with the task done."""
    form = DialogOverItsMainWindow()
    agent = Agent(form, form, ScriptedPolicy(TYPE_NAME, OK, Ask("What should I type?", "text")), lambda q, a: True,
                  window=FORM.title)  # type: ignore[arg-type]  # fmt: skip
    result = agent.run("enter Li Na as the employee and press OK")
    assert result.status is Status.DONE and form.done == [TYPE_NAME.action, OK.action]
