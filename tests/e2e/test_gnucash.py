"""GnuCash, Debian's GTK 3 accounting program, tried as a first-time user would (round 17).

A small book (accounts only) is written as GnuCash's own XML and opened in the GUI on the
suite's display, with a D-Bus session and the accessibility bus a desktop has, its first-run
assistant and tip of the day turned off in its own settings (a keyfile in the test's HOME).
The judge is the book GnuCash saves (Ctrl+S), read back here, never Deskhand's report.

Before round 17: the New Account dialog's whole accessibility tree was dropped as stale (its two
short lists give scrolled-away rows at -2^31 and rows cut by the window's edge), and in the
account register, a custom-drawn grid whose new row shows grey hints in outlined cells,
`act type "Team lunch" --into Description` went into the Transfer cell and ended exit 0; dates
and accounts typed into the register failed their read-back (the cell's drop-down button read
as 'v'), and under a recorded transaction a header named the recorded row's cell.
"""

from __future__ import annotations

import gzip
import subprocess
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.apps import deskhand
from tests.support.session_bus import session_bus
from tests.support.zoo_apps import RealApp, launch, require

pytestmark = pytest.mark.e2e

MAIN = "Accounts - GnuCash"
REGISTER = "Checking Account - GnuCash"
DIALOG = "New Account"
NS = {k: f"http://www.gnucash.org/XML/{k}" for k in ("gnc", "act", "trn", "split", "ts", "book", "cmdty", "slot")}
SETTINGS = """[org/gnucash/GnuCash/dialogs/new-user]
first-startup=false
[org/gnucash/GnuCash/dialogs/tip-of-the-day]
show-at-startup=false
"""
ACCOUNTS = [  # name, type, parent
    ("Assets", "ASSET", None),
    ("Checking Account", "BANK", "Assets"),
    ("Expenses", "EXPENSE", None),
    ("Groceries", "EXPENSE", "Expenses"),
    ("Income", "INCOME", None),
    ("Equity", "EQUITY", None),
]


def book_xml() -> str:
    """A GnuCash 4 book in its XML format: US dollars and the accounts above, no transactions."""
    prefixes = [
        "gnc",
        "act",
        "book",
        "cd",
        "cmdty",
        "price",
        "slot",
        "split",
        "sx",
        "trn",
        "ts",
        "fs",
        "bgt",
        "recurrence",
        "lot",
    ]
    spaces = " ".join(f'xmlns:{p}="http://www.gnucash.org/XML/{p}"' for p in prefixes)
    usd = "<cmdty:space>CURRENCY</cmdty:space><cmdty:id>USD</cmdty:id>"
    root = uuid.uuid4().hex
    ids = {name: uuid.uuid4().hex for name, _, _ in ACCOUNTS}

    def account(name: str, kind: str, guid: str, parent: str | None) -> str:
        under = f'<act:parent type="guid">{parent}</act:parent>' if parent else ""
        return (
            f'<gnc:account version="2.0.0"><act:name>{name}</act:name><act:id type="guid">{guid}</act:id>'
            f"<act:type>{kind}</act:type><act:commodity>{usd}</act:commodity>"
            f"<act:commodity-scu>100</act:commodity-scu>{under}</gnc:account>"
        )

    body = [account("Root Account", "ROOT", root, None)]
    body += [account(n, k, ids[n], ids[p] if p else root) for n, k, p in ACCOUNTS]
    return "\n".join(
        [
            '<?xml version="1.0" encoding="utf-8" ?>',
            f"<gnc-v2 {spaces}>",
            '<gnc:count-data cd:type="book">1</gnc:count-data>',
            '<gnc:book version="2.0.0">',
            f'<book:id type="guid">{uuid.uuid4().hex}</book:id>',
            '<gnc:count-data cd:type="commodity">1</gnc:count-data>',
            f'<gnc:count-data cd:type="account">{len(body)}</gnc:count-data>',
            f'<gnc:commodity version="2.0.0">{usd}<cmdty:get_quotes/><cmdty:quote_source>currency</cmdty:quote_source>'
            "<cmdty:quote_tz/></gnc:commodity>",
            *body,
            "</gnc:book>",
            "</gnc-v2>",
            "",
        ]
    )


@dataclass
class Book:
    app: RealApp
    path: Path


@dataclass
class Account:
    kind: str
    code: str
    description: str
    slots: dict[str, str]


def saved(book: Book) -> ET.Element:
    """The book as GnuCash last saved it (compressed or not)."""
    raw = book.path.read_bytes()
    return ET.fromstring(gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw)


def accounts(book: Book) -> dict[str, Account]:
    """Every account of the saved book by its full name ("Expenses:Lunch")."""
    found = saved(book).findall("gnc:book/gnc:account", NS)
    by_id = {a.findtext("act:id", "", NS): a for a in found}

    def full(a: ET.Element) -> str:
        parent = by_id.get(a.findtext("act:parent", "", NS))
        name = a.findtext("act:name", "", NS)
        return name if parent is None or parent.findtext("act:type", "", NS) == "ROOT" else f"{full(parent)}:{name}"

    return {
        full(a): Account(
            a.findtext("act:type", "", NS),
            a.findtext("act:code", "", NS),
            a.findtext("act:description", "", NS),
            {s.findtext("slot:key", "", NS): s.findtext("slot:value", "", NS) for s in a.findall("act:slots/slot", NS)},
        )
        for a in found
    }


