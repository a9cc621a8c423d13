"""The one write lane: long work (import, print, merge) and short edits on one worker thread.

Services are plain functions ``fn(register, progress, cancelled) -> result`` (DESIGN §4). The
runner calls them on one worker thread that owns its own connection to the register, so the
window never waits for the write lock and two writes never run at once; tests call the same
services inline. The window shows a long job's progress bar and cancel button (MainWindow);
a short edit (ui.edits) jumps ahead of queued long jobs and shows no bar. A long job that
runs lets the edits waiting for it in between its transactions (``between_transactions``
of the register it is given: between a merge's bundles, before an import plans, while
sheets are drawn); an edit that has waited longer than a write waits for the lock is
refused, and its form keeps what was typed. A long job that only reads (an export, a
spreadsheet, a backup: ``reads``) runs on a connection and thread of its own, one snapshot
of the register, while the lane lets every edit in as it comes; what it must write (the
bundle sent) is written after it on the lane in one short transaction (``then``), and what
its snapshot must already hold (an export's repairs) before it (``before``). After
each job, ``changed`` carries what it wrote (store.changes), read off the audit trail it
left.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from desktop.domain.errors import KnownError
from desktop.domain.long_work import Cancelled, Progress
from desktop.services.register import OpenRegister, open_existing, open_reader
from desktop.store import register as register_store
from desktop.store.changes import Changed, audit_mark, changes_since

log = logging.getLogger(__name__)

Work = Callable[[OpenRegister, Progress, Cancelled], Any]


@dataclass(eq=False)  # a job is itself: two alike are two jobs
class Task:
    """One job on the lane: what to call and what to say while it runs."""

    title: str
    work: Work
    on_done: Callable[[Any], None] | None = None
    on_error: Callable[[KnownError], None] | None = None
    quiet: bool = False  # it only fills a view (a count): no progress bar, no "done" message
    edit: bool = False  # a short edit: ahead of queued long jobs, no progress bar
    on_start: Callable[[], None] | None = None  # an edit that waited: it is being written now
    reads: bool = False  # it only reads: on a read connection beside the lane, edits go in
    then: Callable[[OpenRegister, Any], Any] | None = None  # on the lane after it: its write
    # On the lane before it, committed before a read takes its snapshot (an export's repairs).
    before: Callable[[OpenRegister], None] | None = None


class TaskRunner(QObject):
    """Runs one Task at a time on a worker; others queue behind it (edits first)."""

    started = Signal(str)  # a long job's title
    progressed = Signal(int, int)  # done, total
    finished = Signal(str, bool)  # title, True when it completed (not cancelled/failed)
    changed = Signal(object)  # Changed: what a job wrote, after its own callbacks ran
    edit_waiting = Signal(str)  # an edit waits for this long job to let it in
    _result = Signal(object, object, object, object)  # task, result, error or None, Changed
    _begun = Signal(object)  # an edit's task, as the worker takes it
    _let_go = Signal()  # the worker holds no task it has delivered

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = path
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._cancel = threading.Event()
        self._register: OpenRegister | None = None  # opened and used only on the worker
        self._busy = 0
        self._asked = 0  # jobs the clerk asked for (not quiet), queued or running
        self._long = 0  # long jobs queued or running
        self._stopped = False
        self._edits: deque[Task] = deque()  # edits waiting for the worker, oldest first
        self._jobs: deque[Task] = deque()  # long jobs waiting for the worker, in order
        # Tasks delivered to the window, kept until the worker has let go of them too: a
        # task's callbacks hold Qt objects (an edit's Saving, a form), which must be freed
        # on this thread, never by the worker dropping the last reference.
        self._delivered: list[Task] = []
        self._edits_lock = threading.Lock()
        self._edit_came = threading.Event()  # wakes a worker that lets edits in while it reads
        self._job = ""  # the title of the long job on the worker now ("" between jobs)
        self._result.connect(self._deliver)
        self._begun.connect(self._start_edit)
        self._let_go.connect(self._forget_delivered)  # a method of ours: on this thread

    @property
    def busy(self) -> bool:
        """A job (long or an edit) is queued or running."""
        return self._busy > 0

    @property
    def working(self) -> bool:
        """A job the clerk asked for (an edit, an import, a print, an export) is queued or
        running: closing the window now would stop it. A quiet one (a count, the daily
        backup) is not: stopped, it is done again in the next window."""
        return self._asked > 0

    @property
    def long_job(self) -> bool:
        """A long job that writes (an import, a merge, printing marks) is queued or running:
        an edit now would wait for all of it."""
        return self._long > 0

    def submit(self, task: Task) -> None:
        if self._stopped:  # the window closed: a timer's late count has nowhere to go
            return
        self._busy += 1
        self._asked += not task.quiet
        if task.edit:
            self._wait_for_lane(task)
            return
        self._long += self._holds_writes(task)
        with self._edits_lock:
            self._jobs.append(task)
        self._pool.start(self._run_next_job, 0)

    def _run_next_job(self) -> None:
        """On the worker: the oldest long job (the pool runs them one at a time, in order).
        The pool's runnable holds no task: the worker's last hold on it ends here."""
        with self._edits_lock:
            task = self._jobs.popleft()
        self._run(task)
        del task
        self._let_go.emit()

    def _wait_for_lane(self, task: Task) -> None:
        """The edit goes in as soon as the worker is free, or when the long job on it is
        between two transactions; past the write lock's wait, it is refused."""
        with self._edits_lock:
            self._edits.append(task)
        self._edit_came.set()
        if self.long_job and self._job:
            self.edit_waiting.emit(self._job)
        timeout = register_store.BUSY_TIMEOUT_MS
        QTimer.singleShot(timeout, self, lambda: self._give_up(task, timeout))
        self._pool.start(self._let_edits_in, 1)

    def _take_edit(self) -> Task | None:
        with self._edits_lock:
            return self._edits.popleft() if self._edits else None

    def _let_edits_in(self) -> None:
        """On the worker: run the waiting edits, when it is free or when the long job on
        it calls its register's ``between_transactions`` (never inside a transaction)."""
        register = self._register
        if register is not None and register.db.conn.in_transaction:
            log.error("a long job let edits in inside a transaction: they wait")
            return
        while (task := self._take_edit()) is not None:
            self._begun.emit(task)
            self._run(task)
        self._let_go.emit()  # ``task`` is None: the edits it ran are the window's to free

    def _give_up(self, task: Task, waited_ms: int) -> None:
        """The edit waited as long as a write waits for the lock: refused, never written
        later behind the clerk's back (the form keeps what was typed, to save again)."""
        with self._edits_lock:
            if task not in self._edits:
                return  # the worker took it meanwhile
            self._edits.remove(task)
        self._busy -= 1
        self._asked -= not task.quiet
        if self._stopped or task.on_error is None:
            return
        job = self._job
        if job:
            task.on_error(KnownError("db.busy_job", job=job, seconds=round(waited_ms / 1000)))
        else:
            task.on_error(KnownError("db.busy"))

    def _start_edit(self, task: Task) -> None:
        if task.on_start is not None and not self._stopped:
            task.on_start()

    @staticmethod
    def _holds_writes(task: Task) -> bool:
        """A long job that writes (a quiet one only counts): an edit submitted meanwhile
        waits for it to let it in."""
        return not (task.edit or task.quiet or task.reads)

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
        with self._edits_lock:
            self._jobs.clear()  # those the pool never ran
        if self._register is not None:
            # Closed from the UI thread after the worker is done: check_same_thread is off.
            self._register.close()
            self._register = None

    def _run(self, task: Task) -> None:
        if not task.edit:  # an edit leaves a cancel asked of the long job before it alone
            self._cancel.clear()
        if not (task.quiet or task.edit):
            self._job = task.title
            self.started.emit(task.title)
        result: Any = None
        error: BaseException | None = None
        mark: tuple[int, int] | None = None
        try:
            if self._register is None:
                self._register = open_existing(self._path)
                self._register.between_transactions = self._let_edits_in
            else:
                self._register.reload_commune()  # Settings may have changed it meanwhile
            mark = audit_mark(self._register.db)
            if task.before is not None:
                task.before(self._register)
            if task.reads:
                result = self._read_beside_lane(task)
            else:
                result = task.work(self._register, self.progressed.emit, self._cancel.is_set)
            if task.then is not None:
                result = task.then(self._register, result)
        except KnownError as err:
            error = err
        except Exception as exc:  # a bug: logged with its traceback, reported, never silent
            log.exception("task %r failed", task.title)
            error = exc
        except BaseException as exc:
            # A panic of a library written in Rust (pyo3's PanicException is no Exception),
            # reported as a bug: escaping, it ended the worker's run before it told the
            # window, and the lane stayed busy for good. An interrupt or an exit goes on.
            if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
                raise
            log.exception("task %r failed", task.title)
            error = exc
        if not (task.quiet or task.edit):
            self._job = ""
        self._result.emit(task, result, error, self._changes(mark))

    def _read_beside_lane(self, task: Task) -> Any:
        """On the worker: ``task`` reads on a thread and a connection of its own (store
        readers see one snapshot, WAL lets writes go on), while the worker lets each edit
        in as it comes. Its outcome, or what it raised, as if it had run here."""
        outcome: dict[str, Any] = {}
        ended = threading.Event()

        def read() -> None:
            try:
                reader = open_reader(self._path)
                try:
                    outcome["result"] = task.work(reader, self.progressed.emit, self._cancel.is_set)
                finally:
                    reader.close()
            except BaseException as exc:  # raised again on the worker, as any job's
                outcome["error"] = exc
            finally:
                ended.set()
                self._edit_came.set()

        reading = threading.Thread(target=read, name="camket-reader", daemon=True)
        reading.start()
        while not ended.is_set():
            self._edit_came.wait()
            self._edit_came.clear()  # before looking: an edit coming now sets it again
            self._let_edits_in()
        reading.join()
        if "error" in outcome:
            raise outcome.pop("error")  # not kept in this frame, which its traceback holds
        return outcome.pop("result")

    def _changes(self, mark: tuple[int, int] | None) -> Changed:
        # Also after a failure: a merge may have taken some bundles before one was refused.
        if mark is None or self._register is None:
            return Changed()
        try:
            return changes_since(self._register.db, mark)
        except Exception:  # the job's own outcome matters more: logged, views stay as they are
            log.exception("reading what a job changed failed")
            return Changed()

    def _forget_delivered(self) -> None:
        self._delivered.clear()

    def _deliver(
        self, task: Task, result: Any, error: BaseException | None, changed: Changed
    ) -> None:
        # Back on the UI thread (queued signal): views refresh from what the job wrote.
        self._delivered.append(task)  # until the worker has let go of it (_let_go)
        self._busy -= 1
        self._asked -= not task.quiet
        self._long -= self._holds_writes(task)
        if self._stopped:
            return
        cancelled = self._cancel.is_set()
        if not (task.quiet or task.edit):
            self.finished.emit(task.title, error is None and not cancelled)
        if isinstance(error, KnownError):
            if task.on_error is not None:
                task.on_error(error)
        elif error is not None:
            if task.on_error is not None:
                task.on_error(
                    KnownError("task.failed", title=_mid_sentence(task.title), detail=str(error))
                )
        elif task.on_done is not None:
            task.on_done(result)
        if changed:
            self.changed.emit(changed)


def _mid_sentence(title: str) -> str:
    """A task's title ("Sao lưu", "Đọc khoá của máy") as it reads inside "Lỗi khi …": its
    first letter small, unless the first word is written in capitals ("PDF", "CSV")."""
    if title[1:2].isupper():
        return title
    return title[:1].lower() + title[1:]
