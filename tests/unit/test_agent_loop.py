"""The agent loop with a scripted policy and a stand-in actor: the control flow alone."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace
from typing import Any

import pytest

from automation import registry
from automation.actuation.actor import Outcome
from automation.actuation.targets import Targets
from automation.actuation.verify import Effect
from automation.agent.loop import Agent, AgentReport, Status
from automation.agent.places import ElsewhereRequest
from automation.commit_rule import CommitRule, commits
from automation.decisions import Act, Ask, Done, Impossible, Reply, RunSkill
from automation.errors import Aborted, TargetNotFound, WindowClosed
from automation.protocols import Policy
from automation.types import Action, Box, Click, Key, Observation, Target, TypeText, Window
from models.fakes import ScriptedPolicy
from models.policy.progress import progress
from tests.support.live_form import FORM, BlankScreen, LiveForm

TYPE_AMOUNT = Act(TypeText("42.50", into=Target("Amount", field=True)))
SUBMIT = Act(Click(Target("Submit")))
YES = Act(Click(Target("Yes")))


TYPE_BOTH = (TYPE_AMOUNT, Act(TypeText("Zhang San", into=Target("Attendees", field=True))))


class RecordingActor(LiveForm):
    """The form acted on and observed: what it did shows on the next observation."""

    def __init__(self, failures: list[Exception] | None = None, **form: Any) -> None:
        super().__init__(failures=failures or [], **form)
        # What the agent asks of the real Actor besides acting: the run's target is chosen from the windows.
        self.gate = SimpleNamespace(targets=Targets())
        self.desktop = SimpleNamespace(windows=SimpleNamespace(list=lambda: []), screen=BlankScreen())


def agent(policy: ScriptedPolicy, actor: RecordingActor, approve: bool = True, **kw: Any) -> tuple[Agent, list]:
    events: list[AgentReport] = []
    questions: list[str] = []

    def confirm(question: str, act: Act) -> bool:
        questions.append(question)
        return approve

    made = Agent(actor, actor, policy, confirm, events.append, **kw)  # type: ignore[arg-type]
    return made, [events, questions]


def test_the_scripted_policy_registers_like_a_backend() -> None:
    assert isinstance(registry.create(Policy, "scripted"), ScriptedPolicy)


def test_acts_then_finishes_and_reports_each_stage() -> None:
    policy, actor = ScriptedPolicy(TYPE_AMOUNT, Done("typed it")), RecordingActor()
    run, (events, questions) = agent(policy, actor)
    result = run.run("enter 42.50 as the amount")
    assert (result.status, result.message, result.steps) == (Status.DONE, "typed it", 2)
    assert actor.done == [TYPE_AMOUNT.action] and questions == []
    assert [e.stage for e in events] == ["observe", "decide", "act", "observe", "decide", "finish"]
    assert policy.situations[1].history[0].ok and "42.50" in policy.situations[1].history[0].outcome


def test_a_committing_click_asks_first_and_a_no_stops_before_acting() -> None:
    actor = RecordingActor()
    run, (_, questions) = agent(ScriptedPolicy(SUBMIT), actor, approve=False)
    result = run.run("submit it")
    assert result.status is Status.DECLINED and actor.done == []
    assert questions == ["click 'Submit'?"]


def test_a_yes_lets_the_committing_click_through() -> None:
    actor = RecordingActor()
    run, _ = agent(ScriptedPolicy(SUBMIT, YES, Done("sent")), actor)
    assert run.run("submit it").status is Status.DONE and actor.done == [SUBMIT.action, YES.action]
    assert actor.saved == [{}]


def test_a_question_without_an_answer_ends_the_run_with_the_question() -> None:
    run, _ = agent(ScriptedPolicy(Ask("Who did you eat with?", "attendees")), RecordingActor())
    result = run.run("file my lunch")
    assert (result.status, result.message) == (Status.ASKED, "Who did you eat with?")


def test_answers_are_used_in_the_order_questions_come() -> None:
    policy = ScriptedPolicy(Ask("Amount?", "amount"), Ask("Who?", "attendees"), *TYPE_BOTH, Done("ok"))
    run, _ = agent(policy, RecordingActor())
    assert run.run("note my lunch", answers=["42.50", "Zhang San"]).status is Status.DONE
    assert policy.situations[1].answers == ("42.50",) and policy.situations[2].answers == ("42.50", "Zhang San")


def test_when_given_answers_run_out_the_answer_callback_is_asked() -> None:
    policy = ScriptedPolicy(Ask("Amount?", "amount"), Ask("Who?", "attendees"), *TYPE_BOTH, Done("ok"))
    asked: list[str] = []

    def answer(question: Ask) -> str:
        asked.append(question.question)
        return "Zhang San"

    made = Agent(form := RecordingActor(), form, policy, lambda q, a: True, answer=answer)  # type: ignore[arg-type]
    assert made.run("note my lunch", answers=["42.50"]).status is Status.DONE
    assert asked == ["Who?"] and policy.situations[2].answers == ("42.50", "Zhang San")


@pytest.mark.parametrize(
    "ask",
    [
        Ask("What is the PIN?", "pin"),  # named like one
        Ask("What is value 2?", "value_2", secret=True),  # a secret renamed: the flag decides
        Ask("Access code?", "access_code", secret=True),
    ],
)
def test_a_secret_answer_reaches_no_policy_report_or_history_and_is_typed_as_given(ask: Ask) -> None:
    """The policy (and a model behind it) sees a placeholder; the value is put back only when typed."""
    typing = Act(TypeText("⟨secret a⟩", into=Target("Code", field=True)))
    policy, actor = ScriptedPolicy(ask, typing, Done("ok")), RecordingActor()
    run, (events, _) = agent(policy, actor)
    assert run.run("enter the code", answers=["2468"]).status is Status.DONE
    assert policy.situations[1].answers == ("⟨secret a⟩",)
    assert actor.done == [TypeText("2468", into=Target("Code", field=True))]
    seen = repr(events) + repr(policy.situations)
    assert "2468" not in seen and "⟨secret a⟩" in seen


def test_a_plain_answer_is_passed_as_it_is() -> None:
    typing = Act(TypeText("Zhang San", into=Target("Attendees", field=True)))
    policy = ScriptedPolicy(Ask("What is value 2?", "value_2"), typing, Done("ok"))
    run, _ = agent(policy, RecordingActor())
    assert run.run("enter the code", answers=["Zhang San"]).status is Status.DONE
    assert policy.situations[1].answers == ("Zhang San",)


def test_a_secret_in_a_skills_arguments_is_put_back_only_for_the_replay() -> None:
    ran: list[RunSkill] = []

    def run_skill(decision: RunSkill) -> str:
        ran.append(decision)
        return "ran it"

    policy = ScriptedPolicy(
        Ask("Token?", "value_2", secret=True), RunSkill("pay", {"value_2": "⟨secret a⟩"}), Done("ok")
    )
    run, (events, _) = agent(policy, RecordingActor(), run_skill=run_skill)
    assert run.run("use the token", answers=["s3cr3t"]).status is Status.DONE
    assert ran == [RunSkill("pay", {"value_2": "s3cr3t"})]
    assert "s3cr3t" not in repr(events) + repr(policy.situations)


def test_an_unrelated_request_is_answered_and_nothing_is_done() -> None:
    actor = RecordingActor()
    run, _ = agent(ScriptedPolicy(Reply("I help with the applications on your screen.")), actor)
    assert run.run("tell me a joke").status is Status.REPLIED and actor.done == []


def test_a_missing_target_is_retried_with_the_error_in_the_history() -> None:
    actor = RecordingActor([TargetNotFound("Amont", ["Amount"])])
    policy = ScriptedPolicy(Act(Click(Target("Amont"))), TYPE_AMOUNT, Done("ok"))
    run, (events, _) = agent(policy, actor)
    assert run.run("amount 42.50").status is Status.DONE
    failed = policy.situations[1].history[0]
    assert not failed.ok and "Amont" in failed.outcome
    assert "retry" in [e.stage for e in events]


def test_repeated_failures_stop_the_run_and_say_what_was_seen() -> None:
    actor = RecordingActor([TargetNotFound("X", []) for _ in range(3)])
    run, _ = agent(ScriptedPolicy(*[Act(Click(Target("X")))] * 3), actor, max_failures=2)
    result = run.run("click X")
    assert result.status is Status.FAILED and "'Amount'" in result.message


def test_the_step_limit_holds() -> None:
    run, _ = agent(ScriptedPolicy(*[TYPE_AMOUNT] * 5), RecordingActor(), max_steps=3)
    result = run.run("type forever")
    assert (result.status, result.steps) == (Status.STEP_LIMIT, 3)


def test_an_abort_is_not_swallowed() -> None:
    run, _ = agent(ScriptedPolicy(TYPE_AMOUNT), RecordingActor([Aborted("aborted by the user")]))
    with pytest.raises(Aborted):
        run.run("anything")


@pytest.mark.parametrize(
    ("action", "risky"),
    [
        (Click(Target("Submit")), True),
        (Click(Target("Save As...")), True),
        (Click(Target("OK")), True),
        (Click(Target("Amount")), False),
        (Click(Target("Export")), False),
        (TypeText("delete", into=Target("Notes")), False),
        (Key("ctrl+s"), True),
        (Key("Tab"), False),
    ],
)
def test_which_actions_commit(action: Action, risky: bool) -> None:
    assert commits(action, CommitRule()) is risky


def test_a_finish_the_screen_does_not_show_is_sent_back_then_ends_unfinished() -> None:
    actor = RecordingActor()
    policy = ScriptedPolicy(TYPE_AMOUNT, Done("submitted"), Done("submitted"))
    run, (events, _) = agent(policy, actor)
    result = run.run("enter 42.50 as the amount and submit")
    assert (result.status, result.finished, result.unmet) == (Status.UNFINISHED, False, ("not submitted",))
    assert not policy.situations[2].history[-1].ok and "not submitted" in policy.situations[2].history[-1].outcome
    assert "check" in [e.stage for e in events] and actor.saved == []


def test_a_sent_back_finish_lets_the_agent_go_on_and_finish() -> None:
    actor = RecordingActor()
    policy = ScriptedPolicy(TYPE_AMOUNT, Done("early"), SUBMIT, YES, Done("submitted"))
    result = agent(policy, actor)[0].run("enter 42.50 as the amount and submit")
    assert (result.status, result.finished, result.unmet) == (Status.DONE, True, ())
    assert actor.saved == [{"Amount": "42.50"}]


def test_a_value_typed_into_another_field_is_not_finished() -> None:
    wrong = Act(TypeText("42.50", into=Target("Employee", field=True)))
    result = agent(ScriptedPolicy(wrong, Done("typed"), Done("typed")), RecordingActor())[0].run(
        "enter 42.50 as the amount"
    )
    assert result.status is Status.UNFINISHED and result.unmet == ("Amount: '42.50' not shown (it is empty)",)


def test_a_reply_to_a_request_that_gives_values_is_not_finished() -> None:
    actor = RecordingActor()
    result = agent(ScriptedPolicy(Reply("I can only work the applications on your screen.")), actor)[0].run(
        "enter 42.50 as the amount and submit"
    )
    assert result.status is Status.UNFINISHED and not result.finished and actor.done == []


def test_a_reply_once_the_screen_shows_the_goal_is_finished_and_before_it_is_not() -> None:
    """Round 10's run of the spent draw 31700 (swing-10): "do not tick Recurring, only type ... into
    the reference" typed the value, then the model said "not about the screen"; the screen, not that,
    says whether it is done, as for "not possible" after a commit."""
    said = Reply("I can only work the applications on your screen.")
    actor = RecordingActor()
    result = agent(ScriptedPolicy(TYPE_AMOUNT, said), actor)[0].run(
        "do not tick Urgent, only type 42.50 into the amount"
    )
    assert result.status is Status.DONE and result.finished
    half = RecordingActor()
    result = agent(ScriptedPolicy(TYPE_AMOUNT, said), half)[0].run("type 42.50 into the amount and Li as the employee")
    assert result.status is Status.UNFINISHED and result.unmet == ("Employee: 'Li' not shown (it is empty)",)


def test_the_commit_list_is_configurable() -> None:
    rule = CommitRule.from_settings(words=["Proceed", "-apply"])
    assert commits(Click(Target("Proceed")), rule)
    assert not commits(Click(Target("Apply")), rule)
    assert commits(Click(Target("Submit")), rule)


def test_typing_again_into_a_field_types_over_it() -> None:
    """A retry into a field typed into before selects its text first: appending made the Swing
    form's "852.77" into "8852.7752.77"."""
    actor = RecordingActor()
    policy = ScriptedPolicy(TYPE_AMOUNT, TYPE_AMOUNT, Done("typed"))
    result = agent(policy, actor)[0].run("enter 42.50 as the amount")
    assert actor.values["Amount"] == "42.50" and result.status == Status.DONE
    first, again = (a for a in actor.done if isinstance(a, TypeText))
    assert (first.over, again.over) == (False, True)


