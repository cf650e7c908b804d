"""The recognizer's hints: skill words first, then confident on-screen labels, once each."""

from PIL import Image

from app.services.voice.hints import hint_words, past_values
from automation.skill_card import SkillCard, SkillParam
from automation.skills.store import PastRun
from automation.types import Box, Observation, TextSpan


def observation(*labels: tuple[str, float]) -> Observation:
    spans = tuple(TextSpan(text, Box(10 * i, 0, 10, 10), conf) for i, (text, conf) in enumerate(labels))
    return Observation(Image.new("RGB", (1, 1)), (), None, spans, 0.0)


LUNCH = SkillCard(
    "file_lunch_expense",
    "File a lunch expense",
    (SkillParam("amount"), SkillParam("attendees", "Who did you eat with?"), SkillParam("pin", secret=True)),
    ("file a lunch of 42.50 with Zhang San",),
)


def test_skill_names_and_parameters_come_before_labels_and_secrets_are_left_out() -> None:
    hints = hint_words([LUNCH], observation(("Amount", 91), ("Submit", 95)))
    assert hints == [
        "file lunch expense",
        "amount",
        "attendees",
        "File a lunch expense",
        "file a lunch of 42.50 with Zhang San",
        "Submit",
    ]  # "Amount" is already there as "amount"; "pin" is secret


def test_unsure_readings_and_marks_are_not_hints() -> None:
    hints = hint_words([], observation(("Attendees:", 88), ("lI", 20), ("|", 96), ("Category", 70), ("x", 99)))
    assert hints == ["Attendees", "Category"]


def test_no_skills_and_no_observation_give_no_hints() -> None:
    assert hint_words([], None) == []


def test_the_list_is_cut_at_the_limit_keeping_the_first() -> None:
    labels = [(f"Label{chr(65 + i)}", 90.0) for i in range(10)]
    assert hint_words([], observation(*labels), limit=3) == ["LabelA", "LabelB", "LabelC"]


def run(started: float, **args: str) -> PastRun:
    return PastRun("file_lunch_expense", started, 1.0, True, 0, "", args, "")


def test_past_values_are_the_words_users_gave_newest_first_without_numbers() -> None:
    runs = [
        run(1.0, amount="18.00", attendees="Li Wei", category="Meals"),
        run(2.0, amount="42.50", attendees="Zhang San", date="2026-11-28", category="meals"),
    ]
    assert past_values(runs) == ["Zhang San", "meals", "Li Wei"]
    assert past_values(runs, limit=1) == ["Zhang San"]


def test_past_values_come_after_skill_names_and_before_the_skills_texts_and_labels() -> None:
    hints = hint_words([LUNCH], observation(("Submit", 95)), past=["Zhang San"])
    assert hints[:4] == ["file lunch expense", "amount", "attendees", "Zhang San"]
    assert hints[-1] == "Submit"
