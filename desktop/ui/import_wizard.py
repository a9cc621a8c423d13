"""The import wizard: choose a list, preview, map columns, group, dry run, import (cancellable).

Reading, checking and importing run on the main window's task lane (ui/tasks.py), so a
100,000-row list never freezes the window; the import is one transaction that a cancel
rolls back whole.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.domain.errors import KnownError
from desktop.domain.import_columns import ImportField, column_letter, recognise_header
from desktop.domain.import_households import Grouping
from desktop.messages import describe, hidden_lines, report_hidden_lines
from desktop.services.import_lists import (
    ImportOptions,
    ImportReport,
    PreparedList,
    dry_run,
    hidden_columns_read,
    import_list,
    prepare,
    preview,
)
from desktop.services.register import OpenRegister
from desktop.store.households import list_hamlets
from desktop.ui.household_model import group_thousands
from desktop.ui.import_issues import IssueTableModel, SheetPreviewModel
from desktop.ui.tasks import Task, TaskRunner

PREVIEW_ROWS = 200
_ERROR_STYLE = "color: #b00020;"


def _table(view: QTableView) -> QTableView:
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)  # Tab goes on to the next control, not the next cell
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    return view


class ImportWizard(QWizard):
    """Choose file → preview → map columns → grouping → dry-run report → import."""

    imported = Signal(object)  # the ImportReport of a completed (not cancelled) import

    def __init__(self, register: OpenRegister, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import a list of households"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Import"))
        self.resize(900, 620)
        self.register = register
        self.tasks = tasks
        self.prepared: PreparedList | None = None
        self.path: Path | None = None
        self.running = False  # a task of this wizard is on the lane
        self.file_page = ImportFilePage(self)
        self.preview_page = ImportPreviewPage(self)
        self.mapping_page = ImportColumnsPage(self)
        self.grouping_page = ImportGroupingPage(self)
        self.report_page = ImportCheckPage(self)
        self.import_page = ImportRunPage(self)
        for page in (
            self.file_page,
            self.preview_page,
            self.mapping_page,
            self.grouping_page,
            self.report_page,
            self.import_page,
        ):
            self.addPage(page)

    def import_options(self) -> ImportOptions:
        return ImportOptions(
            columns=self.mapping_page.mapping(),
            header_row=self.mapping_page.header_row(),
            grouping=self.grouping_page.grouping(),
            hamlet=self.grouping_page.hamlet(),
            skip_hidden=self.preview_page.skip_hidden.isChecked(),
        )

    def run(self, title: str, work: Any, on_done: Any, on_error: Any) -> None:
        """Put one job of the wizard on the window's lane."""
        self.running = True

        def done(result: Any) -> None:
            self.running = False
            on_done(result)

        def failed(error: KnownError) -> None:
            self.running = False
            on_error(error)

        self.tasks.submit(Task(title, work, done, failed))

    def reject(self) -> None:
        if self.running:
            self.tasks.cancel()  # an import under way rolls back; a read just stops
        super().reject()


class ImportFilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self._read_for: Path | None = None
        self.setTitle(self.tr("Choose the list"))
        self.setSubTitle(
            self.tr(
                "An Excel workbook (.xlsx) or a CSV file, in any common encoding; lists typed "
                "with TCVN3 (.VnTime) or VNI fonts are converted to Unicode."
            )
        )
        self.path_edit = QLineEdit()
        self.path_edit.setAccessibleName(self.tr("List file"))
        self.path_edit.textChanged.connect(self.completeChanged)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        self.status = QLabel()
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, stretch=1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the list"),
            self.path_edit.text(),
            self.tr("Spreadsheets (*.xlsx *.csv *.txt);;All files (*)"),
        )
        if path:
            self.path_edit.setText(path)

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip()) and not self._wizard.running

    def validatePage(self) -> bool:
        path = Path(self.path_edit.text().strip())
        if self._read_for == path and self._wizard.prepared is not None:
            return True
        if self._wizard.running:
            return False
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Reading {file}…").format(file=path.name))
        self._wizard.run(
            self.tr("Reading the list"),
            lambda _register, _progress, _cancelled: preview(path),
            lambda prepared: self._read(path, prepared),
            self._failed,
        )
        self.completeChanged.emit()
        return False

    def _read(self, path: Path, prepared: PreparedList) -> None:
        self._wizard.prepared = prepared
        self._wizard.path = path
        self._read_for = path
        self.status.clear()
        self.completeChanged.emit()
        self._wizard.next()

    def _failed(self, error: KnownError) -> None:
        self.status.setStyleSheet(_ERROR_STYLE)
        self.status.setText(describe(error))
        self.completeChanged.emit()


class ImportPreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Preview"))
        self.info = QLabel()
        self.info.setWordWrap(True)
        # Shown when the sheet hides rows of people: ticked at first, for a sheet filtered
        # to one hamlet is what the clerk checked on screen (docs/import.md); not when it
        # hides them all.
        self.skip_hidden = QCheckBox()
        self.skip_hidden.toggled.connect(self._say)
        self._hidden_rows: list[int] = []
        self._shown_for: PreparedList | None = None
        self.model = SheetPreviewModel(self)
        self.view = _table(QTableView())
        self.view.setModel(self.model)
        self.view.horizontalHeader().setMaximumSectionSize(280)  # a title row stays narrow
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.skip_hidden)
        layout.addWidget(self.view, stretch=1)

    def initializePage(self) -> None:
        prepared = self._wizard.prepared
        assert prepared is not None
        sheet = prepared.sheet
        first = prepared.columns.first_row  # the rows of people: under the header
        self._hidden_rows = [row for row in sheet.hidden_rows if row > first]
        self.skip_hidden.setVisible(bool(self._hidden_rows))
        self.skip_hidden.setText(
            self.tr("Do not import the {count} rows hidden in the sheet").format(
                count=group_thousands(len(self._hidden_rows))
            )
        )
        if self._shown_for is not prepared:  # another file: the clerk chooses again
            self._shown_for = prepared
            hidden = set(self._hidden_rows)
            # Not when every row is hidden (a collapsed group): she saw none of them.
            shown = hidden and any(
                any(cell.strip() for cell in cells)
                for number, cells in enumerate(prepared.rows[first:], start=first + 1)
                if number not in hidden
            )
            self.skip_hidden.blockSignals(True)
            self.skip_hidden.setChecked(bool(shown))
            self.skip_hidden.blockSignals(False)
        self._say()
        self.model.set_rows(prepared.rows[:PREVIEW_ROWS], sheet.first_row)
        self.view.resizeColumnsToContents()

    def _say(self) -> None:
        prepared = self._wizard.prepared
        assert prepared is not None
        sheet, text = prepared.sheet, prepared.text
        if sheet.kind == "xlsx":
            first = self.tr("{file}: {rows} rows of an Excel workbook.")
        else:
            first = self.tr("{file}: {rows} rows, read as {encoding}.")
        lines = [
            first.format(
                file=sheet.source, rows=group_thousands(len(prepared.rows)), encoding=sheet.encoding
            )
        ]
        if text.legacy_cells:
            lines.append(
                self.tr(
                    "{count} cells typed with the {font} font were converted to Unicode."
                ).format(count=group_thousands(text.legacy_cells), font=text.legacy.value.upper())
            )
        if text.nfc_cells:
            lines.append(
                self.tr("{count} cells in decomposed Unicode (NFD) were composed (NFC).").format(
                    count=group_thousands(text.nfc_cells)
                )
            )
        lines += hidden_lines(  # said before anything is chosen, with the choice
            sheet.source,
            sheet.sheet_name,
            self._hidden_rows,
            hidden_columns_read(sheet, prepared.columns),
            left_out=self.skip_hidden.isChecked(),
        )
        self.info.setText(" ".join(lines))


class ImportColumnsPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Columns"))
        self.setSubTitle(
            self.tr(
                "What each column holds. Usual headers are recognised; choose the others, or "
                "leave them ignored. A full name column is needed."
            )
        )
        self.header_spin = QSpinBox()
        self.header_spin.setAccessibleName(self.tr("Header row"))
        self.header_spin.valueChanged.connect(self._fill)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Column"), self.tr("First value"), self.tr("Holds")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the next control, not the next cell
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header_line = QHBoxLayout()
        header_line.addWidget(QLabel(self.tr("Header row:")))
        header_line.addWidget(self.header_spin)
        header_line.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(header_line)
        layout.addWidget(self.table, stretch=1)
        self.combos: list[QComboBox] = []

    def field_names(self) -> dict[ImportField, str]:
        return {
            ImportField.IGNORE: self.tr("(ignore)"),
            ImportField.FULL_NAME: self.tr("Full name"),
            ImportField.FAMILY_NAME: self.tr("Family name (before the middle name)"),
            ImportField.MIDDLE_NAME: self.tr("Middle name"),
            ImportField.BIRTH: self.tr("Birth date or year"),
            ImportField.BIRTH_MALE: self.tr("Birth year, male column"),
            ImportField.BIRTH_FEMALE: self.tr("Birth year, female column"),
            ImportField.GENDER: self.tr("Gender"),
            ImportField.ID_NUMBER: self.tr("Personal ID number"),
            ImportField.RELATIONSHIP: self.tr("Relationship to the head"),
            ImportField.HEAD: self.tr("Head of household mark"),
            ImportField.HAMLET: self.tr("Hamlet"),
            ImportField.ADDRESS: self.tr("House number, address"),
            ImportField.PHONE: self.tr("Phone"),
            ImportField.ETHNICITY: self.tr("Ethnicity"),
            ImportField.HOUSEHOLD_CODE: self.tr("Household code"),
            ImportField.OCCUPATION: self.tr("Occupation"),
            ImportField.NOTES: self.tr("Notes"),
            ImportField.RESIDENCE: self.tr("Residence (permanent or temporary)"),
            ImportField.COMMUNE_CODE: self.tr("Commune code"),
        }

    def initializePage(self) -> None:
        prepared = self._wizard.prepared
        assert prepared is not None
        self.header_spin.blockSignals(True)
        self.header_spin.setRange(1, max(1, min(len(prepared.rows), 50)))
        self.header_spin.setValue(prepared.columns.header_row + 1)
        self.header_spin.blockSignals(False)
        self._fill()

    def _fill(self) -> None:
        prepared = self._wizard.prepared
        assert prepared is not None
        index = self.header_spin.value() - 1
        headers = prepared.rows[index] if index < len(prepared.rows) else []
        # The first row of a person: under a second header row or the columns' numbers.
        below = prepared.columns.first_row if index == prepared.columns.header_row else index + 1
        sample = next((r for r in prepared.rows[below:] if any(c.strip() for c in r)), [""] * 0)
        recognised = dict(prepared.columns.fields) if index == prepared.columns.header_row else {}
        taken: set[ImportField] = set(recognised.values())
        names = self.field_names()
        self.table.setRowCount(len(headers))
        self.combos = []
        for column, header in enumerate(headers):
            field = recognised.get(column)
            if field is None and index != prepared.columns.header_row:
                field = recognise_header(header)
                if field in taken:
                    field = None
                if field is not None:
                    taken.add(field)
            label = f"{column_letter(column)}  {header}".strip()
            self.table.setItem(column, 0, QTableWidgetItem(label))
            value = sample[column] if column < len(sample) else ""
            self.table.setItem(column, 1, QTableWidgetItem(value))
            combo = QComboBox()
            combo.setAccessibleName(self.tr("Column {letter}").format(letter=column_letter(column)))
            for f, name in names.items():
                combo.addItem(name, f.value)
            combo.setCurrentIndex(combo.findData((field or ImportField.IGNORE).value))
            combo.currentIndexChanged.connect(self.completeChanged)
            self.table.setCellWidget(column, 2, combo)
            self.combos.append(combo)
        self.completeChanged.emit()

    def mapping(self) -> dict[str, str]:
        return {column_letter(i): str(c.currentData()) for i, c in enumerate(self.combos)}

    def header_row(self) -> int:
        return self.header_spin.value()

    def isComplete(self) -> bool:
        return ImportField.FULL_NAME.value in self.mapping().values()


class ImportGroupingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Households"))
        self.setSubTitle(self.tr("How rows of the list make households."))
        self.buttons = QButtonGroup(self)
        layout = QVBoxLayout(self)
        choices = [
            (Grouping.AUTO, self.tr("Automatic: by household code, else by head rows")),
            (Grouping.CODE, self.tr("By household code (no code: the household above)")),
            (Grouping.HEAD_ROWS, self.tr("By head of household: a head's row, then its members")),
            (Grouping.EACH_ROW, self.tr("One household per row (a list of heads)")),
        ]
        for number, (grouping, text) in enumerate(choices):
            button = QRadioButton(text)
            button.setProperty("grouping", grouping.value)
            self.buttons.addButton(button, number)
            layout.addWidget(button)
        self.buttons.button(0).setChecked(True)
        self.hamlet_combo = QComboBox()
        self.hamlet_combo.setAccessibleName(self.tr("Hamlet of rows without one"))
        form = QFormLayout()
        form.addRow(self.tr("Hamlet of rows without one:"), self.hamlet_combo)
        layout.addSpacing(12)
        layout.addLayout(form)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.hamlet_combo.clear()
        self.hamlet_combo.addItem(self.tr("(none: the list says)"), "")
        for hamlet in list_hamlets(self._wizard.register.db):
            self.hamlet_combo.addItem(hamlet.name, hamlet.name)

    def grouping(self) -> Grouping:
        checked = self.buttons.checkedButton()
        return Grouping(checked.property("grouping")) if checked else Grouping.AUTO

    def hamlet(self) -> str:
        return str(self.hamlet_combo.currentData() or "")


