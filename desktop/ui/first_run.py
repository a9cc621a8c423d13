"""The first run: a set-up wizard that creates the commune's register, or opens a sample one.

Pages: start (own commune or sample data) → province and commune from the official list
(type to filter, marks optional) → hamlets → the clerk and the Border Guard post → the
first pledge campaign (ui.campaign_choice) → summary.
Finish creates the register through services.register.create_register; a refusal (say, an
unwritable folder) is shown and the wizard stays open with everything typed. Sample data is
a register of its own (userdata.sample_register_path), made once: the user's register stays
unmade, so the next start offers the set-up again.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.domain.errors import KnownError
from desktop.domain.text import normalize_text
from desktop.domain.text_bounds import COMMUNE_TEXT
from desktop.messages import describe
from desktop.services.demo import create_demo_register
from desktop.services.encryption import new_key
from desktop.services.register import create_register
from desktop.store.admin_units import CommuneUnit, Province
from desktop.ui.campaign_choice import CampaignPage
from desktop.ui.commune_picker import CommunePicker
from desktop.ui.encryption_setup import EncryptionChoice, RecoveryKeyDialog
from desktop.ui.form_dialog import KeepsTypedWork, confirm_discard
from desktop.ui.hamlet_editor import HamletEditor, MemoryHamlets, kind_name
from desktop.ui.household_model import group_thousands
from desktop.ui.screen_fit import elided_folder
from desktop.ui.text_limits import limit_line
from desktop.userdata import default_register_path, recent_registers, sample_register_path

DEMO_HOUSEHOLDS = 300
# The start page's button to the register opened last: its folder is shortened to keep the
# whole button within this many pixels (the wizard is 760 wide), never below the least.
RECENT_BUTTON_WIDTH, RECENT_FOLDER_LEAST = 680, 120
START, COMMUNE, HAMLETS, KEEPERS, CAMPAIGN, SUMMARY = range(6)


def _day(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def run_setup(
    path: Path, parent: QWidget | None = None, *, offer_existing: bool = True
) -> Path | None:
    """Show the wizard; the register to open (the one it created at ``path``, or with
    ``offer_existing`` one made before), or None when the clerk left it."""
    wizard = SetupWizard(path, parent, offer_existing=offer_existing)
    if wizard.exec() == QWizard.DialogCode.Accepted and (wizard.created or wizard.existing):
        return wizard.opened
    return None


class SetupWizard(KeepsTypedWork, QWizard):
    def __init__(
        self, path: Path, parent: QWidget | None = None, *, offer_existing: bool = True
    ) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.created = False
        self.existing = False  # a register made before, chosen on the start page
        self.opened = self.path  # the register to open: this one, the sample or an existing one
        self.setWindowTitle(self.tr("CamKet — set up the register"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.start_page = StartPage(self.path, offer_existing=offer_existing)
        self.commune_page = CommunePage()
        self.hamlet_page = HamletPage()
        self.keepers_page = KeepersPage()
        self.campaign_page = CampaignPage()
        self.summary_page = SummaryPage(self)
        for page_id, page in enumerate(
            (
                self.start_page,
                self.commune_page,
                self.hamlet_page,
                self.keepers_page,
                self.campaign_page,
                self.summary_page,
            )
        ):
            self.setPage(page_id, page)
        self.setStartId(START)
        self.start_page.demo.clicked.connect(self.use_sample_data)
        self.start_page.existing_chosen.connect(self.use_existing)
        self.start_page.bundle_chosen.connect(self.make_from_bundle)
        self.resize(760, 560)

    def may_leave(self) -> bool:
        """Esc or the window's × past the first page (a commune chosen, hamlets and keepers
        typed): True when the clerk chose to drop it all (nothing is made then)."""
        return self.currentId() <= START or self.created or confirm_discard(self)

    def validateCurrentPage(self) -> bool:
        if not super().validateCurrentPage():
            return False
        return self._create(demo=False) if self.currentId() == SUMMARY else True

    def use_existing(self, chosen: Path) -> None:
        """Open a register made before (one named at File › New, on a USB stick) instead of
        making one here: the start only looks for the user's register at ``path``."""
        self.opened = chosen
        self.existing = True
        self.accept()

    def make_from_bundle(self, bundle: Path) -> bool:
        """The register at ``path`` made from another PC's bundle of the commune (as `camket
        init --from`), off the window's thread; True when made (the wizard then closes)."""
        from desktop.services.register import create_from_bundle
        from desktop.ui.off_thread import wait_off_thread

        title = self.tr("The register was not created")
        if not self._make_folder(title):
            return False
        making = self.tr("Making the register from {name}…").format(name=bundle.name)
        identity: str | None = None
        while True:
            try:
                made = partial(create_from_bundle, self.path, bundle, identity=identity)
                wait_off_thread(self, making, made)
                break
            except KnownError as err:
                if err.code == "bundle.needs_identity" and identity is None:
                    identity = self._receivers_key(bundle)
                    if identity is not None:
                        continue  # again, opened with the receiver's key
                    return False
                QMessageBox.critical(self, title, describe(err))
                return False
        self.created = True
        self.opened = self.path
        self.accept()
        return True

    def _receivers_key(self, bundle: Path) -> str | None:
        """The age secret key that opens a bundle exported to a receiver (`export --to`),
        from a key file the clerk picks (as `camket init --from --identity`); None when the
        clerk gives none (said why) or the file holds no key (said so)."""
        from PySide6.QtWidgets import QFileDialog

        from desktop.services.bundles import read_identity

        title = self.tr("The bundle is encrypted")
        asked = QMessageBox.question(
            self,
            title,
            self.tr(
                "{name} was encrypted to a receiver's key when it was exported. Choose that"
                " receiver's secret key file (a line AGE-SECRET-KEY-1…, as age-keygen writes"
                " it) to open it?"
            ).format(name=bundle.name),
        )
        if asked != QMessageBox.StandardButton.Yes:
            return None
        chosen, _filter = QFileDialog.getOpenFileName(
            self, self.tr("The receiver's secret key"), str(bundle.parent), ""
        )
        if not chosen:
            return None
        try:
            return read_identity(Path(chosen))
        except KnownError as err:
            QMessageBox.critical(self, title, describe(err))
            return None

    def _make_folder(self, title: str, target: Path | None = None) -> bool:
        target = target or self.path
        if target == default_register_path() or target == sample_register_path():
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                text = self.tr("The folder {folder} could not be made: {detail}")
                QMessageBox.critical(
                    self, title, text.format(folder=target.parent, detail=exc.strerror)
                )
                return False
        return True

    def use_sample_data(self) -> None:
        if self._create(demo=True):
            self.accept()

    def _create(self, *, demo: bool) -> bool:
        commune = self.commune_page.chosen_commune()
        title = self.tr("The register was not created")
        target = sample_register_path() if demo else self.path
        if not self._make_folder(title, target):
            return False
        recovery: str | None = None
        try:
            QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
            try:
                if demo:
                    if not target.exists():  # made once; later tries open the same sample
                        create_demo_register(target, households=DEMO_HOUSEHOLDS, seed=1)
                else:
                    assert commune is not None  # the commune page is complete
                    passphrase = self.summary_page.encryption.chosen_passphrase()
                    key = new_key(passphrase) if passphrase is not None else None
                    keepers = self.keepers_page
                    create_register(
                        self.path,
                        commune.code,
                        self.hamlet_page.editor.hamlets(),
                        clerk_name=keepers.clerk.text(),
                        border_post=keepers.post.text(),
                        border_officer=keepers.officer.text(),
                        campaign=self.campaign_page.plan(),
                        encrypted=key,  # built encrypted: never a plain copy on the disk
                    )
                    recovery = key.recovery if key is not None else None
            finally:
                QApplication.restoreOverrideCursor()
        except KnownError as err:
            QMessageBox.critical(self, title, describe(err))
            return False
        if recovery is not None:
            RecoveryKeyDialog(self.path, recovery, self).exec()
        self.created = True
        self.opened = target
        return True