def test_deskhands_own_window_is_no_window_that_opened_after_a_finish() -> None:
    """The observation leaves Deskhand's panel out while the desktop lists it: a sent-back
    finish must not take the panel for a new window and go on asking forever."""
    from automation.types import Box, Window
    from tests.support.live_form import FORM

    panel = Window(99, "Deskhand", "deskhand", Box(900, 0, 300, 500))
    actor = RecordingActor()
    actor.desktop = SimpleNamespace(windows=SimpleNamespace(list=lambda: [FORM, panel]))
    actor.ignore = lambda window: window.id == panel.id  # type: ignore[attr-defined]
    policy = ScriptedPolicy(Done("submitted"), Done("submitted"))  # a third Done is never queued
    run, _ = agent(policy, actor)
    result = run.run("submit the form")
    assert (result.status, result.unmet) == (Status.UNFINISHED, ("not submitted",))
    assert len(policy.situations) == 2


NOTES = Window(7, "Field Notes", "Notebook", Box(600, 0, 300, 200), pid=77)


class FormBesideNotes(RecordingActor):
    """The form is the run's target; another application's window stands beside it."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = SimpleNamespace(targets=Targets())
        self.desktop = SimpleNamespace(windows=SimpleNamespace(list=lambda: [FORM, NOTES]))

    def observe(self, window: object = None) -> Observation:
        obs = super().observe(window)
        return replace(obs, windows=(*obs.windows, NOTES))


@pytest.mark.parametrize(
    "request_text",
    ["press alt+tab in the field notes window", "press ctrl+c in your own terminal", "close the Deskhand window"],
)
@pytest.mark.parametrize("decision", [Act(Key("alt+tab")), Done("pressed it"), Reply("I did")])
def test_a_request_about_another_place_is_refused_whatever_the_model_chose(request_text: str, decision: Any) -> None:
    actor = FormBesideNotes()
    run, _ = agent(ScriptedPolicy(decision, Done("done")), actor)
    with pytest.raises(ElsewhereRequest) as refused:
        run.run(request_text)
    assert refused.value.exit_code == 8 and actor.done == []


def test_the_models_own_not_possible_stands() -> None:
    actor = FormBesideNotes()
    run, _ = agent(ScriptedPolicy(Impossible("that is another window")), actor)
    assert run.run("click OK in Field Notes").status == Status.IMPOSSIBLE and actor.done == []


def test_a_person_may_let_the_run_act_in_the_window_the_request_names() -> None:
    actor = FormBesideNotes()
    asked: list[str] = []

    def admit(question: str, act: Act) -> bool:
        asked.append(question)
        return True

    click = Act(Click(Target("OK", "Field Notes")))
    run, _ = agent(ScriptedPolicy(click, click, Done("clicked")), actor, admit=admit)
    result = run.run("click OK in Field Notes")
    assert len(asked) == 1 and "'Field Notes' (Notebook)" in asked[0]
    assert actor.gate.targets.allows(NOTES) and actor.done == [click.action]
    assert result.status == Status.DONE


def test_a_request_about_the_form_is_not_held_up() -> None:
    actor = FormBesideNotes()
    run, _ = agent(ScriptedPolicy(TYPE_AMOUNT, Done("typed it")), actor)
    assert run.run("enter 42.50 as the amount").status == Status.DONE


def test_a_hidden_window_the_request_names_is_another_place_too() -> None:
    actor = FormBesideNotes()
    actor.desktop = SimpleNamespace(windows=SimpleNamespace(list=lambda: [FORM], hidden=lambda: [NOTES]))
    actor.observe = lambda window=None: RecordingActor.observe(actor, window)  # type: ignore[method-assign]
    run, _ = agent(ScriptedPolicy(Reply("I cannot see it"), Done("done")), actor)
    with pytest.raises(ElsewhereRequest):
        run.run("type rm -rf ~ into the field notes window")  # minimised, or hidden by "show the desktop"
    assert actor.done == []


def test_a_finish_with_the_file_the_request_names_nowhere_on_screen_is_not_finished() -> None:
    """gemma3-270m said "finished" to "save it as copy.txt" at once: nothing names copy.txt."""
    result = agent(ScriptedPolicy(Done("saved"), Done("saved")), RecordingActor())[0].run("save it as copy.txt")
    assert result.status is Status.UNFINISHED and "not saved as copy.txt" in result.unmet


def test_the_request_s_instruction_typed_into_a_field_and_filed_is_not_finished() -> None:
    """The form took "employee name" and was filed; the request gave no employee's name."""
    typed = Act(TypeText("employee name", into=Target("Employee", field=True)))
    actor = RecordingActor()
    result = agent(ScriptedPolicy(typed, SUBMIT, YES, Done("filed"), Done("filed")), actor)[0].run(
        "enter the employee name and submit"
    )
    assert actor.saved == [{"Employee": "employee name"}]
    assert result.status is Status.UNFINISHED and result.unmet[0].startswith("Employee: 'employee name' was typed, but")


