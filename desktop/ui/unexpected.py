"""Errors nobody caught in the window: logged with their traceback and shown in a dialog."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from desktop.domain.errors import KnownError
from desktop.messages import describe
from desktop.store.register import known_error
from desktop.userdata import data_dir

log = logging.getLogger(__name__)

_showing = False  # one dialog at a time: an error while it is up is only logged


@contextmanager
def errors_reported() -> Iterator[None]:
    """While the window runs, exceptions escaping Qt slots and events (which PySide prints
    through sys.excepthook) go to report_unexpected instead of stderr alone."""
    previous = sys.excepthook
    sys.excepthook = report_unexpected
    try:
        yield
    finally:
        sys.excepthook = previous


def report_unexpected(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    global _showing
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, trace)
        return
    known = error if isinstance(error, KnownError) else known_error(error)
    if known is not None:
        # A busy register or a full disk that a slot did not expect: the clerk can act on it.
        log.warning("not caught where it happened: %s", known.code, exc_info=(kind, error, trace))
        text = describe(known)
    else:
        log.error("unexpected error", exc_info=(kind, error, trace))
        text = QCoreApplication.translate(
            "Unexpected",
            "Something went wrong that CamKet did not expect: {detail}\n\n"
            "What was already saved is safe. The details are written to the log in {folder}; "
            "please send it to whoever supports CamKet.",
        ).format(detail=f"{kind.__name__}: {error}", folder=data_dir() / "logs")
    if _showing:
        return
    _showing = True
    from PySide6.QtWidgets import QMessageBox  # not loaded for a start that goes well

    try:
        QMessageBox.critical(
            QApplication.activeWindow(), QCoreApplication.translate("Unexpected", "CamKet"), text
        )
    finally:
        _showing = False
