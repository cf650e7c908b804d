"""Receipts drawn at test time with real fonts, read back through real Tesseract."""

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from app.services.attach import document_ocr, read_attachments
from automation.documents.page_image import line_height, prepare, skew
from automation.errors import UsageError
from tests.support.receipt_generator import TUNING, generate
from tests.support.receipt_generator import draw as draw_generated
from tests.support.receipt_generator import photographed as photographed_slip
from tests.support.receipt_generator import save as save_generated
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


# Tuning seeds of tests/support/receipt_generator.py that the reader once got wrong: photos whose price
# column Tesseract dropped beside the table's edge (3, 52), cash and change after the total (12, 68, 69,
# Chinese), prices split from their labels by a wide gap (43, 76). Never a seed of the final range.
HARD_SEEDS = (3, 12, 43, 52, 68, 69, 76)


@pytest.mark.parametrize("seed", HARD_SEEDS)
def test_a_generated_receipts_total_is_read_from_the_picture(seed: int, tmp_path: Path) -> None:
    receipt = generate(seed)
    assert seed in TUNING
    (document,) = read_attachments([save_generated(receipt, tmp_path)])
    assert document.receipt.amount == receipt.amount, document.text
    assert document.receipt.date == receipt.date, document.text


# Tuning seeds whose centred Chinese name Tesseract 5.5 rejected as a noisy row: the address was taken for
# the vendor (5, 147) or a line of the total (229). Never a seed of the final range.
@pytest.mark.parametrize("seed", (5, 147, 229))
def test_a_chinese_receipts_centred_name_is_read_as_its_vendor(seed: int, tmp_path: Path) -> None:
    receipt = generate(seed)
    assert seed in TUNING and receipt.language == "zh"
    (document,) = read_attachments([save_generated(receipt, tmp_path)])
    assert document.receipt.vendor == receipt.vendor, document.text


@pytest.mark.parametrize("seed", (3, 12, 52))
def test_a_photographed_slip_is_cut_from_the_table_and_its_light_made_even(seed: int) -> None:
    slip = draw_generated(generate(seed))
    photo = photographed_slip(slip, seed)
    page = prepare(photo)
    # The slip's own shape, not the photo's (a table around it, in perspective).
    assert page.width / page.height == pytest.approx(slip.width / slip.height, rel=0.03)
    assert abs(photo.width / photo.height - slip.width / slip.height) > 0.03 * slip.width / slip.height
    pixels = np.asarray(page)
    corner = pixels[: pixels.shape[0] // 4, : pixels.shape[1] // 4]  # where the hand's shadow falls
    assert np.percentile(pixels, 75) >= 240 and np.percentile(corner, 75) >= 235
