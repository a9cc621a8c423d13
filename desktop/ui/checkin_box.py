"""The check-in box: what a USB QR scanner types (digits, then Enter) or a typed household code."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from desktop.domain.pledges import QR_LENGTH, looks_like_qr
from desktop.domain.text import normalize_text


class CheckInBox(QLineEdit):
    """Emits ``submitted(text)`` on Enter with the trimmed text, then clears itself.

    A scanner is a keyboard that types fast and presses Enter (some send Tab, or a carriage
    return the numeric keypad reports as Enter): all three submit. A QR payload is digits
    only (domain.pledges), so stray spaces or a line feed a scanner adds are dropped; a
    typed household code is normalised like any other input (NFC, trimmed, upper case: codes
    are printed in capitals).
    """

    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("Scan the QR code or type a household code, then Enter"))
        self.setAccessibleName(self.tr("Check in a returned sheet"))
        self.setClearButtonEnabled(True)
        # A payload is 87 digits; leave room for a scanner's prefix or suffix characters.
        self.setMaxLength(QR_LENGTH + 32)
        self.returnPressed.connect(self._submit)

    @staticmethod
    def clean(text: str) -> str:
        digits = "".join(ch for ch in text if not ch.isspace())
        if looks_like_qr(digits):
            return digits
        return normalize_text(text).upper()

    def event(self, event: QEvent) -> bool:
        # Tab moves the focus before keyPressEvent sees it: catch it here.
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Tab
            and self.text().strip()
        ):
            self._submit()  # a scanner set to send Tab after the code
            return True
        return super().event(event)

    def _submit(self) -> None:
        text = self.clean(self.text())
        self.clear()
        if text:
            self.submitted.emit(text)
