"""The questions at the end of `deskhand record`: by injected answers, and once on a real pty."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.cli.prompts import ask_about, describe_on_terminal
from app.services.paths import data_dir, recordings_dir
from automation.recording import journal
from automation.recording.events import ClickEvent, KeyDown, KeyUp, WindowRef
from automation.skills.model import Skill
from automation.skills.serialize import MAX_TEXT
from automation.skills.store import SkillStore
from automation.types import Box
from tests.support.apps import REPO
from tests.support.sample_skills import claim_skill


def answers(*given: str | type[BaseException]) -> tuple[Callable[[str], str], list[str]]:
    """An ``ask`` that gives these answers in turn (an exception class is raised), and the prompts it saw."""
    prompts: list[str] = []
    queue = list(given)

    def ask(prompt: str) -> str:
        prompts.append(prompt)
        answer = queue.pop(0)
        if isinstance(answer, type):
            raise answer
        return answer

    return ask, prompts


def test_questions_and_example_requests_are_kept() -> None:
    ask, prompts = answers("Who is claiming?", "", "Your expense PIN", "file my lunch, 42.50", "lunch with Li Si", "")
    said: list[str] = []
    skill = ask_about(claim_skill(), ask, said.append)
    assert [p.description for p in skill.params] == ["Who is claiming?", "How much was it?", "Your expense PIN"]
    assert skill.examples == (*claim_skill().examples, "file my lunch, 42.50", "lunch with Li Si")
    assert prompts[0] == "  employee (Who is claiming?; e.g. 'Zhang San'): "
    assert prompts[2] == "  pin (PIN in 'Legacy Expense System'; secret): "  # never a value, never an example
    assert prompts[3:] == ["  request: "] * 3
    assert skill.steps == claim_skill().steps


@pytest.mark.parametrize("stop", [EOFError, KeyboardInterrupt])
def test_ctrl_d_or_ctrl_c_keeps_what_was_answered(stop: type[BaseException]) -> None:
    ask, _ = answers("Who is claiming?", stop)
    skill = ask_about(claim_skill(), ask, lambda line: None)
    assert skill.params[0].description == "Who is claiming?" and skill.params[1:] == claim_skill().params[1:]


def test_an_answer_too_long_is_asked_again() -> None:
    ask, prompts = answers("x" * (MAX_TEXT + 1), "Who is claiming?", "", "", "")
    said: list[str] = []
    skill = ask_about(claim_skill(), ask, said.append)
    assert skill.params[0].description == "Who is claiming?" and prompts[0] == prompts[1]
    assert any("at most 10000; once more, or Enter to skip" in line for line in said)


def stored(name: str = "file-expense") -> Skill:
    with SkillStore(data_dir() / "skills.db") as skills:
        return skills.get(name)


def test_answers_are_saved_and_nothing_is_saved_for_none() -> None:
    with SkillStore(data_dir() / "skills.db") as skills:
        skills.save(claim_skill())
    said: list[str] = []
    ask, _ = answers("", "", "", "")
    assert describe_on_terminal(claim_skill(), ask, said.append) == claim_skill()
    assert "Nothing added; later: deskhand skills edit file-expense" in said[-1]
    ask, _ = answers("", "What did it cost?", "", "claim 12 euros", "")
    described = describe_on_terminal(claim_skill(), ask, said.append)
    assert stored() == described and stored().params[1].description == "What did it cost?"
    assert stored().crops == claim_skill().crops
    assert said[-1].startswith("Saved 1 question(s), 1 example request(s)")


# --- through `deskhand record` on a terminal -------------------------------------------------

WIN = WindowRef(1, "Lunch Form", "Tk", Box(0, 0, 400, 300))


def typed(t: float, text: str) -> Iterator[KeyDown | KeyUp]:
    for i, key in enumerate(text):
        yield KeyDown(t + i / 10, key, WIN)
        yield KeyUp(t + i / 10 + 0.05, key, WIN)


def interrupted_recording() -> Path:
    writer = journal.Journal.create(recordings_dir(), "lunch")
    for event in [
        ClickEvent(0.5, 100, 60, "left", 1, WIN),
        *typed(1.0, "42"),
        ClickEvent(2.0, 100, 90, "left", 1, WIN),
    ]:
        writer.append(event)
    writer.close()  # no finished.json: as after a kill -9
    return writer.folder


def run_on_a_pty(args: list[str], typing: bytes) -> subprocess.CompletedProcess[bytes]:
    """`deskhand ARGS` with a terminal as its standard input, typing ``typing`` into it."""
    main, terminal = pty.openpty()
    try:
        os.write(main, typing)  # the terminal holds the lines until the questions read them
        script = Path(sys.executable).with_name("deskhand")
        command = [str(script)] if script.exists() else [sys.executable, "-m", "app"]
        return subprocess.run(
            [*command, *args], cwd=REPO, env=os.environ.copy(), stdin=terminal, capture_output=True, timeout=120
        )
    finally:
        os.close(terminal)
        os.close(main)


def test_record_asks_on_a_terminal() -> None:
    interrupted_recording()
    result = run_on_a_pty(["record", "--recover", "--finish-interrupted"], b"How much was it?\nfile my lunch of 42\n\n")
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr.decode()
    assert "Saved skill 'lunch': 2 steps, 1 parameters." in out
    assert "  value_1 (text typed into 'Lunch Form'; e.g. '42'): " in out
    assert "Saved 1 question(s), 1 example request(s)" in out
    skill = stored("lunch")
    assert skill.params[0].description == "How much was it?" and skill.examples == ("file my lunch of 42",)


def test_record_without_a_terminal_asks_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    from app.main import main

    interrupted_recording()
    assert main(["record", "--recover", "--finish-interrupted"]) == 0  # pytest's stdin is no terminal
    assert "request:" not in capsys.readouterr().out
    assert stored("lunch").params[0].description == "text typed into 'Lunch Form'"