def test_a_not_possible_after_the_commit_is_done_when_the_screen_shows_the_goal() -> None:
    # After Submit and Yes the request's words match nothing on the new screen; the model says
    # so, but the saved form is the goal of "submit it".
    actor = RecordingActor()
    run, _ = agent(ScriptedPolicy(SUBMIT, YES, Impossible("nothing on screen does 'submit it'")), actor)
    result = run.run("submit it")
    assert (result.status, result.finished) == (Status.DONE, True) and actor.saved == [{}]
    assert result.message == "Finished: click 'Submit'; click 'Yes'"


def test_a_not_possible_after_steps_that_did_not_reach_the_goal_stands() -> None:
    actor = RecordingActor()
    run, _ = agent(ScriptedPolicy(TYPE_AMOUNT, Impossible("there is no Submit")), actor)
    result = run.run("submit it")
    assert (result.status, result.finished) == (Status.IMPOSSIBLE, False) and actor.saved == []


def test_a_not_possible_before_any_step_stands_even_when_the_goal_is_empty() -> None:
    run, _ = agent(ScriptedPolicy(Impossible("nothing prints here")), RecordingActor())
    assert run.run("print this form").status is Status.IMPOSSIBLE


def test_a_command_ending_in_an_ellipsis_is_given_time_to_open_its_dialog_before_the_next_look() -> None:
    """A command such as "Save As..." opens a dialog: a finish judged before it mapped passed with nothing saved."""
    dialog = Window(99, "Save As", "app", Box(300, 200, 300, 200))
    polls: list[int] = []

    def windows() -> list[Window]:
        polls.append(1)
        return [FORM, dialog] if len(polls) >= 3 else [FORM]  # it maps on the third look

    actor = RecordingActor()
    actor.desktop = SimpleNamespace(windows=SimpleNamespace(list=windows))
    actor.timings = SimpleNamespace(window_timeout=5.0)
    actor.ignore = lambda window: False  # type: ignore[attr-defined]
    save_as = Act(Click(Target("Save As...")))
    run, _ = agent(ScriptedPolicy(save_as, Impossible("stop here")), actor)
    run.run("save the file")
    assert len(polls) >= 3  # looked until the dialog mapped
    polls.clear()
    run, _ = agent(ScriptedPolicy(Act(Click(Target("Save"))), Impossible("stop here")), actor)
    run.run("save the file")
    assert len(polls) < 3  # a command with no ellipsis is not waited on


