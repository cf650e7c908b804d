"""Buttons that are only pictures, named by their tooltips (round 16, issue 13).

Osmo's toolbar (GTK) is a row of icons with no text: `act click "New contact"` ended exit 4
("no element labelled ..."), its pictures read as "€#«dI@Qvd> wb" or taken for ticked check
boxes. The pictures are found by shape; each is asked for its name by resting the pointer on
it, as a person does."""

from __future__ import annotations

from dataclasses import replace as dc_replace
from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image, ImageDraw

from app.services.icon_names import IconNameFile
from automation.actuation.actor import Actor
from automation.actuation.icons import Answer, named_icon, read_tooltip
from automation.actuation.safety import SafetyGate
from automation.backends.tesserocr_ocr import TesserocrEngine
from automation.desktop import Desktop
from automation.errors import TargetNotFound
from automation.perception.icons import LIKE, fingerprint, named_pictures, toolbar_icons, unlike
from automation.perception.observe import Observer
from automation.types import Box, Click, Element, Observation, Target, TextSpan, Window
from tests.support.drawn_desktop import FAST, SCREEN, FakeInput, FakeObserver, FakeScreen, FakeWindows, World, span
from tests.support.picture_desktop import OneWindow, PictureScreen

DATA = Path(__file__).parent / "data" / "osmo"


def test_a_toolbar_of_icons_is_found_in_a_row_and_calendar_digits_are_left_to_their_reading() -> None:
    window = Image.open(DATA / "calendar_window.png")  # Osmo's main window, 950x575
    icons = toolbar_icons(window)
    toolbar = [b for b in icons if 40 <= b.y <= 55]
    # Osmo shows 17 pictures there; the 14 of an icon's size (the smallest arrows are not) are found.
    assert len(toolbar) >= 14 and icons[: len(toolbar)] == toolbar, icons  # the top row is asked first
    assert [b.x for b in toolbar] == sorted(b.x for b in toolbar)
    digits = [b for b in icons if b.y > 180]  # the month's days, read with confidence
    assert digits
    assert not [b for b in toolbar_icons(window, taken=digits) if b.y > 180]


def test_a_lone_picture_or_a_line_of_words_is_no_toolbar() -> None:
    image = Image.new("RGB", (400, 200), (240, 240, 240))
    d = ImageDraw.Draw(image)
    d.rectangle((20, 20, 43, 43), fill=(200, 60, 40))  # one picture alone
    d.rectangle((20, 100, 380, 112), fill=(0, 0, 0))  # a long dark bar, as a line of bold text joins up
    assert toolbar_icons(image) == []


# A drawn window with a row of pictures; resting the pointer on one shows its tooltip below it.
WINDOW = Window(1, "Organizer", "org", Box(100, 100, 500, 300), pid=9)
PICTURES = [Box(120 + 40 * i, 120, 24, 24) for i in range(4)]


class Hovering(FakeInput):
    """Resting on a picture shows its tooltip under it (``far``: somewhere else in the window);
    ``stale``: the last tooltip stays up over a picture that has none, as one closing does."""

    def __init__(self, world: World, tips: dict[int, str], stale: bool = False, far: frozenset[int] = frozenset()):
        super().__init__(world)
        self.tips, self.stale, self.far = tips, stale, far

    def move(self, x: int, y: int) -> None:
        super().move(x, y)
        shown = next((i for i, b in enumerate(PICTURES) if b.contains(x, y)), None)
        up = [w for w in self.world.windows[0].popups if self.stale]
        if shown is not None and shown in self.tips:
            box = tip_box(shown, shown in self.far)
            up = [Window(50 + shown, "", "org", box, kind="tooltip")]
            ImageDraw.Draw(self.world.image).rectangle(box_corners(box), fill=(255, 255, 225), outline=(0, 0, 0))
            drawn[box] = self.tips[shown]
        self.world.windows[0] = dc_replace(self.world.windows[0], popups=tuple(up))


drawn: dict[Box, str] = {}  # the words on each tooltip drawn


def tip_box(i: int, far: bool = False) -> Box:
    if far:
        return Box(450, 350, 120, 24)
    return Box(PICTURES[i].x, PICTURES[i].bottom + 16, 120, 24)


def box_corners(box: Box) -> tuple[int, int, int, int]:
    return (box.x, box.y, box.right - 1, box.bottom - 1)


