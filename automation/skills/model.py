"""A learned skill: parameters and steps, each step anchored to what was on screen.

Plain frozen dataclasses; the store serializes them, the replayer walks them, the
policy sees only their SkillCard (automation.skill_card).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from automation.skill_card import SkillCard, SkillParam
from automation.types import Box

PLACEHOLDER = re.compile(r"\{(\w+)\}")  # a parameter in a TypeStep's text: "{amount}"


@dataclass(frozen=True)
class WindowMatch:
    """How to find the step's window again: its class first, then its title; and the program
    that showed it, which every replay step's window must also be (automation.skills.trust)."""

    app: str
    title: str
    exe: str = ""  # the executable (/proc/PID/exe of its _NET_WM_PID) when recorded; "": unknown, class only


@dataclass(frozen=True)
class Anchor:
    """Where a click went, in ways that survive a moved or resized window, best first."""

    window: WindowMatch
    label: str | None  # the OCR label under or nearest the pointer
    offset: tuple[int, int] = (0, 0)  # from the label's centre to the click, pixels
    relative: tuple[float, float] = (0.5, 0.5)  # the click as a fraction of the window's width and height
    crop: str | None = None  # file name of a small image around the click: the last resort
    field: bool = False  # the click went to the entry beside or below the label


@dataclass(frozen=True)
class ClickStep:
    anchor: Anchor
    button: str = "left"
    clicks: int = 1
    expect: str | None = None  # text that appeared after it in the demonstration
    seen: tuple[str, ...] = ()  # the labels its window showed just before it (training data, not replay)


@dataclass(frozen=True)
class TypeStep:
    """Text typed into one field; ``{name}`` placeholders are parameters."""

    text: str
    into: Anchor | None  # the field, when the user clicked it first
    window: WindowMatch
    expect: str | None = None
    seen: tuple[str, ...] = ()  # the labels its window showed before the click into its field


@dataclass(frozen=True)
class KeyStep:
    combo: str  # "ctrl+s", "Return", "Tab"
    window: WindowMatch
    expect: str | None = None


@dataclass(frozen=True)
class ScrollStep:
    dy: int
    at: Anchor


Step = ClickStep | TypeStep | KeyStep | ScrollStep


@dataclass(frozen=True)
class Origin:
    """Where a skill came from when it was not recorded here: the file, when, and who signed it."""

    file: str
    imported: float  # seconds since the epoch
    signer: str = ""  # the fingerprint of the trusted key that signed it; empty when unsigned


@dataclass(frozen=True)
class Skill:
    name: str
    description: str = ""
    params: tuple[SkillParam, ...] = ()
    steps: tuple[Step, ...] = ()
    examples: tuple[str, ...] = ()
    demo_seconds: float = 0.0  # how long the demonstration took, for the replay benchmark
    crops: dict[str, bytes] = field(default_factory=dict, compare=False)  # crop file name -> PNG bytes
    # Kept by the store beside the document, never in a skill file: a recorded skill has no
    # origin and is enabled; an imported one stays disabled until the user reviews it.
    origin: Origin | None = field(default=None, compare=False)
    enabled: bool = field(default=True, compare=False)

    def card(self) -> SkillCard:
        return SkillCard(self.name, self.description, self.params, self.examples)


def param_name(label: str) -> str:
    """ "Amount" -> "amount", "Unit Price:" -> "unit_price"; empty when nothing is left."""
    words = "".join(c if c.isalnum() else " " for c in label.casefold()).split()
    return "_".join(words)


def point_in(anchor: Anchor, window: Box) -> tuple[int, int]:
    """The anchor's relative position inside ``window``, in screen pixels."""
    fx, fy = anchor.relative
    return window.x + round(fx * window.w), window.y + round(fy * window.h)
