"""The Trao đổi dữ liệu page (Ctrl+5): an upper register's communes, sending and receiving
bundles, the bundles sent and received, the conflicts to review, the list import."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from desktop.services.conflicts import code_clashes, count_conflicts
from desktop.services.half_deleted import half_deleted_households
from desktop.services.register import OpenRegister
from desktop.store import local
from desktop.store.changes import Changed
from desktop.store.replicas import bundle_records
from desktop.ui.conflict_view import ConflictsView
from desktop.ui.exchange_communes import CommunesView
from desktop.ui.exchange_log import BundleLogTable
from desktop.ui.exchange_transfer import EXPORT_KEYS, MERGE_KEYS, TransferTab
from desktop.ui.tasks import TaskRunner


class ExchangePage(QWidget):
    """Tabs: (an upper register's communes first), send and receive, the bundles, the
    conflicts. What a merge or a settled conflict wrote reaches every page through the task
    lane's notice (MainWindow): this page then reads the register again (``show_changes``)."""

    status_message = Signal(str, int)
    open_household = Signal(str)
    search_households = Signal(str)
    import_requested = Signal()
    spreadsheet_requested = Signal()  # Xuất bảng tính…: the window's SpreadsheetExport

    def __init__(
        self, register: OpenRegister, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.register = register
        self.upper = local.is_upper(register.db)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.communes: CommunesView | None = None
        if self.upper:
            self.communes = CommunesView(tasks)
            self.communes.search_requested.connect(self.search_households)
            self.communes.status_message.connect(self.status_message)
            self.tabs.addTab(self.communes, self.tr("Communes"))
        self.transfer = TransferTab(register, tasks)
        self.transfer.status_message.connect(self.status_message)
        self.transfer.exported.connect(lambda _summary: self.refresh_log())
        self.tabs.addTab(self.transfer, self.tr("Send and receive"))
        self.log = BundleLogTable(register.installation_id)
        self.tabs.addTab(self.log, self.tr("Bundles sent and received"))
        self.conflicts = ConflictsView(register, tasks, can_rename=not self.upper)
        self.conflicts.status_message.connect(self.status_message)
        self.conflicts.open_household.connect(self.open_household)
        self.tabs.addTab(self.conflicts, "")

        heading = QLabel(
            self.tr(
                "Registers meet through .camket files carried on a USB stick: send this "
                "register to the commune's other PC or the upper level, merge what they send."
            )
        )
        heading.setWordWrap(True)
        self.import_button = QPushButton(self.tr("Import a list… (Ctrl+I)"))
        self.import_button.clicked.connect(self.import_requested)
        if self.upper:  # an upper register edits no commune (shown unlaid: a window)
            self.import_button.hide()
        # Offices above that take no bundle get a spreadsheet (an upper register's too).
        self.spreadsheet_button = QPushButton(self.tr("Export a spreadsheet…"))
        self.spreadsheet_button.setToolTip(
            self.tr("A CSV or Excel file for offices that take only spreadsheets")
        )
        self.spreadsheet_button.clicked.connect(self.spreadsheet_requested)
        top = QHBoxLayout()
        top.addWidget(heading, stretch=1)
        top.addWidget(self.spreadsheet_button, alignment=Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.import_button, alignment=Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.tabs, stretch=1)
        for keys, slot in ((EXPORT_KEYS, self._export), (MERGE_KEYS, self._merge)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._stale = False  # a write came while another page was shown: read on show
        self.refresh_log()
        self._count_conflicts()

    def refresh(self) -> None:
        """Read the register again: the communes, the bundles, the conflicts."""
        if self.communes is not None:
            self.communes.refresh()
        self.refresh_log()
        self.conflicts.refresh()
        self._count_conflicts()

    def show_changes(self, _changed: Changed) -> None:
        """Read again after a write when in view, else when next shown: with thousands of
        conflicts waiting, reading them after every save or scan on another page held the
        window's thread for a second."""
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()

    def refresh_log(self) -> None:
        self.log.show_records(bundle_records(self.register.db))
        self.transfer.reload_sent()

    def show_conflicts(self) -> None:
        self.tabs.setCurrentWidget(self.conflicts)

    def show_conflict(self, conflict_id: str) -> None:
        """The conflicts tab with this one shown field by field."""
        self.show_conflicts()
        self.conflicts.select(conflict_id)

    def _count_conflicts(self) -> None:
        db = self.register.db
        waiting = count_conflicts(db) + len(code_clashes(db)) + len(half_deleted_households(db))
        index = self.tabs.indexOf(self.conflicts)
        self.tabs.setTabText(
            index,
            self.tr("Conflicts ({count})").format(count=waiting)
            if waiting
            else self.tr("Conflicts"),
        )

    def _export(self) -> None:
        self.tabs.setCurrentWidget(self.transfer)
        self.transfer.choose_export()

    def _merge(self) -> None:
        self.tabs.setCurrentWidget(self.transfer)
        self.transfer.choose_merge()
