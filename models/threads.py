"""How many CPU threads llama.cpp gets.

Deskhand runs beside the application it drives, the desktop and its own OCR, so
the default leaves one CPU to them: on a 2-core machine that is 1 thread, which
also measured fastest there under load (2 threads made a cold 300-token prompt
2-5 times slower; docs/language-models.md has the table). Generation is bound by memory
bandwidth, not arithmetic, so more than 8 threads buys little for these small
models. An explicit count (the ``threads`` argument; app/ passes DESKHAND_THREADS)
always wins, even above the CPU count: the user asked for it.
"""

from __future__ import annotations

import os

MOST_THREADS = 8


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity mask, which containers and
    ``taskset`` narrow), not the machine's total."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS and Windows have no affinity call
        return os.cpu_count() or 1


def choose_threads(cpus: int, override: int | str | None = None) -> int:
    """The thread count for ``cpus`` usable CPUs; ``override`` (a count, or the
    environment variable's text) wins. Raises ValueError for a count that is not a
    positive whole number."""
    if override is not None and str(override).strip():
        text = str(override).strip()
        if not text.isdigit() or int(text) < 1:
            raise ValueError(f"thread count {override!r} is not a positive whole number")
        return int(text)
    return max(1, min(cpus - 1, MOST_THREADS))


def threads_for_this_process(override: int | str | None = None) -> int:
    """``choose_threads`` with the CPUs this process may run on."""
    return choose_threads(usable_cpus(), override)
