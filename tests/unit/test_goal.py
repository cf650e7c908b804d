"""The goal check, table-tested over hand-built observations: values read back in their
fields, the commit seen on screen, what is unmet named."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from PIL import Image

from automation.agent.goal import (
    EARLIER,
    Goal,
    Want,
    asks_commit,
    check,
    field_labels,
    goal_of,
    named_field,
    read_field,
    result_shown,
    same_value,
    shown_otherwise,
)
from automation.decisions import Act, Ask, Done, RunSkill, Turn
from automation.types import Box, Click, Element, Observation, Target, TextSpan, TypeText, Window
from tests.support.live_form import FORM, form_observation


def form(values: dict[str, str] | None = None, **kw: Any) -> Observation:
    return form_observation(values, button="Post", **kw)


def typed(text: str, into: str) -> Turn:
    return Turn(Act(TypeText(text, into=Target(into, field=True))), True, "typed")


def clicked(label: str) -> Turn:
    return Turn(Act(Click(Target(label))), True, "clicked")


LABELS = ["Employee", "Amount", "Attendees"]


@pytest.mark.parametrize(
    ("request_", "commit"),
    [
        ("enter 42.50 as the amount and submit", True),
        ("save it", True),
        ("post the claim", True),
        ("book a room for Friday", True),
        ("file this receipt", True),
        ("请提交这张报销单", True),
        ("保存", True),
        ("enter 42.50 as the amount", False),
        ("choose Lodging as the category", False),
        ("profile name is Ann", False),  # "file" only as a whole word
        ("open the File menu", False),  # the noun
        ("read me a book", False),
        ("file it under travel", True),
    ],
)
def test_commit_words(request_: str, commit: bool) -> None:
    assert asks_commit(request_) is commit


@pytest.mark.parametrize(
    ("request_", "value", "field"),
    [
        ("enter 42.50 as the amount", "42.50", "Amount"),
        ("amount 42.50, attendees Zhang San", "Zhang San", "Attendees"),
        ("put Zhang San in attendees and 42.50 as the amount", "42.50", "Amount"),
        ("put Zhang San in attendees and 42.50 as the amount", "Zhang San", "Attendees"),
        ("type 42.50", "42.50", None),
    ],
)
def test_a_value_is_paired_with_the_field_named_next_to_it(request_: str, value: str, field: str | None) -> None:
    assert named_field(request_, value, LABELS) == field


@pytest.mark.parametrize(
    ("read", "value", "same"),
    [("42.50", "42.50", True), ("42.5O", "42.50", True), ("42,50", "42.50", True), ("42.5", "42.50", False),
     ("42.50Zhang San", "42.50", False), ("zhang san", "Zhang San", True), ("", "42.50", False)],
)  # fmt: skip
def test_read_back_comparison(read: str, value: str, same: bool) -> None:
    assert same_value(read, value) is same


@pytest.mark.parametrize("above", [False, True])
def test_a_field_is_read_right_of_or_below_its_label(above: bool) -> None:
    obs = form({"Amount": "42.50"}, above=above)
    assert read_field(obs, "Amount") == "42.50"
    assert read_field(obs, "Employee") == ""
    assert read_field(obs, "Nowhere") is None
    assert set(field_labels(obs)) == set(LABELS)


def test_the_goal_takes_values_from_the_request_answers_and_documents() -> None:
    history = [Turn(Ask("Who attended?", "Attendees"), True, "answered"), typed("Zhang San", "Attendees")]
    goal = goal_of("enter 42.50 as the amount and submit", history, ["Zhang San"], [("amount", "42.50")], LABELS)
    assert goal == Goal((Want("42.50", "Amount"), Want("Zhang San", "Attendees")), commit=True)
    assert goal_of("tell me a joke", [], [], [], LABELS).empty


def test_an_answer_naming_where_a_value_goes_is_no_value_to_see() -> None:
    """ "Which field is 'Zhang San' for?" answered "Attendees": the field's name is not wanted on
    screen (the run was held back, "'Attendees' not entered yet"); the value typed there is."""
    where = Ask("Which field is 'Zhang San' for: Employee or Attendees?", "field for Zhang San", places="Zhang San")
    history = [Turn(where, True, "answered"), typed("Zhang San", "Attendees")]
    goal = goal_of("file a lunch with Zhang San", history, ["Attendees"], [], LABELS)
    assert [w.value for w in goal.values] == ["Zhang San"]


def test_values_a_skill_was_given_are_its_replay_s_to_check() -> None:
    history = [Turn(RunSkill("file_expense", {"amount": "42.50"}), True, "ran")]
    assert goal_of("file an expense of 42.50 and submit", history, [], [], LABELS) == Goal((), commit=False)


SUBMIT_GOAL = Goal((Want("42.50", "Amount"),), commit=True)


@pytest.mark.parametrize(
    ("case", "goal", "observations", "history", "unmet"),
    [
        (
            "typed, posted, dialog answered, status changed",
            SUBMIT_GOAL,
            [form(), form({"Amount": "42.50"}), form({"Amount": "42.50"}, dialog=True), form(status="Saved claim 1")],
            [typed("42.50", "Amount"), clicked("Post"), clicked("Yes")],
            (),
        ),
        (
            "typed into the wrong field",
            SUBMIT_GOAL,
            [form(), form({"Employee": "42.50"}), form({"Employee": "42.50"}, dialog=True), form(status="Saved 1")],
            [typed("42.50", "Employee"), clicked("Post"), clicked("Yes")],
            ("Amount: '42.50' not shown (it is empty)",),
        ),
        (
            "two values in one field",
            Goal((Want("42.50", "Amount"), Want("Zhang San", "Attendees"))),
            [form(), form({"Amount": "42.50"}), form({"Amount": "42.50Zhang San"})],
            [typed("42.50", "Amount"), typed("Zhang San", "Amount")],
            ("Amount: '42.50' not shown (it shows '42.50Zhang San')", "Attendees: 'Zhang San' not shown (it is empty)"),
        ),
        (
            "never posted",
            SUBMIT_GOAL,
            [form(), form({"Amount": "42.50"})],
            [typed("42.50", "Amount")],
            ("not submitted",),
        ),
        (
            "posted, but the confirmation is still open",
            SUBMIT_GOAL,
            [form(), form({"Amount": "42.50"}), form({"Amount": "42.50"}, dialog=True)],
            [typed("42.50", "Amount"), clicked("Post")],
            ("the dialog 'Confirm' is still open",),
        ),
        (
            "a click that changed nothing is no commit",
            SUBMIT_GOAL,
            [form(), form({"Amount": "42.50"}), form({"Amount": "42.50"})],
            [typed("42.50", "Amount"), clicked("Employee")],
            ("not submitted",),
        ),
        (
            "filed, then a value typed into the emptied form",
            Goal((Want("42.50", "Amount"), Want("Zhang San", "Attendees")), commit=True),
            [
                form(),
                form({"Amount": "42.50"}),
                form({"Amount": "42.50"}, dialog=True),
                form(status="Saved claim 1"),
                form({"Attendees": "Zhang San"}, status="Saved claim 1"),
            ],
            [typed("42.50", "Amount"), clicked("Post"), clicked("Yes"), typed("Zhang San", "Attendees")],
            ("Amount: '42.50' not shown (it is empty)", EARLIER),
        ),
        (
            "a status line naming no field is a commit",
            SUBMIT_GOAL,
            [form(), form({"Amount": "42.50"}), form({"Amount": "42.50"}, status="Saved claim 1")],
            [typed("42.50", "Amount"), clicked("Post")],
            (),
        ),
        (
            "a complaint about a field is no commit",
            SUBMIT_GOAL,
            [form(), form({"Amount": "42.50"}), form({"Amount": "42.50"}, status="Employee is required")],
            [typed("42.50", "Amount"), clicked("Post")],
            ("not submitted (the form says 'employee is required')",),
        ),
        (
            "the window closed: committed",
            SUBMIT_GOAL,
            [
                form(),
                form({"Amount": "42.50"}),
                Observation(Image.new("RGB", (1, 1)), (), None, (), 0.0),
            ],
            [typed("42.50", "Amount"), clicked("Post")],
            (),
        ),
        (
            "labels above their fields, in Chinese",
            Goal((Want("42.50", "金额"),), commit=True),
            [
                form(labels=("金额", "备注"), above=True),
                form({"金额": "42.50"}, labels=("金额", "备注"), above=True),
                form(labels=("金额", "备注"), above=True, status="已保存"),
            ],
            [typed("42.50", "金额"), clicked("提交")],
            (),
        ),
        (
            "posted, but a question drawn in the window (a web page's modal) is not answered",
            SUBMIT_GOAL,
            [form(), form({"Amount": "42.50"}), form({"Amount": "42.50"}, status="Post this claim?")],
            [typed("42.50", "Amount"), clicked("Post")],
            ("the question 'post this claim?' is not answered",),
        ),
        (
            "the window's question answered, then the status changed",
            SUBMIT_GOAL,
            [
                form(),
                form({"Amount": "42.50"}),
                form({"Amount": "42.50"}, status="Post this claim?"),
                form(status="Saved claim 1"),
            ],
            [typed("42.50", "Amount"), clicked("Post"), clicked("OK")],
            (),
        ),
        (
            "the caret after a value typed into an empty field is read as a letter",
            Goal((Want("Mia Costa", "Employee"),)),
            [form(), form({"Employee": "Mia Costal"})],
            [typed("Mia Costa", "Employee")],
            (),
        ),
        (
            "the field's right edge read after a number typed into an empty field (chi_sim+eng)",
            Goal((Want("698.52", "Amount"),)),
            [form(), form({"Amount": "698.52)"})],
            [typed("698.52", "Amount")],
            (),
        ),
        (
            "Athena's caret, a '^' under the line after the last letter, read as a full stop (xfig)",
            Goal((Want("chart5.eps", "Employee"),)),
            [form(), form({"Employee": "chart5.eps."})],
            [typed("chart5.eps", "Employee")],
            (),
        ),
        (
            "a letter after a value the field already held before the typing is no caret",
            Goal((Want("Mia Costa", "Employee"),)),
            [form({"Employee": "l"}), form({"Employee": "Mia Costal"})],
            [typed("Mia Costa", "Employee")],
            ("Employee: 'Mia Costa' not shown (it shows 'Mia Costal')",),
        ),
        ("nothing asked, nothing done", Goal(), [form()], [], ()),
    ],
)
def test_the_verdict(case: str, goal: Goal, observations: list, history: list, unmet: tuple) -> None:
    verdict = check(goal, observations, history, [*LABELS, "金额", "备注"])
    assert verdict.unmet == unmet, case
    assert verdict.finished is (not unmet)


def test_a_rejected_finish_in_the_history_does_not_count_as_a_step() -> None:
    # the loop leaves Done turns out; a value typed then read back still counts
    observations = [form(), form({"Amount": "42.50"})]
    verdict = check(Goal((Want("42.50", "Amount"),)), observations, [typed("42.50", "Amount")], LABELS)
    assert verdict.finished
    assert not check(Goal((Want("42.50", "Amount"),)), [form()], [Turn(Done("x"), False, "")][:0], LABELS).finished


def test_a_number_typed_from_a_documents_other_digits_is_a_guess() -> None:
    """A receipt whose total was not read: the card's last digits typed as the amount read back
    fine, yet nothing gave them; a fact the document's reader gave, or the user's number, is no guess."""
    receipt = "Parkside\nTotal\nCard ****- 1508"
    history = [typed("1508", "Amount")]
    goal = goal_of("type the receipt's total into the amount", history, [], [("date", "2024-12-16")], LABELS, [receipt])
    assert goal.unsourced == (Want("1508", "Amount"),)
    verdict = check(goal, [form(), form({"Amount": "1508"})], history, LABELS)
    assert verdict.unmet == ("Amount: '1508' was typed, but neither the request, an answer nor a document gives it",)
    read = goal_of("type the receipt's total into the amount", history, [], [("amount", "1508")], LABELS, [receipt])
    assert read.unsourced == () and check(read, [form(), form({"Amount": "1508"})], history, LABELS).finished


@pytest.mark.parametrize(
    ("request_", "answers", "documents", "typed_text", "guess"),
    [
        ("enter 42,5 as the amount", [], [], "42.5", False),  # the decimal comma made a point
        ("enter $1,200.00 as the amount", [], [], "1200.00", False),
        ("fill in the amount", ["42.50"], [], "42.50", False),  # the user's answer
        ("fill in the amount", [], [], "42.50", True),
        ("enter Zhang San as the attendees", [], [], "zhang san", False),
        ("copy the vendor from the receipt", [], ["Noodle House\nTotal 9.00"], "Noodle House", False),
        ("copy the vendor from the receipt", [], ["Noodle House\nTotal 9.00"], "9.00", True),  # digits of the text
    ],
)
def test_what_counts_as_given(request_: str, answers: list, documents: list, typed_text: str, guess: bool) -> None:
    goal = goal_of(request_, [typed(typed_text, "Amount")], answers, [], LABELS, documents)
    assert bool(goal.unsourced) is guess


def test_a_dialog_larger_than_its_own_window_is_still_its_dialog() -> None:
    """A file dialog often covers the small window that opened it: the same application's window
    over it counts, another application's larger window does not."""
    from automation.agent.goal import dialogs_opened
    from automation.types import Box, Window

    small = Window(1, "Notes", "notes", Box(60, 60, 420, 160), pid=7)
    chooser = Window(2, "Save note", "notes", Box(0, 20, 1000, 700), pid=7)
    other = Window(3, "Browser", "web", Box(0, 20, 1000, 700), pid=8)
    assert dialogs_opened([small], [chooser, small]) == [chooser]
    assert dialogs_opened([small], [other, small]) == []


