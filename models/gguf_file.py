"""What a GGUF file's header says, read cheaply, so a wrong file is refused with a clear reason.

The header (magic, version, tensor and key counts), the key-value section and the tensor
table are walked without loading any weights; the tensor table tells where the weights
start, so a file cut short before its last tensor is caught here rather than by an
obscure llama.cpp error. A file cut inside its last tensor is left for llama.cpp to find.
"""

from __future__ import annotations

import mmap
import struct
from dataclasses import dataclass
from pathlib import Path

MAGIC = b"GGUF"
VERSIONS = (2, 3)
HEADER = struct.Struct("<4sIQQ")  # magic, version, tensor count, key-value count
DEFAULT_ALIGNMENT = 32
_SCALAR_SIZES = {0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8}
_STRING, _ARRAY, _UINT32 = 8, 9, 4


class NotGguf(ValueError):
    """The file is not a usable GGUF; the message says why in a few words."""


@dataclass(frozen=True)
class GgufHeader:
    version: int
    tensors: int
    keys: int
    data_start: int  # byte offset where the tensor data begins
    last_tensor_start: int  # byte offset of the tensor stored last


def read_header(path: Path) -> GgufHeader:
    """Parse the header and tensor table of ``path``; raise NotGguf with the reason."""
    size = path.stat().st_size
    if size == 0:
        raise NotGguf("the file is empty")
    with path.open("rb") as f:
        start = f.read(HEADER.size)
        if not MAGIC.startswith(start[: len(MAGIC)]):
            raise NotGguf(f"not a GGUF file (it starts with {start[:4]!r}, not {MAGIC!r})")
        if len(start) < HEADER.size:
            raise NotGguf(f"truncated: {size} bytes, shorter than a GGUF header")
        _, version, tensors, keys = HEADER.unpack(start)
        if version not in VERSIONS:
            raise NotGguf(f"GGUF version {version} is not supported (only {' and '.join(map(str, VERSIONS))})")
        if tensors == 0:
            raise NotGguf("the file holds no tensors (a vocabulary-only GGUF?)")
        with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as view:
            try:
                return _walk(view, version, tensors, keys)
            except (struct.error, IndexError):
                raise NotGguf(f"truncated: the file ends inside its header ({size} bytes)") from None


def _walk(view: mmap.mmap, version: int, tensors: int, keys: int) -> GgufHeader:
    pos = HEADER.size
    alignment = DEFAULT_ALIGNMENT
    for _ in range(keys):
        key, pos = _string(view, pos)
        (kind,) = struct.unpack_from("<I", view, pos)
        pos += 4
        if key == "general.alignment" and kind == _UINT32:
            (alignment,) = struct.unpack_from("<I", view, pos)
        pos = _skip_value(view, pos, kind)
    last = 0
    for _ in range(tensors):
        _, pos = _string(view, pos)
        (dims,) = struct.unpack_from("<I", view, pos)
        pos += 4 + 8 * dims + 4  # the dimensions, then the element type
        (offset,) = struct.unpack_from("<Q", view, pos)
        pos += 8
        last = max(last, offset)
    data_start = -(-pos // alignment) * alignment
    if data_start + last >= len(view):
        raise NotGguf(f"truncated: {len(view)} bytes, but its last tensor starts at byte {data_start + last}")
    return GgufHeader(version, tensors, keys, data_start, data_start + last)


def _string(view: mmap.mmap, pos: int) -> tuple[str, int]:
    (length,) = struct.unpack_from("<Q", view, pos)
    end = pos + 8 + length
    if end > len(view):
        raise IndexError(end)
    return view[pos + 8 : end].decode("utf-8", "replace"), end


def _skip_value(view: mmap.mmap, pos: int, kind: int) -> int:
    if kind in _SCALAR_SIZES:
        return pos + _SCALAR_SIZES[kind]
    if kind == _STRING:
        (length,) = struct.unpack_from("<Q", view, pos)
        return pos + 8 + length
    if kind == _ARRAY:
        item, count = struct.unpack_from("<IQ", view, pos)
        pos += 12
        if item in _SCALAR_SIZES:
            return pos + _SCALAR_SIZES[item] * count
        for _ in range(count):
            pos = _skip_value(view, pos, item)
        return pos
    raise NotGguf(f"unknown value type {kind} in the GGUF key-value section")
