"""Receipts drawn at test time with real fonts, read back through real Tesseract."""

from pathlib import Path

import pytest
from PIL import Image

from app.services.attach import document_ocr, read_attachments
from automation.documents.read import line_height, prepare, skew
from automation.errors import UsageError
from tests.support.receipts import ENGLISH, KINDS, draw, photographed, save


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_of_receipt_gives_its_fields(kind: str, tmp_path: Path) -> None:
    drawn = KINDS[kind]
    (document,) = read_attachments([save(drawn, tmp_path)])
    receipt = document.receipt
    assert (receipt.amount, receipt.date, receipt.vendor, receipt.category) == (
        drawn.amount,
        drawn.date,
        drawn.vendor,
        drawn.category,
    ), document.text


def test_a_photo_turned_a_few_degrees_is_straightened_and_small_text_scaled_up() -> None:
    photo = photographed(draw(ENGLISH, size=12), degrees=4)
    assert skew(photo.convert("L")) == pytest.approx(-4, abs=0.6)
    height = line_height(prepare(photo))
    assert height is not None and 30 <= height <= 50


def test_the_pdf_page_is_rendered_and_read(tmp_path: Path) -> None:
    (document,) = read_attachments([save(KINDS["pdf"], tmp_path)])
    assert document.pages == 1 and "Grand Plaza Hotel" in document.text


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("blank.png", "blank", "no text found in blank.png"),
        ("photo.jpg", b"\xff\xd8\xff\xe0 cut off", "cannot read photo.jpg"),
        ("scan.pdf", b"%PDF-1.7\n broken", "cannot read scan.pdf"),
        ("gone.png", None, "no such file"),
    ],
)
def test_bad_attachments_are_a_usage_error_naming_the_file(
    name: str, content: bytes | str | None, says: str, tmp_path: Path
) -> None:
    path = tmp_path / name
    if content == "blank":
        Image.new("RGB", (500, 700), (250, 250, 248)).save(path)
    elif isinstance(content, bytes):
        path.write_bytes(content)
    with pytest.raises(UsageError, match=says) as caught:
        read_attachments([path])
    assert caught.value.exit_code == 2 and caught.value.fix


def test_the_document_engine_reads_chinese_and_english_together() -> None:
    assert "chi_sim" in getattr(document_ocr(), "lang", "")
