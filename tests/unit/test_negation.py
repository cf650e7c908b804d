"""Requests that say what to leave alone ("leave the city empty and ...", "do not tick Urgent,
only ..."): the option builder offers no step on such a control, the goal check fails a run that
worked one, and the two read the request the same way (automation.value_words.told_to_leave).
Also the goal check's reading of a commit word that is no commit, and of a sign the field adds."""

from __future__ import annotations

import pytest

from automation.agent.goal import asks_commit, check, goal_of, names_in
from automation.decisions import Act, Situation, Turn
from automation.stated import stated_value
from automation.types import Click, Observation, Target, TypeText
from automation.value_words import told_to_leave
from models.policy.candidates import build
from models.policy.options import Option
from tests.support.live_form import form_observation
from tests.support.screens import observation

FINISHED = "say everything the request asks is already done"


def typed(text: str, into: str) -> Turn:
    return Turn(Act(TypeText(text, into=Target(into, field=True))), True, "typed")


def clicked(label: str) -> Turn:
    return Turn(Act(Click(Target(label))), True, "clicked")


def screen(fields: tuple[str, ...], check_box: str, filled: dict[str, str] | None = None) -> Observation:
    """Entries in a column (outlined while empty), a check box's label right of the column (no
    outline of its own), and a button."""
    values = filled or {}
    labels: list[tuple[str, int, int]] = []
    outlines: list[tuple[int, int, int, int]] = []
    for row, name in enumerate(fields):
        y = 130 + 30 * row
        labels.append((name, 100, y))
        if name in values:
            labels.append((values[name], 190, y))
        else:
            outlines.append((187, y - 4, 250, 20))
    labels += [(check_box, 230, 130 + 30 * len(fields)), ("Post", 183, 300)]
    outlines.append((150, 293, 116, 27))
    return observation(labels, outlines)


ENGLISH = ("Employee", "Amount", "Notes")
CHINESE = ("员工", "金额", "备注")


@pytest.mark.parametrize(
    ("request_", "label", "left"),
    [
        ("do not tick Urgent, only type 42.50 into the amount", "Urgent", True),
        ("don't tick Urgent and type 42.50 into the amount", "Urgent", True),
        ("never click Delete", "Delete", True),
        ("type 42.50 into the amount without ticking Urgent", "Urgent", True),
        ("skip the employee and type Lunch into the notes", "Employee", True),
        ("type 42.50 into the amount, not the notes", "Notes", True),
        ("type 42.50 into the amount, not the notes", "Amount", False),
        ("leave the employee empty and type Lunch into the notes", "Employee", True),
        ("leave the employee empty and type Lunch into the notes", "Notes", False),
        ("keep Urgent unticked and type 42.50 into the amount", "Urgent", True),
        ("leave the employee blank, then enter 42.50 as the amount", "Employee", True),
        # double negations ask for the act
        ("do not leave the employee empty", "Employee", False),
        ("don't forget to tick Urgent", "Urgent", False),
        ("never fail to tick Urgent", "Urgent", False),
        ("tick Urgent", "Urgent", False),
        ("type not applicable into the notes", "Notes", False),  # "not" as a value's word
        # Chinese: a negation before the name, or "留空" after it; "不能 留空" asks for a value
        ("不要 勾选 加急，只 在 金额 填入 42.50", "加急", True),
        ("不要 勾选 加急，只 在 金额 填入 42.50", "金额", False),
        ("别 填 员工，在 备注 填入 午餐", "员工", True),
        ("员工 留空，在 备注 填入 午餐", "员工", True),
        ("员工 不能 留空", "员工", False),
        ("不要忘记 勾选 加急", "加急", False),
    ],
)
def test_what_the_request_says_to_leave_alone(request_: str, label: str, left: bool) -> None:
    assert told_to_leave(request_, label) is left


NEGATIONS = [
    ("leave the employee empty and type Lunch into the notes", ENGLISH, "Urgent", "Employee", ("Notes", "Lunch")),
    ("skip the employee, only type Lunch into the notes", ENGLISH, "Urgent", "Employee", ("Notes", "Lunch")),
    ("do not tick Urgent, only type 42.50 into the amount", ENGLISH, "Urgent", "Urgent", ("Amount", "42.50")),
    ("keep Urgent unticked and enter 42.50 as the amount", ENGLISH, "Urgent", "Urgent", ("Amount", "42.50")),
    ("don't click Post, just type Lunch into the notes", ENGLISH, "Urgent", "Post", ("Notes", "Lunch")),
    ("不要 勾选 加急，只 在 金额 填入 42.50", CHINESE, "加急", "加急", ("金额", "42.50")),
    ("员工 留空，在 备注 填入 午餐", CHINESE, "加急", "员工", ("备注", "午餐")),
]


def first(options: tuple[Option, ...]) -> Option:
    return options[0]


