"""Dialogs answered by what they are and say: messages naming a field, confirmations by meaning."""

from dataclasses import replace

from automation.decisions import Act, Ask, Situation, Turn
from automation.types import Box, Click, Observation, Target, TypeText, Window
from models.policy.candidates import Menu, build
from models.policy.dialogs import after_messages
from models.policy.progress import message_about, progress
from models.policy.screen import read
from tests.support.screens import FORM, form, observation

BOX = Window(2, "Warning", "Toplevel", Box(160, 200, 230, 90))


def texts(menu: Menu) -> list[str]:
    return [o.text for o in menu.options]


def over_form(labels: list[tuple[str, int, int]], outlines: list[tuple[int, int, int, int]]) -> Observation:
    """A dialog with ``labels`` over the test form (Employee, Amount, Notes; Submit, Clear)."""
    behind = form()
    dialog = observation(labels, outlines, windows=(BOX,), active=BOX)
    return replace(
        behind,
        windows=(BOX, FORM),
        active=BOX,
        spans=behind.spans + dialog.spans,
        outlines=behind.outlines + dialog.outlines,
    )


WARNING = over_form([("Amount is required.", 200, 215), ("OK", 260, 262)], [(240, 255, 70, 26)])
typed = Turn(Act(TypeText("Ana", into=Target("Employee", field=True))), True, "typed")
submitted = Turn(Act(Click(Target("Submit"))), True, "clicked")


def test_a_message_box_is_acknowledged_and_its_words_kept_in_the_step() -> None:
    menu = build(Situation("enter Ana as the employee and submit", WARNING, history=(typed, submitted)))
    first = menu.options[0]
    assert (first.kind, first.label) == ("click", "OK")
    assert message_about(first.text) == "Amount is required."


def ack_of(said: str) -> Turn:
    return Turn(Act(Click(Target("OK")), reason=f'click "OK" to close the message "{said}"'), True, "clicked")


def test_after_a_message_naming_a_field_the_field_and_the_commit_are_to_do_again() -> None:
    typed_amount = Turn(Act(TypeText("4", into=Target("Amount", field=True))), True, "typed")
    history = (typed_amount, submitted, ack_of("Amount is required."))
    done = after_messages(progress(history, []), read(form()))
    assert done.warned == ("Amount",)
    assert not done.was_done(("type", "amount")) and not done.was_done(("click", "submit", ""))
    again = build(Situation("enter 42.50 as the amount and submit", form(), history=history))
    assert again.options[0].text == 'type "42.50" into "Amount"'
    pressed_again = (*history, typed_amount, submitted)
    done = after_messages(progress(pressed_again, []), read(form(("Amount", "4"))))
    assert done.warned == () and done.was_done(("click", "submit", ""))  # the commit after the message counts


def test_a_message_naming_no_field_undoes_nothing() -> None:
    history = (typed, submitted, ack_of("Saved."))
    done = after_messages(progress(history, []), read(form()))
    assert done.warned == () and done.was_done(("click", "submit", ""))  # never filed twice


def test_a_warned_field_the_request_gives_no_value_for_is_asked_then_typed() -> None:
    ack = ack_of("Amount is required.")
    history = (typed, submitted, ack)
    asking = build(Situation("enter Ana as the employee and submit", form(("Employee", "Ana")), history=history))
    assert asking.options[0].kind == "ask" and asking.options[0].label == "Amount"
    answered = (*history, Turn(Ask("What amount?", "Amount"), True, "the user answered '42.50'"))
    typing = build(
        Situation("enter Ana as the employee and submit", form(("Employee", "Ana")), answered, answers=("42.50",))
    )
    assert typing.options[0].text == 'type the user\'s answer into "Amount"'


CONFIRM = Window(2, "Confirm", "Toplevel", Box(160, 200, 230, 90))


def confirmation(question: str, buttons: tuple[str, str]) -> Observation:
    return observation(
        [(question, 210, 220), (buttons[0], 207, 265), (buttons[1], 324, 265)],
        [(170, 257, 98, 27), (284, 257, 98, 27)],
        windows=(CONFIRM, FORM),
        active=CONFIRM,
        window_of={question: "Confirm", buttons[0]: "Confirm", buttons[1]: "Confirm"},
    )


