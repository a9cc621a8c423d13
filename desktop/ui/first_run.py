"""The first run: a set-up wizard that creates the commune's register, or a sample one.

Pages: start (own commune or sample data) → province and commune from the official list
(type to filter, marks optional) → hamlets → the clerk and the Border Guard post → summary.
Finish creates the register through services.register.create_register; a refusal (say, an
unwritable folder) is shown and the wizard stays open with everything typed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QCursor, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.domain.errors import KnownError
from desktop.domain.text import fold_for_search, normalize_text, text_sort_string
from desktop.messages import describe
from desktop.services.demo import create_demo_register
from desktop.services.register import create_register
from desktop.store.admin_units import CommuneUnit, Province, load_communes, load_provinces
from desktop.ui.hamlet_editor import EnterLineEdit, HamletEditor, MemoryHamlets, kind_name
from desktop.userdata import default_register_path

DEMO_HOUSEHOLDS = 300
START, COMMUNE, HAMLETS, KEEPERS, SUMMARY = range(5)


def run_setup(path: Path, parent: QWidget | None = None) -> bool:
    """Show the wizard; True when it created a register at ``path``."""
    wizard = SetupWizard(path, parent)
    return wizard.exec() == QWizard.DialogCode.Accepted and wizard.created


class SetupWizard(QWizard):
    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.created = False
        self.setWindowTitle(self.tr("CamKet — set up the register"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.start_page = StartPage(self.path)
        self.commune_page = CommunePage()
        self.hamlet_page = HamletPage()
        self.keepers_page = KeepersPage()
        self.summary_page = SummaryPage(self)
        for page_id, page in enumerate(
            (
                self.start_page,
                self.commune_page,
                self.hamlet_page,
                self.keepers_page,
                self.summary_page,
            )
        ):
            self.setPage(page_id, page)
        self.setStartId(START)
        self.start_page.demo.clicked.connect(self.use_sample_data)
        self.resize(760, 560)

    def validateCurrentPage(self) -> bool:
        if not super().validateCurrentPage():
            return False
        return self._create(demo=False) if self.currentId() == SUMMARY else True

    def use_sample_data(self) -> None:
        if self._create(demo=True):
            self.accept()

    def _create(self, *, demo: bool) -> bool:
        commune = self.commune_page.chosen_commune()
        title = self.tr("The register was not created")
        if self.path == default_register_path():
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                text = self.tr("The folder {folder} could not be made: {detail}")
                QMessageBox.critical(
                    self, title, text.format(folder=self.path.parent, detail=exc.strerror)
                )
                return False
        try:
            QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
            try:
                if demo:
                    create_demo_register(self.path, households=DEMO_HOUSEHOLDS, seed=1)
                else:
                    assert commune is not None  # the commune page is complete
                    keepers = self.keepers_page
                    create_register(
                        self.path,
                        commune.code,
                        self.hamlet_page.editor.hamlets(),
                        clerk_name=keepers.clerk.text(),
                        border_post=keepers.post.text(),
                        border_officer=keepers.officer.text(),
                    )
            finally:
                QApplication.restoreOverrideCursor()
        except KnownError as err:
            QMessageBox.critical(self, title, describe(err))
            return False
        self.created = True
        return True


class StartPage(QWizardPage):
    """Own commune (Next) or sample data (its own button, which creates it and closes)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.setTitle(self.tr("Welcome to CamKet"))
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
                count=DEMO_HOUSEHOLDS
            )
        )
        self.demo.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(own)
        layout.addSpacing(24)
        layout.addWidget(QLabel(self.tr("Or, only to look around first:")))
        layout.addWidget(self.demo, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)


def match_rank(folded_name: str, words: list[str]) -> int | None:
    """How well folded query words match a folded name: None when some word starts no word
    of the name; 0 when the query is whole words of it ("son la" and Sơn La), 1 when it
    starts a word ("son l"), 2 when its words are scattered ("son la" and Lạng Sơn)."""
    name_words = folded_name.split()
    if not all(any(n.startswith(w) for n in name_words) for w in words):
        return None
    phrase = " ".join(words)
    padded = f" {folded_name} "
    if f" {phrase} " in padded:
        return 0
    return 1 if f" {phrase}" in padded else 2


