"""`deskhand do --attach`: a receipt drawn at test time, photographed, read through real
Tesseract, and filed in the Tk legacy client by the default model pack. The client's
claims file is the verdict."""

import json
from pathlib import Path

import pytest

from tests.support.apps import RunningApp, deskhand
from tests.support.default_pack import needs_default_pack
from tests.support.do_command import do
from tests.support.receipts import KINDS, save

pytestmark = [pytest.mark.e2e, needs_default_pack]


def test_file_this_receipt_types_its_amount_and_date_and_asks_only_for_the_attendees(
    legacy: RunningApp, claims: Path, tmp_path: Path
) -> None:
    receipt = KINDS["photo"]
    photo = save(receipt, tmp_path / "attachments")
    request = "file this receipt, fill in the attendees and submit"
    report = do(request, "--attach", str(photo), "--answer", "Zhang San", "--yes")
    assert report["status"] == "done"
    assert report["documents"][0]["fields"]["amount"] == receipt.amount
    asked = [s for s in report["steps"] if s["stage"] == "answer"]
    assert len(asked) == 1, "\n".join(f"{s['stage']}: {s['text']}" for s in report["steps"])
    (record,) = [json.loads(line) for line in claims.read_text().splitlines()]
    assert (record["amount"], record["date"], record["attendees"]) == (receipt.amount, receipt.date, "Zhang San")
    assert record["category"] == receipt.category


@pytest.mark.parametrize("kind", ["blank", "corrupt"])
def test_an_attachment_without_text_or_unreadable_stops_before_anything_is_typed(
    legacy: RunningApp, claims: Path, tmp_path: Path, kind: str
) -> None:
    from PIL import Image

    path = tmp_path / f"{kind}.png"
    if kind == "blank":
        Image.new("RGB", (400, 300), "white").save(path)
    else:
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    result = deskhand("do", "file this receipt and submit", "--attach", str(path), "--yes")
    assert result.returncode == 2, result.stderr
    assert path.name in result.stderr
    assert not claims.exists(), "the client received something"
