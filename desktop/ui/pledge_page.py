"""The "Cam kết" page: progress toward 100 % per hamlet, its unsigned households, check-in."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QCursor, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import KnownError
from desktop.messages import describe
from desktop.services import pledges as service
from desktop.services import progress as progress_service
from desktop.services.checkin import CheckedIn, check_in
from desktop.services.progress import ALL_COMMUNES
from desktop.services.register import OpenRegister
from desktop.store import households as repo
from desktop.store.changes import Changed
from desktop.store.places import hamlet_labels
from desktop.store.pledges import list_campaigns
from desktop.ui.campaigns_dialog import CampaignsDialog
from desktop.ui.checkin_box import CheckInBox
from desktop.ui.column_fit import hide_to_fit
from desktop.ui.household_list import setup_read_only_list
from desktop.ui.household_model import group_thousands
from desktop.ui.pledge_printing import PledgePrinting
from desktop.ui.pledge_record import RecordPledgeDialog
from desktop.ui.print_dialog import PrintPledgesDialog
from desktop.ui.progress_model import (
    HAMLET_ID_ROLE,
    ProgressBarDelegate,
    ProgressModel,
    TitledProgressModel,
    UnsignedModel,
    status_words,
    total_name,
)
from desktop.ui.tasks import TaskRunner
from desktop.ui.template_editor import TemplateEditorDialog

HINT_MS = 8000
HAMLET_LEAST = 120  # px a long hamlet name keeps when the table is too narrow for it


class PledgePage(QWidget):
    """Dashboard of the current campaign (DESIGN §10 "Cam kết").

    Above: the check-in box (Ctrl+K from anywhere) for returned sheets. Then one row per
    hamlet with households, signed, refused, absent, printed and not printed, and a bar
    toward the target; the commune's total last. Below: the unsigned households of the
    chosen hamlet (of the whole commune on the total row); Enter or a double click opens one.
    """

    status_message = Signal(str, int)

    def __init__(
        self, register: OpenRegister, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._register = register
        self._tasks = tasks
        self.record_dialog: RecordPledgeDialog | None = None
        self._fitted = False  # the splitter was sized to the hamlets once
        self._nobody_lives: set[str] = set()  # households whose members all died or left

        self.campaign_label = QLabel()
        self.campaign_label.setWordWrap(True)
        self.check_in_box = CheckInBox()
        self.check_in_box.setMinimumWidth(360)
        self.check_in_box.submitted.connect(self.check_in)
        self.check_in_message = QLabel()
        self.check_in_message.setStyleSheet("color: #b00020;")
        self.check_in_message.setWordWrap(True)
        self.check_in_label = QLabel(self.tr("&Check in:"))
        self.check_in_label.setBuddy(self.check_in_box)

        self.progress_model = TitledProgressModel(self)
        self.progress_view = QTableView()
        self._setup_table(self.progress_view, self.progress_model)
        self.progress_view.setItemDelegateForColumn(
            ProgressModel.PROGRESS_COLUMN, ProgressBarDelegate(self.progress_view)
        )
        self.progress_view.setAccessibleName(self.tr("Progress per hamlet"))
        self.progress_view.viewport().installEventFilter(self)

        self.unsigned_label = QLabel()
        self.unsigned_label.setWordWrap(True)  # its note on empty households is long
        self.unsigned_model = UnsignedModel(self)
        self.unsigned_view = QTableView()
        self._setup_table(self.unsigned_view, self.unsigned_model)
        self.unsigned_view.setAccessibleName(self.tr("Unsigned households"))
        self.unsigned_view.activated.connect(self._open_unsigned)
        metrics = self.unsigned_view.fontMetrics()
        longest_state = max(status_words().values(), key=metrics.horizontalAdvance)
        for column, sample in enumerate(
            ("NH-00000", "Nguyễn Thị Phương Thảo", "Số nhà 12, Bản Nậm Tăm", longest_state)
        ):
            self.unsigned_view.setColumnWidth(column, metrics.horizontalAdvance(sample) + 24)

        self.campaigns_button = QPushButton(self.tr("Ca&mpaigns…"))
        self.campaigns_button.setToolTip(
            self.tr("Start a new campaign or change the current one (Ctrl+D)")
        )
        self.campaigns_button.clicked.connect(self.manage_campaigns)
        campaigns_shortcut = QShortcut(QKeySequence("Ctrl+D"), self)
        campaigns_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        campaigns_shortcut.activated.connect(self.manage_campaigns)
        self.campaigns_dialog: CampaignsDialog | None = None

        top = QHBoxLayout()
        top.addWidget(self.campaign_label, stretch=1)
        top.addWidget(self.check_in_label)
        top.addWidget(self.check_in_box, stretch=1)
        self.printing = PledgePrinting(tasks, self)
        self.printing.message.connect(self.status_message)
        self.print_dialog: PrintPledgesDialog | None = None
        self.template_dialog: TemplateEditorDialog | None = None
        # Below the campaign's line, first of the row: Tab from the check-in box reaches it
        # before the other buttons, as the eye does (beside the box it came last of all).
        self.actions_row = QHBoxLayout()
        self.actions_row.addWidget(self.campaigns_button)
        self.actions_row.addWidget(self.check_in_message, stretch=1)
        self._add_actions()

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.unsigned_label)
        lower_layout.addWidget(self.unsigned_view, stretch=1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.progress_view)
        self.splitter.addWidget(lower)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([300, 300])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addLayout(self.actions_row)
        layout.addWidget(self.splitter, stretch=1)

        self.progress_view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_unsigned(current)
        )
        # Counts are read when the page is shown (showEvent), not while the window starts.

    # --- public -------------------------------------------------------------------------

    def focus_check_in(self) -> None:
        self.check_in_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.check_in_box.selectAll()

    def refresh(self) -> None:
        """Counts and the unsigned list read again (after a change, or when shown)."""
        try:
            campaign = service.current_campaign(self._register)
        except KnownError as err:  # no campaign current here: where to choose one
            said = (
                self.tr("No pledge campaign is current in this register.")
                if err.code == "campaign.none"
                else describe(err)
            )
            self.campaign_label.setText(f"{said} {self._choose_campaign_hint()}")
            self._campaign_work_enabled(False)
            self.progress_model.clear()
            self._fit_progress_columns()  # the headings whole, rows or none
            self.unsigned_model.set_rows([])
            self.unsigned_label.clear()
            return
        self._campaign_work_enabled(True)
        self.campaign_label.setText(
            self.tr("<b>Campaign:</b> {title} · target {target} %").format(
                title=campaign.title, target=campaign.target_percent
            )
        )
        chosen = self.chosen_hamlet()
        self.progress_model.set_rows(
            progress_service.progress(self._register, campaign), total_name(self._register)
        )
        self._nobody_lives = progress_service.households_nobody_lives_in(
            self._register, dt.date.today()
        )
        row = self.progress_model.row_of(chosen) if chosen else None
        self._fit_progress_columns()
        self._fit_progress_rows()
        before = self.progress_view.currentIndex().row()
        self.progress_view.selectRow(row if row is not None else self.progress_model.rowCount() - 1)
        if self.progress_view.currentIndex().row() == before:  # no signal: read it here
            self._show_unsigned(self.progress_view.currentIndex())

    def _choose_campaign_hint(self) -> str:
        if self._register.writer.edits_communes:
            return self.tr("Start or choose one with Campaigns… (Ctrl+D).")
        if not list_campaigns(self._register.db):  # no commune merged yet: none to choose
            return self.tr(
                "Merge the communes' bundles first (Data exchange, Ctrl+5), then choose one of"
                " their campaigns with Campaigns… (Ctrl+D)."
            )
        return self.tr("Choose one of the communes' campaigns with Campaigns… (Ctrl+D).")

    def _campaign_work_enabled(self, enabled: bool) -> None:
        # The reports and the template are of the current campaign: with none, the line
        # above says where to choose one (pressed, they only said it again, with commands).
        for button in (self.report_button, self.unsigned_button, self.templates_button):
            button.setEnabled(enabled)

    def ask_print(self) -> PrintPledgesDialog:
        """The print dialog for the chosen hamlet; accepted, the sheets are prepared."""
        dialog = PrintPledgesDialog(self._register, self.chosen_hamlet(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.printing.print_sheets(dialog.request()))
        dialog.destroyed.connect(lambda: setattr(self, "print_dialog", None))
        self.print_dialog = dialog
        dialog.open()
        return dialog

    def manage_campaigns(self) -> CampaignsDialog:
        """The campaigns dialog; a new or switched current campaign shows here at once."""
        if self.campaigns_dialog is not None:
            self.campaigns_dialog.raise_()
            self.campaigns_dialog.activateWindow()
            return self.campaigns_dialog
        dialog = CampaignsDialog(self._register, self._tasks, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda: setattr(self, "campaigns_dialog", None))
        self.campaigns_dialog = dialog
        dialog.open()
        return dialog

    def edit_templates(self) -> TemplateEditorDialog | None:
        """The template editor; a saved version shows in the campaign line at once."""
        try:
            dialog = TemplateEditorDialog(self._register, self._tasks, self)
        except KnownError as err:  # a register with no current campaign
            self._say(describe(err))
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda: setattr(self, "template_dialog", None))
        self.template_dialog = dialog
        dialog.open()
        return dialog

    def shutdown(self) -> None:
        self.printing.shutdown()

    def chosen_hamlet(self) -> str | None:
        """The hamlet whose unsigned list is shown (None: the whole commune)."""
        index = self.progress_view.currentIndex()
        return str(index.data(HAMLET_ID_ROLE) or "") or None if index.isValid() else None

    def select_hamlet(self, hamlet_id: str | None) -> None:
        row = self.progress_model.row_of(hamlet_id) if hamlet_id else None
        self.progress_view.selectRow(row if row is not None else self.progress_model.rowCount() - 1)

    def check_in(self, text: str) -> None:
        """Open the pledge of the household a scanned or typed code names."""
        try:
            found = check_in(self._register, text)
        except KnownError as err:
            self._say(describe(err))
            return
        self.check_in_message.clear()
        self._open(found)

    def open_pledge(self, household_id: str) -> RecordPledgeDialog:
        """The pledge dialog of a household of the register (from the unsigned list)."""
        household = repo.get_household(self._register.db, household_id)
        return self._open(check_in(self._register, household.code))

    def _open(self, found: CheckedIn) -> RecordPledgeDialog:
        if self.record_dialog is not None:
            self.record_dialog.close()
        dialog = RecordPledgeDialog(self._register, self._tasks, found, self)
        dialog.recorded.connect(self._recorded)
        dialog.archive_requested.connect(self.printing.print_archive)
        dialog.next_scanned.connect(self.check_in)
        dialog.scan_requested.connect(
            lambda attachment_id: self.printing.view_scan(attachment_id, dialog)
        )
        dialog.finished.connect(lambda _result: self.focus_check_in())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # Only this dialog's own end forgets it: a sheet scanned into it opens the next one
        # before it is deleted (its save lands on the write lane, then it closes).
        dialog.destroyed.connect(
            lambda: setattr(self, "record_dialog", None) if self.record_dialog is dialog else None
        )
        self.record_dialog = dialog
        dialog.open()
        return dialog

    # --- internals ----------------------------------------------------------------------

    def _say(self, message: str) -> None:
        """A refusal the clerk must see: under the check-in box and in the status bar."""
        self.check_in_message.setText(message)
        self.status_message.emit(message, HINT_MS)

    def show_changes(self, changed: Changed) -> None:
        """Count again when a write changed what the counts are made of (on show anyway)."""
        if self.isVisible() and changed.touches(
            "pledge", "household", "person", "hamlet", "campaign", "commune"
        ):
            self.refresh()

    def _recorded(self, pledge: object) -> None:
        household = self.record_dialog.household if self.record_dialog else None
        if household is not None:
            self.status_message.emit(
                self.tr("Household {code}: saved").format(code=household.code), HINT_MS
            )

    def _add_actions(self) -> None:
        """Templates, the two reports and printing, right of the check-in message."""
        self.templates_button = QPushButton(self.tr("&Templates…"))
        self.templates_button.setToolTip(self.tr("Copy and edit the text of the pledge sheet"))
        self.templates_button.clicked.connect(self.edit_templates)
        self.report_button = QPushButton(self.tr("Progress &report"))
        self.report_button.setToolTip(self.tr("Progress per hamlet as a PDF report to print"))
        self.report_button.clicked.connect(self.printing.progress_report)
        self.unsigned_button = QPushButton(self.tr("&Unsigned list"))
        self.unsigned_button.setToolTip(
            self.tr("The households not signed yet, for the hamlet heads (the chosen hamlet)")
        )
        self.unsigned_button.clicked.connect(
            lambda: self.printing.unsigned_lists(self.chosen_hamlet())
        )
        self.print_button = QPushButton(self.tr("&Print sheets…"))
        self.print_button.setToolTip(self.tr("Pre-filled pledge sheets of a hamlet (Ctrl+P)"))
        self.print_button.clicked.connect(self.ask_print)
        print_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self)
        print_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        print_shortcut.activated.connect(self.ask_print)
        for button in (
            self.templates_button,
            self.report_button,
            self.unsigned_button,
            self.print_button,
        ):
            self.actions_row.addWidget(button)

    def _fit_progress_columns(self) -> None:
        # Each column as wide as it reads; when they are wider than the table (a long
        # hamlet name on a 1024 px screen), the name gives up width (cut with "…", whole in
        # its tooltip) so the counts and the bar stay in view without scrolling sideways.
        # The last column (the bar) is left to stretch over the rest: sized here (from inside
        # the table's resize) it kept its own width.
        view = self.progress_view
        header = view.horizontalHeader()
        widths = {
            column: max(header.sectionSizeHint(column), view.sizeHintForColumn(column))
            for column in range(header.count())
        }
        for column in range(header.count() - 1):
            header.resizeSection(column, widths[column])
        hide_to_fit(view, widths, (), squeeze=0, least=HAMLET_LEAST)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The table's visible width changes with the window and with its scroll bar.
        if watched is self.progress_view.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_progress_columns()
        return super().eventFilter(watched, event)

    def _fit_progress_rows(self) -> None:
        # The hamlets' table takes the height of its rows (a commune has a handful to a few
        # dozen hamlets), up to half the page; the unsigned list gets the rest.
        if self._fitted or not self.isVisible():
            return
        view = self.progress_view
        wanted = (
            view.horizontalHeader().height()
            + view.verticalHeader().defaultSectionSize() * self.progress_model.rowCount()
            + 2 * view.frameWidth()
            + 4
        )
        total = sum(self.splitter.sizes())
        first = min(wanted, total // 2)
        self.splitter.setSizes([first, total - first])
        self._fitted = True

    def _show_unsigned(self, index: QModelIndex) -> None:
        if not index.isValid():
            self.unsigned_model.set_rows([])
            self.unsigned_label.clear()
            return
        hamlet_id = str(index.data(HAMLET_ID_ROLE) or "") or None
        progress = self.progress_model.progress_at(index.row())
        if hamlet_id is None:  # the whole commune: 0.3 s at 50,000 households
            QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
        try:
            rows = progress_service.unsigned_households(self._register, hamlet_id)
        finally:
            if hamlet_id is None:
                QApplication.restoreOverrideCursor()
        self.unsigned_model.set_rows(rows, hamlet_labels(self._register.db))
        every_commune = hamlet_id is None and not self._register.writer.edits_communes
        if every_commune and progress_service.total_name(self._register) == ALL_COMMUNES:
            text = self.tr("Not signed yet in all communes: {count} households")
        elif every_commune:  # an upper register of one commune: its name
            text = self.tr("Not signed yet in {hamlet}: {count} households")
        elif hamlet_id is None and progress is not None and progress.households == 0:
            text = self.tr(  # a new register: where its households come from
                "The register has no household yet: add households or import a list on"
                " Households (Ctrl+2), then print their sheets here."
            )
        elif hamlet_id is None:
            text = self.tr("Not signed yet in the whole commune: {count} households")
        else:
            text = self.tr("Not signed yet in {hamlet}: {count} households")
        text = text.format(
            hamlet=progress.hamlet_name if progress else "", count=group_thousands(len(rows))
        )
        nobody = sum(1 for row in rows if row.household_id in self._nobody_lives)
        if nobody:  # never signing: counted all the same, until deleted or updated
            text += self.tr(
                " — {count} of them where nobody lives any more: delete them or update their"
                " members (Overview)"
            ).format(count=group_thousands(nobody))
        self.unsigned_label.setText(text)

    def _open_unsigned(self, index: QModelIndex) -> None:
        household_id = self.unsigned_model.household_id(index.row())
        if household_id is not None:
            self.open_pledge(household_id)

    def _setup_table(self, view: QTableView, model: ProgressModel | UnsignedModel) -> None:
        setup_read_only_list(view, model, 10)
        columns = view.horizontalHeader()
        columns.setStretchLastSection(True)
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

    def showEvent(self, event: QShowEvent) -> None:
        # Households may have been added or moved on another page since the last look; the
        # cursor waits in the check-in box (a scanner can type at once, Ctrl+P prints).
        super().showEvent(event)
        self.refresh()
        self.focus_check_in()