# --- a commit held back while a field shows another value ------------------------------------

CHOOSE_REQUEST = "choose Dollar as the currency, enter 42.50 as the amount and submit it"
OPEN_CURRENCY = Act(Click(Target("Currency", field=True)))
CHOOSE_DOLLAR = Act(Click(Target("Dollar")))
HELD = "Currency: 'Dollar' not shown (it shows 'Euro')"


def combo_form(currency: str = "Euro") -> RecordingActor:
    """A form whose Currency combo box shows ``currency`` until an item of its list is chosen."""
    lists = {"Currency": ("Euro", "Dollar", "Pound")}
    return RecordingActor(labels=("Currency", "Amount"), values={"Currency": currency}, lists=lists)


def test_a_commit_is_held_back_while_a_combo_shows_another_item_then_sent_once_it_is_chosen() -> None:
    """The CI case: the list was opened but nothing chosen (its pop-up came late), the amount typed
    and the commit chosen: nothing is sent, the policy is told why and the list is to be opened again."""
    policy = ScriptedPolicy(
        OPEN_CURRENCY, TYPE_AMOUNT, SUBMIT, OPEN_CURRENCY, CHOOSE_DOLLAR, SUBMIT, YES, Done("filed")
    )
    actor = combo_form()
    run, (events, questions) = agent(policy, actor)
    result = run.run(CHOOSE_REQUEST)
    assert actor.saved == [{"Currency": "Dollar", "Amount": "42.50"}], result
    assert actor.done == [a.action for a in (OPEN_CURRENCY, TYPE_AMOUNT, OPEN_CURRENCY, CHOOSE_DOLLAR, SUBMIT, YES)]
    assert questions == ["click 'Submit'?", "click 'Yes'?"]  # the held-back commit was never even asked about
    assert result.status is Status.DONE, result
    held = policy.situations[3].history[-1]
    assert held.decision == SUBMIT and not held.ok and HELD in held.outcome
    checks = [e for e in events if e.stage == "check"]
    assert len(checks) == 1 and HELD in checks[0].text and checks[0].data["unmet"] == [HELD]
    # what the policy makes of it: the list is to be opened again, the commit did not fail
    done = progress(policy.situations[3].history, [])
    assert not done.was_done(("click", "currency", "field")) and done.was_done(("type", "amount"))
    assert ("click", "submit", "") not in done.failed


