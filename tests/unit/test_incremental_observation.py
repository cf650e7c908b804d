"""After one change, the observer reads only around it, and what it reports equals a full pass.

The pictures are real: zoo forms (development seed 101) in six toolkits, each grabbed
before and after one change a user makes (a character typed into a field, a box ticked,
a combo's choice, the status line changed by pressing the primary button), captured by
`python -m tests.bench.one_change --save`. OCR is the real Tesseract.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from automation.backends.tesserocr_ocr import TesserocrEngine
from automation.perception.changes import bands, differences, regions
from automation.perception.observe import Observer, elements_of, unread_text
from automation.types import Box, Element, OcrWord, Window
from tests.support.picture_desktop import OneWindow, PictureScreen

DATA = Path(__file__).resolve().parent / "data" / "one_change"
FILED = DATA.parent / "filed"  # a real form after a claim was filed: many changes at once
PAIRS = sorted(p.name.removesuffix("-before.png") for p in DATA.glob("*-before.png"))
NEAR = 4  # pixels: OCR draws a word's box a pixel or two apart from one reading to the next


@dataclass
class CountingOcr:
    """The real engine, counting the pixels it was given to read."""

    engine: TesserocrEngine
    name: str = "counting"
    pixels: list[int] = field(default_factory=list)

    def read(self, image: Image.Image, single_line: bool = False) -> list[OcrWord]:
        self.pixels.append(image.width * image.height)
        return self.engine.read(image, single_line=single_line)


@pytest.fixture(scope="module")
def engine() -> TesserocrEngine:
    return TesserocrEngine()


def picture(name: str) -> Image.Image:
    return Image.open(DATA / f"{name}.png").convert("RGB")


def observe_change(pair: str, ocr: CountingOcr) -> tuple[Observer, Window]:
    before, after = picture(f"{pair}-before"), picture(f"{pair}-after")
    bounds = Box(0, 0, before.width, before.height)
    window = Window(1, "Zoo form", "zoo", bounds)
    screen = PictureScreen(before, bounds)
    observer = Observer(screen, OneWindow(window), ocr)
    observer.observe()
    observer.observe()
    screen.picture = after
    return observer, window


def same(a: Element, b: Element) -> bool:
    boxes = zip((a.box.x, a.box.y, a.box.w, a.box.h), (b.box.x, b.box.y, b.box.w, b.box.h), strict=True)
    return (a.kind, a.label, a.text, a.checked) == (b.kind, b.label, b.text, b.checked) and all(
        abs(p - q) <= NEAR for p, q in boxes
    )


@pytest.mark.parametrize("pair", PAIRS)
def test_one_change_is_read_around_itself_and_equals_a_full_pass(pair: str, engine: TesserocrEngine) -> None:
    ocr = CountingOcr(engine)
    observer, window = observe_change(pair, ocr)
    read_before = len(ocr.pixels)
    incremental = observer.observe().elements
    assert observer.counts.windows == 1, "the change was read by reading the whole window again"
    assert observer.counts.bands >= 1
    area = window.box.w * window.box.h
    assert sum(ocr.pixels[read_before:]) < area, "the change cost as much OCR as the whole window"

    full = Observer(PictureScreen(picture(f"{pair}-after"), window.box), OneWindow(window), CountingOcr(engine))
    whole = full.observe().elements
    assert [e for e in whole if not any(same(e, i) for i in incremental)] == []
    assert [i for i in incremental if not any(same(i, e) for e in whole)] == []


@pytest.mark.parametrize("pair", PAIRS)
def test_controls_kept_from_before_equal_a_whole_window_shape_pass(pair: str, engine: TesserocrEngine) -> None:
    """Over the same words, looking for controls only around the change finds exactly what
    looking over the whole window finds: kinds, boxes, labels, texts, ticks, focus."""
    observer, window = observe_change(pair, CountingOcr(engine))
    kept = observer.observe().elements
    memory = observer._memory[window.id]
    whole = replace(memory, shapes=None, dirty=[], panels=[], elements=None)
    assert sorted(kept, key=repr) == sorted(elements_of(picture(f"{pair}-after"), whole, "Zoo form", engine), key=repr)


def test_a_typed_character_reads_far_fewer_pixels_than_its_full_width_band(engine: TesserocrEngine) -> None:
    before, after = np.asarray(picture("tk-type-before")), np.asarray(picture("tk-type-after"))
    changes = differences(before, after)
    ocr = CountingOcr(engine)
    observer, _ = observe_change("tk-type", ocr)
    words = [w.box for w in observer._memory[1].words]
    (band,) = bands(changes, words, after.shape[1], after.shape[0])
    parts = regions(changes, words, observer._memory[1].controls, after.shape[1], after.shape[0])
    assert sum(p.w * p.h for p in parts) * 3 < band.w * band.h


def blank(h: int = 60, w: int = 200) -> np.ndarray:
    return np.full((h, w, 3), 240, np.uint8)


def test_differences_are_the_changed_groups_of_pixels() -> None:
    rng = np.random.default_rng(7)
    for _ in range(50):
        before = rng.integers(0, 256, (int(rng.integers(1, 40)), int(rng.integers(1, 60)), 3), dtype=np.uint8)
        after = before.copy()
        for _ in range(int(rng.integers(0, 4))):
            y, x = int(rng.integers(0, before.shape[0])), int(rng.integers(0, before.shape[1]))
            after[y : y + int(rng.integers(1, 6)), x : x + int(rng.integers(1, 6)), int(rng.integers(0, 3))] ^= 5
        mask = np.any(before != after, axis=-1)
        found = differences(before, after)
        covered = np.zeros_like(mask)
        for b in found:
            covered[b.y : b.bottom, b.x : b.right] = True
        assert not (mask & ~covered).any()  # every changed pixel lies in a box
        assert all(mask[b.y : b.bottom, b.x : b.right].any() for b in found)
        assert (found == []) == (not mask.any())


def test_a_region_takes_in_the_words_of_its_label_and_the_control_it_touches() -> None:
    typed = Box(150, 22, 6, 10)  # a character typed into an entry
    entry = Box(120, 15, 200, 24)
    words = [Box(60, 20, 40, 12), Box(105, 20, 10, 12), Box(400, 20, 40, 12)]  # "Unit" "Price" beside, far word
    (part,) = regions([typed], words, [entry], 500, 100)
    assert part.x <= 60 and part.right >= entry.right  # the label's words chain in, the entry whole
    assert part.right < 400  # a word farther than the reach stays out


def test_regions_that_meet_are_one() -> None:
    assert len(regions([Box(10, 10, 5, 5), Box(18, 10, 5, 5)], [], [], 200, 100)) == 1
    assert len(regions([Box(10, 10, 5, 5), Box(150, 70, 5, 5)], [], [], 200, 100)) == 2


def test_text_drawn_where_no_word_was_read_is_unread() -> None:
    before = blank()
    after = before.copy()
    after[22:34, 40:44] = 20  # strokes of a word
    after[22:34, 50:53] = 20
    after[22:34, 58:61] = 20
    change = Box(40, 22, 21, 12)
    assert unread_text([change.grown(5)], Box(0, 0, 200, 60), [], [], before, after)
    read = [OcrWord("All", Box(40, 22, 21, 12), 90.0)]
    assert not unread_text([change.grown(5)], Box(0, 0, 200, 60), read, [], before, after)
    assert not unread_text([change.grown(5)], Box(0, 0, 200, 60), [], [change.grown(8)], before, after)  # a tick


def test_a_lone_glyph_no_word_covers_is_left_to_the_region() -> None:
    """OCR of the whole line misses a lone character as the region's reading did: no band for it."""
    before = blank()
    after = before.copy()
    after[22:34, 40:44] = 20
    after[22:25, 44:48] = 20  # a "7"
    assert not unread_text([Box(35, 17, 18, 22)], Box(0, 0, 200, 60), [], [], before, after)


