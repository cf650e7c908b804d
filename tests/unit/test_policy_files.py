"""File dialogs: the request's file name (with its folder, as one path) goes into the dialog's
name box before any of its buttons is pressed; the value is code's, never the model's."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest
from PIL import Image

from automation.decisions import Act, Situation, Turn
from automation.file_names import path_to_type, takes_windows_paths, unix_path, windows_path
from automation.types import Box, Key, Observation, Target, TextSpan, TypeText, Window
from models.fakes import CannedModel
from models.policy import ModelPolicy
from models.policy.candidates import build

EDITOR = Window(1, "draft.txt", "Editor", Box(0, 0, 800, 600))
SAVE_AS = Window(2, "Save As", "Editor", Box(100, 100, 560, 380))


def save_dialog(labels: tuple[str, ...] = ("Look in:", "File name:", "Files of type:")) -> Observation:
    """A save dialog over its editor: a box right of each label, then Save and Cancel."""
    spans = [TextSpan("File Edit", Box(5, 5, 80, 14), 95, EDITOR.title)]
    outlines = []
    for row, label in enumerate(labels):
        spans.append(TextSpan(label, Box(110, 130 + 40 * row, 80, 14), 95, SAVE_AS.title))
        outlines.append(Box(200, 125 + 40 * row, 300, 24))
    spans += [TextSpan("Save", Box(520, 430, 40, 14), 95, SAVE_AS.title)]
    spans += [TextSpan("Cancel", Box(590, 430, 50, 14), 95, SAVE_AS.title)]
    outlines += [Box(510, 425, 60, 24), Box(580, 425, 70, 24)]
    windows = (SAVE_AS, EDITOR)
    return Observation(Image.new("RGB", (1, 1)), windows, SAVE_AS, tuple(spans), 0.0, tuple(outlines))


@pytest.mark.parametrize(
    ("request_", "typed"),
    [
        ("save a copy of this file as copy.txt", "copy.txt"),
        ("save it as report.txt in /tmp/out", "/tmp/out/report.txt"),
        ("export the table to the folder /srv/share as q3.csv", "/srv/share/q3.csv"),
        ("save it as /tmp/a.txt", "/tmp/a.txt"),
        ("save it as notes.md into ~/docs", os.path.expanduser("~/docs") + "/notes.md"),
        ("保存到 /tmp/out 文件名 报告.txt", "/tmp/out/报告.txt"),
        ("save the file", None),
        ("enter 42.50 as the amount", None),
    ],
)
def test_the_path_typed_is_the_requests_name_with_its_folder(request_: str, typed: str | None) -> None:
    assert path_to_type(request_) == typed


def decide(request: str, obs: Observation, history: tuple[Turn, ...] = ()) -> Act:
    model = CannedModel("1")  # the first option; no second pass: the value is settled
    decision = ModelPolicy(model).decide(Situation(request, obs, history))
    assert model.left == 0 and isinstance(decision, Act), decision
    return decision


@pytest.mark.parametrize(
    "labels",
    [("Look in:", "File name:", "Files of type:"), ("Name:", "Save in folder:"), ("文件名:", "位置:")],
    ids=["qt", "gtk", "chinese"],
)
def test_the_name_goes_into_the_name_box_before_save_is_pressed(labels: tuple[str, ...]) -> None:
    request = "save a copy as copy.txt in /tmp/out"
    first = decide(request, save_dialog(labels))
    assert first.action == TypeText(
        "/tmp/out/copy.txt", into=Target(labels[-2 if len(labels) == 3 else 0], "Save As", field=True), over=True
    )
    typed = (Turn(first, True, "typed"),)
    second = decide(request, save_dialog(labels), typed)
    assert second.action == Key("Return")


def test_a_dialog_without_a_named_box_takes_its_topmost_one() -> None:
    first = decide("save it as plan.txt", save_dialog(("Folder:", "Tags:")))
    assert first.action == TypeText("plan.txt", into=Target("Folder:", "Save As", field=True), over=True)


def test_no_dialog_no_file_name_step() -> None:
    obs = save_dialog()
    plain = Observation(obs.image, (EDITOR,), EDITOR, tuple(s for s in obs.spans if s.window == EDITOR.title), 0.0)
    assert not any("file name" in o.text for o in build(Situation("save it as copy.txt", plain)).options)


def test_the_box_the_request_names_takes_the_name_before_a_box_labelled_with_name() -> None:
    """xfig's Export dialog (Athena): "Output File" empty above "Filename Mask" showing "*.eps".
    The name went into the mask (the label holding "name"), and xfig exported drawing.eps."""
    obs = save_dialog(("Output File", "Filename Mask", "Current Dir"))
    first = decide("set the output file to chart.eps and press Export", obs)
    assert first.action == TypeText("chart.eps", into=Target("Output File", "Save As", field=True))


def test_saying_only_the_words_of_any_file_request_names_no_box() -> None:
    # "file" alone is said by every such request: Qt's "File name:" still wins over a box "File"
    first = decide("save the file as plan.txt", save_dialog(("File", "File name:")))
    assert first.action == TypeText("plan.txt", into=Target("File name:", "Save As", field=True), over=True)


def wine_dialog() -> Observation:
    """The same dialog of a Windows program under Wine: Wine names its windows' class after the program."""
    obs = save_dialog()
    windows = tuple(replace(w, app="notepad.exe") for w in obs.windows)
    return replace(obs, windows=windows, active=windows[0])


def test_a_windows_program_is_given_a_windows_path() -> None:
    """Wine's Notepad refused "/tmp/out/copy.txt" ("Invalid character(s) in path"): the Unix root is
    Wine's drive Z:. The goal check takes the path typed so as the request's (round 17)."""
    first = decide("save a copy as copy.txt in /tmp/out", wine_dialog())
    assert first.action == TypeText(
        "Z:\\tmp\\out\\copy.txt", into=Target("File name:", "Save As", field=True), over=True
    )
    typed = (Turn(first, True, "typed"),)
    assert decide("save a copy as copy.txt in /tmp/out", wine_dialog(), typed).action == Key("Return")
    assert decide("save it as copy.txt", wine_dialog()).action == TypeText(
        "copy.txt", into=Target("File name:", "Save As", field=True), over=True
    )


@pytest.mark.parametrize(
    ("path", "windows"),
    [("/tmp/out/copy.txt", "Z:\\tmp\\out\\copy.txt"), ("copy.txt", "copy.txt"), ("/a.txt", "Z:\\a.txt")],
)
def test_unix_and_wine_paths_name_each_other(path: str, windows: str) -> None:
    assert windows_path(path) == windows and unix_path(windows) == path


def test_only_a_program_wine_runs_takes_windows_paths() -> None:
    assert takes_windows_paths("notepad.exe") and takes_windows_paths("ZOOFORM.EXE")
    assert not takes_windows_paths("Mousepad") and not takes_windows_paths("exec")
