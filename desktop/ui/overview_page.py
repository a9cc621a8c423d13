"""The Tổng quan page (Ctrl+1, where the window opens): who is here now, the campaign's way to
its target per hamlet, and what needs attention today, each reminder a link to its case.
Counted beside the task lane, on a reader: the window is painted first, the figures follow,
and edits never wait for them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, QTimer, Signal
from PySide6.QtGui import QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.long_work import Cancelled, Progress
from desktop.domain.presence import Presence, ReminderReason
from desktop.services.register import OpenRegister
from desktop.store.changes import Changed
from desktop.store.local import is_upper
from desktop.ui.household_empty import EmptyList
from desktop.ui.list_focus import show_current_row
from desktop.ui.numbers import day_text, format_percent, group_thousands
from desktop.ui.progress_model import ProgressBarDelegate, ProgressModel, total_name
from desktop.ui.qt_values import set_enum_property, show_column_titles
from desktop.ui.record_model import RecordRows
from desktop.ui.tasks import Task, TaskRunner

if TYPE_CHECKING:
    from desktop.services.overview import Overview
    from desktop.store.reminders import Reminder

REMINDER_NAMES: dict[ReminderReason, Any] = {
    ReminderReason.TAM_TRU_HET_HAN: QT_TRANSLATE_NOOP(
        "Overview", "Temporary residence ends within 15 days"
    ),
    ReminderReason.TAM_VANG_QUA_12_THANG: QT_TRANSLATE_NOOP("Overview", "Away 12 months or more"),
    ReminderReason.LUU_TRU_QUA_HAN: QT_TRANSLATE_NOOP("Overview", "Guest past the end of stay"),
    ReminderReason.KHACH_NUOC_NGOAI_CHUA_BAO: QT_TRANSLATE_NOOP(
        "Overview", "Foreign guest not reported yet"
    ),
    ReminderReason.NHAP_CANH_KHONG_QUA_CUA_KHAU: QT_TRANSLATE_NOOP(
        "Overview", "Came back not through a gate, not handed to the Border Guard"
    ),
    ReminderReason.VANH_DAI_CHUA_BAO_BIEN_PHONG: QT_TRANSLATE_NOOP(
        "Overview", "Guest in the border belt, Border Guard post not told"
    ),
    ReminderReason.THEO_DOI_SAU_NHAP_CANH: QT_TRANSLATE_NOOP(
        "Overview", "Back from abroad, in follow-up"
    ),
    ReminderReason.HO_KHONG_CON_AI_CU_TRU: QT_TRANSLATE_NOOP(
        "Overview", "Nobody lives in the household any more: delete it or update its members"
    ),
    ReminderReason.CHU_HO_KHONG_CON_CU_TRU: QT_TRANSLATE_NOOP(
        "Overview", "The head died or moved out: choose a new head"
    ),
    ReminderReason.HO_CHUA_KY_CAM_KET: QT_TRANSLATE_NOOP(
        "Overview", "Households not signed in the current campaign"
    ),
}


def reminder_name(reason: ReminderReason) -> str:
    return QCoreApplication.translate("Overview", REMINDER_NAMES[reason])


class ReminderModel(RecordRows["Reminder"]):  # the reminders' store: read when counted
    CONTEXT = "ReminderModel"
    COLUMNS: ClassVar[tuple[tuple[Any, Callable[[Any], Any]], ...]] = (
        (QT_TRANSLATE_NOOP("ReminderModel", "Due"), lambda r: day_text(r.due)),
        (QT_TRANSLATE_NOOP("ReminderModel", "What"), lambda r: reminder_name(r.reason)),
        (QT_TRANSLATE_NOOP("ReminderModel", "Who"), lambda r: r.full_name),
        (QT_TRANSLATE_NOOP("ReminderModel", "Household"), lambda r: r.household_label),
    )


SHORT_PAGE = 560  # px of page height below which the figures take one line each


class _Figure(QFrame):
    """One big number with its label."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.number = QLabel("…")  # until the first count
        font = self.number.font()
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.number.setFont(font)
        self.label = QLabel(label)
        self.layout_ = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        self.layout_.setContentsMargins(12, 6, 12, 6)
        self.layout_.addWidget(self.number)
        self.layout_.addWidget(self.label, stretch=1)

    def set_beside(self, beside: bool) -> None:
        """The label beside the number (a short window: one line), or under it."""
        self.layout_.setDirection(
            QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom
        )
        margin = 6 if beside else 12  # "109 người đang tạm trú" in a fifth of 1024 px
        self.layout_.setContentsMargins(margin, 6, margin, 6)

    def set(self, value: int) -> None:
        self.number.setText(group_thousands(value))


