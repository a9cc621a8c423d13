"""Choosing a commune of the official list: a province, then one of its communes, each
narrowed by typing (marks optional). Used by the set-up wizard and by Settings."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.text import fold_for_search, text_sort_string
from desktop.domain.text_bounds import LINE_MAX
from desktop.store.admin_units import CommuneUnit, Province, load_communes, load_provinces
from desktop.ui.hamlet_editor import EnterLineEdit
from desktop.ui.text_limits import limit_line


def match_rank(folded_name: str, words: list[str]) -> int | None:
    """How well folded query words match a folded name: None when some word starts no word
    of the name; 0 when the query is whole words of it ("son la" and Sơn La), 1 when it
    starts a word ("son l"), 2 when its words are scattered ("son la" and Lạng Sơn)."""
    name_words = folded_name.split()
    if not all(any(n.startswith(w) for n in name_words) for w in words):
        return None
    phrase = " ".join(words)
    padded = f" {folded_name} "
    if f" {phrase} " in padded:
        return 0
    return 1 if f" {phrase}" in padded else 2


class FilteredList(QWidget):
    """A filter box over a list: what is typed, without marks if one likes, narrows the list
    and chooses its first match; Up and Down in the box move through the list. Nothing is
    chosen until the clerk types or clicks, so Next never takes an entry nobody picked."""

    def __init__(
        self, label: str, placeholder: str, *, keep_enter: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        # keep_enter: Enter moves on within the page instead of pressing Next.
        self.filter = limit_line(EnterLineEdit() if keep_enter else QLineEdit(), LINE_MAX)
        self.filter.setPlaceholderText(placeholder)
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget()
        caption = QLabel(label)
        caption.setBuddy(self.filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(caption)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, stretch=1)
        self.filter.textChanged.connect(self.apply_filter)
        self.filter.installEventFilter(self)

    def set_entries(self, entries: list[tuple[str, object]]) -> None:
        """(text, data) pairs, shown in this order."""
        self.list.clear()
        for text, data in entries:
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, data)
            item.setData(Qt.ItemDataRole.UserRole + 1, fold_for_search(text))
        self.apply_filter(self.filter.text())

    def chosen(self) -> object | None:
        item = self.list.currentItem()
        if item is None or item.isHidden() or not item.isSelected():
            return None
        return item.data(Qt.ItemDataRole.UserRole)

    def choose(self, data: object) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == data:
                self.list.setCurrentRow(row)
                return

    def apply_filter(self, text: str) -> None:
        words = fold_for_search(text).split()
        best: tuple[int, int] | None = None  # (rank, row) of the closest match
        for row in range(self.list.count()):
            item = self.list.item(row)
            rank = match_rank(item.data(Qt.ItemDataRole.UserRole + 1), words)
            item.setHidden(rank is None)
            if rank is not None and (best is None or rank < best[0]):
                best = (rank, row)
        current = self.list.currentItem()
        if words and best is not None:
            self.list.setCurrentRow(best[1])  # typing is searching: the closest match
        elif current is not None and current.isHidden():
            self.list.setCurrentRow(-1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.filter and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (
                Qt.Key.Key_Up,
                Qt.Key.Key_Down,
                Qt.Key.Key_PageUp,
                Qt.Key.Key_PageDown,
            ):
                QApplication.sendEvent(self.list, event)
                return True
        return super().eventFilter(watched, event)


def _province_key(province: Province) -> str:
    # "Thành phố Hà Nội" is looked for under H, like the provinces named without a prefix.
    return text_sort_string(province.name.removeprefix("Thành phố "))


class CommunePicker(QWidget):
    """Province list beside the communes of the chosen province. Enter in the province
    filter moves on to the commune filter."""

    changed = Signal()  # the chosen commune changed (or none is chosen now)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.provinces = FilteredList(
            self.tr("&Province:"), self.tr("e.g. lai chau"), keep_enter=True
        )
        self.communes = FilteredList(self.tr("Co&mmune:"), self.tr("e.g. sin ho"), keep_enter=False)
        self._communes_by_province: dict[str, list[CommuneUnit]] = {}
        for unit in load_communes():
            self._communes_by_province.setdefault(unit.province_code, []).append(unit)
        provinces = sorted(load_provinces(), key=_province_key)
        self.provinces.set_entries([(p.name, p) for p in provinces])
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.provinces, 0, 0)
        layout.addWidget(self.communes, 0, 1)
        layout.setColumnStretch(0, 2)
        layout.setColumnStretch(1, 3)
        self.provinces.list.currentItemChanged.connect(lambda *_: self._province_changed())
        self.communes.list.currentItemChanged.connect(lambda *_: self.changed.emit())
        self.provinces.filter.returnPressed.connect(self.communes.filter.setFocus)
        self._province_changed()

    def chosen_province(self) -> Province | None:
        chosen = self.provinces.chosen()
        return chosen if isinstance(chosen, Province) else None

    def chosen_commune(self) -> CommuneUnit | None:
        chosen = self.communes.chosen()
        return chosen if isinstance(chosen, CommuneUnit) else None

    def _province_changed(self) -> None:
        province = self.chosen_province()
        units = self._communes_by_province.get(province.code, []) if province else []
        units = sorted(units, key=lambda u: text_sort_string(u.short_name))
        self.communes.set_entries([(u.name, u) for u in units])
        self.changed.emit()