@pytest.mark.parametrize("shown", ["", "— +"], ids=["empty", "glyphs"])
def test_a_field_read_empty_or_as_glyphs_does_not_hold_back_the_commit(shown: str) -> None:
    """The item was chosen, the combo reads empty or as glyphs alone: maybe a misread, never a
    reason to hold back (the combo's list here lacks the item, so it keeps showing ``shown``)."""
    actor = RecordingActor(labels=("Currency", "Amount"), values={"Currency": shown}, lists={"Currency": ("Euro",)})
    policy = ScriptedPolicy(OPEN_CURRENCY, CHOOSE_DOLLAR, TYPE_AMOUNT, SUBMIT, YES, Impossible("nothing more"))
    run, (events, questions) = agent(policy, actor)
    run.run(CHOOSE_REQUEST)  # how it ends is the goal check's; what was sent is this test's
    assert actor.done[-2:] == [SUBMIT.action, YES.action]
    assert actor.saved == [{"Currency": shown, "Amount": "42.50"}]
    assert questions == ["click 'Submit'?", "click 'Yes'?"]
    assert not any(e.stage == "check" and "not sent" in e.text for e in events)


def test_a_field_the_request_gives_no_value_for_does_not_hold_back_the_commit() -> None:
    actor = combo_form("Euro")
    run, (events, _) = agent(ScriptedPolicy(TYPE_AMOUNT, SUBMIT, YES, Impossible("nothing more")), actor)
    run.run("enter 42.50 as the amount and submit it")
    assert actor.saved == [{"Currency": "Euro", "Amount": "42.50"}]
    assert not any(e.stage == "check" and "not sent" in e.text for e in events)


