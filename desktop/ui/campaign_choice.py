"""The set-up wizard's campaign page: which bundled template the first campaign prints,
a sample sheet of it one click away, its dates and target."""

from __future__ import annotations

import io

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from desktop.domain.errors import KnownError
from desktop.domain.pledges import StoredTemplate, place_name
from desktop.messages import describe
from desktop.services.campaigns import DEFAULT_TEMPLATE_ID, CampaignPlan, bundled_templates
from desktop.ui.campaigns_dialog import DEFAULT_DAYS, date_edit, py_date, start_edit
from desktop.ui.pdf_pages import PdfPages
from desktop.ui.pdf_preview import PdfPreview
from desktop.ui.screen_fit import resize_within_screen

TEMPLATE_ROLE = Qt.ItemDataRole.UserRole + 1


class CampaignPage(QWizardPage):
    """The bundled templates by their full titles (the border-security one chosen), "Sample
    sheet…" beside them, the first and last day and the target."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("The pledge campaign"))
        self.setSubTitle(
            self.tr(
                "Which campaign do the households' sheets start with? Later campaigns are "
                "started on the Cam kết page (Đợt cam kết…)."
            )
        )
        self.templates = bundled_templates()
        self.template_list = QListWidget()
        self.template_list.setWordWrap(True)
        self.template_list.setSpacing(4)
        self.template_list.setAccessibleName(self.tr("Campaign templates"))
        for template in self.templates:
            item = QListWidgetItem(
                self.tr("{title}\n(template {id}, version {version})").format(
                    title=template.title, id=template.template_id, version=template.version
                ),
                self.template_list,
            )
            item.setData(TEMPLATE_ROLE, template.template_id)
            if template.template_id == DEFAULT_TEMPLATE_ID:
                self.template_list.setCurrentItem(item)
        if self.template_list.currentRow() < 0 and self.templates:
            self.template_list.setCurrentRow(0)
        self.template_list.currentRowChanged.connect(lambda _row: self.completeChanged.emit())
        self.sample_button = QPushButton(self.tr("&Sample sheet…"))
        self.sample_button.setToolTip(self.tr("A blank sheet of the chosen template, to look at"))
        self.sample_button.clicked.connect(self.show_sample)
        self.sample_dialog: QDialog | None = None

        today = QDate.currentDate()
        self.starts_edit = start_edit(today)
        self.ends_edit = date_edit(today.addDays(DEFAULT_DAYS))
        self.starts_edit.dateChanged.connect(self.ends_edit.setMinimumDate)
        self.ends_edit.setMinimumDate(today)
        self.target_spin = QSpinBox()
        self.target_spin.setRange(1, 100)
        self.target_spin.setValue(100)
        self.target_spin.setSuffix(" %")
        self.target_spin.setMaximumWidth(self.fontMetrics().horizontalAdvance("100 %") + 60)
        self.target_spin.setToolTip(self.tr("The share of households that should sign"))

        choose = QHBoxLayout()
        choose.addWidget(self.template_list, stretch=1)
        side = QVBoxLayout()
        side.addWidget(self.sample_button)
        side.addStretch(1)
        choose.addLayout(side)
        dates = QHBoxLayout()
        dates.addWidget(self.starts_edit)
        dates.addWidget(QLabel(self.tr("to")))
        dates.addWidget(self.ends_edit)
        dates.addStretch(1)
        form = QFormLayout()
        from_label = QLabel(self.tr("&From:"))
        from_label.setBuddy(self.starts_edit)
        form.addRow(from_label, dates)
        target_label = QLabel(self.tr("Tar&get:"))
        target_label.setBuddy(self.target_spin)
        form.addRow(target_label, self.target_spin)
        layout = QVBoxLayout(self)
        layout.addLayout(choose, stretch=1)
        layout.addLayout(form)

    def chosen_template(self) -> StoredTemplate | None:
        row = self.template_list.currentRow()
        return self.templates[row] if 0 <= row < len(self.templates) else None

    def plan(self) -> CampaignPlan | None:
        """The first campaign as chosen; None when no template is bundled (the register
        then starts on the default one)."""
        template = self.chosen_template()
        if template is None:
            return None
        return CampaignPlan(
            template,
            starts_on=py_date(self.starts_edit.date()),
            ends_on=py_date(self.ends_edit.date()),
            target_percent=self.target_spin.value(),
        )

    def isComplete(self) -> bool:
        return self.chosen_template() is not None or not self.templates

    def show_sample(self) -> QDialog | None:
        """A blank sheet of the chosen template with the commune and post typed so far."""
        template = self.chosen_template()
        if template is None:
            return None
        try:
            QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
            try:
                pdf = self._render_sample(template)
            finally:
                QApplication.restoreOverrideCursor()
        except KnownError as err:
            QMessageBox.warning(self, self.tr("Sample sheet"), describe(err))
            return None
        if self.sample_dialog is not None:
            self.sample_dialog.close()
        self.sample_dialog = SampleSheetDialog(pdf, template.title, self)
        self.sample_dialog.open()
        return self.sample_dialog

    def _render_sample(self, stored: StoredTemplate) -> bytes:
        from desktop.domain.templates import parse_template
        from desktop.printing.sheet import render_blank  # reportlab: loaded on first use

        wizard = self.wizard()
        commune = wizard.commune_page.chosen_commune()  # type: ignore[attr-defined]
        province = wizard.commune_page.chosen_province()  # type: ignore[attr-defined]
        keepers = wizard.keepers_page  # type: ignore[attr-defined]
        out = io.BytesIO()
        render_blank(
            parse_template(stored.source, stored.template_id),
            out,
            province_name=province.name if province else "",
            commune_name=commune.name if commune else "",
            place_name=place_name(commune.name) if commune else "",
            border_post=keepers.post.text().strip(),
            border_officer=keepers.officer.text().strip(),
        )
        return out.getvalue()


class SampleSheetDialog(QDialog):
    """A sample sheet to look at (not printed: nothing is set up yet)."""

    def __init__(self, pdf: bytes, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sample sheet — {title}").format(title=title))
        self.pages = PdfPages(pdf)
        self.preview = PdfPreview()
        self.preview.print_button.hide()
        self.preview.set_pages(self.pages)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, stretch=1)
        layout.addWidget(buttons)
        resize_within_screen(self, 720, 700)
        self.preview.fit_width()

    def done(self, result: int) -> None:
        self.pages.close()
        super().done(result)
