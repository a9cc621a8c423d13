"""The change history of one household (who, when, what), read from the audit table."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.entities import BirthDate
from desktop.domain.errors import KnownError
from desktop.messages import field_label
from desktop.services.history import Change, HistoryEntry, household_history
from desktop.services.register import OpenRegister
from desktop.store.households import get_household
from desktop.ui.list_focus import show_current_row
from desktop.ui.roster_model import CHOICES, choice_label


def local_time(at: str) -> str:
    """'23/11/2026 14:05' in the computer's time zone, from the stored UTC time."""
    moment = dt.datetime.fromisoformat(at.replace("Z", "+00:00")).astimezone()
    return moment.strftime("%d/%m/%Y %H:%M")


def shown_value(field: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if field in CHOICES:
        return choice_label(field, str(value))
    if field == "birth":
        try:
            return BirthDate.from_iso(str(value)).display()
        except ValueError:
            return str(value)
    if field == "position":
        return str(int(value) + 1)
    if field in ("deleted", "is_border"):
        return "✓" if value else "—"
    return str(value)


class HistoryDialog(QDialog):
    """Newest change first; one row per audited change, what it changed in Vietnamese."""

    def __init__(
        self, register: OpenRegister, household_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._register = register
        entries = household_history(register.db, household_id)
        code = next((e.subject for e in reversed(entries) if e.entity == "household"), "")
        if not code:  # nothing recorded yet (sample data, a list written in bulk)
            try:
                code = get_household(register.db, household_id).code
            except KnownError:  # deleted meanwhile: the title without its code
                code = ""
        self.setWindowTitle(self.tr("History of household {code}").format(code=code))
        self.table = QTableWidget(len(entries), 3)
        self.table.setHorizontalHeaderLabels([self.tr("When"), self.tr("Who"), self.tr("What")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the next control, not the next cell
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        show_current_row(self.table)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        for row, entry in enumerate(entries):
            for column, text in enumerate(
                (local_time(entry.at), self.who(entry.actor), self.what(entry))
            ):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.empty = QLabel(self.tr("No change has been recorded for this household yet."))
        if entries:  # (hidden, never shown here: unlaid, it would open as a window)
            self.empty.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(900, 520)

    def lines(self) -> list[tuple[str, str, str]]:
        """What the table shows, row by row (for tests and copying)."""

        def text(row: int, column: int) -> str:
            item = self.table.item(row, column)
            return item.text() if item is not None else ""

        return [(text(r, 0), text(r, 1), text(r, 2)) for r in range(self.table.rowCount())]

    def who(self, actor: str) -> str:
        commune = self._register.commune
        if actor == self._register.installation_id:
            return commune.clerk_name or self.tr("this computer")
        return self.tr("another computer ({id})").format(id=actor[:8])

    def what(self, entry: HistoryEntry) -> str:
        name = entry.subject
        if entry.action == "move":
            return self.tr("{name} moved from household {old} to household {new}").format(
                name=name, old=entry.moved_from, new=entry.moved_to
            )
        if entry.action == "shorten_to_send":  # the line after the cut (export_repairs)
            return self.tr(
                "{name}: cut by CamKet to what a bundle carries, before an export"
            ).format(name=name)
        if entry.action == "repair_to_send":  # a value no one could read, made readable
            return self.tr(
                "{name}: a value CamKet could not read made readable, before an export"
            ).format(name=name)
        templates = {
            ("household", "insert"): self.tr("Household {name} created"),
            ("household", "delete"): self.tr("Household {name} deleted"),
            ("household", "restore"): self.tr("Household {name} restored"),
            ("household", "update"): self.tr("Household {name}: {changes}"),
            ("person", "insert"): self.tr("Member {name} added"),
            ("person", "delete"): self.tr("Member {name} removed"),
            ("person", "restore"): self.tr("Member {name} restored"),
            ("person", "update"): self.tr("{name}: {changes}"),
            ("relative_abroad", "insert"): self.tr("Relative abroad {name} added"),
            ("relative_abroad", "delete"): self.tr("Relative abroad {name} removed"),
            ("relative_abroad", "restore"): self.tr("Relative abroad {name} restored"),
            ("relative_abroad", "update"): self.tr("Relative abroad {name}: {changes}"),
        }
        template = templates.get((entry.entity, entry.action), "{name}: {changes}")
        what = template.format(name=name, changes=self.changes(entry.changes))
        if entry.members or entry.relatives:
            what += " " + self.tr("(with {members} members, {relatives} relatives abroad)").format(
                members=entry.members, relatives=entry.relatives
            )
        return what

    @staticmethod
    def changes(changes: tuple[Change, ...]) -> str:
        return "; ".join(
            f"{field_label(c.field)}: "
            f"{shown_value(c.field, c.before)} → {shown_value(c.field, c.after)}"
            for c in changes
        )
