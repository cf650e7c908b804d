"""The goal check: may the agent say "finished"? Only when the screen shows the goal.

A request's goal is the values it gives (with the answers and attached documents),
each in the field it belongs to, and, when it asks to submit, save, send, file, post
or book, that commit. Both are read off the screen, never taken from the agent's own
account of what it did:

- a value is met when, after the last step that entered values, an observation reads
  it back in its field: the outline right of the field's label on its row, or just
  below it (labels above their fields), else the text on the label's row. Each value
  is paired with a field the request names next to it ("42.50 as the amount"), else
  the question it answered, else the field it was typed into, else any field;
- the commit is met when a step after the last value was entered changed the screen
  the way a commit does: a window closed, or a text appeared that was not there
  before (a status line, a read-out, a new record), and no dialog opened since is
  still waiting for an answer;
- a file the request names ("save it as copy.txt") is met when the screen names it at
  the end: a window's title, or a status or read-out, not a dialog's box nor typed text;
- a text typed from the request that is its instruction, not a value it gives ("the
  invoice number and save the file"), is a guess and never met.

Pure functions over plain data: the loop (loop.py) gathers the observations and the
history, app/ reports the verdict (``--json``: ``finished``, ``unmet``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from automation.commit_rule import CommitRule, commits, dismisses
from automation.decisions import Act, Ask, RunSkill, Turn
from automation.file_names import base_name, unix_path
from automation.numbers.arithmetic import (
    calculation_in,
    displayed,
    keypad,
    operands_of,
    results_of,
    shows_result,
    unworked,
)
from automation.numbers.written import normalize_number
from automation.numbers.written import numbers_in as written_numbers
from automation.secrets import SECRET_TOKEN, is_secret_label
from automation.stated import stated_value
from automation.types import Box, Click, Key, Observation, TextSpan, TypeText, Window
from automation.value_words import (
    mentions,
    names_no_act,
    quoted_in,
    says_what_to_do,
    told_to_leave,
    wanted_mark,
)

# Verbs that ask for a commit, as data: a request with one of these is only done once
# the form took it. English words match whole words; Chinese ones anywhere.
COMMIT_WORDS = (
    "submit save send file post book reserve lodge commit register apply approve pay order transfer "
    "提交 保存 发送 寄出 归档 发布 预订 预约 递交 报销 登记 注册 申请 审批 支付"
)
CHOOSE = re.compile(r"\b(?:choose|select|pick)\b")  # a request that chooses a value from a list
# a name the request says to press ("press OK", "click on the Save button"): a control to work, not
# a value to show; it is met once the run pressed it
PRESS = re.compile(r"\b(?:press|click|hit|tap|push)(?:\s+on)?(?:\s+the)?\s*$", re.IGNORECASE)
# a name the request gives as what something becomes or is called ("rename it to X", "save it as X"),
# or as a party of what is filed ("a trip for Li Na", "lunch with Zhang San", "bought from Acme")
GIVES = re.compile(r"\b(?:to|as|into|named|called|for|with|from|by)\s+(?:the\s+)?$", re.IGNORECASE)
KEY_NAMES = {"enter": "return", "esc": "escape"}  # a key as a request names it, as X names it
NUMBER = re.compile(r"(?<![\w.,])[-+]?[$€£¥￥]?\s?(\d{1,3}(?:,\d{3})+|\d+)(?:[.,](\d+))?(?!\w)")
CLAUSE = re.compile(r"[,;，；。]|\band\b|\bthen\b|和|并|然后")
ROW_SLACK = 6  # pixels: a value's centre this far off its label's row still counts as on it
BELOW = 3  # label heights: how far under a label its field may start (labels above fields)
REACH = 420  # pixels right of a label where an unoutlined field's text may sit
MIN_FIELD_W = 30
SIGNS = "-+−"  # a sign a number field may show before an amount it formats
# how OCR reads a text caret, or the field's right edge, standing right after its text; Athena's "^"
# under the line after the last letter reads as a full stop or a comma (xfig's "chart5.eps.")
CARETS = "|lI1!)].,^"
EARLIER = "not submitted after the last value (a commit before it is not repeated)"
LOOKALIKES = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1", "S": "5", ",": ".", " ": ""})


@dataclass(frozen=True)
class Want:
    """One value the goal needs on screen, and the field label it belongs in (None: any field)."""

    value: str
    field: str | None = None
    # a name the request gives for a field, found by its capital letter: the field must hold it
    # among its words ("Lunch" of "the memo Lunch with Li"), not be it exactly
    within: bool = False


@dataclass(frozen=True)
class Goal:
    values: tuple[Want, ...] = ()
    commit: bool = False  # the request asks to submit, save, send, file, post or book
    # values typed into a field that neither the request, an answer nor a document gives:
    # a guess is never a goal met, even when it reads back
    unsourced: tuple[Want, ...] = ()
    # texts typed from the request that are its instruction, not a value it gives ("the invoice
    # number and save the file"): a guess too
    described: tuple[Want, ...] = ()
    # the name of the file the request names ("copy.txt" of "save a copy as /tmp/out/copy.txt"):
    # once saved, the screen shows it (the window's title, a status or read-out naming it)
    file: str | None = None
    # controls the run acted on that the request said to leave alone ("do not tick Urgent",
    # "leave the city empty"): never a goal met, whatever the screen shows
    left_alone: tuple[str, ...] = ()
    # the request says save: a window whose title still marks unsaved changes at the end is not saved
    saves: bool = False
    # controls the request says to press ("press OK"): met once the run pressed each
    pressed: tuple[str, ...] = ()
    # check boxes the request sets, and the state it wants ("tick Urgent": True, "untick Urgent":
    # False): a click toggles, so a box ticked before "tick" was clicked ends unticked
    marks: tuple[tuple[str, bool], ...] = ()
    # check boxes the run clicked that the request neither sets nor names: one left in another state
    # than it was found in is a change nobody asked for ("tick Generate Q_OBJECT macro" clicked the
    # box "Generate copy constructor" first)
    unasked_marks: tuple[str, ...] = ()
    # the results a calculation the request spells out may end at ("12 times 7 plus 3": 87): on a
    # keypad, the display must show one (keys pressed with no "=" left "3" there, "finished"), and
    # its numbers (``operands``) are keys pressed on the way, not values to show
    result: tuple[Decimal, ...] = ()
    operands: tuple[str, ...] = ()
    # an operation the request asks that Deskhand does not work out ("percent", "squared"): on a
    # keypad no display can be checked, so the run is never finished ("200 plus 10 percent" once
    # ended "finished" at 210)
    unworked: str | None = None

    @property
    def empty(self) -> bool:
        return (
            not self.values
            and not self.commit
            and not self.unsourced
            and not self.described
            and not self.file
            and not self.left_alone
            and not self.pressed
            and not self.marks
            and not self.unasked_marks
            and not self.result
            and not self.unworked
        )


@dataclass(frozen=True)
class GoalReading:
    finished: bool
    unmet: tuple[str, ...]  # each names the field and value, or "not submitted", or the open dialog


def asks_commit(request: str) -> bool:
    """Whether ``request`` asks for a commit: a commit verb (not the noun: "file it", not "the File
    menu" or "a book") that it does not negate ("do not submit yet") and that names no check box
    the request ticks ("tick Send copy")."""
    text = request.casefold()
    for word in COMMIT_WORDS.split():
        if word.isascii():
            pattern = rf"(?<!\bthe )(?<!\ba )(?<!\bthis )(?<!\bmy )\b{word}(s|ed|ing)?\b(?! menu)"
        else:
            pattern = re.escape(word)
        if any(not names_no_act(request, m.start(), m.end()) for m in re.finditer(pattern, text)):
            return True
    return False


def numbers_in(text: str) -> list[str]:
    """Numbers as written, minus currency signs; dates and times are left out."""
    found = []
    for m in NUMBER.finditer(text):
        before, after = text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1]
        if (before and before in "-/:") or (after and after in "-/:"):
            continue
        found.append(re.sub(r"^[-+]?[$€£¥￥]?\s?", "", m.group(0)).strip())
    return found


def clause_of(request: str, at: int) -> tuple[int, int]:
    """The stretch of ``request`` around offset ``at`` between clause breaks."""
    start, end = 0, len(request)
    for m in CLAUSE.finditer(request):
        if m.end() <= at:
            start = m.end()
        elif m.start() >= at + 1:
            end = m.start()
            break
    return start, end


def named_field(request: str, value: str, labels: Sequence[str]) -> str | None:
    """The field label the request names in the same clause as ``value``, nearest to it. A unit in
    brackets is no part of the name the request uses ("20 as the quota" names "Quota (GB)")."""
    at = value_at(request, value)
    if at < 0:
        return None
    start, end = clause_of(request, at)
    clause = request[start:end].casefold()
    best: tuple[tuple[int, int], str] | None = None
    for label in labels:
        name = re.sub(r"\s*[(\[][^)\]]*[)\]]", "", plain(label)).strip() or plain(label)
        if len(name) < 2 or name in value.casefold():
            continue
        hit = re.search(rf"(?<!\w){re.escape(name)}" + (r"(?!\w)" if name.isascii() else ""), clause)
        if hit is None and name.isascii() and name.endswith("s"):
            hit = re.search(rf"(?<!\w){re.escape(name[:-1])}(?!\w)", clause)
        if hit is not None:
            # the gap between the two: "with 2027-01-04 as the start date" names the start date, not
            # the user name before "with" (measured from the value's start, the name after it lost)
            begin, stop = start + hit.start(), start + hit.end()
            gap = request[at + len(value) : begin] if begin >= at + len(value) else request[stop:at]
            # words that tie a value to its field ("as the", "for the", "is") are no distance
            distance = (sum(w not in TIE_WORDS for w in re.findall(r"\w+", gap.casefold())), len(gap))
            if best is None or distance < best[0]:
                best = (distance, label)
    return best[1] if best else None


TIE_WORDS = frozenset({"as", "the", "a", "an", "for", "in", "into", "to", "is", "are", "of"})


def value_at(request: str, value: str) -> int:
    """Where ``request`` gives ``value`` whole: "20" of "20 as the quota", not the "20" that starts
    "2027-01-04" earlier in it (the quota was then looked for in the date's clause), nor the "Zhang"
    that starts the name "Zhang San" (of "Zhang San as the first name, Zhang as the last name");
    -1 if nowhere."""
    text, wanted = request.casefold(), value.casefold()
    found = [m.start() for m in re.finditer(rf"(?<![\w.,/-]){re.escape(wanted)}(?![\w]|[.,/-]\w)", text)]
    alone = [at for at in found if not in_longer_name(request, at, at + len(value))]
    return (alone or found or [text.find(wanted)])[0]


def in_longer_name(request: str, start: int, end: int) -> bool:
    """Whether the capitalised words at ``request[start:end]`` go on into a longer name ("Zhang" of
    "Zhang San"): a capitalised word right before or after them."""
    if not request[start:end][:1].isupper():
        return False
    before = re.search(r"([A-Z][\w'-]*)\s+$", request[:start])
    after = re.match(r"\s+[A-Z]", request[end:])
    return (before is not None and before.start() > 0) or after is not None


def paired_field(request: str, value: str, labels: Sequence[str], history: Sequence[Turn]) -> str | None:
    """The field ``value`` belongs in: the one the request names next to it, unless the run typed
    another value into that field and this one elsewhere ("a transaction of 12.50 with the memo
    Lunch": the memo holds "Lunch", 12.50 went into the amount), else the field it was typed into."""
    named, typed = named_field(request, value, labels), typed_field(history, value)
    if named is not None and typed is not None and plain(typed) != plain(named):
        there = last_typed_into(history, named)
        if there is not None and there.strip().casefold() != value.strip().casefold():
            return typed
    return named or typed


def last_typed_into(history: Sequence[Turn], field: str) -> str | None:
    """The text the run last typed into ``field``, if it typed into it."""
    for turn in reversed(history):
        action = turn.decision.action if isinstance(turn.decision, Act) else None
        if turn.ok and isinstance(action, TypeText) and action.into and plain(action.into.label) == plain(field):
            return action.text
    return None


def typed_field(history: Sequence[Turn], value: str) -> str | None:
    """The field label the agent typed ``value`` into last, if it did."""
    for turn in reversed(history):
        action = turn.decision.action if isinstance(turn.decision, Act) else None
        if turn.ok and isinstance(action, TypeText) and action.text.strip() == value and action.into:
            return action.into.label
    return None


def given(value: str, numbers_from: Sequence[str], texts_from: Sequence[str]) -> bool:
    """Whether a typed ``value`` is one the sources give: a number equal to one written in
    ``numbers_from`` (the user's words, a document's read values), else a text found in
    ``texts_from`` (those and the documents' text), else a path whose folder and name both are
    (a file dialog's name box takes "/tmp/out/copy.txt" for "copy.txt in /tmp/out")."""
    number = normalize_number(value)
    if number is not None:
        return any(Decimal(n) == Decimal(number) for s in numbers_from for n in written_numbers(s))
    value = unix_path(value.strip())  # a Wine program's box takes "Z:\\tmp\\copy.txt" for "/tmp/copy.txt"
    folded = value.casefold()
    if any(folded in s.casefold() for s in texts_from):
        return True
    folder, _, name = value.rpartition("/")
    if not (folder and name):
        return False
    home = os.path.expanduser("~")
    folders = [folder] + ([f"~{folder[len(home) :]}"] if home != "~" and folder.startswith(home) else [])
    return given(name, (), texts_from) and any(given(f, (), texts_from) for f in folders)


def names_in(request: str, labels: Sequence[str]) -> list[str]:
    """Names the request gives as values: runs of words written with a capital (not its first
    word, which a sentence capitalises anyway) that are no word of a field label ("enter Tartu as
    the city", "在 项目 填入 Graz"). A value typed that the request names this way is in the goal
    even when the agent never typed it: a request half done is not done."""
    label_words = {w for lb in labels for w in re.findall(r"\w+", plain(lb))}
    found: list[str] = []
    run: list[str] = []
    for m in re.finditer(r"[^\s,;，；。]+", request):
        word = m.group().strip("\"'“”‘’.!?")
        name = m.start() > 0 and word[:1].isupper() and word.isalpha() and word.casefold() not in label_words
        if name:
            run.append(word)
            continue
        if run:
            found.append(" ".join(run))
        run = []
    if run:
        found.append(" ".join(run))
    return found


def goal_of(
    request: str,
    history: Sequence[Turn],
    answers: Sequence[str],
    facts: Sequence[tuple[str, str]],
    labels: Sequence[str],
    documents: Sequence[str] = (),
    checks: Sequence[str] = (),
) -> Goal:
    """What ``request`` wants on screen, given the field ``labels`` the screen showed.

    Values are the request's numbers and quoted texts, the other texts the agent
    typed that the request, an answer or a document says, every answer to a question
    about a field, and an attached document's amount. A learned skill that ran checks
    its own end (replay), so the values it was given are not asked again here.

    A value typed into a field that none of those give (numbers: the request, the
    answers and the documents' read values, never any digits of a document's text) is
    a guess: it is ``unsourced`` and keeps the goal unmet; so is a text typed (into a field
    or on the keyboard) that is the request's own instruction (``described``). The file the
    request names is ``file`` once the run acted on screen or the request asks a commit. ``checks``
    are the check boxes' labels the screen showed: those the request ticks or unticks are ``marks``."""
    skills = [t.decision for t in history if t.ok and isinstance(t.decision, RunSkill)]
    by_skill = {v.casefold() for run in skills for v in run.args.values()}
    sources = [request, *answers, *(v for _, v in facts)]
    wants: dict[str, Want] = {}

    def add(value: str, field: str | None) -> None:
        value = value.strip()
        if SECRET_TOKEN.search(value):
            return  # a secret stands for itself only when typed; its field shows bullets, read back there
        if value and value.casefold() not in by_skill and value.casefold() not in wants:
            wants[value.casefold()] = Want(value, field)

    for value in [*numbers_in(request), *quoted_in(request)]:
        add(value, paired_field(request, value, labels, history))
    asked = [t.decision for t in history if isinstance(t.decision, Ask)]
    for question, answer in zip(asked, answers, strict=False):
        param = question.param
        if answer.strip() and not question.is_secret and not question.places:
            field = next((lb for lb in labels if plain(lb) == plain(param)), None)
            add(answer, field or typed_field(history, answer.strip()))
    guesses: dict[str, Want] = {}
    described: dict[str, Want] = {}
    own = [*answers, *(v for _, v in facts)]  # what the user answered or a document's reader found
    for turn in history:
        action = turn.decision.action if isinstance(turn.decision, Act) else None
        if not (turn.ok and isinstance(action, TypeText)) or (action.into and is_secret_name(action.into.label)):
            continue
        if not action.text.strip() or SECRET_TOKEN.search(action.text):
            continue
        into = action.into.label if action.into else None
        if says_what_to_do(action.text, request) and not given(action.text, own, own):
            described.setdefault(action.text.strip().casefold(), Want(action.text.strip(), into))
            continue
        if action.into is None:
            continue  # typed into whatever had the focus: no field to read it back in
        if given(action.text, sources, sources):
            add(action.text, named_field(request, action.text, labels) or action.into.label)
        elif not given(action.text, sources, [*sources, *documents]):
            guesses.setdefault(action.text.strip().casefold(), Want(action.text.strip(), action.into.label))
    amount = next((v for name, v in facts if name == "amount"), None)
    if amount is not None and not skills:
        add(amount, typed_field(history, amount))
    typing = any(t.ok and isinstance(t.decision, Act) and isinstance(t.decision.action, TypeText) for t in history)
    # A name the agent chose by clicking it (a list's item) is left out, as before names counted:
    # a combo box's read-back is too weak to judge it (GTK's read 'Low' for 'Normal', the web page's 'v').
    chosen = {
        t.decision.action.target.label.casefold()
        for t in history
        if t.ok and isinstance(t.decision, Act) and isinstance(t.decision.action, Click)
    }
    # the clauses that choose ("choose Lodging as the category", not "... and export it as JSON")
    picking = [clause_of(request, m.start()) for m in CHOOSE.finditer(request.casefold())]
    # a name the request says to press is a control to work ("press OK"), not a value to show: once
    # the form closed, "'OK' not shown" failed a run that did all it was asked, and while it showed,
    # the button's own text met it whether it was pressed or not
    # The labels the run clicked are labels too: "click New contact" (an icon named by its tooltip,
    # no field's label) gave "New" as a name, and its click was "not pressed".
    every = names_in(request, [*labels, *chosen])
    pressed = tuple(
        n for n in every if PRESS.search(request[: request.find(n)]) and not skills and not told_to_leave(request, n)
    )
    # a name the request says to leave alone ("do not tick Urgent") is no value it gives
    marks = tuple(
        (label, on)
        for label in dict.fromkeys(checks)
        if (on := wanted_mark(request, label, [c for c in checks if c != label])) is not None
    )
    # nor a check box it ticks ("tick Urgent"): its state is the goal (``marks``), not a text shown
    marked = [plain(label) for label, _ in marks]
    names = [
        n
        for n in every
        if not clicked_as(n, chosen)
        and not told_to_leave(request, n)
        and n not in pressed
        and not any(mentions(label, plain(n)) for label in marked)
    ]
    acted = any(t.ok and isinstance(t.decision, Act) for t in history)
    for name in names:
        at = request.find(name)
        picks = any(start <= at < end for start, end in picking)
        # "rename it to Quarterly Report", "file a trip for Li Na": a name the request gives as what
        # something becomes, or as a party of it, is wanted once the run acted, typing or not (a
        # prompt's OK pressed over its old text was "finished"; so could a form's OK be, pressed with
        # the traveller's name nowhere)
        becomes = acted and GIVES.search(request[:at]) is not None
        field = named_field(request, name, labels)
        # a name with no field label read near it still counts once the run fills fields (the label
        # may be one OCR missed), or when the request chooses it ("choose Dollar as the currency":
        # a run that chose nothing is not done); a reply to a request that only mentions a name
        # stays a reply
        # a part of a longer value the request gives ("San" of "Zhang San", where "Zhang" read as a
        # label) is that value's, not one of its own
        part = any(w.value.casefold() != name.casefold() and holds_words(w.value, name) for w in wants.values())
        if (
            (field is not None or typing or picks or becomes)
            and name.casefold() not in by_skill
            and name.casefold() not in wants
            and not part
        ):
            wants[name.casefold()] = Want(name, field, within=True)
    # a value the request ties to a field on screen by its grammar ("work account as the notes",
    # "wang.wei as the username"), whatever its case: wanted in that field once the run acted or a
    # commit is asked, typed or not. Only numbers, quotes and names written with a capital were: the
    # default model clicked the caption "Notes:" (it named a check box) instead of typing the notes,
    # pressed OK, and nothing wanted them (KeePassXC's entry form). One picked from a list, or
    # clicked as a list's item, is judged as before: a combo's read-back is too weak.
    if acted or asks_commit(request):
        for label in dict.fromkeys(labels):
            if plain(label) in wants:
                continue  # a value read as a label (a list's cell behind a dialog): it names no field
            stated = stated_value(request, label)
            if stated is None or is_secret_name(label) or SECRET_TOKEN.search(stated) or clicked_as(stated, chosen):
                continue
            if any(other != label and mentions(stated.casefold(), plain(other)) for other in labels):
                continue  # it runs into another field's name: no value of this one
            at = request.find(stated)
            if any(start <= at < end for start, end in picking) or told_to_leave(request, label):
                continue
            add(stated, label)
    # the file the request names: once something was done on screen, or a commit asked (a reply to
    # "what is in notes.txt" stays a reply); a skill's replay checks its own end
    saved_as = base_name(request)
    if saved_as and (FILE_VERB.search(request) is None or field_value_not_file(request, saved_as, labels)):
        saved_as = None
    file = saved_as if saved_as and not skills and (acted or asks_commit(request)) else None
    if file is not None:
        # The name typed into a save dialog's box is judged by the file check: the box closes with
        # the dialog, and what it showed last was read once, on the page (Mousepad's Name box held
        # "/work/lead-r17/mp/note.txt", read ".../jlead-r17/...": the file saved, the run exit 1).
        wants = {k: w for k, w in wants.items() if not names_the_file(w, file)}
    commit = asks_commit(request) and not skills
    left = tuple(dict.fromkeys(t for t in acted_on(history) if told_to_leave(request, t)))
    saves = commit and SAVE_WORDS.search(request.casefold()) is not None
    folded = request.casefold()
    unasked = tuple(
        label
        for label in dict.fromkeys(acted_on(history))
        if plain(label) in {plain(c) for c in checks}
        and plain(label) not in marked
        and not mentions(folded, plain(label))
    )
    return Goal(
        tuple(wants.values()),
        commit,
        tuple(guesses.values()),
        tuple(described.values()),
        file,
        left,
        saves,
        pressed,
        marks,
        unasked,
        results_of(request) if not skills else (),
        tuple(operands_of(calculation_in(request))) if not skills else (),
        unworked(request) if not skills else None,
    )


# what a request does with a file it names: without one, a dotted word ("li.na", "shop.example") is a
# value like any other ("enter the username li.na": "not saved as li.na" failed a stored entry)
FILE_VERB = re.compile(
    r"\b(?:sav|export|writ|wrote|download|stor|renam|cop(?:y|ie)|mov|attach|upload|open)\w*|保存|存|导出|另存",
    re.IGNORECASE,
)
FILE_LABEL = re.compile(r"^(?:file\s*name|name|save\s+as|file)$|\bfile\b")  # a save dialog's name box


def names_the_file(want: Want, file: str) -> bool:
    """Whether ``want`` is the file's name (or its path), typed into a file's name box or with no field."""
    named = want.value.replace("\\", "/").rpartition("/")[2].casefold() == file.casefold()
    return named and (want.field is None or FILE_LABEL.search(plain(want.field)) is not None)


def field_value_not_file(request: str, name: str, labels: Sequence[str]) -> bool:
    """Whether ``name``, which looks like a file's ("wang.wei"), is what the request gives a field
    that is no file's name box ("wang.wei as the username"): a user name or a host with a dot is
    typed, not saved as. KeePassXC's entry was stored and the run ended "not saved as wang.wei"."""
    for label in labels:
        if FILE_LABEL.search(plain(label)):
            continue
        value = stated_value(request, label)
        if value is not None and name in value.split():
            return True
    return False


def mark_labels(obs: Observation) -> list[str]:
    """The labels of the check boxes ``obs`` shows."""
    return [e.label for e in obs.elements if e.kind == "check" and e.label.strip()]


def mark_state(obs: Observation, label: str) -> bool | None:
    """Whether the check box ``label`` shows ticked in ``obs`` (None: not shown, or its state unread)."""
    states = [e.checked for e in obs.elements if e.kind == "check" and plain(e.label) == plain(label)]
    return states[0] if len(states) == 1 else None


def marks_otherwise(goal: Goal, observations: Sequence[Observation]) -> list[str]:
    """The boxes the request sets that show the other state, each judged on the last observation
    that shows it (a form that closed on its commit is judged as it was before)."""
    wrong = []
    for label, on in goal.marks:
        state = next((st for obs in reversed(observations) if (st := mark_state(obs, label)) is not None), None)
        if state is not None and state != on:
            wrong.append(f"{label}: {'not ticked' if on else 'still ticked'}")
    return wrong


# What a message an application shows says when something went wrong: UI grammar, English and
# Chinese ("errors" is left out: "0 errors" reports a success)
ALARM = re.compile(
    r"\b(?:error|failed|failure|invalid|cannot|can't|could\s+not|unable|denied|not\s+allowed|exception)\b"
    r"|错误|失败|无效|无法|不能",
    re.IGNORECASE,
)
# Said of an alarm word just before it, it tells that nothing went wrong: "No errors", "Completed
# without error", "0 failures", "无错误", "没有错误".
CLEARED = re.compile(r"(?:\b(?:no|without|zero|0)\s+|无|没有|未发现)$", re.IGNORECASE)


def alarming(text: str) -> bool:
    """Whether ``text`` says something went wrong: an alarm word no "no" or "without" clears."""
    return any(not CLEARED.search(text[: m.start()]) for m in ALARM.finditer(text))


SAVE_WORDS = re.compile(r"\bsav(?:e|es|ed|ing)\b|保存|存盘")
# a modified mark standing against a word of a title: "*draft.txt - Editor", "draft.txt* - Editor"
MARKED_TITLE = re.compile(r"(?:^|\s)[*●]\S|\S[*●](?:\s|$)")


def unsaved(obs: Observation) -> list[str]:
    """Titles of the windows on screen that still mark unsaved changes."""
    return [w.title for w in obs.windows if MARKED_TITLE.search(w.title.strip())]


def acted_on(history: Sequence[Turn]) -> list[str]:
    """The labels the run clicked or typed into, in order."""
    found = []
    for turn in history:
        action = turn.decision.action if isinstance(turn.decision, Act) else None
        if turn.ok and isinstance(action, Click):
            found.append(action.target.label)
        elif turn.ok and isinstance(action, TypeText) and action.into is not None:
            found.append(action.into.label)
    return found


def is_secret_name(name: str) -> bool:
    return is_secret_label(name)


# --- reading the screen -------------------------------------------------------------------


def plain(text: str) -> str:
    return re.sub(r"[\s:：*]+$", "", text.strip().casefold()).strip()


def same_value(read: str, value: str) -> bool:
    a, b = read.strip().casefold(), value.strip().casefold()
    if a == b:
        return True
    # OCR's usual slips in digits and a decimal comma; thousands separators are formatting.
    return a.translate(LOOKALIKES) == b.translate(LOOKALIKES)


def label_spans(obs: Observation, field: str) -> list[TextSpan]:
    want = plain(field)
    return [s for s in obs.spans if plain(s.text) == want]


def field_box(label: TextSpan, obs: Observation) -> Box | None:
    """The outline right of ``label`` on its row, else the one just below it."""
    cy = label.box.center[1]
    right = [
        o
        for o in obs.outlines
        if o.y <= cy < o.bottom and o.x >= label.box.right - 2 and o.w >= MIN_FIELD_W and not contains(o, label.box)
    ]
    if right:
        return min(right, key=lambda o: o.x)
    below = [
        o
        for o in obs.outlines
        if label.box.bottom - 2 <= o.y <= label.box.bottom + BELOW * label.box.h
        and abs(o.x - label.box.x) <= 2 * label.box.h + 8
        and o.w >= MIN_FIELD_W
    ]
    return min(below, key=lambda o: o.y) if below else None


def element_box(label: TextSpan, obs: Observation) -> Box | None:
    """The entry or combo box the elements pair with ``label`` (found by its shape: an entry
    whose focus ring hides its outline from the outline finder, a file dialog's name box)."""
    for e in obs.elements:
        paired = e.label_box is not None and e.label_box.intersect(label.box) is not None
        if e.kind in ("text", "combo") and paired and plain(e.label) == plain(label.text):
            return e.box
    return None


def element_text(label: TextSpan, obs: Observation) -> str:
    """The text of the entry or combo box the elements pair with ``label``, "" when none or empty."""
    for e in obs.elements:
        paired = e.label_box is not None and e.label_box.intersect(label.box) is not None
        if e.kind in ("text", "combo") and paired and plain(e.label) == plain(label.text):
            return e.text.strip()
    return ""


def contains(outer: Box, inner: Box) -> bool:
    return outer.contains(*inner.center)


def field_area(obs: Observation, field: str) -> Box | None:
    """Where the field labelled ``field`` shows its text (its entry box), when the screen shows it."""
    labels = label_spans(obs, field)
    return (element_box(labels[0], obs) or field_box(labels[0], obs)) if labels else None


def read_field(obs: Observation, field: str) -> str | None:
    """The text in the field labelled ``field``: None when the label is not on screen."""
    labels = label_spans(obs, field)
    if not labels:
        return None
    label = labels[0]
    shown = element_text(label, obs)
    if shown:
        # the control's own reading (its words read apart at its border, or the tree's value): the
        # window's line read a spin box's "42" joined with its buttons' "- +", centred off the field
        return shown
    box = element_box(label, obs) or field_box(label, obs)
    # an open drop-down's items lie just below its field: what the list offers is not what it holds
    popups = open_popups(obs)
    same_window = [
        s
        for s in obs.spans
        if s.window == label.window and s is not label and not any(p.contains(*s.box.center) for p in popups)
    ]
    if box is not None:
        # a control outlined on its own within the field's box holds its own text, not the field's: a
        # notes box clipped by its scroll area has its tree bounds run on under the form's OK and
        # Cancel, and the notes read "work account OK Cancel" (KeePassXC)
        own = [o for o in obs.outlines if o != box and contains(box, o) and o.w * o.h < box.w * box.h / 2]
        inside = [s for s in same_window if contains(box, s.box) and not any(contains(o, s.box) for o in own)]
    else:  # no outline found: the text on the label's row, up to the next label-like text
        cy = label.box.center[1]
        row = sorted(
            (
                s
                for s in same_window
                if abs(s.box.center[1] - cy) <= label.box.h // 2 + ROW_SLACK
                and label.box.right <= s.box.x <= label.box.right + REACH
            ),
            key=lambda s: s.box.x,
        )
        inside = row[:1]
    return " ".join(s.text for s in sorted(inside, key=lambda s: (s.box.y, s.box.x))).strip()


def without_marks(read: str | None) -> str | None:
    """``read`` without the words after its text that hold no letter or digit: the glyphs of a
    button drawn inside the field ("23.40 — +": HomeBank's amount has its sign toggle there)."""
    if read is None:
        return None
    words = read.split()
    while len(words) > 1 and not any(c.isalnum() for c in words[-1]):
        words.pop()
    return " ".join(words)


def with_caret(read: str, value: str) -> bool:
    """``read`` is ``value`` and the text caret after it, read as a letter ("Mia Costal")."""
    return len(read.strip()) == len(value.strip()) + 1 and read.strip()[-1] in CARETS and same_value(read[:-1], value)


def caret_over_last(read: str, value: str) -> bool:
    """``read`` is ``value`` with its last character read as a caret: the caret touching the last
    glyph merges with it (Qt's "322.3)" for "322.37"). It may as well be a field that lost its last
    character with the caret after it, so this never meets a goal: the field is looked at again."""
    read, value = read.strip(), value.strip()
    return (
        len(value) >= 2
        and len(read) == len(value)
        and read[-1] in CARETS
        and not same_value(read[-1], value[-1])
        and same_value(read[:-1], value[:-1])
    )


def caret_hides(goal: Goal, observations: Sequence[Observation], history: Sequence[Turn]) -> bool:
    """Whether a value the goal wants reads, on the screen now, as typed into its empty field but
    with its last character under the caret: a later look, with the caret blinked off, tells."""
    if not observations:
        return False
    for want in goal.values:
        if want.field is None or not typed_into_empty(want, observations, history):
            continue
        read = without_marks(read_field(observations[-1], want.field))
        if read is not None and caret_over_last(read, want.value):
            return True
    return False


def with_own_sign(read: str, value: str) -> bool:
    """``read`` is ``value`` with a sign the field puts before it: HomeBank shows an expense typed as
    12.50 as "-12.50" (its own formatting; the amount is what was typed)."""
    read, value = read.strip(), value.strip()
    return (
        normalize_number(value) is not None
        and value[:1] not in SIGNS
        and read[:1] in SIGNS
        and same_value(read[1:].strip(), value)
    )


def holds_words(read: str, value: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(value.casefold())}(?!\w)", read.casefold()) is not None


def shows(obs: Observation, want: Want, labels: Sequence[str], caret: bool = False, typed: bool = False) -> bool:
    """``caret``: the field was empty and the agent typed exactly this value into it, so one
    caret-like letter after it is the caret, not a character of the field. ``typed``: the agent's
    last typing into the field was exactly this value, so a sign before it is the field's own."""
    if want.field is not None and label_spans(obs, want.field):
        read = without_marks(read_field(obs, want.field))
        if read is not None and want.within:
            return holds_words(read, want.value) or (caret and with_caret(read, want.value))
        return read is not None and (
            same_value(read, want.value)
            or (caret and with_caret(read, want.value))
            or (typed and with_own_sign(read, want.value))
        )
    fields = [lb for lb in labels if label_spans(obs, lb)]
    same = holds_words if want.within else same_value
    if fields:
        return any(same(read_field(obs, lb) or "", want.value) for lb in fields)
    # no field known: anywhere on screen, but in an open list or menu, whose items are offered, not held
    popups = open_popups(obs)
    return any(same(s.text, want.value) for s in obs.spans if not any(p.contains(*s.box.center) for p in popups))


def open_popups(obs: Observation) -> list[Box]:
    """Where the lists, menus and tooltips open over ``obs``'s windows lie: what shows there is
    what they offer, not what the window holds."""
    return [p.box for w in obs.windows for p in w.popups]


def field_labels(obs: Observation) -> list[str]:
    """Texts that label a field: short, not inside an outline, with an outline right of or below them
    that is no open pop-up (a menu title over its open menu: HomeBank's "Transactions" became the
    field of "a transaction of 8.40", read as showing "Reports", and held the save back), and not
    an item of an open drop-down list (its items stand in a column like a form's labels)."""
    popups = open_popups(obs)
    found = []
    for span in obs.spans:
        if any(p.contains(*span.box.center) for p in popups):
            continue
        words = span.text.split()
        short = 0 < len(words) <= 3 and sum(c.isalpha() for c in span.text) >= 2 and not span.text.endswith("?")
        if not short or any(contains(o, span.box) for o in obs.outlines):
            continue
        box = field_box(span, obs)
        if box is not None and not any(p.contains(*box.center) for p in popups):
            found.append(span.text.strip())
    return found


# --- the commit -----------------------------------------------------------------------------


def dialogs_opened(before: Sequence[Window], now: Sequence[Window]) -> list[Window]:
    """Windows in ``now`` that were not in ``before`` and lie over another as its dialog: still up."""
    old = {w.id for w in before}
    return [w for w in now if w.id not in old and any(w.lies_over(other) for other in now)]


def alarms_after(history: Sequence[Turn], observations: Sequence[Observation]) -> list[str]:
    """What a window that opened with the run's last step, and is still up, says went wrong:
    Grace's Axes dialog closed on its Accept and a console opened over the plot, "[Error] Too
    many ticks ( > MAX_TICKS ), autoticking"; the run was "finished"."""
    last = max((i for i, t in enumerate(history) if t.ok and isinstance(t.decision, Act)), default=-1)
    if last < 0 or last >= len(observations) - 1:
        return []
    before, now = observations[last], observations[-1]
    old = {w.id for w in before.windows}
    opened = {w.title for w in now.windows if w.id not in old}
    alarm = next((s for s in now.spans if s.window in opened and alarming(s.text)), None)
    if alarm is None:
        return []
    row = [
        s
        for s in now.spans
        if s.window == alarm.window and abs(s.box.center[1] - alarm.box.center[1]) <= alarm.box.h / 2
    ]
    line = " ".join(s.text.strip() for s in sorted(row, key=lambda s: s.box.x))
    return [f"{alarm.window!r} says {line!r}"]


def dialog_over(obs: Observation, since: Observation) -> Window | None:
    """A dialog that opened after ``since`` and is still up in ``obs``."""
    opened = dialogs_opened(since.windows, obs.windows)
    return opened[0] if opened else None


def texts(obs: Observation, windows: set[str] | None = None) -> set[str]:
    return {s.text.strip().casefold() for s in obs.spans if s.text.strip() and (windows is None or s.window in windows)}


def complaint(text: str, labels: Sequence[str]) -> bool:
    """A text that names a field of the form, as a whole word, is about that field ("Amount
    is required", "Amount must be a number"): a warning, not a saved record."""
    folded = text.casefold()
    for label in labels:
        name = plain(label)
        if name.isascii() and len(name) >= 3 and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", folded):
            return True
        if not name.isascii() and len(name) >= 2 and name in folded:
            return True
    return False


def new_texts(before: Observation, after: Observation, typed: Sequence[str]) -> set[str]:
    kept = {w.title for w in before.windows}
    return texts(after, kept) - texts(before, kept) - {t.strip().casefold() for t in typed}


def question(text: str) -> bool:
    """A text that asks something ("Book this entry?"): a confirmation drawn inside the window
    (a web page's modal), still waiting for its answer while it shows. It asks in words: a number
    with a "?" ("1?", xfig's ruler's "17" misread) asks nothing."""
    return text.rstrip().endswith(("?", "？")) and re.search(r"[^\W\d_]{2}|[\u2e80-\u9fff]", text) is not None


# Characters editors put around a document's name in the title while it holds unsaved changes
# ("*notes.txt - Editor", "notes.txt • Editor", "notes.txt [modified]" is words, not a mark).
MODIFIED_MARKS = "*•●◦+"


def unmarked(old: str, new: str) -> bool:
    """Whether the title ``new`` is ``old`` with its modified mark gone: the document was saved."""
    if old == new or not any(c in old for c in MODIFIED_MARKS):
        return False

    def bare(title: str) -> str:
        return " ".join("".join(c for c in title if c not in MODIFIED_MARKS).split())

    return (
        bool(bare(new))
        and bare(old) == bare(new)
        and sum(c in MODIFIED_MARKS for c in new) < sum(c in MODIFIED_MARKS for c in old)
    )


def backed_out(history: Sequence[Turn], observations: Sequence[Observation], start: int) -> str | None:
    """The control or key that closed a window by backing out (``dismisses``), from step ``start``
    on and before anything committed, else None: "Cancel" closing the form closed a window, and the
    run was "finished" with nothing submitted. An Escape that closed a list closed no window.
    ``observations`` pair with ``history`` as in ``check``."""
    last = len(observations) - 1
    for i in range(start, len(history)):
        turn = history[i]
        action = turn.decision.action if turn.ok and isinstance(turn.decision, Act) else None
        if action is None:
            continue
        before, after = observations[min(i, last)], observations[min(i + 1, last)]
        closed = bool({w.id for w in before.windows} - {w.id for w in after.windows})
        if closed and isinstance(action, Key) and dismisses(action):
            return action.combo
        if closed and isinstance(action, Click) and dismisses(action):
            return action.target.label
        if commits(action, CommitRule()):
            return None
    return None


def committed(before: Observation, after: Observation, typed: Sequence[str], labels: Sequence[str] = ()) -> bool:
    """Whether the screen changed from ``before`` to ``after`` the way a commit changes it:
    a window closed, a window's title lost its modified mark (an editor saved its document,
    whichever command did it), or a text showed that is not a typed value, a complaint about a
    field nor a question waiting for its answer."""
    gone = {w.id for w in before.windows} - {w.id for w in after.windows}
    if gone:
        return True
    titles = {w.id: w.title for w in before.windows}
    if any(w.id in titles and unmarked(titles[w.id], w.title) for w in after.windows):
        return True
    return any(not complaint(t, labels) and not question(t) for t in new_texts(before, after, typed))


# --- the file ---------------------------------------------------------------------------------


def names_file(obs: Observation, name: str, typed: Sequence[str], start: Observation | None = None) -> bool:
    """Whether the screen names the file ``name``: a window's title (where editors put the document's
    name), or a text in a window (a status, a read-out) that is not a typed value. Dialogs still up
    (a file dialog's name box holds the name before anything is saved) do not count."""
    # a name's dot may be read as a comma where the font draws it low and small (xfig's status line,
    # 'Export to "chart3.eps" done', read '"chart3,eps"')
    spelled = re.escape(name.casefold()).replace(r"\.", "[.,]")
    word = re.compile(rf"(?<![\w.-]){spelled}(?![\w-])(?!\.\w)")
    # A window that had a dialog over it when the run began is the one the run worked on through that
    # dialog, never a dialog itself: xfig's drawing window (under the run's Export dialog at first)
    # stands over its own "Error messages" window, which it mostly covers, and counted as a dialog
    # over it: neither its title nor its 'Export to "chart.eps" done' counted, "not saved as".
    under = {w.id for w in start.windows if any(d.lies_over(w) for d in start.windows)} if start else set()
    windows = [w for w in obs.windows if w.id in under or not any(w.lies_over(o) for o in obs.windows)]
    if any(word.search(w.title.casefold()) for w in windows):
        return True
    titles = {w.title for w in windows}
    entered = [t.strip().casefold() for t in typed]
    return any(
        s.window in titles
        and word.search(s.text.casefold())
        and not any(s.text.strip().casefold() in t for t in entered)
        for s in obs.spans
    )


def typed_texts(history: Sequence[Turn]) -> list[str]:
    return [
        t.decision.action.text
        for t in history
        if t.ok and isinstance(t.decision, Act) and isinstance(t.decision.action, TypeText)
    ]


# --- the verdict ----------------------------------------------------------------------------


def fills(turn: Turn) -> bool:
    """A step that entered a value: typing, or a click on a field (it opens its list)."""
    action = turn.decision.action if isinstance(turn.decision, Act) else None
    return turn.ok and (isinstance(action, TypeText) or (isinstance(action, Click) and action.target.field))


def last_typing_into(want: Want, history: Sequence[Turn]) -> int | None:
    """The index of the last turn that typed into ``want``'s field, if one did."""
    if want.field is None:
        return None
    for i in range(len(history) - 1, -1, -1):
        decision = history[i].decision
        action = decision.action if isinstance(decision, Act) else None
        if (
            history[i].ok
            and isinstance(action, TypeText)
            and action.into
            and plain(action.into.label) == plain(want.field)
        ):
            return i
    return None


def typed_exactly(want: Want, history: Sequence[Turn]) -> bool:
    """Whether the last typing into ``want``'s field was exactly its value."""
    i = last_typing_into(want, history)
    decision = history[i].decision if i is not None else None
    action = decision.action if isinstance(decision, Act) else None
    return isinstance(action, TypeText) and action.text.strip() == want.value.strip()


def typed_into_empty(want: Want, observations: Sequence[Observation], history: Sequence[Turn]) -> bool:
    """Whether the last typing into ``want``'s field was exactly its value, into the field read empty
    just before."""
    i = last_typing_into(want, history)
    return (
        i is not None
        and want.field is not None
        and typed_exactly(want, history)
        and i < len(observations)
        and read_field(observations[i], want.field) == ""
    )


# reads a wanted value's field on the screen now, closer than the observation did (its crop alone,
# the caret painted out, several renderings): whether it shows the value
CloserLook = Callable[[Observation, Want], bool]


def not_shown(want: Want, now: str | None) -> str:
    """How the goal check says ``want`` is not on screen, with what its field reads ``now`` (None:
    not read). models/policy/progress.py reads this wording back to know which steps to redo."""
    where = f"{want.field}: " if want.field else ""
    reads = f" (it shows {now!r})" if now else " (it is empty)" if now == "" else ""
    return f"{where}{want.value!r} not shown{reads}"


@dataclass(frozen=True)
class Conflict:
    """A value the goal wants, and the other value its field shows instead."""

    want: Want
    shown: str

    def __str__(self) -> str:
        return not_shown(self.want, self.shown)


def shown_otherwise(
    goal: Goal,
    observations: Sequence[Observation],
    history: Sequence[Turn],
    labels: Sequence[str],
    closer: CloserLook | None = None,
) -> tuple[Conflict, ...]:
    """The values of ``goal`` whose field the screen now (``observations[-1]``) reads holding
    something else: what a commit pressed now would store wrongly. Read as ``check`` reads
    them (the same pairing, caret and look-alikes); ``observations`` and ``history`` pair as
    in ``check``. Only a definite other value counts: a field not found, read empty or read as
    glyphs alone is no conflict (a misread must not hold back an honest commit), nor is a value
    the goal pairs with no field, nor a field in a window a dialog stands in front of (the
    confirmation may hide part of it; the form's own commit was checked before it came up), nor a
    value ``closer`` reads in its field on a second, closer look (Swing's "852.77" read "352.77")."""
    if not observations:
        return ()
    now = observations[-1]
    covered = {w.title for w in now.windows if any(d.lies_over(w) for d in now.windows)}
    found = []
    for want in goal.values:
        spans = label_spans(now, want.field) if want.field is not None else []
        if want.field is None or not spans or spans[0].window in covered:
            continue
        read = read_field(now, want.field)
        if not read or not any(c.isalnum() for c in read):
            continue
        caret, exact = typed_into_empty(want, observations, history), typed_exactly(want, history)
        if not shows(now, want, labels, caret, exact) and not (closer is not None and closer(now, want)):
            found.append(Conflict(want, read))
    return tuple(found)


def not_entered_yet(want: Want) -> str:
    """How a commit held back for a value the run never put in says so."""
    where = f"{want.field}: " if want.field else ""
    return f"{where}{want.value!r} not entered yet"


def entered(want: Want, history: Sequence[Turn]) -> bool:
    """Whether the run put ``want``'s value in: typed it (into any field: the pairing is the
    goal check's to judge), clicked it (a list's item, a radio button) or ran a skill (which
    types the values it was given)."""
    for turn in history:
        if not turn.ok:
            continue
        if isinstance(turn.decision, RunSkill):
            return True
        action = turn.decision.action if isinstance(turn.decision, Act) else None
        if isinstance(action, TypeText) and (
            same_value(action.text, want.value) or holds_words(action.text, want.value)
        ):
            return True
        if isinstance(action, Click) and same_value(action.target.label, want.value):
            return True
    return False


def was_pressed(history: Sequence[Turn], name: str) -> bool:
    """Whether a step of the run that worked pressed the control or key the request calls ``name``
    ("OK" for the button "OK", "Save" for "Save...", "Enter" for the key Return)."""
    want = words_of(name)
    for turn in history:
        action = turn.decision.action if turn.ok and isinstance(turn.decision, Act) else None
        if isinstance(action, Click) and words_of(action.target.label) == want:
            return True
        if isinstance(action, Key) and {want, KEY_NAMES.get(want, want)} & set(action.combo.casefold().split("+")):
            return True
    return False


def clicked_as(name: str, clicked: set[str]) -> bool:
    """Whether ``name`` is the words of a label clicked, or among them ("JSON" of "As JSON")."""
    want = words_of(name)
    return any(mentions(words_of(label), want) for label in clicked)


def words_of(text: str) -> str:
    """``text``'s words, case and punctuation aside: a button's "Save..." is "save"."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def never_entered(
    goal: Goal, observations: Sequence[Observation], history: Sequence[Turn], labels: Sequence[str]
) -> tuple[Want, ...]:
    """The values of ``goal`` the run has not put in and no screen of the run has shown: a commit
    pressed now would store the form without them (a form that asked for a traveller's name was
    posted with only the nights typed). A value on some earlier screen counts as there (a
    wizard's earlier page, a field filled before the run)."""
    return tuple(
        want
        for want in goal.values
        if not entered(want, history) and not any(shows(obs, want, labels) for obs in observations)
    )


def display_readings(now: Observation) -> list[str]:
    """What a keypad's display and read-outs show in ``now``."""
    spans = [(s.text, s.box.center[1], s.box.h) for s in now.spans]
    shown = [spans[i][0] for i in sorted(displayed(spans))]
    return shown + [e.text for e in now.elements if e.kind == "readout" and e.text.strip()]


def result_shown(goal: Goal, observations: Sequence[Observation]) -> str | None:
    """The display's reading that shows the result of the calculation ``goal`` asks, at the end."""
    if not goal.result or goal.unworked or not observations or not on_keypad(observations):
        return None
    return next((t for t in display_readings(observations[-1]) if shows_result(t, goal.result)), None)


def on_keypad(observations: Sequence[Observation]) -> bool:
    return any(keypad(s.text for s in obs.spans) for obs in observations)


def unworked_unmet(operation: str, now: Observation) -> str:
    """Why a calculation asking ``operation``, which Deskhand does not work out, is not finished."""
    numbers = [text for text in display_readings(now) if normalize_number(text.strip().rstrip(".")) is not None]
    shows = f"the display's {numbers[0]!r}" if numbers else "the display"
    return f"the request asks {operation!r}, which Deskhand cannot work out, so {shows} cannot be checked"


def result_unmet(results: Sequence[Decimal], now: Observation) -> list[str]:
    """How the screen ``now`` falls short of a calculation's result: no read-out nor display shows it."""
    shown = display_readings(now)
    if any(shows_result(text, results) for text in shown):
        return []
    numbers = [text for text in shown if normalize_number(text.strip().rstrip(".")) is not None]
    wanted = " or ".join(str(int(r)) if r == r.to_integral() else f"{r:.6g}" for r in results)
    return [f"the result {wanted} is not shown" + (f" (the display shows {numbers[0]!r})" if numbers else "")]


def check(
    goal: Goal,
    observations: Sequence[Observation],
    history: Sequence[Turn],
    labels: Sequence[str],
    closer: CloserLook | None = None,
) -> GoalReading:
    """Whether the goal shows on screen.

    ``observations[i]`` is what the screen showed before ``history[i]`` was decided
    (one per step), and the last one is the screen now (so there is one more
    observation than history turns, or as many when the last decision was not acted
    on). ``labels`` are the field labels the screen showed during the run. ``closer``
    reads the field of a value no observation shows once more, on the screen now (the
    loop's crop read: Swing's "852.77" read "352.77" in the window's whole read)."""
    if not observations:
        return GoalReading(goal.empty, () if goal.empty else ("nothing was observed",))
    last_fill = max((i for i, t in enumerate(history) if fills(t)), default=-1)
    after_fill = list(observations[last_fill + 1 :]) or [observations[-1]]
    unmet: list[str] = [
        f"{want.field}: {want.value!r} was typed, but neither the request, an answer nor a document gives it"
        for want in goal.unsourced
    ]
    unmet += [
        (f"{want.field}: " if want.field else "")
        + f"{want.value!r} was typed, but that is the request's own instruction, not a value it gives"
        for want in goal.described
    ]
    keys = on_keypad(observations)
    uncheckable = keys and goal.unworked is not None
    calculator = bool(goal.result) and keys and not uncheckable
    for want in goal.values:
        if calculator and any(same_value(want.value, n) for n in goal.operands):
            continue  # a key pressed on the way: the result on the display is the judge (below)
        if uncheckable and normalize_number(want.value) is not None:
            continue  # a number worked on by an operation no display can be checked for (below)
        caret, exact = typed_into_empty(want, observations, history), typed_exactly(want, history)
        if not any(shows(obs, want, labels, caret, exact) for obs in after_fill) and not (
            closer is not None and want.field is not None and closer(observations[-1], want)
        ):
            now = read_field(after_fill[0], want.field) if want.field else None  # as filled, before any commit
            unmet.append(not_shown(want, now))
    if goal.commit:
        typed = typed_texts(history)
        acted_after = any(t.ok and isinstance(t.decision, Act) for t in history[last_fill + 1 :])
        before = observations[last_fill + 1] if last_fill + 1 < len(observations) else observations[-1]
        open_dialog = dialog_over(observations[-1], before)
        asking = sorted(t for t in new_texts(before, observations[-1], typed) if question(t))
        backed = backed_out(history, observations, last_fill + 1)
        if open_dialog is not None:
            unmet.append(f"the dialog {open_dialog.title!r} is still open")
        elif backed is not None:
            unmet.append(f"not submitted: closed with {backed!r}")
        elif asking:
            unmet.append(f"the question {asking[0]!r} is not answered")
        elif not acted_after or not committed(before, observations[-1], typed, labels):
            said = sorted(t for t in new_texts(before, observations[-1], typed) if complaint(t, labels))
            # a window closed earlier (a dialog answered): something was committed before the last value
            # went in; saying so keeps a retry from filing the form a second time
            earlier = any(
                {w.id for w in a.windows} - {w.id for w in b.windows}
                for a, b in pairwise(observations[: last_fill + 2])
            )
            unmet.append((EARLIER if earlier else "not submitted") + (f" (the form says {said[0]!r})" if said else ""))
    unmet += [f"{label}: the request says to leave it alone, and it was worked" for label in goal.left_alone]
    unmet += [f"{name!r} was not pressed" for name in goal.pressed if not was_pressed(history, name)]
    unmet += marks_otherwise(goal, observations)
    for label in goal.unasked_marks:
        states = [st for obs in observations if (st := mark_state(obs, label)) is not None]
        if states and states[0] != states[-1]:
            unmet.append(f"{label}: {'ticked' if states[-1] else 'cleared'}, which the request does not ask")
    if calculator:
        unmet += result_unmet(goal.result, observations[-1])
    if uncheckable:
        assert goal.unworked is not None
        unmet.append(unworked_unmet(goal.unworked, observations[-1]))
    unmet += alarms_after(history, observations)
    if goal.saves:
        unmet += [f"{title!r} still shows unsaved changes" for title in unsaved(observations[-1])]
    if goal.file is not None and not names_file(observations[-1], goal.file, typed_texts(history), observations[0]):
        unmet.append(f"not saved as {goal.file}")
    return GoalReading(not unmet, tuple(unmet))