@pytest.mark.parametrize(
    ("request_", "names"),
    [
        ("enter Tartu as the city and Graz as the street", ["Tartu", "Graz"]),
        ("Enter Mia Costa as the employee", ["Mia Costa"]),  # a sentence's first word is no name
        ("在 项目 填入 Graz，在 单价 填入 698.52", ["Graz"]),
        ("tick Attendees", []),  # a word of a field's label
        ("fill in the unit price", []),
    ],
)
def test_names_the_request_gives(request_: str, names: list[str]) -> None:
    from automation.agent.goal import names_in

    assert names_in(request_, [*LABELS, "项目", "单价"]) == names


def test_a_name_the_request_gives_for_a_field_nobody_typed_is_unmet() -> None:
    """Two values asked, one typed: the other is not on screen, so the run is not finished."""
    request = "enter 42.50 as the amount and Zhang San as the attendees"
    history = [typed("42.50", "Amount")]
    goal = goal_of(request, history, [], [], LABELS)
    assert Want("Zhang San", "Attendees", within=True) in goal.values
    verdict = check(goal, [form(), form({"Amount": "42.50"})], history, LABELS)
    assert verdict.unmet == ("Attendees: 'Zhang San' not shown (it is empty)",)
    both = [*history, typed("Zhang San", "Attendees")]
    done = [form(), form({"Amount": "42.50"}), form({"Amount": "42.50", "Attendees": "Zhang San"})]
    assert check(goal_of(request, both, [], [], LABELS), done, both, LABELS).finished


