"""The question before merging the first bundle of a PC this register never met: who the
bundle says it comes from and its key's fingerprint, to compare with the sending PC's."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.services.trust import Newcomer


class NewcomerQuestion(QMessageBox):
    """Opened window-modal (``open``); ``trusted`` tells the answer once it is ``finished``.
    Declining is the default: Enter alone never trusts a stranger."""

    def __init__(self, newcomer: Newcomer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.newcomer = newcomer
        self.setIcon(QMessageBox.Icon.Question)
        self.setTextFormat(Qt.TextFormat.PlainText)  # names come from the bundle
        self.setWindowTitle(self.tr("A PC this register has never met"))
        files = ", ".join(path.name for path in newcomer.files)
        self.setText(
            self.tr("{files} comes from a PC this register has never met: {who}.").format(
                files=files, who=self.who()
            )
        )
        self.setInformativeText(
            self.tr(
                "Its key fingerprint: {fingerprint}\n\n"
                "On that PC, the Data exchange page (Trao đổi dữ liệu in Vietnamese) or"
                " `camket keys` shows its own. "
                "Merge only if the two are the same; ask its clerk, by phone for instance."
            ).format(fingerprint=newcomer.fingerprint)
        )
        self.trust_button = self.addButton(
            self.tr("The same: merge"), QMessageBox.ButtonRole.AcceptRole
        )
        self.decline_button = self.addButton(
            self.tr("Do not merge"), QMessageBox.ButtonRole.RejectRole
        )
        self.setDefaultButton(self.decline_button)
        self.setEscapeButton(self.decline_button)

    def who(self) -> str:
        newcomer = self.newcomer
        if newcomer.register == "upper":
            name = newcomer.name or self.tr("an upper-level register")
            where = newcomer.province or ", ".join(newcomer.communes)
            return f"{name} ({where})" if where else name
        return self.tr("a register of {communes}").format(communes=", ".join(newcomer.communes))

    @property
    def trusted(self) -> bool:
        return self.clickedButton() is self.trust_button
