"""The questions at the end of `deskhand record` on a terminal: what to ask for each value, and
which requests the new skill answers.

Asked only when a person is there (record_command asks when stdin is a terminal).
Enter skips a question, Ctrl-D or Ctrl-C skips the rest. Answers go through the same
edits as `deskhand skills edit`, and the skill is saved again once, at the end.
"""

from __future__ import annotations

from collections.abc import Callable

from automation.errors import UsageError
from automation.skill_card import SkillParam
from automation.skills import edit
from automation.skills.model import Skill

Ask = Callable[[str], str]  # input(), or a test's answers
Say = Callable[[str], None]


def describe_on_terminal(skill: Skill, ask: Ask = input, say: Say = print) -> Skill:
    """Ask, store what was answered, say how to change it later; returns the skill as stored."""
    from app.skills_command import open_store

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


def ask_about(skill: Skill, ask: Ask = input, say: Say = print) -> Skill:
    """``skill`` with the questions and example requests the user gave; nothing is stored here."""
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


def answer(ask: Ask, say: Say, prompt: str, change: Callable[[str], Skill]) -> Skill | None:
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