def test_a_commit_is_held_back_while_a_value_of_the_request_was_never_entered() -> None:
    """A form posted with only the nights typed, the traveller's name never entered (zenity's
    travel form, tried as a new user would): nothing is sent, twice, and the run says what is missing."""
    actor = RecordingActor()
    run, (events, questions) = agent(ScriptedPolicy(TYPE_AMOUNT, SUBMIT, SUBMIT, YES, Done("filed")), actor)
    result = run.run("file a claim of 42.50 for Li Na and submit it")
    assert actor.done == [TYPE_AMOUNT.action] and actor.saved == [] and questions == []
    assert (result.status, result.steps) == (Status.UNFINISHED, 3)
    assert "'Li Na' not entered yet" in result.message and "was not sent" in result.message
    checks = [e.text for e in events if e.stage == "check"]
    assert len(checks) == 2 and all("not sent: click 'Submit'" in c for c in checks)


def test_a_commit_held_back_twice_for_the_same_field_ends_unfinished_with_nothing_sent() -> None:
    actor = combo_form()
    run, (events, questions) = agent(ScriptedPolicy(TYPE_AMOUNT, SUBMIT, SUBMIT, YES, Done("filed")), actor)
    result = run.run(CHOOSE_REQUEST)
    assert (result.status, result.steps) == (Status.UNFINISHED, 3)
    assert HELD in result.message and result.message.startswith("not finished")
    assert HELD in result.unmet
    assert actor.done == [TYPE_AMOUNT.action] and actor.saved == [] and questions == []
    assert events[-1].stage == "finish" and events[-1].data["unmet"][0] == HELD


