"""Search-as-you-type over households, run off the UI thread on its own SQLite connection."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal
from sqlite_utils import Database

from desktop.domain.errors import KnownError
from desktop.store.register import connect_read_only
from desktop.store.search import HouseholdOrder, household_ids

log = logging.getLogger(__name__)


class HouseholdSearch(QObject):
    """Debounces requests and runs `household_ids` on one worker thread.

    Every request gets a sequence number; a result that arrives after a newer request was
    made is dropped, and a queued request that is already stale is skipped, so a fast
    typist sees only the answer to what the box holds now.
    """

    DEBOUNCE_MS = 150

    found = Signal(int, str, object)  # sequence number, query, ids in list order
    refused = Signal(int, object)  # sequence number, KnownError (e.g. punctuation only)
    failed = Signal(int, str)  # sequence number, technical detail (a bug or a locked file)

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = path
        self._db: Database | None = None  # opened on the worker, closed by shutdown()
        self._db_lock = threading.Lock()
        self._latest = 0
        self._pending: tuple[str, str | None, HouseholdOrder | None] = ("", None, None)
        self._pool = QThreadPool(self)
        # One thread: queries run in order on the one connection, never at the same time.
        self._pool.setMaxThreadCount(1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.DEBOUNCE_MS)
        self._timer.timeout.connect(self._start_pending)
        self._done = False

    @property
    def latest(self) -> int:
        """The sequence number of the newest request."""
        return self._latest

    def request(
        self,
        query: str,
        hamlet_id: str | None,
        order: HouseholdOrder | None = None,
        *,
        immediately: bool = False,
    ) -> int:
        """Ask for the households matching, in ``order``; the answer comes by `found` or
        `refused`."""
        self._latest += 1
        self._pending = (query, hamlet_id, order)
        if immediately:
            self._timer.stop()
            self._start_pending()
        else:
            self._timer.start()
        return self._latest

    @property
    def active_threads(self) -> int:
        return self._pool.activeThreadCount()

    def wait_idle(self, msecs: int = 5000) -> bool:
        return self._pool.waitForDone(msecs)

    def shutdown(self) -> None:
        """Stop the timer, let a running query finish and close the worker's connection."""
        self._done = True
        # An answer emitted before this is still queued to the window, whose register closes
        # next: a newer number makes it stale, so the page drops it.
        self._latest += 1
        self._timer.stop()
        self._pool.clear()
        self._pool.waitForDone()
        with self._db_lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    def _start_pending(self) -> None:
        if self._done:
            return
        sequence = self._latest
        query, hamlet_id, order = self._pending
        self._pool.start(lambda: self._run(sequence, query, hamlet_id, order))

    def _run(
        self, sequence: int, query: str, hamlet_id: str | None, order: HouseholdOrder | None
    ) -> None:
        # Runs on the worker thread. Reading self._latest there is a plain int read.
        if sequence != self._latest or self._done:
            return
        try:
            with self._db_lock:
                if self._db is None:
                    self._db = connect_read_only(self._path)  # a read-only medium too
                ids = household_ids(self._db, query, hamlet_id, order)
        except KnownError as err:
            self._emit(self.refused, sequence, err)
        except Exception as exc:  # a search must never take the window down
            log.exception("household search failed")
            self._emit(self.failed, sequence, str(exc))
        else:
            self._emit(self.found, sequence, query, ids)

    def _emit(self, signal: Any, *args: Any) -> None:
        if not self._done:
            signal.emit(*args)
