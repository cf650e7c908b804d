"""`deskhand do` ends with exit 0 only when the form's own output holds the goal.

Each failure class of issue 14 on the Tk client and on a Qt voucher form laid out
otherwise (labels above fields, "Post" right of "Cancel", a message box; and its
Chinese variant), judged by the file each form writes when a record is posted. The
model is a script behind `--server` (tests/support/chooser.py): what it chooses is
not under test, what Deskhand reports about the screen is.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.services.paths import data_dir
from automation.backends.x11_windows import X11Windows
from automation.decisions import Act, Decision, Done, Situation
from automation.protocols import Policy
from automation.skills.model import Anchor, ClickStep, KeyStep, Skill, Step, WindowMatch
from automation.skills.store import SkillStore
from automation.types import Click, Target, TypeText, Window
from tests.support import zoo
from tests.support.apps import deskhand
from tests.support.chooser import Script, chooser, copy, first_with
from tests.support.goal_forms import ZOO_SEED, Form, qt, qt_chinese, run, steps, tk
from tests.support.zoo import ZooForm

pytestmark = pytest.mark.e2e


@pytest.fixture(params=[tk, qt, qt_chinese], ids=["tk", "qt", "qt-chinese"])
def form(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Form]:
    made = request.param(tmp_path)
    yield made
    made.app.stop()


def test_a_commit_no_button_was_pressed_for_is_not_finished(form: Form) -> None:
    """The model types the amount, finds nothing named for the commit, and says it is finished."""
    script = Script(first_with("say everything"), copy({"": "42.50"}))
    report = run(form.unnamed_commit, script)
    assert form.records() == [], steps(report)  # nothing was posted: exit 0 would be a false "finished"
    assert report["exit_code"] == 1 and report["finished"] is False, steps(report)
    assert report["unmet"], steps(report)


def test_a_filled_and_submitted_form_is_finished(tmp_path: Path) -> None:
    """The goal check lets a real success through: the Tk client, the first option every time."""
    form = tk(tmp_path)
    try:
        report = run("enter 42.50 as the amount and submit", Script(first_with(), copy({"": "42.50"})))
    finally:
        form.app.stop()
    assert (report["exit_code"], report["finished"], report["unmet"]) == (0, True, []), steps(report)
    assert [r["amount"] for r in form.records()] == ["42.50"]


def test_a_field_that_already_holds_the_value_is_finished_only_if_the_record_is_right(tmp_path: Path) -> None:
    """A field that already held the value: typing it again ("42.5042.50") must not end in exit 0;
    reading the field's value (the elements' pairing) and leaving it may."""
    form = tk(tmp_path)
    try:
        script = Script(first_with(), copy({"": "42.50"}))
        run("enter 42.50 as the amount", script)  # leaves 42.50 in the field
        report = run("enter 42.50 as the amount and submit", script)
    finally:
        form.app.stop()
    amounts = [r["amount"] for r in form.records()]
    assert len(amounts) == 1, steps(report)
    assert (report["exit_code"] == 0) == (amounts == ["42.50"]), f"{amounts}\n{steps(report)}"
    if amounts != ["42.50"]:
        assert any("Amount: '42.50' not shown" in u for u in report["unmet"]), steps(report)


def test_exit_0_only_when_the_record_holds_the_value(form: Form) -> None:
    """The model takes the first option every time; whatever the screen reading makes of this
    layout, success is reported only when the posted record holds 42.50 as the amount."""
    request = "enter 42.50 as the amount and submit" if form.amount == "Amount" else "在 金额 填入 42.50 然后 提交"
    report = run(request, Script(first_with(), copy({"": "42.50"})))
    posted = [r for r in form.records() if r.get("amount") == "42.50"]
    assert (report["exit_code"] == 0) == bool(posted), f"{form.records()}\n{steps(report)}"
    assert report["finished"] is (report["exit_code"] == 0)
    if report["exit_code"] != 0:
        assert report["unmet"] or report["status"] != "unfinished", steps(report)


def test_a_form_with_labels_above_its_fields_is_filled_and_posted(tmp_path: Path) -> None:
    """The voucher form's labels stand above its fields: the elements' pairing plans the field,
    the form's own button posts it, and its confirmation is answered."""
    form = qt(tmp_path)
    try:
        report = run("enter 42.50 as the amount and post it", Script(first_with(), copy({"": "42.50"})))
    finally:
        form.app.stop()
    assert [r.get("amount") for r in form.records()] == ["42.50"], steps(report)
    assert (report["exit_code"], report["finished"], report["unmet"]) == (0, True, []), steps(report)


