"""Qt objects the lane and the file work made are freed on the window's thread, never on a
worker's: a QObject deleted on another thread than its own can take the process down (a
segfault), as Python's cycle collector once did there (ui.cycle_collector)."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.domain.errors import KnownError
from desktop.services.register import OpenRegister
from desktop.store import register as register_store
from desktop.ui.edits import save_on_lane
from desktop.ui.off_thread import wait_off_thread
from desktop.ui.tasks import Task, TaskRunner
from tests.ui.conftest import SmallRegister


@pytest.fixture
def lane(small_register: SmallRegister) -> Iterator[TaskRunner]:
    tasks = TaskRunner(small_register.path)
    yield tasks
    tasks.shutdown()


class _Told(QObject):
    """What a job's callback belongs to: a Qt object only the job's task holds."""

    def __init__(self, told: threading.Event) -> None:
        super().__init__()
        self.told = told

    def done(self, _result: object) -> None:
        # Once the lane's delivery has returned and dropped what it held.
        QTimer.singleShot(LATER_MS, self.told.set)


LATER_MS = 1500  # past the edit's wait for the lane (lowered below): its timer is gone too


@pytest.fixture
def slow_to_let_go(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The worker goes on holding each task it ran until the window has been told of it
    and let go of it: what a loaded machine does now and then."""
    told = threading.Event()
    run = TaskRunner._run

    def running(self: TaskRunner, task: Task) -> None:
        run(self, task)
        told.wait(10)

    monkeypatch.setattr(TaskRunner, "_run", running)
    monkeypatch.setattr(register_store, "BUSY_TIMEOUT_MS", LATER_MS // 2)
    return told


def _freed_on(thing: object) -> list[bool]:
    """Filled, when ``thing`` is freed, with whether that was on the window's thread."""
    freed: list[bool] = []
    weakref.finalize(
        thing, lambda: freed.append(threading.current_thread() is threading.main_thread())
    )
    return freed


def _count(register: OpenRegister, *_: object) -> int:
    return int(register.db.execute("SELECT count(*) FROM household").fetchone()[0])


def test_an_edits_saving_is_freed_on_the_window_thread_when_the_worker_lets_go_last(
    qtbot: QtBot, lane: TaskRunner, slow_to_let_go: threading.Event
) -> None:
    form = QWidget()
    qtbot.addWidget(form)
    told = _Told(slow_to_let_go)
    freed = _freed_on(save_on_lane(lane, form, _count, told.done, lambda _error: None))
    qtbot.waitUntil(lambda: bool(freed), timeout=15_000)
    assert freed == [True]


def test_a_long_jobs_callbacks_are_freed_on_the_window_thread_when_the_worker_lets_go_last(
    qtbot: QtBot, lane: TaskRunner, slow_to_let_go: threading.Event
) -> None:
    told = _Told(slow_to_let_go)
    freed = _freed_on(told)
    lane.submit(Task("Đếm hộ", _count, told.done))
    del told
    qtbot.waitUntil(lambda: bool(freed), timeout=15_000)
    assert freed == [True]


def test_an_error_of_work_off_thread_leaves_no_cycle_to_free_its_qt_objects_elsewhere(
    qtbot: QtBot,
) -> None:
    """The error raised again on the window's thread holds no frame that holds it: it and
    the event loop, the busy note and the input guard of that frame are freed at once, by
    reference counting, not later by whichever thread's cycle collection finds them."""

    def refuse() -> None:
        raise KnownError("db.busy")

    was_enabled = gc.isenabled()
    gc.disable()  # only reference counting frees anything meanwhile
    try:
        try:
            wait_off_thread(None, "Đang mở sổ…", refuse)
        except KnownError as refused:
            error = weakref.ref(refused)
        assert error() is None, "the error (and the frame it came through) is in a cycle"
    finally:
        if was_enabled:
            gc.enable()


class PanicException(BaseException):
    """As pyo3 raises a Rust library's panic: no Exception."""


def test_a_panic_of_a_rust_library_is_reported_and_the_lane_goes_on(
    qtbot: QtBot, lane: TaskRunner
) -> None:
    def panics(_register: OpenRegister, *_: object) -> None:
        raise PanicException("TimeDelta::milliseconds out of bounds")

    errors: list[KnownError] = []
    lane.submit(Task("Nhập danh sách", panics, on_error=errors.append))
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert errors[0].code == "task.failed"
    assert not lane.busy
    counted: list[int] = []
    lane.submit(Task("Đếm hộ", _count, counted.append))
    qtbot.waitUntil(lambda: bool(counted), timeout=10_000)
