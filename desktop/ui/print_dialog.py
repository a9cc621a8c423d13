"""The print dialog of pledge sheets: campaign, hamlet, which households, copies."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.services.register import OpenRegister
from desktop.store import households as repo
from desktop.store import pledges as store
from desktop.ui.screen_fit import HAMLET_LETTERS, fit_combo


@dataclass(frozen=True)
class PrintRequest:
    """What to print: ``blank`` is one sheet for a walk-in household."""

    campaign_id: str
    hamlet_id: str | None  # None: every hamlet
    unsigned_only: bool
    copies: int
    blank: bool = False
    household_ids: tuple[str, ...] = ()  # only these households (one replaced sheet)


class PrintPledgesDialog(QDialog):
    """Campaign (the current one first), hamlet (or all), all households or only those not
    signed yet, or a blank sheet; one or two copies per household (one stays at the home)."""

    def __init__(
        self,
        register: OpenRegister,
        hamlet_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Print pledge sheets"))
        # A campaign's full title (80 letters) and a hamlet's name (50) are long: the boxes
        # show what fits, the lists that drop down show each whole.
        self.campaign_combo = fit_combo(QComboBox(), 40)
        for campaign in store.list_campaigns(register.db):
            title = campaign.title
            if campaign.is_current:
                title = self.tr("{title} (current)").format(title=title)
            self.campaign_combo.addItem(title, campaign.id)
        self.hamlet_combo = fit_combo(QComboBox(), HAMLET_LETTERS)
        self.hamlet_combo.addItem(self.tr("All hamlets"), None)
        for hamlet in repo.list_hamlets(register.db):
            self.hamlet_combo.addItem(hamlet.name, hamlet.id)
        self.hamlet_combo.setCurrentIndex(max(0, self.hamlet_combo.findData(hamlet_id)))

        self.unsigned_button = QRadioButton(self.tr("&Only households not signed yet"))
        self.all_button = QRadioButton(self.tr("A&ll households"))
        self.blank_button = QRadioButton(self.tr("A &blank sheet for a walk-in household"))
        self.which = QButtonGroup(self)
        for button in (self.unsigned_button, self.all_button, self.blank_button):
            self.which.addButton(button)
        self.unsigned_button.setChecked(True)
        self.copies_spin = QSpinBox()
        self.copies_spin.setRange(1, 2)
        self.copies_spin.setToolTip(self.tr("Two copies: one stays with the household"))

        which = QVBoxLayout()
        for button in (self.unsigned_button, self.all_button, self.blank_button):
            which.addWidget(button)
        form = QFormLayout()
        form.addRow(self.tr("&Campaign:"), self.campaign_combo)
        form.addRow(self.tr("&Hamlet:"), self.hamlet_combo)
        form.addRow(self.tr("Print:"), which)
        form.addRow(self.tr("Co&pies per household:"), self.copies_spin)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Prepare sheets"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def request(self) -> PrintRequest:
        return PrintRequest(
            campaign_id=str(self.campaign_combo.currentData()),
            hamlet_id=self.hamlet_combo.currentData(),
            unsigned_only=self.unsigned_button.isChecked(),
            copies=self.copies_spin.value(),
            blank=self.blank_button.isChecked(),
        )
