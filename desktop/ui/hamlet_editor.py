"""The hamlets of a commune as a table with a form below it: add, rename, kind, head, border flag.

The set-up wizard keeps the hamlets in memory until the register exists (MemoryHamlets);
Settings edits those of an open register through the audited services (RegisterHamlets).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, ClassVar, Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.entities import Hamlet, HamletKind
from desktop.domain.errors import KnownError
from desktop.domain.text import normalize_text, text_sort_string
from desktop.domain.text_bounds import HAMLET_TEXT
from desktop.domain.unreadable import carried, unreadable
from desktop.messages import describe
from desktop.services.register import OpenRegister, check_hamlet_name, hamlet_kind_of
from desktop.services.settings import add_hamlet, update_hamlet
from desktop.store.households import list_hamlets
from desktop.ui.edits import save_on_lane
from desktop.ui.household_model import unreadable_text
from desktop.ui.tasks import TaskRunner
from desktop.ui.text_limits import limit_line, show_text

# QT_TRANSLATE_NOOP is typed as returning object; it returns the source string.
KIND_NAMES: dict[HamletKind, Any] = {
    HamletKind.THON: QT_TRANSLATE_NOOP("HamletKind", "thôn (village)"),
    HamletKind.BAN: QT_TRANSLATE_NOOP("HamletKind", "bản (highland village)"),
    HamletKind.AP: QT_TRANSLATE_NOOP("HamletKind", "ấp (southern hamlet)"),
    HamletKind.KHU_PHO: QT_TRANSLATE_NOOP("HamletKind", "khu phố (town quarter)"),
    HamletKind.TO_DAN_PHO: QT_TRANSLATE_NOOP("HamletKind", "tổ dân phố (residential group)"),
}


def kind_name(kind: HamletKind) -> str:
    return QCoreApplication.translate("HamletKind", KIND_NAMES[kind])


# Told how a change went: None when it is kept, else why it was refused.
Then = Callable[[KnownError | None], None]


class HamletStore(Protocol):
    """Where the editor's hamlets live. add and update call ``then`` once the change is kept
    or refused (at once in memory; on the write lane for a register, ``form`` waiting)."""

    removable: bool

    def hamlets(self) -> list[Hamlet]: ...

    def add(self, hamlet: Hamlet, form: QWidget, then: Then) -> None: ...

    def update(self, read: Hamlet, hamlet: Hamlet, form: QWidget, then: Then) -> None:
        """``hamlet`` as the form has it, ``read`` as the form was filled from."""
        ...

    def remove(self, hamlet_id: str) -> None: ...


class MemoryHamlets:
    """Hamlets planned in the set-up wizard, checked as create_register will check them."""

    removable = True

    def __init__(self) -> None:
        self._hamlets: list[Hamlet] = []

    def hamlets(self) -> list[Hamlet]:
        return list(self._hamlets)

    def add(self, hamlet: Hamlet, form: QWidget, then: Then) -> None:
        try:
            name = check_hamlet_name(hamlet.name, (h.name for h in self._hamlets))
        except KnownError as err:
            then(err)
            return
        self._hamlets.append(replace(hamlet, name=name))
        then(None)

    def update(self, read: Hamlet, hamlet: Hamlet, form: QWidget, then: Then) -> None:
        others = (h.name for h in self._hamlets if h.id != hamlet.id)
        try:
            stored = replace(hamlet, name=check_hamlet_name(hamlet.name, others))
        except KnownError as err:
            then(err)
            return
        self._hamlets = [stored if h.id == hamlet.id else h for h in self._hamlets]
        then(None)

    def remove(self, hamlet_id: str) -> None:
        self._hamlets = [h for h in self._hamlets if h.id != hamlet_id]


class RegisterHamlets:
    """The hamlets of an open register; every change is an audited write. Hamlets are never
    removed here: households and pledges point at them."""

    removable = False

    def __init__(self, register: OpenRegister, tasks: TaskRunner) -> None:
        self._register, self._tasks = register, tasks

    def hamlets(self) -> list[Hamlet]:
        return list_hamlets(self._register.db)

    def add(self, hamlet: Hamlet, form: QWidget, then: Then) -> None:
        save_on_lane(
            self._tasks, form, lambda reg: add_hamlet(reg, hamlet), lambda _h: then(None), then
        )

    def update(self, read: Hamlet, hamlet: Hamlet, form: QWidget, then: Then) -> None:
        save_on_lane(
            self._tasks,
            form,
            lambda reg: update_hamlet(reg, hamlet, read),
            lambda _c: then(None),
            then,
        )

    def remove(self, hamlet_id: str) -> None:
        raise NotImplementedError("hamlets of a register are not removed")


class EnterLineEdit(QLineEdit):
    """A line edit that keeps Enter for itself (the wizard's default button must not fire)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


class HamletEditor(QWidget):
    """Table of hamlets; the form below adds a new one or changes the selected one.

    Enter in the name or head field adds (or saves the selected hamlet); the kind follows
    the name ("Bản Nậm Tăm" is a bản) until the clerk picks one.
    """

    changed = Signal()  # the list of hamlets changed
    COLUMNS: ClassVar[tuple[Any, ...]] = (
        QT_TRANSLATE_NOOP("HamletEditor", "Hamlet"),
        QT_TRANSLATE_NOOP("HamletEditor", "Kind"),
        QT_TRANSLATE_NOOP("HamletEditor", "Head of hamlet"),
        QT_TRANSLATE_NOOP("HamletEditor", "Border or island"),
    )

    def __init__(self, store: HamletStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._editing: Hamlet | None = None  # the selected hamlet, None while adding
        self._kind_chosen = False  # the clerk picked a kind: the name no longer decides it
        self._shown: list[Hamlet] = []  # what the table shows, to notice changes elsewhere

        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels(
            [QCoreApplication.translate("HamletEditor", c) for c in self.COLUMNS]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the next control, not the next cell
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setAccessibleName(self.tr("Hamlets of the commune"))

        self.name = limit_line(EnterLineEdit(), HAMLET_TEXT["name"])
        self.name.setPlaceholderText(self.tr("e.g. Bản Nậm Tăm, Thôn 3"))
        self.kind = QComboBox()
        for kind in HamletKind:
            self.kind.addItem(kind_name(kind), kind)
        self.head = limit_line(EnterLineEdit(), HAMLET_TEXT["head_name"])
        self.head.setPlaceholderText(self.tr("full name, may stay empty"))
        self.border = QCheckBox(self.tr("Border or &island hamlet"))
        self.border.setChecked(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.error.hide()

        self.add_button = QPushButton(self.tr("&Add hamlet"))
        self.save_button = QPushButton(self.tr("&Save changes"))
        self.new_button = QPushButton(self.tr("N&ew hamlet"))
        self.remove_button = QPushButton(self.tr("Remo&ve"))
        self.remove_button.setVisible(store.removable)
        for button in (self.add_button, self.save_button, self.new_button, self.remove_button):
            button.setAutoDefault(False)

        form = QFormLayout()
        form.addRow(self.tr("Hamlet na&me:"), self.name)
        form.addRow(self.tr("&Kind:"), self.kind)
        form.addRow(self.tr("&Head of hamlet:"), self.head)
        form.addRow("", self.border)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.save_button, self.new_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, stretch=1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.error)

        self.name.textEdited.connect(self._follow_name)
        self.kind.activated.connect(self._kind_picked)
        self.name.returnPressed.connect(self.submit)
        self.head.returnPressed.connect(self.submit)
        self.add_button.clicked.connect(self.add)
        self.save_button.clicked.connect(self.save)
        self.new_button.clicked.connect(self.start_new)
        self.remove_button.clicked.connect(self.remove)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self._edit_name())
        self.table.installEventFilter(self)  # Enter on a row edits it (not the wizard's Next)
        self.reload()
        self.start_new()

    # --- public -------------------------------------------------------------------------

    def hamlets(self) -> list[Hamlet]:
        return self.store.hamlets()

    def has_pending_text(self) -> bool:
        """A name is typed in the form but not added yet."""
        return self._editing is None and bool(normalize_text(self.name.text()))

    def refresh_if_changed(self) -> None:
        """Show hamlets added or changed elsewhere (an import); the form is left alone when
        nothing changed, so a half-typed edit survives a visit to another page."""
        if self._sorted_hamlets() != self._shown:
            self.reload(select_id=self._editing.id if self._editing else None)

    def _sorted_hamlets(self) -> list[Hamlet]:
        return sorted(self.store.hamlets(), key=lambda h: text_sort_string(h.name))

    def reload(self, select_id: str | None = None) -> None:
        hamlets = self._sorted_hamlets()
        self._shown = hamlets
        self.table.blockSignals(True)
        self.table.setRowCount(len(hamlets))
        for row, hamlet in enumerate(hamlets):
            cells = (
                hamlet.name,
                unreadable_text(hamlet, "kind", kind_name(hamlet.kind)),
                hamlet.head_name,
                self.tr("yes") if hamlet.is_border else "",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, hamlet.id)
                self.table.setItem(row, column, item)
            if hamlet.id == select_id:
                self.table.selectRow(row)
        self.table.blockSignals(False)
        self._selection_changed()

    def submit(self) -> None:
        """Enter in the form: save the selected hamlet, or add a new one."""
        if self._editing is None:
            self.add()
        else:
            self.save()

    def add(self) -> None:
        self.store.add(self._hamlet_from_form(Hamlet(name="")), self, self._added)

    def _added(self, error: KnownError | None) -> None:
        if error is not None:
            self._refused(error)
            return
        self.reload()
        self.start_new()
        self.changed.emit()

    def save(self) -> None:
        if self._editing is None:
            self.add()
            return
        hamlet = self._hamlet_from_form(self._editing)
        read = self._editing
        self.store.update(read, hamlet, self, lambda error: self._updated(hamlet, error))

    def _updated(self, hamlet: Hamlet, error: KnownError | None) -> None:
        if error is not None:
            self._refused(error)
            return
        self.reload(select_id=hamlet.id)
        self.changed.emit()

    def remove(self) -> None:
        if self._editing is None or not self.store.removable:
            return
        self.store.remove(self._editing.id)
        self.reload()
        self.start_new()
        self.changed.emit()

    def start_new(self) -> None:
        """An empty form for the next hamlet, with the cursor in its name."""
        self.table.clearSelection()
        self._editing = None
        self._fill_form(Hamlet(name=""))
        self._kind_chosen = False
        self._update_buttons()
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- form ---------------------------------------------------------------------------

    def _hamlet_from_form(self, base: Hamlet) -> Hamlet:
        chosen = self.kind.currentData()
        edited = replace(
            base,
            name=self.name.text(),
            kind=base.kind if chosen is None else chosen,
            head_name=normalize_text(self.head.text()),
            is_border=self.border.isChecked(),
        )
        # A kind CamKet could not read, left unchosen, is kept (domain.unreadable).
        return carried(base, edited, ["kind"] if chosen is None else [])

    def _fill_form(self, hamlet: Hamlet) -> None:
        show_text(self.name, hamlet.name)
        # A kind CamKet could not read: none chosen, the stored one kept unless one is.
        unread = "kind" in unreadable(hamlet)
        self.kind.setCurrentIndex(-1 if unread else self.kind.findData(hamlet.kind))
        self.kind.setPlaceholderText(unreadable_text(hamlet, "kind", "") if unread else "")
        show_text(self.head, hamlet.head_name)
        self.border.setChecked(hamlet.is_border)
        self.error.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self._editing is not None
        ):
            self._edit_name()
            return True
        return super().eventFilter(watched, event)

    def _edit_name(self) -> None:
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)
        self.name.selectAll()

    def _follow_name(self, text: str) -> None:
        self.error.hide()
        if not self._kind_chosen:
            self.kind.setCurrentIndex(self.kind.findData(hamlet_kind_of(text)))

    def _kind_picked(self, _index: int) -> None:
        self._kind_chosen = True

    def _refused(self, err: KnownError) -> None:
        self.error.setText(describe(err))
        self.error.show()
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)
        self.name.selectAll()

    def _selection_changed(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        hamlet_id = rows[0].data(Qt.ItemDataRole.UserRole) if rows else None
        self._editing = next((h for h in self.store.hamlets() if h.id == hamlet_id), None)
        if self._editing is not None:
            self._fill_form(self._editing)
            self._kind_chosen = True
        self._update_buttons()

    def _update_buttons(self) -> None:
        editing = self._editing is not None
        self.add_button.setEnabled(not editing)
        self.save_button.setEnabled(editing)
        self.new_button.setEnabled(editing)
        self.remove_button.setEnabled(editing)