def test_a_name_chosen_from_a_list_is_left_to_the_list() -> None:
    history = [Turn(Act(Click(Target("Region", field=True))), True, "opened"), clicked("North")]
    assert goal_of("choose North as the employee", history, [], [], LABELS).values == ()


def test_a_field_is_read_in_the_entry_the_elements_pair_with_its_label() -> None:
    """A focused entry's ring hides its outline: the outline right of the label is the button
    beyond it, and the elements' entry is the field."""
    from dataclasses import replace

    from automation.types import Box, Element, TextSpan

    base = form()
    label = next(s for s in base.spans if s.text == "Amount")
    entry = Box(label.box.right + 10, label.box.y - 5, 300, 24)
    path = TextSpan("/tmp/out/copy.txt", Box(entry.x + 4, label.box.y, 120, 14), 90, label.window)
    button = Box(entry.right + 10, entry.y, 60, 24)  # the only outline on the row
    obs = replace(
        base,
        spans=(*base.spans, path),
        outlines=(*(o for o in base.outlines if not o.y <= label.box.center[1] < o.bottom), button),
        elements=(Element("text", entry, "Amount", "", label.box),),
    )
    assert read_field(obs, "Amount") == "/tmp/out/copy.txt"


@pytest.mark.parametrize(
    ("request_", "label", "left"),
    [
        ("do not tick Recurring, only type Tartu into the city", "Recurring", True),
        ("do not tick Recurring, only type Tartu into the city", "City", False),
        ("leave the city empty and type Oslo into the street", "City", True),
        ("leave the city empty and type Oslo into the street", "Street", False),
        ("never click Delete", "Delete", True),
        ("tick Recurring", "Recurring", False),
        ("type not applicable into the notes", "Notes", False),  # "not" as a value's word
    ],
)
def test_a_control_the_request_says_to_leave_alone(request_: str, label: str, left: bool) -> None:
    from automation.value_words import told_to_leave

    assert told_to_leave(request_, label) is left