def hovering(
    tips: dict[int, str], stale: bool = False, far: frozenset[int] = frozenset()
) -> tuple[World, Actor, Observation]:
    world = World(windows=[WINDOW], active=WINDOW)
    for i, box in enumerate(PICTURES):  # each a picture of its own: a light square in another place
        d = ImageDraw.Draw(world.image)
        d.rectangle(box_corners(box), fill=(40 + 50 * i, 90, 200 - 40 * i))
        d.rectangle((box.x + 3 + 4 * i, box.y + 3, box.x + 8 + 4 * i, box.y + 8 + 3 * i), fill=(250, 250, 250))
    input = Hovering(world, tips, stale, far)
    desktop = Desktop(FakeScreen(world), FakeWindows(world), None, input)  # type: ignore[arg-type]
    gate = SafetyGate(input, FakeWindows(world), SCREEN)  # type: ignore[arg-type]
    actor = Actor(desktop, FakeObserver(world), gate, FAST)  # type: ignore[arg-type]
    return world, actor, FakeObserver(world).observe(WINDOW)


@pytest.fixture(autouse=True)
def tooltip_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """OCR of a drawn tooltip reads the words drawn on it."""
    drawn.clear()
    monkeypatch.setattr("automation.actuation.icons.read_field", lambda picture, ocr, wanted: "")
    monkeypatch.setattr(
        "automation.actuation.icons.read_region",
        lambda actor, picture, box: [TextSpan(drawn[box], box, 95.0)] if box in drawn else [],
    )


def found(answer: Answer) -> tuple[Box, str] | None:
    return (answer.found.box, answer.found.name) if answer.found is not None else None


def said(answer: Answer) -> list[str]:
    """What the pictures asked said, when none named the target."""
    assert answer.found is None
    return [i.name for i in answer.asked]


def test_the_picture_whose_tooltip_names_the_target_is_found_and_the_rest_are_not_asked() -> None:
    world, actor, obs = hovering({0: "New contact", 1: "Edit contact", 2: "Remove contact"})
    assert found(named_icon(actor, WINDOW, obs, "Edit contact")) == (PICTURES[1], "Edit contact")
    moves = [s for s in world.sent if s[0] == "move"]
    assert [m[1:] for m in moves[:2]] == [PICTURES[0].center, PICTURES[1].center] and len(moves) == 3  # then parked


def test_a_word_of_one_tooltip_only_is_taken_and_of_two_is_not() -> None:
    _, actor, obs = hovering({0: "Print calendar", 1: "Full-year calendar", 2: "Jump to date"})
    assert found(named_icon(actor, WINDOW, obs, "Print")) == (PICTURES[0], "Print calendar")
    _, actor, obs = hovering({0: "Print calendar", 1: "Full-year calendar", 2: "Jump to date"})
    assert said(named_icon(actor, WINDOW, obs, "calendar")) == ["Print calendar", "Full-year calendar", "Jump to date"]


def test_a_tooltip_still_up_or_far_from_the_picture_is_not_read_for_it() -> None:
    # The last picture's tooltip still up (closing) when the pointer rests on one with none:
    # read for it, a picture would be named by its neighbour's tooltip (Osmo: "Info").
    _, actor, obs = hovering({0: "Today", 1: "Next month"}, stale=True)
    assert said(named_icon(actor, WINDOW, obs, "Save")) == ["Today", "Next month"]
    _, actor, obs = hovering({0: "Today", 2: "Save"}, far=frozenset({2}))
    assert said(named_icon(actor, WINDOW, obs, "Save")) == ["Today"]


def test_a_window_whose_pictures_show_no_tooltip_is_given_up_after_a_few() -> None:
    world, actor, obs = hovering({})
    assert said(named_icon(actor, WINDOW, obs, "Save")) == []
    assert len([s for s in world.sent if s[0] == "move"]) <= 3 + 1


def test_a_click_no_word_names_goes_to_the_named_picture_and_the_error_lists_the_tooltips() -> None:
    world, actor, _ = hovering({0: "New contact", 1: "Edit contact", 2: "Remove contact"})
    world.spans = [span("Contacts", 120, 104, WINDOW.title)]
    actor.perform(Click(Target("Remove contact", window=WINDOW.title)))
    assert ("click", *PICTURES[2].center) in world.sent
    world, actor, _ = hovering({0: "New contact", 1: "Edit contact", 2: "Remove contact"})
    with pytest.raises(TargetNotFound, match="tooltips of its 3 pictures") as err:
        actor.perform(Click(Target("Add contact", window=WINDOW.title)))
    assert "New contact" in err.value.candidates
    assert not [s for s in world.sent if s[0] == "click"]


def test_a_field_or_a_sure_word_over_a_picture_keeps_it_out() -> None:
    _, actor, obs = hovering({0: "New contact", 1: "Edit contact"})
    sure = TextSpan("Go", PICTURES[0], 96.0, WINDOW.title)
    field = Element("text", PICTURES[1].grown(2), "Name", window=WINDOW.title)
    obs = dc_replace(obs, spans=(sure,), elements=(field,))
    assert said(named_icon(actor, WINDOW, obs, "New contact")) == []  # the two left show no tooltip


