"""The household register page: search and hamlet filter, the household list, the open household."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import KnownError
from desktop.messages import describe
from desktop.services.register import OpenRegister
from desktop.store.households import list_hamlets
from desktop.ui.household_detail import HouseholdDetail
from desktop.ui.household_model import HouseholdTableModel, group_thousands
from desktop.ui.household_search import HouseholdSearch

HINT_MS = 6000


class HouseholdPage(QWidget):
    """List with search on the left, the open household on the right (DESIGN §10)."""

    status_message = Signal(str, int)  # text, milliseconds to show it (0: until replaced)
    results_shown = Signal(int)  # a search answer reached the list: its household count

    def __init__(self, register: OpenRegister, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._register = register
        self.results_loaded = False  # True once the first answer is in the list

        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(
            self.tr("Search by name, personal ID, phone, household code…")
        )
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName(self.tr("Find households"))

        self.hamlet_combo = QComboBox()
        self.hamlet_combo.setAccessibleName(self.tr("Filter by hamlet"))
        self.hamlet_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.reload_hamlets()

        self.count_label = QLabel()
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.model = HouseholdTableModel(register.db, self)
        self.view = QTableView()
        self._setup_view()

        self.detail = HouseholdDetail(register.db)

        filters = QHBoxLayout()
        filters.addWidget(self.hamlet_combo, stretch=1)
        filters.addWidget(self.count_label)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)
        left_layout.addWidget(self.search_box)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.view, stretch=1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([560, 800])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.search = HouseholdSearch(register.path, self)
        self.search.found.connect(self._show_found)
        self.search.refused.connect(self._show_refused)
        self.search.failed.connect(self._show_failed)
        self.search_box.textChanged.connect(lambda _text: self._ask())
        self.search_box.returnPressed.connect(self._focus_list)
        self.hamlet_combo.currentIndexChanged.connect(lambda _i: self._ask(immediately=True))
        self.view.selectionModel().currentRowChanged.connect(self._show_current)
        self._ask(immediately=True)

    # --- public -------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.view.selectRow(row)
            self.view.scrollTo(self.model.index(row, 0))

    def reload_hamlets(self) -> None:
        chosen = self.hamlet_combo.currentData()
        self.hamlet_combo.blockSignals(True)
        self.hamlet_combo.clear()
        self.hamlet_combo.addItem(self.tr("All hamlets"), None)
        for hamlet in list_hamlets(self._register.db):
            self.hamlet_combo.addItem(hamlet.name, hamlet.id)
        self.hamlet_combo.setCurrentIndex(max(0, self.hamlet_combo.findData(chosen)))
        self.hamlet_combo.blockSignals(False)

    def refresh(self) -> None:
        """Read the register again (after an import): hamlets, then the list as searched."""
        self.reload_hamlets()
        self._ask(immediately=True)

    def shutdown(self) -> None:
        """Wait for a running search and close its connection (before the register closes)."""
        self.search.shutdown()

    # --- search -------------------------------------------------------------------------

    def _ask(self, *, immediately: bool = False) -> None:
        self.search.request(
            self.search_box.text(), self.hamlet_combo.currentData(), immediately=immediately
        )

    def _show_found(self, sequence: int, _query: str, ids: list[str]) -> None:
        if sequence != self.search.latest:
            return  # an older query finished late: its answer is no longer wanted
        chosen = self.detail.household_id
        self.model.set_ids(ids)
        self.count_label.setText(
            self.tr("{count} households").format(count=group_thousands(len(ids)))
        )
        row = self.model.row_of(chosen) if chosen else None
        if row is None:
            self.detail.show_household(None)
        else:
            self.select_row(row)
        self.results_loaded = True
        self.results_shown.emit(len(ids))

    def _show_refused(self, sequence: int, error: KnownError) -> None:
        if sequence == self.search.latest:
            self.status_message.emit(describe(error), HINT_MS)

    def _show_failed(self, sequence: int, detail: str) -> None:
        if sequence == self.search.latest:
            self.status_message.emit(self.tr("Search failed: {detail}").format(detail=detail), 0)

    # --- list ---------------------------------------------------------------------------

    def _setup_view(self) -> None:
        view = self.view
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.setCornerButtonEnabled(False)
        rows = view.verticalHeader()
        rows.hide()
        # Fixed heights: the view never measures rows, so a long list costs one screen.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(view.fontMetrics().height() + 8)
        columns = view.horizontalHeader()
        columns.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        columns.setHighlightSections(False)
        metrics = view.fontMetrics()

        def header(column: int) -> int:  # the headers' width depends on the language
            return metrics.horizontalAdvance(
                self.model.headerData(column, Qt.Orientation.Horizontal)
            )

        widths = {
            0: max(metrics.horizontalAdvance("NH-00000"), header(0)) + 24,
            2: max(metrics.horizontalAdvance("Bản Nậm Tăm Mông"), header(2)) + 20,
            3: header(3) + 24,
        }
        for column, width in widths.items():
            columns.resizeSection(column, width)
        # Measuring content would read every row: the head's name takes what is left.
        columns.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        scroll_bar = view.verticalScrollBar().sizeHint().width()
        head_name = metrics.horizontalAdvance("Nguyễn Thị Phương Thảo") + 12
        view.setMinimumWidth(sum(widths.values()) + head_name + scroll_bar + 4)

    def _show_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.detail.show_household(self.model.household_id(current.row()))

    def _focus_list(self) -> None:
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.view.selectionModel().hasSelection():
            self.select_row(0)
