"""The long-work lane: progress in the status bar, cancel, errors reported, window responsive."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from desktop.domain.errors import KnownError
from desktop.messages import describe
from desktop.services.register import OpenRegister
from desktop.ui.main_window import MainWindow
from desktop.ui.tasks import Task
from tests.ui.conftest import SmallRegister


def _counting_work(release: threading.Event) -> Callable[..., int]:
    def work(
        register: OpenRegister, progress: Callable[[int, int], None], cancelled: Callable[[], bool]
    ) -> int:
        done = 0
        for done in range(1, 11):
            if cancelled():
                return -1
            progress(done, 10)
            release.wait(0.02)
        # The worker has its own connection to the same register.
        return register.db.execute("SELECT count(*) FROM household").fetchone()[0] + done * 0

    return work


def test_task_reports_progress_and_result(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    window = main_window(small_register.path)
    results: list[Any] = []
    with qtbot.waitSignal(window.tasks.finished, timeout=5000) as finished:
        window.tasks.submit(Task("Đếm hộ", _counting_work(threading.Event()), results.append))
        qtbot.waitUntil(lambda: window.task_progress.isVisible(), timeout=2000)
    assert finished.args == ["Đếm hộ", True]
    assert results == [6]
    assert not window.task_progress.isVisible()
    assert "Đếm hộ: xong" in window.statusBar().currentMessage()


def test_cancel_button_stops_the_task(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    window = main_window(small_register.path)
    release = threading.Event()
    results: list[Any] = []
    window.tasks.submit(Task("Đếm chậm", _counting_work(release), results.append))
    qtbot.waitUntil(lambda: window.task_cancel.isVisible(), timeout=2000)
    with qtbot.waitSignal(window.tasks.finished, timeout=5000) as finished:
        window.task_cancel.click()
    assert finished.args == ["Đếm chậm", False]
    assert results == [-1]


def test_known_error_reaches_the_error_handler(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    window = main_window(small_register.path)
    errors: list[KnownError] = []

    def refuse(register: OpenRegister, progress: object, cancelled: object) -> None:
        raise KnownError("household.missing", id="x")

    def crash(register: OpenRegister, progress: object, cancelled: object) -> None:
        raise RuntimeError("boom")

    with qtbot.waitSignal(window.tasks.finished, timeout=5000):
        window.tasks.submit(Task("Thử", refuse, on_error=errors.append))
    with qtbot.waitSignal(window.tasks.finished, timeout=5000):
        window.tasks.submit(Task("Thử lỗi", crash, on_error=errors.append))
    assert [e.code for e in errors] == ["household.missing", "task.failed"]
    assert errors[1].params["detail"] == "boom"
    assert describe(errors[1]) == "Lỗi khi thử lỗi: boom"  # the title inside a sentence


def test_results_arriving_after_shutdown_are_dropped(qtbot: QtBot, tmp_path: Path) -> None:
    from desktop.services.register import create_register
    from desktop.ui.tasks import TaskRunner

    path = tmp_path / "r.sqlite3"
    create_register(path, "03478", ["Thôn 1"])
    runner = TaskRunner(path)
    release = threading.Event()
    delivered: list[Any] = []
    runner.submit(Task("Chờ", lambda _r, _p, _c: release.wait(5), delivered.append))
    threading.Timer(0.1, release.set).start()
    runner.shutdown()  # waits for the job, whose result is still queued for the UI thread
    qtbot.wait(50)
    assert delivered == []


def test_a_job_asked_for_after_shutdown_never_runs(qtbot: QtBot, tmp_path: Path) -> None:
    """A timer of a closed window (a count after its first paint) asks too late: nothing runs
    on the register the window let go of, and nothing waits for it."""
    from desktop.services.register import create_register
    from desktop.ui.tasks import TaskRunner

    path = tmp_path / "r.sqlite3"
    create_register(path, "03478", ["Thôn 1"])
    runner = TaskRunner(path)
    runner.shutdown()
    ran: list[int] = []
    runner.submit(Task("Đếm", lambda _r, _p, _c: ran.append(1)))
    runner.wait(1000)
    qtbot.wait(50)
    assert ran == [] and not runner.busy


def test_a_quiet_task_fills_its_view_and_leaves_the_status_bar_alone(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    window = main_window(small_register.path)
    qtbot.waitUntil(lambda: not window.tasks.busy)  # the window's own counts
    window.statusBar().showMessage("Sổ đăng ký: camket.sqlite3")
    announced: list[str] = []
    window.tasks.started.connect(announced.append)
    window.tasks.finished.connect(lambda title, _done: announced.append(title))
    results: list[Any] = []

    def count(register: OpenRegister, _progress: Any, _cancelled: Any) -> int:
        return int(register.db.execute("SELECT count(*) FROM household").fetchone()[0])

    window.tasks.submit(Task("Đếm", count, results.append, quiet=True))
    qtbot.waitUntil(lambda: results == [6])
    assert announced == [] and not window.task_progress.isVisible()
    assert window.statusBar().currentMessage() == "Sổ đăng ký: camket.sqlite3"


def test_an_edit_runs_before_queued_long_jobs_never_beside_one_and_says_what_changed(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    window = main_window(small_register.path)
    qtbot.waitUntil(lambda: not window.tasks.busy)  # the window's own counts
    release = threading.Event()
    order: list[str] = []
    running: list[str] = []

    def job(name: str, wait: bool = False) -> Callable[..., None]:
        def work(register: OpenRegister, _progress: object, _cancelled: object) -> None:
            running.append(name)
            assert running == [name], "two jobs on the lane at once"
            if wait:
                release.wait(10)
            if name == "sửa":
                register.writer.update("household", small_register.ids["HT-001"], {"phone": "0912"})
            order.append(name)
            running.remove(name)

        return work

    notices: list[Any] = []
    window.tasks.changed.connect(notices.append)
    window.tasks.submit(Task("nhập 1", job("nhập 1", wait=True)))
    qtbot.waitUntil(lambda: running == ["nhập 1"])
    window.tasks.submit(Task("nhập 2", job("nhập 2")))
    window.tasks.submit(Task("sửa", job("sửa"), edit=True))
    assert window.tasks.long_job
    release.set()
    qtbot.waitUntil(lambda: not window.tasks.busy)
    assert order == ["nhập 1", "sửa", "nhập 2"]  # the edit did not wait for the queued import
    (changed,) = notices  # only the edit wrote: one notice, naming what it wrote
    assert changed.touches("household") and not changed.touches("pledge")
    assert changed.households == {small_register.ids["HT-001"]}