def test_a_chinese_form_is_read_on_the_second_pass_filled_and_posted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Chinese voucher: the window's page reading drops its labels 收款人 and 金额 without a
    doubtful blob; their lines are read on their own, in chi_sim+eng, at twice their size, each
    character a word of its label; the amount is typed into 金额 and the voucher posted."""
    monkeypatch.setenv("DESKHAND_OCR_SECOND", "chi_sim+eng")
    form = qt_chinese(tmp_path)
    try:
        report = run("在 金额 填入 42.50 然后 提交", Script(first_with(), copy({"": "42.50"})))
    finally:
        form.app.stop()
    assert [r.get("amount") for r in form.records()] == ["42.50"], steps(report)
    assert (report["exit_code"], report["finished"]) == (0, True), steps(report)


# --- replay: the end must be the demonstration's -------------------------------------------------


def voucher_skill(window: Window, answered: bool) -> Skill:
    match = WindowMatch(window.app, window.title)
    post = ClickStep(Anchor(match, "Post", relative=(0.85, 0.8)), expect="Post this voucher?")
    steps: tuple[Step, ...] = (
        (post, KeyStep("Return", WindowMatch(window.app, "Confirm posting"))) if answered else (post,)
    )
    return Skill("post-voucher", "post the voucher", steps=steps)


@pytest.mark.parametrize("answered", [True, False], ids=["demonstration whole", "its last key lost"])
def test_a_replay_whose_last_dialog_stays_open_exits_1(tmp_path: Path, answered: bool) -> None:
    form = qt(tmp_path)
    try:
        with SkillStore(data_dir() / "skills.db") as skills:
            skills.save(voucher_skill(form.app.window, answered))
        result = deskhand("replay", "post-voucher", "--yes", "--json")
        still_open = [w.title for w in X11Windows().list() if w.title == "Confirm posting"]
    finally:
        form.app.stop()
    if answered:
        assert result.returncode == 0, result.stderr
        assert len(form.records()) == 1 and not still_open
    else:
        assert result.returncode == 1, result.stdout + result.stderr
        assert "'Confirm posting' is still open" in result.stderr
        assert form.records() == [] and still_open


# --- a generated form in GTK 3 (the zoo): required fields, its own words -------------------------


@pytest.fixture
def gtk_form(tmp_path: Path) -> Iterator[ZooForm]:
    form = zoo.launch("gtk", ZOO_SEED, tmp_path / "zoo-gtk")
    yield form
    form.stop()


def test_gtk_a_commit_no_button_was_pressed_for_is_not_finished(gtk_form: ZooForm) -> None:
    label = next(f.label for f in gtk_form.spec.fields if f.kind == "text" and f.position == "left")
    value = str(gtk_form.spec.answers[label])
    verb = "book" if gtk_form.spec.primary.casefold() != "book" else "send"  # a commit no button is named for
    report = run(f"enter {value} as the {label} and {verb} it", Script(first_with("say everything"), copy({"": value})))
    assert gtk_form.output() is None, steps(report)
    assert report["exit_code"] == 1 and report["unmet"], steps(report)


def test_gtk_a_form_refused_for_its_required_fields_is_not_finished(gtk_form: ZooForm) -> None:
    """The form's button is pressed and it answers "... is required" on its status line: no commit."""
    label = next(f.label for f in gtk_form.spec.fields if f.kind == "text" and f.position == "left")
    value = str(gtk_form.spec.answers[label])
    primary = gtk_form.spec.primary
    report = run(f"enter {value} as the {label} and click {primary}", Script(first_with(), copy({"": value})))
    assert gtk_form.output() is None, steps(report)  # the other required fields are empty: nothing stored
    assert report["exit_code"] != 0 and not report["finished"], steps(report)


LABELS_ABOVE_SEED = 114  # a zoo form whose required fields are all labelled above them
COMBO_LEFT_SEED = 101  # a zoo form whose combo is labelled left of it


def whole_request(spec: zoo.Spec) -> tuple[str, dict[str, str]]:
    """A request that fills every required field of ``spec`` and commits with its primary button."""
    values = {f.label: str(spec.answers[f.label]) for f in spec.fields if f.required}
    parts = [
        f"{'choose' if f.kind == 'combo' else 'enter'} {values[f.label]} as the {f.label}"
        for f in spec.fields
        if f.required
    ]
    return ", ".join(parts) + f" and {spec.primary.casefold()} it", values


