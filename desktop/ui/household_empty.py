"""What the household list shows instead of an empty table: the next step to take."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.ui.qt_values import set_enum_property


class EmptyList(QWidget):
    """An empty register offers "Thêm hộ (Ctrl+N)" and "Nhập danh sách (Ctrl+I)"; a search
    that found nothing says so and offers to clear it. An upper-level register, which adds
    and imports no household, points to the merge of the communes' bundles instead."""

    add_requested = Signal()
    import_requested = Signal()
    clear_requested = Signal()
    exchange_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = QLabel()
        self.message.setWordWrap(True)
        # Built hidden on Tổng quan, painted first: no Qt namespace (see qt_values).
        set_enum_property(self.message, "alignment", "AlignCenter")
        set_enum_property(self.message, "textFormat", "PlainText")
        self.add_button = QPushButton(self.tr("Add a household (Ctrl+N)"))
        self.add_button.clicked.connect(self.add_requested)
        self.import_button = QPushButton(self.tr("Import a list (Ctrl+I)"))
        self.import_button.clicked.connect(self.import_requested)
        self.clear_button = QPushButton(self.tr("Clear the search"))
        self.clear_button.clicked.connect(self.clear_requested)
        self.exchange_button = QPushButton(self.tr("Data exchange (Ctrl+5)"))
        self.exchange_button.clicked.connect(self.exchange_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (
            self.add_button,
            self.import_button,
            self.clear_button,
            self.exchange_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addSpacing(8)
        layout.addLayout(buttons)
        layout.addStretch(2)
        # Its buttons as an empty register shows them (the wider case) until it is shown:
        # all in a row made the list's pane, and the English window, too wide for a 1024 px
        # screen while the list showed households.
        self._buttons(register_empty=True)

    def show_empty_register(self, *, look_only: bool = False, upper: bool = False) -> None:
        """``look_only``: no household can be added here: an upper-level register
        (``upper``), filled by merging bundles only, or one open read-only (a CD)."""
        merges = look_only and upper
        if look_only and not upper:
            self.message.setText(self.tr("The register has no household."))
        elif merges:
            self.message.setText(
                self.tr(
                    "No commune's households here yet: merge the bundles the communes send,"
                    " on Data exchange (Ctrl+5)."
                )
            )
        else:
            self.message.setText(
                self.tr("The register has no household yet. Add the first one, or import a list.")
            )
        self._buttons(register_empty=True, look_only=look_only, merges=merges)

    def show_no_hits(self, query: str) -> None:
        if query.strip():
            text = self.tr("No household matches “{query}”.").format(query=query.strip())
        else:
            text = self.tr("This hamlet has no household yet.")
        self.message.setText(text)
        self._buttons(register_empty=False)

    def _buttons(
        self, *, register_empty: bool, look_only: bool = False, merges: bool = False
    ) -> None:
        self.add_button.setVisible(register_empty and not look_only)
        self.import_button.setVisible(register_empty and not look_only)
        self.exchange_button.setVisible(register_empty and merges)
        self.clear_button.setVisible(not register_empty)
