"""The Biến động page (Ctrl+4): the residency ledger as a lazy list with filters and search,
adding and ending movements from the keyboard, and the tip log beside it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import KnownError
from desktop.domain.movements import LASTING_KINDS, MovementKind
from desktop.messages import describe
from desktop.services import ledger
from desktop.services.register import OpenRegister
from desktop.store import movements as store
from desktop.store.changes import Changed
from desktop.store.movements import LedgerFilter
from desktop.store.places import hamlet_labels
from desktop.store.tips import list_tips
from desktop.ui.column_fit import hide_to_fit
from desktop.ui.edits import save_on_lane
from desktop.ui.household_model import group_thousands
from desktop.ui.ledger_model import LedgerTableModel, TipTableModel, kind_name
from desktop.ui.list_focus import show_current_row
from desktop.ui.movement_dialog import EndMovementDialog, MovementDialog
from desktop.ui.pledge_printing import PledgePrinting
from desktop.ui.report_period_dialog import ReportPeriodDialog
from desktop.ui.screen_fit import HAMLET_LETTERS, fit_combo
from desktop.ui.search_box import search_box
from desktop.ui.tasks import TaskRunner
from desktop.ui.tip_dialog import TipDialog

SEARCH_DELAY_MS = 200


def _period_start(choice: str, today: dt.date) -> dt.date | None:
    if choice == "month":
        return today.replace(day=1)
    if choice == "quarter":
        return today - dt.timedelta(days=91)
    if choice == "year":
        return today.replace(month=1, day=1)
    return None


class LedgerPage(QWidget):
    """The ledger's list (newest first) and the tip log. ``today`` is a callable so tests can
    fix the day."""

    status_message = Signal(str, int)

    # Narrower than this, the tip log goes under the movements: beside them (a 1024 px screen)
    # both tables scrolled sideways.
    SIDE_BY_SIDE = 1150
    # Columns left out of a table too narrow for all: the hamlet (the household's code says
    # it, the filter picks it), then the day it ended (an ended one is greyed), the reason.
    DROPPED_FIRST = (3, 6, 8)

    def __init__(
        self,
        register: OpenRegister,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.register, self.tasks, self.today = register, tasks, today
        self.read_only = False  # an upper-level register: movements and tips are only shown
        # The report is drawn on the window's task lane and opens in the preview.
        self.printing = PledgePrinting(tasks, self)
        self.search = search_box(self.tr("Search: name, personal ID, household code"))
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Every kind"), None)
        for kind in MovementKind:
            self.kind.addItem(kind_name(kind), kind.value)
        self.hamlet = fit_combo(QComboBox(), HAMLET_LETTERS)
        self.state = QComboBox()
        for label, key in (
            (self.tr("Open and ended"), ""),
            (self.tr("Open only"), "open"),
            (self.tr("Ended only"), "ended"),
        ):
            self.state.addItem(label, key)
        self.period = QComboBox()
        for label, key in (
            (self.tr("Any time"), ""),
            (self.tr("Begun this month"), "month"),
            (self.tr("Begun in the last 3 months"), "quarter"),
            (self.tr("Begun this year"), "year"),
        ):
            self.period.addItem(label, key)
        self.reload_hamlets()
        filters = QHBoxLayout()
        filters.addWidget(self.search, stretch=2)
        for combo in (self.kind, self.hamlet, self.state, self.period):
            filters.addWidget(combo, stretch=1)

        self.new_button = QPushButton(self.tr("New movement… (Ctrl+N)"))
        self.end_button = QPushButton(self.tr("End… (Ctrl+E)"))
        self.handed_button = QPushButton(self.tr("Handed to the Border Guard"))
        self.reported_button = QPushButton(self.tr("Guest reported"))
        self.report_button = QPushButton(self.tr("&Report…"))
        self.report_button.setToolTip(
            self.tr("Movements of a period as a PDF report to send upward")
        )
        if self.printing is None:  # (never shown here: unlaid, it would open as a window)
            self.report_button.hide()
        self.count = QLabel()
        actions = QHBoxLayout()
        for button in (self.new_button, self.end_button, self.handed_button, self.reported_button):
            actions.addWidget(button)
        actions.addWidget(self.report_button)
        actions.addStretch(1)
        actions.addWidget(self.count)

        self.model = LedgerTableModel(register.db, self)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Movements"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the tip log, not the next cell
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self._widths: dict[int, int] = {}
        for column, width in enumerate((112, 150, 66, 104, 78, 78, 78, 170, 120)):
            # Never narrower than its heading ("Nơi đi/đến, nước, cửa khẩu" was cut both sides).
            self._widths[column] = max(width, header.sectionSizeHint(column))
        # The kind whole in every language: "Temporary …" was residence or absence in English.
        kinds = max(self.table.fontMetrics().horizontalAdvance(kind_name(k)) for k in MovementKind)
        self._widths[0] = max(self._widths[0], kinds + 16)
        for column, width in self._widths.items():
            self.table.setColumnWidth(column, width)

        self.tip_model = TipTableModel(self)
        self.tips = QTableView()
        self.tips.setAccessibleName(self.tr("Tips"))
        self.tips.setModel(self.tip_model)
        self.tips.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tips.setTabKeyNavigation(False)
        show_current_row(self.table)  # tabbed into, the row Enter opens is marked
        show_current_row(self.tips)
        self.tips.verticalHeader().hide()
        self.tips.horizontalHeader().setStretchLastSection(True)
        self.tips.setWordWrap(False)
        self.tips.verticalHeader().setDefaultSectionSize(24)
        for column, width in enumerate((114, 100)):
            self.tips.setColumnWidth(column, width)
        # When, where, what about: the place gives up width to a narrow side panel (what it
        # is about, stretched, is never narrower than the header's default section).
        tip_header = self.tips.horizontalHeader()
        tip_header.setDefaultSectionSize(60)
        self._tip_widths = {1: 100, 2: max(60, tip_header.sectionSizeHint(2))}
        self.new_tip_button = QPushButton(self.tr("New tip…"))
        tip_box = QGroupBox(self.tr("Tips (tin báo)"))
        tip_layout = QVBoxLayout(tip_box)
        tip_layout.addWidget(self.new_tip_button, alignment=Qt.AlignmentFlag.AlignLeft)
        tip_layout.addWidget(self.tips)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(tip_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([880, 290])
        self.split = split
        for column in (3, 4):  # people and handed to: left out of the narrow side panel
            self.tips.hideColumn(column)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(split, stretch=1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        for combo in (self.kind, self.hamlet, self.state, self.period):
            combo.currentIndexChanged.connect(self.refresh)
        self.new_button.clicked.connect(self.add_movement)
        self.end_button.clicked.connect(self.end_current)
        self.handed_button.clicked.connect(lambda: self._mark(reported=False))
        self.reported_button.clicked.connect(lambda: self._mark(reported=True))
        self.new_tip_button.clicked.connect(self.add_tip)
        self.report_button.clicked.connect(self.ask_report)
        self.tips.activated.connect(lambda index: self.open_tip(index.row()))
        self.table.activated.connect(lambda index: self.open_movement(index.row()))
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.refresh()
        self.refresh_tips()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        beside = event.size().width() >= self.SIDE_BY_SIDE
        wanted = Qt.Orientation.Horizontal if beside else Qt.Orientation.Vertical
        if self.split.orientation() != wanted:
            self.split.setOrientation(wanted)
            self.split.setSizes([880, 290] if beside else [600, 200])
        QTimer.singleShot(0, self.fit_columns)  # once the splitter has set the tables' sizes

    def fit_columns(self) -> None:
        hide_to_fit(self.table, self._widths, self.DROPPED_FIRST)
        widths = {0: self.tips.columnWidth(0), **self._tip_widths}  # as the header made it
        hide_to_fit(self.tips, widths, (), squeeze=1, least=60)

    def set_read_only(self) -> None:
        """Movements and tips open to be read, never edited (an upper-level register merges
        the communes' ledgers; the communes correct them)."""
        self.read_only = True

    def reload_hamlets(self) -> None:
        chosen = self.hamlet.currentData()
        blocked = self.hamlet.blockSignals(True)
        self.hamlet.clear()
        self.hamlet.addItem(self.tr("Every hamlet"), None)
        for hamlet_id, label in hamlet_labels(self.register.db).items():
            self.hamlet.addItem(label, hamlet_id)
        self.hamlet.setCurrentIndex(max(0, self.hamlet.findData(chosen)))
        self.hamlet.blockSignals(blocked)

    def current_filter(self) -> LedgerFilter:
        kind = self.kind.currentData()
        state = self.state.currentData()
        return LedgerFilter(
            kind=MovementKind(kind) if kind else None,
            hamlet_id=self.hamlet.currentData(),
            open_only=state == "open",
            ended_only=state == "ended",
            starts_from=_period_start(self.period.currentData(), self.today()),
            query=self.search.text(),
        )

    def refresh(self) -> None:
        """List the movements the filters keep again (after a change or a filter)."""
        self._search_timer.stop()
        try:
            ids = store.movement_ids(self.register.db, self.current_filter())
        except KnownError:
            ids = []  # a search of only punctuation matches nothing
        self.model.set_ids(ids)
        many = self.tr("{count} movements") if len(ids) != 1 else self.tr("{count} movement")
        self.count.setText(many.format(count=group_thousands(len(ids))))
        if ids:
            self.table.selectRow(0)
        self._update_buttons()

    def refresh_tips(self) -> None:
        self.tip_model.set_records(list_tips(self.register.db))
        self.tips.resizeColumnToContents(0)  # the day and hour, whole

    def select_movement(self, movement_id: str) -> None:
        """Show this movement selected (a reminder's link), clearing filters that hide it."""
        row = self.model.row_of(movement_id)
        if row is None:
            for combo in (self.kind, self.hamlet, self.state, self.period):
                combo.blockSignals(True)
                combo.setCurrentIndex(0)
                combo.blockSignals(False)
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self.refresh()
            row = self.model.row_of(movement_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        self.table.setFocus()

    def show_changes(self, changed: Changed) -> None:
        """Read again the movements or tips a write changed, keeping the one selected."""
        if changed.touches("movement", "person", "household", "hamlet"):
            row = self._current_row()
            self.refresh()
            if row is not None and self.model.row_of(row.movement_id) is not None:
                self.select_movement(row.movement_id)
        if changed.touches("tip", "tip_person"):
            self.refresh_tips()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _current_row(self) -> store.LedgerRow | None:
        index = self.table.currentIndex()
        return self.model.ledger_row(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        row = self._current_row()
        lasting = row is not None and row.kind in LASTING_KINDS and row.ended_on is None
        self.end_button.setEnabled(lasting)
        self.handed_button.setEnabled(  # handed over, or the Border Guard post told
            row is not None
            and (
                (row.kind is MovementKind.VE_TU_NUOC_NGOAI and row.via_trail)
                or (row.kind is MovementKind.LUU_TRU and row.border_belt)
            )
        )
        self.reported_button.setEnabled(
            row is not None and row.kind is MovementKind.LUU_TRU and row.person_id is None
        )

    # --- writing ---------------------------------------------------------------------------

    def add_movement(self) -> MovementDialog:
        dialog = MovementDialog(self.register, self.tasks, self.today(), self)
        dialog.finished.connect(lambda result: self._saved(dialog, result))
        dialog.open()
        return dialog

    def _saved(self, dialog: MovementDialog, result: int) -> None:
        if result and dialog.saved is not None:
            self.select_movement(dialog.saved.id)
            self.status_message.emit(
                self.tr("Movement recorded.")
                if dialog.original is None
                else self.tr("Movement corrected."),
                5000,
            )

    def open_movement(self, row: int) -> MovementDialog | None:
        """A saved movement, to correct with the checks of a new one (Enter, double click);
        only to read in an upper-level register."""
        movement_id = self.model.movement_id(row)
        if movement_id is None:
            return None
        movement = store.get_movement(self.register.db, movement_id)
        dialog = MovementDialog(self.register, self.tasks, self.today(), self, movement=movement)
        if self.read_only:
            dialog.set_view_only()
        dialog.finished.connect(lambda result: self._saved(dialog, result))
        dialog.open()
        return dialog

    def end_current(self) -> EndMovementDialog | None:
        row = self._current_row()
        if row is None or not self.end_button.isEnabled():
            return None
        dialog = EndMovementDialog(self.tasks, row.movement_id, self.today(), self)
        dialog.finished.connect(lambda result: self._ended(row.movement_id, result))
        dialog.open()
        return dialog

    def _ended(self, movement_id: str, result: int) -> None:
        if result:
            self.select_movement(movement_id)
            self.status_message.emit(self.tr("End of the movement recorded."), 5000)

    def _mark(self, *, reported: bool) -> None:
        row = self._current_row()
        if row is None:
            return
        movement_id, today = row.movement_id, self.today()
        said = (
            self.tr("Recorded: guest reported today.")
            if reported
            else self.tr("Recorded: handed to the Border Guard today.")
        )
        save_on_lane(
            self.tasks,
            self,
            lambda register: ledger.mark_handled(register, movement_id, today, reported=reported),
            lambda _movement: self.status_message.emit(said, 5000),
            lambda err: QMessageBox.warning(self, self.tr("Movements"), describe(err)),
        )

    def ask_report(self) -> ReportPeriodDialog:
        dialog = ReportPeriodDialog(self.today(), self)
        dialog.accepted.connect(lambda: self._report(dialog))
        dialog.open()
        return dialog

    def _report(self, dialog: ReportPeriodDialog) -> None:
        if dialog.period is None:
            return
        starts, ends = dialog.period

        def render(reg: OpenRegister, out: Path, _progress: Any, _cancelled: Any) -> Any:
            from desktop.services import ledger_reports  # reportlab: loaded on first use

            report = ledger_reports.gather(reg, starts, ends)
            return ledger_reports.print_ledger_report(reg, report, out)

        self.printing.run(self.tr("Report on movements"), "bao-cao-bien-dong", render)

    def shutdown(self) -> None:
        # A search typed just before the window closed would run on the closed register.
        self._search_timer.stop()
        self.printing.shutdown()

    def add_tip(self) -> TipDialog:
        dialog = TipDialog(self.register, self.tasks, dt.datetime.now(), self)
        dialog.finished.connect(lambda result: self._tip_added(result))
        dialog.open()
        return dialog

    def open_tip(self, row: int) -> TipDialog:
        """A logged tip, to note what came of it and whom it concerns (Enter, double click)."""
        tip = self.tip_model.record(row)
        dialog = TipDialog(self.register, self.tasks, dt.datetime.now(), self, tip=tip)
        if self.read_only:
            dialog.set_view_only()
        dialog.finished.connect(lambda result: self._tip_added(result))
        dialog.open()
        return dialog

    def _tip_added(self, result: int) -> None:
        if result:
            self.status_message.emit(self.tr("Tip recorded."), 5000)
