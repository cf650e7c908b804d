"""Options built in code from a situation: what is offered, and in which order."""

from dataclasses import replace

from automation.decisions import Act, Ask, Situation, Turn
from automation.skill_card import SkillCard, SkillParam
from automation.types import Box, Click, Observation, Target, TypeText, Window
from models.policy.candidates import Menu, build
from models.policy.screen import read
from tests.support.sample_skills import EXPENSE
from tests.support.screens import FORM, form, observation

SUM = SkillCard("sum_column", "Add up one column of the spreadsheet", (SkillParam("column"),), ("total column C",))


def texts(menu: Menu) -> list[str]:
    return [o.text for o in menu.options]


def typed(label: str, text: str, ok: bool = True) -> Turn:
    return Turn(Act(TypeText(text, into=Target(label, field=True))), ok, "typed")


def clicked(label: str, field: bool = False) -> Turn:
    return Turn(Act(Click(Target(label, field=field))), True, "clicked")


def test_roles_read_from_labels_and_outlines() -> None:
    screen = read(form(("Amount", "42.50")))
    roles = {lb.text: lb.role for lb in screen.labels}
    assert roles["File"] == "menu"
    assert roles["Employee"] == roles["Notes"] == "field"  # an outline right of the label
    assert roles["Amount"] == "field"  # no outline (it holds text), but in the column of field labels
    assert roles["42.50"] == "value"  # the field's content is not something to click
    assert roles["Submit"] == "button"
    amount = next(lb for lb in screen.labels if lb.text == "Amount")
    assert amount.value == "42.50"


def test_a_request_naming_a_field_offers_typing_into_it() -> None:
    menu = build(Situation("type 42.50 into the amount", form()))
    first = menu.options[0]
    assert (first.kind, first.label, first.field) == ("type", "Amount", True)
    assert first.slots[0].numeric and not first.slots[0].secret
    assert "say the request is not about this screen" not in texts(menu)  # it plainly is


def test_only_the_next_step_of_a_plan_is_offered_and_history_moves_it_on() -> None:
    request = "enter 42.50 as the amount and submit"
    first = build(Situation(request, form()))
    assert first.options[0].text == 'type "42.50" into "Amount"'  # the value the request ties to the field
    assert 'click "Submit"' not in texts(first)  # a later step: offered once it is next
    second = build(Situation(request, form(("Amount", "42.50")), history=(typed("Amount", "42.50"),)))
    assert second.options[0].text == 'click "Submit"'
    assert "say everything the request asks is already done" not in texts(second)
    third = build(Situation(request, form(), history=(typed("Amount", "42.50"), clicked("Submit"))))
    assert third.options[0].kind == "done"


CATEGORY_FORM = observation([("Category", 100, 130), ("Notes", 100, 160)], [(187, 126, 250, 20), (187, 156, 250, 20)])


def test_a_lone_label_with_a_box_after_it_is_not_a_field_unless_it_ends_with_a_colon() -> None:
    lone = read(observation([("As JSON", 197, 164)], [(270, 161, 172, 20)]))
    assert lone.labels[0].role == "text"  # a menu item over a covered entry
    colon = read(observation([("Find:", 100, 130)], [(150, 126, 200, 20)]))
    assert colon.labels[0].role == "field"


def test_a_failed_typing_offers_opening_the_list() -> None:
    obs = CATEGORY_FORM
    plain = build(Situation("set the category to Meals", obs))
    assert plain.options[0].text == 'type "Meals" into "Category"'
    failed = build(Situation("set the category to Meals", obs, history=(typed("Category", "Meals", ok=False),)))
    assert failed.options[0].text == 'open the list of "Category"'
    assert failed.options[0].field


def test_typing_that_opened_a_list_counts_as_opening_it_and_the_item_is_offered() -> None:
    # A read-only combo box: the click to type opened its list, and the keys went nowhere.
    listed = observation(
        [("Category", 100, 130), ("Notes", 100, 220), ("Meals", 190, 150), ("Travel", 190, 168), ("Submit", 183, 300)],
        [(187, 126, 250, 20), (187, 216, 250, 20), (150, 293, 116, 27)],
    )
    history = (typed("Category", "Meals"),)
    menu = build(Situation("set the category to Meals and submit", listed, history=history))
    assert menu.options[0].text == 'click "Meals"'
    assert not any(o.label == "Category" for o in menu.options)  # the list is open: not again
    # An entry that took the text shows no such item: the typing stands.
    closed = build(Situation("set the category to Meals", CATEGORY_FORM, history=history))
    assert closed.options[0].kind == "done"


