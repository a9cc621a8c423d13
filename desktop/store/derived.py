"""Derived columns (registry): the sort keys and search text made from a row's other values,
one way for every path that writes them (a form, an import, a merge)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from operator import itemgetter
from typing import Any

from desktop.domain.text import (
    fold_for_search,
    name_sort_string,
    remembered_fold,
    text_sort_string,
)

_NOT_DIGITS = re.compile(r"[^0-9]+")
# Distinct names (people's, addresses, household codes) bulk derivers remember: a
# province's two million people share far fewer names, and a name is keyed once.
_REMEMBERED = 1 << 16
# The columns each table's derived values are made from (Deriver).
_SOURCES = {
    "hamlet": ("name",),
    "household": ("code", "phone", "address"),
    "person": ("full_name", "id_number", "phone"),
}
# Tables whose rows' derived columns their own values make (Deriver.made), all or in part.
MADE_BESIDE = frozenset(_SOURCES)


def household_search_text(code: str, phone: str, address: str) -> str:
    return _words(fold_for_search(code), digits(phone), fold_for_search(address))


def person_search_text(full_name: str, id_number: str, phone: str, household_code: str) -> str:
    return _words(
        fold_for_search(full_name),
        digits(id_number),
        digits(phone),
        fold_for_search(household_code),
    )


def _words(*parts: str) -> str:
    return " ".join(filter(None, parts))


def digits(text: str) -> str:
    """The digits of ``text`` (str.isdigit), in order."""
    if text.isdigit() or not text:
        return text
    if text.isascii():  # the only ASCII characters isdigit() admits are 0-9
        return _NOT_DIGITS.sub("", text)
    return "".join(ch for ch in text if ch.isdigit())


def derived_values(
    table_name: str, row: Mapping[str, Any], household_code: str = "", commune_code: str = ""
) -> dict[str, Any]:
    """The derived columns of a stored row of ``table_name`` (in the registry's order); a
    person's search text includes its household's code, and a person and a movement hold
    their household's commune."""
    if table_name == "hamlet":
        return {"sort_key": text_sort_string(row["name"])}
    if table_name == "household":
        return {
            "sort_key": text_sort_string(row["code"]),
            "search_text": household_search_text(row["code"], row["phone"], row["address"]),
        }
    if table_name == "person":
        return {
            "sort_key": name_sort_string(row["full_name"]),
            "search_text": person_search_text(
                row["full_name"], row["id_number"], row["phone"], household_code
            ),
            "commune_code": commune_code,
        }
    if table_name == "movement":
        return {"commune_code": commune_code}
    return {}


# Shared by every bulk deriver of the process: forty communes' bundles merged one after
# another share most of their names (and an import's reading folded them already).
_remembered_fold = remembered_fold
# A person's name: its sort key and folded text, made together once in the process (one
# lookup a person; the folds of 50,000 household codes, each new, no longer push a
# district's 33,000 names out of remembered_fold). Emptied when full, never grown past it.
_NAMES: dict[str, tuple[str, str]] = {}


class Deriver:
    """derived_values of many whole rows of one table, each given as its values in
    ``columns`` order (a merge's versions): the same values, with each distinct name keyed
    and folded once instead of once a row (almost a third of a merge's time before)."""

    def __init__(self, table_name: str, columns: Sequence[str]) -> None:
        self.table = table_name
        at = {name: index for index, name in enumerate(columns)}
        self._fold = _remembered_fold
        sources = _SOURCES.get(table_name, ())
        self._fields = itemgetter(*(at[name] for name in sources)) if sources else None
        if table_name == "person":
            self._name_at, self._id_at, self._phone_at = (at[name] for name in sources)

    def __call__(
        self, values: Sequence[Any], household_code: str = "", commune_code: str = ""
    ) -> tuple[Any, ...]:
        """The derived columns' values of one row, in the registry's order (a person and a
        movement: their household's code and commune given)."""
        if self.table == "movement":
            return (commune_code,)
        if self._fields is None:
            return ()
        if self.table == "hamlet":
            return (text_sort_string(self._fields(values)),)
        if self.table == "household":
            code, phone, address = self._fields(values)
            # A household's code is its own (folded once, not remembered); addresses repeat.
            search = _words(fold_for_search(code), digits(phone), self._fold(address))
            return text_sort_string(code), search
        full_name, id_number, phone = self._fields(values)
        return (*person_derived(full_name, id_number, phone, household_code), commune_code)

    def made(self, values: Sequence[Any]) -> tuple[Any, ...]:
        """What of a row's derived columns its own values make (a helper process makes
        them beside the writing): a hamlet's or household's all of them, a person's sort
        key and the search text of its own fields (its household's code and commune are
        the register's: people() adds them). For the tables of MADE_BESIDE."""
        if self.table != "person":
            return self(values)
        found = name_parts(values[self._name_at])
        id_number, phone = values[self._id_at], values[self._phone_at]
        if id_number and not id_number.isdigit():
            id_number = digits(id_number)
        if phone and not phone.isdigit():
            phone = digits(phone)
        return found[0], " ".join(filter(None, (found[1], id_number, phone)))

    def people(
        self,
        lines: Sequence[tuple[tuple[Any, ...], str]],
        start: int,
        fed: list[int],
        households: Mapping[str, tuple[str, str]],
        household_at: int,
        made: Sequence[tuple[Any, ...]] | None = None,
    ) -> Iterator[tuple[Any, ...]]:
        """Each person's line (its values and vector) from ``start`` on as stored: values,
        vector, sort key, search text and commune, its household's code folded already
        (fold_for_search) and commune given in ``households`` (a bulk load folds each
        household's once, not once a member); the index of the last one given out is kept in
        ``fed[0]``. One tuple made a row, the remembered name looked up inline (a first
        merge makes 200,000 of them). ``made``: each line's made() already."""
        if made is not None:
            yield from _people_made(lines, start, fed, households, household_at, made)
            return
        names, name_at, id_at, phone_at = _NAMES, self._name_at, self._id_at, self._phone_at
        none = ("", "")
        for index in range(start, len(lines)):
            fed[0] = index
            values, vv = lines[index]
            found = names.get(values[name_at])
            if found is None:
                found = name_parts(values[name_at])
            folded_code, commune_code = households.get(values[household_at], none)
            id_number, phone = values[id_at], values[phone_at]
            if id_number and not id_number.isdigit():
                id_number = digits(id_number)
            if phone and not phone.isdigit():
                phone = digits(phone)
            search = " ".join(filter(None, (found[1], id_number, phone, folded_code)))
            yield (*values, vv, found[0], search, commune_code)


def _people_made(
    lines: Sequence[tuple[tuple[Any, ...], str]],
    start: int,
    fed: list[int],
    households: Mapping[str, tuple[str, str]],
    household_at: int,
    made: Sequence[tuple[Any, ...]],
) -> Iterator[tuple[Any, ...]]:
    """Deriver.people for lines whose own part (Deriver.made) was made already: the
    household's folded code added to the search text as the same join would."""
    none = ("", "")
    for index in range(start, len(lines)):
        fed[0] = index
        values, vv = lines[index]
        key, own = made[index]
        folded_code, commune_code = households.get(values[household_at], none)
        search = (f"{own} {folded_code}" if own else folded_code) if folded_code else own
        yield (*values, vv, key, search, commune_code)


def people_rows(
    lines: Sequence[tuple[tuple[Any, ...], str]],
    households: Mapping[str, tuple[str, str]],
    household_at: int,
    made: Sequence[tuple[Any, ...]],
) -> list[tuple[Any, ...]]:
    """People's lines whose own part was made (Deriver.made) as Deriver.people stores them,
    each household's folded code and commune given: the rows a helper process makes ready
    to store (merge_helper.HouseholdsRead), the same as the merge's own."""
    return list(_people_made(lines, 0, [0], households, household_at, made))


def name_parts(full_name: str) -> tuple[str, str]:
    """A name's sort key and folded text, remembered (_NAMES); the fold from
    remembered_fold, where an import's reading of the name left it (folded once, not twice)."""
    found = _NAMES.get(full_name)
    if found is None:
        if len(_NAMES) >= _REMEMBERED:
            _NAMES.clear()
        found = _NAMES[full_name] = (name_sort_string(full_name), _remembered_fold(full_name))
    return found


def household_derived(code: str, phone: str, address: str) -> tuple[str, str]:
    """A new household's sort key and search text (Deriver's), its code folded through
    remembered_fold: an import's people_values folds it again for each member, and finds
    it there (a merge's Deriver keeps 50,000 codes out of that cache)."""
    search = _words(_remembered_fold(code), digits(phone), _remembered_fold(address))
    return text_sort_string(code), search


def person_derived(
    full_name: str, id_number: str, phone: str, household_code: str
) -> tuple[str, str]:
    """A person's sort key and search text (derived_values), each distinct name keyed and
    folded once in the process."""
    key, folded = name_parts(full_name)
    search = _words(folded, digits(id_number), digits(phone), _remembered_fold(household_code))
    return key, search
