"""How long work (a demo, an import, a print run) reports progress and is told to stop."""

from __future__ import annotations

from collections.abc import Callable

# progress(done, total): called between batches, from whatever thread does the work.
Progress = Callable[[int, int], None]
# cancelled(): True once the clerk pressed Cancel; the work stops and writes nothing.
Cancelled = Callable[[], bool]