def test_a_focus_ring_or_a_shading_is_no_text() -> None:
    before = blank()
    before[20:40, 60:62] = 100  # an arrow that stays
    ring = before.copy()
    ring[10, 10:100] = ring[45, 10:100] = ring[10:46, 10] = ring[10:46, 99] = 0  # a frame drawn darker
    assert not unread_text([Box(10, 10, 90, 36)], Box(0, 0, 200, 60), [], [], before, ring)
    shaded = before.copy()
    shaded[12:44, 12:98] -= 10  # a pressed button's gradient, its arrow unchanged
    assert not unread_text([Box(12, 12, 86, 32)], Box(0, 0, 200, 60), [], [], before, shaded)


def test_a_status_bar_along_the_windows_edge_reads_as_in_a_full_pass(engine: TesserocrEngine) -> None:
    """The Tk claim form after a skill filed a claim (`deskhand do`, tests/e2e/test_record.py):
    the confirmation closed, the fields emptied, the status went from "Saved claim 2" to
    "Saved claim 3". Cut from its frame, the status read as "Saved claim" and "3"; the goal
    check compares what the screen shows, so it must read as a full pass reads it."""
    before = Image.open(FILED / "tk-before.png").convert("RGB")
    after = Image.open(FILED / "tk-after.png").convert("RGB")
    window = Window(1, "Legacy Expense System", "Tk", Box(0, 0, after.width, after.height))
    screen = PictureScreen(before, window.box)
    observer = Observer(screen, OneWindow(window), CountingOcr(engine))
    observer.observe()
    screen.picture = after
    incremental = observer.observe()
    assert observer.counts.windows == 1 and observer.counts.bands >= 1  # read in parts, not whole
    whole = Observer(PictureScreen(after, window.box), OneWindow(window), CountingOcr(engine)).observe()
    assert sorted(s.text for s in incremental.spans) == sorted(s.text for s in whole.spans)
    assert "Saved claim 3" in [s.text for s in whole.spans]
    assert [e for e in whole.elements if not any(same(e, i) for i in incremental.elements)] == []
    assert [i for i in incremental.elements if not any(same(i, e) for e in whole.elements)] == []


def test_a_word_read_across_a_row_of_keys_is_no_word_of_any() -> None:
    """galculator, "3" pressed: its row read again as one word "L2JL2" over "1", "2", "3" and "-",
    and the old words of the unchanged keys gave way to it: the run saw no "1", "2", "-"."""
    from automation.perception.observe import across

    keys = [Box(7 + 66 * i, 264, 58, 32) for i in range(4)]
    assert across(OcrWord("L2JL2", Box(6, 266, 258, 28), 40.0), keys)
    assert not across(OcrWord("3", Box(160, 270, 10, 16), 95.0), keys)  # a key's own word
    assert not across(OcrWord("Amount", Box(20, 270, 90, 16), 95.0), [Box(10, 264, 300, 30)])  # a field's text
