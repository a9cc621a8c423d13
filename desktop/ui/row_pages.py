"""The ids a table shows, in order, and their rows read a page at a time when shown: at most
a few pages are kept, so a list of 200,000 costs what one screen costs (Anki's browser
model holds ids and a lazy row cache the same way)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

Row = TypeVar("Row")


class RowPages(Generic[Row]):
    """``read(ids)`` gives the rows of those ids by id; pages are kept least recently
    used first out."""

    def __init__(self, read: Callable[[list[str]], dict[str, Row]]) -> None:
        self._read = read
        self.page_size, self.max_pages = 256, 16
        self.ids: list[str] = []
        self._pages: OrderedDict[int, dict[str, Row]] = OrderedDict()
        self.pages_fetched = 0  # how many page reads so far: the scrolling tests watch it

    def reset(self, ids: Sequence[str], page_size: int, max_pages: int) -> None:
        """Show these ids; rows are read ``page_size`` at a time, ``max_pages`` kept."""
        self.ids = list(ids)
        self.page_size, self.max_pages = page_size, max_pages
        self._pages.clear()

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def cached(self) -> int:
        return len(self._pages)

    def id_at(self, row: int) -> str | None:
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def row_of(self, row_id: str) -> int | None:
        try:
            return self.ids.index(row_id)
        except ValueError:
            return None

    def get(self, row: int) -> Row | None:
        row_id = self.id_at(row)
        if row_id is None:
            return None
        number = row // self.page_size
        page = self._pages.get(number)
        if page is None:
            start = number * self.page_size
            page = self._read(self.ids[start : start + self.page_size])
            self.pages_fetched += 1
            self._pages[number] = page
            while len(self._pages) > self.max_pages:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page.get(row_id)
