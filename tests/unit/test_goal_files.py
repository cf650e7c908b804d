"""The goal check for a file the request names and for a request's instruction typed as a value:
"save it as copy.txt" is done only when the screen names copy.txt (a window's title, a status),
and "the invoice number and save the file" typed from "type the invoice number and save the
file" is a guess, not a value the request gives."""

from __future__ import annotations

import pytest
from PIL import Image

from automation.agent.goal import Goal, Want, check, goal_of, question
from automation.decisions import Act, Turn
from automation.file_names import base_name, file_name
from automation.types import Box, Key, Observation, Target, TextSpan, TypeText, Window
from automation.value_words import says_what_to_do

EDITOR = Box(0, 0, 600, 400)


def screen(title: str, *texts: str, dialog: tuple[str, str] | None = None) -> Observation:
    """An editor window titled ``title`` showing ``texts``, maybe with a dialog (its title, its box's text) over it."""
    editor = Window(1, title, "Editor", EDITOR)
    spans = [TextSpan(t, Box(10, 40 + 20 * i, 200, 14), 95, title) for i, t in enumerate(texts)]
    windows: tuple[Window, ...] = (editor,)
    if dialog is not None:
        front = Window(2, dialog[0], "Editor", Box(100, 100, 300, 150))
        windows = (front, editor)
        spans.append(TextSpan(dialog[1], Box(120, 130, 200, 14), 95, front.title))
    return Observation(Image.new("RGB", (1, 1)), windows, windows[0], tuple(spans), 0.0, ())


def keyboard(text: str) -> Turn:
    return Turn(Act(TypeText(text)), True, "typed")


def typed(text: str, into: str) -> Turn:
    return Turn(Act(TypeText(text, into=Target(into, field=True))), True, "typed")


SAVE = Turn(Act(Key("ctrl+s")), True, "pressed")


# --- a file the request names ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("request_", "name"),
    [
        ("save it as copy.txt", "copy.txt"),
        ("save a copy as notes-2.txt in /tmp/out", "notes-2.txt"),
        ("save the note to /tmp/out/q3.csv", "q3.csv"),
        ("把它保存为 报告.txt", "报告.txt"),
        ("enter ann@example.com as the employee", None),  # an e-mail address is no file
        ("fill the form, e.g. the amount", None),
        ("enter 42.50 as the amount", None),
    ],
)
def test_the_file_a_request_names(request_: str, name: str | None) -> None:
    assert base_name(request_) == name


def test_an_e_mail_address_is_no_file_for_a_file_dialog_either() -> None:
    assert file_name("send it to ann@example.com") is None


def test_a_file_the_request_names_is_in_the_goal() -> None:
    assert goal_of("save it as copy.txt", [], [], [], []).file == "copy.txt"
    assert goal_of("save a copy as notes-2.txt in /tmp/out", [SAVE], [], [], []).file == "notes-2.txt"
    # a reply to a request that only mentions a file, with nothing done on screen, stays a reply
    assert goal_of("what is in notes.txt", [], [], [], []).empty


def test_finished_with_nothing_saved_is_not_saved_as_the_name() -> None:
    """gemma3-270m on an editor: "finished" at once, no copy.txt written, the title unchanged."""
    goal = goal_of("save it as copy.txt", [], [], [], [])
    verdict = check(goal, [screen("untitled - Editor", "some text")], [], [])
    assert not verdict.finished and "not saved as copy.txt" in verdict.unmet


