"""Xuất bảng tính…: the upload spreadsheet from the window (what, commune, format, delimiter,
headers), read beside the task lane (edits save meanwhile) with its progress bar; `camket
spreadsheet` does the same."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import KnownError
from desktop.domain.long_work import Cancelled, Progress
from desktop.domain.upload_sheet import UploadSheet
from desktop.messages import describe
from desktop.services.register import OpenRegister
from desktop.store import households as repo
from desktop.store import local
from desktop.ui.tasks import Task

if TYPE_CHECKING:
    from desktop.services.upload_sheet import Headers, SheetExport
    from desktop.ui.main_window import MainWindow

# QT_TRANSLATE_NOOP is typed as returning object; it returns the source string.
_WHAT: dict[UploadSheet, Any] = {
    UploadSheet.HOUSEHOLDS: QT_TRANSLATE_NOOP("SpreadsheetDialog", "Households (one row each)"),
    UploadSheet.PEOPLE: QT_TRANSLATE_NOOP("SpreadsheetDialog", "People (one row each)"),
    UploadSheet.PLEDGES: QT_TRANSLATE_NOOP(
        "SpreadsheetDialog", "Pledges of the current campaign (one row per household)"
    ),
    UploadSheet.RELATIVES: QT_TRANSLATE_NOOP("SpreadsheetDialog", "Relatives abroad"),
    UploadSheet.PROGRESS: QT_TRANSLATE_NOOP("SpreadsheetDialog", "Progress per hamlet"),
}
# The file name offered: what the sheet holds, in Vietnamese without marks.
_FILE_STEMS = {
    UploadSheet.HOUSEHOLDS: "ho-gia-dinh",
    UploadSheet.PEOPLE: "nhan-khau",
    UploadSheet.PLEDGES: "cam-ket",
    UploadSheet.RELATIVES: "than-nhan-o-nuoc-ngoai",
    UploadSheet.PROGRESS: "tien-do",
}


@dataclass(frozen=True)
class SheetRequest:
    """What the clerk asked for: ``export_sheet``'s arguments."""

    what: UploadSheet
    out: Path
    commune: str | None
    delimiter: str
    headers: Headers


class SpreadsheetDialog(QDialog):
    """The choices of an upload spreadsheet; after OK (and a file chosen) ``request``."""

    def __init__(self, register: OpenRegister, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export a spreadsheet"))
        self.request: SheetRequest | None = None
        self._folder = register.path.parent
        self.what = QComboBox()
        for what, label in _WHAT.items():
            self.what.addItem(QCoreApplication.translate("SpreadsheetDialog", label), what)
        self.commune = QComboBox()
        if local.is_upper(register.db):
            self.commune.addItem(self.tr("All communes of the register"), None)
            for commune in repo.list_communes(register.db):
                self.commune.addItem(f"{commune.name} ({commune.code})", commune.code)
        else:
            own = register.commune
            self.commune.addItem(f"{own.name} ({own.code})", own.code)
            self.commune.setEnabled(False)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Excel (.xlsx)"), ".xlsx")
        self.kind.addItem(self.tr("CSV (.csv)"), ".csv")
        self.delimiter = QComboBox()
        self.delimiter.addItem(self.tr("; (semicolon, decimal comma: 87,5)"), ";")
        self.delimiter.addItem(self.tr(", (comma, decimal point: 87.5)"), ",")
        self.headers = QComboBox()
        self.headers.addItem(self.tr("Vietnamese (Mã hộ, Họ và tên, …)"), "vi")
        self.headers.addItem(self.tr("Machine names (household_code, full_name, …)"), "machine")
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

        form = QFormLayout()
        form.addRow(self.tr("&What"), self.what)
        form.addRow(self.tr("&Commune"), self.commune)
        form.addRow(self.tr("&Format"), self.kind)
        form.addRow(self.tr("&Delimiter"), self.delimiter)
        form.addRow(self.tr("&Headers"), self.headers)
        note = QLabel(
            self.tr(
                "ID numbers and phones stay text (their leading zeros kept); days read "
                "DD/MM/YYYY. A CSV is UTF-8 with a BOM, for Excel."
            )
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Export…"))
        buttons.accepted.connect(self._choose_file)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def _kind_changed(self) -> None:
        self.delimiter.setEnabled(self.kind.currentData() == ".csv")

    def suggested_path(self) -> Path:
        what = UploadSheet(self.what.currentData())
        commune = self.commune.currentData()
        stem = _FILE_STEMS[what] + (f"-{commune}" if commune else "")
        return self._folder / f"{stem}{self.kind.currentData()}"

    def _choose_file(self) -> None:
        suffix = self.kind.currentData()
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export a spreadsheet"),
            str(self.suggested_path()),
            self.tr("Excel (*.xlsx)") if suffix == ".xlsx" else self.tr("CSV (*.csv)"),
        )
        if not chosen:
            return
        out = Path(chosen)
        if out.suffix.lower() != suffix:
            out = out.with_name(out.name + suffix)
        self.request = SheetRequest(
            what=UploadSheet(self.what.currentData()),
            out=out,
            commune=self.commune.currentData(),
            delimiter=self.delimiter.currentData(),
            headers=self.headers.currentData(),
        )
        self.accept()


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
        QMessageBox.warning(self._window, self.tr("Export a spreadsheet"), describe(error))
