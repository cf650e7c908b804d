"""Session fixtures: the tiny test models, written once per test run (a pytest plugin, see tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.tiny_gguf import write_tiny_gguf


@pytest.fixture(scope="session")
def tiny_gguf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ~0.5 MB random-weight llama GGUF with a ChatML chat template."""
    return write_tiny_gguf(tmp_path_factory.mktemp("models") / "tiny-chat.gguf")


@pytest.fixture(scope="session")
def tiny_base_gguf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same model without a chat template: a base model, prompted with a transcript."""
    return write_tiny_gguf(tmp_path_factory.mktemp("models") / "tiny-base.gguf", chat_template=False)
