"""Python's cycle collector run on the application's thread only, never on a worker's."""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

# Why: the search, the task lane, its readers and file work run Python on threads of their
# own. Python's automatic collection runs on whichever thread's allocation passes the
# threshold, and frees every object in the reference cycles it finds there: a Qt object made
# by Python and left in a cycle (a set-up wizard, a dialog's event loop held by the traceback
# of an error it raised) was destroyed on the search's thread while the window's thread
# built widgets. The process died with a segfault, in about one full test run in seven (the
# search thread's trace stopped on the first PRAGMA of its new connection).


class WindowThreadCollector(QObject):
    """Turns Python's automatic cycle collection off and collects from a timer on the
    application's thread instead, by the same per-generation thresholds: no allocation on
    another thread ever starts a collection. ``stop()`` collects once more and gives the
    automatic collection back."""

    INTERVAL_MS = 100  # a young generation past its threshold waits a tenth of a second at most

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def collect_due(self) -> int:
        """Collect the oldest generation that is due, as the automatic collector does once
        the youngest passed its threshold (objects made less objects freed); how many
        unreachable objects were found."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        if thresholds[0] == 0 or counts[0] <= thresholds[0]:
            return 0
        due = max(g for g in range(len(counts)) if g == 0 or counts[g] > thresholds[g])
        return gc.collect(due)

    def stop(self) -> None:
        """Collect what is left here and hand collection back to Python as it was."""
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()
        self.deleteLater()


_current: list[WindowThreadCollector] = []


def collect_on_this_thread(app: QCoreApplication) -> WindowThreadCollector:
    """The collector of this process, started on ``app``'s thread (the one that calls this,
    before any worker thread starts); the running one when there is one."""
    if _current and _current[0].running:
        return _current[0]
    _current[:] = [WindowThreadCollector(app)]
    return _current[0]


def stop_collecting() -> None:
    """Stop the collector started by collect_on_this_thread, if any (tests: the process goes
    on without a window)."""
    if _current:
        _current.pop().stop()