def transactions(book: Book) -> list[tuple[str, str, str, dict[str, str]]]:
    """(date, number, description, {account: value}) of each saved transaction."""
    names = {guid: name.split(":")[-1] for name, guid in account_ids(book).items()}
    return [
        (
            t.findtext("trn:date-posted/ts:date", "", NS)[:10],
            t.findtext("trn:num", "", NS),
            t.findtext("trn:description", "", NS),
            {
                names.get(s.findtext("split:account", "", NS), "?"): s.findtext("split:value", "", NS)
                for s in t.findall("trn:splits/trn:split", NS)
            },
        )
        for t in saved(book).findall("gnc:book/gnc:transaction", NS)
    ]


def account_ids(book: Book) -> dict[str, str]:
    return {
        a.findtext("act:name", "", NS): a.findtext("act:id", "", NS)
        for a in saved(book).findall("gnc:book/gnc:account", NS)
    }


def act(*args: str, window: str) -> subprocess.CompletedProcess[str]:
    done = deskhand("act", *args, "--window", window, timeout=120)
    assert done.returncode == 0, f"act {' '.join(args)}: exit {done.returncode}: {done.stderr}"
    return done


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Book]:
    require("gnucash", "gnucash")
    folder = tmp_path_factory.mktemp("gnucash")
    settings = folder / ".config" / "glib-2.0" / "settings"
    settings.mkdir(parents=True)
    (settings / "keyfile").write_text(SETTINGS)
    path = folder / "book.gnucash"
    path.write_text(book_xml())
    with pytest.MonkeyPatch.context() as env, session_bus() as address:
        env.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        env.setenv("GSETTINGS_BACKEND", "keyfile")  # its settings in the test's HOME, never dconf
        runtime = folder / "runtime"
        runtime.mkdir(mode=0o700)
        env.setenv("XDG_RUNTIME_DIR", str(runtime))  # its accessibility bus's socket: never another session's
        for name in ("XDG_DATA_HOME", "XDG_CACHE_HOME"):
            env.delenv(name, raising=False)
        app = launch(["gnucash", str(path)], MAIN, folder)
        try:
            # wide enough for the register's columns to show without scrolling sideways
            subprocess.run(["xdotool", "windowsize", str(app.window.id), "1000", "700"], check=True, timeout=10)
            yield Book(app, path)
        finally:
            app.stop()


def test_a_new_account_filled_in_its_dialog_is_saved(book: Book) -> None:
    """The dialog read with its accessibility tree: the notes box is paired with its caption."""
    act("click", "Expenses", "--index", "1", window=MAIN)  # the new account's parent
    act("click", "Actions", window=MAIN)
    act("click", "New Account...", window=MAIN)
    act("type", "Lunch", "--into", "Account name", window=DIALOG)
    act("type", "6100", "--into", "Account code", window=DIALOG)
    act("type", "Team lunches", "--into", "Description", window=DIALOG)
    act("type", "for the whole team", "--into", "Notes", window=DIALOG)
    act("click", "OK", window=DIALOG)
    act("key", "ctrl+s", window=MAIN)
    lunch = accounts(book).get("Expenses:Lunch")
    assert lunch is not None, sorted(accounts(book))
    assert (lunch.kind, lunch.code, lunch.description) == ("EXPENSE", "6100", "Team lunches")
    assert lunch.slots.get("notes") == "for the whole team"


def open_register() -> None:
    act("click", "Assets", "--index", "1", window=MAIN)
    act("key", "shift+Right", window=MAIN)  # unfold it
    act("click", "Checking Account", "--double", window=MAIN)


def test_a_transaction_typed_cell_by_cell_from_pixels_alone_is_saved(
    book: Book, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The register is custom-drawn: no tree describes its cells, the pixels must."""
    monkeypatch.setenv("DESKHAND_ACCESSIBILITY", "off")
    open_register()
    # the hint "Description" stands in its own cell: before round 17, typing aimed at it went into Transfer (exit 0)
    for label, value in [("Date", "12/05/26"), ("Description", "Team lunch"), ("Transfer", "Expenses:Groceries")]:
        act("type", value, "--into", label, window=REGISTER)
    act("type", "42.50", "--into", "Withdrawal", window=REGISTER)
    act("key", "Return", window=REGISTER)
    act("key", "ctrl+s", window=REGISTER)
    assert ("2026-12-05", "", "Team lunch", {"Groceries": "4250/100", "Checking Account": "-4250/100"}) in (
        transactions(book)
    ), transactions(book)


def test_a_second_transaction_goes_into_the_new_row_not_the_recorded_one(book: Book) -> None:
    """Under the recorded transaction the headers name the new row's cells (the row of hints)."""
    first = transactions(book)
    assert len(first) == 1, "runs after the first transaction's test"
    for label, value in [("Date", "12/06/26"), ("Description", "Taxi"), ("Transfer", "Expenses:Groceries")]:
        act("type", value, "--into", label, window=REGISTER)
    act("type", "18.00", "--into", "Withdrawal", window=REGISTER)
    act("key", "Return", window=REGISTER)
    act("key", "ctrl+s", window=REGISTER)
    now = transactions(book)
    assert first[0] in now, now  # the recorded one unchanged
    assert ("2026-12-06", "", "Taxi", {"Groceries": "1800/100", "Checking Account": "-1800/100"}) in now, now
