"""Copy and edit a pledge template: its TOML text checked as typed, a blank sheet to look at."""

from __future__ import annotations

import io
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFontDatabase,
    QKeySequence,
    QShortcut,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import KnownError
from desktop.domain.pledges import Campaign, StoredTemplate, place_name
from desktop.domain.templates import PledgeTemplate, parse_template
from desktop.domain.text_bounds import TEMPLATE_MAX, TEMPLATE_TEXT
from desktop.messages import describe
from desktop.services import campaigns
from desktop.services.pledges import current_campaign
from desktop.services.register import OpenRegister
from desktop.store import pledges as store
from desktop.ui.edits import Saving, save_on_lane
from desktop.ui.form_dialog import KeepsTypedWork, confirm_discard
from desktop.ui.pdf_pages import PdfPages
from desktop.ui.pdf_preview import PdfPreview
from desktop.ui.screen_fit import resize_within_screen
from desktop.ui.tasks import Task, TaskRunner
from desktop.ui.text_limits import LimitedPlainTextEdit, limit_line

CHECK_DELAY_MS = 300
ERROR_LINE = QColor(255, 221, 221)


class TemplateEditorDialog(KeepsTypedWork, QDialog):
    """Pick a template kept in the register, edit a copy of its text, save it as the next
    version (and print the current campaign with it). The text is checked by the template
    loader as it is typed: a mistake is named with its line, which is highlighted. F5 draws
    a blank sheet with the edited text on the task lane."""

    saved = Signal(object)  # the new StoredTemplate

    def __init__(
        self, register: OpenRegister, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Pledge templates"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint)
        self._register = register
        self._tasks = tasks
        self._pages: PdfPages | None = None
        self.error_line = 0  # the line of the mistake shown (0: none, or no line)
        # The register's kept templates; a register that kept none starts from forms/.
        self.templates = store.list_templates(register.db) or campaigns.bundled_templates()
        self.campaign = current_campaign(register)

        self.base_combo = QComboBox()
        # A template's full title is long: the combo shows what fits, the list shows it all.
        self.base_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.base_combo.setMinimumContentsLength(40)
        for template in self.templates:
            self.base_combo.addItem(
                self.tr("{title} ({id}, version {version})").format(
                    title=template.title, id=template.template_id, version=template.version
                ),
                template.id,
            )
        in_use = next(
            (
                i
                for i, t in enumerate(self.templates)
                if (t.template_id, t.version)
                == (self.campaign.template_id, self.campaign.template_version)
            ),
            0,
        )
        self.base_combo.setCurrentIndex(in_use)
        self.title_edit = limit_line(QLineEdit(), TEMPLATE_TEXT["title"])
        self.use_box = QCheckBox(self.tr("Print the current campaign with the new version"))
        self.use_box.setChecked(True)

        self.editor = LimitedPlainTextEdit(TEMPLATE_MAX)
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.editor.setAccessibleName(self.tr("Template text (TOML)"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.position = QLabel()
        self.preview = PdfPreview()
        self.preview.print_button.hide()  # a blank sample is looked at, not printed

        self.preview_button = QPushButton(self.tr("Sample sheet (F5)"))
        self.preview_button.clicked.connect(self.draw_sample)
        self.save_button = QPushButton(self.tr("&Save as new version"))
        self.save_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        self.save_button.clicked.connect(self.save)
        close_button = QPushButton(self.tr("Close"))
        self._kept: tuple[object, ...] = ()  # the fields as loaded or last saved
        close_button.clicked.connect(self.close_asking)
        sample = QShortcut(QKeySequence(Qt.Key.Key_F5), self)
        sample.activated.connect(self.draw_sample)

        form = QFormLayout()
        form.addRow(self.tr("&Based on:"), self.base_combo)
        form.addRow(self.tr("&Title of the copy:"), self.title_edit)
        form.addRow("", self.use_box)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(form)
        left_layout.addWidget(self.editor, stretch=1)
        left_layout.addWidget(self.message)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setSizes([620, 480])
        buttons = QHBoxLayout()
        buttons.addWidget(self.position, stretch=1)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, stretch=1)
        layout.addLayout(buttons)
        resize_within_screen(self, 1200, 700)

        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.check)
        self.editor.textChanged.connect(self._check_timer.start)
        self.editor.cursorPositionChanged.connect(self._show_position)
        self.base_combo.currentIndexChanged.connect(lambda _i: self.load_base())
        self.load_base()

    # --- public -------------------------------------------------------------------------

    def base(self) -> StoredTemplate:
        return self.templates[max(0, self.base_combo.currentIndex())]

    def load_base(self) -> None:
        base = self.base()
        self.title_edit.setText(base.title)
        self.editor.setPlainText(base.source)
        self._kept = self._fields()
        self.check()

    def _fields(self) -> tuple[object, ...]:
        return (self.title_edit.text(), self.editor.toPlainText())

    def may_leave(self) -> bool:
        """Esc, Close or the window's ×: True when the text is as loaded or saved, or the
        clerk chose to drop the edit (one key lost a whole edited template)."""
        return self._fields() == self._kept or confirm_discard(self)

    def close_asking(self) -> None:
        if self.may_leave():
            self.reject()

    def check(self) -> PledgeTemplate | None:
        """Validate the text now: the template, or None with the mistake shown."""
        self._check_timer.stop()
        try:
            template = parse_template(self.editor.toPlainText(), self._source_name())
        except KnownError as err:
            self._show_problem(describe(err), int(str(err.params.get("line", 0) or 0)))
            return None
        self._show_problem("", 0)
        self.message.setText(
            self.tr("The template is sound: {count} commitments.").format(
                count=len(template.commitments)
            )
        )
        return template

    def save(self) -> Saving | None:
        """Keep the text as the next version of the template, on the write lane (nothing is
        kept if refused); None when the text has a mistake."""
        if self.check() is None:
            return None
        base, text, title = self.base(), self.editor.toPlainText(), self.title_edit.text()
        campaign = self.campaign if self.use_box.isChecked() else None

        def work(register: OpenRegister) -> tuple[StoredTemplate, Campaign | None]:
            writer = register.writer
            with writer.db.atomic():
                copy = campaigns.copy_template(writer, base, text, title=title)
                used = None if campaign is None else campaigns.print_with(writer, campaign, copy)
            return copy, used

        return save_on_lane(
            self._tasks,
            self,
            work,
            self._saved,
            lambda err: self._show_problem(describe(err), 0),
            button=self.save_button,
        )

    def _saved(self, stored: tuple[StoredTemplate, Campaign | None]) -> None:
        copy, used = stored
        self._kept = self._fields()
        if used is not None:
            self.campaign = used
        self.templates = store.list_templates(self._register.db)
        self.message.setText(self.tr("Saved as version {version}.").format(version=copy.version))
        self.saved.emit(copy)

    def draw_sample(self) -> None:
        """A blank sheet of the commune with the edited text, drawn on the task lane."""
        template = self.check()
        if template is None:
            return
        commune = self._register.commune

        def work(_register: OpenRegister, _progress: Any, _cancelled: Any) -> bytes:
            from desktop.printing.sheet import render_blank  # reportlab: loaded on first use

            out = io.BytesIO()
            render_blank(
                template,
                out,
                province_name=commune.province_name,
                commune_name=commune.name,
                place_name=place_name(commune.name),
                border_post=commune.border_post,
                border_officer=commune.border_officer,
            )
            return out.getvalue()

        self.preview_button.setEnabled(False)
        self._tasks.submit(
            Task(self.tr("Sample sheet"), work, self._show_sample, self._sample_failed)
        )

    # --- internals ----------------------------------------------------------------------

    def _source_name(self) -> str:
        return self.tr("copy of {id}").format(id=self.base().template_id)

    def _show_problem(self, text: str, line: int) -> None:
        selections = []
        if line > 0:
            selection = QTextEdit.ExtraSelection()
            selection.format.setBackground(ERROR_LINE)
            selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            cursor = QTextCursor(self.editor.document().findBlockByLineNumber(line - 1))
            selection.cursor = cursor
            selections.append(selection)
        self.editor.setExtraSelections(selections)
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020;" if text else "")
        self.save_button.setEnabled(not text)
        self.error_line = line

    def _show_sample(self, pdf: bytes) -> None:
        self.preview_button.setEnabled(True)
        old = self._pages
        self._pages = PdfPages(pdf)
        self.preview.set_pages(self._pages)
        self.preview.fit_width()
        if old is not None:
            old.close()

    def _sample_failed(self, error: KnownError) -> None:
        self.preview_button.setEnabled(True)
        self._show_problem(describe(error), int(str(error.params.get("line", 0) or 0)))

    def _show_position(self) -> None:
        cursor = self.editor.textCursor()
        self.position.setText(
            self.tr("Line {line}, column {column}").format(
                line=cursor.blockNumber() + 1, column=cursor.positionInBlock() + 1
            )
        )

    def done(self, result: int) -> None:
        self.preview.set_pages(None)
        if self._pages is not None:
            self._pages.close()
            self._pages = None
        super().done(result)