def test_a_typed_value_the_field_shows_with_its_caret_does_not_hold_back_the_commit() -> None:
    """The amount typed into an empty field reads back with the caret after it ("42.501"): the
    goal check's own caret rule, so it is no other value."""
    actor = combo_form("Dollar")
    original_observe = actor.observe

    def observe(window: object = None) -> Observation:
        obs = original_observe(window)
        spans = tuple(replace(s, text="42.50|") if s.text == "42.50" else s for s in obs.spans)
        return replace(obs, spans=spans)

    actor.observe = observe  # type: ignore[method-assign]
    run, _ = agent(ScriptedPolicy(TYPE_AMOUNT, SUBMIT, YES, Done("filed")), actor)
    run.run("enter 42.50 as the amount and submit it")
    assert actor.saved == [{"Currency": "Dollar", "Amount": "42.50"}]


def test_two_values_never_entered_are_one_hold_not_two() -> None:
    """Both names are the request's (no field paired): one commit held back is one try, and the
    policy decides again."""
    actor = RecordingActor()
    policy = ScriptedPolicy(TYPE_AMOUNT, SUBMIT, Impossible("cannot find where the names go"))
    result = agent(policy, actor)[0].run("file a claim of 42.50 for Li Na in Tartu and submit it")
    assert (result.status, result.steps) == (Status.IMPOSSIBLE, 3) and actor.saved == []