@pytest.mark.parametrize(
    ("obs", "shown"),
    [
        (screen("copy.txt - Editor", "some text"), True),  # the title, where editors put the document's name
        (screen("*/tmp/out/copy.txt - Editor"), True),  # a path in the title, an unsaved-changes mark
        (screen("untitled - Editor", "Saved /tmp/out/copy.txt"), True),  # a status naming it
        (screen("untitled - Editor"), False),
        (screen("my-copy.txt - Editor"), False),  # another file's name holds it
        (screen("copy.txt.bak - Editor"), False),
        (screen("untitled - Editor", "copy.txt"), False),  # only the text the run typed into the document
        (screen("untitled - Editor", dialog=("Save as", "copy.txt")), False),  # the dialog's name box, not saved
        (screen("Copy.TXT - Editor"), True),
        (screen("drawing.fig - Draw", 'Export to "copy,txt" done'), True),  # the dot read as a comma (xfig)
        (screen("untitled - Editor", "copy, txt"), False),
    ],
)
def test_the_screen_names_the_file(obs: Observation, shown: bool) -> None:
    history = [keyboard("copy.txt"), SAVE]
    verdict = check(Goal(file="copy.txt"), [screen("untitled - Editor"), screen("untitled - Editor"), obs], history, [])
    assert verdict.unmet == (() if shown else ("not saved as copy.txt",))


def test_a_file_saved_under_its_name_and_a_commit_seen_is_finished() -> None:
    name = Turn(Act(TypeText("copy.txt", into=Target("Name:", field=True))), True, "typed")
    history = [keyboard("hello"), SAVE, name, Turn(Act(Key("Return")), True, "pressed")]
    goal = goal_of("type hello and save it as copy.txt", history, [], [], [])
    assert (goal.file, goal.commit, goal.described) == ("copy.txt", True, ())
    observations = [
        screen("untitled - Editor"),
        screen("untitled - Editor", "hello"),
        screen("untitled - Editor", "hello", dialog=("Save as", "")),
        screen("untitled - Editor", "hello", dialog=("Save as", "copy.txt")),
        screen("copy.txt - Editor", "hello"),
    ]
    assert check(goal, observations, history, []).unmet == ()
    # the dialog answered, but the editor saved under another name
    other = [*observations[:4], screen("untitled.txt - Editor", "hello")]
    assert check(goal, other, history, []).unmet == ("not saved as copy.txt",)


def test_a_skill_s_file_is_left_to_its_replay() -> None:
    from automation.decisions import RunSkill

    ran = Turn(RunSkill("save_copy", {"name": "copy.txt"}), True, "ran")
    assert goal_of("save it as copy.txt", [ran], [], [], []).file is None


# --- the request's instruction typed as a value ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "request_", "instruction"),
    [
        ("the invoice number and save the file", "type the invoice number and save the file", True),
        ("invoice number and save the file", "type the invoice number and save the file", True),
        ("the invoice number", "type the invoice number and save the file", True),
        ("invoice number", "type the invoice number and save the file", True),  # the model dropped its "the"
        ("my phone numbers", "enter my phone numbers", True),
        ("hello, then save", "type hello, then save", True),
        ("hello world", "type hello world into the note", False),
        ("Tartu", "enter Tartu as the city", False),
        ("The Hague", "enter The Hague as the city", False),  # a name, written with its capital
        ("team lunch", "enter the team lunch as the memo", False),  # no kind of value: a text
        ("the invoice number", 'type "the invoice number" and save', False),  # quoted: always a value
        ("and save it", 'type "and save it"', False),
        ("42.50", "enter 42.50 as the amount and submit", False),
        ("INV-7", "type the invoice number", False),  # not the request's words (an answer's)
    ],
)
def test_what_says_what_to_do(text: str, request_: str, instruction: bool) -> None:
    assert says_what_to_do(text, request_) is instruction


def test_the_request_s_instruction_typed_is_a_guess() -> None:
    """gemma3-270m typed "the invoice number and save the file" into the document, saved it, and
    the goal check took the request's own words for a value it gives."""
    request = "type the invoice number and save the file"
    history = [keyboard("the invoice number and save the file"), SAVE]
    goal = goal_of(request, history, [], [], [])
    assert goal.described == (Want("the invoice number and save the file"),)
    observations = [
        screen("notes.txt - Editor"),
        screen("notes.txt - Editor", "the invoice number and save the file"),
        screen("notes.txt - Editor", "the invoice number and save the file", "Saved"),
    ]
    verdict = check(goal, observations, history, [])
    said = "'the invoice number and save the file' was typed, but that is the request's own instruction"
    assert verdict.unmet == (f"{said}, not a value it gives",)