def test_working_a_control_the_request_says_to_leave_alone_is_never_finished() -> None:
    """ "always the first option" ticked the box it was told not to tick, typed the value and was
    "finished" by the screen (the task evaluation's first false "finished" of round 9's draft)."""
    request = "do not tick Attendees, only type 42.50 into the amount"
    history = [clicked("Attendees"), typed("42.50", "Amount")]
    goal = goal_of(request, history, [], [], LABELS)
    assert goal.left_alone == ("Attendees",)
    shown = [form(), form(), form({"Amount": "42.50"})]
    assert check(goal, shown, history, LABELS).unmet == (
        "Attendees: the request says to leave it alone, and it was worked",
    )
    honest = [typed("42.50", "Amount")]
    assert check(goal_of(request, honest, [], [], LABELS), shown[1:], honest, LABELS).finished


def test_an_open_drop_down_s_items_are_neither_field_labels_nor_the_field_s_value() -> None:
    """Tk's open combo list: its items stand in a column with outlines beside them, like a form's
    labels; taken for field labels they dropped "Support" out of "choose Support as the department"
    and a run that only opened the list was "finished"."""
    from dataclasses import replace

    from automation.types import Box, TextSpan, Window

    base = form(labels=("Department", "Amount"))
    window = base.windows[0]
    popup = Window(99, window.title, window.app, Box(120, 40, 200, 80), kind="combo")
    items = [TextSpan(t, Box(124, 44 + 20 * i, 60, 14), 95, window.title) for i, t in enumerate(("Sales", "Support"))]
    outlines = (*base.outlines, Box(190, 40, 120, 18), Box(190, 60, 120, 18))
    opened = replace(base, windows=(replace(window, popups=(popup,)),), spans=(*base.spans, *items), outlines=outlines)
    assert "Support" not in field_labels(opened) and "Department" in field_labels(opened)
    assert read_field(opened, "Department") == ""
    goal = goal_of("choose Support as the department", [clicked("Department")], [], [], field_labels(opened))
    assert [(w.value, w.field) for w in goal.values] == [("Support", "Department")]
    assert not check(goal, [base, opened], [clicked("Department")], field_labels(opened)).finished


def test_a_value_with_no_field_known_is_not_shown_by_an_open_list_s_item() -> None:
    """With no field label to read it in, a name counts wherever the screen shows it, but not as
    an item of a list or menu open over the window: that is offered, not held."""
    from dataclasses import replace

    from automation.types import Box, TextSpan, Window

    base = form(labels=("Amount",))
    window = base.windows[0]
    popup = Window(99, window.title, window.app, Box(120, 40, 200, 40), kind="combo")
    item = TextSpan("Support", Box(124, 44, 60, 14), 95, window.title)
    opened = replace(base, windows=(replace(window, popups=(popup,)),), spans=(*base.spans, item))
    goal = Goal((Want("Support", None, within=True),))
    assert not check(goal, [opened], [], []).finished
    closed = replace(base, spans=(*base.spans, item))  # the same text, with no list open: shown
    assert check(goal, [closed], [], []).finished


def test_a_number_typed_into_a_field_the_request_does_not_name_is_read_there() -> None:
    """ "add an entry of 12.50 with the memo Lunch": the memo named next to 12.50 holds "Lunch";
    12.50 was typed into the amount, and is read back there (it was read in the memo: a false
    "not finished" on HomeBank)."""
    history = [typed("12.50", "Amount"), typed("Lunch", "Memo")]
    goal = goal_of("add an entry of 12.50 with the memo Lunch", history, [], [], ["Amount", "Memo"])
    assert ("12.50", "Amount") in [(w.value, w.field) for w in goal.values]
    alone = goal_of("add an entry of 12.50 with the memo", [typed("12.50", "Amount")], [], [], ["Amount", "Memo"])
    assert [(w.value, w.field) for w in alone.values] == [("12.50", "Memo")]  # nothing else typed there: as named


