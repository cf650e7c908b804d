"""Every question `deskhand` asks on the terminal: yes/no confirmations, the agent's questions,
missing skill values (secrets without echo), what to do with an interrupted recording, and
the questions at the end of `deskhand record` (what to ask for each value, which requests
the new skill answers).

Without a terminal nothing is asked: a confirmation becomes NeedsAnswer (exit 3) with the
flag that approves it, and missing values stay missing.
"""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable, Iterable

from app.services import Say
from app.services.skills import open_store
from automation.decisions import Act, Ask
from automation.errors import NeedsAnswer, UsageError
from automation.protocols import Confirm
from automation.skill_card import SkillParam
from automation.skills import edit
from automation.skills.model import Skill

Prompt = Callable[[str], str]  # input(), or a test's answers


def yes_no(question: str) -> bool:
    return input(f"{question} [y/N] ").strip().casefold() in ("y", "yes")


def confirmer(approve_all: bool, fix: str = "run it again with --yes to approve") -> Confirm:
    """The confirmation callback of a command: --yes approves all; else asked on a terminal."""

    def confirm(question: str, act: Act | None) -> bool:
        if approve_all:
            return True
        if not sys.stdin.isatty():
            raise NeedsAnswer(f"confirmation needed: {question}", fix)
        return yes_no(question)

    return confirm


def admitter(question: str, act: Act | None) -> bool:
    """Input for another application than the run's: asked on a terminal even with --yes; else refused (exit 8)."""
    return sys.stdin.isatty() and yes_no(question)


def confirm_here(question: str, act: Act) -> bool:
    """The terminal conversation's confirmation: a person is there, so always asked."""
    return yes_no(question)


def answer_question(question: Ask) -> str | None:
    """The agent's question; a secret one (the parameter's flag) without echo."""
    prompt = f"{question.question} "
    reply = (getpass.getpass(prompt) if question.is_secret else input(prompt)).strip()
    return reply or None


def ask_missing(params: Iterable[SkillParam], values: dict[str, str]) -> None:
    """On a terminal, ask for each missing value (secrets without echo); elsewhere leave them missing."""
    if not sys.stdin.isatty():
        return
    for p in params:
        if p.name not in values:
            prompt = f"{p.name} ({p.description}): "
            values[p.name] = getpass.getpass(prompt) if p.secret else input(prompt)


def choose(question: str, keys: str) -> str:
    """Ask until the reply starts with one of ``keys`` (one letter each); that letter."""
    choice = ""
    while not choice or choice not in keys:
        choice = input(f"{question} [{'/'.join(keys)}] ").strip().casefold()[:1]
    return choice


def describe_on_terminal(skill: Skill, ask: Prompt = input, say: Say = print) -> Skill:
    """Ask what each value is and which requests the skill answers, store what was answered,
    say how to change it later; returns the skill as stored."""
    described = ask_about(skill, ask, say)
    questions = sum(new.description != old.description for new, old in zip(described.params, skill.params, strict=True))
    examples = len(described.examples) - len(skill.examples)
    if described == skill:
        say(f'Nothing added; later: deskhand skills edit {skill.name} --param NAME --describe "QUESTION"')
        return skill
    with open_store() as store:
        store.save(described, replace=True)
    say(f"Saved {questions} question(s), {examples} example request(s); to change: deskhand skills edit {skill.name}")
    return described


def ask_about(skill: Skill, ask: Prompt = input, say: Say = print) -> Skill:
    """``skill`` with the questions and example requests the user gave; nothing is stored here.
    Enter skips a question, Ctrl-D or Ctrl-C skips the rest."""
    try:
        if skill.params:
            say("What should Deskhand ask when a request lacks one of these values? (Enter skips)")
        for p in skill.params:
            skill = answer(ask, say, f"  {p.name} ({p.description}; {hint(p)}): ", describing(skill, p.name)) or skill
        say('Requests this skill carries out, in your words, e.g. "file my lunch with Li Si" (Enter ends):')
        while (more := answer(ask, say, "  request: ", adding_example(skill))) is not None:
            skill = more
    except (EOFError, KeyboardInterrupt):
        say("")  # the cursor is still on the prompt's line
    return skill


def answer(ask: Prompt, say: Say, prompt: str, change: Callable[[str], Skill]) -> Skill | None:
    """Ask until the answer can be used: the changed skill, or None for an empty answer."""
    while True:
        text = ask(prompt).strip()
        if not text:
            return None
        try:
            return change(text)
        except UsageError as err:
            say(f"  {err.message}; once more, or Enter to skip")


def describing(skill: Skill, name: str) -> Callable[[str], Skill]:
    return lambda text: edit.describe_param(skill, name, text)


def adding_example(skill: Skill) -> Callable[[str], Skill]:
    return lambda text: edit.add_examples(skill, [text])


def hint(p: SkillParam) -> str:
    return "secret" if p.secret else f"e.g. {p.example!r}" if p.example else "no example"
