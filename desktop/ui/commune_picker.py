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

from desktop.domain.id_provinces import former_province_names
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


ALIAS = Qt.ItemDataRole.UserRole + 2  # an entry's other names: (folded, as written) pairs
ALIAS_RANK = 3  # an entry matched by another name comes after every match by its own


class FilteredList(QWidget):
    """A filter box over a list: what is typed, without marks if one likes, narrows the list
    and chooses its first match; Up and Down in the box move through the list. Nothing is
    chosen until the clerk types or clicks, so Next never takes an entry nobody picked.
    An entry may have other names (a province's before the 2025 merger) that find it too;
    the note under the list says what the filter found or that it found nothing."""

    filtered = Signal()  # the filter was applied: matches and matched_alias are new

    def __init__(
        self, label: str, placeholder: str, *, keep_enter: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        # keep_enter: Enter moves on within the page instead of pressing Next.
        self.filter = limit_line(EnterLineEdit() if keep_enter else QLineEdit(), LINE_MAX)
        self.filter.setPlaceholderText(placeholder)
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.hide()
        self.matches = 0
        self.matched_alias: str | None = None  # the other name the chosen entry matched by
        caption = QLabel(label)
        caption.setBuddy(self.filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(caption)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, stretch=1)
        layout.addWidget(self.note)
        self.filter.textChanged.connect(self.apply_filter)
        self.filter.installEventFilter(self)

    def set_entries(
        self, entries: list[tuple[str, object]], aliases: dict[str, list[str]] | None = None
    ) -> None:
        """(text, data) pairs, shown in this order; ``aliases``: an entry's other names by
        its text."""
        self.list.clear()
        for text, data in entries:
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, data)
            item.setData(Qt.ItemDataRole.UserRole + 1, fold_for_search(text))
            others = (aliases or {}).get(text, [])
            item.setData(ALIAS, [(fold_for_search(other), other) for other in others])
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
        best: tuple[int, int, str | None] | None = None  # (rank, row, alias) of the closest
        self.matches = 0
        for row in range(self.list.count()):
            item = self.list.item(row)
            rank = match_rank(item.data(Qt.ItemDataRole.UserRole + 1), words)
            alias = None
            if rank is None and words:
                for folded, other in item.data(ALIAS) or []:
                    other_rank = match_rank(folded, words)
                    if other_rank is not None and (rank is None or other_rank + ALIAS_RANK < rank):
                        rank, alias = other_rank + ALIAS_RANK, other
            item.setHidden(rank is None)
            self.matches += rank is not None
            if rank is not None and (best is None or rank < best[0]):
                best = (rank, row, alias)
        current = self.list.currentItem()
        self.matched_alias = None
        if words and best is not None:
            self.list.setCurrentRow(best[1])  # typing is searching: the closest match
            self.matched_alias = best[2]
        elif current is not None and current.isHidden():
            self.list.setCurrentRow(-1)
        self.filtered.emit()

    def say(self, text: str) -> None:
        """The note under the list (hidden when empty)."""
        self.note.setText(text)
        self.note.setVisible(bool(text))

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
        self.provinces.set_entries(
            [(p.name, p) for p in provinces],
            {p.name: former_province_names(p.code) for p in provinces},
        )
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.provinces, 0, 0)
        layout.addWidget(self.communes, 0, 1)
        layout.setColumnStretch(0, 2)
        layout.setColumnStretch(1, 3)
        self.provinces.list.currentItemChanged.connect(lambda *_: self._province_changed())
        self.communes.list.currentItemChanged.connect(lambda *_: self.changed.emit())
        self.provinces.filter.returnPressed.connect(self.communes.filter.setFocus)
        self.provinces.filtered.connect(self._explain_provinces)
        self.communes.filtered.connect(self._explain_communes)
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

    def _explain_provinces(self) -> None:
        typed = self.provinces.filter.text().strip()
        province = self.chosen_province()
        if typed and not self.provinces.matches:
            self.provinces.say(
                self.tr("No province or city is called “{typed}”.").format(typed=typed)
            )
        elif self.provinces.matched_alias and province is not None:
            self.provinces.say(
                self.tr("{former} is part of {province} since 1 July 2025.").format(
                    former=self.provinces.matched_alias, province=province.name
                )
            )
        else:
            self.provinces.say("")

    def _explain_communes(self) -> None:
        typed = self.communes.filter.text().strip()
        province = self.chosen_province()
        if province is None:
            self.communes.say(self.tr("Choose the province first (on the left)."))
        elif typed and not self.communes.matches:
            self.communes.say(
                self.tr(
                    "No commune of {province} is called “{typed}”. Many communes were merged"
                    " and renamed on 1 July 2025: type part of the new name, or clear the box"
                    " to see all {count}."
                ).format(
                    province=province.name,
                    typed=typed,
                    count=self.communes.list.count(),
                )
            )
        else:
            self.communes.say("")
