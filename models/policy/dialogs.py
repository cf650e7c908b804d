"""Answering the dialog in front by what it is and what it says, in any toolkit's words.

- A message box with one button is acknowledged; the option carries what it said
  (progress.ABOUT). Once the form is back in view, a message that names one of its
  fields ("Amount is required", "金额 不能为空") makes that field and the form's commit
  not done: the field is filled again (asked for, when the request gives no value)
  and the commit pressed again. (The box often covers the field while it is up, so
  the naming is matched afterwards.)
- A confirmation drawn inside its window (a web page's modal: no window of its own) is a
  question with two or more buttons in a row just below it, answered the same way.
- A confirmation's answer is its affirmative button by meaning: what the trust rule
  (automation.commit_rule.commits) calls committing, or the verb its own question or the
  request uses ("Register this entry?" → "Register"). A request that refuses ("no,
  cancel") takes a button that does not commit instead.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from automation.commit_rule import commits
from automation.types import Click, Target
from models.policy.matching import match_label
from models.policy.options import (
    AFFIRMATIONS,
    COMMIT_RULE,
    FACT,
    LAST,
    NEGATIONS,
    PLAN_MIN,
    Option,
    affirmative,
    quoted,
)
from models.policy.progress import ABOUT, DoneSoFar
from models.policy.screen import Label, ScreenReading
from models.policy.values import Slot, looks_secret, question_for
from models.policy.words import WordAt, content, same_word, tokens

MAX_BUTTON_WORDS = 4
QUESTION_REACH = 160  # pixels: how far below and beside a drawn question its buttons may sit
ROW_SLACK = 12  # pixels: buttons of one row have centres this close in height
DIALOG_BUTTONS = "the dialog's buttons"


def dialog_buttons(screen: ScreenReading) -> list[Label]:
    """The dialog's buttons: its outlined labels. (An open menu is a window over the form too;
    its items are plain labels, never taken for a message box's button.)"""
    own = [lb for lb in screen.labels if lb.window == screen.dialog and lb.role == "button"]
    return sorted((lb for lb in own if len(lb.text.split()) <= MAX_BUTTON_WORDS), key=lambda lb: lb.box.x)


def message(screen: ScreenReading, buttons: list[Label]) -> str:
    return " ".join(lb.text for lb in screen.labels if lb.window == screen.dialog and lb not in buttons)