class StartPage(QWizardPage):
    """Own commune (Next), sample data (its own button, which creates it and closes), or a
    register made before elsewhere: the last one opened, or one chosen (``existing_chosen``)."""

    existing_chosen = Signal(Path)
    bundle_chosen = Signal(Path)

    def __init__(self, path: Path, *, offer_existing: bool = True) -> None:
        super().__init__()
        self.setTitle(self.tr("Welcome to CamKet"))
        self.wizard_path = path
        self.setSubTitle(self.tr("There is no register yet at: {path}").format(path=path))
        own = QLabel(
            self.tr(
                "Next creates the register of your commune: you pick your province and "
                "commune from the official list, add the hamlets, and name the clerk and "
                "the Border Guard post. All of it can be changed later in Settings."
            )
        )
        own.setWordWrap(True)
        self.demo = QPushButton(
            self.tr("&Use sample data ({count} made-up households) to try CamKet").format(
                count=group_thousands(DEMO_HOUSEHOLDS)
            )
        )
        self.demo.setAutoDefault(False)
        # The commune's second PC (the campaign laptop) or one replacing a dead PC: made
        # here through the wizard, it was a register of its own whose every hamlet,
        # household and person the office's bundle then added a second time.
        self.from_bundle = QPushButton(
            self.tr("Make it from the bundle (.camket) another PC of the commune exported…")
        )
        self.from_bundle.setAutoDefault(False)
        self.from_bundle.clicked.connect(self._choose_bundle)
        second = QLabel(
            self.tr(
                "For the commune's second PC (the campaign laptop), or a PC that replaces one "
                "that died: never set the commune up again on it, or every household would "
                "be there twice once the PCs swap bundles."
            )
        )
        second.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(own)
        layout.addSpacing(12)
        layout.addWidget(self.from_bundle, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(second)
        layout.addSpacing(24)
        layout.addWidget(QLabel(self.tr("Or, only to look around first:")))
        layout.addWidget(self.demo, alignment=Qt.AlignmentFlag.AlignLeft)
        apart = QLabel(
            self.tr(
                "The sample opens as a register of its own, marked as sample data; your "
                "commune's register is not made, and the next start offers this set-up again."
            )
        )
        apart.setWordWrap(True)
        layout.addWidget(apart)
        # A register made with File › New register… (or kept on a USB stick) is not the one
        # the start looks for: without these, the next start offered to make it again.
        # (File › New register… itself asks for a new one: the window opens the others.)
        made_before = QLabel(self.tr("Or open a register made before:"), self)
        last = _last_register(path) if offer_existing else None
        self.recent = QPushButton(self)
        self.recent.setAutoDefault(False)
        self.recent.setVisible(last is not None)
        if last is not None:
            self.recent.setText(self._recent_text(last))
            self.recent.setToolTip(str(last))
            self.recent.clicked.connect(lambda: self.existing_chosen.emit(last))
        self.open_other = QPushButton(self.tr("Open a register kept elsewhere…"), self)
        self.open_other.setAutoDefault(False)
        self.open_other.clicked.connect(self._choose_existing)
        if offer_existing:
            layout.addSpacing(24)
            layout.addWidget(made_before)
            layout.addWidget(self.recent, alignment=Qt.AlignmentFlag.AlignLeft)
            layout.addWidget(self.open_other, alignment=Qt.AlignmentFlag.AlignLeft)
        else:
            made_before.hide()
            self.open_other.hide()
        layout.addStretch(1)

    def _recent_text(self, last: Path) -> str:
        """The button's words, its folder shortened in the middle: a button is as wide as its
        words, and a register kept deep in a USB stick's folders made the wizard 2,285 px
        wide, Next and Cancel off a 1024 px screen (the whole path is the tooltip)."""
        words = self.tr("Open {name} (in {folder}), opened last")
        room = RECENT_BUTTON_WIDTH - self.recent.fontMetrics().horizontalAdvance(
            words.format(name=last.name, folder="")
        )
        folder = elided_folder(self.recent, last.parent, max(room, RECENT_FOLDER_LEAST))
        return words.format(name=last.name, folder=folder)

    def _choose_bundle(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("The other PC's bundle"),
            str(Path.home()),
            "CamKet (*.camket)",
        )
        if chosen:
            self.bundle_chosen.emit(Path(chosen))

    def _choose_existing(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Open register"),
            str(self.wizard_path.parent),
            self.tr("CamKet registers (*.sqlite3 *.db);;All files (*)"),
        )
        if chosen:
            self.existing_chosen.emit(Path(chosen))


def _last_register(path: Path) -> Path | None:
    """The register opened last on this PC, when it is still there and is neither ``path``
    nor the sample (its own button opens that one)."""
    skipped = {path.resolve(), sample_register_path().resolve()}
    for recent in recent_registers():
        if recent.resolve() not in skipped and recent.is_file():
            return recent
    return None


class CommunePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Province and commune"))
        self.setSubTitle(
            self.tr(
                "Type a few letters to filter the official list (Decision 19/2025/QĐ-TTg); "
                "marks are optional: “son la” finds Sơn La."
            )
        )
        self.picker = CommunePicker()
        self.provinces, self.communes = self.picker.provinces, self.picker.communes
        QVBoxLayout(self).addWidget(self.picker)
        self.picker.changed.connect(self.completeChanged.emit)

    def initializePage(self) -> None:
        self.provinces.filter.setFocus()

    def chosen_province(self) -> Province | None:
        return self.picker.chosen_province()

    def chosen_commune(self) -> CommuneUnit | None:
        return self.picker.chosen_commune()

    def isComplete(self) -> bool:
        return self.chosen_commune() is not None

    def validatePage(self) -> bool:
        return self.isComplete()


class HamletPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Hamlets"))
        self.editor = HamletEditor(MemoryHamlets())
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor)
        self.editor.changed.connect(self.completeChanged.emit)
        self.editor.name.textChanged.connect(lambda _text: self.completeChanged.emit())

    def initializePage(self) -> None:
        commune = self.wizard().commune_page.chosen_commune()  # type: ignore[attr-defined]
        self.setSubTitle(
            self.tr(
                "Add every thôn, bản, ấp, khu phố or tổ dân phố of {commune}, with its head. "
                "Enter adds the hamlet and starts the next one."
            ).format(commune=commune.name if commune else "")
        )
        self.editor.name.setFocus()

    def isComplete(self) -> bool:
        return bool(self.editor.hamlets()) or self.editor.has_pending_text()

    def validatePage(self) -> bool:
        # A name typed but not yet added is what the clerk meant to add.
        if self.editor.has_pending_text():
            self.editor.add()  # in memory: kept (the form empties) or refused, at once
            if self.editor.has_pending_text():
                return False
        return bool(self.editor.hamlets())


class KeepersPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Who keeps the register"))
        self.setSubTitle(
            self.tr(
                "These names are printed on the pledge sheets and reports; "
                "they may stay empty for now and be filled in later in Settings."
            )
        )
        self.clerk = limit_line(QLineEdit(), COMMUNE_TEXT["clerk_name"])
        self.clerk.setPlaceholderText(self.tr("e.g. Lò Thị Hoa"))
        self.post = limit_line(QLineEdit(), COMMUNE_TEXT["border_post"])
        self.post.setPlaceholderText(self.tr("e.g. Đồn Biên phòng Ma Ly Chải"))
        self.officer = limit_line(QLineEdit(), COMMUNE_TEXT["border_officer"])
        self.officer.setPlaceholderText(self.tr("rank and full name"))
        form = QFormLayout(self)
        form.addRow(self.tr("&Clerk's name:"), self.clerk)
        form.addRow(self.tr("Border Guard &post:"), self.post)
        form.addRow(self.tr("Border Guard &officer:"), self.officer)


class SummaryPage(QWizardPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Ready to create the register"))
        self.setSubTitle(self.tr("Check what you entered; Back changes it, Finish creates it."))
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # Scrolled: a commune of today (35 hamlets after the 2025 merger) made the page as
        # tall as its lines, 851 px, and Finish went off a 768 px screen.
        self.summary_area = QScrollArea()
        self.summary_area.setWidget(self.summary)
        self.summary_area.setWidgetResizable(True)
        self.summary_area.setFrameShape(QFrame.Shape.NoFrame)
        self.summary_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.encryption = EncryptionChoice()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_area, 1)
        layout.addWidget(self.encryption)
        self.setFinalPage(True)

    def initializePage(self) -> None:
        wizard = self._wizard
        commune = wizard.commune_page.chosen_commune()
        province = wizard.commune_page.chosen_province()
        hamlets = wizard.hamlet_page.editor.hamlets()
        keepers = wizard.keepers_page
        lines = [
            self.tr("Commune: {commune}, {province} (code {code})").format(
                commune=commune.name if commune else "",
                province=province.name if province else "",
                code=commune.code if commune else "",
            ),
            self.tr("Hamlets ({count}):").format(count=len(hamlets)),
        ]
        for hamlet in hamlets:
            border = self.tr(", border or island") if hamlet.is_border else ""
            head = ""
            if hamlet.head_name:
                head = self.tr(", head: {name}").format(name=hamlet.head_name)
            lines.append(f"   • {hamlet.name} ({kind_name(hamlet.kind)}{border}{head})")
        not_given = self.tr("(not given)")
        plan = wizard.campaign_page.plan()
        lines += [
            self.tr("Clerk: {name}").format(name=normalize_text(keepers.clerk.text()) or not_given),
            self.tr("Border Guard post: {name}").format(
                name=normalize_text(keepers.post.text()) or not_given
            ),
            self.tr("Border Guard officer: {name}").format(
                name=normalize_text(keepers.officer.text()) or not_given
            ),
        ]
        if plan is not None:
            lines.append(
                self.tr("Campaign: {title}, {starts} to {ends}, target {target} %").format(
                    title=plan.template.title,
                    starts=_day(plan.starts_on),
                    ends=_day(plan.ends_on),
                    target=plan.target_percent,
                )
            )
        lines += [
            "",
            self.tr("Register file: {path}").format(path=wizard.path),
        ]
        self.summary.setText("\n".join(lines))
