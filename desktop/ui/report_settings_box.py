"""Settings' box for reports sent upward: Kính gửi, Nơi nhận, the signer's title and name."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desktop.domain.text_bounds import LINE_MAX, TEXT_MAX
from desktop.messages import describe
from desktop.services.register import OpenRegister
from desktop.services.report_settings import (
    ReportSettings,
    load_report_settings,
    save_report_settings,
)
from desktop.ui.edits import save_on_lane
from desktop.ui.tasks import TaskRunner
from desktop.ui.text_limits import LimitedPlainTextEdit, limit_line


class ReportSettingsBox(QGroupBox):
    """Edits the Decree 30 frame of the reports sent upward (kept with the register)."""

    saved = Signal()
    refused = Signal(str)  # why it was not saved (what was typed stays)

    def __init__(
        self, register: OpenRegister, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Reports sent upward"))
        self._tasks = tasks
        current = load_report_settings(register.db, register.commune)
        self.recipient = limit_line(QLineEdit(current.recipient), LINE_MAX)
        self.recipient.setPlaceholderText(self.tr("e.g. Ủy ban nhân dân tỉnh Lai Châu"))
        self.copies_to = LimitedPlainTextEdit(TEXT_MAX)
        self.copies_to.setPlainText("\n".join(current.copies_to))
        self.copies_to.setPlaceholderText(self.tr("One recipient a line"))
        self.copies_to.setFixedHeight(64)
        self.signer_title = limit_line(QLineEdit(current.signer_title), LINE_MAX)
        self.signer_title.setPlaceholderText(self.tr("e.g. CHỦ TỊCH, or KT. CHỦ TỊCH PHÓ CHỦ TỊCH"))
        self.signer_name = limit_line(QLineEdit(current.signer_name), LINE_MAX)
        self.save_button = QPushButton(self.tr("Save the &report frame"))
        self.save_button.setEnabled(False)
        form = QFormLayout(self)
        form.addRow(self.tr("To (Kính gửi):"), self.recipient)
        form.addRow(self.tr("Also to (Nơi nhận):"), self.copies_to)
        form.addRow(self.tr("Signer's title:"), self.signer_title)
        form.addRow(self.tr("Signer's name:"), self.signer_name)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addStretch(1)
        form.addRow("", row)
        for field in (self.recipient, self.signer_title, self.signer_name):
            field.textEdited.connect(lambda _text: self.save_button.setEnabled(True))
            field.returnPressed.connect(self.save)
        self.copies_to.textChanged.connect(lambda: self.save_button.setEnabled(True))
        self.save_button.clicked.connect(self.save)

    def save(self) -> None:
        settings = ReportSettings(
            recipient=self.recipient.text(),
            copies_to=tuple(self.copies_to.toPlainText().splitlines()),
            signer_title=self.signer_title.text(),
            signer_name=self.signer_name.text(),
        )
        save_on_lane(
            self._tasks,
            self,
            lambda register: save_report_settings(register.db, settings),
            lambda _none: self._saved(),
            lambda err: self.refused.emit(describe(err)),
            button=self.save_button,
        )

    def _saved(self) -> None:
        self.save_button.setEnabled(False)
        self.saved.emit()
