"""Values a register holds that CamKet cannot read: a code or a date written by another
program, an old version, damage or a database tool (a gender 'x', a birth 'abc').

One policy everywhere a row is read (store.*_from and the lists read straight from SQL): the
row is read all the same, never dropped and never a crash. The value is read as empty (a
date, a gender: an editor leaves the field unchosen and says why) or as its column's default
where the row must have one (a hamlet's kind, a residence), and the stored text is kept
beside the entity (``unreadable``): screens, prints and lists show it as “(không đọc được:
x)”, and a save writes it back unless the clerk entered a value (``kept``). Each is logged
with its table, row id and column, never its value. `camket check` and the export name each
as an error (services.unsendable)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
_ATTRIBUTE = "_unreadable"  # an instance attribute, no dataclass field: never a column
_SHOWN = 40  # characters of a stored value a screen shows


class Reading:
    """One row read value by value: what cannot be read is read as ``fallback`` and noted."""

    def __init__(self, table: str, row_id: object) -> None:
        self.table, self.row_id = table, row_id
        self.found: dict[str, str] = {}

    def value(self, column: str, stored: Any, read: Callable[[Any], T], fallback: T) -> T:
        if stored is None:  # NULL: no value, where the column may hold none
            return fallback
        try:
            return read(stored)
        except (ValueError, TypeError, KeyError, OverflowError):
            log.warning("%s %s: %s is no value CamKet reads", self.table, self.row_id, column)
            self.found[column] = str(stored)
            return fallback

    def text(self, column: str, stored: Any, read: Callable[[Any], str]) -> str:
        """For a list or a print: the value as read, or as shown when it cannot be."""
        value = self.value(column, stored, read, "")
        return shown(self.found[column]) if column in self.found else value

    def marked(self, entity: T) -> T:
        """``entity``, carrying the values it could not read."""
        if self.found:
            vars(entity)[_ATTRIBUTE] = dict(self.found)
        return entity


def unreadable(entity: object) -> Mapping[str, str]:
    """The stored text of each value of ``entity`` CamKet could not read, by column (a
    frozen list row carries them as its field ``unreadable``: store.movements.LedgerRow)."""
    found: Mapping[str, str] | None = getattr(entity, _ATTRIBUTE, None)
    if found is not None:
        return found
    held = getattr(entity, "unreadable", ())
    return dict(held) if isinstance(held, tuple) else {}


def kept(entity: object, column: str, value: T) -> T | str:
    """What a save writes for ``column``: ``value``, or the stored text CamKet could not
    read while no one entered a value in its place (the entity still carries it)."""
    stored = unreadable(entity).get(column)
    return value if stored is None else stored


def carried(source: object, target: T, columns: Iterable[str]) -> T:
    """``target`` (an edit of ``source``: dataclasses.replace drops what a row carries
    beside its fields) carrying the unreadable values of ``columns`` (those the clerk left
    empty) of ``source``."""
    found = {c: v for c, v in unreadable(source).items() if c in set(columns)}
    if found:
        vars(target)[_ATTRIBUTE] = found
    return target


def shown(stored: str) -> str:
    """How a screen, a print or a list shows a value CamKet cannot read."""
    cut = stored if len(stored) <= _SHOWN else stored[:_SHOWN] + "…"
    return f"(không đọc được: {cut})"
