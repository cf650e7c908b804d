import pytest

from automation.errors import TargetAmbiguous, TargetNotFound
from automation.grounding.match import EXACT, FUZZY, PART, candidates, normalize, resolve, resolve_pressable
from automation.types import Box, Target, TextSpan


def span(text: str, x: int, y: int, window: str = "Form") -> TextSpan:
    return TextSpan(text, Box(x, y, 8 * len(text), 12), 90, window)


SCREEN = [
    span("File", 0, 0),
    span("Save As...", 40, 0),
    span("Save", 120, 0),
    span("Amount:", 0, 40),
    span("Subrnit", 0, 80),
    span("OK", 0, 120, window="Dialog"),
    span("OK", 200, 120, window="Form"),
    span("1", 0, 160),
    span("7", 40, 160),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Amount:", "amount"),
        ("Save As...", "save as"),
        ("  Unit   Price ", "unit price"),
        ("Export >", "export"),
        (":", ":"),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_exact_beats_partial() -> None:
    assert resolve(Target("Save"), SCREEN).span.text == "Save"


def test_trailing_colon_and_case_are_ignored() -> None:
    match = resolve(Target("amount"), SCREEN)
    assert (match.span.text, match.tier) == ("Amount:", EXACT)


def test_equal_as_typed_wins_over_equal_once_normalised() -> None:
    dialog = [span("Name:", 0, 0), span("Name", 100, 40)]
    assert resolve(Target("Name:"), dialog).span.text == "Name:"
    assert resolve(Target("Name"), dialog).span.text == "Name"
    with pytest.raises(TargetAmbiguous):
        resolve(Target("name"), dialog)


def test_glyphs_drawn_alike_match_in_labels_but_not_alone() -> None:
    keys = [span("In", 0, 0), span("l/x", 40, 0), span("l", 80, 0), span("1", 120, 0)]
    assert resolve(Target("ln"), keys).span.text == "In"
    assert resolve(Target("1/x"), keys).span.text == "l/x"
    assert resolve(Target("1"), keys).span.text == "1"
    assert resolve(Target("In"), [*keys, span("ln", 0, 40)]).span.text == "In"  # equal beats alike


def test_an_ocr_slip_still_matches() -> None:
    match = resolve(Target("Submit"), SCREEN)
    assert (match.span.text, match.tier) == ("Subrnit", FUZZY)


def test_part_of_a_label_points_at_that_part() -> None:
    match = resolve(Target("As"), SCREEN)
    assert match.tier == PART
    assert match.box.x > SCREEN[1].box.x  # "As" is right of "Save"


def test_single_characters_never_fuzzy_match() -> None:
    assert [m.span.text for m in candidates("1", SCREEN)] == ["1"]


def test_equal_matches_are_ambiguous_and_listed() -> None:
    with pytest.raises(TargetAmbiguous) as err:
        resolve(Target("OK"), SCREEN)
    assert len(err.value.matches) == 2
    assert err.value.exit_code == 5


@pytest.mark.parametrize(
    ("target", "window"),
    [(Target("OK", window="Dialog"), "Dialog"), (Target("OK", index=2), "Form"), (Target("OK", near="File"), "Dialog")],
)
def test_ambiguity_is_resolved_only_when_asked(target: Target, window: str) -> None:
    assert resolve(target, SCREEN).span.window == window


def test_index_out_of_range_is_not_found() -> None:
    with pytest.raises(TargetNotFound):
        resolve(Target("OK", index=3), SCREEN)


def test_not_found_names_the_closest_candidates() -> None:
    with pytest.raises(TargetNotFound) as err:
        resolve(Target("Amounts due"), SCREEN)
    assert err.value.candidates[0] == "Amount:"
    assert err.value.exit_code == 4


def test_a_label_ocr_split_in_two_side_by_side_is_found_in_the_two_joined() -> None:
    """A Tk sub-menu item read as 'As' and 'Text' (one OCR line each) is still 'As Text'."""
    spans = [
        TextSpan("As", Box(197, 143, 17, 10), 96, "Form"),
        TextSpan("Text", Box(218, 143, 30, 10), 96, "Form"),
        TextSpan("As JSON", Box(197, 165, 54, 13), 96, "Form"),
    ]
    match = resolve(Target("As Text"), spans)
    assert match.tier == EXACT and match.box == Box(197, 143, 51, 10)


def test_pieces_far_apart_or_in_two_windows_are_never_joined() -> None:
    far = [TextSpan("As", Box(10, 10, 17, 10), 96, "Form"), TextSpan("Text", Box(60, 10, 30, 10), 96, "Form")]
    apart = [TextSpan("As", Box(10, 10, 17, 10), 96, "Form"), TextSpan("Text", Box(30, 10, 30, 10), 96, "Other")]
    for spans in (far, apart):
        with pytest.raises(TargetNotFound):
            resolve(Target("As Text"), spans)


def test_a_label_with_other_numbers_is_no_slip_of_the_query() -> None:
    # winecfg's version combo showed "Windows 7", and `act choose "Windows 10"` took it as shown.
    def fuzzy(query: str, seen: str) -> bool:
        return bool(candidates(query, [TextSpan(seen, Box(0, 0, 60, 12), 90.0)]))

    assert not fuzzy("Windows 10", "Windows 7") and not fuzzy("Windows 10", "Windows XP")
    assert not fuzzy("Net 60", "Net 30") and not fuzzy("Saved claim 3", "Saved claim 2")
    assert fuzzy("Windows 10", "Windows 1O") and fuzzy("Invoice Total", "lnvoice Tota")  # OCR slips still match


def test_among_equal_matches_a_click_takes_the_one_drawn_as_a_button() -> None:
    """xfig names the button the pointer rests on in a hint beside its menu bar ("File menu"):
    the File button and the hint's "File" were two equal matches, exit 5 (round 17)."""
    button = TextSpan("File", Box(136, 23, 60, 23), 97, "Xfig")
    hint = TextSpan("File", Box(926, 46, 24, 11), 96, "Xfig")
    assert resolve_pressable(Target("File"), [button, hint], [Box(136, 23, 60, 23)]).span is button
    with pytest.raises(TargetAmbiguous):
        resolve_pressable(Target("File"), [button, hint], [])
    with pytest.raises(TargetAmbiguous):  # both drawn as buttons: still for the user to say
        resolve_pressable(Target("File"), [button, hint], [Box(136, 23, 60, 23), Box(920, 40, 40, 24)])