def test_gtk_a_form_labelled_above_is_filled_and_committed(tmp_path: Path) -> None:
    form = zoo.launch("gtk", LABELS_ABOVE_SEED, tmp_path / "zoo-gtk")
    try:
        assert all(f.position == "above" for f in form.spec.fields if f.required)
        request, values = whole_request(form.spec)
        report = run(request, Script(first_with(), copy(values)), "--max-steps", "14")
        stored = form.output()
    finally:
        form.stop()
    assert stored is not None, steps(report)
    assert {k: str(stored.get(k)) for k in values} == values, steps(report)
    assert (report["exit_code"], report["finished"]) == (0, True), steps(report)


def test_gtk_a_form_labelled_above_missing_a_required_value_is_not_finished(tmp_path: Path) -> None:
    """The request leaves out one required field: the form refuses to store, and so must exit 0."""
    form = zoo.launch("gtk", LABELS_ABOVE_SEED, tmp_path / "zoo-gtk")
    try:
        left_out = next(f for f in form.spec.fields if f.required and f.kind == "combo")
        given = {f.label: str(form.spec.answers[f.label]) for f in form.spec.fields if f.required and f is not left_out}
        commit = form.spec.primary.casefold()
        request = ", ".join(f"enter {v} as the {k}" for k, v in given.items()) + f" and {commit} it"
        report = run(request, Script(first_with(), copy(given)), "--max-steps", "10")
        stored = form.output()
    finally:
        form.stop()
    assert stored is None, steps(report)
    assert report["exit_code"] != 0 and not report["finished"], steps(report)


def test_gtk_the_combo_s_first_item_drawn_over_the_combo_is_chosen(tmp_path: Path) -> None:
    """GTK opens a combo with no item chosen by drawing its first item right over the combo; that
    item was read as the combo's value and never offered (zenity's "Train"), so the run ended
    unfinished. Its label is left of it, where the form's column of labels gives the field a box
    the item then lies in. The form's own values are the judge."""
    form = zoo.launch("gtk", COMBO_LEFT_SEED, tmp_path / "zoo-gtk")
    try:
        combo = next(f for f in form.spec.fields if f.kind == "combo")
        assert combo.position == "left"
        assert form.values()[combo.label] == ""  # nothing chosen yet: GTK draws the first item over it
        first = combo.items[0]
        report = run(f"choose {first} as the {combo.label}", Script(first_with(), copy({})), "--max-steps", "4")
        held = form.values()[combo.label]
    finally:
        form.stop()
    assert held == first, steps(report)
    assert (report["exit_code"], report["finished"]) == (0, True), steps(report)


# --- dialogs: a warning naming a field, then the confirmation ------------------------------------


@pytest.mark.parametrize("answered", [True, False], ids=["the user answers", "no answer"])
def test_a_warning_naming_a_field_sends_the_agent_back_to_fill_it(tmp_path: Path, answered: bool) -> None:
    """Posting with the purpose empty shows "Purpose is required.": the agent closes it, asks for
    the purpose (the request gives none), types the answer and posts again; without an answer it stops."""
    form = qt(tmp_path, "--required", "purpose,amount")
    answer = ("--answer", "Taxi") if answered else ()
    try:
        script = Script(first_with(), copy({"Purpose": "Taxi", "": "42.50"}))
        report = run("enter 42.50 as the amount and post it", script, "--max-steps", "12", *answer)
    finally:
        form.app.stop()
    if answered:
        assert form.records() == [{"payee": "", "amount": "42.50", "purpose": "Taxi", "kind": ""}], steps(report)
        assert (report["exit_code"], report["finished"]) == (0, True), steps(report)
    else:
        assert form.records() == [], steps(report)
        assert report["exit_code"] != 0 and not report["finished"], steps(report)


class Steps:
    """A scripted policy: ``steps`` in order, and a step that did not work again (an item whose
    list had not mapped yet, a commit held back), so no step is lost to the screen's timing."""

    def __init__(self, *steps: Decision) -> None:
        self.steps = deque(steps)

    def decide(self, situation: Situation) -> Decision:
        last = situation.history[-1] if situation.history else None
        if last is not None and not last.ok and isinstance(last.decision, Act):
            return last.decision
        return self.steps.popleft() if self.steps else Done("filed")


