"""Property: the parser reads every generated receipt's own text right (no OCR in between).

Seeds come from the tuning range only: the final range is never read while the reader changes.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from automation.documents.receipt import parse_receipt
from tests.support.receipt_generator import TUNING, generate


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(TUNING))
def test_the_fields_of_a_generated_receipts_text(seed: int) -> None:
    receipt = generate(seed)
    found = parse_receipt("\n".join(receipt.lines))
    assert (found.amount, found.date, found.vendor) == (receipt.amount, receipt.date, receipt.vendor)
    assert found.bought and found.bought[0] == receipt.vendor
