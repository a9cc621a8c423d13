"""Tables that never scroll sideways on a narrow screen: the columns least needed are hidden
while the table is too narrow for all of them, and shown again when it is wide enough."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtWidgets import QTableView


def hide_to_fit(
    view: QTableView,
    widths: Mapping[int, int],
    drop_order: Sequence[int],
    squeeze: int | Sequence[int] | None = None,
    least: int = 90,
) -> None:
    """Show every column of ``widths`` (column → the width it needs) that the view's width
    holds: those of ``drop_order`` (the least needed first) are hidden, one after another,
    until the others fit; if they still do not, column ``squeeze`` (a name: its text is cut
    with "…"; or several, the first giving up width first) gives up width, down to
    ``least``. Columns not in ``widths`` are left as they are."""
    available = view.viewport().width()
    total = sum(widths.values())
    hidden: set[int] = set()
    for column in drop_order:
        if total <= available:
            break
        total -= widths[column]
        hidden.add(column)
    for column in widths:
        if view.isColumnHidden(column) != (column in hidden):
            view.setColumnHidden(column, column in hidden)
    over = max(0, total - available)
    for column in [squeeze] if isinstance(squeeze, int) else squeeze or ():
        given = max(0, min(over, widths[column] - least))
        view.setColumnWidth(column, widths[column] - given)
        over -= given