def test_a_confirmation_is_answered_by_its_button_that_goes_ahead_whatever_its_word() -> None:
    obs = confirmation("Register this entry?", ("Cancel", "Register"))
    assert build(Situation("register it", obs, history=(submitted,))).options[0].label == "Register"
    post = confirmation("Are you sure?", ("Post", "Back"))
    assert build(Situation("post it", post, history=(submitted,))).options[0].label == "Post"
    refuse = build(Situation("no, cancel it", obs))
    assert refuse.options[0].label == "Cancel"


def test_a_confirmation_the_request_does_not_name_the_button_of_is_answered_by_meaning() -> None:
    by_rule = confirmation("Are you sure?", ("Cancel", "OK"))
    assert build(Situation("submit it", by_rule, history=(submitted,))).options[0].text == 'click "OK" in the dialog'
    by_question = confirmation("Record this voucher now?", ("Record", "Cancel"))
    menu = build(Situation("save the voucher", by_question, history=(submitted,)))
    assert menu.options[0].text == 'click "Record" in the dialog'
    assert 'click "Cancel" in the dialog' not in texts(menu)


def drawn_in_the_window() -> Observation:
    """The form with a confirmation drawn inside its own window (a web page's modal)."""
    behind = form(("Employee", "Ana"))
    modal = observation([("Submit this claim?", 220, 330), ("OK", 262, 372), ("Cancel", 332, 372)],
                        [(250, 366, 60, 26), (320, 366, 80, 26)])  # fmt: skip
    return replace(behind, spans=behind.spans + modal.spans, outlines=behind.outlines + modal.outlines)


def test_a_confirmation_drawn_in_the_window_is_answered_like_a_dialog() -> None:
    menu = build(Situation("enter Ana as the employee and submit", drawn_in_the_window(), history=(typed, submitted)))
    assert menu.options[0].kind == "click" and menu.options[0].label == "OK", texts(menu)
    refused = build(Situation("no, cancel it", drawn_in_the_window(), history=(typed, submitted)))
    assert refused.options[0].label == "Cancel", texts(refused)


def test_a_question_with_no_buttons_below_is_no_dialog() -> None:
    behind = form(("Employee", "Ana"))
    asked = observation([("Send a copy?", 220, 330)])
    obs = replace(behind, spans=behind.spans + asked.spans)
    menu = build(Situation("enter Ana as the employee and submit", obs, history=(typed, submitted)))
    assert not any("in the dialog" in t for t in texts(menu))


def test_a_lone_question_mark_is_no_question_and_the_buttons_below_it_no_answers() -> None:
    """KeePassXC's entry form: its search box's help button drawn "?" read as text, and two icon
    buttons of the password field 160 px under it were taken for a confirmation's; its first
    option, at the request's start, was "click 'Generate Password (Ctrl+G)' in the dialog"."""
    behind = form(("Employee", "Ana"))
    icons = observation([("?", 300, 230), ("Password", 262, 372), ("Reveal", 332, 372)],
                        [(250, 366, 60, 26), (320, 366, 80, 26)])  # fmt: skip
    obs = replace(behind, spans=behind.spans + icons.spans, outlines=behind.outlines + icons.outlines)
    menu = build(Situation("enter Ana as the employee, Pw-1 as the password, then press OK", obs))
    assert not any("in the dialog" in t for t in texts(menu)), texts(menu)
    assert menu.options[0].text == 'type "Ana" into "Employee"', texts(menu)
    chinese = observation([("确定吗？", 220, 330), ("确定", 262, 372), ("取消", 332, 372)],
                          [(250, 366, 60, 26), (320, 366, 80, 26)])  # fmt: skip
    asked = replace(behind, spans=behind.spans + chinese.spans, outlines=behind.outlines + chinese.outlines)
    assert any("in the dialog" in t for t in texts(build(Situation("提交", asked, history=(submitted,)))))


def test_a_drawn_confirmation_whose_button_lies_in_the_form_s_column_is_still_answered() -> None:
    """Captured from the web zoo form after "Book": its modal covers the form, and its "OK" lies
    where the column of fields runs, so it reads as a covered field's value; outlined, it is the
    confirmation's button all the same (the task evaluation's web dialog task ended unanswered)."""
    from tests.eval.golden import observation as saved

    obs = saved("web_confirmation_over_form")
    ok = next(lb for lb in read(obs).labels if lb.text == "OK")
    assert ok.role == "value" and ok.boxed  # what the row rule makes of it
    booked = (Turn(Act(Click(Target("Book"))), True, "changed"),)
    first = build(Situation("book this entry", obs, booked)).options[0]
    assert (first.kind, first.label) == ("click", "OK")