def test_choosing_offers_the_list_first() -> None:
    obs = CATEGORY_FORM
    menu = build(Situation("choose Travel as the category", obs))
    assert menu.options[0].text == 'open the list of "Category"'


def test_only_the_field_a_choosing_clause_names_picks_from_its_list() -> None:
    """zenity's travel form: "choose" in one clause made every field "open the list of", first,
    and the run clicked the traveller's entry instead of typing the name into it."""
    request = "enter Li Na as the notes and choose Travel as the category"
    menu = build(Situation(request, CATEGORY_FORM))
    assert texts(menu)[0] == 'type "Li Na" into "Notes"'
    assert 'open the list of "Notes"' not in texts(menu)
    then = build(Situation(request, CATEGORY_FORM, history=[typed("Notes", "Li Na")]))
    assert texts(then)[0] == 'open the list of "Category"'


def test_a_value_the_request_gives_a_field_is_typed_there_not_clicked_elsewhere() -> None:
    """zenity's calendar showed a day "3": "3 as the notes" clicked it first."""
    obs = observation(
        [("Category", 100, 130), ("Notes", 100, 160), ("3", 460, 260)], [(187, 126, 250, 20), (187, 156, 250, 20)]
    )
    menu = build(Situation("enter 3 as the notes", obs))
    assert texts(menu)[0] == 'type "3" into "Notes"' and 'click "3"' not in texts(menu)
    failed = build(Situation("enter 3 as the notes", obs, history=[typed("Notes", "3", ok=False)]))
    assert 'click "3"' in texts(failed)  # typing there failed: the text on screen may be its list's item


def test_a_field_whose_clause_s_item_was_clicked_is_not_opened_again() -> None:
    """ "choose the Cascade project": the list's row "Cascade" was clicked in place; zenity's list
    then offered "open the list of Projects" first (its column header under the caption, taken
    for a field), and clicking it re-sorted the rows."""
    request = "choose Travel as the category and submit"
    assert texts(build(Situation(request, CATEGORY_FORM)))[0] == 'open the list of "Category"'
    after = build(Situation(request, CATEGORY_FORM, history=(clicked("Travel"),)))
    assert not any(o.label == "Category" for o in after.options)  # neither opened nor typed into
    opened = build(Situation(request, CATEGORY_FORM, history=(clicked("Category", field=True),)))
    assert 'open the list of "Category"' not in texts(opened)  # opened once: done, as before


def test_a_prompt_s_one_field_takes_the_value_an_act_gives() -> None:
    """ "rename it to Quarterly Report and press OK" on a prompt with one field ("New name for the
    item:", holding "Draft"): no label matches the request, and there is nothing to tell apart."""
    prompt = observation([("New name:", 100, 130), ("Draft", 190, 130), ("OK", 190, 170)], [(180, 125, 60, 22)])
    menu = build(Situation("rename it to Quarterly Report and press OK", prompt))
    assert texts(menu)[0] == 'type "Quarterly Report" into "New name:"'
    two = observation([("New name:", 100, 130), ("Owner:", 100, 160)], [(187, 126, 250, 20), (187, 156, 250, 20)])
    assert 'type "Quarterly Report" into "New name:"' not in texts(
        build(Situation("rename it to Quarterly Report", two))
    )