def drawn_question(screen: ScreenReading) -> tuple[str, list[Label]] | None:
    """A confirmation drawn inside the window (a web page's modal): a question and, just below
    it, two or more buttons side by side. Its text and buttons, or None."""
    if screen.dialog is not None:
        return None
    # A modal drawn over a form covers its fields, and a button lying where the form's column of
    # fields runs reads as a field's value ("OK" under a covered "Due date"): an outlined one counts.
    buttons = [lb for lb in screen.labels if lb.role == "button" or (lb.role == "value" and lb.boxed)]
    for q in screen.labels:
        if not q.text.rstrip().endswith(("?", "？")) or q.role not in ("prose", "text") or not worded(q.text):
            continue
        below = [
            b
            for b in buttons
            if b.window == q.window
            and q.box.bottom <= b.box.y <= q.box.bottom + QUESTION_REACH
            and q.box.x - QUESTION_REACH <= b.box.x <= q.box.right + QUESTION_REACH
            and len(b.text.split()) <= MAX_BUTTON_WORDS
        ]
        rows: dict[int, list[Label]] = {}
        for b in below:
            rows.setdefault(b.box.center[1] // ROW_SLACK, []).append(b)
        row: list[Label] = max(rows.values(), key=len, default=[])
        if len(row) >= 2:
            return q.text, sorted(row, key=lambda b: b.box.x)
    return None


def worded(text: str) -> bool:
    """Whether ``text`` holds a word (two letters, or one CJK character): a question does. A help
    button's lone "?" read as text is none: over KeePassXC's entry form it made the icons of a
    password field below it (the tree's "Generate Password (Ctrl+G)") a confirmation's buttons,
    and the model's first option was to press one of them."""
    return re.search(r"[^\W\d_]{2,}|[\u4e00-\u9fff]", text) is not None


def field_name(label: str) -> str:
    return label.strip().rstrip(":*").strip().casefold()


def after_messages(done: DoneSoFar, screen: ScreenReading) -> DoneSoFar:
    """``done`` once the closed message boxes are read against the form in view: for each that
    names a field, the form's commits and that field's typing done before it are undone."""
    if screen.dialog is not None or not done.messages:
        return done
    steps = Counter(done.done)
    warned: list[str] = []
    fields = screen.of_role("field")
    for said, before in done.messages:
        named = [lb.text for lb in fields if len(field_name(lb.text)) >= 2 and field_name(lb.text) in said.casefold()]
        if not named:
            continue  # "Saved.", "Entry 3 stored": nothing to redo
        for step, count in before.items():
            if step[0] == "click" and not step[2]:
                steps[step] -= count
        for name in named:
            for step in (("type", name.casefold()), ("click", name.casefold(), "field")):
                steps[step] -= before[step]
            if steps[("type", name.casefold())] <= 0 and steps[("click", name.casefold(), "field")] <= 0:
                warned.append(name)
    return replace(done, done=+steps, warned=tuple(dict.fromkeys(warned)))


def dialog_options(screen: ScreenReading, words: list[WordAt], done: DoneSoFar) -> list[Option]:
    drawn = drawn_question(screen)
    if screen.dialog is None and drawn is None:
        return []
    buttons = dialog_buttons(screen) if drawn is None else drawn[1]
    if not buttons:
        return []
    said = message(screen, buttons) if drawn is None else drawn[0]
    if len(buttons) == 1:
        (button,) = buttons
        about = f"{ABOUT}{quoted(said)}" if said.strip() else "to close the message"
        return [Option("click", f"click {quoted(button.text)} {about}", button.text, button.window, score=100.0, at=-1)]
    asked = content(tokens(said))
    request = {w.text for w in words}
    refuses = bool(request & NEGATIONS)
    commit_asked = any(commits(Click(Target(w.text)), COMMIT_RULE) for w in words)
    agrees = bool(request & AFFIRMATIONS) or any(same_word(w.text, a.text) for w in content(words) for a in asked)
    agrees = agrees or (done.acted and commit_asked)
    # A dialog with fields of its own is a form (an "Add transaction" window), not a question: its
    # buttons commit what the fields hold, so they come after every value the request gives, and
    # the ones that go ahead are one choice, the button the request's words name best first.
    form = drawn is None and len([lb for lb in screen.of_role("field") if lb.window == screen.dialog]) >= 2
    found = []
    # a form dialog filed once (one of its buttons that go ahead was clicked) is not filed again; if it
    # stays up (an "Add" that keeps it open for the next entry), its other buttons close it
    filed = [
        lb
        for lb in buttons
        if form
        and affirmative(lb.text, [*asked, *content(words)])
        and done.was_done_in(("click", lb.text.casefold(), ""), lb.window)
    ]
    for lb in buttons:
        yes = affirmative(lb.text, [*asked, *content(words)])
        wanted = (yes and agrees and not refuses) or (not yes and refuses)
        if filed:
            if not yes and abs(lb.box.center[1] - filed[0].box.center[1]) <= ROW_SLACK:  # the same row
                text = f"click {quoted(lb.text)} to close the dialog (the entry is filed)"
                found.append(Option("click", text, lb.text, lb.window, score=PLAN_MIN + 5, at=-1))
            continue
        found.append(
            Option(
                "click",
                f"click {quoted(lb.text)} in the dialog",
                lb.text,
                lb.window,
                score=100.0 if wanted else 30.0,
                at=(LAST if form else 0) if wanted else 10_000,
                group=DIALOG_BUTTONS if form and wanted else "",
            )
        )
    if form:
        found.sort(key=lambda o: -match_label(o.label, words).score)
    return found


def refill_options(screen: ScreenReading, done: DoneSoFar, offered: list[Option]) -> list[Option]:
    """Fields a closed message named: typed again when the request gives their value (those
    options are offered already), the user's answer typed, else the user asked."""
    if screen.dialog is not None or not done.warned:
        return []
    typing = {o.label.casefold() for o in offered if o.kind == "type"}
    found = []
    for lb in screen.of_role("field"):
        name = lb.text.casefold()
        if name not in {w.casefold() for w in done.warned} or name in typing or looks_secret(lb.text):
            continue
        slot = Slot(lb.text, question_for(lb.text), users_own=True)
        if name in done.answers:
            text = f"type the user's answer into {quoted(lb.text)}"
            found.append(Option("type", text, lb.text, lb.window, True, slots=(slot,), score=FACT, at=-1))
        else:
            text = f"ask the user for {quoted(lb.text)} (the form says it is needed)"
            found.append(Option("ask", text, lb.text, lb.window, slots=(slot,), score=FACT, at=-1))
    return found