def test_a_button_s_glyphs_drawn_after_a_field_s_text_are_not_its_value() -> None:
    """HomeBank's amount entry holds its sign toggle: read "23.40 — +", the value is 23.40; a
    letter or digit after it is still a different value."""
    from dataclasses import replace

    from automation.types import Box, TextSpan

    base = form({"Amount": "23.40"})
    amount = next(s for s in base.spans if s.text == "23.40")
    marks = TextSpan("— +", Box(amount.box.right + 30, amount.box.y, 20, 14), 80, amount.window)
    shown = replace(base, spans=(*base.spans, marks))
    goal = Goal((Want("23.40", "Amount"),))
    assert check(goal, [shown], [], LABELS).finished
    wrong = replace(base, spans=(*base.spans, replace(marks, text="— 7")))
    assert not check(goal, [wrong], [], LABELS).finished


def test_a_name_the_request_chooses_is_in_the_goal_even_with_no_field_read_and_nothing_typed() -> None:
    """Round 9's held-out draw: Win32's "Priority" was not read as a field label, the run clicked
    the label (nothing changed) and said done; the goal was empty and passed (a false "finished")."""
    history = [clicked("Priority")]
    goal = goal_of("choose Normal as the priority", history, [], [], LABELS)
    assert [w.value for w in goal.values] == ["Normal"]
    assert not check(goal, [form(), form()], history, LABELS).finished
    assert goal_of("tell me about Oslo", [], [], [], LABELS).values == ()  # a mention stays a mention


def test_only_the_name_in_the_choosing_clause_is_chosen() -> None:
    """ "choose Lodging as the category and export it as JSON": JSON is a menu item's word, not a
    value to read back (tests/e2e/test_do.py's export failed on it)."""
    history = [clicked("Category"), clicked("Lodging"), clicked("File"), clicked("Export"), clicked("As JSON")]
    goal = goal_of("choose Lodging as the category and export it as JSON", history, [], [], LABELS)
    assert "JSON" not in [w.value for w in goal.values]


# --- before a commit: a field showing another value -------------------------------------------


@pytest.mark.parametrize(
    ("shown", "want", "conflict"),
    [
        ("42.00", Want("42.50", "Amount"), "Amount: '42.50' not shown (it shows '42.00')"),
        ("Euro", Want("Dollar", "Employee", within=True), "Employee: 'Dollar' not shown (it shows 'Euro')"),
        ("42.50", Want("42.50", "Amount"), None),
        ("42.5O", Want("42.50", "Amount"), None),  # OCR's look-alikes, as the goal check folds them
        ("Dollar (USD)", Want("Dollar", "Employee", within=True), None),  # a name held among the field's words
        ("", Want("42.50", "Amount"), None),  # read empty: no definite other value
        ("— +", Want("42.50", "Amount"), None),  # glyphs alone
        ("42.00", Want("42.50", "Total"), None),  # its label is not on screen: not read
        ("42.00", Want("42.50"), None),  # paired with no field
    ],
)
def test_a_field_showing_another_value_than_the_goal_s(shown: str, want: Want, conflict: str | None) -> None:
    field = want.field if want.field in LABELS else "Amount"
    obs = form({field: shown})
    found = shown_otherwise(Goal((want,), commit=True), [obs], [], LABELS)
    assert [str(c) for c in found] == ([conflict] if conflict else [])
    if conflict:
        assert check(Goal((want,)), [obs], [], LABELS).unmet == (conflict,)  # the goal check's own words


def test_a_field_behind_a_dialog_is_not_read_for_a_conflict() -> None:
    """The confirmation in front may hide part of the field: what shows of it is no definite value."""
    goal = Goal((Want("42.50", "Amount"),), commit=True)
    assert [c.shown for c in shown_otherwise(goal, [form({"Amount": "42"})], [], LABELS)] == ["42"]
    assert shown_otherwise(goal, [form({"Amount": "42"}, dialog=True)], [], LABELS) == ()


def test_the_value_typed_into_an_empty_field_is_no_conflict_with_its_caret_after_it() -> None:
    before, after = form(), form({"Amount": "42.50|"})
    goal = Goal((Want("42.50", "Amount"),), commit=True)
    assert shown_otherwise(goal, [before, after], [typed("42.50", "Amount")], LABELS) == ()
    assert [c.shown for c in shown_otherwise(goal, [after], [], LABELS)] == [
        "42.50|"
    ]  # not typed by the run: read as is


def test_a_menu_title_over_its_open_menu_is_no_field_label() -> None:
    """HomeBank: with the Transactions menu open, "Transactions" had an outline (the menu) right
    below it and was taken for a field's label; "a transaction of 8.40" then wanted 8.40 there."""
    from dataclasses import replace

    from automation.types import Box, TextSpan

    base = form(labels=("Amount",))
    window = base.windows[0]
    title = TextSpan("Transactions", Box(360, 200, 81, 11), 95, window.title)
    menu = replace(window, id=98, box=Box(355, 213, 120, 60), kind="dropdown_menu", popups=())
    opened = replace(
        base,
        windows=(replace(window, popups=(menu,)),),
        spans=(*base.spans, title),
        outlines=(*base.outlines, menu.box),
    )
    assert "Transactions" not in field_labels(opened) and "Amount" in field_labels(opened)
    closed = replace(base, spans=(*base.spans, title), outlines=(*base.outlines, menu.box))
    assert "Transactions" in field_labels(closed)  # an outline below that is no pop-up: a field's