def test_gtk_a_commit_with_a_combo_on_another_item_than_the_request_s_is_held_back(tmp_path: Path) -> None:
    """The CI case (seed 114: the combo box's list came late, the run went on and posted with the
    box on 'Euro'): a scripted policy chooses the list's first item instead of the request's,
    types the amount and presses the form's button, then its confirmation's. Neither is sent,
    nothing is stored, and the run ends 1 naming the field, what it shows and what the request
    gives. Real screen, OCR, input and form; only the choices are scripted."""
    from app.cli.do import EXIT_BY_STATUS
    from app.services.compose import build_session
    from automation.agent.loop import Agent

    form = zoo.launch("gtk", LABELS_ABOVE_SEED, tmp_path / "zoo-gtk")
    try:
        combo = next(f for f in form.spec.fields if f.required and f.kind == "combo")
        amount = next(f for f in form.spec.fields if f.required and f.kind != "combo")
        wanted, other = str(form.spec.answers[combo.label]), combo.items[0]
        assert wanted != other  # the seed's request chooses another item than the list's first
        request, values = whole_request(form.spec)
        policy = Steps(
            Act(Click(Target(combo.label, field=True))),
            Act(Click(Target(other))),
            Act(TypeText(values[amount.label], into=Target(amount.label, field=True))),
            Act(Click(Target(form.spec.primary))),
            Act(Click(Target(form.spec.confirm))),  # what a run whose button was pressed answers next
        )
        session = build_session(approver="--yes")
        agent = Agent(session.observer, session.actor, policy, confirm=lambda q, a: True)
        result = agent.run(request)
        stored = form.output()
        dialogs = [w.title for w in X11Windows().list() if w.title == form.spec.confirm_title]
    finally:
        form.stop()
    said = f"{result.status}: {result.message}\n" + "\n".join(f"{t.decision} -> {t.outcome}" for t in result.turns)
    assert stored is None, f"{stored}\n{said}"  # before the hold: {combo.label: other} was stored
    assert dialogs == [], said  # the button was never pressed: no confirmation came up
    assert EXIT_BY_STATUS[result.status] == 1 and not result.finished, said
    shown = f"{combo.label}: {wanted!r} not shown (it shows {other!r})"
    assert shown in result.message and shown in result.unmet, said


class SlipThenPolicy:
    """The run's slip scripted (``slip``), then the real policy deciding over a scripted model."""

    def __init__(self, slip: Steps, policy: Policy) -> None:
        self.slip, self.policy = slip, policy

    def decide(self, situation: Situation) -> Decision:
        return self.slip.decide(situation) if self.slip.steps else self.policy.decide(situation)


# A non-strict xfail until round 13 (2 of 3 clean-clone full runs failed: the click reopening the combo
# drew it focused and no list was seen). That is the combo's list closing at once, its release choosing
# the item under the pointer, as measured in the zoo's `act` flow under load: pyautogui moved the pointer
# between press and release (a click is one batch now, backends/xtest_input.py). Since: 7 of 7 runs alone
# beside two busy loops (load 8.1-10.0), as before the fix (14 of 14 alone): confirm in clean-clone runs.
def test_gtk_a_commit_held_back_for_a_combo_s_item_is_sent_once_the_policy_chose_again(tmp_path: Path) -> None:
    """The same slip, then the real policy (the first option every time): told the commit was held
    back for the field, it opens the list again, chooses the request's item and posts; the form
    stores the request's values and the run ends 0."""
    from app.services.compose import build_session
    from app.services.models import open_chosen_model
    from automation.agent.loop import Agent
    from models.policy.policy import ModelPolicy

    form = zoo.launch("gtk", LABELS_ABOVE_SEED, tmp_path / "zoo-gtk")
    try:
        combo = next(f for f in form.spec.fields if f.required and f.kind == "combo")
        amount = next(f for f in form.spec.fields if f.required and f.kind != "combo")
        request, values = whole_request(form.spec)
        slip = Steps(
            Act(Click(Target(combo.label, field=True))),
            Act(Click(Target(combo.items[0]))),
            Act(TypeText(values[amount.label], into=Target(amount.label, field=True))),
            Act(Click(Target(form.spec.primary))),
        )
        session = build_session(approver="--yes")
        with chooser(Script(first_with(), copy(values))) as url:
            policy = SlipThenPolicy(slip, ModelPolicy(open_chosen_model(None, url)))
            agent = Agent(session.observer, session.actor, policy, confirm=lambda q, a: True, max_steps=14)
            result = agent.run(request)
        stored = form.output()
    finally:
        form.stop()
    said = f"{result.status}: {result.message}\n" + "\n".join(f"{t.decision} -> {t.outcome}" for t in result.turns)
    held = [t for t in result.turns if not t.ok and "not sent" in t.outcome]
    assert len(held) == 1 and held[0].decision == Act(Click(Target(form.spec.primary))), said
    assert stored is not None and {k: str(stored.get(k)) for k in values} == values, f"{stored}\n{said}"
    assert result.finished, said
