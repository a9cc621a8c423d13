"""Sizes that fit the screen: a dialog asks for its size, the screen it opens on caps it."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

# Room the window's frame takes around a dialog (title bar, borders) on common desktops.
FRAME_WIDTH, FRAME_HEIGHT = 16, 48


def resize_within_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize ``widget`` to ``width`` × ``height``, or less where the screen it opens on
    (its parent's) is smaller, frame included: on a 1024×768 laptop a large dialog keeps
    its buttons on the screen (its lists scroll instead)."""
    screen = (widget.parentWidget() or widget).screen()
    if screen is not None:
        room = screen.availableGeometry()
        width = min(width, room.width() - FRAME_WIDTH)
        height = min(height, room.height() - FRAME_HEIGHT)
    widget.resize(width, height)


def fit_wrapped_height(widget: QWidget) -> None:
    """Make ``widget`` (a dialog of wrapped words) at least as tall as its words need at its
    present width: a top-level widget sizes itself by the words' height at a width Qt
    guesses, cutting lines off (and drawing a message that appears later over the fields).
    Call it after a message shows or hides and when the width changes."""
    needed = widget.heightForWidth(widget.width())
    if needed <= 0:
        return
    if widget.minimumHeight() != needed:
        widget.setMinimumHeight(needed)
    if widget.height() < needed:
        widget.resize(widget.width(), needed)
