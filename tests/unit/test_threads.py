"""Choosing llama.cpp's thread count."""

from __future__ import annotations

import os

import pytest

from models.threads import choose_threads, threads_for_this_process, usable_cpus


@pytest.mark.parametrize(
    ("cpus", "override", "threads"),
    [
        (1, None, 1),
        (2, None, 1),  # leave a CPU to the desktop; measured faster on a busy 2-core machine
        (4, None, 3),
        (8, None, 7),
        (64, None, 8),  # generation is memory-bound: more threads buy little
        (2, 3, 3),  # an explicit count wins, even above the CPUs
        (2, "2", 2),
        (4, " 1 ", 1),
        (4, "", 3),  # an empty variable is no override
    ],
)
def test_choose_threads(cpus: int, override: int | str | None, threads: int) -> None:
    assert choose_threads(cpus, override) == threads


@pytest.mark.parametrize("bad", ["0", "-1", "two", "1.5", 0])
def test_a_count_that_is_not_a_positive_whole_number_is_refused(bad: int | str) -> None:
    with pytest.raises(ValueError, match="not a positive whole number"):
        choose_threads(4, bad)


def test_this_process_uses_its_affinity_and_never_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert usable_cpus() == len(os.sched_getaffinity(0))
    monkeypatch.setenv("DESKHAND_THREADS", "5")  # read by app/services/config.py, which passes the count
    assert threads_for_this_process() == choose_threads(usable_cpus())
    assert threads_for_this_process("5") == 5
    assert threads_for_this_process(2) == 2
