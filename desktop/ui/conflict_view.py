"""The conflicts to review: the list, one conflict field by field (keep current, keep other,
or combine the chosen fields), and household codes two PCs gave alike."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from desktop.domain.errors import KnownError
from desktop.domain.long_work import Cancelled, Progress
from desktop.domain.movements import MovementKind
from desktop.domain.pledges import PledgeStatus
from desktop.messages import describe, field_label
from desktop.services.conflicts import (
    Conflict,
    code_clashes,
    combine,
    keep_version,
    open_conflicts,
    referenced_name,
)
from desktop.services.half_deleted import (
    HalfDeleted,
    HalfDeletedKind,
    finish_deletion,
    half_deleted_households,
    restore_half_deleted,
)
from desktop.services.register import OpenRegister
from desktop.ui.exchange_log import commune_names
from desktop.ui.household_history import local_time, shown_value
from desktop.ui.ledger_model import kind_name
from desktop.ui.progress_model import status_words
from desktop.ui.tasks import Task, TaskRunner

# QT_TRANSLATE_NOOP is typed as returning object; it returns the source string.
TABLE_NAMES: dict[str, Any] = {
    "commune": QT_TRANSLATE_NOOP("Exchange", "Commune"),
    "hamlet": QT_TRANSLATE_NOOP("Exchange", "Hamlet"),
    "household": QT_TRANSLATE_NOOP("Exchange", "Household"),
    "person": QT_TRANSLATE_NOOP("Exchange", "Member"),
    "relative_abroad": QT_TRANSLATE_NOOP("Exchange", "Relative abroad"),
    "pledge_template": QT_TRANSLATE_NOOP("Exchange", "Pledge template"),
    "campaign": QT_TRANSLATE_NOOP("Exchange", "Campaign"),
    "pledge": QT_TRANSLATE_NOOP("Exchange", "Pledge"),
    "attachment": QT_TRANSLATE_NOOP("Exchange", "Attachment"),
    "movement": QT_TRANSLATE_NOOP("Exchange", "Movement"),
    "tip": QT_TRANSLATE_NOOP("Exchange", "Tip"),
    "tip_person": QT_TRANSLATE_NOOP("Exchange", "Person in a tip"),
}
EXTRA_FIELDS: dict[str, Any] = {
    "deleted": QT_TRANSLATE_NOOP("Exchange", "Deleted"),
    "title": QT_TRANSLATE_NOOP("Exchange", "Title"),
    "status": QT_TRANSLATE_NOOP("Exchange", "Status"),
}


def table_name(table: str) -> str:
    if table not in TABLE_NAMES:
        return table
    return QCoreApplication.translate("Exchange", TABLE_NAMES[table])


def field_name(field: str) -> str:
    if field in EXTRA_FIELDS:
        return QCoreApplication.translate("Exchange", EXTRA_FIELDS[field])
    return field_label(field)


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def precise_text(value: Any) -> str:
    """A value whose words (value_text) read as another's: a moment to the second in the
    computer's time zone, anything else as it is stored."""
    if isinstance(value, str) and _ISO_MOMENT.match(value):
        try:
            moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone()
        except ValueError:
            return value
        return moment.strftime("%d/%m/%Y %H:%M:%S")
    return "—" if value is None else str(value)


def value_text(db: Database, field: str, value: Any, table: str = "") -> str:
    """A value of a row of ``table`` as a clerk reads it: another row by its name, a pledge's
    state or a movement's kind in words, a day as DD/MM/YYYY."""
    named = referenced_name(db, field, value)
    if named is not None:
        return named
    if table == "pledge" and field == "status" and value in set(PledgeStatus):
        return status_words()[PledgeStatus(value)]
    if table == "movement" and field == "kind" and value in set(MovementKind):
        return kind_name(MovementKind(value))
    if field != "birth" and isinstance(value, str) and _ISO_DAY.fullmatch(value):
        try:
            return dt.date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:  # 2020-02-30: no day, shown as it is stored (as precise_text)
            return value
    if isinstance(value, str) and _ISO_MOMENT.match(value):  # when printed, handed over…
        try:
            return local_time(value)  # as `camket conflicts` words it, not "…T00:13:15Z"
        except ValueError:
            return value
    return shown_value(field, value)


