"""Python's cycle collector runs on the window's thread only: a collection on the search's
or a reader's thread freed Qt objects there and the process died (a segfault)."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop import app
from desktop.ui.cycle_collector import stop_collecting
from desktop.ui.main_window import MainWindow
from desktop.ui.overview_page import OverviewPage
from tests.ui.conftest import SmallRegister


class _InACycle(QObject):
    """A Qt object made by Python (no parent) that only the cycle collector frees."""

    def __init__(self) -> None:
        super().__init__()
        self.me = self


@pytest.fixture
def collections() -> Iterator[list[bool]]:
    """For each collection from now on, whether it ran on the window's thread. The
    thresholds are lowered meanwhile: Python's own collection would start on any thread
    after a few dozen objects made there (a search makes hundreds)."""
    window_thread = threading.main_thread().ident
    seen: list[bool] = []

    def note(phase: str, _info: dict[str, Any]) -> None:
        if phase == "start":
            seen.append(threading.get_ident() == window_thread)

    thresholds = gc.get_threshold()
    gc.set_threshold(50, 5, 5)
    gc.callbacks.append(note)
    try:
        yield seen
    finally:
        gc.callbacks.remove(note)
        gc.set_threshold(*thresholds)


def test_qt_objects_in_cycles_are_freed_on_the_window_thread_while_searches_and_counts_run(
    qtbot: QtBot,
    main_window: Callable[..., MainWindow],
    small_register: SmallRegister,
    collections: list[bool],
) -> None:
    window = main_window(small_register.path)
    left = [weakref.ref(_InACycle()) for _ in range(40)]
    search = window.household_page.search
    for typed in ("Nguyễn", "Lò Thị", "hoa", "NT-001", "Giàng", "Sùng Thị Dợ") * 3:
        with qtbot.waitSignal(search.found, timeout=10_000):
            search.request(typed, None, immediately=True)
    overview = window.places.page("overview")
    assert isinstance(overview, OverviewPage)
    overview.counted = False
    overview.refresh()  # counted on a reader's thread of its own
    qtbot.waitUntil(lambda: overview.counted, timeout=10_000)
    qtbot.waitUntil(lambda: all(ref() is None for ref in left), timeout=10_000)
    assert collections, "nothing was collected"
    assert all(collections), f"{collections.count(False)} collections ran on a worker thread"


def test_the_application_collects_on_its_thread_from_its_start(qapp: QApplication) -> None:
    stop_collecting()  # as a process that has not made its application yet
    assert gc.isenabled()
    assert app._application() is qapp  # before the set-up wizard, File ▸ Open or a window
    assert not gc.isenabled()  # no allocation on a worker thread starts a collection
