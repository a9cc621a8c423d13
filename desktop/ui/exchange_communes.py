"""An upper-level register's communes side by side: last bundle received, households, people
and the share signed in each campaign, with a search across all of them, and a commune's
data dropped (its register here set up apart from the one it uses now)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import KnownError
from desktop.domain.long_work import Cancelled, Progress
from desktop.domain.text import text_sort_string
from desktop.messages import describe
from desktop.services.communes import (
    CommuneForgotten,
    CommuneSummary,
    commune_summaries,
    forget_commune,
)
from desktop.services.register import OpenRegister
from desktop.store.admin_units import find_commune
from desktop.ui.household_history import local_time
from desktop.ui.numbers import format_percent, group_thousands
from desktop.ui.search_box import search_box
from desktop.ui.tasks import Task, TaskRunner


class _Sorted(QTableWidgetItem):
    """A cell shown as ``text`` that sorts by ``key`` (a count, a UTC time, a name in
    Vietnamese order)."""

    def __init__(self, text: str, key: tuple[int, str]) -> None:
        super().__init__(text)
        self.key = key

    def __lt__(self, other: QTableWidgetItem) -> bool:
        return self.key < getattr(other, "key", self.key)


class _Number(_Sorted):
    def __init__(self, value: int) -> None:
        super().__init__(group_thousands(value), (value, ""))
        self.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class CommunesView(QWidget):
    """``search_requested`` carries what was typed (Enter): the household list searches every
    commune for it."""

    search_requested = Signal(str)
    status_message = Signal(str, int)

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.summaries: list[CommuneSummary] = []
        self.loaded = False  # True once the first count is in the table
        self.search = search_box(self.tr("Find a person or household in every commune (Enter)…"))
        self.search.setAccessibleName(self.tr("Search every commune"))
        self.search.returnPressed.connect(self._search)
        self.count = QLabel()
        self.forget_button = QPushButton(self.tr("Remove a commune's data…"))
        self.forget_button.setToolTip(
            self.tr(
                "When the commune set up a new register apart from the one merged here (its old"
                " PC is no longer used): remove the old data first, then merge the new bundle"
            )
        )
        self.forget_button.setEnabled(False)
        self.forget_button.clicked.connect(self.forget_chosen)
        # A new upper register's first step, until a commune's bundle is merged.
        self.empty_hint = QLabel(
            self.tr(
                "No commune's bundle merged yet: on Send and receive, click “Choose files to"
                " merge…” and pick the .camket files the communes sent."
            )
        )
        self.empty_hint.setWordWrap(True)
        self.empty_hint.hide()
        # Communes an older version merged twice, from two registers set up apart.
        self.doubled_hint = QLabel()
        self.doubled_hint.setWordWrap(True)
        self.doubled_hint.setStyleSheet("color: darkred")
        self.doubled_hint.hide()
        self.table = QTableWidget(0, 6)
        self.table.setAccessibleName(self.tr("Communes"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Commune"),
                self.tr("Code"),
                self.tr("Last bundle received"),
                self.tr("Households"),
                self.tr("People"),
                self.tr("Signed, per campaign"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the next control, not the next cell
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.itemSelectionChanged.connect(self._chosen_changed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicator(1, Qt.SortOrder.AscendingOrder)  # by official code at first
        for column, width in enumerate((150, 60, 130, 80, 80)):
            self.table.setColumnWidth(column, width)
        top = QHBoxLayout()
        top.addWidget(self.search, stretch=1)
        top.addWidget(self.count)
        top.addWidget(self.forget_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.doubled_hint)
        layout.addWidget(self.table, stretch=1)
        self.refresh()

    def refresh(self) -> None:
        """Count again beside the task lane, on a reader (a province's register holds millions
        of people: neither the window nor an edit waits for it)."""

        def work(reg: OpenRegister, _progress: Progress, _cancelled: Cancelled) -> Any:
            return commune_summaries(reg.db)

        self._tasks.submit(
            Task(self.tr("Counting the communes"), work, self._show, quiet=True, reads=True)
        )

    def _show(self, summaries: list[CommuneSummary]) -> None:
        self.summaries = summaries
        self.loaded = True
        self.empty_hint.setVisible(not summaries)
        doubled = [c for c in summaries if c.doubled]
        self.doubled_hint.setText(
            "\n".join(
                self.tr(
                    "{commune} ({code}) looks merged twice, from two of its registers set up"
                    " apart (hamlets held twice: {hamlets}): its households and the share"
                    " signed are counted twice. camket check says how to fix it."
                ).format(commune=c.name, code=c.code, hamlets=", ".join(c.doubled))
                for c in doubled
            )
        )
        self.doubled_hint.setVisible(bool(doubled))
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(self.summaries))
        for row, commune in enumerate(self.summaries):
            self._fill(row, commune)
        self.table.setSortingEnabled(True)
        self.table.resizeRowsToContents()
        self.count.setText(
            self.tr("{communes} communes, {households} households").format(
                communes=len(self.summaries),
                households=group_thousands(sum(c.households for c in self.summaries)),
            )
        )

    def _fill(self, row: int, commune: CommuneSummary) -> None:
        received = local_time(commune.last_received) if commune.last_received else "—"
        signed = "\n".join(
            self.tr("{campaign}: {percent} % ({signed}/{households})").format(
                campaign=share.title,
                percent=format_percent(share.percent),
                signed=group_thousands(share.signed),
                households=group_thousands(share.households),
            )
            for share in commune.campaigns
        )
        unit = find_commune(commune.code)  # sorted by its name without "Xã", "Phường"
        name_key = text_sort_string(unit.short_name if unit else commune.name)
        cells: list[QTableWidgetItem] = [
            _Sorted(commune.name, (0, name_key)),
            QTableWidgetItem(commune.code),
            _Sorted(received, (0, commune.last_received)),
            _Number(commune.households),
            _Number(commune.people),
            QTableWidgetItem(signed or self.tr("no pledges yet")),
        ]
        if commune.doubled:  # said above the table (doubled_hint)
            cells[0].setForeground(Qt.GlobalColor.darkRed)
        for column, item in enumerate(cells):
            self.table.setItem(row, column, item)

    def _search(self) -> None:
        self.search_requested.emit(self.search.text())

    def chosen(self) -> CommuneSummary | None:
        """The commune of the selected row."""
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        if len(rows) != 1:
            return None
        cell = self.table.item(rows.pop(), 1)
        code = cell.text() if cell is not None else ""
        return next((c for c in self.summaries if c.code == code), None)

    def _chosen_changed(self) -> None:
        self.forget_button.setEnabled(self.chosen() is not None)

    def forget_chosen(self) -> None:
        """Ask, naming the commune and its households, then drop its data on the write lane
        (services.communes.forget_commune: a backup, one transaction, progress by table)."""
        commune = self.chosen()
        if commune is None:
            return
        title = self.tr("Remove a commune's data")
        question = self.tr(
            "Remove every hamlet, household and person of {commune} ({code}):"
            " {households} households, {people} people, from this register?\n\n"
            "Do this when the commune set up a new register apart from the one merged here"
            " (its old PC is no longer used), then merge the new register's bundle. A backup"
            " copy is taken first. The removal travels with this register's next bundle: a"
            " register it is merged into removes them too."
        ).format(
            commune=commune.name,
            code=commune.code,
            households=group_thousands(commune.households),
            people=group_thousands(commune.people),
        )
        answer = QMessageBox.question(
            self,
            title,
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        code = commune.code

        def work(reg: OpenRegister, progress: Progress, cancelled: Cancelled) -> Any:
            return forget_commune(reg, code, progress, cancelled)

        self.forget_button.setEnabled(False)
        working = self.tr("Removing the data of {commune}").format(commune=commune.name)
        self._tasks.submit(Task(working, work, self._forgotten, self._forget_refused))

    def _forgotten(self, done: CommuneForgotten) -> None:
        self._chosen_changed()
        if done.cancelled:
            return
        self.status_message.emit(
            self.tr("Removed the data of {commune}: {households} households").format(
                commune=done.held.name, households=group_thousands(done.households)
            ),
            15000,
        )
        self.refresh()

    def _forget_refused(self, error: KnownError) -> None:
        self._chosen_changed()
        QMessageBox.warning(self, self.tr("Remove a commune's data"), describe(error))