class ImportCheckPage(QWizardPage):
    """The dry run: what would be imported, every warning and error with row and column."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.report: ImportReport | None = None
        self.setTitle(self.tr("Check (nothing is written yet)"))
        self.setCommitPage(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = IssueTableModel(self)
        self.view = _table(QTableView())
        self.view.setModel(self.model)
        self.view.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, stretch=1)

    def initializePage(self) -> None:
        self.report = None
        self.model.set_issues([])
        self.summary.setStyleSheet("")
        self.summary.setText(self.tr("Checking every row…"))
        wizard = self._wizard
        path, options = wizard.path, wizard.import_options()
        assert path is not None

        def work(register: OpenRegister, _progress: Any, _cancelled: Any) -> ImportReport:
            return dry_run(register, prepare(path, options), options)[0]

        wizard.run(self.tr("Checking the list"), work, self._show, self._failed)
        self.completeChanged.emit()

    def _show(self, report: ImportReport) -> None:
        self.report = report
        self.model.set_issues(report.issues)
        self.view.resizeColumnToContents(0)
        self.view.resizeColumnToContents(1)
        self.view.resizeColumnToContents(2)
        text = self.tr(
            "{rows} rows in {households} households: {accepted} rows accepted, "
            "{warnings} warnings, {errors} errors. Would add {new} rows ({new_households} "
            "new households), update {updated}, leave {unchanged} unchanged."
        ).format(
            rows=group_thousands(report.rows),
            households=group_thousands(report.households),
            accepted=group_thousands(report.accepted),
            warnings=group_thousands(len(report.warnings)),
            errors=group_thousands(len(report.errors)),
            new=group_thousands(report.new),
            new_households=group_thousands(report.new_households),
            updated=group_thousands(report.updated),
            unchanged=group_thousands(report.unchanged),
        )
        text += "".join(f" {line}" for line in report_hidden_lines(report))
        if report.errors:
            self.summary.setStyleSheet(_ERROR_STYLE)
            text += " " + self.tr(
                "Correct the errors in the file (or the column choices) and check again: "
                "nothing is imported while a row has an error."
            )
        self.summary.setText(text)
        self.completeChanged.emit()

    def _failed(self, error: KnownError) -> None:
        self.summary.setStyleSheet(_ERROR_STYLE)
        self.summary.setText(describe(error))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.report is not None and not self.report.errors


class ImportRunPage(QWizardPage):
    """The import on the task lane, with its progress and a cancel that rolls it all back."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.done = False
        self.setTitle(self.tr("Import"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.cancel_button = QPushButton(self.tr("Stop the import"))
        self.cancel_button.clicked.connect(wizard.tasks.cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.cancel_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def initializePage(self) -> None:
        wizard = self._wizard
        path, options = wizard.path, wizard.import_options()
        assert path is not None
        self.done = False
        self.progress.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        self.status.setText(self.tr("Importing {file}…").format(file=path.name))
        wizard.tasks.progressed.connect(self._progressed)

        def work(register: OpenRegister, progress: Any, cancelled: Any) -> ImportReport:
            return import_list(register, path, options, progress=progress, cancelled=cancelled)

        wizard.run(self.tr("Importing the list"), work, self._finished, self._failed)

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _end(self) -> None:
        self._wizard.tasks.progressed.disconnect(self._progressed)
        self.cancel_button.setEnabled(False)
        self.progress.setRange(0, 1)
        self.done = True
        self.completeChanged.emit()

    def _finished(self, report: ImportReport) -> None:
        self._end()
        if report.cancelled:
            self.progress.setValue(0)
            self.status.setText(
                self.tr("The import was stopped: the register is exactly as it was before.")
            )
            return
        if not report.applied:  # the file changed since the check and now has errors
            self.status.setStyleSheet(_ERROR_STYLE)
            self.status.setText(
                self.tr("Nothing was imported: {errors} errors. Check the list again.").format(
                    errors=group_thousands(len(report.errors))
                )
            )
            return
        self.progress.setValue(1)
        done = self.tr(
            "Imported {file}: {new} new rows ({new_households} new households), "
            "{updated} updated, {unchanged} unchanged."
        ).format(
            file=report.source,
            new=group_thousands(report.new),
            new_households=group_thousands(report.new_households),
            updated=group_thousands(report.updated),
            unchanged=group_thousands(report.unchanged),
        )
        self.status.setText(" ".join([done, *report_hidden_lines(report)]))
        self._wizard.imported.emit(report)

    def _failed(self, error: KnownError) -> None:
        self._end()
        self.status.setStyleSheet(_ERROR_STYLE)
        self.status.setText(describe(error))

    def isComplete(self) -> bool:
        return self.done
