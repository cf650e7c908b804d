"""Zoo forms whose toolkits expose an accessibility tree, observed with a session bus: the tree's fields
are the controls Deskhand grounds, focuses and reads back (Swing through the ATK wrapper). The forms' own
state is the judge."""

import json
import os
from collections.abc import Iterator
from typing import Any

import pytest

from tests.support import zoo, zoo_steps
from tests.support.session_bus import session_bus
from tests.support.zoo import ZooForm

pytestmark = pytest.mark.e2e
SEED = 101  # the e2e seed: from the development range (tests/bench/zoo.py)


@pytest.fixture(scope="module", params=["gtk", "qt", "swing"])
def form(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ZooForm]:
    saved = {k: os.environ.get(k) for k in ("DBUS_SESSION_BUS_ADDRESS", "QT_LINUX_ACCESSIBILITY_ALWAYS_ON")}
    with session_bus() as address:
        os.environ["DBUS_SESSION_BUS_ADDRESS"] = address
        os.environ["QT_LINUX_ACCESSIBILITY_ALWAYS_ON"] = "1"  # Qt builds its tree only when asked
        try:
            yield from zoo.running(request.param, SEED, tmp_path_factory.mktemp(f"zoo-tree-{request.param}"))
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


def observed(form: ZooForm) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(zoo_steps.ok("observe", "--json", "--window", form.title))
    assert data["accessible"], "the form's tree was not trusted: these tests would test pixels alone"
    return data


def test_above_labelled_fields_are_typed_into_and_their_tree_values_are_the_elements_text(form: ZooForm) -> None:
    above = zoo_steps.text_fields(form, "above")
    zoo_steps.type_into(form, above)  # the form's own values are the judge
    data = observed(form)
    values = [a["value"] for a in data["accessible"] if a.get("value") is not None]
    for label in above:
        (field,) = [e for e in data["controls"] if e["label"] == label and e["kind"] == "text"]
        assert zoo_steps.norm(field["text"]) == zoo_steps.norm(str(form.spec.answers[label]))
        assert field["text"] in values  # the text is the tree's value, not an OCR reading


def test_the_focused_field_is_named_from_the_tree(form: ZooForm) -> None:
    label = zoo_steps.text_fields(form, "left")[-1]
    zoo_steps.type_into(form, [label])
    data = observed(form)
    focused = [e for e in data["controls"] if e["focused"]]
    assert [e["label"] for e in focused] == [label]
    tree_focus = [a for a in data["accessible"] if "focused" in a["states"]]
    assert len(tree_focus) == 1
    box, at = focused[0]["box"], tree_focus[0]["box"]
    assert box["x"] <= at["x"] + at["w"] // 2 <= box["x"] + box["w"]


def test_a_wrong_field_is_caught_through_the_trees_values(form: ZooForm) -> None:
    zoo_steps.wrong_field_is_exit_1(form)
