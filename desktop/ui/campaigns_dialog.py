"""The "Đợt cam kết" dialog: the register's campaigns, a new one, which one is current."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.entities import FIRST_YEAR, LAST_YEAR
from desktop.domain.errors import KnownError
from desktop.domain.pledges import Campaign, StoredTemplate
from desktop.domain.text_bounds import CAMPAIGN_TEXT
from desktop.messages import describe
from desktop.services import campaigns
from desktop.services.register import OpenRegister
from desktop.ui.column_fit import hide_to_fit
from desktop.ui.edits import Saving, save_on_lane
from desktop.ui.form_dialog import FormDialog
from desktop.ui.household_model import group_thousands, unreadable_text
from desktop.ui.numbers import format_percent
from desktop.ui.screen_fit import fit_combo, resize_within_screen
from desktop.ui.tasks import TaskRunner
from desktop.ui.text_limits import limit_line

CAMPAIGN_ID_ROLE = Qt.ItemDataRole.UserRole + 1
DATE_FORMAT = "dd/MM/yyyy"
# A new campaign runs for a quarter unless the clerk says otherwise (the 2021 drives ran
# for a few months each).
DEFAULT_DAYS = 90
LONG_COLUMN = 300  # px the title and the template take at most
SHORT_COLUMN = 100  # px they keep when the table is too narrow for them


def _date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def py_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def date_edit(value: QDate) -> QDateEdit:
    """A day field as clerks write it (dd/MM/yyyy), with a calendar, within the years a
    typed day may have (Qt's own range goes from 1752 to 9999)."""
    edit = QDateEdit(value)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setCalendarPopup(True)
    edit.setDateRange(QDate(FIRST_YEAR, 1, 1), QDate(LAST_YEAR, 12, 31))
    return edit


def start_edit(value: QDate) -> QDateEdit:
    """A campaign's first day (date_edit), saying that it may be before today: sheets are
    often signed on paper before the register is set up, and a signing day before the
    campaign's start is refused."""
    edit = date_edit(value)
    edit.setToolTip(
        QCoreApplication.translate(
            "CampaignsDialog",
            "The day the drive began: earlier than today when households already signed"
            " sheets on paper (a signing day before it is refused)",
        )
    )
    return edit


class CampaignsDialog(QDialog):
    """Above, every campaign of the register (the current one first and marked): title,
    template and version, dates, target, households signed; "Make current" switches.
    Below, a new campaign: title, template (bundled ones and the register's copies), start
    and end, target 1–100 %, current or not. Every change goes through the Writer (audited)
    on the write lane; its notice tells the pages to count again."""

    COLUMNS = 6

    def __init__(
        self, register: OpenRegister, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Campaigns"))
        self._register, self._tasks = register, tasks
        self._current_id = ""

        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Current"),
                self.tr("Campaign"),
                self.tr("Template"),
                self.tr("Dates"),
                self.tr("Target"),
                self.tr("Signed"),
            ]
        )
        self.table.setAccessibleName(self.tr("Campaigns of the register"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the next control, not the next cell
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._follow_selection)
        self._natural: dict[int, int] = {}  # each column's width as it reads whole
        self.table.viewport().installEventFilter(self)
        self.table.itemActivated.connect(lambda _item: self.make_current())

        self.current_button = QPushButton(self.tr("&Make current"))
        self.current_button.setToolTip(
            self.tr("Print sheets and count progress for the chosen campaign from now on")
        )
        self.current_button.clicked.connect(self.make_current)
        self.edit_button = QPushButton(self.tr("Co&rrect dates and target…"))
        self.edit_button.setToolTip(
            self.tr(
                "The chosen campaign's start, end and target as the drive really runs (sheets"
                " signed before the campaign was set up in CamKet: its start moved back)"
            )
        )
        self.edit_button.clicked.connect(self.correct)
        self.edit_dialog: CampaignEditDialog | None = None

        self.title_edit = limit_line(QLineEdit(), CAMPAIGN_TEXT["title"])
        self.title_edit.setPlaceholderText(self.tr("The template's title when left empty"))
        self.template_combo = fit_combo(QComboBox(), 40)
        self.templates: list[StoredTemplate] = []
        today = QDate.currentDate()
        self.starts_edit = start_edit(today)
        self.ends_edit = date_edit(today.addDays(DEFAULT_DAYS))
        self.starts_edit.dateChanged.connect(self.ends_edit.setMinimumDate)
        self.ends_edit.setMinimumDate(today)
        self.target_spin = QSpinBox()
        self.target_spin.setRange(1, 100)
        self.target_spin.setValue(100)
        self.target_spin.setSuffix(" %")
        self.target_spin.setMaximumWidth(self.fontMetrics().horizontalAdvance("100 %") + 60)
        self.target_spin.setToolTip(self.tr("The share of households that should sign"))
        self.current_box = QCheckBox(self.tr("Make it the &current campaign"))
        self.current_box.setChecked(True)
        self.start_button = QPushButton(self.tr("&Start campaign"))
        self.start_button.clicked.connect(self.start)

        self.message = QLabel()
        self.message.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("&Title:"), self.title_edit)
        form.addRow(self.tr("T&emplate:"), self.template_combo)
        dates = QHBoxLayout()
        dates.addWidget(self.starts_edit)
        to_label = QLabel(self.tr("to"))
        dates.addWidget(to_label)
        dates.addWidget(self.ends_edit)
        dates.addStretch(1)
        from_label = QLabel(self.tr("&From:"))
        from_label.setBuddy(self.starts_edit)
        form.addRow(from_label, dates)
        form.addRow(self.tr("Tar&get:"), self.target_spin)
        form.addRow("", self.current_box)
        start_row = QHBoxLayout()
        start_row.addStretch(1)
        start_row.addWidget(self.start_button)
        form.addRow(start_row)
        self.new_box = QGroupBox(self.tr("New campaign"))
        self.new_box.setLayout(form)

        list_buttons = QHBoxLayout()
        list_buttons.addStretch(1)
        list_buttons.addWidget(self.edit_button)
        list_buttons.addWidget(self.current_button)
        close_button = QPushButton(self.tr("Close"))
        close_button.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, stretch=1)
        bottom.addWidget(close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, stretch=1)
        layout.addLayout(list_buttons)
        layout.addWidget(self.new_box)
        # An upper-level register starts no campaign (each commune starts its own); which
        # one it counts is this PC's choice.
        self.new_box.setVisible(register.writer.edits_communes)
        self.edit_button.setVisible(register.writer.edits_communes)  # nor corrects one
        layout.addLayout(bottom)
        resize_within_screen(self, 1100, 560)
        self.reload()
        self.title_edit.setFocus()

    # --- public -------------------------------------------------------------------------

    def _fit_columns(self) -> None:
        # Movement names run to 80 letters: the title and template columns are capped (the
        # whole text is in the tooltip) and give up more width (the template first) while
        # the table is too narrow, so dates, target and signed stay in sight.
        widths = dict(self._natural)
        for column in (1, 2):
            widths[column] = min(widths[column], LONG_COLUMN)
        hide_to_fit(self.table, widths, (), squeeze=(2, 1), least=SHORT_COLUMN)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        resized = watched is self.table.viewport() and event.type() == QEvent.Type.Resize
        if resized and self._natural:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def reload(self) -> None:
        """The campaigns and the templates to pick, read again from the register."""
        summaries = campaigns.campaign_summaries(self._register.db)
        self._current_id = next((s.campaign.id for s in summaries if s.campaign.is_current), "")
        self._campaigns = {s.campaign.id: s.campaign for s in summaries}
        self.table.setRowCount(len(summaries))
        for row, summary in enumerate(summaries):
            c = summary.campaign
            template = summary.template_title or self.tr("(not kept)")
            signed_percent = (
                100.0 * summary.signed / summary.households if summary.households else 0
            )
            dates = " – ".join(
                d
                for d in (
                    unreadable_text(c, "starts_on", _date(c.starts_on)),
                    unreadable_text(c, "ends_on", _date(c.ends_on)),
                )
                if d
            )
            cells = [
                "✔" if c.is_current else "",
                f"{c.title} ({summary.communes})" if summary.communes else c.title,
                self.tr("{title} (version {version})").format(
                    title=template, version=c.template_version
                ),
                dates,
                f"{c.target_percent} %",
                self.tr("{signed} of {households} ({percent} %)").format(
                    signed=group_thousands(summary.signed),
                    households=group_thousands(summary.households),
                    percent=format_percent(signed_percent),
                ),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                item.setData(CAMPAIGN_ID_ROLE, c.id)
                if c.is_current:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                if column == 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self._natural = {c: self.table.columnWidth(c) for c in range(self.COLUMNS)}
        self._fit_columns()
        if summaries:
            self.table.selectRow(0)
        self._follow_selection()

        chosen = self.template_combo.currentIndex()
        self.templates = campaigns.template_choices(self._register.db)
        self.template_combo.clear()
        for choice in self.templates:
            self.template_combo.addItem(
                self.tr("{title} (version {version})").format(
                    title=choice.title, version=choice.version
                )
            )
        self.template_combo.setCurrentIndex(max(0, min(chosen, len(self.templates) - 1)))

    def chosen_campaign_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        item = self.table.item(rows[0].row(), 0) if rows else None
        return str(item.data(CAMPAIGN_ID_ROLE)) if item is not None else None

    def select_campaign(self, campaign_id: str) -> None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(CAMPAIGN_ID_ROLE) == campaign_id:
                self.table.selectRow(row)
                return

    def start(self) -> Saving | None:
        """Start the campaign the form describes (nothing is written if it is refused)."""
        if not self.templates:
            return None
        template = self.templates[max(0, self.template_combo.currentIndex())]
        title, target = self.title_edit.text(), self.target_spin.value()
        starts_on, ends_on = py_date(self.starts_edit.date()), py_date(self.ends_edit.date())
        current = self.current_box.isChecked()
        return save_on_lane(
            self._tasks,
            self,
            lambda register: campaigns.start_campaign(
                register.writer,
                template,
                title=title,
                starts_on=starts_on,
                ends_on=ends_on,
                target_percent=target,
                current=current,
            ),
            self._started,
            self._refused,
            button=self.start_button,
        )

    def _started(self, campaign: Campaign) -> None:
        self.title_edit.clear()
        self.reload()
        self.select_campaign(campaign.id)
        self._say(self.tr("Campaign “{title}” started.").format(title=campaign.title))

    def make_current(self) -> Saving | None:
        """The chosen campaign becomes the one sheets are printed and counted for."""
        campaign_id = self.chosen_campaign_id()
        if campaign_id is None:
            return None
        return save_on_lane(
            self._tasks,
            self,
            lambda register: campaigns.use_campaign(register.writer, campaign_id),
            self._made_current,
            self._refused,
            button=self.current_button,
        )

    def _made_current(self, campaign: Campaign) -> None:
        self.reload()
        self.select_campaign(campaign.id)
        self._say(self.tr("“{title}” is now the current campaign.").format(title=campaign.title))

    def correct(self) -> CampaignEditDialog | None:
        """The chosen campaign's dates and target in a dialog of their own; saved, the list
        shows them."""
        campaign = self._campaigns.get(self.chosen_campaign_id() or "")
        if campaign is None:
            return None
        dialog = CampaignEditDialog(self._tasks, campaign, self)
        dialog.corrected.connect(self._corrected)
        self.edit_dialog = dialog
        dialog.open()
        return dialog

    def _corrected(self, campaign: Campaign) -> None:
        self.reload()
        self.select_campaign(campaign.id)
        self._say(self.tr("Campaign “{title}” corrected.").format(title=campaign.title))

    def _refused(self, error: KnownError) -> None:
        self._say(describe(error), error=True)

    # --- internals ----------------------------------------------------------------------

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020;" if error else "")

    def _follow_selection(self) -> None:
        chosen = self.chosen_campaign_id()
        self.current_button.setEnabled(chosen is not None and chosen != self._current_id)
        self.edit_button.setEnabled(chosen is not None)


class CampaignEditDialog(FormDialog):
    """A campaign's start and end (each may be left out) and target, corrected: checked as
    at its start, and refused (its message shown, nothing changed) when results are already
    recorded before the new start. What the clerk leaves as shown is left as stored."""

    corrected = Signal(object)  # the saved Campaign

    def __init__(
        self, tasks: TaskRunner, campaign: Campaign, parent: QWidget | None = None
    ) -> None:
        super().__init__("", self.save, parent, tasks=tasks)
        self.setWindowTitle(self.tr("Correct campaign"))
        self.campaign = campaign
        heading = QLabel(campaign.title)
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        hint = QLabel(
            self.tr(
                "Sheets signed before the campaign was set up in CamKet: move its start back"
                " to the day the first one was signed."
            )
        )
        hint.setWordWrap(True)
        today = dt.date.today()
        self.starts_box = QCheckBox(self.tr("&Starts on:"))
        self.starts_edit = start_edit(_qdate(campaign.starts_on or today))
        self.ends_box = QCheckBox(self.tr("&Ends on:"))
        self.ends_edit = date_edit(_qdate(campaign.ends_on or today))
        for box, edit, day in (
            (self.starts_box, self.starts_edit, campaign.starts_on),
            (self.ends_box, self.ends_edit, campaign.ends_on),
        ):
            box.setChecked(day is not None)
            edit.setEnabled(day is not None)
            box.toggled.connect(edit.setEnabled)
        self.target_spin = QSpinBox()
        self.target_spin.setRange(1, 100)
        self.target_spin.setValue(campaign.target_percent)
        self.target_spin.setSuffix(" %")
        self.target_spin.setToolTip(self.tr("The share of households that should sign"))
        self.form.addRow(heading)
        self.form.addRow(hint)
        self.form.addRow(self.starts_box, self.starts_edit)
        self.form.addRow(self.ends_box, self.ends_edit)
        self.form.addRow(self.tr("Tar&get:"), self.target_spin)
        self.save_button = self.buttons.button(self.ok)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

    def save(self) -> Saving | None:
        """Store what changed on the write lane; then ``corrected`` and close, or the
        message here and the dialog as the clerk left it."""
        campaign_id = self.campaign.id
        starts = self._day(self.starts_box, self.starts_edit, self.campaign.starts_on)
        ends = self._day(self.ends_box, self.ends_edit, self.campaign.ends_on)
        target = self.target_spin.value()
        kept_target = campaigns.KEEP if target == self.campaign.target_percent else target
        return self.write_on_lane(
            lambda: (
                lambda register: campaigns.correct_campaign(
                    register.writer,
                    campaign_id,
                    starts_on=starts,
                    ends_on=ends,
                    target_percent=kept_target,
                )
            ),
            self.corrected.emit,
        )

    @staticmethod
    def _day(
        box: QCheckBox, edit: QDateEdit, shown: dt.date | None
    ) -> dt.date | campaigns.Keep | None:
        day = py_date(edit.date()) if box.isChecked() else None
        return campaigns.KEEP if day == shown else day


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)
