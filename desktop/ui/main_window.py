"""The main window: a side bar of places (Ctrl+1…), the commune in the title, long work below."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.register import OpenRegister
from desktop.ui.household_page import HouseholdPage
from desktop.ui.import_wizard import ImportWizard
from desktop.ui.pledge_page import PledgePage
from desktop.ui.settings_page import SettingsPage
from desktop.ui.tasks import TaskRunner
from desktop.userdata import set_preferred_language


class MainWindow(QMainWindow):
    """One window over one open register (DESIGN §10).

    Pages are added with add_page in side-bar order and reached with Ctrl+1, Ctrl+2, …;
    a page with a ``shutdown()`` method has it called when the window closes. Long work
    goes through ``self.tasks``; its progress bar and cancel button sit in the status bar.
    """

    def __init__(self, register: OpenRegister, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.register = register
        self._show_title()
        self.tasks = TaskRunner(register.path, self)
        self.sidebar = QListWidget()
        self.sidebar.setAccessibleName(self.tr("Places"))
        self.sidebar.setFixedWidth(168)
        self.sidebar.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pages = QStackedWidget()
        self.sidebar.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.import_action = QAction(self.tr("Import a list…"), self)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.setToolTip(
            self.tr("Import households from an Excel or CSV list (Ctrl+I)")
        )
        self.import_action.triggered.connect(self.open_import_wizard)
        self.addAction(self.import_action)
        self.import_wizard: ImportWizard | None = None
        import_button = QToolButton()
        import_button.setDefaultAction(self.import_action)
        import_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        import_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        side = QWidget()
        side.setFixedWidth(168)
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
        self._setup_task_bar()

        self.household_page = HouseholdPage(register, self)
        self.household_page.status_message.connect(self.statusBar().showMessage)
        self.household_page.set_writer_busy(lambda: self.tasks.busy)
        self.add_page(self.tr("Households"), self.household_page)

        self.pledge_page = PledgePage(register, self.tasks, self)
        self.pledge_page.status_message.connect(self.statusBar().showMessage)
        self.add_page(self.tr("Pledges"), self.pledge_page)
        check_in = QAction(self.tr("Check in a returned sheet"), self)
        check_in.setShortcut(QKeySequence("Ctrl+K"))
        check_in.triggered.connect(self._check_in)
        self.addAction(check_in)

        self._setup_editing_actions()

        find = QAction(self.tr("Search"), self)
        find.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        find.triggered.connect(self._find)
        self.addAction(find)
        self.find_action = find
        # Settings stays the last place of the side bar (DESIGN §10).
        self.settings_page = SettingsPage(register, self)
        self.settings_page.status_message.connect(self.statusBar().showMessage)
        self.settings_page.hamlets_changed.connect(self._hamlets_changed)
        self.settings_page.language_chosen.connect(self.reopen_in_language)
        self.settings_page.commune_changed.connect(self._show_title)
        self.add_page(self.tr("Settings"), self.settings_page)
        self.reopen_language: str | None = None  # set when the window closes to reopen

        self.statusBar().showMessage(self.tr("Register: {path}").format(path=register.path))
        self._closed = False

    def add_page(self, title: str, page: QWidget) -> int:
        """Add a place to the side bar; returns its index (Ctrl+index+1 opens it)."""
        index = self.pages.addWidget(page)
        QListWidgetItem(title, self.sidebar)
        if index < 9:
            action = QAction(title, self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda: self.show_page(index))
            self.addAction(action)
        if self.sidebar.currentRow() < 0:
            self.sidebar.setCurrentRow(0)
        return index

    def show_page(self, index: int) -> None:
        self.sidebar.setCurrentRow(index)

    def open_import_wizard(self) -> ImportWizard:
        """The import wizard over this register; the household list refreshes after it."""
        if self.import_wizard is None or not self.import_wizard.isVisible():
            self.import_wizard = ImportWizard(self.register, self.tasks, self)
            self.import_wizard.imported.connect(lambda _report: self.household_page.refresh())
            self.import_wizard.open()
        return self.import_wizard

    def _setup_editing_actions(self) -> None:
        page = self.household_page
        new = QAction(self.tr("New household"), self)
        new.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        new.triggered.connect(self._new_household)
        self.addAction(new)
        self.new_household_action = new
        edit = QAction(self.tr("Edit household"), self)
        edit.setShortcut(QKeySequence("Ctrl+E"))
        edit.triggered.connect(self._edit_household)
        self.addAction(edit)
        self.edit_household_action = edit
        undo = QAction(self.tr("Undo delete"), self)
        undo.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        undo.triggered.connect(page.undo_delete)
        self.addAction(undo)
        self.undo_action = undo
        self.undo_button = QPushButton(self.tr("Undo delete"))
        self.undo_button.setToolTip(
            undo.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        )
        self.undo_button.clicked.connect(page.undo_delete)
        self.undo_button.hide()
        self.statusBar().addPermanentWidget(self.undo_button)
        page.undo_available.connect(self.undo_button.setVisible)

    def _new_household(self) -> None:
        self.show_page(self.pages.indexOf(self.household_page))
        self.household_page.new_household()

    def _edit_household(self) -> None:
        self.show_page(self.pages.indexOf(self.household_page))
        self.household_page.edit_current()

    def _show_title(self) -> None:
        commune = self.register.commune
        self.setWindowTitle(
            self.tr("CamKet — {commune}, {province} — {path}").format(
                commune=commune.name, province=commune.province_name, path=self.register.path
            )
        )

    def reopen_in_language(self, language: str) -> None:
        """Save ``language`` as the user's and close this window so that the application
        opens a new one in it (app._show). Not while a long job runs (closing would cancel
        it); an unsaved household is asked about first, and may keep the window open."""
        if self.tasks.busy:
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
        set_preferred_language(language)

    def _hamlets_changed(self) -> None:
        self.household_page.reload_hamlets()
        self.household_page.refresh()  # a renamed hamlet shows in the list at once
        self.pledge_page.refresh()

    def _find(self) -> None:
        # The global search lives on the household page: go there and focus it.
        self.show_page(self.pages.indexOf(self.household_page))
        self.household_page.focus_search()

    def _check_in(self) -> None:
        self.show_page(self.pages.indexOf(self.pledge_page))
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

    def _task_started(self, title: str) -> None:
        self.task_progress.setRange(0, 0)  # busy until the first progress report
        self.task_progress.setFormat(title + " %p%")
        self.task_progress.show()
        self.task_cancel.show()
        self.statusBar().showMessage(title)

    def _task_progressed(self, done: int, total: int) -> None:
        self.task_progress.setRange(0, max(total, 1))
        self.task_progress.setValue(done)

    def _task_finished(self, title: str, completed: bool) -> None:
        self.task_progress.hide()
        self.task_cancel.hide()
        word = self.tr("done") if completed else self.tr("stopped")
        self.statusBar().showMessage(f"{title}: {word}", 8000)

    def shutdown(self) -> None:
        """Stop background work; safe to call more than once."""
        if self._closed:
            return
        self._closed = True
        self.tasks.shutdown()
        for index in range(self.pages.count()):
            stop = getattr(self.pages.widget(index), "shutdown", None)
            if callable(stop):
                stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closed and not self.household_page.leave_editor():
            event.ignore()  # the clerk chose to go back to the unsaved household
            return
        self.shutdown()
        super().closeEvent(event)