def test_a_control_the_request_says_to_press_is_met_by_pressing_it_not_by_showing() -> None:
    """ "choose the Cascade project and press OK": zenity's list run clicked the row and finished
    with the OK never pressed (its text on screen met the name), exit 0 and nothing returned; and
    once the OK had closed the dialog, "'OK' not shown" failed a run that did it all."""
    from automation.types import Key

    request = "choose the Cascade project and press OK"
    row = clicked("Cascade")
    goal = goal_of(request, [row], [], [], [])
    assert goal.pressed == ("OK",) and "OK" not in [w.value for w in goal.values]
    on_screen = form_observation(labels=("Amount",), button="OK")
    assert "'OK' was not pressed" in check(goal, [on_screen, on_screen], [row], []).unmet
    pressed = [row, clicked("OK")]
    gone = Observation(Image.new("RGB", (1, 1)), (), None, (), 0.0)  # the dialog closed with its OK
    assert check(goal_of(request, pressed, [], [], []), [on_screen, on_screen, gone], pressed, []).finished
    keyed = [Turn(Act(Key("Return")), True, "pressed")]
    assert check(goal_of("press Enter", keyed, [], [], []), [on_screen, on_screen], keyed, []).finished
    assert not check(goal_of("press Enter", [], [], [], []), [on_screen], [], []).finished


def test_a_name_the_request_says_something_becomes_is_wanted_once_the_run_acted() -> None:
    """ "rename it to Quarterly Report and press OK": zenity's prompt had its OK pressed over the
    old name "Draft", and the run was "finished" (exit 0): the name was no value, nothing being typed."""
    request = "rename it to Quarterly Report and press OK"
    ok = [clicked("OK")]
    goal = goal_of(request, ok, [], [], [])
    assert [w.value for w in goal.values] == ["Quarterly Report"]
    prompt = form_observation({"New name:": "Draft"}, labels=("New name:",), button="OK")
    assert "'Quarterly Report' not shown" in " ".join(check(goal, [prompt, prompt], ok, []).unmet)
    assert goal_of(request, [], [], [], []).values == ()  # nothing done: a reply stays a reply


@pytest.mark.parametrize(
    "request_",
    ["file a trip for Li Na", "book the lunch with Zhang San", "record a delivery from Acme Tools and submit it"],
)
def test_a_party_the_request_names_is_wanted_once_the_run_acted_typed_or_not(request_: str) -> None:
    """A form's OK pressed with the traveller's name typed nowhere was "finished": "for Li Na" names
    no field, and a name counted only once something was typed."""
    trip = ("Traveller", "Destination", "Purpose")
    name = request_.split(" ", 4)[-1].removesuffix(" and submit it")
    ok = [clicked("OK")]
    goal = goal_of(request_, ok, [], [], list(trip))
    assert Want(name, None, within=True) in goal.values
    form_ = form_observation(labels=trip, button="OK")
    gone = Observation(Image.new("RGB", (1, 1)), (), None, (), 0.0)  # the form closed on its OK
    assert f"{name!r} not shown" in check(goal, [form_, gone], ok, list(trip)).unmet
    filled = [typed(name, "Traveller"), clicked("OK")]
    shown = form_observation({"Traveller": name}, labels=trip, button="OK")
    assert check(goal_of(request_, filled, [], [], list(trip)), [form_, shown, gone], filled, list(trip)).finished
    assert goal_of(request_, [], [], [], list(trip)).values == ()  # nothing done: nothing wanted yet