def test_the_instruction_typed_into_a_field_is_a_guess_and_an_answer_is_not() -> None:
    history = [typed("invoice number", "Reference")]
    goal = goal_of("enter the invoice number as the reference", history, [], [], ["Reference"])
    assert goal.described == (Want("invoice number", "Reference"),)
    assert (
        check(goal, [screen("Form"), screen("Form")], history, ["Reference"])
        .unmet[0]
        .startswith("Reference: 'invoice number' was typed, but")
    )
    answered = goal_of("enter the invoice number as the reference", [typed("INV-7", "Reference")], ["INV-7"], [], [])
    assert answered.described == () and answered.unsourced == ()


@pytest.mark.parametrize(
    ("request_", "text"),
    [
        ("type hello world into the note", "hello world"),
        ('type "the invoice number" and save the file', "the invoice number"),
    ],
)
def test_a_value_the_request_gives_typed_on_the_keyboard_is_no_guess(request_: str, text: str) -> None:
    goal = goal_of(request_, [keyboard(text)], [], [], [])
    assert goal.described == () and goal.unsourced == ()


def clicked(label: str) -> Turn:
    from automation.types import Click

    return Turn(Act(Click(Target(label))), True, "clicked")


@pytest.mark.parametrize(
    ("modified", "saved", "commit"),
    [
        ("*draft.txt - Editor", "draft.txt - Editor", True),  # the mark before the name goes
        ("draft.txt* - Editor", "draft.txt - Editor", True),
        ("draft.txt • Editor", "draft.txt Editor", True),
        ("*draft.txt - Editor", "*draft.txt - Editor", False),  # still modified
        ("*draft.txt - Editor", "other.txt - Editor", False),  # another document, not this one saved
        ("draft.txt - Editor", "draft.txt - Editor", False),
    ],
)
def test_a_title_losing_its_modified_mark_is_a_commit(modified: str, saved: str, commit: bool) -> None:
    """Whichever menu item did it ("Save", "Save all", a toolbar icon), an editor's document is saved
    when its title's modified mark goes: the commit a request to save asks for."""
    history = [keyboard("alpha beta gamma"), clicked("File"), clicked("Write out everything")]
    goal = goal_of("type alpha beta gamma and save the file", history, [], [], [])
    assert goal.commit
    observations = [
        screen("draft.txt - Editor"),
        screen(modified, "alpha beta gamma"),
        screen(modified, "alpha beta gamma", "Write out everything"),
        screen(saved, "alpha beta gamma"),
    ]
    unmet = check(goal, observations, history, []).unmet
    assert (unmet == ()) is commit and (commit or unmet[0] == "not submitted")


def test_a_save_request_is_not_finished_while_a_title_marks_unsaved_changes() -> None:
    """A commit seen (a text showed) does not make "save" done while the document's title still
    says it is modified: "first option" clicked its way through a dialog's buttons, a new text
    showed, and the run was falsely "finished" with nothing saved (round 9, HomeBank)."""
    history = [keyboard("alpha"), clicked("Transfer")]
    goal = goal_of("type alpha and save the file", history, [], [], [])
    assert goal.saves
    observations = [
        screen("draft.txt - Editor"),
        screen("*draft.txt - Editor", "alpha"),
        screen("*draft.txt - Editor", "alpha", "To:"),
    ]
    assert check(goal, observations, history, []).unmet == ("'*draft.txt - Editor' still shows unsaved changes",)
    assert not goal_of("type alpha and submit the form", history, [], [], []).saves


def test_a_number_with_a_question_mark_asks_nothing() -> None:
    """xfig's ruler: "17" read "1?" after the export dialog closed, and the run was "not finished:
    the question '1?' is not answered" with the file written."""
    assert not question("1?") and not question("12 ?")
    assert question("Overwrite the file?") and question("确定吗？") and question("OK?")


