"""The bundles a register sent and received as a table, and how one export or merge reads."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from desktop.messages import describe
from desktop.services.bundles import ExportSummary
from desktop.services.merge import MergeResult
from desktop.store.admin_units import find_commune
from desktop.store.replicas import BundleRecord
from desktop.ui.household_history import local_time
from desktop.ui.numbers import group_thousands


def commune_names(codes: str | list[str]) -> str:
    """'Sìn Hồ, Bình Lư' for '03478 03390' (a code not in the official list as it is)."""
    names = []
    for code in codes.split() if isinstance(codes, str) else codes:
        unit = find_commune(code)
        names.append(unit.short_name if unit else code)
    return ", ".join(names)


def merge_counts(new: int, updated: int, unchanged: int, conflicts: int) -> str:
    return QCoreApplication.translate(
        "Exchange", "{new} new, {updated} updated, {unchanged} unchanged, {conflicts} conflicts"
    ).format(
        new=group_thousands(new),
        updated=group_thousands(updated),
        unchanged=group_thousands(unchanged),
        conflicts=group_thousands(conflicts),
    )


def merge_outcome(result: MergeResult) -> str:
    """What one bundle did: its counts, the reason it was refused, or stopped."""
    if result.refused is not None:
        return QCoreApplication.translate("Exchange", "Refused: {reason}").format(
            reason=describe(result.refused)
        )
    if result.cancelled:
        return QCoreApplication.translate("Exchange", "Stopped: nothing was merged from it")
    text = merge_counts(*(result.total(w) for w in ("new", "updated", "unchanged", "conflicts")))
    if result.sample:
        text += QCoreApplication.translate(
            "Exchange",
            ". It was sample data (made up): this register is now marked as holding sample data"
            " (to undo, restore the backup made before the merge).",
        )
    if result.hamlets_typed_twice:
        text += QCoreApplication.translate(
            "Exchange",
            ". Hamlets of this register with no household that the file brought again (typed"
            " twice when this PC was set up) were removed, the file's kept: {names}.",
        ).format(names=", ".join(result.hamlets_typed_twice))
    return text


def export_outcome(summary: ExportSummary) -> str:
    if summary.kind == "incremental":
        text = QCoreApplication.translate("Exchange", "Wrote the changes ({rows} rows) to {path}")
    else:
        text = QCoreApplication.translate(
            "Exchange", "Wrote the whole register ({rows} rows) to {path}"
        )
    text = text.format(rows=group_thousands(summary.total), path=summary.path)
    if summary.encrypted:
        text += QCoreApplication.translate("Exchange", ", encrypted for the receiver")
    if summary.sample:
        text += QCoreApplication.translate(
            "Exchange",
            ". This is sample data (made up): only a sample register or an upper-level one "
            "takes the file, a real commune register refuses it.",
        )
    return text


def record_summary(record: BundleRecord) -> str:
    s = record.summary
    if record.direction == "received":
        return merge_counts(
            *(int(s.get(w, 0)) for w in ("new", "updated", "unchanged", "conflicts"))
        )
    rows = group_thousands(sum(int(n) for n in dict(s.get("rows", {})).values()))
    if s.get("kind") == "incremental":
        text = QCoreApplication.translate("Exchange", "changes, {rows} rows").format(rows=rows)
    else:
        text = QCoreApplication.translate("Exchange", "whole register, {rows} rows").format(
            rows=rows
        )
    if s.get("encrypted"):
        text += QCoreApplication.translate("Exchange", ", encrypted")
    return text


class BundleLogTable(QTableWidget):
    """When, sent or received, the file, from which installation, the communes, the summary."""

    def __init__(self, this_installation: str) -> None:
        super().__init__(0, 6)
        self._this = this_installation
        self.setHorizontalHeaderLabels(
            [
                self.tr("When"),
                self.tr("Direction"),
                self.tr("File"),
                self.tr("From installation"),
                self.tr("Communes"),
                self.tr("Summary"),
            ]
        )
        self.setAccessibleName(self.tr("Bundles sent and received"))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab goes on to the next control, not the next cell
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((124, 64, 190, 110, 130)):
            self.setColumnWidth(column, width)

    def show_records(self, records: list[BundleRecord]) -> None:
        self.setRowCount(len(records))
        for row, record in enumerate(records):
            sent = record.direction == "sent"
            source = (
                self.tr("this PC")
                if record.installation_id == self._this
                else record.installation_id[:8]
            )
            cells = (
                local_time(record.at),
                self.tr("Sent") if sent else self.tr("Received"),
                record.file_name,
                source,
                commune_names(record.commune_codes),
                record_summary(record),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(record.installation_id if column == 3 else text)
                if column == 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.setItem(row, column, item)
