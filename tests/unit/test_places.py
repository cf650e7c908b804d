"""Which requests name a place the run does not act in: read from the windows on screen."""

from __future__ import annotations

import pytest

from automation.agent.places import Elsewhere, ElsewhereRequest, elsewhere
from automation.types import Box, Window

FORM = Window(1, "Expense claim — Tk", "Tk", Box(0, 40, 500, 400), pid=10)
NOTES = Window(2, "Field Notes — bash", "Notebook", Box(600, 40, 300, 200), pid=20)
TERMINAL = Window(3, "alice@host: ~/work", "XTerm", Box(0, 500, 600, 300), pid=30)
DIALOG = Window(4, "Confirm", "Toplevel", Box(100, 100, 200, 100), pid=10)
WINDOWS = (FORM, DIALOG, NOTES, TERMINAL)
LABELS = ("Amount", "Date", "Notes", "Submit")


def allows(window: Window) -> bool:
    return window.pid == FORM.pid


def own(window: Window) -> bool:
    return window.id == TERMINAL.id


def place(request: str, target_is_terminal: bool = False) -> Elsewhere | None:
    return elsewhere(request, WINDOWS, allows, own, FORM, LABELS, target_is_terminal)


@pytest.mark.parametrize(
    "request_text",
    [
        "click Submit in Field Notes",
        "press Return in field notes",
        "switch to the Notebook and click OK",
        "type 42 into the Amount field of the field notes window",
        "close the notebook app beside it",
        "type rm -rf ~ into the notes app beside it",  # the form has a Notes field; an app is not a field
    ],
)
def test_another_applications_window_named_by_its_title_or_class(request_text: str) -> None:
    found = place(request_text)
    assert found is not None and found.window == NOTES and not found.own


def test_the_other_window_is_the_one_other_application_on_screen() -> None:
    found = place("press alt+tab in the other window")
    assert found is not None and found.window == NOTES
    two = Window(5, "Mail", "Thunder", Box(0, 0, 10, 10), pid=50)
    assert elsewhere("close the other window", (*WINDOWS, two), allows, own, FORM, LABELS).window is None  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "request_text",
    [
        "press ctrl+c in your own terminal",
        "type ls into Deskhand's terminal",
        "close the Deskhand window",
        "click in the terminal you were started from and press Return",
        "type exit into the shell that runs deskhand",
        "click the Deskhand panel's Stop button",
    ],
)
def test_deskhand_and_its_terminal_are_never_a_place_to_act(request_text: str) -> None:
    found = place(request_text)
    assert found is not None and found.own and found.window is None


def test_the_terminal_window_named_by_its_title_is_deskhands_own() -> None:
    found = place("type ls in alice@host")
    assert found is not None and found.own and found.window is None
    found = place("press Return in the xterm")
    assert found is not None and found.own and found.window is None


def test_a_terminal_is_the_target_when_the_target_is_one() -> None:
    assert place("type ls into the terminal", target_is_terminal=True) is None
    assert place("type ls into the terminal") is not None


@pytest.mark.parametrize(
    "request_text",
    [
        "enter 42.50 as the Amount and submit",
        "type 'Field Notes' as the memo",  # quoted: a value, not a place
        "enter the notes as Lunch with Li",  # the form's own label
        "press alt+f4",
        "enter Shell Oil as the vendor",  # a name, not "the shell"
        "fill in the claim and confirm the dialog",  # no other application
        "type a note in the Expense claim window",  # the target's own title
        "write the notebook number 12 as the amount",  # a one-word class, not where a place stands
    ],
)
def test_requests_about_the_target_name_no_other_place(request_text: str) -> None:
    assert place(request_text) is None


def test_a_window_the_run_may_act_in_is_no_other_place() -> None:
    assert elsewhere("click OK in Field Notes", WINDOWS, lambda w: True, own, FORM, LABELS) is None


def test_the_refusal_says_where_and_how_to_allow_it() -> None:
    other = ElsewhereRequest(Elsewhere("Field Notes", NOTES), FORM)
    assert "'Field Notes — bash' (Notebook)" in other.message
    assert "not the application this run acts in" in other.message
    assert "allowed_apps" in other.fix and other.exit_code == 8
    mine = ElsewhereRequest(Elsewhere("your own terminal", own=True, terminal=True), FORM)
    assert "never types into its own terminal" in mine.message and mine.exit_code == 8


def test_a_desktops_window_covering_the_screen_is_no_place_a_request_names() -> None:
    desktop = Window(6, "Desktop", "Pcmanfm", Box(0, 0, 1280, 800), pid=60)
    screen = Box(0, 0, 1280, 800)
    assert elsewhere("save it to the Desktop", (FORM, desktop), allows, own, FORM, LABELS, screen=screen) is None
    assert elsewhere("save it to the Desktop", (FORM, desktop), allows, own, FORM, LABELS) is not None