def keypad_showing(display: str) -> Observation:
    """A calculator: its keys, and its display reading ``display`` (a read-out)."""
    keys = tuple(
        TextSpan(k, Box(100 + 40 * (i % 4), 200 + 30 * (i // 4), 8, 14), 95, FORM.title)
        for i, k in enumerate("789/456*123-0.=+")
    )
    shown = TextSpan(display, Box(300, 160, 8 * len(display), 20), 95, FORM.title)
    readout = Element("readout", shown.box, text=display)
    return Observation(Image.new("RGB", (1, 1)), (FORM,), FORM, (shown, *keys), 0.0, elements=(readout,))


def test_a_calculation_is_done_when_the_display_shows_its_result_not_when_its_keys_were_pressed() -> None:
    """galculator, "compute 12 times 7 plus 3": "1", "2", "*", "7", "+", "3" pressed, no "=", the
    display showed "3", and the run was "finished" (exit 0): 12, 7 and 3 had each been shown."""
    request = "compute 12 times 7 plus 3"
    keys = [clicked(k) for k in ["1", "2", "*", "7", "+", "3"]]
    goal = goal_of(request, keys, [], [], [])
    assert goal.result == (Decimal(87),)
    seen = [keypad_showing(shown) for shown in ["0", "1", "12", "12", "7", "7", "3"]]
    assert check(goal, seen, keys, []).unmet == ("the result 87 is not shown (the display shows '3')",)
    pressed = [*keys, clicked("=")]
    assert check(goal_of(request, pressed, [], [], []), [*seen, keypad_showing("87")], pressed, []).finished
    # "finished" with nothing pressed is not done either: the display is the judge on a keypad
    assert result_shown(goal_of(request, pressed, [], [], []), [*seen, keypad_showing("87")]) == "87"
    assert result_shown(goal, seen) is None  # "3" is no result of it
    nothing = check(goal_of(request, [], [], [], []), seen[:1], [], [])
    assert "the result 87 is not shown (the display shows '0')" in nothing.unmet
    # no keypad on screen (a form's "12 plus 3" is no calculator's): nothing to read the result on
    form_ = [form(), form({"Amount": "15"})]
    typed_ = [typed("15", "Amount")]
    assert not any(
        "result" in u for u in check(goal_of("enter 12 plus 3", typed_, [], [], LABELS), form_, typed_, LABELS).unmet
    )


@pytest.mark.parametrize(
    ("request_", "keys", "display", "operation"),
    [
        ("compute 200 plus 10 percent", "200+10=", "210", "percent"),
        ("compute 12 times 7 then square it", "12*7=", "84", "square"),
        ("compute 15 percent of 80", "15*80=", "1200", "percent"),
    ],
)
def test_a_calculation_asking_what_deskhand_does_not_work_out_is_never_finished(
    request_: str, keys: str, display: str, operation: str
) -> None:
    """galculator, "compute 200 plus 10 percent": 200 + 10 = pressed, the display showed 210, the
    result of "200 plus 10", and the run was "finished" (exit 0); the percent was never taken."""
    history = [clicked(k) for k in keys]
    goal = goal_of(request_, history, [], [], [])
    seen = [keypad_showing("0"), keypad_showing(display)]
    reading = check(goal, seen, history, [])
    assert not reading.finished
    why = f"the request asks {operation!r}, which Deskhand cannot work out, so the display's {display!r}"
    assert reading.unmet == (f"{why} cannot be checked",)
    assert result_shown(goal, seen) is None
    # off a keypad, the request's words are no calculation of Deskhand's to check
    assert not any("cannot work out" in u for u in check(goal, [form(), form()], history, LABELS).unmet)


@pytest.mark.parametrize(
    ("message", "finished"),
    [
        ("[Error] Too many ticks, autoticking", False),
        ("Saved", True),
        ("Check completed: no errors", True),  # said to clear, an alarm word is none
        ("Posted without error", True),
        ("0 failures, 3 posted", True),
        ("没有错误", True),
        ("No error here, but the file cannot be read", False),  # one word cleared, another not
        ("金额无效", False),
    ],
)
def test_a_window_opened_by_the_last_step_saying_something_went_wrong_is_not_finished(
    message: str, finished: bool
) -> None:
    """Grace: "set the start to 5 and the stop to 50 and press Accept" closed the Axes dialog, and a
    console opened over the plot, "[Error] Too many ticks ( > MAX_TICKS ), autoticking"; the run
    ended "finished", the message unmentioned."""
    request = "enter 42.50 as the amount and press Post"
    history = [typed("42.50", "Amount"), clicked("Post")]
    filled = form({"Amount": "42.50"})
    console = Window(7, "Console", "Tk", Box(600, 100, 300, 120))  # beside the form: no dialog of it
    said = TextSpan(message, Box(610, 140, 200, 14), 95, console.title)
    posted = form({"Amount": "42.50"}, status="Posted")
    after = replace(posted, windows=(console, *posted.windows), spans=(*posted.spans, said))
    reading = check(goal_of(request, history, [], [], LABELS), [form(), filled, after], history, LABELS)
    assert reading.finished is finished
    if not finished:
        assert f"'Console' says {message!r}" in reading.unmet


def test_a_name_that_starts_a_longer_name_is_not_where_the_request_gives_it() -> None:
    """osmo's Add contact: "Zhang" was looked for at the start of "Zhang San" and paired with the first
    name; and with "Zhang" read as a label (a list's cell behind the dialog), "San" became a value of
    its own. The contact was saved right, and the run ended exit 1."""
    request = "enter Zhang San as the first name, Zhang as the last name and press OK"
    labels = ["First name:", "Last name:", "Zhang"]
    assert named_field(request, "Zhang", labels) == "Last name:"
    assert named_field(request, "Zhang San", labels) == "First name:"
    history = [typed("Zhang San", "First name:"), typed("Zhang", "Last name:"), clicked("OK")]
    values = goal_of(request, history, [], [], labels).values
    assert [(w.value, w.field) for w in values] == [("Zhang San", "First name:"), ("Zhang", "Last name:")]


@pytest.mark.parametrize(("pressed", "finished"), [("Submit", True), ("Cancel", False), ("Close", False)])
def test_a_form_closed_by_backing_out_is_not_submitted(pressed: str, finished: bool) -> None:
    """A window that closed counted as a commit whatever closed it: a form typed into, then closed
    with Cancel, was "finished" with nothing submitted (a run named with --window ends on its
    dialog closing, and is judged on the screen as it was)."""
    request = "enter Li Na as the employee and submit it"
    history = [typed("Li Na", "Employee"), clicked(pressed)]
    gone = Observation(Image.new("RGB", (1, 1)), (), None, (), 0.0)
    reading = check(
        goal_of(request, history, [], [], LABELS), [form(), form({"Employee": "Li Na"}), gone], history, LABELS
    )
    assert reading.finished is finished
    if not finished:
        assert reading.unmet == (f"not submitted: closed with {pressed!r}",)
    # a message box closed after the commit is no backing out
    after = [*history[:1], clicked("Submit"), clicked("Close")]
    done = check(
        goal_of(request, after, [], [], LABELS), [form(), form({"Employee": "Li Na"}), gone, gone], after, LABELS
    )
    assert done.finished


def test_an_escape_that_closed_a_list_and_no_window_is_no_backing_out() -> None:
    from automation.decisions import Act
    from automation.types import Key

    request = "enter Li Na as the employee and submit it"
    history = [typed("Li Na", "Employee"), Turn(Act(Key("Escape")), True, "pressed"), clicked("Submit")]
    gone = Observation(Image.new("RGB", (1, 1)), (), None, (), 0.0)
    filled = form({"Employee": "Li Na"})
    reading = check(goal_of(request, history, [], [], LABELS), [form(), filled, filled, gone], history, LABELS)
    assert reading.finished, reading.unmet


def test_a_lowercase_value_the_request_ties_to_a_field_is_wanted_typed_or_not() -> None:
    """KeePassXC's entry form (round 15): "work account as the notes" was never typed (the model
    clicked the caption "Notes:", which named a check box), OK was pressed, and nothing wanted the
    notes: only numbers, quotes and names written with a capital were values, so a run that left a
    lowercase value out could end "finished"."""
    labels = ("Title", "Username", "Notes")
    request = "enter GitHub as the title, wangwei as the username and work account as the notes, then press OK"
    history = [typed("GitHub", "Title"), typed("wangwei", "Username"), clicked("Notes"), clicked("OK")]
    goal = goal_of(request, history, [], [], list(labels))
    assert ("work account", "Notes") in [(w.value, w.field) for w in goal.values]
    filled = form_observation({"Title": "GitHub", "Username": "wangwei"}, labels=labels, button="OK")
    reading = check(goal, [form_observation(labels=labels, button="OK"), filled, filled, filled, filled], history,
                    list(labels))  # fmt: skip
    assert not reading.finished and any("work account" in u for u in reading.unmet), reading.unmet
    assert not goal_of("what is in the notes?", [], [], [], list(labels)).values  # a question acts on nothing


def test_a_value_read_as_a_label_or_running_into_another_field_is_no_stated_value() -> None:
    labels = ["First name:", "Last name:", "Zhang"]
    request = "enter Zhang San as the first name, Zhang as the last name and press OK"
    history = [typed("Zhang San", "First name:"), typed("Zhang", "Last name:"), clicked("OK")]
    assert [w.value for w in goal_of(request, history, [], [], labels).values] == ["Zhang San", "Zhang"]


def test_a_field_s_value_with_a_dot_is_no_file_to_save_as() -> None:
    """KeePassXC: "wang.wei as the username" was read as a file name, and a run that stored the
    entry ended "not saved as wang.wei"."""
    history = [typed("wang.wei", "Username"), clicked("OK")]
    request = "enter wang.wei as the username and press OK"
    assert goal_of(request, history, [], [], ["Username", "Title"]).file is None
    saving = "enter notes.txt as the file name and save it"
    assert goal_of(saving, [typed("notes.txt", "File name:")], [], [], ["File name:"]).file == "notes.txt"
    assert goal_of("save it as notes.txt", [clicked("Save")], [], [], ["Name"]).file == "notes.txt"
    unnamed = "enter the title myshop and the username li.na, then press OK"  # no "as the": no stated value
    assert goal_of(unnamed, [typed("li.na", "Username"), clicked("OK")], [], [], ["Username", "Title"]).file is None


def test_a_button_outlined_inside_a_field_s_box_is_not_the_field_s_text() -> None:
    """KeePassXC: the notes box, clipped by its scroll area, has bounds that run on under the form's
    OK and Cancel; the notes read "work account OK Cancel", and OK was held back for ever."""
    spans = (
        TextSpan("Notes:", Box(20, 24, 50, 12), 95, FORM.title),
        TextSpan("work account", Box(110, 24, 90, 12), 95, FORM.title),
        TextSpan("OK", Box(300, 205, 20, 12), 95, FORM.title),
        TextSpan("Cancel", Box(370, 205, 44, 12), 95, FORM.title),
    )
    outlines = (Box(100, 20, 340, 200), Box(280, 198, 60, 26), Box(350, 198, 80, 26))
    obs = Observation(Image.new("RGB", (1, 1)), (FORM,), FORM, spans, 0.0, outlines)
    assert read_field(obs, "Notes") == "work account"


def test_a_label_the_run_clicked_is_no_name_the_request_gives() -> None:
    """Osmo, `do "click New contact"` (a toolbar icon named by its tooltip): the click opened the
    dialog, and the run ended unfinished, "'New' was not pressed"."""
    request = "click New contact"
    history = [clicked("New contact")]
    assert (
        "'New' was not pressed"
        not in check(goal_of(request, history, [], [], LABELS), [form(), form()], history, LABELS).unmet
    )
    unclicked = [clicked("Edit contact")]
    assert (
        "'New' was not pressed"
        in check(goal_of(request, unclicked, [], [], LABELS), [form(), form()], unclicked, LABELS).unmet
    )
