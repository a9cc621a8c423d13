"""Settings: the commune's clerk and Border Guard post, its hamlets, the interface language.

What was entered in the set-up wizard is edited here later. The register's own settings
go through the audited services; the language is this user's preference (userdata), and a
new one is shown by reopening the window (MainWindow.reopen_in_language).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.text_bounds import COMMUNE_TEXT
from desktop.messages import describe
from desktop.services.register import OpenRegister
from desktop.services.settings import change_commune, household_count, update_commune_staff
from desktop.store.admin_units import CommuneUnit
from desktop.store.changes import Changed
from desktop.ui.commune_picker import CommunePicker
from desktop.ui.edits import save_on_lane
from desktop.ui.hamlet_editor import HamletEditor, RegisterHamlets
from desktop.ui.report_settings_box import ReportSettingsBox
from desktop.ui.tasks import TaskRunner
from desktop.ui.text_limits import limit_line, show_text
from desktop.ui.translations import current_language
from desktop.userdata import LANGUAGES

# Each language is named in itself, so a clerk who chose the wrong one can find the way back.
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}
HINT_MS = 6000


class SettingsPage(QWidget):
    """A side-bar place: who keeps the register, the hamlets, the language."""

    status_message = Signal(str, int)  # text, milliseconds to show it
    language_chosen = Signal(str)  # "vi" or "en": the window saves it and reopens in it

    def __init__(
        self, register: OpenRegister, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._register, self._tasks = register, tasks

        commune = register.commune
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.title.setFont(font)
        self.change_commune_button = QPushButton(self.tr("Chan&ge the commune…"))
        self.change_commune_button.clicked.connect(self.ask_commune)
        title_row = QHBoxLayout()
        title_row.addWidget(self.title)
        title_row.addWidget(self.change_commune_button)
        title_row.addStretch(1)
        self._show_commune()

        self.clerk = limit_line(QLineEdit(commune.clerk_name), COMMUNE_TEXT["clerk_name"])
        self.post = limit_line(QLineEdit(commune.border_post), COMMUNE_TEXT["border_post"])
        self.post.setPlaceholderText(self.tr("e.g. Đồn Biên phòng Ma Ly Chải"))
        self.officer = QLineEdit(commune.border_officer)
        limit_line(self.officer, COMMUNE_TEXT["border_officer"])
        self.officer.setPlaceholderText(self.tr("rank and full name"))
        self.save_staff_button = QPushButton(self.tr("Save &these names"))
        self.save_staff_button.setEnabled(False)
        staff_box = QGroupBox(self.tr("Who keeps the register"))
        staff = QFormLayout(staff_box)
        staff.addRow(self.tr("&Clerk's name:"), self.clerk)
        staff.addRow(self.tr("Border Guard &post:"), self.post)
        staff.addRow(self.tr("Border Guard &officer:"), self.officer)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_staff_button)
        save_row.addStretch(1)
        staff.addRow("", save_row)

        self.hamlet_editor = HamletEditor(RegisterHamlets(register, tasks))
        self.hamlet_editor.table.setMinimumHeight(160)
        hamlet_box = QGroupBox(self.tr("Hamlets"))
        QVBoxLayout(hamlet_box).addWidget(self.hamlet_editor)

        self.language = QComboBox()
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.show_current_language()
        language_label = QLabel(self.tr("Interface &language:"))
        language_label.setBuddy(self.language)
        language_box = QGroupBox(self.tr("Language"))
        language_row = QHBoxLayout(language_box)
        language_row.addWidget(language_label)
        language_row.addWidget(self.language)
        language_row.addStretch(1)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(title_row)
        layout.addWidget(staff_box)
        self.report_box = ReportSettingsBox(register, tasks)
        self.report_box.saved.connect(lambda: self.status_message.emit(self.tr("Saved."), HINT_MS))
        self.report_box.refused.connect(lambda text: self.status_message.emit(text, 0))
        layout.addWidget(self.report_box)
        layout.addWidget(hamlet_box, stretch=1)
        layout.addWidget(language_box)
        content.setMaximumWidth(1000)  # lines a clerk can read on a wide screen
        scroll = QScrollArea()
        # No Tab stop of its own (it showed no focus): Tab walks its fields, scrolled to.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidgetResizable(True)
        scroll.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        for field in (self.clerk, self.post, self.officer):
            field.textEdited.connect(lambda _text: self.save_staff_button.setEnabled(True))
            field.returnPressed.connect(self.save_staff)
        self.save_staff_button.clicked.connect(self.save_staff)
        self.hamlet_editor.changed.connect(
            lambda: self.status_message.emit(self.tr("Hamlets saved."), HINT_MS)
        )
        self.language.activated.connect(self._language_activated)

    def focus_first(self) -> None:
        """Shown by Ctrl+6 or the side bar: the keyboard in the first field, the clerk's
        name (before, on the page's scroll area, which shows no focus)."""
        self.clerk.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def showEvent(self, event: QShowEvent) -> None:
        # An import or the household editor may have added hamlets since the last visit.
        self.hamlet_editor.refresh_if_changed()
        self._show_commune()
        super().showEvent(event)

    def ask_commune(self) -> ChangeCommuneDialog:
        """The commune picker over the window (open, not exec: the window stays alive)."""
        dialog = ChangeCommuneDialog(self)
        dialog.accepted.connect(lambda: self._change_commune(dialog.picker.chosen_commune()))
        dialog.open()
        return dialog

    def _change_commune(self, unit: CommuneUnit | None) -> None:
        if unit is None:
            return
        save_on_lane(
            self._tasks,
            self,
            lambda register: change_commune(register, unit.code),
            self._commune_saved,
            lambda err: QMessageBox.warning(
                self, self.tr("The commune was not changed"), describe(err)
            ),
        )

    def _commune_saved(self, changed: bool) -> None:
        if changed:
            self.status_message.emit(self.tr("Saved."), HINT_MS)

    def show_changes(self, changed: Changed) -> None:
        """The commune (the window has read it again), its keepers and its hamlets as the
        register holds them after a write; a half-typed hamlet survives."""
        if changed.touches("commune", "household"):
            self._show_commune()
        if changed.touches("commune"):
            self._show_staff()
        if changed.touches("hamlet", "commune"):
            self.hamlet_editor.refresh_if_changed()

    def _show_commune(self) -> None:
        commune = self._register.commune
        if not commune.code:  # an upper-level register: its name, no commune code
            title = self.tr("{name}: upper-level register, {province}")
            if not commune.province_name:
                title = self.tr("{name}: upper-level register")
            self.title.setText(title.format(name=commune.name, province=commune.province_name))
        else:
            self.title.setText(
                self.tr("{commune}, {province} (code {code})").format(
                    commune=commune.name, province=commune.province_name, code=commune.code
                )
            )
        households = household_count(self._register)
        self.change_commune_button.setEnabled(households == 0)
        self.change_commune_button.setToolTip(
            self.tr("Only while the register has no household yet.")
            if households == 0
            else self.tr("The register has households: their sheets carry this commune.")
        )

    def save_staff(self) -> None:
        """Store the clerk and the Border Guard post and officer (audited)."""
        names = {
            "clerk_name": self.clerk.text(),
            "border_post": self.post.text(),
            "border_officer": self.officer.text(),
        }
        save_on_lane(
            self._tasks,
            self,
            lambda register: update_commune_staff(register, **names),
            self._staff_saved,
            lambda err: self.status_message.emit(describe(err), 0),
            button=self.save_staff_button,
        )

    def _staff_saved(self, changed: bool) -> None:
        self.save_staff_button.setEnabled(False)
        if changed:
            self.status_message.emit(self.tr("Saved."), HINT_MS)

    def _show_staff(self) -> None:
        commune = self._register.commune
        show_text(self.clerk, commune.clerk_name)
        show_text(self.post, commune.border_post)
        show_text(self.officer, commune.border_officer)

    def show_current_language(self) -> None:
        """Point the chooser back at the language shown now (a switch was put off)."""
        self.language.setCurrentIndex(self.language.findData(current_language()))

    def _language_activated(self, _index: int) -> None:
        language = self.language.currentData()
        if language != current_language():
            self.language_chosen.emit(language)


class ChangeCommuneDialog(QDialog):
    """Pick the right commune when the wrong one was chosen at set-up."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change the commune"))
        self.picker = CommunePicker()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker, stretch=1)
        layout.addWidget(self.buttons)
        self.picker.changed.connect(self._chosen)
        self._chosen()
        self.resize(720, 480)
        self.picker.provinces.filter.setFocus()

    def _chosen(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.picker.chosen_commune() is not None)
