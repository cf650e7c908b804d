"""The real ``read`` for the reducer: a recording folder's screenshots, read like a window is observed.

The recorder saves the target window just before each click as a PNG in its folder;
this reads one with the same steps the Observer uses on a live window (outlined
controls, OCR, words grouped into labels), so the labels a skill stores are the ones
replay will look for.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from PIL import Image

from automation.errors import ActionFailed
from automation.perception.controls import find_controls, with_controls
from automation.perception.grouping import group_words
from automation.protocols import OcrEngine
from automation.recording.events import RawEvent
from automation.skills.anchors import ReadPart, ReadShot, ShotReading
from automation.skills.model import Skill
from automation.skills.reduce import reduce_events
from automation.types import Box, TextSpan


def read_picture(image: Image.Image, ocr: OcrEngine) -> ShotReading:
    controls = find_controls(image)
    words = with_controls(image, ocr.read(image), controls, ocr)
    return ShotReading(tuple(group_words(words)), tuple(controls), image)


def part_reader(ocr: OcrEngine) -> ReadPart:
    """Labels in one part of a picture, read on its own crop, in the picture's pixels."""

    def read(image: Image.Image, box: Box) -> list[TextSpan]:
        words = ocr.read(image.crop((box.x, box.y, box.right, box.bottom)))
        return [replace(s, box=s.box.shifted(box.x, box.y)) for s in group_words(words)]

    return read


def shot_reader(folder: Path, ocr: OcrEngine) -> ReadShot:
    def read(name: str) -> ShotReading:
        path = folder / name
        try:
            with Image.open(path) as opened:
                image = opened.convert("RGB")
        except OSError as err:
            raise ActionFailed(
                f"cannot read the screenshot {path}: {err}", "the recording folder is incomplete; record the task again"
            ) from err
        return read_picture(image, ocr)

    return read


def skill_from_recording(
    events: Sequence[RawEvent],
    folder: Path,
    name: str,
    description: str,
    ocr: OcrEngine,
    examples: Sequence[str] = (),
) -> Skill:
    """The recorder's entry point: its journal's events and folder -> a Skill ready for the store."""
    return reduce_events(events, shot_reader(folder, ocr), name, description, examples, part_reader(ocr))


CROP_ZOOM = 3  # a click's picture is 80x40 pixels: too small for Tesseract as it is


def pictured_text(png: bytes, ocr: OcrEngine) -> list[str] | None:
    """The labels a click's recorded picture shows (what was really under the pointer);
    None when the picture cannot be read as one."""
    try:
        with Image.open(io.BytesIO(png)) as opened:
            image = opened.convert("RGB")
    except OSError:
        return None
    image = image.resize((image.width * CROP_ZOOM, image.height * CROP_ZOOM), Image.Resampling.LANCZOS)
    return [s.text for s in read_picture(image, ocr).spans if s.text.strip()]