@pytest.mark.parametrize(("request_", "fields", "box", "alone", "wanted"), NEGATIONS)
def test_no_option_works_a_control_the_request_says_to_leave_alone(
    request_: str, fields: tuple[str, ...], box: str, alone: str, wanted: tuple[str, str]
) -> None:
    """Round 9: the plan followed the order the request names things, so its first option typed into
    the field to leave empty (ticked the box not to tick), and qwen2.5-coder-0.5b took it on 12 of 12
    such tasks. Now the wanted step comes first and nothing on the control is offered."""
    field, value = wanted
    menu = build(Situation(request_, screen(fields, box)))
    assert not [o.text for o in menu.options if o.label == alone]
    assert first(menu.options).kind == "type" and first(menu.options).label == field
    if request_.isascii():  # the value the request ties to the field is settled (English grammar only)
        assert first(menu.options).value == value
    after = build(Situation(request_, screen(fields, box, {field: value}), history=(typed(value, field),)))
    assert first(after.options).text == FINISHED


def test_a_control_named_in_a_positive_clause_is_still_offered() -> None:
    """The rule reads the clause: the same form and "tick Urgent and type ..." plans the box first."""
    menu = build(Situation("tick Urgent and type 42.50 into the amount", screen(ENGLISH, "Urgent")))
    assert first(menu.options).label == "Urgent"


@pytest.mark.parametrize(("request_", "fields", "box", "alone", "wanted"), NEGATIONS)
def test_the_options_and_the_goal_check_agree(
    request_: str, fields: tuple[str, ...], box: str, alone: str, wanted: tuple[str, str]
) -> None:
    """Following the options (always the first) ends finished by the goal check; working the
    control the options leave out is what the goal check fails."""
    value = wanted[1]
    labels = list(fields)
    history: list[Turn] = []
    shown = [screen(fields, box)]
    for _ in range(4):
        option = first(build(Situation(request_, shown[-1], history=tuple(history))).options)
        if option.kind != "type":
            break
        assert option.label != alone
        history.append(typed(option.value or value, option.label))  # the model fills a Chinese one
        shown.append(screen(fields, box, {option.label: option.value or value}))
    assert option.text == FINISHED
    goal = goal_of(request_, history, [], [], labels)
    assert check(goal, shown, history, labels).finished, check(goal, shown, history, labels).unmet
    worked = [clicked(alone), *history]
    bad = goal_of(request_, worked, [], [], labels)
    assert bad.left_alone == (alone,)
    assert not check(bad, [shown[0], *shown], worked, labels).finished


def test_a_name_the_request_says_to_leave_alone_is_no_value_it_gives() -> None:
    """ "do not tick Urgent": "Urgent" is written with a capital, but it names the box, not a value
    the run must type somewhere."""
    request = "do not tick Urgent, only type 42.50 into the amount"
    assert "Urgent" in names_in(request, ["Amount"])
    goal = goal_of(request, [typed("42.50", "Amount")], [], [], ["Amount"])
    assert [w.value for w in goal.values] == ["42.50"]


def test_a_value_after_only_or_just_is_settled() -> None:
    assert stated_value("do not tick Urgent, only type 42.50 into the amount", "Amount") == "42.50"
    assert stated_value("don't click Post, just type Mia Costa into the employee", "Employee") == "Mia Costa"


@pytest.mark.parametrize(
    ("request_", "commit"),
    [
        ("tick Send copy", False),  # the commit word names the check box being ticked
        ("check Post later", False),
        ("勾选 发送副本", False),
        ("do not submit yet, only type 5 into the hours", False),
        ("type 5 into the hours without saving", False),
        ("不要 提交，只 在 工时 填入 5", False),
        ("tick Send copy and submit", True),
        ("don't forget to save", True),
        ("type 5 into the hours and send it", True),
    ],
)
def test_a_commit_word_the_request_negates_or_ticks_asks_no_commit(request_: str, commit: bool) -> None:
    """Round 9's gtk-4 "tick Send copy" ended "not submitted": the goal wanted a commit."""
    assert asks_commit(request_) is commit


def amount_form(read: str | None) -> Observation:
    return form_observation({"Amount": read} if read is not None else None, button="Post")


def test_a_sign_the_field_puts_before_a_typed_amount_is_its_own() -> None:
    """HomeBank shows an expense typed as 12.50 as "-12.50": the field's formatting, not another value."""
    history = [typed("12.50", "Amount")]
    goal = goal_of("type 12.50 into the amount", history, [], [], ["Amount"])
    assert check(goal, [amount_form(None), amount_form("-12.50")], history, ["Amount"]).finished
    # a sign is the field's only when the run typed that very amount: a field showing a negative
    # amount the run never typed there is no goal met
    other = [typed("12.50", "Employee")]
    goal = goal_of("type 12.50 into the amount", other, [], [], ["Amount", "Employee"])
    assert not check(goal, [amount_form(None), amount_form("-12.50")], other, ["Amount", "Employee"]).finished
    # nor is a different number with a sign
    assert not check(goal_of("type 12.50 into the amount", history, [], [], ["Amount"]),
                     [amount_form(None), amount_form("-12.5O7")], history, ["Amount"]).finished  # fmt: skip


def test_a_negation_the_screen_half_shows_is_still_about_the_screen() -> None:
    """swing-10 of the spent draw 31700: after typing the reference, the model said "not about this
    screen", offered because "tick" and "only" counted as words the screen does not explain (here the
    screen shows neither the check box nor the field's label, as an OCR pass may miss them)."""
    plain = observation([("Name", 100, 130)], [(187, 126, 250, 20)])
    menu = build(Situation("do not tick Recurring, only type Greta Berg into the reference", plain))
    assert menu.related >= 0.5
    assert "say the request is not about this screen" not in [o.text for o in menu.options]