def test_the_window_a_dialog_stood_over_at_the_start_is_no_dialog_itself() -> None:
    """xfig (as placed on the suite's display): its drawing window stands over most of its own
    "Error messages" window, as a dialog would over its opener. The run began in the Export dialog
    over the drawing window; once it closed, the drawing window's 'Export to "chart.eps" done'
    did not count, nor would its title: "not saved as chart.eps" with the file written."""
    main = Window(1, "Draw - drawing.fig", "Draw", Box(136, 23, 1143, 772), client=7)
    errors = Window(3, "Draw: Error messages", "Draw", Box(1, 20, 508, 237), client=7)
    export = Window(2, "Draw: Export menu", "Draw", Box(52, 93, 630, 564), client=7)
    blank = Image.new("RGB", (1, 1))
    start = Observation(blank, (export, main, errors), export, (), 0.0, ())
    status = TextSpan('Export to "chart,eps" done', Box(140, 51, 200, 14), 95, main.title)
    end = Observation(blank, (main, errors), main, (status,), 0.0, ())
    history = [keyboard("chart.eps")]
    assert check(Goal(file="chart.eps"), [start, start, end], history, []).unmet == ()
    # a dialog the run opened, still up, names nothing, whatever stood where at the start
    named = TextSpan("chart.eps", Box(120, 130, 100, 14), 95, export.title)
    still = Observation(blank, (export, main, errors), export, (named,), 0.0, ())
    first = Observation(blank, (main, errors), main, (), 0.0, ())
    assert check(Goal(file="chart.eps"), [first, first, still], history, []).unmet == ("not saved as chart.eps",)


def test_a_path_typed_into_the_save_dialog_is_judged_by_the_file_saved() -> None:
    """Mousepad's Save As: the path typed into "Name", Return, the dialog gone and the title naming
    the file. The box's last page reading ("/work/jlead-r17/...") is no judge once it closed: the
    run was "not finished" with the file saved (round 17)."""
    path = "/work/lead-r17/mp/note.txt"
    request = f"type hello world, then save it as {path}"
    history = [keyboard("hello world"), typed(path, "Name:"), Turn(Act(Key("Return")), True, "pressed")]
    dialog = ("Save As", "Name:")
    observations = [
        screen("Untitled 1 - Mousepad"),
        screen("*Untitled 1 - Mousepad", "hello world", dialog=dialog),
        screen("*Untitled 1 - Mousepad", "hello world", dialog=("Save As", "/work/jlead-r17/mp/note.txt")),
        screen("note.txt - Mousepad", "hello world"),
    ]
    goal = goal_of(request, history, [], [], ["Name:"])
    assert goal.file == "note.txt" and not [w for w in goal.values if w.value == path]
    verdict = check(goal, observations, history, ["Name:"])
    assert verdict.finished, verdict.unmet


def test_the_path_typed_but_never_saved_is_still_not_saved_as() -> None:
    path = "/work/lead-r17/mp/note.txt"
    history = [typed(path, "Name:")]
    observations = [
        screen("Untitled 1 - Mousepad", dialog=("Save As", "Name:")),
        screen("Untitled 1 - Mousepad", dialog=("Save As", path)),
    ]
    verdict = check(goal_of(f"save it as {path}", history, [], [], ["Name:"]), observations, history, ["Name:"])
    assert not verdict.finished and "not saved as note.txt" in verdict.unmet


def test_a_windows_path_typed_for_the_requests_path_is_given() -> None:
    """Wine's Notepad: "Z:\\tmp\\out\\report.txt" typed for "/tmp/out/report.txt" is no guess."""
    history = [typed("Z:\\tmp\\out\\report.txt", "File name:"), Turn(Act(Key("Return")), True, "pressed")]
    goal = goal_of("save it as /tmp/out/report.txt", history, [], [], ["File name:"])
    assert not goal.unsourced and goal.file == "report.txt"
    dialog = screen("Untitled - Notepad", dialog=("Save As", "File name:"))
    verdict = check(goal, [dialog, dialog, screen("report.txt - Notepad")], history, ["File name:"])
    assert verdict.finished, verdict.unmet