class ConflictsView(QWidget):
    """Settling goes through the task lane (one writer); ``settled`` says a conflict is gone
    and rows changed; ``open_household`` asks the window to show a household (to rename it)."""

    status_message = Signal(str, int)
    settled = Signal()
    open_household = Signal(str)

    def __init__(
        self,
        register: OpenRegister,
        tasks: TaskRunner,
        *,
        can_rename: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.register, self.tasks = register, tasks
        self.conflicts: list[Conflict] = []
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Conflicts to review"))
        self.list.currentRowChanged.connect(self._show)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.fields = QTableWidget(0, 3)
        self.fields.setAccessibleName(self.tr("Fields that differ"))
        self.fields.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Current version (shown now)"), self.tr("Other version")]
        )
        self.fields.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.fields.setTabKeyNavigation(False)  # Tab goes on to the next control, not the next cell
        self.fields.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.fields.verticalHeader().hide()
        self.fields.setColumnWidth(0, 130)
        header = self.fields.horizontalHeader()
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.choices: list[tuple[str, QButtonGroup]] = []
        self.keep_current = QPushButton(self.tr("Keep current"))
        self.keep_other = QPushButton(self.tr("Keep other"))
        self.combine_button = QPushButton(self.tr("Combine the chosen fields"))
        self.keep_current.clicked.connect(lambda: self.settle("current"))
        self.keep_other.clicked.connect(lambda: self.settle("other"))
        self.combine_button.clicked.connect(lambda: self.settle("combine"))
        buttons = QHBoxLayout()
        for button in (self.keep_current, self.keep_other, self.combine_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        # Room from the list's pane: its title and the heading read as one sentence with
        # only the splitter's handle between them.
        detail_layout.setContentsMargins(12, 0, 0, 0)
        detail_layout.addWidget(self.heading)
        detail_layout.addWidget(self.fields, stretch=1)
        detail_layout.addLayout(buttons)

        self.can_rename = can_rename
        self.clashes = QListWidget()
        self.clashes.setAccessibleName(self.tr("Household codes given twice"))
        self.clashes.itemActivated.connect(self._open_clash)
        self.open_clash_button = QPushButton(
            self.tr("Open the household to rename it")
            if can_rename
            else self.tr("Open the household")
        )
        self.open_clash_button.clicked.connect(lambda: self._open_clash(self.clashes.currentItem()))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("Conflicts (two PCs changed the same row):")))
        left_layout.addWidget(self.list, stretch=2)
        self.clash_label = QLabel(self.tr("Household codes given twice:"))
        left_layout.addWidget(self.clash_label)
        left_layout.addWidget(self.clashes, stretch=1)
        left_layout.addWidget(self.open_clash_button)
        self._build_halves(left_layout)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.refresh()

    def refresh(self) -> None:
        chosen = self.current.id if self.current is not None else None
        self.conflicts = open_conflicts(self.register.db)
        self.list.blockSignals(True)
        self.list.clear()
        for conflict in self.conflicts:
            item = QListWidgetItem(f"{table_name(conflict.table)} {conflict.label}")
            item.setToolTip(conflict.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        ids = [c.id for c in self.conflicts]
        self.list.setCurrentRow(ids.index(chosen) if chosen in ids else (0 if ids else -1))
        self._show(self.list.currentRow())
        self.clashes.clear()
        for commune, code, household_ids in code_clashes(self.register.db):
            for number, household_id in enumerate(household_ids, start=1):
                text = self.tr("{code} ({number} of {count}), {commune}").format(
                    code=code,
                    number=number,
                    count=len(household_ids),
                    commune=commune_names(commune),
                )
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, household_id)
                self.clashes.addItem(item)
        has_clashes = self.clashes.count() > 0
        for widget in (self.clash_label, self.clashes, self.open_clash_button):
            widget.setVisible(has_clashes)
        self._refresh_halves()

    def select(self, conflict_id: str) -> None:
        """Show this conflict (read again first: it may have come with the last merge)."""
        self.refresh()
        ids = [c.id for c in self.conflicts]
        if conflict_id in ids:
            self.list.setCurrentRow(ids.index(conflict_id))

    @property
    def current(self) -> Conflict | None:
        row = self.list.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def _show(self, row: int) -> None:
        conflict = self.conflicts[row] if 0 <= row < len(self.conflicts) else None
        for button in (self.keep_current, self.keep_other, self.combine_button):
            button.setEnabled(conflict is not None)
        for _field, shown in self.choices:  # the table's earlier rows: no group outlives them
            shown.deleteLater()
        self.choices = []
        if conflict is None:
            self.heading.setText(self.tr("No conflict is waiting."))
            self.fields.setRowCount(0)
            return
        self.heading.setText(
            self.tr(
                "{what} {label}: changed on two PCs since they last met. Every PC shows the "
                "current version; choose, field by field, what to keep."
            ).format(what=table_name(conflict.table), label=conflict.label)
        )
        # Versions of the same values are settled without a person (domain.versions): a
        # conflict shown always differs somewhere.
        differences = conflict.differences()
        self.fields.setRowCount(len(differences))
        db = self.register.db
        for line, (field, current, other) in enumerate(differences):
            self.fields.setItem(line, 0, QTableWidgetItem(field_name(field)))
            group = QButtonGroup(self.fields)
            texts = [value_text(db, field, value, conflict.table) for value in (current, other)]
            if texts[0] == texts[1]:  # two prints within one minute: the seconds tell them apart
                texts = [precise_text(value) for value in (current, other)]
            for column, text in ((1, texts[0]), (2, texts[1])):
                radio = QRadioButton(text)
                radio.setToolTip(radio.text())
                group.addButton(radio, column)
                self.fields.setCellWidget(line, column, radio)
            group.button(1).setChecked(True)
            self.choices.append((field, group))
        self.fields.resizeRowsToContents()

    def chosen_values(self) -> dict[str, Any]:
        """The current version with each field whose "other" is chosen taken from the other."""
        conflict = self.current
        assert conflict is not None
        values = dict(conflict.current)
        for field, group in self.choices:
            if group.checkedId() == 2:
                values[field] = conflict.other.get(field)
        return values

    def settle(self, how: str) -> None:
        conflict = self.current
        if conflict is None:
            return
        values = self.chosen_values() if how == "combine" else {}

        def work(reg: OpenRegister, _progress: Progress, _cancelled: Cancelled) -> None:
            if how == "combine":
                combine(reg, conflict, values)
            else:
                keep_version(reg, conflict, how)

        for button in (self.keep_current, self.keep_other, self.combine_button):
            button.setEnabled(False)
        self.tasks.submit(
            Task(self.tr("Settling a conflict"), work, lambda _r: self._settled(), self._failed)
        )

    def _settled(self) -> None:
        self.status_message.emit(self.tr("Conflict settled."), 5000)
        self.settled.emit()

    def _failed(self, error: KnownError) -> None:
        self.status_message.emit(describe(error), 8000)
        self._show(self.list.currentRow())

    def _open_clash(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.open_household.emit(str(item.data(Qt.ItemDataRole.UserRole)))

    # Households deleted on one PC while another still worked on them (services.half_deleted).

    def _build_halves(self, layout: QVBoxLayout) -> None:
        self.halves: list[HalfDeleted] = []
        self.half_label = QLabel(
            self.tr("Households deleted on one PC while another PC still worked on them:")
        )
        self.half_label.setWordWrap(True)
        self.half_list = QListWidget()
        self.half_list.setAccessibleName(self.tr("Half-deleted households"))
        self.half_list.currentRowChanged.connect(self._show_half)
        self.half_detail = QLabel()
        self.half_detail.setWordWrap(True)
        self.restore_half = QPushButton()
        self.delete_half = QPushButton()
        self.restore_half.clicked.connect(lambda: self._settle_half("restore"))
        self.delete_half.clicked.connect(lambda: self._settle_half("delete"))
        row = QHBoxLayout()
        row.addWidget(self.restore_half)
        row.addWidget(self.delete_half)
        row.addStretch(1)
        for widget in (self.half_label, self.half_list, self.half_detail):
            layout.addWidget(widget, stretch=1 if widget is self.half_list else 0)
        layout.addLayout(row)

    def _refresh_halves(self) -> None:
        self.halves = half_deleted_households(self.register.db)
        self.half_list.blockSignals(True)
        self.half_list.clear()
        for half in self.halves:
            commune = commune_names(half.commune_code)
            if half.kind is HalfDeletedKind.DELETED_IN_USE:
                text = self.tr("{code} ({commune}) deleted, still in it: {names}").format(
                    code=half.code, commune=commune, names=", ".join(half.live_names)
                )
            else:
                text = self.tr("{code} ({commune}): every member was deleted").format(
                    code=half.code, commune=commune
                )
            self.half_list.addItem(text)
        self.half_list.blockSignals(False)
        shown = bool(self.halves)
        for widget in (self.half_label, self.half_list, self.half_detail):
            widget.setVisible(shown)
        self.half_list.setCurrentRow(0 if shown else -1)
        self._show_half(self.half_list.currentRow())

    def _show_half(self, row: int) -> None:
        half = self.halves[row] if 0 <= row < len(self.halves) else None
        answerable = half is not None and self.can_rename
        self.restore_half.setVisible(answerable)
        self.delete_half.setVisible(answerable)
        self.restore_half.setEnabled(answerable)
        self.delete_half.setEnabled(answerable)
        if half is None:
            self.half_detail.clear()
            return
        together = len(half.restorable)
        if half.kind is HalfDeletedKind.DELETED_IN_USE:
            detail = self.tr(
                "Household {code} was deleted on one PC, while another PC added or changed "
                "{names} in it. Restore the household with the {count} people deleted with "
                "it, or delete them all."
            ).format(code=half.code, names=", ".join(half.live_names), count=together)
            self.restore_half.setText(self.tr("Restore the household"))
            self.delete_half.setText(self.tr("Delete them too"))
        else:
            detail = self.tr(
                "Household {code} was kept, but the {count} people in it were deleted with "
                "it on another PC. Restore those people, or delete the household."
            ).format(code=half.code, count=together)
            self.restore_half.setText(self.tr("Restore the people"))
            self.delete_half.setText(self.tr("Delete the household"))
        if not self.can_rename:
            detail += " " + self.tr("The commune answers this on its own PC and sends it again.")
        self.half_detail.setText(detail)

    def _settle_half(self, how: str) -> None:
        row = self.half_list.currentRow()
        if not 0 <= row < len(self.halves):
            return
        half = self.halves[row]

        def work(reg: OpenRegister, _progress: Progress, _cancelled: Cancelled) -> None:
            if how == "restore":
                restore_half_deleted(reg, half)
            else:
                finish_deletion(reg, half)

        self.restore_half.setEnabled(False)
        self.delete_half.setEnabled(False)
        done = (
            self.tr("Household {code} restored.")
            if how == "restore"
            else self.tr("Household {code} deleted.")
        ).format(code=half.code)

        def finished(_result: object) -> None:
            self.status_message.emit(done, 5000)
            self.settled.emit()

        self.tasks.submit(
            Task(self.tr("Settling a half-deleted household"), work, finished, self._failed_half)
        )

    def _failed_half(self, error: KnownError) -> None:
        self.status_message.emit(describe(error), 8000)
        self._show_half(self.half_list.currentRow())
