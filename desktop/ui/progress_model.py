"""Table models of the pledge dashboard: progress per hamlet (with bars) and unsigned households."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
)
from PySide6.QtWidgets import QStyledItemDelegate

from desktop.ui.numbers import format_percent, group_thousands
from desktop.ui.qt_values import (
    ALIGN_RIGHT_MIDDLE,
    DISPLAY_ROLE,
    FONT_ROLE,
    TEXT_ALIGNMENT_ROLE,
    TOOL_TIP_ROLE,
    USER_ROLE,
)

if TYPE_CHECKING:
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QStyleOptionViewItem

    from desktop.domain.pledges import HamletProgress, PledgeStatus
    from desktop.services.register import OpenRegister
    from desktop.store.pledges import UnsignedHousehold

AnyIndex = QModelIndex | QPersistentModelIndex
PERCENT_ROLE = USER_ROLE + 1  # float 0–100 toward the target, for the bar
HAMLET_ID_ROLE = USER_ROLE + 2


def status_words() -> dict[PledgeStatus, str]:
    """How each state of a pledge reads in the window."""
    from desktop.domain.pledges import PledgeStatus

    return {
        PledgeStatus.NOT_PRINTED: QCoreApplication.translate("PledgeStatus", "Not printed"),
        PledgeStatus.PRINTED: QCoreApplication.translate("PledgeStatus", "Printed, not back"),
        PledgeStatus.SIGNED: QCoreApplication.translate("PledgeStatus", "Signed"),
        PledgeStatus.REFUSED: QCoreApplication.translate("PledgeStatus", "Refused"),
        PledgeStatus.ABSENT: QCoreApplication.translate("PledgeStatus", "Absent"),
    }


class ProgressModel(QAbstractTableModel):
    """One row per hamlet and a last row with the commune's total, under titles its view
    holds (qt_values.show_column_titles: Tổng quan paints them without asking Python)."""

    COUNTS = ("households", "signed", "refused", "absent", "printed", "not_printed")
    PROGRESS_COLUMN = 1 + len(COUNTS)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[HamletProgress] = []
        self.total: HamletProgress | None = None
        self._headers = [
            self.tr("Hamlet"),
            self.tr("Households"),
            self.tr("Signed"),
            self.tr("Refused"),
            self.tr("Absent"),
            self.tr("Printed, not back"),
            self.tr("Not printed"),
            self.tr("Signed / target"),
        ]

    def set_rows(self, rows: list[HamletProgress], total_name: str = "") -> None:
        """The hamlets' rows and their total, named ``total_name`` (total_name() says it;
        by default the whole commune)."""
        self.beginResetModel()
        self.rows = list(rows)
        # The pledges' domain is not imported to paint Tổng quan before its counts come in.
        from desktop.domain.pledges import total_progress

        self.total = total_progress(self.rows, total_name or self.tr("Whole commune"))
        self.endResetModel()

    def clear(self) -> None:
        """No rows at all, not even a total: no campaign is current (a row of zeros would
        read as a campaign nobody signed)."""
        self.beginResetModel()
        self.rows, self.total = [], None
        self.endResetModel()

    def progress_at(self, row: int) -> HamletProgress | None:
        if 0 <= row < len(self.rows):
            return self.rows[row]
        if row == len(self.rows):
            return self.total
        return None

    def row_of(self, hamlet_id: str) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r.hamlet_id == hamlet_id), None)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.total is None:
            return 0
        return len(self.rows) + 1

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def column_titles(self) -> list[str]:
        """The columns' titles as the header shows them."""
        return list(self._headers)

    def data(self, index: AnyIndex, role: int = DISPLAY_ROLE) -> Any:
        if not index.isValid():
            return None
        progress = self.progress_at(index.row())
        if progress is None:
            return None
        column = index.column()
        if role == DISPLAY_ROLE:
            if column == 0:
                return progress.hamlet_name
            if column == self.PROGRESS_COLUMN:
                return self.tr("{percent} % of {target} %").format(
                    percent=format_percent(progress.percent), target=progress.target_percent
                )
            return group_thousands(getattr(progress, self.COUNTS[column - 1]))
        if role == TOOL_TIP_ROLE and column == 0:  # a long name may be cut in its column
            return progress.hamlet_name
        if role == PERCENT_ROLE and column == self.PROGRESS_COLUMN:
            return progress.percent_of_target
        if role == HAMLET_ID_ROLE:
            return progress.hamlet_id
        if role == TEXT_ALIGNMENT_ROLE and 0 < column < self.PROGRESS_COLUMN:
            return ALIGN_RIGHT_MIDDLE
        if role == FONT_ROLE and progress is self.total:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        return None