class FilteredList(QWidget):
    """A filter box over a list: what is typed, without marks if one likes, narrows the list
    and chooses its first match; Up and Down in the box move through the list. Nothing is
    chosen until the clerk types or clicks, so Next never takes an entry nobody picked."""

    def __init__(
        self, label: str, placeholder: str, *, keep_enter: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        # keep_enter: Enter moves on within the page instead of pressing Next.
        self.filter = EnterLineEdit() if keep_enter else QLineEdit()
        self.filter.setPlaceholderText(placeholder)
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget()
        caption = QLabel(label)
        caption.setBuddy(self.filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(caption)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, stretch=1)
        self.filter.textChanged.connect(self.apply_filter)
        self.filter.installEventFilter(self)

    def set_entries(self, entries: list[tuple[str, object]]) -> None:
        """(text, data) pairs, shown in this order."""
        self.list.clear()
        for text, data in entries:
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, data)
            item.setData(Qt.ItemDataRole.UserRole + 1, fold_for_search(text))
        self.apply_filter(self.filter.text())

    def chosen(self) -> object | None:
        item = self.list.currentItem()
        if item is None or item.isHidden() or not item.isSelected():
            return None
        return item.data(Qt.ItemDataRole.UserRole)

    def choose(self, data: object) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == data:
                self.list.setCurrentRow(row)
                return

    def apply_filter(self, text: str) -> None:
        words = fold_for_search(text).split()
        best: tuple[int, int] | None = None  # (rank, row) of the closest match
        for row in range(self.list.count()):
            item = self.list.item(row)
            rank = match_rank(item.data(Qt.ItemDataRole.UserRole + 1), words)
            item.setHidden(rank is None)
            if rank is not None and (best is None or rank < best[0]):
                best = (rank, row)
        current = self.list.currentItem()
        if words and best is not None:
            self.list.setCurrentRow(best[1])  # typing is searching: the closest match
        elif current is not None and current.isHidden():
            self.list.setCurrentRow(-1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.filter and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (
                Qt.Key.Key_Up,
                Qt.Key.Key_Down,
                Qt.Key.Key_PageUp,
                Qt.Key.Key_PageDown,
            ):
                QApplication.sendEvent(self.list, event)
                return True
        return super().eventFilter(watched, event)


def _province_key(province: Province) -> str:
    # "Thành phố Hà Nội" is looked for under H, like the provinces named without a prefix.
    return text_sort_string(province.name.removeprefix("Thành phố "))


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
        self.provinces = FilteredList(
            self.tr("&Province:"), self.tr("e.g. lai chau"), keep_enter=True
        )
        self.communes = FilteredList(self.tr("Co&mmune:"), self.tr("e.g. sin ho"), keep_enter=False)
        self._communes_by_province: dict[str, list[CommuneUnit]] = {}
        for unit in load_communes():
            self._communes_by_province.setdefault(unit.province_code, []).append(unit)
        provinces = sorted(load_provinces(), key=_province_key)
        self.provinces.set_entries([(p.name, p) for p in provinces])
        layout = QGridLayout(self)
        layout.addWidget(self.provinces, 0, 0)
        layout.addWidget(self.communes, 0, 1)
        layout.setColumnStretch(0, 2)
        layout.setColumnStretch(1, 3)
        self.provinces.list.currentItemChanged.connect(lambda *_: self._province_changed())
        self.communes.list.currentItemChanged.connect(lambda *_: self.completeChanged.emit())
        self.provinces.filter.returnPressed.connect(self.communes.filter.setFocus)
        self._province_changed()

    def initializePage(self) -> None:
        self.provinces.filter.setFocus()

    def chosen_province(self) -> Province | None:
        chosen = self.provinces.chosen()
        return chosen if isinstance(chosen, Province) else None

    def chosen_commune(self) -> CommuneUnit | None:
        chosen = self.communes.chosen()
        return chosen if isinstance(chosen, CommuneUnit) else None

    def isComplete(self) -> bool:
        return self.chosen_commune() is not None

    def validatePage(self) -> bool:
        return self.isComplete()

    def _province_changed(self) -> None:
        province = self.chosen_province()
        units = self._communes_by_province.get(province.code, []) if province else []
        units = sorted(units, key=lambda u: text_sort_string(u.short_name))
        self.communes.set_entries([(u.name, u) for u in units])
        self.completeChanged.emit()


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
        if self.editor.has_pending_text() and not self.editor.add():
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
        self.clerk = QLineEdit()
        self.clerk.setPlaceholderText(self.tr("e.g. Lò Thị Hoa"))
        self.post = QLineEdit()
        self.post.setPlaceholderText(self.tr("e.g. Đồn Biên phòng Ma Ly Chải"))
        self.officer = QLineEdit()
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
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addStretch(1)
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
        lines += [
            self.tr("Clerk: {name}").format(name=normalize_text(keepers.clerk.text()) or not_given),
            self.tr("Border Guard post: {name}").format(
                name=normalize_text(keepers.post.text()) or not_given
            ),
            self.tr("Border Guard officer: {name}").format(
                name=normalize_text(keepers.officer.text()) or not_given
            ),
            "",
            self.tr("Register file: {path}").format(path=wizard.path),
        ]
        self.summary.setText("\n".join(lines))
