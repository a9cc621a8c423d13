"""Xuất bảng tính…: the window's action for the upload spreadsheet, its dialog
(ui.spreadsheet_dialog, imported when first opened) and the sheet read beside the task lane
(edits save meanwhile) with its progress bar; `camket spreadsheet` does the same."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from desktop.domain.errors import KnownError
from desktop.domain.long_work import Cancelled, Progress
from desktop.messages import describe
from desktop.services.register import OpenRegister
from desktop.ui.tasks import Task

if TYPE_CHECKING:
    from desktop.services.upload_sheet import SheetExport
    from desktop.ui.main_window import MainWindow
    from desktop.ui.spreadsheet_dialog import SheetRequest, SpreadsheetDialog


class SpreadsheetExport(QObject):
    """The window's "Export a spreadsheet…" action: the dialog, then the work beside the lane."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.dialog: SpreadsheetDialog | None = None
        self.action = QAction(self.tr("E&xport a spreadsheet…"), window)
        self.action.setToolTip(
            self.tr("A CSV or Excel file of households, people or pledges for the upper level")
        )
        self.action.triggered.connect(self.open_dialog)
        window.file_menu.add_actions(self.action)

    def open_dialog(self) -> SpreadsheetDialog:
        """Show the dialog (window-modal, not blocking); OK starts the export."""
        # Imported here: the sheets' kinds and the pledges' domain are not the start's.
        from desktop.ui.spreadsheet_dialog import SpreadsheetDialog

        dialog = SpreadsheetDialog(self._window.register, self._window)
        dialog.accepted.connect(lambda: self._start(dialog.request))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _start(self, request: SheetRequest | None) -> None:
        if request is None:
            return

        def work(register: OpenRegister, progress: Progress, cancelled: Cancelled) -> Any:
            # Imported on the worker: the window's start does not load the sheet writers.
            from desktop.services.upload_sheet import export_sheet

            return export_sheet(
                register,
                request.what,
                request.out,
                commune=request.commune,
                delimiter=request.delimiter,
                headers=request.headers,
                progress=progress,
                cancelled=cancelled,
            )

        self._window.tasks.submit(
            Task(self.tr("Exporting a spreadsheet"), work, self._done, self._refused, reads=True)
        )

    def _done(self, done: SheetExport) -> None:
        if done.cancelled:
            message = self.tr("Export cancelled: nothing was written.")
        else:
            message = self.tr("Exported {rows} rows: {path}").format(rows=done.rows, path=done.path)
            if done.sample:
                message += self.tr(". This is sample data (made up): do not send it to any office.")
        self._window.statusBar().showMessage(message, 15000)

    def _refused(self, error: KnownError) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self._window, self.tr("Export a spreadsheet"), describe(error))
