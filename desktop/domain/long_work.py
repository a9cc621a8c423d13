"""How long work (a demo, an import, a print run) reports progress, is told to stop, runs."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# progress(done, total): called between batches, from whatever thread does the work.
Progress = Callable[[int, int], None]
# cancelled(): True once the clerk pressed Cancel; the work stops and writes nothing.
Cancelled = Callable[[], bool]


class WorkStopped(Exception):
    """Cancel was pressed: raised inside the work to leave it (its transaction rolls back, a
    half-written file is removed), caught by the function that started the work."""


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused for work that makes hundreds of thousands of
    objects and no cycles (an import's rows, people and issues): each collection walks
    every one of them again, a tenth of an import's time. Plain reference counting still
    frees everything; the collector resumes afterwards as it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
