"""The zoo's form spec: deterministic per seed, complete, and on screen."""

import pytest

from tests.apps.zoo.runfile import dump, dump_items
from tests.apps.zoo.spec import output_for, problem, spec_for, spec_from_json

SEEDS = range(100, 140)


def test_a_seed_gives_the_same_spec_and_it_survives_json() -> None:
    assert spec_for(7) == spec_for(7)
    assert spec_for(7) != spec_for(8)
    assert spec_from_json(spec_for(7).to_json()) == spec_for(7)


@pytest.mark.parametrize("seed", SEEDS)
def test_every_form_has_every_kind_both_label_positions_and_fits_the_screen(seed: int) -> None:
    spec = spec_for(seed)
    kinds = {f.kind for f in spec.fields}
    assert kinds == {"text", "number", "date", "combo", "check", "note", "grid"}
    texts = [f for f in spec.fields if f.kind == "text"]
    assert {"left", "above"} <= {f.position for f in texts}
    assert spec.width <= 1200 and spec.height + 80 <= 800  # with a title bar, on the suite's screen
    assert set(spec.answers) == {f.label for f in spec.fields}
    labels = [f.label for f in spec.fields]
    assert len(labels) == len(set(labels))


@pytest.mark.parametrize("seed", SEEDS)
def test_planned_widgets_do_not_overlap(seed: int) -> None:
    places = list(spec_for(seed).places.items())
    for i, (a_key, a) in enumerate(places):
        for b_key, b in places[i + 1 :]:
            apart = a.x + a.w <= b.x or b.x + b.w <= a.x or a.y + a.h <= b.y or b.y + b.h <= a.y
            assert apart, f"{a_key} {a} overlaps {b_key} {b}"


def test_required_and_number_checks_and_the_output() -> None:
    spec = spec_for(101)
    values = dict(spec.answers)
    assert problem(spec, values) is None
    number = next(f.label for f in spec.fields if f.kind == "number")
    assert problem(spec, {**values, number: "twelve"}) == f"{number} must be a number"
    required = next(f.label for f in spec.fields if f.required and f.kind == "text")
    assert problem(spec, {**values, required: " "}) == f"{required} is required"
    grid = next(f for f in spec.fields if f.kind == "grid")
    empty_row = dict.fromkeys(grid.columns, "")
    out = output_for(spec, {**values, grid.label: [values[grid.label][0], empty_row]})  # type: ignore[index]
    assert out == spec.answers  # the empty grid row is left out


def test_the_dump_pairs_every_field_with_its_label() -> None:
    spec = spec_for(101)
    d = dump(spec, "test", lambda key: (1, 2, 3, 4), {}, "Ready")
    labels = {i["of"] for i in d["items"] if i["role"] == "label"}
    fields = {i["label"] for i in d["items"] if i["role"] == "field"}
    assert fields <= labels
    assert len(d["items"]) == len(dump_items(spec, "Ready"))


def test_a_chinese_spec_is_the_same_form_in_chinese_words() -> None:
    from tests.apps.zoo.spec import problem, spec_for

    english, chinese = spec_for(101), spec_for(101, language="zh")
    assert [f.kind for f in chinese.fields] == [f.kind for f in english.fields]
    assert all(any("\u4e00" <= c <= "\u9fff" for c in f.label) for f in chinese.fields)
    assert "表单" in chinese.title and chinese.question.endswith("？")
    assert set(chinese.answers) == {f.label for f in chinese.fields}
    assert "不能为空" in (problem(chinese, {}) or "")
    assert english.language == "en" and "entry" in english.status_after(1)
