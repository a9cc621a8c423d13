"""A window over a rendered PDF: preview, "Print…" through the system dialog, "Save PDF…"."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import KnownError
from desktop.messages import describe
from desktop.outputs import writing_output
from desktop.ui.pdf_pages import PdfPages
from desktop.ui.pdf_preview import PdfPreview
from desktop.ui.pdf_print import ask_printer, page_range, print_pages
from desktop.ui.screen_fit import resize_within_screen
from desktop.ui.tasks import Task, TaskRunner

ChoosePrinter = Callable[[QWidget, PdfPages, str], QPrinter | None]


def warn(parent: QWidget, title: str, text: str) -> QMessageBox:
    """A warning that does not block the event loop (work on the lane goes on)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


class PreviewDialog(QDialog):
    """Shows one PDF; Ctrl+P opens the system print dialog, then the pages are drawn on the
    printer by the task lane (progress and cancel in the status bar; the window stays
    responsive). ``choose_printer`` is the system dialog; tests put a PDF printer there."""

    printed = Signal(int)  # pages sent to the printer
    delivered = Signal()  # the whole document reached a printer, or was saved as a PDF

    def __init__(
        self,
        pdf: Path,
        title: str,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        *,
        note: str = "",
        suggested_name: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint)
        self.pdf = pdf
        self.title = title
        self._tasks = tasks
        self._printing = False
        self._expected = 0
        self._suggested_name = suggested_name or pdf.name
        self.choose_printer: ChoosePrinter = ask_printer
        self.remove_when_closed = False  # the owner's temporary file, not the clerk's
        self.pages = PdfPages(pdf)
        self.preview = PdfPreview()
        self.preview.set_pages(self.pages)
        self.preview.print_requested.connect(self.print_document)
        self.note = QLabel(note)
        self.note.setWordWrap(True)
        self.save_button = QPushButton(self.tr("&Save PDF…"))
        self.save_button.clicked.connect(self._choose_save)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.close)
        bar = QHBoxLayout()
        bar.addWidget(self.note, stretch=1)
        bar.addWidget(self.save_button)
        bar.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, stretch=1)
        layout.addLayout(bar)
        resize_within_screen(self, 860, 720)
        self._fitted = False  # fitted to the width the first time it is shown

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            # Once laid out, its scroll bars in place: the view's width is known then.
            QTimer.singleShot(0, self.preview.fit_width_if_wider)

    def print_document(self) -> None:
        """The system print dialog, then the print job on the task lane."""
        if self._printing:
            return
        printer = self.choose_printer(self, self.pages, self.title)
        if printer is None:
            return
        self._printing = True
        self.preview.print_button.setEnabled(False)
        pages = self.pages
        self._expected = len(page_range(printer, len(pages)))
        self._tasks.submit(
            Task(
                self.tr("Printing {title}").format(title=self.title),
                lambda _register, progress, cancelled: print_pages(
                    pages, printer, progress, cancelled
                ),
                on_done=self._printed,
                on_error=self._print_failed,
            )
        )

    def save_to(self, target: Path) -> None:
        # writing_output says what the system's error means: a full stick, a write-protected
        # one, a file over what FAT32 takes (before: the system's English words).
        with writing_output(target) as temp:
            shutil.copyfile(self.pdf, temp)
        self.delivered.emit()

    # --- internals ----------------------------------------------------------------------

    def _printed(self, sent: int) -> None:
        self._printing = False
        self.preview.print_button.setEnabled(True)
        self.printed.emit(int(sent))
        if sent == self._expected:
            self.delivered.emit()
        if not self.isVisible():
            self._discard()

    def _print_failed(self, error: KnownError) -> None:
        self._printing = False
        self.preview.print_button.setEnabled(True)
        if not self.isVisible():
            self._discard()
            warn(self.parentWidget() or self, self.title, describe(error))
            return
        warn(self, self.title, describe(error))

    def _choose_save(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save PDF"),
            str(Path.home() / self._suggested_name),
            self.tr("PDF files (*.pdf)"),
        )
        if not name:
            return
        try:
            self.save_to(Path(name))
        except KnownError as err:
            warn(self, self.title, describe(err))

    def done(self, result: int) -> None:
        # Close, Esc and the window's X all end here. A print job still drawing keeps the
        # document open; it closes it when done.
        self.preview.set_pages(None)
        if not self._printing:
            self._discard()
        super().done(result)

    def _discard(self) -> None:
        """Close the document and remove its file (a saved copy was made with Save PDF…);
        a hamlet's PDF is tens of megabytes, and a day of printing makes many."""
        self.pages.close()
        if self.remove_when_closed:
            # Windows may hold the file open elsewhere: the temporary folder goes at exit.
            with contextlib.suppress(OSError):
                self.pdf.unlink(missing_ok=True)
        self.deleteLater()
