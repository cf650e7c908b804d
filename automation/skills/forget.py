"""A parameter marked secret after the fact: its past values leave the history and the recordings.

`deskhand skills edit NAME --param P --secret` makes the skill ask P masked from now on
(automation.skills.edit.make_secret); this takes out what was kept before that: P's
values in the store's run history (arguments, and messages and requests quoting them),
the key stretches that typed them in every recording journal, and the field they were
typed into in every screenshot of its window (automation.recording.scrub).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from automation.recording.scrub import scrub_recordings
from automation.skills.store import SkillStore


@dataclass(frozen=True)
class Forgotten:
    values: tuple[str, ...]  # never shown: only counted
    stretches: int  # typed stretches replaced in recordings
    shots: int  # recording screenshots whose field was painted over


def forget_values(
    store: SkillStore, skill: str, names: Iterable[str], known: Iterable[str], recordings: Path
) -> Forgotten:
    """``names``: what the parameter was called in past runs; ``known``: values known already (its example)."""
    values = {v for v in known if v.strip()}
    for name in dict.fromkeys(names):
        values |= set(store.forget_values(skill, name, values))
    scrubbed = scrub_recordings(recordings, values)
    return Forgotten(tuple(sorted(values)), scrubbed.stretches, scrubbed.shots)
