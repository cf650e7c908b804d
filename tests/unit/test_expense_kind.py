"""The kind of expense, matched by meaning to a form's own list, with the real sentence model."""

import pytest

from models.expense_kind import choose_item, rank_items

LISTS = [
    ["Business meals", "Travel - lodging", "Travel - transport", "Stationery & printing", "Training"],
    ["餐饮", "住宿", "交通", "办公用品", "其他"],
]


@pytest.mark.parametrize(
    ("bought", "kinds"),
    [
        (("Harbor View Hotel", "Room, 2 nights, Minibar"), ("Travel - lodging", "住宿")),
        (("兰州拉面", "牛肉拉面, 啤酒"), ("Business meals", "餐饮")),
        (("Metro Cab Co.", "Fare, Airport surcharge"), ("Travel - transport", "交通")),
        (("晨光文具店", "签字笔, 文件夹"), ("Stationery & printing", "办公用品")),
    ],
)
def test_a_purchase_finds_its_item_in_both_languages(bought: tuple[str, ...], kinds: tuple[str, str]) -> None:
    assert tuple(choose_item(bought, items) for items in LISTS) == kinds


def test_every_item_is_ranked_once_and_nothing_is_chosen_from_nothing() -> None:
    ranked = rank_items(("Harbor View Hotel",), LISTS[0])
    assert sorted(item for item, _ in ranked) == sorted(LISTS[0])
    assert [score for _, score in ranked] == sorted((score for _, score in ranked), reverse=True)
    assert choose_item((), LISTS[0]) is None
    assert choose_item(("Harbor View Hotel",), []) is None
