"""The household register page: search and hamlet filter, the household list, the open household."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import KnownError
from desktop.messages import describe
from desktop.services import households as household_service
from desktop.services.communes import hamlet_choices
from desktop.services.households import DeletedHousehold
from desktop.services.register import OpenRegister
from desktop.store.changes import Changed
from desktop.ui.edits import save_on_lane
from desktop.ui.household_detail import HouseholdDetail, HouseholdDialog
from desktop.ui.household_editor import HouseholdEditor, shortcut_text
from desktop.ui.household_empty import EmptyList
from desktop.ui.household_history import HistoryDialog
from desktop.ui.household_list import setup_household_view
from desktop.ui.household_model import HouseholdTableModel, group_thousands
from desktop.ui.household_order import OrderButton
from desktop.ui.household_pledge import HouseholdPledgeBox
from desktop.ui.household_search import HouseholdSearch
from desktop.ui.screen_fit import HAMLET_LETTERS, fit_combo
from desktop.ui.search_box import search_box
from desktop.ui.tasks import TaskRunner

HINT_MS = 6000


class HouseholdPage(QWidget):
    """List with search on the left, the open household on the right (DESIGN §10)."""

    status_message = Signal(str, int)  # text, milliseconds to show it (0: until replaced)
    results_shown = Signal(int)  # a search answer reached the list: its household count
    undo_available = Signal(bool)  # a deleted household can be brought back (Ctrl+Z)
    import_requested = Signal()  # the empty register's "Import a list" button

    def __init__(
        self, register: OpenRegister, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._register, self._tasks = register, tasks
        self.results_loaded = False  # True once the first answer is in the list
        self.read_only = False  # an upper-level register: households are looked at, not edited

        self.search_box = search_box(self.tr("Search by name, personal ID, phone, household code…"))
        self.search_box.setAccessibleName(self.tr("Find households"))
        self.search_box.setToolTip(self.tr("Ctrl+F comes here; Esc empties the box"))

        self.hamlet_combo = QComboBox()
        self.hamlet_combo.setAccessibleName(self.tr("Filter by hamlet"))
        fit_combo(self.hamlet_combo, HAMLET_LETTERS)
        self.reload_hamlets()

        self.count_label = QLabel()
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.model = HouseholdTableModel(register.db, self)
        self.view = QTableView()
        setup_household_view(self.view, self.model)
        self.order_button = OrderButton(self.view)

        self.detail = HouseholdDetail(register.db)
        self.pledge_box = HouseholdPledgeBox(
            register.db,
            edits=register.writer.edits_communes and not register.read_only,
            each_commune=not register.writer.edits_communes,
        )
        self.pledge_box.hide()
        self.detail.household_shown.connect(self.pledge_box.show_household)
        self.editor = HouseholdEditor(register, tasks)
        self.last_deleted: DeletedHousehold | None = None
        self.person_dialog: HouseholdDialog | None = None
        self._wanted: str | None = None  # a household just saved: keep it open
        self.new_button = QPushButton(self.tr("New household"))
        self.new_button.setToolTip(shortcut_text(QKeySequence.StandardKey.New))
        self.edit_button = QPushButton(self.tr("Edit"))
        self.edit_button.setToolTip("Ctrl+E")
        self.delete_button = QPushButton(self.tr("Delete"))
        self.history_button = QPushButton(self.tr("History"))
        self.history_button.setToolTip(self.tr("Who changed what in this household, and when"))
        self.history_dialog: HistoryDialog | None = None
        self.delete_button.setToolTip(self.tr("Delete key in the list; Ctrl+Z brings it back"))
        actions = QHBoxLayout()
        actions.setContentsMargins(12, 8, 8, 0)
        for button in (
            self.new_button,
            self.edit_button,
            self.history_button,
            self.delete_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        self.detail_panel = QWidget()
        detail_layout = QVBoxLayout(self.detail_panel)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addLayout(actions)
        detail_layout.addWidget(self.pledge_box)
        detail_layout.addWidget(self.detail, stretch=1)
        self.right = QStackedWidget()
        self.right.addWidget(self.detail_panel)
        # In a scroll area, so the editor's width never widens the window (1366 px screens).
        self.editor_area = QScrollArea()
        self.editor_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no Tab stop: it shows none
        self.editor_area.setWidget(self.editor)
        self.editor_area.setWidgetResizable(True)
        self.editor_area.setFrameShape(QFrame.Shape.NoFrame)
        self.right.addWidget(self.editor_area)

        filters = QHBoxLayout()
        filters.addWidget(self.hamlet_combo, stretch=1)
        filters.addWidget(self.order_button)
        filters.addWidget(self.count_label)
        left = QWidget()
        self.list_panel = left
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)
        left_layout.addWidget(self.search_box)
        left_layout.addLayout(filters)
        self.empty = EmptyList()
        self.empty.add_requested.connect(self.new_household)
        self.empty.import_requested.connect(self.import_requested)
        self.empty.clear_requested.connect(self.clear_search)
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.view)
        self.list_stack.addWidget(self.empty)
        left_layout.addWidget(self.list_stack, stretch=1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([560, 800])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.search = HouseholdSearch(register.path, self)
        self.search.found.connect(self._show_found)
        self.search.refused.connect(self._show_refused)
        self.search.failed.connect(self._show_failed)
        self.search_box.textChanged.connect(lambda _text: self._ask())
        self.search_box.returnPressed.connect(self._focus_list)
        self.hamlet_combo.currentIndexChanged.connect(lambda _i: self._ask(immediately=True))
        self.model.order_changed.connect(lambda: self._ask(immediately=True))
        self.view.selectionModel().currentRowChanged.connect(self._show_current)
        self._connect_editing()
        self._ask(immediately=True)

    # --- public -------------------------------------------------------------------------

    def focus_first(self) -> None:
        """Shown by Ctrl+2 or the side bar: the keyboard in the search box (a name typed
        searches at once), or in the household being edited."""
        if self.editing:
            self.editor.tab_order[0].setFocus()
        else:
            self.search_box.setFocus()

    def focus_search(self) -> None:
        if not self.leave_editor():
            return
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.view.selectRow(row)
            self.view.scrollTo(self.model.index(row, 0))

    def open_household(self, household_id: str) -> None:
        """Show this household, the list unfiltered and selected on it."""
        if not self.leave_editor():
            return
        self._wanted = household_id
        self.search_box.blockSignals(True)
        self.search_box.clear()
        self.search_box.blockSignals(False)
        self.hamlet_combo.blockSignals(True)
        self.hamlet_combo.setCurrentIndex(0)
        self.hamlet_combo.blockSignals(False)
        self.detail.show_household(household_id)
        self._ask(immediately=True)

    def search_for(self, text: str) -> None:
        """The list as searched for ``text`` (every commune of the register), focus in the box."""
        if not self.leave_editor():
            return
        self.search_box.setText(text)
        self._ask(immediately=True)
        self.search_box.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_read_only(self) -> None:
        """No adding, editing or deleting (an upper-level register only looks)."""
        self.read_only = True
        for button in (self.new_button, self.edit_button, self.delete_button):
            button.hide()

    def reload_hamlets(self) -> None:
        chosen = self.hamlet_combo.currentData()
        self.hamlet_combo.blockSignals(True)
        self.hamlet_combo.clear()
        self.hamlet_combo.addItem(self.tr("All hamlets"), None)
        for hamlet_id, label in hamlet_choices(self._register.db):
            self.hamlet_combo.addItem(label, hamlet_id)
        self.hamlet_combo.setCurrentIndex(max(0, self.hamlet_combo.findData(chosen)))
        self.hamlet_combo.blockSignals(False)

    def refresh(self) -> None:
        """Read the register again (after an import): hamlets, then the list as searched."""
        self.reload_hamlets()
        self._ask(immediately=True)

    def shutdown(self) -> None:
        """Wait for a running search and close its connection (before the register closes)."""
        self.editor.shutdown()
        self.search.shutdown()

    # --- search -------------------------------------------------------------------------

    def _ask(self, *, immediately: bool = False) -> None:
        self.search.request(
            self.search_box.text(),
            self.hamlet_combo.currentData(),
            self.model.order,
            immediately=immediately,
        )

    def _show_found(self, sequence: int, _query: str, ids: list[str]) -> None:
        if sequence != self.search.latest:
            return  # an older query finished late: its answer is no longer wanted
        chosen = self._wanted or self.detail.household_id
        self.model.set_ids(ids, _query)
        self._show_empty(len(ids) == 0, _query)
        many = self.tr("{count} households") if len(ids) != 1 else self.tr("{count} household")
        self.count_label.setText(many.format(count=group_thousands(len(ids))))
        self.results_loaded = True
        if self.editing:
            self.results_shown.emit(len(ids))
            return  # the open editor keeps its household; the list catches up when it closes
        row = self.model.row_of(chosen) if chosen else None
        if row is not None:
            self.select_row(row)
        elif chosen != self._wanted and not self.editing:
            self.detail.show_household(None)
        self._wanted = None
        self._update_actions()
        self.results_loaded = True
        self.results_shown.emit(len(ids))

    def _show_empty(self, empty: bool, query: str) -> None:
        """An empty list says why and what to do next."""
        if not empty:
            self.list_stack.setCurrentWidget(self.view)
            return
        if query.strip() or self.hamlet_combo.currentData() is not None:
            self.empty.show_no_hits(query)
        else:
            self.empty.show_empty_register(
                look_only=self.read_only, upper=not self._register.writer.edits_communes
            )
        self.list_stack.setCurrentWidget(self.empty)

    def clear_search(self) -> None:
        """Every household again: the search box and the hamlet filter emptied."""
        self.search_box.clear()
        self.hamlet_combo.setCurrentIndex(0)
        self.search_box.setFocus()

    def _show_refused(self, sequence: int, error: KnownError) -> None:
        if sequence == self.search.latest:
            self.status_message.emit(describe(error), HINT_MS)

    def _show_failed(self, sequence: int, detail: str) -> None:
        if sequence == self.search.latest:
            self.status_message.emit(self.tr("Search failed: {detail}").format(detail=detail), 0)

    # --- list ---------------------------------------------------------------------------

    def _show_current(self, current: QModelIndex, previous: QModelIndex) -> None:
        household_id = self.model.household_id(current.row())
        if self.editing and household_id != self.editor.household_id:
            if not self.editor.confirm_leave():
                # Stay on the household being edited.
                self.view.selectionModel().blockSignals(True)
                self.view.selectionModel().setCurrentIndex(
                    previous,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.view.selectionModel().blockSignals(False)
                return
            self.right.setCurrentWidget(self.detail_panel)
        self.detail.show_household(household_id)
        matched = self.model.matched_member(current.row())
        if matched is not None:
            self.detail.select_person(matched[0])
        self._update_actions()

    # --- editing ------------------------------------------------------------------------

    @property
    def editing(self) -> bool:
        return self.right.currentWidget() is self.editor_area

    def _connect_editing(self) -> None:
        self.new_button.clicked.connect(self.new_household)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.history_button.clicked.connect(self.show_history)
        # Enter or a double click on a household in the list opens it for editing.
        self.view.activated.connect(lambda _index: self.edit_current())
        self.editor.saved.connect(self._saved)
        self.editor.closed.connect(self._editor_closed)
        self.editor.status_message.connect(self.status_message)
        self.editor.open_person.connect(self.show_person)
        self.editor.print_asked.connect(self._print_edited)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.view)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_current)
        self._update_actions()

    def _print_edited(self) -> None:
        """Ctrl+P in the editor, as in the household's view: its sheet, as saved. Before, it
        did nothing there; a change not yet saved is said first, since the sheet would
        not show it."""
        household_id = self.editor.household_id
        if household_id is None or self.editor.is_new or self.editor.dirty:
            self.status_message.emit(
                self.tr("Save the household first: its sheet (Ctrl+P) prints what is saved."),
                HINT_MS,
            )
            return
        self.pledge_box.print_household(household_id)

    def _update_actions(self) -> None:
        chosen = self.detail.household_id is not None
        self.edit_button.setEnabled(chosen)
        self.history_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def leave_editor(self) -> bool:
        """True when no edit is open any more (nothing unsaved, saved, or dropped)."""
        if not self.editing:
            return True
        if not self.editor.confirm_leave():
            return False
        self._editor_closed()
        return True

    def new_household(self) -> None:
        if self.read_only or not self.leave_editor():
            return
        self.editor.edit_new(self.hamlet_combo.currentData())
        self._open_editor()

    def edit_current(self) -> None:
        household_id = self.detail.household_id
        if household_id is None or self.editing or self.read_only:
            return
        self.editor.edit_household(household_id)
        self._open_editor()

    def _open_editor(self) -> None:
        # The roster wants the width: the list steps aside until the editor closes.
        self.list_panel.hide()
        self.right.setCurrentWidget(self.editor_area)

    def _saved(self, household_id: str) -> None:
        # The list reads the register again on the write's notice (show_changes).
        self._wanted = household_id
        self.detail.show_household(household_id)

    def _editor_closed(self) -> None:
        self.right.setCurrentWidget(self.detail_panel)
        self.list_panel.show()
        row = self.view.currentIndex().row()
        if self._wanted is None:
            self.detail.show_household(self.model.household_id(row) if row >= 0 else None)
        self._update_actions()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_person(self, household_id: str, person_id: str) -> None:
        """Open another household read-only, beside the editor, with this person selected."""
        if self.person_dialog is not None:
            self.person_dialog.close()
        self.person_dialog = HouseholdDialog(self._register.db, household_id, person_id, self)
        self.person_dialog.show()

    def show_history(self) -> None:
        household_id = self.detail.household_id
        if household_id is None:
            return
        if self.history_dialog is not None:
            self.history_dialog.close()
        self.history_dialog = HistoryDialog(self._register, household_id, self)
        self.history_dialog.show()

    def delete_current(self) -> None:
        household_id = self.detail.household_id
        if household_id is None or self.editing or self.read_only:
            return
        save_on_lane(
            self._tasks,
            self.detail_panel,
            lambda register: household_service.delete_household(register, household_id),
            self._deleted,
            self._refused,
            button=self.delete_button,
        )

    def _deleted(self, deleted: DeletedHousehold) -> None:
        self.last_deleted = deleted
        self.detail.show_household(None)
        self._update_actions()
        self.status_message.emit(
            self.tr("Household {code} deleted. Ctrl+Z brings it back.").format(code=deleted.code),
            0,
        )
        self.undo_available.emit(True)

    def undo_delete(self) -> None:
        deleted = self.last_deleted
        if deleted is None or self.editing:
            return
        save_on_lane(
            self._tasks,
            self.detail_panel,
            lambda register: household_service.undo_delete(register, deleted),
            lambda _none: self._undone(deleted),
            self._refused,
        )

    def _undone(self, deleted: DeletedHousehold) -> None:
        self.last_deleted = None
        self.undo_available.emit(False)
        self.status_message.emit(
            self.tr("Household {code} is back.").format(code=deleted.code), HINT_MS
        )
        self._wanted = deleted.household_id
        self.detail.show_household(deleted.household_id)

    def _refused(self, error: KnownError) -> None:
        self.status_message.emit(describe(error), HINT_MS)

    def show_changes(self, changed: Changed) -> None:
        """Read again what a write changed: the hamlets, the list as searched, the open
        household and its pledge."""
        if changed.touches("hamlet", "commune"):
            self.reload_hamlets()
        if changed.touches("household", "person", "hamlet", "relative_abroad", "commune"):
            self._ask(immediately=True)
        shown = self.detail.household_id
        if not self.editing and (changed.touches_household(shown) or changed.touches("campaign")):
            self.detail.show_household(shown)  # and its pledge box

    def _focus_list(self) -> None:
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.view.selectionModel().hasSelection():
            self.select_row(0)
