"""A form saved after its row changed meanwhile: a merge, an import or another window wrote
the row after the form read it. Saving the whole form would undo their change, so only what
the person changed in the form is made, onto the row as it is now; a field changed on both
sides to different values refuses the save (nothing is written, the form keeps its text)."""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any, TypeVar

from desktop.domain.errors import KnownError
from desktop.domain.unreadable import carried, unreadable

Row = TypeVar("Row")


def edit_onto(read: Row, edited: Row, stored: Row, clash_code: str) -> Row:
    """``stored`` with the fields in which ``edited`` differs from ``read`` (the form as it was
    filled) taken from ``edited``. KnownError ``clash_code`` when one of those fields was
    also changed in ``stored``, to another value than the person's."""
    mine = [f.name for f in fields(edited) if _get(read, f.name) != _get(edited, f.name)]  # type: ignore[arg-type]
    clash = [
        name
        for name in mine
        if _get(stored, name) != _get(read, name) and _get(stored, name) != _get(edited, name)
    ]
    if clash:
        raise KnownError(clash_code)
    merged = replace(stored, **{name: _get(edited, name) for name in mine})  # type: ignore[type-var]
    # A value CamKet could not read that no one entered again stays (domain.unreadable).
    return carried(stored, merged, [c for c in unreadable(stored) if c not in mine])


def _get(row: Any, name: str) -> Any:
    return getattr(row, name)
