"""File dialogs: the file's name goes into the dialog's name box, the folder with it as a path.

A request that names a file ("save a copy as copy.txt", "export it as q3.csv to
/tmp/reports") and a dialog in front that has a text box: the name is typed into the
box the dialog labels as a name (GTK "Name:", Qt "File name:", "文件名", whatever its
words contain "name" or 名), else its topmost box. A folder the request gives as a
path is typed with the name as one path, which every toolkit's save dialog accepts in
that box; so no folder tree is walked. A Windows program under Wine takes it as a Windows
path on Wine's drive Z: ("Z:\\tmp\\out\\q3.csv"). This step comes before the dialog's buttons:
once the name is in, Return accepts it (the dialog's buttons stay offered, dialogs.py).

The value is settled here, not by the model: the request's own file name and folder,
joined (automation/file_names.py reads them; the goal check reads the same name).
"""

from __future__ import annotations

import re

from automation.file_names import file_name, path_to_type, windows_path
from models.policy.options import Option, quoted
from models.policy.progress import DoneSoFar
from models.policy.screen import Label, ScreenReading
from models.policy.values import Slot
from models.policy.words import WordAt

NAME_WORDS = ("name", "名")
FIRST = -2  # before the dialog's buttons (their place is 0 when wanted)
SCORE = 110.0  # above any reading of the request's words as a click
# Qt's dialog may take the first Return for its completer and go to the typed folder, keeping the
# name: a second one saves. (The loop waits for a dialog a key closes, so a closed one is not hit twice.)
RETURNS = 2


# Words any request for a file may say: a box labelled with these alone is not named by saying them.
FILE_WORDS = frozenset(("file", "name", "filename", "path", "文件名"))


def name_box(screen: ScreenReading, request: str = "") -> Label | None:
    """The dialog's box for a file name: the one the request names by its label's words ("set the
    output file to chart.eps": xfig's "Output File", beside its "Filename Mask" showing "*.eps"),
    else the one labelled with a name, else its topmost box."""
    boxes = [lb for lb in screen.of_role("field") if lb.window == screen.dialog]
    said = [lb for lb in boxes if named_by(lb.text, request)]
    named = [lb for lb in boxes if any(w in lb.text.casefold() for w in NAME_WORDS)]
    chosen = said or named or boxes
    return min(chosen, key=lambda lb: (lb.box.y, lb.box.x)) if chosen else None


def named_by(label: str, request: str) -> bool:
    """Whether ``request`` says every word of ``label``, one of them more than a word any file
    request says ("file", "name")."""
    words = re.findall(r"\w+", label.casefold())
    said = set(re.findall(r"\w+", request.casefold()))
    return bool(words) and set(words) <= said and not set(words) <= FILE_WORDS


def file_name_options(screen: ScreenReading, request: str, words: list[WordAt], done: DoneSoFar) -> list[Option]:
    """ "type the file's path into the name box" while a dialog with a box is up and the request
    names a file, then "press Enter" (every toolkit's save dialog takes its name box's Return
    as Save; its Save button is often an icon and a word OCR reads as one); nothing otherwise."""
    if screen.dialog is None:
        return []
    found = file_name(request)
    text = path_to_type(request)
    if found is None or text is None:
        return []
    text = windows_path(text) if screen.windows_paths else text
    if any(typed == text for _, typed in done.typed):  # by its text: OCR may read the box's label anew
        if done.done[("key", "return")] >= RETURNS:
            return []
        accept = "press Enter to save under the name typed"
        return [Option("key", accept, combo="Return", score=SCORE, at=FIRST, repeatable=True)]
    box = name_box(screen, request)
    if box is None:
        return []
    start, end = found[1], found[1] + len(found[0])
    used = frozenset(i for i, w in enumerate(words) if start <= w.start < end)
    slot = Slot(box.text, f"What should the file be called ({box.text})?")
    said = f"type the file name {quoted(text)} into {quoted(box.text)}"
    # over what the box holds: Wine's holds "*.txt", and the path typed before it read "...report.txt*.txt"
    return [
        Option(
            "type",
            said,
            box.text,
            box.window,
            True,
            slots=(slot,),
            score=SCORE,
            at=FIRST,
            used=used,
            value=text,
            over=True,
        )
    ]
