"""Take values out of finished recordings: a parameter marked secret after the fact.

A recording journals typed text key by key. Every stretch of key events in one window
(between clicks, scrolls and other windows) whose typed characters contain one of the
values becomes a single ``Secret(n)``, as the recorder would have written it had it
known: the stretch's other characters go too, which is the safe side.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from automation.recording.events import KeyDown, KeyUp, RawEvent, Secret
from automation.recording.journal import JOURNAL, read_journal, to_json, write_atomically


def scrub_events(events: Sequence[RawEvent], values: Iterable[str]) -> tuple[list[RawEvent], int]:
    """``events`` with each key stretch that typed one of ``values`` replaced; how many were."""
    known = [v for v in values if v.strip()]
    out: list[RawEvent] = []
    stretch: list[KeyDown | KeyUp] = []
    replaced = 0

    def close() -> None:
        nonlocal replaced
        typed = "".join(e.key for e in stretch if isinstance(e, KeyDown) and len(e.key) == 1)
        if stretch and any(v in typed for v in known):
            out.append(Secret(stretch[0].t, len(typed), stretch[0].window))
            replaced += 1
        else:
            out.extend(stretch)
        stretch.clear()

    for event in events:
        if isinstance(event, KeyDown | KeyUp):
            if stretch and not same_window(stretch[0], event):
                close()
            stretch.append(event)
        else:
            close()
            out.append(event)
    close()
    return out, replaced


def scrub_recordings(root: Path, values: Iterable[str]) -> int:
    """Scrub every recording journal under ``root``; the number of key stretches replaced."""
    known = [v for v in values if v.strip()]
    total = 0
    if not known or not root.exists():
        return 0
    for journal in sorted(root.glob(f"*/{JOURNAL}")):
        events, _ = read_journal(journal)
        scrubbed, replaced = scrub_events(events, known)
        if replaced:
            write_atomically(journal, "".join(to_json(e) + "\n" for e in scrubbed))
            total += replaced
    return total


def same_window(a: KeyDown | KeyUp, b: KeyDown | KeyUp) -> bool:
    if a.window is None or b.window is None:
        return a.window is b.window
    return a.window.id == b.window.id
