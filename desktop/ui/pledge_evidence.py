"""What proves a pledge was signed: the signature drawn on the pad and the scanned sheet."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.pledges import Attachment, AttachmentKind, Pledge
from desktop.services import checkin
from desktop.services.register import OpenRegister
from desktop.ui.signature_pad import SignaturePad

SCAN_FILTER = "*.png *.jpg *.jpeg *.pdf *.PNG *.JPG *.JPEG *.PDF"


class PledgeEvidence(QGroupBox):
    """The signature pad (stored when the pledge is saved) and "Attach scanned page…"
    (``scan_chosen``: the owner stores the file at once, and the clerk sees it listed)."""

    attached = Signal(object)  # the new Attachment
    scan_chosen = Signal(object)  # a Path picked in the file dialog (the owner attaches it)
    scan_opened = Signal(str)  # the id of a kept scan the clerk wants to look at

    def __init__(self, register: OpenRegister, pledge: Pledge, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Signature and scanned sheet"))
        self._register = register
        self.pledge = pledge
        self.pad = SignaturePad()
        self.pad.setMinimumSize(360, 130)
        self.clear_button = QPushButton(self.tr("C&lear signature"))
        self.clear_button.clicked.connect(self.pad.clear)
        self.attach_button = QPushButton(self.tr("Attach scanned &page…"))
        self.attach_button.setToolTip(
            self.tr("A photo or scan of the signed sheet: PNG, JPEG or PDF")
        )
        self.attach_button.clicked.connect(self._choose_scan)
        self.saved_signature = QLabel()
        self.saved_signature.setMaximumHeight(60)
        self.files_label = QLabel()
        self.files_label.setWordWrap(True)
        self.files_label.setTextFormat(Qt.TextFormat.RichText)
        self.files_label.linkActivated.connect(self.scan_opened)

        buttons = QHBoxLayout()
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(self.attach_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pad, stretch=1)
        layout.addLayout(buttons)
        layout.addWidget(self.saved_signature)
        layout.addWidget(self.files_label)
        self.show_stored()

    # --- public -------------------------------------------------------------------------

    def show_stored(self) -> None:
        """The signature and files already kept with the pledge."""
        png = checkin.signature_png(self._register, self.pledge.id)
        if png:
            picture = QPixmap()
            picture.loadFromData(png)
            self.saved_signature.setPixmap(picture.scaledToHeight(56))
            self.saved_signature.setToolTip(self.tr("Saved signature; sign above to replace it"))
        else:
            self.saved_signature.clear()
        self.saved_signature.setVisible(bool(png))
        scans = [
            f'<a href="{a.id}">{html.escape(a.file_name or a.mime)}</a>'
            for a in checkin.attachments(self._register, self.pledge.id)
            if a.kind is AttachmentKind.SCAN
        ]
        self.files_label.setText(
            self.tr("Scanned: {files}").format(files=", ".join(scans)) if scans else ""
        )
        self.files_label.setVisible(bool(scans))
        self.files_label.setToolTip(self.tr("Click a file to look at it"))

    def has_saved_signature(self) -> bool:
        return checkin.signature_png(self._register, self.pledge.id) is not None

    def drawn_signature(self) -> bytes | None:
        """What was drawn on the pad as a PNG, to store with the result; None when nothing was."""
        return None if self.pad.is_empty() else self.pad.png()

    def signature_saved(self, pledge: Pledge) -> None:
        """The result and what was drawn are stored: the pad empties, the saved one shows."""
        self.pledge = pledge
        self.pad.clear()
        self.show_stored()

    def scan_attached(self, attachment: Attachment) -> None:
        """A scanned sheet is kept with the pledge (the owner stored it): list it."""
        self.show_stored()
        self.attached.emit(attachment)

    # --- internals ----------------------------------------------------------------------

    def _choose_scan(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Attach the scanned sheet"),
            str(Path.home()),
            self.tr("Scans and photos ({patterns})").format(patterns=SCAN_FILTER),
        )
        if name:
            self.scan_chosen.emit(Path(name))
