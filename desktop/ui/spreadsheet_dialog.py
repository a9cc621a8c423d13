"""Xuất bảng tính…: the dialog choosing the upload spreadsheet (what, commune, format,
delimiter, headers); ui.spreadsheet_export opens it and writes the sheet beside the task lane."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.upload_sheet import UploadSheet
from desktop.store import households as repo
from desktop.store import local

if TYPE_CHECKING:
    from desktop.services.register import OpenRegister
    from desktop.services.upload_sheet import Headers

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
