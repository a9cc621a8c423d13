"""The main window: a side bar of places (Ctrl+1…), the File menu, the commune and file in the
title, long work below."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.register import OpenRegister
from desktop.store.changes import Changed
from desktop.store.local import is_sample, is_upper
from desktop.store.register_database import use_sqlite_utils
from desktop.ui.backup_actions import BackupActions
from desktop.ui.encryption_actions import EncryptionActions
from desktop.ui.file_menu import FileMenu
from desktop.ui.places import Place, Places
from desktop.ui.qt_values import set_enum_property, set_shortcut
from desktop.ui.read_only_banner import add_read_only_banner
from desktop.ui.spreadsheet_export import SpreadsheetExport
from desktop.ui.tasks import TaskRunner
from desktop.userdata import set_preferred_language

if TYPE_CHECKING:
    from desktop.ui.exchange_page import ExchangePage
    from desktop.ui.household_page import HouseholdPage
    from desktop.ui.import_wizard import ImportWizard
    from desktop.ui.pledge_page import PledgePage
    from desktop.ui.settings_page import SettingsPage

SIDE_WIDTH = 184
# What an upper-level register hides on each page: it looks at the communes' data and edits
# none of it (it only settles conflicts, on the Trao đổi dữ liệu page).
EDITING_WIDGETS = {
    "movements": ("new_button", "end_button", "handed_button", "reported_button", "new_tip_button"),
    "pledges": ("check_in_label", "check_in_box", "templates_button", "print_button"),
    "settings": ("change_commune_button",),
}


log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """One window over one open register (DESIGN §10).

    Places are registered with ``self.places.add(Place(...))``: the side bar orders them by
    their Ctrl+N and builds a page the first time it is shown. A page with a ``shutdown()``
    method has it called when the window closes. Long work goes through ``self.tasks``; its
    progress bar and cancel button sit in the status bar. Closing the window with
    ``next_register`` set asks the application to open that register next (File menu).
    """

    def __init__(self, register: OpenRegister, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.register = register
        self.next_register: Path | None = None
        self.next_opened: OpenRegister | None = None  # that register, opened by File ▸ Open
        self.reopen_language: str | None = None  # set when the window closes to reopen
        self._closed = False
        self._after_paint: list[Callable[[], None]] | None = []  # None once painted
        self.sample = is_sample(register.db)  # recorded when the sample was made
        self.sample_mark: QLabel | None = None  # the status bar's word that data is made up
        self._show_title()
        self.tasks = TaskRunner(register.path, self)
        self.tasks.changed.connect(self.show_changes)
        self.places = Places(self)
        self.sidebar, self.pages = self.places.sidebar, self.places.pages
        self.import_action = QAction(self.tr("Import a list…"), self)
        set_shortcut(self.import_action, QKeySequence("Ctrl+I"))
        self.import_action.setToolTip(
            self.tr("Import households from an Excel or CSV list (Ctrl+I)")
        )
        self.import_action.triggered.connect(self.open_import_wizard)
        self.addAction(self.import_action)
        self.import_wizard: ImportWizard | None = None
        import_button = self.import_button = QToolButton()
        import_button.setDefaultAction(self.import_action)
        set_enum_property(import_button, "toolButtonStyle", "ToolButtonTextOnly")
        import_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        side = QWidget()
        side.setFixedWidth(SIDE_WIDTH)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 4)
        side_layout.setSpacing(4)
        side_layout.addWidget(self.sidebar, stretch=1)
        side_layout.addWidget(import_button)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(side)
        layout.addWidget(self.pages, stretch=1)
        self.setCentralWidget(central)
        self.read_only_banner = add_read_only_banner(self, register)
        self._setup_task_bar()
        self.file_menu = FileMenu(self)
        self.backup_actions = BackupActions(self)
        self.encryption_actions = EncryptionActions(self)
        self.spreadsheet_export = SpreadsheetExport(self)
        if self.sample:
            self._mark_sample()

        self.places.add(Place("overview", self.tr("Overview"), "overview.svg", 1, self._overview))
        self.places.add(
            Place("households", self.tr("Households"), "households.svg", 2, self._households)
        )
        self.places.add(
            Place("movements", self.tr("Movements"), "movements.svg", 4, self._movements)
        )
        self._overview_counted = False  # the page counted when built: no second count on show
        self.places.shown.connect(self._place_shown)
        self.places.add(Place("pledges", self.tr("Pledges"), "pledges.svg", 3, self._pledges))
        self.places.add(Place("settings", self.tr("Settings"), "settings.svg", 6, self._settings))
        self.places.add(
            Place("exchange", self.tr("Data exchange"), "exchange.svg", 5, self._exchange)
        )
        check_in = QAction(self.tr("Check in a returned sheet"), self)
        set_shortcut(check_in, QKeySequence("Ctrl+K"))
        check_in.triggered.connect(self._check_in)
        self.addAction(check_in)
        self.check_in_action = check_in
        self._setup_editing_actions()
        find = QAction(self.tr("Search"), self)
        set_shortcut(find, QKeySequence(QKeySequence.StandardKey.Find))
        find.triggered.connect(self._find)
        self.addAction(find)
        self.find_action = find

        self.statusBar().showMessage(self.tr("Register: {path}").format(path=register.path))
        self.upper = is_upper(register.db)
        # An upper level edits no commune's rows; a register open read-only (a CD, a locked
        # stick, a damaged file: its banner says so) takes no edit: neither offers one.
        self.looks_only = self.upper or register.read_only
        if self.looks_only:
            for action in (
                self.import_action,
                self.new_household_action,
                self.edit_household_action,
                self.undo_action,
                self.check_in_action,
            ):
                action.setEnabled(False)
            self.import_button.hide()  # not a greyed button that never works here
        if self.upper:  # it opens on its communes
            self.places.show("exchange")
        else:
            self.places.show(self.places.keys()[0])  # the window opens on the first place
        # The window reads its first page through the plain connection; sqlite-utils, which
        # every edit writes through, is imported once the window is on screen.
        self.after_first_paint(lambda: use_sqlite_utils(register.db))

    # --- places ---------------------------------------------------------------------------

    @property
    def household_page(self) -> HouseholdPage:
        return cast("HouseholdPage", self.places.page("households"))

    def _built_households(self) -> HouseholdPage | None:
        """The household page if it was built (a place not yet shown has nothing to do)."""
        return cast("HouseholdPage | None", self.places.built("households"))

    @property
    def pledge_page(self) -> PledgePage:
        return cast("PledgePage", self.places.page("pledges"))

    @property
    def settings_page(self) -> SettingsPage:
        return cast("SettingsPage", self.places.page("settings"))

    @property
    def exchange_page(self) -> ExchangePage:
        return cast("ExchangePage", self.places.page("exchange"))

    def _households(self) -> QWidget:
        from desktop.ui.household_page import HouseholdPage

        page = HouseholdPage(self.register, self.tasks, self)
        if self.looks_only:
            page.set_read_only()
        page.status_message.connect(self.statusBar().showMessage)
        page.undo_available.connect(self.undo_button.setVisible)
        page.import_requested.connect(self.open_import_wizard)
        page.empty.exchange_requested.connect(lambda: self.show_place("exchange"))
        page.pledge_box.print_requested.connect(self.print_household_sheet)
        page.pledge_box.record_requested.connect(self.record_household_result)
        page.pledge_box.review.connect(self.review_conflict)
        page.editor.conflict_notice.review.connect(self.review_conflict)
        return page

    def _overview(self) -> QWidget:
        from desktop.ui.overview_page import OverviewPage

        page = OverviewPage(self.register, self.tasks, self)
        page.open_movement.connect(self.open_movement)
        page.open_household.connect(self.open_household)
        page.open_unsigned.connect(lambda: self.show_place("pledges"))
        page.empty.add_requested.connect(self._new_household)
        page.empty.import_requested.connect(self.open_import_wizard)
        self._overview_counted = True
        return page

    def _movements(self) -> QWidget:
        from desktop.ui.ledger_page import LedgerPage

        page = LedgerPage(self.register, self.tasks, self)
        if self.looks_only:
            page.set_read_only()
        page.status_message.connect(self.statusBar().showMessage)
        self._look_only("movements", page)
        return page

    def _place_shown(self, key: str) -> None:
        # Tổng quan counts again each time it comes back into view.
        if key == "overview":
            page = self.places.page("overview")
            if self._overview_counted:
                self._overview_counted = False
            else:
                page.refresh()  # type: ignore[attr-defined]

    def open_movement(self, movement_id: str) -> None:
        """The Biến động page with this movement selected (a reminder's link)."""
        self.show_place("movements")
        self.places.page("movements").select_movement(movement_id)  # type: ignore[attr-defined]

    def _pledges(self) -> QWidget:
        from desktop.ui.pledge_page import PledgePage

        page = PledgePage(self.register, self.tasks, self)
        page.status_message.connect(self.statusBar().showMessage)
        self._look_only("pledges", page)
        return page

    def _settings(self) -> QWidget:
        from desktop.ui.settings_page import SettingsPage

        page = SettingsPage(self.register, self.tasks, self)
        page.status_message.connect(self.statusBar().showMessage)
        page.language_chosen.connect(self.reopen_in_language)
        self._look_only("settings", page)
        return page

    def _exchange(self) -> QWidget:
        from desktop.ui.exchange_page import ExchangePage

        page = ExchangePage(self.register, self.tasks, self)
        page.status_message.connect(self.statusBar().showMessage)
        page.spreadsheet_requested.connect(self.spreadsheet_export.open_dialog)
        page.open_household.connect(self.open_household)
        page.search_households.connect(self.search_households)
        page.import_requested.connect(self.open_import_wizard)
        return page

    def _look_only(self, key: str, page: QWidget) -> None:
        """On an upper-level register or one open read-only, the page's editing widgets are
        hidden (and its own shortcuts, which print or start campaigns, off)."""
        if not self.looks_only:
            return
        for name in EDITING_WIDGETS.get(key, ()):
            getattr(page, name).hide()
        if key == "pledges":  # Ctrl+D stays: which campaign to count is this PC's choice
            for shortcut in page.findChildren(QShortcut):
                shortcut.setEnabled(shortcut.key() == QKeySequence("Ctrl+D"))
        if key == "settings":  # the hamlets and the staff are the communes' own
            settings = cast("SettingsPage", page)
            for box in (settings.hamlet_editor, settings.save_staff_button):
                parent = box.parentWidget()
                if parent is not None:
                    parent.hide()

    def show_changes(self, changed: Changed) -> None:
        """The one notice after every write on the task lane (an edit, an import, a merge):
        the commune and the title read again when it changed, then each page built so far
        reads again what it shows of the changed tables (its ``show_changes``)."""
        if changed.touches("commune"):
            self.register.reload_commune()
        if not self.sample and is_sample(self.register.db):  # an upper register took a sample
            self.sample = True
            self._mark_sample()
        self._show_title()
        for page in self.places.built_pages():
            show = getattr(page, "show_changes", None)
            if callable(show):
                show(changed)

    def open_household(self, household_id: str) -> None:
        """The Hộ gia đình page with this household open (Ctrl+E edits it)."""
        self.show_place("households")
        self.household_page.open_household(household_id)

    def review_conflict(self, conflict_id: str) -> None:
        """Trao đổi dữ liệu's conflicts with this one shown (from a household's editor)."""
        self.show_place("exchange")
        self.exchange_page.show_conflict(conflict_id)

    def search_households(self, text: str) -> None:
        """The household list searched for ``text`` across every commune of the register."""
        self.show_place("households")
        self.household_page.search_for(text)

    def print_household_sheet(self, household_id: str) -> None:
        """One household's pre-filled sheet of the current campaign, to the preview."""
        from desktop.store.pledges import current_campaign
        from desktop.ui.print_dialog import PrintRequest

        campaign = current_campaign(self.register.db)
        if campaign is None:
            return
        request = PrintRequest(campaign.id, None, False, 1, household_ids=(household_id,))
        self.pledge_page.printing.print_sheets(request)

    def record_household_result(self, household_id: str) -> QWidget:
        """The pledge dialog of this household; the household view shows what was saved."""
        return self.pledge_page.open_pledge(household_id)

    def show_place(self, key: str) -> None:
        self.places.show(key)

    def show_page(self, index: int) -> None:
        """Show the place at this row of the side bar (0 is the first)."""
        self.places.show(self.places.keys()[index])

    def open_import_wizard(self) -> ImportWizard:
        """The import wizard over this register; the open views refresh after it."""
        from desktop.ui.import_wizard import ImportWizard

        if self.import_wizard is None or not self.import_wizard.isVisible():
            self.import_wizard = ImportWizard(self.register, self.tasks, self)
            self.import_wizard.open()
        return self.import_wizard

    def _setup_editing_actions(self) -> None:
        new = QAction(self.tr("New household"), self)
        set_shortcut(new, QKeySequence(QKeySequence.StandardKey.New))
        new.triggered.connect(self._new_household)
        self.addAction(new)
        self.new_household_action = new
        edit = QAction(self.tr("Edit household"), self)
        set_shortcut(edit, QKeySequence("Ctrl+E"))
        edit.triggered.connect(self._edit_household)
        self.addAction(edit)
        self.edit_household_action = edit
        undo = QAction(self.tr("Undo delete"), self)
        set_shortcut(undo, QKeySequence(QKeySequence.StandardKey.Undo))
        undo.triggered.connect(lambda: self.household_page.undo_delete())
        self.addAction(undo)
        self.undo_action = undo
        self.undo_button = QPushButton(self.tr("Undo delete"))
        self.undo_button.setToolTip(
            undo.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        )
        self.undo_button.clicked.connect(lambda: self.household_page.undo_delete())
        self.undo_button.hide()
        self.statusBar().addPermanentWidget(self.undo_button)

    def _new_household(self) -> None:
        # Ctrl+N on the Biến động page records a movement; anywhere else, a new household.
        if self.places.current_key() == "movements":
            self.places.page("movements").add_movement()  # type: ignore[attr-defined]
            return
        self.show_place("households")
        self.household_page.new_household()

    def _edit_household(self) -> None:
        if self.places.current_key() == "movements":
            self.places.page("movements").end_current()  # type: ignore[attr-defined]
            return
        self.show_place("households")
        self.household_page.edit_current()

    def _show_title(self) -> None:
        commune = self.register.commune
        province = commune.province_name
        if province and commune.name.endswith(province):  # "Sổ cấp trên tỉnh Lai Châu"
            province = ""
        place = ", ".join(part for part in (commune.name, province) if part)
        title = self.tr("CamKet — {place} — {path}").format(place=place, path=self.register.path)
        if self.sample:
            title = self.tr("SAMPLE DATA — {title}").format(title=title)
        self.setWindowTitle(title)

    def _mark_sample(self) -> None:
        """Made-up data says so in the status bar for as long as it is open."""
        mark = QLabel(self.tr("Sample data (made up): not a real register"))
        mark.setStyleSheet("QLabel { background: #fff1c2; color: #6b4a00; padding: 1px 8px; }")
        mark.setToolTip(self.tr("File ▸ New register… sets up your commune's own register."))
        self.statusBar().addPermanentWidget(mark)
        self.sample_mark = mark

    def open_register(self, path: Path, opened: OpenRegister | None = None) -> bool:
        """Close this window so that the application opens the register at ``path`` in a new
        one (``opened``: already opened, by File ▸ Open); False when the window stays (a job
        the clerk asked for runs, or an unsaved household kept it), ``opened`` left to the
        caller. A count or the daily backup under way is stopped, not waited for."""
        if self.tasks.working:
            self.statusBar().showMessage(
                self.tr("Wait for the running job to end, then open the register again."), 8000
            )
            return False
        self.next_register, self.next_opened = path, opened
        if not self.close():
            self.next_register = self.next_opened = None
            return False
        return True

    def reopen_in_language(self, language: str) -> None:
        """Save ``language`` as the user's and close this window so that the application
        opens a new one in it (app._show). Not while a long job runs (closing would cancel
        it); an unsaved household is asked about first, and may keep the window open."""
        if self.tasks.working:
            self.settings_page.show_current_language()
            self.statusBar().showMessage(
                self.tr("Wait for the running job to end, then choose the language again."),
                8000,
            )
            return
        self.reopen_language = language
        if not self.close():
            self.reopen_language = None
            self.settings_page.show_current_language()
            return
        try:
            set_preferred_language(language)
        except OSError as exc:  # a data folder that takes no writes: this session's only
            log.warning("the language chosen is not saved: %s", exc)

    def _find(self) -> None:
        # The global search lives on the household page: go there and focus it.
        self.show_place("households")
        self.household_page.focus_search()

    def _check_in(self) -> None:
        self.show_place("pledges")
        self.pledge_page.focus_check_in()

    def _setup_task_bar(self) -> None:
        self.task_progress = QProgressBar()
        self.task_progress.setMaximumWidth(220)
        self.task_progress.setTextVisible(True)
        self.task_cancel = QPushButton(self.tr("Cancel"))
        self.task_cancel.clicked.connect(self.tasks.cancel)
        for widget in (self.task_progress, self.task_cancel):
            widget.hide()
            self.statusBar().addPermanentWidget(widget)
        self.tasks.started.connect(self._task_started)
        self.tasks.progressed.connect(self._task_progressed)
        self.tasks.finished.connect(self._task_finished)
        self.tasks.edit_waiting.connect(self._edit_waiting)

    def _task_started(self, title: str) -> None:
        self.task_progress.setRange(0, 0)  # busy until the first progress report
        self.task_progress.setFormat(title + " %p%")
        self.task_progress.show()
        self.task_cancel.show()
        self.statusBar().showMessage(title)

    def _edit_waiting(self, job: str) -> None:
        self.statusBar().showMessage(
            self.tr("The save waits for “{job}” to let it in; the window goes on.").format(job=job),
            8000,
        )

    def _task_progressed(self, done: int, total: int) -> None:
        self.task_progress.setRange(0, max(total, 1))
        self.task_progress.setValue(done)

    def _task_finished(self, title: str, completed: bool) -> None:
        self.task_progress.hide()
        self.task_cancel.hide()
        word = self.tr("done") if completed else self.tr("stopped")
        self.statusBar().showMessage(f"{title}: {word}", 8000)

    def after_first_paint(self, work: Callable[[], None]) -> None:
        """Call ``work`` once the window is first painted (at once if it was): the work a
        start puts on the task lane (the daily backup) would otherwise share the interpreter
        with the first paint, and a stale backup copy the disk beside it."""
        if self._after_paint is None:
            work()
        else:
            self._after_paint.append(work)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._after_paint is not None:
            waiting, self._after_paint = self._after_paint, None
            # Queued: called once this paint is done and on screen, still long before the
            # clerk can have saved an edit (the backup is on the lane before any edit).
            for work in waiting:
                QTimer.singleShot(0, work)

    def shutdown(self) -> None:
        """Stop background work; safe to call more than once."""
        if self._closed:
            return
        self._closed = True
        self.tasks.shutdown()
        for page in self.places.built_pages():
            stop = getattr(page, "shutdown", None)
            if callable(stop):
                stop()

    def leave_editing(self) -> bool:
        """False when the clerk chose to go back to an unsaved household."""
        households = self._built_households()
        return households is None or households.leave_editor()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closed and not self.leave_editing():
            event.ignore()  # the clerk chose to go back to the unsaved household
            return
        self.shutdown()
        super().closeEvent(event)
