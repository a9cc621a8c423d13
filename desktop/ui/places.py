"""The side bar of places (DESIGN §10): icon, title and Ctrl+N of each, its page built when
first shown."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from PySide6.QtCore import QObject, QSize, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QWidget,
)

from desktop.bundled import resource_path
from desktop.ui.qt_values import USER_ROLE, set_enum_property, set_shortcut

ICON_SIZE = 22
ROW_HEIGHT = 40  # comfortable for a mouse on a 1366×768 laptop, and a finger on a touch screen


@dataclass(frozen=True)
class Place:
    """One place of the side bar. ``shortcut`` is the N of Ctrl+N and sets the order;
    ``icon`` names a file of resources/icons; ``build`` makes the page the first time the
    place is shown (or asked for with Places.page)."""

    key: str
    title: str
    icon: str
    shortcut: int
    build: Callable[[], QWidget]


def take_keyboard(page: QWidget) -> None:
    """The keyboard into ``page`` by its ``focus_first()`` (if it has one) unless it is in
    the page already (a page may put it on its own field when shown). Left on the side
    bar's buttons, Enter or Space would press them and what is typed would go nowhere."""
    focused = QApplication.focusWidget()
    first = getattr(page, "focus_first", None)
    if callable(first) and (focused is None or not page.isAncestorOf(focused)):
        first()


def place_icon(name: str) -> QIcon:
    return QIcon(str(resource_path("icons", name)))


class Places(QObject):
    """The side bar (``sidebar``) and the pages it switches (``pages``).

    Registering a place is one call, ``add(Place(...))``, in any order: the side bar keeps
    them in the order of their shortcuts. A page is built on first use, so a window opens
    after building only the place it shows.
    """

    shown = Signal(str)  # the key of the place now shown

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._places: list[Place] = []
        self._built: dict[str, QWidget] = {}
        self._stand_ins: dict[str, QWidget] = {}  # in the stack until the page is built
        self._shown: str | None = None
        self.sidebar = QListWidget()
        self.sidebar.setAccessibleName(self.tr("Places"))
        set_enum_property(self.sidebar, "focusPolicy", "NoFocus")
        self.sidebar.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
        self.sidebar.setSpacing(1)
        self.pages = QStackedWidget()
        self.sidebar.currentRowChanged.connect(self._row_changed)

    def add(self, place: Place) -> None:
        """Put ``place`` in the side bar at its shortcut's rank, with its Ctrl+N action."""
        if not 1 <= place.shortcut <= 9:
            raise ValueError(f"Ctrl+{place.shortcut} is no place shortcut")
        for other in self._places:
            if place.key == other.key or place.shortcut == other.shortcut:
                raise ValueError(f"place {place.key} clashes with {other.key}")
        row = sum(1 for other in self._places if other.shortcut < place.shortcut)
        self._places.insert(row, place)
        keys = QKeySequence(f"Ctrl+{place.shortcut}")
        item = QListWidgetItem(place_icon(place.icon), place.title)
        item.setToolTip(f"{place.title} ({keys.toString(QKeySequence.SequenceFormat.NativeText)})")
        item.setSizeHint(QSize(0, ROW_HEIGHT))
        item.setData(USER_ROLE, place.key)
        blocked = self.sidebar.blockSignals(True)  # a new row 0 is not a change of place
        self.sidebar.insertItem(row, item)
        self.sidebar.blockSignals(blocked)
        self._stand_ins[place.key] = QWidget()
        self.pages.insertWidget(row, self._stand_ins[place.key])
        action = QAction(place.title, self._window)
        set_shortcut(action, keys)
        action.triggered.connect(lambda: self.show(place.key))
        self._window.addAction(action)

    def keys(self) -> list[str]:
        return [place.key for place in self._places]

    def shortcuts(self) -> list[int]:
        return [place.shortcut for place in self._places]

    def key_of_shortcut(self, shortcut: int) -> str | None:
        return next((p.key for p in self._places if p.shortcut == shortcut), None)

    def index(self, key: str) -> int:
        return self.keys().index(key)

    def current_key(self) -> str | None:
        row = self.sidebar.currentRow()
        return self._places[row].key if 0 <= row < len(self._places) else None

    def page(self, key: str) -> QWidget:
        """The page of place ``key``, built now if it was not yet."""
        built = self._built.get(key)
        if built is not None:
            return built
        row = self.index(key)
        page = self._places[row].build()
        self._built[key] = page
        stand_in = self._stand_ins.pop(key)
        showing = self.pages.currentIndex() == row
        self.pages.insertWidget(row, page)
        self.pages.removeWidget(stand_in)
        stand_in.deleteLater()
        if showing:
            self.pages.setCurrentIndex(row)
        return page

    def built(self, key: str) -> QWidget | None:
        """The page of ``key`` if it has been built; None otherwise."""
        return self._built.get(key)

    def built_pages(self) -> Iterator[QWidget]:
        yield from self._built.values()

    def show(self, key: str) -> None:
        self.sidebar.setCurrentRow(self.index(key))
        self._row_changed(self.sidebar.currentRow())  # also when it was the current row

    def _row_changed(self, row: int) -> None:
        if not 0 <= row < len(self._places):
            return
        key = self._places[row].key
        page = self.page(key)
        self.pages.setCurrentIndex(row)
        take_keyboard(page)
        if key != self._shown:
            self._shown = key
            self.shown.emit(key)
