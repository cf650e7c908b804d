from automation.perception.grouping import group_words, to_screen, visible, without_marks
from automation.types import Box, OcrWord, TextSpan


def word(
    text: str, x: int, y: int = 10, w: int = 30, h: int = 12, line: tuple[int, ...] = (1,), conf: float = 90
) -> OcrWord:
    return OcrWord(text, Box(x, y, w, h), conf, line)


def test_words_a_space_apart_form_one_label() -> None:
    labels = group_words([word("Unit", 0), word("Price", 34)])
    assert [s.text for s in labels] == ["Unit Price"]
    assert labels[0].box == Box(0, 10, 64, 12)


def test_a_wide_gap_keeps_menu_items_apart() -> None:
    labels = group_words([word("File", 0), word("Edit", 45), word("Help", 90)])
    assert [s.text for s in labels] == ["File", "Edit", "Help"]


def test_words_of_different_lines_never_join() -> None:
    labels = group_words([word("Amount", 0, line=(1,)), word("Date", 34, line=(2,))])
    assert sorted(s.text for s in labels) == ["Amount", "Date"]


def test_label_confidence_is_its_weakest_word() -> None:
    (label,) = group_words([word("Save", 0, conf=95), word("As", 33, conf=41)])
    assert label.conf == 41


def test_reading_order_is_rows_then_columns() -> None:
    labels = group_words(
        [word("B", 100, y=10, line=(1,)), word("C", 0, y=50, line=(2,)), word("A", 0, y=12, line=(3,))]
    )
    assert [s.text for s in labels] == ["A", "B", "C"]


def test_spans_move_to_screen_coordinates_and_hidden_ones_drop() -> None:
    spans = to_screen([TextSpan("OK", Box(5, 5, 10, 10), 90)], Box(100, 200, 50, 50), "Dialog")
    assert spans == [TextSpan("OK", Box(105, 205, 10, 10), 90, "Dialog")]
    assert visible(spans, [Box(100, 200, 20, 20)]) == []
    assert visible(spans, [Box(0, 0, 20, 20)]) == spans


def test_an_unsure_lone_character_is_a_glyph_that_joins_no_label() -> None:
    # A cascade menu's arrow read as "P" beside the submenu's first item.
    labels = group_words([word("P", 0, w=7, conf=0), word("As", 12, w=17, conf=94), word("Text", 33, conf=94)])
    assert [(s.text, s.conf) for s in labels] == [("P", 0), ("As Text", 94)]
    sure = group_words([word("A", 0, w=7, conf=90), word("Team", 12, conf=90)])
    assert [s.text for s in sure] == ["A Team"]  # a letter read surely is a letter


def test_a_check_box_read_as_a_glyph_leaves_its_label() -> None:
    mark = Box(0, 10, 13, 13)
    # The box read into the word ("(Send"), or as a word of its own ("I”").
    assert [w.text for w in without_marks([word("(Send", 0, w=50), word("copy", 55)], [mark])] == ["Send", "copy"]
    assert [w.text for w in without_marks([word("I”", 0, w=12), word("Send", 16)], [mark])] == ["Send"]
    kept = without_marks([word("(Send", 0, w=50)], [mark])[0]
    assert kept.box.x >= mark.right and kept.box.right == 50
    assert without_marks([word("Other", 60)], [mark]) == [word("Other", 60)]


def test_chinese_characters_read_one_by_one_join_with_no_space() -> None:
    """chi_sim gives each character as a word: "参考 号" is the label 参考号; Latin words keep their space."""
    from automation.perception.grouping import join
    from automation.types import Box, OcrWord

    words = [OcrWord(t, Box(10 + 14 * i, 5, 12, 12), 90.0, (1,)) for i, t in enumerate(["参考", "号", "ID", "no"])]
    assert join(words).text == "参考号 ID no"


def test_a_control_s_rows_are_grouped_row_by_row_whatever_their_words_x() -> None:
    """A Tk menu read as one control gives all its words one line id: walked by x alone, "As Text"
    over "As JSON" came apart into four words once "Text" stood a pixel left of "JSON"."""
    from automation.perception.grouping import group_words
    from automation.types import Box, OcrWord

    line = (10_000,)
    words = [
        OcrWord("As", Box(5, 6, 17, 10), 96, line),
        OcrWord("Text", Box(25, 5, 32, 12), 97, line),
        OcrWord("As", Box(5, 28, 17, 10), 96, line),
        OcrWord("JSON", Box(26, 27, 35, 15), 97, line),
    ]
    assert sorted(s.text for s in group_words(words)) == ["As JSON", "As Text"]


def test_words_one_fixed_width_space_apart_form_one_label() -> None:
    """xfig's Export dialog (Athena, a bold courier): "Output File" and "Export all layers" as
    read there, 11-12 px apart on 13-px lines. Left apart, the field was labelled "File" and
    "Export" matched the check box's words as well as the button."""
    output = [word("Output", 84, y=306, w=59, h=13), word("File", 155, y=304, w=39, h=13)]
    export = [word("Export", 79, y=157, w=58, h=13), word("all", 148, y=155, w=29, h=13)]
    export.append(word("layers", 189, y=156, w=57, h=14))
    assert [s.text for s in group_words(output)] == ["Output File"]
    assert [s.text for s in group_words(export)] == ["Export all layers"]


def test_fixed_width_words_two_spaces_apart_stay_apart() -> None:
    # "Rescan" and "Cancel" in one row of courier buttons, and two words two spaces apart
    assert [s.text for s in group_words([word("Rescan", 106, w=59), word("Cancel", 201, w=59)])] == ["Rescan", "Cancel"]
    assert len(group_words([word("Name", 0, w=39), word("Qty", 61, w=29)])) == 2


def test_proportional_words_keep_the_menu_bar_gap() -> None:
    # widths per character unlike (a proportional font): the line-height rule alone
    labels = group_words([word("File", 0, w=22, h=13), word("Window", 33, w=48, h=13)])
    assert [s.text for s in labels] == ["File", "Window"]
