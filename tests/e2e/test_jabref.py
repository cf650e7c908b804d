"""JabRef 3.8, Debian's BibTeX manager (Java Swing), tried as a new user would (round 17).

Its toolbar is pictures only, and Swing draws a tooltip that fits in its window as part of the
window: no pop-up window is declared, so round 16's hovering found no tooltip and every click by
a picture's name ended exit 4. Its entry editor's fields are multi-line text areas, taller than
any single-line field. Pixels alone (DESKHAND_ACCESSIBILITY=off). Judge: JabRef's own windows
(the dialog a toolbar button opens) and the .bib file it saves."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.apps import deskhand, wait_for_window
from tests.support.session_bus import session_bus
from tests.support.zoo_apps import RealApp, launch, require

pytestmark = pytest.mark.e2e


# JabRef keeps its settings with Java's preferences, under Java's idea of home (the account's, not
# $HOME), and by default hands its arguments to a JabRef already running (a local port) and exits:
# a home of its own, with that off.
PREFERENCES = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE map SYSTEM "http://java.sun.com/dtd/preferences.dtd">
<map MAP_XML_VERSION="1.0">
  <entry key="useRemoteServer" value="false"/>
</map>
"""


STARTED = """% Encoding: UTF-8

@Book{start,
  title = {Concrete Mathematics},
}
"""


def started(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *files: str, tree: bool = False) -> RealApp:
    """JabRef with a home of its own (``files`` opened at start): pixels alone, or (``tree``) with
    Swing's accessibility tree on the test's own session bus, through Debian's ATK wrapper."""
    require("jabref", "jabref")
    if not tree:
        monkeypatch.setenv("DESKHAND_ACCESSIBILITY", "off")  # the tree would name the buttons: pixels alone
    home = tmp_path / "jabref"
    settings = home / ".java/.userPrefs/net/sf/jabref"
    settings.mkdir(parents=True)
    (settings / "prefs.xml").write_text(PREFERENCES, encoding="utf-8")
    # Debian's launcher's own option for Java 17 (its default, replaced by any value given), then ours
    options = f"--add-opens=java.desktop/java.awt=ALL-UNNAMED -Duser.home={home}"
    if tree:  # the launcher sets the class path: the wrapper's jar goes on the boot one
        options += " " + " ".join(ATK)
    monkeypatch.setenv("JABREF_JAVA_OPTS", options)
    return launch(["jabref", *files], "JabRef", home)


ATK = [
    "-Xbootclasspath/a:/usr/share/java/java-atk-wrapper.jar",
    "-Djava.library.path=/usr/lib/x86_64-linux-gnu/jni",
    "-Djavax.accessibility.assistive_technologies=org.GNOME.Accessibility.AtkWrapper",
]


@pytest.fixture
def jabref(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[RealApp]:
    app = started(tmp_path, monkeypatch)
    yield app
    app.stop()


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[RealApp, Path]]:
    """JabRef with a library of one book open (saved in place by Ctrl+S)."""
    books = tmp_path / "books.bib"
    books.write_text(STARTED, encoding="utf-8")
    app = started(tmp_path, monkeypatch, str(books))
    wait_for_window("books.bib", app.process)
    yield app, books
    app.stop()


def act(*args: str) -> str:
    done = deskhand("act", *args)
    assert done.returncode == 0, (args, done.stderr)
    return done.stdout


def test_a_swing_toolbar_picture_is_clicked_by_the_name_its_drawn_tooltip_gives(jabref: RealApp) -> None:
    """Before round 17 both ended exit 4 ("no element labelled 'New BibTeX database'"); and the
    one tooltip read in an empty window, "Open BibTeX database", passed for "New BibTeX database"
    (within the fuzzy ratio): the Open dialog opened and the command ended exit 0."""
    act("click", "New BibTeX database", "--window", "JabRef")
    wait_for_window("untitled", jabref.process)
    act("click", "New BibTeX entry", "--window", "JabRef")
    wait_for_window("Select entry type", jabref.process)


def fields_of(saved: Path) -> list[dict[str, str]]:
    """Each entry's fields in a .bib file JabRef wrote, by name (its @Comment of settings has none)."""
    entries = re.split(r"^@", saved.read_text(encoding="utf-8"), flags=re.MULTILINE)[1:]
    found = [dict(re.findall(r"^\s*(\w+)\s*=\s*\{(.*)\},?$", e, re.MULTILINE)) for e in entries]
    return [fields for fields in found if fields]


def test_an_entry_typed_by_its_labels_is_saved(library: tuple[RealApp, Path]) -> None:
    """A menu, the entry editor's multi-line text areas by their labels, and JabRef's own key."""
    app, books = library
    act("click", "BibTeX", "--window", "JabRef")
    act("click", "New entry...")
    wait_for_window("Select entry type", app.process)
    act("click", "Article", "--window", "Select entry type")
    # Title first: the editor gives Author the focus, tinted, and a tinted text area is no field (below)
    values = {"Title": "The Art of Computer Programming", "Author": "Donald E. Knuth", "Year": "1968"}
    for label, value in values.items():
        act("type", value, "--into", label, "--window", "JabRef")
    act("key", "ctrl+s", "--window", "JabRef")
    wanted = {"author": "Donald E. Knuth", "title": "The Art of Computer Programming", "year": "1968"}
    assert_eventually(lambda: wanted in fields_of(books), books)
    assert {"title": "Concrete Mathematics"} in fields_of(books)


def test_a_library_is_saved_under_a_new_name_in_swing_s_save_dialog(library: tuple[RealApp, Path]) -> None:
    app, _ = library
    act("click", "File", "--window", "JabRef")
    act("click", "Save database as...")
    dialog = wait_for_window("Save", app.process)
    assert dialog.title == "Save"
    act("type", "copy.bib", "--into", "File Name:", "--window", "Save")
    act("click", "Save", "--window", "Save")
    wait_for_window("copy.bib", app.process)
    copies = list(app.folder.parent.rglob("copy.bib"))
    assert len(copies) == 1 and fields_of(copies[0]) == [{"title": "Concrete Mathematics"}], copies


def assert_eventually(holds: Callable[[], bool], saved: Path, timeout: float = 10.0) -> None:
    """JabRef writes the file a moment after the key."""
    deadline = time.monotonic() + timeout
    while not holds():
        assert time.monotonic() < deadline, saved.read_text(encoding="utf-8")
        time.sleep(0.2)


@pytest.fixture
def library_with_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[RealApp, Path]]:
    """The library of one book, JabRef's tree on a session bus of the test's own."""
    books = tmp_path / "books.bib"
    books.write_text(STARTED, encoding="utf-8")
    with session_bus() as address:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        app = started(tmp_path, monkeypatch, str(books), tree=True)
        try:
            wait_for_window("books.bib", app.process)
            yield app, books
        finally:
            app.stop()


def test_with_the_tree_a_picture_is_named_by_its_description_and_the_focused_field_typed(
    library_with_tree: tuple[RealApp, Path],
) -> None:
    """Swing's tree names none of the toolbar's pictures; each is described by its tooltip, which
    now names it (no hovering). The entry editor's focused Author area (tinted, no field to the
    pixels) is a field in the tree."""
    app, books = library_with_tree
    act("click", "New BibTeX entry", "--window", "JabRef")
    wait_for_window("Select entry type", app.process)
    act("click", "Article", "--window", "Select entry type")
    act("type", "Ada Lovelace", "--into", "Author", "--window", "JabRef")
    act("key", "ctrl+s", "--window", "JabRef")
    assert_eventually(lambda: {"author": "Ada Lovelace"} in fields_of(books), books)