def total_name(register: OpenRegister) -> str:
    """What the total row of a register's progress is called: the whole commune; in an
    upper-level register all its communes, or the name of the only one it holds."""
    if register.writer.edits_communes:
        return QCoreApplication.translate("ProgressModel", "Whole commune")
    from desktop.services import progress

    name = progress.total_name(register)
    if name == progress.ALL_COMMUNES:
        return QCoreApplication.translate("ProgressModel", "All communes")
    return name


class TitledProgressModel(ProgressModel):
    """The same rows, giving their titles to any view (``headerData``): the Cam kết page's.
    (Its tr() finds ProgressModel's translations: PySide looks along the class's bases.)"""

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = DISPLAY_ROLE
    ) -> Any:
        from PySide6.QtCore import Qt  # made by now: Qt passed ``orientation``

        if orientation == Qt.Orientation.Horizontal and role == DISPLAY_ROLE:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None


class ProgressBarDelegate(QStyledItemDelegate):
    """Draws the progress column as a bar toward the target, with its text on it."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        percent = index.data(PERCENT_ROLE)
        if percent is None:
            super().paint(painter, option, index)
            return
        # Imported when a bar is first drawn, once the counts are in: QStyle's Python side
        # (its dozen enums) cost ~10 ms of the window's first paint, which draws no bar.
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QColor, QPalette
        from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionProgressBar

        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
        bar = QStyleOptionProgressBar()
        rect: QRect = option.rect.adjusted(4, 3, -4, -3)
        bar.rect = rect
        bar.minimum = 0
        bar.maximum = 1000
        bar.progress = round(percent * 10)
        bar.text = str(index.data(DISPLAY_ROLE))
        bar.textVisible = True
        bar.textAlignment = Qt.AlignmentFlag.AlignCenter
        bar.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Horizontal
        bar.palette = QPalette(option.palette)
        if percent >= 100:
            bar.palette.setColor(QPalette.ColorRole.Highlight, QColor(46, 139, 87))
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, widget)


class UnsignedModel(QAbstractTableModel):
    """The households of a hamlet that have not signed: code, head, address, state, reason,
    hamlet."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[UnsignedHousehold] = []
        self._headers = [
            self.tr("Code"),
            self.tr("Household head"),
            self.tr("Address"),
            self.tr("State"),
            self.tr("Reason"),
            self.tr("Hamlet"),
        ]
        self._status_text = status_words()
        self._hamlets: dict[str, str] = {}

    def set_rows(
        self, rows: list[UnsignedHousehold], hamlets: dict[str, str] | None = None
    ) -> None:
        """The households and how their hamlets read (store.places.hamlet_labels: with
        the commune in an upper-level register, whose communes' codes may repeat)."""
        self.beginResetModel()
        self.rows = list(rows)
        self._hamlets = hamlets or {}
        self.endResetModel()

    def status_text(self, status: PledgeStatus) -> str:
        return self._status_text[status]

    def household_id(self, row: int) -> str | None:
        return self.rows[row].household_id if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = DISPLAY_ROLE
    ) -> Any:
        from PySide6.QtCore import Qt  # made by now: Qt passed ``orientation``

        if orientation == Qt.Orientation.Horizontal and role == DISPLAY_ROLE:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None

    def data(self, index: AnyIndex, role: int = DISPLAY_ROLE) -> Any:
        if not index.isValid() or role != DISPLAY_ROLE:
            return None
        row = self.rows[index.row()]
        hamlet = self._hamlets.get(row.hamlet_id, "")
        values = (
            row.code,
            row.head_name,
            row.address,
            self.status_text(row.status),
            row.reason,
            hamlet,
        )
        return values[index.column()]
