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
