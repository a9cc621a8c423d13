"""The one lane for long work (import, print, export): a worker thread with progress and cancel.

Services are plain functions ``fn(register, progress, cancelled) -> result`` (DESIGN §4). The
runner calls them on one worker thread that owns its own connection to the register, so the
window never freezes and two long jobs never write at once; tests call the same services
inline. The window shows the progress bar and the cancel button (MainWindow).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

from desktop.domain.errors import KnownError
from desktop.domain.long_work import Cancelled, Progress
from desktop.services.register import OpenRegister, open_existing

log = logging.getLogger(__name__)

Work = Callable[[OpenRegister, Progress, Cancelled], Any]


@dataclass
class Task:
    """One job on the lane: what to call and what to say while it runs."""

    title: str
    work: Work
    on_done: Callable[[Any], None] | None = None
    on_error: Callable[[KnownError], None] | None = None
    quiet: bool = False  # it only fills a view (a count): no progress bar, no "done" message


class TaskRunner(QObject):
    """Runs one Task at a time on a worker; others queue behind it."""

    started = Signal(str)  # title
    progressed = Signal(int, int)  # done, total
    finished = Signal(str, bool)  # title, True when it completed (not cancelled/failed)
    _result = Signal(object, object, object)  # task, result, KnownError | Exception | None

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = path
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._cancel = threading.Event()
        self._register: OpenRegister | None = None  # opened and used only on the worker
        self._busy = 0
        self._stopped = False
        self._result.connect(self._deliver)

    @property
    def busy(self) -> bool:
        return self._busy > 0

    def submit(self, task: Task) -> None:
        self._busy += 1
        self._pool.start(lambda: self._run(task))

    def cancel(self) -> None:
        """Ask the running job to stop at its next check; it rolls back what it began."""
        self._cancel.set()

    def wait(self, msecs: int = 30000) -> bool:
        return self._pool.waitForDone(msecs)

    def shutdown(self) -> None:
        # Results still queued for the UI thread are dropped: their views (and the window's
        # register connection) are going away.
        self._stopped = True
        self.cancel()
        self._pool.clear()
        self._pool.waitForDone()
        if self._register is not None:
            # Closed from the UI thread after the worker is done: check_same_thread is off.
            self._register.close()
            self._register = None

    def _run(self, task: Task) -> None:
        self._cancel.clear()
        if not task.quiet:
            self.started.emit(task.title)
        try:
            if self._register is None:
                self._register = open_existing(self._path)
            else:
                self._register.reload_commune()  # Settings may have changed it meanwhile
            result = task.work(self._register, self.progressed.emit, self._cancel.is_set)
        except KnownError as err:
            self._result.emit(task, None, err)
        except Exception as exc:  # a bug: logged with its traceback, reported, never silent
            log.exception("task %r failed", task.title)
            self._result.emit(task, None, exc)
        else:
            self._result.emit(task, result, None)

    def _deliver(self, task: Task, result: Any, error: BaseException | None) -> None:
        # Back on the UI thread (queued signal): views refresh from what the job returned.
        self._busy -= 1
        if self._stopped:
            return
        cancelled = self._cancel.is_set()
        if not task.quiet:
            self.finished.emit(task.title, error is None and not cancelled)
        if isinstance(error, KnownError):
            if task.on_error is not None:
                task.on_error(error)
            return
        if error is not None:
            if task.on_error is not None:
                task.on_error(KnownError("task.failed", title=task.title, detail=str(error)))
            return
        if task.on_done is not None:
            task.on_done(result)
