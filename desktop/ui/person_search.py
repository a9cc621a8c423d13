"""Finding a person of the register by typing: a name, a personal ID or a household code;
↓ goes to the hits, Enter chooses one."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QWidget
from sqlite_utils import Database

from desktop.domain.errors import KnownError
from desktop.domain.text_bounds import LINE_MAX
from desktop.store.search import search_people
from desktop.ui.text_limits import limit_line

HITS = 20


class PersonSearch(QObject):
    """Works a search box and the list of hits under it (both placed by the caller)."""

    chosen = Signal(str, str, str)  # person id, household id, how the hit reads

    def __init__(self, db: Database, parent: QWidget) -> None:
        super().__init__(parent)
        self._db = db
        self.box = limit_line(QLineEdit(), LINE_MAX)
        self.box.setPlaceholderText(self.tr("Name, personal ID or household code"))
        self.hits = QListWidget()
        self.hits.setMaximumHeight(110)
        self.box.textChanged.connect(self._search)
        self.box.installEventFilter(self)
        self.hits.installEventFilter(self)
        self.hits.itemActivated.connect(self._choose)

    def _search(self, text: str) -> None:
        self.hits.clear()
        if len(text.strip()) < 2:
            return
        try:
            found = search_people(self._db, text, limit=HITS)
        except KnownError:
            return  # no letter or digit yet
        for hit in found:
            born = hit.birth[:4] if hit.birth else ""
            item = QListWidgetItem(f"{hit.full_name}  {born}  {hit.household_code}  {hit.hamlet}")
            item.setData(Qt.ItemDataRole.UserRole, (hit.person_id, hit.household_id))
            self.hits.addItem(item)
        if self.hits.count():
            self.hits.setCurrentRow(0)

    def _choose(self, item: QListWidgetItem) -> None:
        person_id, household_id = item.data(Qt.ItemDataRole.UserRole)
        self.chosen.emit(person_id, household_id, item.text())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down and Enter in the search box work the list of hits below it; Enter in either
        # chooses and goes no further (the list passes it on: the dialog's Lưu would save).
        if watched in (self.box, self.hits) and isinstance(event, QKeyEvent):
            press = event.type() == QEvent.Type.KeyPress
            if watched is self.box and press and event.key() == Qt.Key.Key_Down:
                self.hits.setFocus()
                return True
            if press and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                item = self.hits.currentItem()
                if item is not None:
                    self._choose(item)
                return True
        return super().eventFilter(watched, event)
