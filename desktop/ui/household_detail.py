"""The open household, right of the list: its particulars, members and relatives abroad."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractItemModel, QSize, Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from desktop.domain.errors import KnownError
from desktop.domain.movements import GONE
from desktop.services import ledger
from desktop.store.households import get_household, members, relatives_abroad
from desktop.store.movements import LedgerFilter, movement_ids
from desktop.store.places import hamlet_labels
from desktop.ui.column_fit import hide_to_fit
from desktop.ui.household_model import RelativeTableModel, group_thousands
from desktop.ui.ledger_model import LedgerTableModel, PresenceMemberModel
from desktop.ui.list_focus import show_current_row


def plain_label(text: str = "") -> QLabel:
    """A label that shows data as typed (never as HTML) and lets the clerk copy it."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class CompactTable(QTableView):
    """A read-only table as tall as its few rows; past SHOWN_ROWS it scrolls.

    The hints are capped so a household of sixty members never makes the window taller than
    a 1366×768 screen: the table asks for at most SHOWN_ROWS rows and needs only MIN_ROWS.
    """

    SHOWN_ROWS = 12
    MIN_ROWS = 4

    def __init__(self) -> None:
        super().__init__()
        # The columns' widths as measured and those hidden first when the panel is too narrow
        # for all (column_fit): a 1024 px screen scrolled the members sideways.
        self.wanted: dict[int, int] = {}
        self.drop_order: tuple[int, ...] = ()
        self.kept_hidden: frozenset[int] = frozenset()  # never shown in this table

    def fit_columns(self) -> None:
        """Every column as wide as its contents, then those the width cannot hold hidden."""
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in self.drop_order:
            self.setColumnHidden(column, False)
        self.resizeColumnsToContents()
        self.wanted = {
            column: header.sectionSize(column) + 12
            for column in range(header.count())
            if column not in self.kept_hidden
        }
        for column, width in self.wanted.items():
            header.resizeSection(column, width)
        hide_to_fit(self, self.wanted, self.drop_order, squeeze=0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.wanted:
            hide_to_fit(self, self.wanted, self.drop_order, squeeze=0)

    def _height_for(self, rows: int | None) -> int:
        height = self.horizontalHeader().sizeHint().height() + 2 * self.frameWidth()
        if rows is None:
            height += self.verticalHeader().length()
        else:
            height += rows * self.verticalHeader().defaultSectionSize()
        if self.horizontalScrollBar().isVisible():
            height += self.horizontalScrollBar().sizeHint().height()
        return height

    def is_long(self) -> bool:
        model = self.model()
        return model is not None and model.rowCount() > self.SHOWN_ROWS

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        full = self._height_for(None)
        return QSize(hint.width(), min(full, self._height_for(self.SHOWN_ROWS)))

    def minimumSizeHint(self) -> QSize:
        full = self._height_for(None)
        return QSize(super().minimumSizeHint().width(), min(full, self._height_for(self.MIN_ROWS)))


def read_only_table(model: QAbstractItemModel) -> CompactTable:
    view = CompactTable()
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)  # Tab goes on to the next control, not the next cell
    show_current_row(view)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    rows = view.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setStretchLastSection(True)
    view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
    view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
    return view


def section_title(text: str) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label


