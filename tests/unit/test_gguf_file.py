"""The cheap GGUF header walk agrees with the gguf package's own reader on real files,
and refuses crafted ones with a reason instead of recursing or looping."""

from __future__ import annotations

import struct
import time
from pathlib import Path

import pytest
from gguf import GGUFReader

from models.gguf_file import MAX_NESTING, NotGguf, read_header


def test_the_walk_agrees_with_ggufs_reader_on_the_tiny_models(tiny_gguf: Path, tiny_base_gguf: Path) -> None:
    for path in (tiny_gguf, tiny_base_gguf):
        header, reader = read_header(path), GGUFReader(path)
        assert header.tensors == len(reader.tensors) > 10
        assert header.keys == len(reader.fields) - 3  # the reader adds version, tensor count and key count
        assert header.data_start == reader.data_offset
        assert header.last_tensor_start == max(t.data_offset for t in reader.tensors)


def one_key_gguf(value_type: int, value: bytes) -> bytes:
    key = struct.pack("<Q", 3) + b"key" + struct.pack("<I", value_type) + value
    tensor = struct.pack("<Q", 1) + b"w" + struct.pack("<IQIQ", 1, 4, 0, 0)  # four F32s at offset 0
    head = b"GGUF" + struct.pack("<IQQ", 3, 1, 1) + key + tensor
    return head + bytes(-len(head) % 32) + bytes(16)


def nested(depth: int) -> bytes:
    """An array holding one array holding one array ... ``depth`` deep, the innermost empty."""
    return struct.pack("<IQ", 9, 1) * (depth - 1) + struct.pack("<IQ", 4, 0)


@pytest.mark.parametrize("depth", [1, 2, MAX_NESTING])
def test_arrays_nested_within_the_bound_are_read(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "ok.gguf"
    path.write_bytes(one_key_gguf(9, nested(depth)))
    assert read_header(path).data_start == GGUFReader(path).data_offset


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (nested(MAX_NESTING + 1), f"arrays nested deeper than {MAX_NESTING} levels"),
        (nested(200_000), f"arrays nested deeper than {MAX_NESTING} levels"),
        (struct.pack("<IQ", 0, 2**62), "truncated"),  # 2**62 one-byte items claimed
        (struct.pack("<IQ", 8, 2**50), "truncated"),  # 2**50 strings claimed
        (struct.pack("<IQ", 9, 2**40), "truncated"),  # 2**40 arrays claimed
        (struct.pack("<IQ", 13, 1), "unknown value type 13"),
    ],
    ids=["one-too-deep", "bomb", "huge-bytes", "huge-strings", "huge-arrays", "unknown-type"],
)
def test_crafted_arrays_are_refused_at_once(tmp_path: Path, value: bytes, reason: str) -> None:
    path = tmp_path / "crafted.gguf"
    path.write_bytes(one_key_gguf(9, value))
    started = time.monotonic()
    with pytest.raises(NotGguf, match=reason):
        read_header(path)
    assert time.monotonic() - started < 1.0  # no loop over what the file cannot hold