def test_a_number_given_to_a_field_is_not_a_key_of_a_calendar_that_reads_as_a_keypad() -> None:
    """zenity's calendar: its days read as a keypad, and "press OK" names a key verb, so the
    number of "3 as the notes" was pressed as the day "3" before anything was typed."""
    days = [(str(d), 460 + 28 * (d % 7), 260 + 17 * (d // 7)) for d in range(1, 29)]
    obs = observation([("Category", 100, 130), ("Notes", 100, 160), *days], [(187, 126, 250, 20), (187, 156, 250, 20)])
    menu = build(Situation("enter 3 as the notes and press OK", obs))
    assert texts(menu)[0] == 'type "3" into "Notes"' and 'click "3"' not in texts(menu)
    sum_ = build(Situation("press 3 + 4 and =", obs))
    assert texts(sum_)[0] == 'click "3"'  # a number no field is given stays a key


def test_an_open_list_s_item_drawn_over_its_own_combo_is_chosen_not_read_as_its_value() -> None:
    """GTK draws a combo's first (or current) item right over the combo: "Train" lay inside the
    Transport combo's box and was read as its value, so it was never offered as a click."""
    combo = (187, 126, 250, 20)
    items = Window(9, "Expense Form", "Tk", Box(185, 124, 254, 100), kind="combo")
    obs = observation(
        [("Category", 100, 130), ("Notes", 100, 160), ("Train", 192, 130), ("Plane", 192, 158), ("Car", 192, 186)],
        [combo, (187, 156, 250, 20)],
        windows=(replace(FORM, popups=(items,)),),
        active=replace(FORM, popups=(items,)),
    )
    roles = {lb.text: lb.role for lb in read(obs).labels}
    assert roles["Train"] == roles["Plane"] == "text" and roles["Category"] == "field"
    assert next(lb for lb in read(obs).labels if lb.text == "Category").value == ""
    menu = build(Situation("choose Train as the category", obs, history=(clicked("Category", field=True),)))
    assert texts(menu)[0] == 'click "Train"'


def test_with_no_window_left_nothing_is_typed_and_finished_is_offered_first() -> None:
    """The form closed once its OK was pressed: keys sent now would go nowhere."""
    gone = observation([], windows=(), active=None)
    history = (typed("Notes", "Li Na"), clicked("OK"))
    menu = build(Situation("enter Li Na as the notes and press OK", gone, history=history))
    assert menu.options[0].kind == "done"
    assert not any(o.kind == "type" for o in menu.options)


def test_a_modal_dialog_offers_only_its_buttons_yes_when_the_request_agrees() -> None:
    dialog = Window(2, "Confirm", "Toplevel", Box(160, 200, 230, 90))
    obs = observation(
        [("Submit this claim?", 210, 220), ("Yes", 207, 265), ("No", 324, 265), ("Submit", 183, 300)],
        [(170, 257, 98, 27), (284, 257, 98, 27), (150, 293, 116, 27)],
        windows=(dialog, FORM),
        active=dialog,
        window_of={"Submit this claim?": "Confirm", "Yes": "Confirm", "No": "Confirm"},
    )
    agree = build(Situation("submit the claim", obs, history=(clicked("Submit"),)))
    assert agree.options[0].text == 'click "Yes" in the dialog'
    assert not any(o.label in ("Submit", "Submit this claim?") for o in agree.options)
    refuse = build(Situation("no, don't submit it", obs))
    assert refuse.options[0].text == 'click "No" in the dialog'


def test_a_calculator_request_becomes_keys_in_order_with_repeats() -> None:
    keys = [(str(d), 560 + 40 * (d % 3), 500 + 30 * (d // 3)) for d in range(10)]
    obs = observation([*keys, ("*", 700, 500), ("=", 700, 560)], [(x - 10, y - 8, 40, 26) for _, x, y in keys])
    request = "calculate 7 times 7"
    assert build(Situation(request, obs)).options[0].label == "7"
    assert build(Situation(request, obs, history=(clicked("7"),))).options[0].label == "*"
    assert build(Situation(request, obs, history=(clicked("7"), clicked("*")))).options[0].label == "7"
    done = (clicked("7"), clicked("*"), clicked("7"), clicked("="))
    assert build(Situation(request, obs, history=done)).options[0].kind == "done"


def test_a_skill_that_explains_the_request_beats_a_menu_named_by_one_word() -> None:
    menu = build(Situation("file a meals expense of 42.50 with Zhang San", form(), skills=(EXPENSE, SUM)))
    first = menu.options[0]
    assert first.kind == "skill" and first.skill == EXPENSE
    assert [s.name for s in first.slots] == ["amount", "category", "attendees"]
    assert first.slots[0].numeric and not first.slots[1].numeric
    assert not any(o.skill == SUM for o in menu.options)


def test_a_skill_is_not_planned_for_one_shared_word_but_the_model_sees_it() -> None:
    menu = build(Situation("submit the claim", form(), skills=(EXPENSE,)))
    assert menu.options[0].text == 'click "Submit"'
    assert [o.kind for o in menu.options].index("skill") > 0 and menu.planned == 1


def test_keys_named_in_the_request() -> None:
    assert build(Situation("press escape", form())).options[0].combo == "Escape"
    assert build(Situation("save it with Ctrl + S", form())).options[0].combo == "ctrl+s"
    assert build(Situation("press F5", form())).options[0].combo == "F5"
    close = build(Situation("close the menu", observation([("Close", 100, 200)], [(90, 195, 100, 25)])))
    assert close.options[0].combo == "Escape"


def test_a_closed_menu_that_holds_the_command_is_the_next_step() -> None:
    menu = build(Situation("export the claim as JSON", form()))
    assert menu.options[0].text == 'click "File" (a menu)'
    assert "impossible" not in [o.kind for o in menu.options]  # the menu starts the request


def test_a_request_whose_later_part_is_not_on_screen_yet_offers_its_first_step_and_not_not_possible() -> None:
    request = "choose Travel as the category and export it as JSON"
    obs = observation(
        [("File", 90, 88), ("Category", 100, 130), ("Notes", 100, 160)], [(187, 126, 250, 20), (187, 156, 250, 20)]
    )
    menu = build(Situation(request, obs))
    assert menu.options[0].text == 'open the list of "Category"'
    assert menu.planned == 2  # the list, then the File menu that holds Export by convention
    assert "impossible" not in [o.kind for o in menu.options]


def test_a_command_nothing_leads_to_is_not_possible_once_the_rest_is_done() -> None:
    request = "choose Travel as the category and send it by email"
    first = build(Situation(request, CATEGORY_FORM))
    assert first.options[0].text == 'open the list of "Category"'
    chosen = (clicked("Category", field=True), clicked("Travel"))
    after = build(Situation(request, CATEGORY_FORM, history=chosen))
    assert after.options[0].kind == "impossible"  # "send" is undone and nothing on screen leads to it
    assert "done" in [o.kind for o in after.options]
    done = build(Situation("choose Travel as the category", CATEGORY_FORM, history=chosen))
    assert done.options[0].kind == "done"


def test_an_option_reading_only_words_the_history_did_is_not_offered_again() -> None:
    obs = observation([("File", 90, 88), ("100%", 300, 88), ("Save", 120, 130)], [(290, 84, 50, 20)])
    history = (Turn(Act(TypeText("100")), True, "typed"),)
    menu = build(Situation("type 100 and save the workbook", obs, history=history))
    assert menu.options[0].text == 'click "Save"'
    assert not any(o.label == "100%" for o in menu.options)
    fresh = build(Situation("click 100%", obs))
    assert fresh.options[0].label == "100%"


def test_a_request_about_the_screen_that_names_nothing_on_it_is_not_possible() -> None:
    menu = build(Situation("open the Reports tab", form()))
    assert menu.related >= 0.5
    assert menu.options[0].kind == "impossible"


def test_unrelated_requests_reach_the_model_with_the_reply_first_and_nothing_that_acts() -> None:
    for request in ["tell me a joke", "what is the capital of France", "what time is it", "help me write a poem"]:
        menu = build(Situation(request, form(), skills=(EXPENSE, SUM)))
        assert menu.options[0].kind == "reply", request
        assert {o.kind for o in menu.options} <= {"reply", "ask", "impossible"}, request
    assert build(Situation("click Submit", form())).options[0].kind == "click"


def test_the_ask_option_names_a_value_not_yet_answered() -> None:
    plain = build(Situation("enter the amount", form()))
    assert "ask the user for the Amount" in texts(plain)
    history = (Turn(Ask("What is the amount?", "Amount"), True, "asked"),)
    answered = build(Situation("enter the amount", form(), history=history, answers=("42.50",)))
    assert "ask the user for the Amount" not in texts(answered)


def test_a_step_the_request_says_to_leave_alone_is_not_offered() -> None:
    """The plan follows the order the request names things, so "leave the employee empty and ..."
    planned the employee first, and the first option worked it (tests/unit/test_negation.py)."""
    request = "leave the employee empty and type Zhang San into the notes"
    first = build(Situation(request, form()))
    assert texts(first)[0] == 'type "Zhang San" into "Notes"'
    assert not [o for o in first.options if o.label == "Employee"]
    typed_notes = Turn(Act(TypeText("Zhang San", into=Target("Notes", field=True))), True, "typed")
    after = texts(build(Situation(request, form(("Notes", "Zhang San")), history=(typed_notes,))))
    assert after[0] == "say everything the request asks is already done"
    plain = texts(build(Situation("type Li into the employee and Zhang San into the notes", form())))
    assert 'type "Zhang San" into "Notes"' not in plain  # only the next step, as before


def keys_pressed(request: str, obs: Observation, count: int) -> list[str]:
    """The keys the menus offer first, each taken in turn."""
    said: list[str] = []
    for _ in range(count):
        said.append(build(Situation(request, obs, history=tuple(clicked(k) for k in said))).options[0].label)
    return said


def test_an_operator_is_pressed_on_the_face_this_keypad_prints_it_with() -> None:
    """galculator prints division "/" where xcalc prints "÷": "45 divided by 9" found no key "÷",
    no key was offered, and the model pressed "9", "+", "6" (exit 1, "'45' not shown")."""
    keys = [("7", 100, 100), ("8", 140, 100), ("9", 180, 100), ("4", 100, 130), ("5", 140, 130), ("6", 180, 130)]
    keys += [("1", 100, 160), ("2", 140, 160), ("3", 180, 160), ("0", 100, 190), ("+", 220, 160), ("=", 220, 190)]
    for divide, times in (("/", "*"), ("÷", "×")):
        obs = observation([*keys, (divide, 220, 100), (times, 220, 130)], [])
        assert keys_pressed("compute 45 divided by 9 times 2", obs, 7) == ["4", "5", divide, "9", times, "2", "="]
        assert keys_pressed("compute 8 / 2", obs, 4) == ["8", divide, "2", "="]


CALCULATOR_KEYS = [
    (k, 100 + 40 * (i % 4), 200 + 30 * (i // 4)) for i, k in enumerate("789/456*123-0.=+")
]  # fmt: skip


def test_a_calculator_s_display_is_no_key_but_a_calendar_s_day_is() -> None:
    """galculator's display read "12" in the middle of "12 times 7 plus 3", was offered as a button,
    and the model clicked it instead of the next key (no "=" was ever pressed)."""
    shown = observation([("12", 200, 160), *CALCULATOR_KEYS], [(90, 150, 170, 30)])
    assert {lb.text: lb.role for lb in read(shown).labels}["12"] == "value"
    request = "compute 12 times 7 plus 3"
    history = (clicked("1"), clicked("2"))
    assert 'click "12"' not in texts(build(Situation(request, shown, history=history)))
    days = [(str(d), 100 + 28 * (d % 7), 200 + 17 * (d // 7)) for d in range(1, 29)]
    calendar = observation(days, [])
    roles = {lb.text: lb.role for lb in read(calendar).labels}
    assert read(calendar).keypad and roles["15"] != "value"  # a day shares its row with others


def test_a_number_field_showing_its_default_zero_takes_the_request_s_unnamed_amount() -> None:
    """yad's Amount spin box shows "0" before anything is typed: it counted as filled, no field took
    "an expense of 42", and the model typed the amount into the note."""
    for default in ("0", "0.00"):
        menu = build(Situation("record an expense of 42 and submit", form(("Amount", default))))
        assert 'type "42" into "Amount"' in texts(menu), (default, texts(menu))
    assert 'type "42" into "Amount"' not in texts(build(Situation("record an expense of 42", form(("Amount", "17")))))


def test_a_square_root_is_pressed_after_its_number_on_the_key_this_keypad_names_it() -> None:
    """galculator's root key says "sqrt": "compute the square root of 81" offered "8", "1", "=", and
    the display showed 81 (a run's "finished" then checked only that 81 had shown)."""
    for root in ("sqrt", "√"):
        obs = observation([*CALCULATOR_KEYS, (root, 260, 200)], [])
        assert keys_pressed("compute the square root of 81", obs, 4) == ["8", "1", root, "="]


def test_a_button_named_by_a_field_s_word_of_the_plan_is_not_offered_beside_its_first_step() -> None:
    """KeePassXC's entry form (round 15): "... Li Na as the notes" named the field Notes, and the
    toolbar's "Copy Notes" beside the first step was the default model's pick."""
    base = form()
    toolbar = observation([("Copy Notes", 300, 100)], [(290, 94, 100, 24)])
    obs = replace(base, spans=base.spans + toolbar.spans, outlines=base.outlines + toolbar.outlines)
    menu = build(Situation("enter Li Na as the employee and team lunch as the notes", obs))
    labels = [o.label for o in menu.options]
    assert labels[0] == "Employee" and "Copy Notes" not in labels, labels


def test_the_pieces_of_a_url_or_a_dotted_name_name_no_control() -> None:
    """KeePassXC's edit form: the "bank" of "https://online.bank.example.com" was offered as a
    click on the heading "Passwords • Bank", and the default model asked instead of typing."""
    base = form()
    heading = observation([("Passwords • Bank", 300, 60)])  # out of the form's column of labels
    obs = replace(base, spans=base.spans + heading.spans)
    menu = build(Situation("enter https://online.bank.example.com as the notes", obs))
    assert "Passwords • Bank" not in [o.label for o in menu.options], texts(menu)
    assert menu.options[0].text == 'type "https://online.bank.example.com" into "Notes"', texts(menu)
    pressed = build(Situation("click Bank", obs))
    assert pressed.options[0].label == "Passwords • Bank", texts(pressed)  # the word written alone still names it
