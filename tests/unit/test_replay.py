"""Replay's grounding order and control flow, on a drawn desktop with stand-in backends."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from automation.actuation.safety import SafetyGate
from automation.agent.decisions import Act, Decision, Impossible, ModelCall
from automation.desktop import Desktop
from automation.errors import NeedsAnswer, Refused, TargetAmbiguous, TargetNotFound, WindowNotFound
from automation.skills.ground import decode_crop, find_picture, find_window, ground_anchor
from automation.skills.model import Anchor, ClickStep, KeyStep, Skill, TypeStep, WindowMatch
from automation.skills.replay import Replayer, StepFailed, StepReport, fill, missing_values
from automation.timings import Timings
from automation.types import Box, Click, Observation, SkillParam, Target, TextSpan, TypeText, Window
from tests.support.scripted_policy import ScriptedPolicy

SCREEN = Box(0, 0, 800, 600)
FORM = Window(1, "Expense Form", "Tk", Box(300, 200, 400, 300))
FAST = Timings(verify_timeout=0.3, settle=0.01, window_timeout=0.2, poll_interval=0.005, expect_timeout=0.3)
MATCH = WindowMatch("Tk", "Expense Form")


def draw_button(image: Image.Image, box: Box, mark: int) -> None:
    """A button with a pattern of its own, so a crop of it is found in one place only."""
    d = ImageDraw.Draw(image)
    d.rectangle((box.x, box.y, box.right - 1, box.bottom - 1), outline=(40, 40, 40), fill=(200, 200, 200))
    for i in range(4):
        d.rectangle((box.x + 6 + i * 14, box.y + 6, box.x + 10 + i * 14, box.y + 6 + (mark >> i & 1) * 6 + 4), fill=0)


@dataclass
class World:
    """The desktop the fakes show: windows, the text on them, a picture, and what was sent."""

    windows: list[Window] = field(default_factory=lambda: [FORM])
    spans: list[TextSpan] = field(default_factory=list)
    image: Image.Image = field(default_factory=lambda: Image.new("RGB", (800, 600), (217, 217, 217)))
    active: Window | None = FORM
    sent: list[tuple] = field(default_factory=list)
    # label clicked -> the window that then opens, with its text
    after_click: dict[str, tuple[Window, list[TextSpan]]] = field(default_factory=dict)

    def changed(self) -> None:
        d = ImageDraw.Draw(self.image)
        n = len(self.sent)
        d.rectangle((10 + 12 * n, 10, 20 + 12 * n, 20), fill=(0, 0, 255))

    def label_at(self, x: int, y: int) -> str | None:
        return next(
            (s.text for s in self.spans if s.box.x - 8 <= x <= s.box.right + 8 and s.box.contains(s.box.x, y)), None
        )


class FakeScreen:
    def __init__(self, world: World) -> None:
        self.world, self.bounds = world, SCREEN

    def grab(self, region: Box | None = None) -> Image.Image:
        box = region or SCREEN
        return self.world.image.crop((box.x, box.y, box.right, box.bottom))


class FakeWindows:
    def __init__(self, world: World) -> None:
        self.world = world

    def list(self) -> list[Window]:
        return list(self.world.windows)

    def active(self) -> Window | None:
        return self.world.active

    def activate(self, window: Window) -> None:
        self.world.active = window


class FakeInput:
    display = ":fake"

    def __init__(self, world: World) -> None:
        self.world = world

    def click(self, x: int, y: int, button: str = "left", clicks: int = 1) -> None:
        self.world.sent.append(("click", x, y))
        opens = self.world.after_click.get(self.world.label_at(x, y) or "")
        if opens is not None:
            window, spans = opens
            self.world.windows.insert(0, window)
            self.world.spans += spans
            self.world.active = window
        self.world.changed()

    def type(self, text: str) -> None:
        self.world.sent.append(("type", text))
        self.world.changed()

    def typeable(self, text: str) -> str:
        return ""

    def key(self, combo: str) -> None:
        self.world.sent.append(("key", combo))
        self.world.changed()

    def scroll(self, dy: int, x: int, y: int) -> None:
        self.world.sent.append(("scroll", dy, x, y))
        self.world.changed()

    def position(self) -> tuple[int, int]:
        return (400, 300)

    def size(self) -> tuple[int, int]:
        return (800, 600)


class FakeObserver:
    def __init__(self, world: World) -> None:
        self.world = world
        self.ocr = None
        self.looks = 0

    def ignore(self, window: Window) -> bool:
        return False

    def observe(self, window: str | None = None) -> Observation:
        self.looks += 1
        spans = [s for s in self.world.spans if window is None or window in s.window]
        return Observation(self.world.image.copy(), tuple(self.world.windows), self.world.active, tuple(spans), 0.0)


def span(text: str, x: int, y: int, window: str = FORM.title) -> TextSpan:
    return TextSpan(text, Box(x, y, 8 * len(text), 12), 95.0, window)


def observation(world: World) -> Observation:
    return FakeObserver(world).observe()


def png_of(image: Image.Image, box: Box) -> bytes:
    out = io.BytesIO()
    image.crop((box.x, box.y, box.right, box.bottom)).save(out, format="PNG")
    return out.getvalue()


# --- grounding, pure --------------------------------------------------------------------


def test_a_label_is_found_where_it_moved_and_the_offset_kept() -> None:
    world = World(spans=[span("Submit", 500, 450)])
    anchor = Anchor(MATCH, "Submit", offset=(4, -1), relative=(0.1, 0.1))
    got = ground_anchor(anchor, FORM, observation(world), SCREEN, None, alone=True)
    assert (got.how, got.point, got.element) == ("label", (500 + 24 + 4, 450 + 6 - 1), "Submit")


def test_a_field_is_the_entry_beside_its_label() -> None:
    world = World(spans=[span("Amount", 320, 250)])
    ImageDraw.Draw(world.image).rectangle((420, 246, 620, 266), fill=(255, 255, 255))
    anchor = Anchor(MATCH, "Amount", offset=(150, 0), field=True)
    got = ground_anchor(anchor, FORM, observation(world), SCREEN, None, alone=True)
    assert got.how == "field" and 420 <= got.point[0] < 440 and got.point[1] == 256


def test_a_gone_label_with_no_picture_is_not_clicked_even_where_it_was() -> None:
    world = World(spans=[span("Clear", 500, 450)])
    anchor = Anchor(MATCH, "Submit", relative=(0.5, 0.85))
    with pytest.raises(TargetNotFound, match=r"'Submit'.*closest: 'Clear'"):
        ground_anchor(anchor, FORM, observation(world), SCREEN, None, alone=True)


def test_a_gone_label_is_found_by_its_picture() -> None:
    world = World()
    draw_button(world.image, Box(560, 440, 80, 24), mark=0b1011)
    draw_button(world.image, Box(400, 440, 80, 24), mark=0b0100)
    crop = decode_crop(png_of(world.image, Box(570, 442, 61, 21)))
    anchor = Anchor(MATCH, "Subrnlt?", relative=(0.1, 0.1), crop="c.png")  # OCR reads it wrong today
    got = ground_anchor(anchor, FORM, observation(world), SCREEN, crop, alone=True)
    assert (got.how, got.point) == ("crop", (600, 452))


def test_the_relative_spot_is_used_only_where_its_picture_still_is() -> None:
    world = World()
    draw_button(world.image, Box(560, 440, 80, 24), mark=0b1011)
    crop = decode_crop(png_of(world.image, Box(570, 442, 61, 21)))
    anchor = Anchor(MATCH, "Send", relative=((603 - 300) / 400, (450 - 200) / 300), crop="c.png")
    got = ground_anchor(anchor, FORM, observation(world), SCREEN, crop, alone=True)
    assert got.how == "relative" and got.point == (600, 452)  # snapped onto the picture, a few pixels off
    ImageDraw.Draw(world.image).rectangle((560, 440, 640, 464), fill=(217, 217, 217))  # the button went away
    with pytest.raises(TargetNotFound):
        ground_anchor(anchor, FORM, observation(world), SCREEN, crop, alone=True)


def test_an_unlabelled_spot_goes_by_position_only_in_the_one_window_of_its_class() -> None:
    anchor = Anchor(MATCH, None, relative=(0.5, 0.5))
    got = ground_anchor(anchor, FORM, observation(World()), SCREEN, None, alone=True)
    assert (got.how, got.point) == ("relative", (500, 350))
    with pytest.raises(TargetNotFound, match="recorded spot"):
        ground_anchor(anchor, FORM, observation(World()), SCREEN, None, alone=False)
    other_class = Window(1, "Expense Form", "Gtk", FORM.box)
    with pytest.raises(TargetNotFound):
        ground_anchor(anchor, other_class, observation(World()), SCREEN, None, alone=True)


def test_equal_labels_are_settled_only_by_one_being_clearly_nearest_the_recording() -> None:
    world = World(spans=[span("Clear", 320, 260), span("Clear", 520, 450)])
    near_button = Anchor(MATCH, "Clear", relative=((540 - 300) / 400, (456 - 200) / 300))
    got = ground_anchor(near_button, FORM, observation(world), SCREEN, None, alone=True)
    assert got.point == (540, 456)
    halfway = Anchor(MATCH, "Clear", relative=((430 - 300) / 400, (358 - 200) / 300))
    with pytest.raises(TargetAmbiguous):
        ground_anchor(halfway, FORM, observation(world), SCREEN, None, alone=True)


def test_a_picture_seen_twice_is_not_a_place_to_click() -> None:
    image = Image.new("RGB", (400, 300), (217, 217, 217))
    draw_button(image, Box(50, 50, 80, 24), mark=5)
    draw_button(image, Box(250, 150, 80, 24), mark=5)
    crop = decode_crop(png_of(image, Box(55, 52, 61, 21)))
    assert crop is not None
    assert find_picture(np.asarray(image), crop, Box(0, 0, 400, 300)) is None


@pytest.mark.parametrize(
    ("windows", "expected", "alone"),
    [
        ([FORM], FORM, True),
        ([Window(5, "Expense Form - claim 2", "Tk", FORM.box)], 5, True),  # a changed title, the same class
        ([Window(5, "Report", "Tk", FORM.box), Window(6, "Expense Form", "Tk", FORM.box)], 6, False),
        ([Window(5, "Report", "Tk", FORM.box), Window(6, "Other", "Tk", FORM.box)], None, False),
        ([Window(7, "Expense Form", "Qt", FORM.box)], 7, False),  # the class changed: the title alone
    ],
)
def test_windows_are_found_by_class_then_title(windows: list[Window], expected: object, alone: bool) -> None:
    window, unique = find_window(MATCH, windows)
    want = FORM if expected is FORM else None if expected is None else next(w for w in windows if w.id == expected)
    assert window == want and (window is None or unique == alone)


# --- the replayer ---------------------------------------------------------------------

SKILL = Skill(
    "file-expense",
    params=(SkillParam("amount", "Amount in 'Expense Form'", "42.50"), SkillParam("pin", "PIN", "", secret=True)),
    steps=(
        TypeStep("{amount}", Anchor(MATCH, "Amount", field=True), MATCH),
        TypeStep("{pin}", None, MATCH),
        KeyStep("Tab", MATCH),
        ClickStep(Anchor(MATCH, "Submit"), expect="Submit this claim?"),
    ),
)
VALUES = {"amount": "77.10", "pin": "2468"}


def form_world() -> World:
    world = World(spans=[span("Amount", 320, 250), span("Submit", 500, 450)])
    ImageDraw.Draw(world.image).rectangle((420, 246, 620, 266), fill=(255, 255, 255))
    confirm = Window(2, "Confirm", "Toplevel", Box(400, 280, 220, 90))  # another class: new, so it counts
    world.after_click["Submit"] = (confirm, [span("Submit this claim?", 420, 300, "Confirm")])
    return world


def replayer(world: World, tmp_path: Path, approve: bool = True, policy: object = None) -> tuple[Replayer, list]:
    asked: list[str] = []
    reports: list[StepReport] = []
    screen, windows, input = FakeScreen(world), FakeWindows(world), FakeInput(world)
    desktop = Desktop(screen, windows, None, input)  # type: ignore[arg-type]
    gate = SafetyGate(input, windows, SCREEN)

    def confirm(question: str, act: Act) -> bool:
        asked.append(question)
        return approve

    made = Replayer(
        desktop,
        FakeObserver(world),  # type: ignore[arg-type]
        gate,
        confirm,
        report=reports.append,
        policy=policy,  # type: ignore[arg-type]
        timings=FAST,
        shots=tmp_path / "replays",
    )
    return made, [asked, reports]


class Counting:
    """A policy that counts how often it is asked, and declines."""

    def __init__(self) -> None:
        self.asked = 0

    def decide(self, situation: object) -> Decision:
        self.asked += 1
        return Impossible("no")


def test_a_healthy_replay_fills_values_confirms_commits_and_asks_no_model(tmp_path: Path) -> None:
    world = form_world()
    policy = Counting()
    replay, (asked, reports) = replayer(world, tmp_path, policy=policy)
    result = replay.run(SKILL, VALUES)
    assert world.sent[:3] == [("click", 430, 256), ("type", "7"), ("type", "7")]
    typed = "".join(s[1] for s in world.sent if s[0] == "type")
    assert typed == "77.102468"
    assert ("key", "Tab") in world.sent and world.sent[-1] == ("click", 524, 456)
    assert asked == ["click 'Submit' in 'Expense Form'?"]
    assert [r.how for r in reports] == ["field", "window", "window", "label"]
    assert reports[-1].verdict == "seen"
    assert policy.asked == 0 and result.calls == () and result.consults == 0
    assert not any("2468" in r.text for r in reports)  # the secret is typed, never shown


def test_missing_values_are_asked_for_before_anything_is_sent(tmp_path: Path) -> None:
    world = form_world()
    replay, _ = replayer(world, tmp_path)
    with pytest.raises(NeedsAnswer) as err:
        replay.run(SKILL, {"amount": "1"})
    assert err.value.exit_code == 3 and "pin (PIN, secret)" in err.value.message
    assert "--set pin=..." in err.value.fix and world.sent == []
    with pytest.raises(NeedsAnswer, match=r"amount \(Amount in 'Expense Form', e.g. '42.50'\)"):
        missing_values(SKILL, {"pin": "1"})


def test_a_gone_anchor_stops_with_a_screenshot_and_sends_nothing(tmp_path: Path) -> None:
    world = form_world()
    world.spans = [s for s in world.spans if s.text != "Submit"]
    replay, _ = replayer(world, tmp_path)
    skill = Skill("submit", steps=(ClickStep(Anchor(MATCH, "Submit", relative=(0.55, 0.85))),))
    with pytest.raises(StepFailed) as err:
        replay.run(skill, {})
    assert err.value.exit_code == 4 and world.sent == []
    assert "step 1 of 1 (click 'Submit' in 'Expense Form') failed" in err.value.message
    assert err.value.screenshot is not None and err.value.screenshot.exists()
    assert f"screenshot: {err.value.screenshot}" in err.value.message


def test_a_gone_anchor_is_repaired_by_the_policy_with_the_failure_in_its_history(tmp_path: Path) -> None:
    world = form_world()
    world.spans = [span("Amount", 320, 250), span("Send", 500, 450)]  # the button was renamed
    policy = ScriptedPolicy([Act(Click(Target("Send")), calls=(ModelCall("choose", 0.4),))])
    replay, (asked, reports) = replayer(world, tmp_path, policy=policy)
    skill = Skill("submit", steps=(ClickStep(Anchor(MATCH, "Submit")),))
    result = replay.run(skill, {})
    (situation,) = policy.seen
    (turn,) = situation.history
    assert not turn.ok and "'Submit'" in turn.outcome and "closest: 'Send'" in turn.outcome
    assert world.sent == [("click", 516, 456)] and reports[0].how == "repair"
    assert result.consults == 1 and [c.purpose for c in result.calls] == ["choose"]
    assert asked == ["click 'Submit' in 'Expense Form'?"]  # the repair is still a committing click


def test_a_repair_the_policy_cannot_offer_stops_the_replay(tmp_path: Path) -> None:
    world = form_world()
    world.spans = []
    replay, _ = replayer(world, tmp_path, policy=Counting())
    with pytest.raises(StepFailed, match="the model offered no repair"):
        replay.run(Skill("s", steps=(ClickStep(Anchor(MATCH, "Submit")),)), {})
    assert world.sent == []


def test_a_declined_confirmation_sends_nothing(tmp_path: Path) -> None:
    world = form_world()
    replay, _ = replayer(world, tmp_path, approve=False)
    with pytest.raises(Refused, match="declined") as err:
        replay.run(Skill("s", steps=(ClickStep(Anchor(MATCH, "Submit")),)), {})
    assert err.value.exit_code == 8 and world.sent == []


def test_an_expectation_that_never_shows_fails_the_step(tmp_path: Path) -> None:
    world = form_world()
    world.after_click = {}
    replay, _ = replayer(world, tmp_path)
    with pytest.raises(StepFailed, match=r"'Submit this claim\?' to appear") as err:
        replay.run(Skill("s", steps=(ClickStep(Anchor(MATCH, "Submit"), expect="Submit this claim?"),)), {})
    assert err.value.exit_code == 1 and len(world.sent) == 1


def test_a_missing_window_is_waited_for_then_named(tmp_path: Path) -> None:
    world = form_world()
    replay, _ = replayer(world, tmp_path)
    gone = WindowMatch("Gtk", "Payroll")
    with pytest.raises(StepFailed) as err:
        replay.run(Skill("s", steps=(KeyStep("ctrl+s", gone),)), {})
    assert isinstance(err.value.cause, WindowNotFound) and err.value.exit_code == 4
    assert "no window titled 'Payroll'; open windows: 'Expense Form'" in err.value.message


def test_placeholders_are_filled_and_braces_left_alone() -> None:
    assert fill("{amount} EUR", {"amount": "4"}) == "4 EUR"
    assert fill("{}", {}) == "{}"


def test_expected_text_in_another_application_does_not_count(tmp_path: Path) -> None:
    world = form_world()
    world.after_click = {}
    terminal = Window(3, "deskhand replay", "XTerm", Box(0, 0, 290, 200))  # printing this replay's progress
    world.windows.append(terminal)
    world.spans.append(span("Submit this claim?", 10, 10, terminal.title))
    replay, _ = replayer(world, tmp_path)
    with pytest.raises(StepFailed, match="to appear"):
        replay.run(Skill("s", steps=(ClickStep(Anchor(MATCH, "Submit"), expect="Submit this claim?"),)), {})


def test_typing_waits_until_the_click_on_the_field_shows(tmp_path: Path) -> None:
    """openbox hands a click to the application late; keys typed at once went to the old field."""
    from automation.actuation.actor import Actor

    world = form_world()
    late = {"grabs": -1}  # grabs left until the click shows; -1: no click pending

    class LateScreen(FakeScreen):
        def grab(self, region: Box | None = None) -> Image.Image:
            if late["grabs"] > 0:
                late["grabs"] -= 1
                if late["grabs"] == 0:
                    world.changed()  # the focus ring appears
            return super().grab(region)

    class LateInput(FakeInput):
        def click(self, x: int, y: int, button: str = "left", clicks: int = 1) -> None:
            world.sent.append(("click", x, y))
            late["grabs"] = 3

        def type(self, text: str) -> None:
            world.sent.append(("type", text, late["grabs"]))

    input = LateInput(world)
    desktop = Desktop(LateScreen(world), FakeWindows(world), None, input)  # type: ignore[arg-type]
    actor = Actor(desktop, FakeObserver(world), SafetyGate(input, FakeWindows(world), SCREEN), FAST)  # type: ignore[arg-type]
    actor.send(TypeText("ab", None, FORM.title), (430, 256), FORM)
    assert world.sent == [("click", 430, 256), ("type", "a", 0), ("type", "b", 0)]