class OverviewPage(QWidget):
    """``open_movement`` asks the window for the Biến động page on a movement;
    ``open_household`` for a household (one where nobody lives any more); ``open_unsigned``
    for the Cam kết page's list of unsigned households."""

    open_movement = Signal(str)
    open_household = Signal(str)
    open_unsigned = Signal()

    def __init__(
        self,
        register: OpenRegister,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.register, self.tasks, self.today = register, tasks, today
        self.counted = False  # True once the first count is shown
        self.edits = not is_upper(register.db)  # an upper register adds no household
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.figures = {
            Presence.PRESENT: _Figure(self.tr("present")),
            Presence.AWAY: _Figure(self.tr("away (tạm vắng)")),
            Presence.ABROAD: _Figure(self.tr("abroad")),
        }
        self.guests = _Figure(self.tr("guests staying (lưu trú)"))
        self.temporary = _Figure(self.tr("temporary residents (tạm trú)"))
        self.last_bundle = QLabel()
        self.last_bundle.setWordWrap(True)
        figures = QHBoxLayout()
        for figure in (*self.figures.values(), self.guests, self.temporary):
            figures.addWidget(figure)

        self.campaign = QLabel()
        self.campaign.setWordWrap(True)
        self.progress_model = ProgressModel(self)
        self.progress_view = QTableView()
        self.progress_view.setAccessibleName(self.tr("Progress per hamlet"))
        self.progress_view.setModel(self.progress_model)
        show_column_titles(self.progress_view, self.progress_model.column_titles())
        self.progress_view.setItemDelegateForColumn(
            ProgressModel.PROGRESS_COLUMN, ProgressBarDelegate(self.progress_view)
        )
        for column in range(3, ProgressModel.PROGRESS_COLUMN):
            self.progress_view.hideColumn(column)  # refused, absent, printed: on Cam kết
        self._plain_table(self.progress_view)
        # The hamlet and its two numbers as wide as they read, the bar the rest: on a 1024
        # px screen the bar, the point of the table, is in view without scrolling.
        header = self.progress_view.horizontalHeader()
        for column in range(ProgressModel.PROGRESS_COLUMN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # A row as tall as its line and the bar's margin (the style's default is a third more).
        metrics = self.progress_view.fontMetrics()
        self.progress_view.verticalHeader().setDefaultSectionSize(metrics.height() + 10)
        set_enum_property(self.progress_view, "sizeAdjustPolicy", "AdjustToContents")
        campaign_box = QGroupBox(self.tr("Pledge campaign"))
        campaign_layout = QVBoxLayout(campaign_box)
        campaign_layout.addWidget(self.campaign)
        # The table takes the height first, up to its rows (its maximum); below them, empty.
        campaign_layout.addWidget(self.progress_view, stretch=1)
        campaign_layout.addStretch(0)
        self.campaign_box = campaign_box

        self.reminder_model = ReminderModel(self)
        self.reminders = QTableView()
        self.reminders.setAccessibleName(self.tr("Needs attention today"))
        self.reminders.setModel(self.reminder_model)
        show_column_titles(self.reminders, self.reminder_model.column_titles())
        self._plain_table(self.reminders)
        show_current_row(self.reminders, follow_rows=True)  # Enter opens the case shown
        self._fit_reminder_columns()
        self.reminders.activated.connect(self._open)
        self.reminder_hint = QLabel(self.tr("Enter or a double click opens the case."))
        reminder_box = QGroupBox(self.tr("Needs attention today"))
        reminder_layout = QVBoxLayout(reminder_box)
        reminder_layout.addWidget(self.reminders)
        reminder_layout.addWidget(self.reminder_hint)

        # Side by side on a wide window; one above the other where the reminders would be
        # too narrow for their words (a 1024 px screen): neither scrolls sideways.
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.addWidget(campaign_box, stretch=5)
        self.body.addWidget(reminder_box, stretch=6)
        layout = QVBoxLayout(self)
        # An empty register's first day: what to do next, where the window opens.
        self.empty = EmptyList()
        self.empty.show_empty_register()
        self.empty.hide()
        layout.addWidget(self.heading)
        layout.addWidget(self.empty)
        layout.addLayout(figures)
        layout.addLayout(self.body, stretch=1)
        layout.addWidget(self.last_bundle)
        self._asked = False  # the first count is asked for when the page is first painted
        self._show_heading(today())
        self.campaign.setText(self.tr("Counting…"))

    def _fit_reminder_columns(self) -> None:
        """The day, the person and the household as wide as they usually read (a longer name
        is elided, whole in its tooltip); what is due takes the rest, on two lines if need be."""
        view, metrics = self.reminders, self.reminders.fontMetrics()
        header = view.horizontalHeader()
        header.setStretchLastSection(False)

        titles = self.reminder_model.column_titles()

        def heading(column: int) -> int:
            return metrics.horizontalAdvance(titles[column]) + 20

        # An upper register names each household's commune too: "NT-001 (Sìn Hồ)".
        household = "NH-00000" if self.edits else "NH-00000 (Sin Suối Hồ)"
        samples = {0: "00/00/0000", 2: "Nguyễn Phương Nguyệt", 3: household}
        for column, sample in samples.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(
                column, max(metrics.horizontalAdvance(sample) + 16, heading(column))
            )
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        view.setWordWrap(True)
        set_enum_property(view, "textElideMode", "ElideRight")
        self._reminders_fixed = sum(header.sectionSize(c) for c in samples)
        # What is due reads on two lines at most: half its longest wording, in this language.
        longest = max(metrics.horizontalAdvance(reminder_name(r)) for r in ReminderReason)
        self._what_least = longest // 2 + 24

    def focus_first(self) -> None:
        """The keyboard on what needs attention (Enter opens a case, as the hint says)."""
        self.reminders.setFocus()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(event.size().width())
        # A short window (1024×600, a netbook): each figure on one line, so the reminders
        # keep the height.
        short = event.size().height() < SHORT_PAGE
        for figure in (*self.figures.values(), self.guests, self.temporary):
            figure.set_beside(short)

    def _fit_progress_height(self) -> None:
        """The progress table no taller than its rows (its empty space went to no one: the
        reminders below it got the less); with the reminders below it, no taller than a
        share of the page either (a commune of many hamlets scrolls them)."""
        view = self.progress_view
        heading = view.horizontalHeader().sizeHint().height() + 2 * view.frameWidth()
        height = heading + view.verticalHeader().length()
        if self.stacked:
            row = view.verticalHeader().defaultSectionSize()
            height = min(height, max(heading + 3 * row, self.height() * 28 // 100))
        if view.maximumHeight() != height:
            view.setMaximumHeight(height)

    def _arrange(self, width: int) -> None:
        """Side by side when the reminders' share of ``width`` holds their columns (what is
        due on at most two lines), else the reminders below the campaign."""
        share = width * 6 // 11 - 60  # the boxes' frames, margins and the scroll bar
        wanted = self._reminders_fixed + self._what_least
        direction = (
            QBoxLayout.Direction.LeftToRight
            if share >= wanted
            else QBoxLayout.Direction.TopToBottom
        )
        if self.body.direction() != direction:
            self.body.setDirection(direction)
            # One above the other, the campaign as tall as its table (at most a share of the
            # page) and the reminders the rest; side by side, the width shared.
            stacked = direction == QBoxLayout.Direction.TopToBottom
            self.body.setStretchFactor(self.campaign_box, 0 if stacked else 5)
        self._fit_progress_height()

    @property
    def stacked(self) -> bool:
        """The reminders are below the campaign (a narrow window)."""
        return self.body.direction() == QBoxLayout.Direction.TopToBottom

    @staticmethod
    def _plain_table(view: QTableView) -> None:
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setTabKeyNavigation(False)  # Tab goes on to the next control, not the next cell
        view.verticalHeader().hide()
        view.horizontalHeader().setStretchLastSection(True)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._asked:
            # After this paint: the count's worker would otherwise share the interpreter
            # with the window's first paint.
            self._asked = True
            QTimer.singleShot(0, self.refresh)

    def show_changes(self, changed: Changed) -> None:
        """Count again after a write, when in view (the window counts again on show)."""
        if self.isVisible() and changed:
            self.refresh()

    def refresh(self) -> None:
        """Count again beside the task lane (after a movement, a pledge, an import); the
        figures shown stay until the new ones come."""
        today = self.today()
        self._show_heading(today)

        def work(reg: OpenRegister, _progress: Progress, cancelled: Cancelled) -> Overview | None:
            # Imported here, on the worker: the window is painted without waiting for it.
            from desktop.services.overview import count_overview

            return count_overview(reg, today, cancelled)

        # It only reads: on a connection of its own beside the lane (a district's count takes
        # seconds; an edit saved meanwhile goes in at once, not after it).
        self.tasks.submit(
            Task(self.tr("Counting the overview"), work, self._show, quiet=True, reads=True)
        )

    def _show_heading(self, today: dt.date) -> None:
        self.heading.setText(
            self.tr("{commune} — today {day}").format(
                commune=self.register.commune.name, day=day_text(today)
            )
        )

    def _show(self, overview: Overview | None) -> None:
        if overview is None:  # stopped (Cancel in the status bar): the figures shown stay
            return
        self._asked = True
        self.empty.setVisible(self.edits and overview.households == 0)
        here = overview.here
        for presence, figure in self.figures.items():
            figure.set(here.count(presence))
        self.guests.set(here.guests)
        self.temporary.set(here.temporary)
        campaign = overview.campaign
        self.progress_view.setVisible(campaign is not None)
        if campaign is None:  # no row of zeros: where to choose a campaign
            self.progress_model.clear()
            if not self.edits and overview.households == 0:  # an upper register, no commune yet
                self.campaign.setText(
                    self.tr(
                        "No commune's bundle is merged yet: merge the bundles the communes send"
                        " on Exchange (Ctrl+5), then choose a campaign on the Pledges page."
                    )
                )
            else:
                self.campaign.setText(
                    self.tr("No current pledge campaign: choose one on the Pledges page (Ctrl+3).")
                )
        else:
            self.progress_model.set_rows(overview.progress, total_name(self.register))
            self._fit_progress_height()
            total = self.progress_model.total
            assert total is not None
            self.campaign.setText(
                self.tr("{title}: {signed} of {households} households signed ({percent} %)").format(
                    title=campaign.title,
                    signed=group_thousands(total.signed),
                    households=group_thousands(total.households),
                    percent=format_percent(total.percent),
                )
            )
        self._show_last_bundle(overview)
        found = overview.reminders
        unsigned = [r for r in found if r.reason is ReminderReason.HO_CHUA_KY_CAM_KET]
        shown: list[Reminder] = [
            r for r in found if r.reason is not ReminderReason.HO_CHUA_KY_CAM_KET
        ]
        if unsigned:
            # One line for them all: the list itself is on the Cam kết page.
            one = len(unsigned) == 1
            many = self.tr("{count} household") if one else self.tr("{count} households")
            count = many.format(count=group_thousands(len(unsigned)))
            shown.append(
                replace(
                    unsigned[0],
                    movement_id=None,
                    person_id=None,
                    full_name=count,
                    household_code="",
                )
            )
        self.reminder_model.set_records(shown)
        self.reminder_hint.setText(
            self.tr("Enter or a double click opens the case.")
            if shown
            else self.tr("Nothing needs attention today.")
        )
        self.counted = True

    def _show_last_bundle(self, overview: Overview) -> None:
        sent = overview.last_sent
        if sent is None:
            self.last_bundle.setText(self.tr("No data bundle sent from this register yet."))
            return
        when = dt.datetime.fromisoformat(sent.at.replace("Z", "+00:00")).astimezone()
        self.last_bundle.setText(
            self.tr("Last data bundle sent: {file}, {when}").format(
                file=sent.file_name, when=when.strftime("%d/%m/%Y %H:%M")
            )
        )

    def _open(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        reminder = self.reminder_model.record(index.row())
        if reminder.movement_id is not None:
            self.open_movement.emit(reminder.movement_id)
        elif reminder.household_id is not None:
            self.open_household.emit(reminder.household_id)
        else:
            self.open_unsigned.emit()