class HouseholdDetail(QStackedWidget):
    """Shows one household read-only, or a hint when none is chosen."""

    household_shown = Signal(object)  # the id of the household now shown, or None

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.household_id: str | None = None

        self.empty_hint = QLabel(self.tr("Select a household in the list to see its details."))
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setEnabled(False)
        self.addWidget(self.empty_hint)

        self.title = plain_label()
        title_font = QFont(self.title.font())
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.4)
        self.title.setFont(title_font)
        self.head = plain_label()
        self.hamlet = plain_label()
        self.address = plain_label()
        self.phone = plain_label()
        self.notes = plain_label()

        fields = QFormLayout()
        fields.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        fields.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        fields.addRow(self.tr("Head of household:"), self.head)
        fields.addRow(self.tr("Hamlet:"), self.hamlet)
        fields.addRow(self.tr("Address:"), self.address)
        fields.addRow(self.tr("Phone:"), self.phone)
        fields.addRow(self.tr("Notes:"), self.notes)
        self._fields = fields

        self.member_model = PresenceMemberModel(self)  # with each one's presence now
        self.member_title = section_title("")
        self.member_view = read_only_table(self.member_model)

        self.relative_model = RelativeTableModel(self)
        self.relative_title = section_title("")
        self.relative_view = read_only_table(self.relative_model)

        self.movement_model = LedgerTableModel(db, self)  # the household's timeline
        self.movement_title = section_title("")
        self.movement_view = read_only_table(self.movement_model)
        self.movement_view.hideColumn(2)  # the household: this one
        self.movement_view.hideColumn(3)  # its hamlet
        self.movement_view.kept_hidden = frozenset({2, 3})
        # Hidden first on a narrow panel: a member's ethnicity, residence, gender, relationship;
        # a relative's contact, plans and departure; a movement's end, reason and place.
        self.member_view.drop_order = (6, 7, 2, 5)
        self.relative_view.drop_order = tuple(range(self.relative_model.columnCount() - 1, 1, -1))
        self.movement_view.drop_order = (6, 8, 7)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.addWidget(self.title)
        layout.addLayout(fields)
        layout.addSpacing(6)
        layout.addWidget(self.member_title)
        layout.addWidget(self.member_view)
        layout.addSpacing(6)
        layout.addWidget(self.relative_title)
        layout.addWidget(self.relative_view)
        layout.addSpacing(6)
        layout.addWidget(self.movement_title)
        layout.addWidget(self.movement_view)
        layout.addStretch(1)
        self.addWidget(page)
        self._page = page
        self._layout = layout

    def show_household(self, household_id: str | None) -> None:
        """Load and show a household (None, or one deleted meanwhile, shows the hint)."""
        if household_id is None:
            self._clear()
            return
        try:
            household = get_household(self._db, household_id)
        except KnownError:
            self._clear()
            return
        people = members(self._db, household_id)
        relatives = relatives_abroad(self._db, household_id)
        hamlets = hamlet_labels(self._db)  # with its commune in an upper-level register
        head = next((p for p in people if p.id == household.head_id), None)

        self.household_id = household_id
        self.title.setText(self.tr("Household {code}").format(code=household.code))
        self.head.setText(head.full_name if head else "—")
        self.hamlet.setText(hamlets.get(household.hamlet_id, ""))
        self.address.setText(household.address or "—")
        self.phone.setText(household.phone or "—")
        self.notes.setText(household.notes)
        self._fields.setRowVisible(self.notes, bool(household.notes))

        self.member_model.presence = ledger.presence(
            self._db, [p.id for p in people], dt.date.today()
        )
        self.member_model.set_records(people)
        gone = sum(1 for p in self.member_model.presence.values() if p in GONE)
        living = group_thousands(len(people) - gone)
        self.member_title.setText(
            self.tr("Members ({count}; {gone} dead or moved out, in grey)").format(
                count=living, gone=gone
            )
            if gone
            else self.tr("Members ({count})").format(count=living)
        )
        self._fit_columns(self.member_view)
        self._let_grow(self.member_view)

        self.relative_model.set_records(relatives)
        self.relative_title.setText(
            self.tr("Relatives abroad ({count})").format(count=len(relatives))
        )
        self.relative_title.setVisible(bool(relatives))
        self.relative_view.setVisible(bool(relatives))
        self._fit_columns(self.relative_view)
        self._let_grow(self.relative_view)

        moves = movement_ids(self._db, LedgerFilter(household_id=household_id))
        self.movement_model.set_ids(moves)
        self.movement_title.setText(
            self.tr("Movements ({count})").format(count=group_thousands(len(moves)))
        )
        self.movement_title.setVisible(bool(moves))
        self.movement_view.setVisible(bool(moves))
        self._fit_columns(self.movement_view)
        self._let_grow(self.movement_view)
        self.setCurrentWidget(self._page)
        self.household_shown.emit(household_id)

    def _let_grow(self, view: CompactTable) -> None:
        """A long table takes the panel's spare height (and scrolls); a short one stays as
        tall as its rows, with the spare height below the tables."""
        long = view.is_long()
        policy = QSizePolicy.Policy.Expanding if long else QSizePolicy.Policy.Maximum
        view.setSizePolicy(QSizePolicy.Policy.Expanding, policy)
        self._layout.setStretchFactor(view, 1 if long else 0)
        views = (self.member_view, self.relative_view, self.movement_view)
        any_long = any(v.is_long() for v in views)
        self._layout.setStretch(self._layout.count() - 1, 0 if any_long else 1)
        view.updateGeometry()

    def _clear(self) -> None:
        self.household_id = None
        self.member_model.set_records([])
        self.relative_model.set_records([])
        self.movement_model.set_ids([])
        self.setCurrentWidget(self.empty_hint)
        self.household_shown.emit(None)

    @staticmethod
    def _fit_columns(view: CompactTable) -> None:
        # A household has a handful of rows, so measuring every cell is cheap here.
        view.fit_columns()

    def select_person(self, person_id: str) -> None:
        """Select a member's row (the person a duplicate warning named)."""
        for row in range(self.member_model.rowCount()):
            if self.member_model.record(row).id == person_id:
                self.member_view.selectRow(row)
                self.member_view.scrollTo(self.member_model.index(row, 0))


class HouseholdDialog(QDialog):
    """Another household, read-only, beside the editor (a duplicate warning's person)."""

    def __init__(
        self, db: Database, household_id: str, person_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.detail = HouseholdDetail(db, self)
        self.detail.show_household(household_id)
        self.detail.select_person(person_id)
        self.setWindowTitle(self.detail.title.text())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.detail)
        layout.addWidget(buttons)
        self.resize(760, 420)
