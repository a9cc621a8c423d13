"""Slow work on a register file that the window cannot put on its lane (unlocking an
encrypted file, opening another register, checking or restoring a backup): on a thread of
its own, while the window keeps painting under a busy note and takes no input."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.ui.edits import InputGuard

T = TypeVar("T")
SHOW_AFTER_MS = 300  # a quick open shows no dialog at all


class _Finished(QObject):
    finished = Signal()


def wait_off_thread(parent: QWidget | None, text: str, work: Callable[[], T]) -> T:
    """``work()`` (no widgets in it) on its own thread; meanwhile ``parent``'s window keeps
    painting and its timers running, takes no input, and after a moment shows ``text`` in a
    busy dialog. Returns what ``work`` returned, or raises what it raised (a KnownError to
    show, or a bug for the window's error report)."""
    results: list[T] = []
    errors: list[BaseException] = []
    finished = _Finished()
    loop = QEventLoop()
    finished.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)

    def run() -> None:
        try:
            results.append(work())
        except BaseException as exc:  # handed to the caller on the window's thread
            errors.append(exc)
        finished.finished.emit()

    window = parent.window() if parent is not None else None
    guard = InputGuard(window) if window is not None else None
    note = QProgressDialog(text, "", 0, 0, parent)
    note.setCancelButton(None)  # a half-done restore or migration is not stopped midway
    note.setWindowModality(Qt.WindowModality.WindowModal)
    note.setMinimumDuration(SHOW_AFTER_MS)
    note.setValue(0)  # starts its own timer, which shows it then (reset() stops it)
    if guard is not None:
        guard.install()
    try:
        worker = threading.Thread(target=run, name="camket-file-work", daemon=True)
        worker.start()
        loop.exec()
        worker.join()  # at once, unless the application quit the loop early: its outcome
    finally:
        if guard is not None:
            guard.remove()
        note.reset()  # hides it (auto-close) and stops the timer that would show it
        note.deleteLater()
    if errors:
        # Taken out of the list first: the traceback holds this frame, and the frame the
        # list; the error kept there would make a cycle that keeps the frame (its event loop,
        # note and guard) alive for whichever thread's cycle collection finds it.
        raise errors.pop()
    return results.pop()