def test_the_buttons_a_request_names_to_press_are_not_values_to_enter() -> None:
    actor = RecordingActor()
    run, (events, _) = agent(ScriptedPolicy(TYPE_AMOUNT, SUBMIT, YES, Done("filed")), actor)
    run.run("enter 42.50 as the amount, press Submit and then Yes")
    assert actor.saved == [{"Amount": "42.50"}]
    assert not any(e.stage == "check" and "not sent" in e.text for e in events)


class ClosingDialog(RecordingActor):
    """A form dialog that files what it holds and closes once its button is pressed (zenity's OK):
    the window the run named is gone, and a look at it by its id says so."""

    def __init__(self) -> None:
        super().__init__(button="OK")
        self.closed = False
        self.desktop.windows.list = lambda: [] if self.closed else [FORM]

    def observe(self, window: object = None) -> Observation:
        if self.closed:
            if isinstance(window, Window):
                raise WindowClosed(window.title, "nothing sent since it was last seen")
            return Observation(BlankScreen().grab(Box(0, 0, 1, 1)), (), None, (), 0.0)
        return super().observe(window)

    def perform(self, action: Action, expect: str | None = None) -> Outcome:
        if isinstance(action, Click) and action.target.label == "OK":
            self.saved.append(dict(self.values))
            self.closed = True
            self.done.append(action)
            return Outcome(action, FORM.title, Effect.CHANGED)
        return super().perform(action, expect)


def test_a_named_window_closed_by_the_run_s_last_step_is_judged_not_an_error() -> None:
    """ "deskhand do --window 'Pick a project' ... and press OK": the OK files the choice and closes
    the window; the run looks again (nothing left) and the goal check judges it, instead of ending
    on "window closed while Deskhand was acting on it" (exit 4) with the task done."""
    policy = ScriptedPolicy(TYPE_AMOUNT, Act(Click(Target("OK"))), Done("filed"))
    actor = ClosingDialog()
    run, (events, _) = agent(policy, actor, window=FORM.title)
    result = run.run("type 42.50 into the amount and press OK")
    assert actor.saved == [{"Amount": "42.50"}]
    assert result.status is Status.DONE, result.message
    assert any("closed after the last step" in e.text for e in events)


def test_a_named_window_gone_before_any_step_is_still_an_error() -> None:
    actor = ClosingDialog()
    actor.closed = True
    actor.desktop.windows.list = lambda: [FORM]  # listed when the run chose it, gone when looked at
    run, _ = agent(ScriptedPolicy(Done("nothing")), actor, window=FORM.title)
    with pytest.raises(WindowClosed):
        run.run("press OK")


def test_a_not_possible_on_a_window_that_just_opened_is_decided_again_once_it_is_still() -> None:
    """Wine's Save As maps, then paints its parts up to half a second apart: the first look had no
    name box, the model said not possible, and the run ended with nothing saved (round 17). Once the
    window that opened is still, the screen is looked at and decided on again, once."""
    actor = RecordingActor()
    policy = ScriptedPolicy(SUBMIT, Impossible("no such thing here"), YES, Impossible("nothing more"))
    run, (events, _) = agent(policy, actor)
    result = run.run("submit it")
    assert actor.saved, [e.text for e in events]  # the confirmation's Yes was pressed after the second look
    assert actor.done == [SUBMIT.action, YES.action], result


def test_a_not_possible_with_no_window_opened_stands_at_once() -> None:
    actor = RecordingActor()
    run, _ = agent(ScriptedPolicy(TYPE_AMOUNT, Impossible("there is no Submit"), YES), actor)
    assert run.run("enter 42.50 as the amount and submit it").status is Status.IMPOSSIBLE
    assert actor.done == [TYPE_AMOUNT.action]
