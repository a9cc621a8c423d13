"""Rendering the main window to a PNG (`camket --screenshot`): size parsing, waiting, saving."""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QMessageLogContext,
    QtMsgType,
    qInstallMessageHandler,
)

from desktop.domain.errors import KnownError
from desktop.ui.main_window import MainWindow

_SIZE = re.compile(r"\s*(\d{2,5})\s*[xX×]\s*(\d{2,5})\s*")
MIN_SIDE, MAX_SIDE = 320, 8192
LOAD_TIMEOUT_S = 20.0


def parse_size(text: str) -> tuple[int, int]:
    """'1366x768' -> (1366, 768); KnownError("screenshot.bad_size") otherwise."""
    match = _SIZE.fullmatch(text or "")
    if match is None:
        raise KnownError("screenshot.bad_size", size=text)
    width, height = int(match[1]), int(match[2])
    if not (MIN_SIDE <= width <= MAX_SIDE and MIN_SIDE <= height <= MAX_SIDE):
        raise KnownError("screenshot.bad_size", size=text)
    return width, height


def process_events_until(done: Callable[[], bool], timeout_s: float = LOAD_TIMEOUT_S) -> bool:
    """Run the event loop until ``done()`` is true or the time is up; returns ``done()``."""
    deadline = time.monotonic() + timeout_s
    while not done() and time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.005)
    return done()


@contextmanager
def quiet_offscreen_noise() -> Iterator[None]:
    """Drop the offscreen platform's "does not support propagateSizeHints()" lines, which it
    prints whenever a window sets its size limits; every other Qt message passes on."""

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if "propagateSizeHints" in message:
            return
        if previous is not None:
            previous(kind, context, message)
        else:
            print(message, file=sys.stderr)

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)


def save_screenshot(
    window: MainWindow, target: Path, width: int, height: int, page: int | None = None
) -> None:
    """Show the window at the size on the side-bar place of Ctrl+``page`` (default: the one
    the window opens on), the household list's first page loaded and its first household
    selected when that is the place (Tổng quan: its counts in; an upper register's communes
    counted), and save what is painted.
    Only that place is built.
    KnownError("screenshot.bad_page") for a place that is not there,
    KnownError("screenshot.unwritable") if the file cannot be written."""
    places = window.places
    key = places.current_key() if page is None else places.key_of_shortcut(page)
    if key is None:
        shortcuts = ", ".join(str(n) for n in places.shortcuts())
        raise KnownError("screenshot.bad_page", page=page, shortcuts=shortcuts)
    # The picture has the size asked for, even below what the layouts want (they clip).
    window.setMinimumSize(width, height)
    window.resize(width, height)
    window.show()
    window.show_place(key)
    if key == "households":
        households = window.household_page
        process_events_until(lambda: households.results_loaded)
        households.select_row(0)
    if key == "overview":  # counted on the task lane after the window is painted
        overview = places.page(key)
        process_events_until(lambda: bool(getattr(overview, "counted", True)))
    if key == "exchange":
        exchange = window.exchange_page
        # The register's keys come off the task lane (written on first use): their box says
        # them, or why they could not be read, once the task is done.
        process_events_until(lambda: bool(exchange.transfer.signing.text()))
        if exchange.communes is not None:
            communes = exchange.communes  # an upper register's: counted on the lane
            process_events_until(lambda: communes.loaded)
    # Let layouts settle and the selected household paint before grabbing.
    for _ in range(3):
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    image = window.grab()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KnownError("screenshot.unwritable", path=str(target), detail=str(exc)) from exc
    if target.is_dir() or not image.save(str(target), "PNG"):
        raise KnownError("screenshot.unwritable", path=str(target))