def test_a_tooltip_of_light_words_on_a_dark_fill_is_read_as_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    # KeePassXC's (Qt) tooltip, white on dark green: read as a page, in either polarity, it was
    # nothing at all, and every picture of its toolbar went unnamed.
    monkeypatch.undo()  # the real reading, not the drawn one
    picture = Image.open(Path(__file__).parent / "data" / "keepassxc" / "tooltip.png")
    box = Box(0, 0, *picture.size)
    screen = SimpleNamespace(grab=lambda region=None: picture)
    actor = SimpleNamespace(desktop=SimpleNamespace(screen=screen), observer=SimpleNamespace(ocr=TesserocrEngine()))
    assert read_tooltip(actor, box, "Open database") == "Open Database..."  # type: ignore[arg-type]


# --- names learned once, given on every later look ------------------------------------------


class Kept:
    """The names store in memory: what ``IconNameFile`` keeps on disk."""

    def __init__(self) -> None:
        self.names: dict[str, dict[str, str]] = {}

    def known(self, app: str) -> list[tuple[str, str]]:
        return list(self.names.get(app, {}).items())

    def learn(self, app: str, named: list[tuple[str, str]]) -> None:
        self.names.setdefault(app, {}).update(dict(named))


def osmo_toolbar() -> tuple[Image.Image, list[Box]]:
    window = Image.open(DATA / "calendar_window.png")
    return window, [b for b in toolbar_icons(window) if b.y <= 55]


def by_name(named: list[tuple[Box, str]]) -> dict[str, Box]:
    return {name: box for box, name in named}


def test_a_picture_named_once_is_known_again_by_its_likeness_and_no_other_is() -> None:
    window, toolbar = osmo_toolbar()
    likeness = [fingerprint(window.crop((b.x, b.y, b.right, b.bottom))) for b in toolbar]
    known = [(likeness[3], "Today"), (likeness[7], "Full-year calendar")]
    assert by_name(named_pictures(window, known)) == {"Today": toolbar[3], "Full-year calendar": toolbar[7]}
    # the same window drawn elsewhere on a larger screen: the same pictures, the same names
    moved = Image.new("RGB", (window.width + 40, window.height + 30), (90, 90, 90))
    moved.paste(window, (40, 30))
    shifted = named_pictures(moved.crop((40, 30, 40 + window.width, 30 + window.height)), known)
    assert by_name(shifted) == {"Today": toolbar[3], "Full-year calendar": toolbar[7]}
    # Osmo's arrows are the likest distinct pictures: still apart
    assert min(unlike(a, b) for i, a in enumerate(likeness) for b in likeness[i + 1 :]) > LIKE


def test_the_observer_gives_a_learned_picture_its_name_as_a_button_and_a_word() -> None:
    window, toolbar = osmo_toolbar()
    osmo = Window(5, "Osmo 0.4.4", "Osmo", Box(0, 0, window.width, window.height))
    kept = Kept()
    today = toolbar[3]
    kept.learn("Osmo", [(fingerprint(window.crop((today.x, today.y, today.right, today.bottom))), "Today")])
    seen = Observer(PictureScreen(window, osmo.box), OneWindow(osmo), TesserocrEngine(), icons=kept).observe()
    assert [e.box for e in seen.elements if e.kind == "button" and e.label == "Today"] == [today]
    assert [s.box for s in seen.spans if s.text == "Today"] == [today]
    assert not [e for e in seen.elements if e.kind in ("check", "radio") and e.box.contains(*today.center)]
    plain = Observer(PictureScreen(window, osmo.box), OneWindow(osmo), TesserocrEngine()).observe()
    assert not [s for s in plain.spans if s.text == "Today"]


def test_a_click_that_asked_the_pictures_keeps_their_names_for_the_next_look() -> None:
    _, actor, _ = hovering({0: "New contact", 1: "Edit contact", 2: "Remove contact"})
    actor.icons = Kept()
    actor.perform(Click(Target("Edit contact", window=WINDOW.title)))
    assert [name for _, name in actor.icons.known("org")] == ["New contact", "Edit contact"]


def test_the_names_file_keeps_what_was_learned_and_leaves_a_file_it_cannot_read_alone(tmp_path: Path) -> None:
    kept = IconNameFile(tmp_path / "icon-names.json")
    assert kept.known("Osmo") == []
    kept.learn("Osmo", [("ab12", "New contact")])
    kept.learn("Osmo", [("cd34", "Edit contact"), ("ab12", "Add a contact")])  # named again: the new name
    assert IconNameFile(tmp_path / "icon-names.json").known("Osmo") == [
        ("ab12", "Add a contact"),
        ("cd34", "Edit contact"),
    ]
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    IconNameFile(broken).learn("Osmo", [("ab12", "New contact")])
    assert broken.read_text(encoding="utf-8") == "{not json" and IconNameFile(broken).known("Osmo") == []
