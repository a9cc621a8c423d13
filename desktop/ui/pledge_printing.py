"""Print jobs of the pledge page: sheets, archive copies and reports rendered on the task lane,
then shown in the preview window to print or save."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from PySide6.QtCore import QMarginsF, QObject, QRect, Qt, Signal
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QWidget

from desktop.domain.errors import KnownError
from desktop.domain.pledges import Pledge
from desktop.messages import describe
from desktop.processes import process_alive
from desktop.services import checkin, sheets
from desktop.services.register import OpenRegister
from desktop.store import households as repo
from desktop.store import pledges as store
from desktop.ui.household_model import group_thousands
from desktop.ui.preview_dialog import PreviewDialog, warn
from desktop.ui.print_dialog import PrintRequest
from desktop.ui.tasks import Task, TaskRunner

Render = Callable[[OpenRegister, Path, Callable[[int, int], None], Callable[[], bool]], Any]


_FOLDER_PREFIX = "camket-print-"


def print_folder() -> Path:
    """A new private temporary folder for a window's previews, named after its process. The
    folders of windows that were killed are removed first: their sheets (names, ID numbers,
    in plain PDF even from an encrypted register) stayed on the disk."""
    for folder in Path(tempfile.gettempdir()).glob(f"{_FOLDER_PREFIX}*-*"):
        pid = folder.name.removeprefix(_FOLDER_PREFIX).split("-", 1)[0]
        if pid.isdigit() and not process_alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f"{_FOLDER_PREFIX}{os.getpid()}-"))


class PledgePrinting(QObject):
    """Renders into a private temporary folder (removed on shutdown) and opens the result.

    Every render runs on the task lane with its own register connection; the window shows
    its progress and can cancel it. ``rendered`` tells the page to read its counts again
    (printed sheets are marked printed by the service).
    """

    rendered = Signal(object)  # what the service returned
    message = Signal(str, int)

    def __init__(self, tasks: TaskRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._parent = parent
        self._folder = print_folder()
        self.preview: PreviewDialog | None = None

    # --- jobs ---------------------------------------------------------------------------

    def print_sheets(self, request: PrintRequest) -> None:
        """Pre-filled sheets (or a blank one) for the request, then the preview."""

        def render(reg: OpenRegister, out: Path, progress: Any, cancelled: Any) -> Any:
            from desktop.services import printing  # reportlab: loaded on the first print

            campaign = store.get_campaign(reg.db, request.campaign_id)
            hamlet = _hamlet(reg, request.hamlet_id)
            if request.blank:
                return printing.print_blank(
                    reg, out, campaign=campaign, hamlet=hamlet, copies=request.copies
                )
            return printing.print_pledges(
                reg,
                out,
                campaign=campaign,
                hamlet=hamlet,
                unsigned_only=request.unsigned_only,
                households=request.household_ids,
                copies=request.copies,
                progress=progress,
                cancelled=cancelled,
                mark=False,
            )

        def ready(outcome: Any, preview: PreviewDialog) -> None:
            # Marked printed once the sheets reach a printer (or a saved PDF), not when
            # they are only looked at.
            households = tuple(outcome.household_ids)
            if households:
                preview.delivered.connect(
                    lambda: self.mark_printed(request.campaign_id, households)
                )

        self.run(self.tr("Pledge sheets"), "cam-ket", render, self._sheets_note, ready)

    def mark_printed(self, campaign_id: str, household_ids: tuple[str, ...]) -> None:
        """Record on the task lane that these households' sheets were printed today."""

        def work(reg: OpenRegister, _progress: Any, _cancelled: Any) -> int:
            campaign = store.get_campaign(reg.db, campaign_id)
            return sheets.mark_printed(reg, household_ids, campaign=campaign)

        def done(count: int) -> None:
            self.rendered.emit(count)
            self.message.emit(
                self.tr("{count} households marked printed").format(count=group_thousands(count)),
                8000,
            )

        self._tasks.submit(Task(self.tr("Marking sheets printed"), work, done, self._failed))

    def progress_report(self) -> None:
        """The report of progress per hamlet toward the target, for the upper level."""
        self.run(
            self.tr("Progress report"),
            "bao-cao-tien-do",
            lambda reg, out, _progress, _cancelled: _reports().print_progress_report(reg, out),
        )

    def unsigned_lists(self, hamlet_id: str | None) -> None:
        """Lists of the households not signed yet, one per hamlet (or just this hamlet)."""

        def render(reg: OpenRegister, out: Path, progress: Any, cancelled: Any) -> Any:
            return _reports().print_unsigned_lists(
                reg,
                out,
                hamlet=_hamlet(reg, hamlet_id),
                progress_to=progress,
                cancelled=cancelled,
            )

        self.run(self.tr("Unsigned households"), "ho-chua-ky", render)

    def view_scan(self, attachment_id: str, parent: QWidget | None = None) -> None:
        """A scanned sheet kept with a pledge, in the preview (an image on an A4 page)."""

        def render(reg: OpenRegister, out: Path, _progress: Any, _cancelled: Any) -> None:
            data = checkin.attachment_bytes(reg, attachment_id)
            if data.startswith(b"%PDF"):
                out.write_bytes(data)
            else:
                image_page(data, out)

        self.run(self.tr("Scanned sheet"), "ban-quet", render, parent=parent)

    def print_archive(self, pledge: Pledge) -> None:
        """The "bản lưu" of a signed pledge: its sheet with the date, signer and signature."""

        def render(reg: OpenRegister, out: Path, progress: Any, cancelled: Any) -> Any:
            from desktop.services import printing  # reportlab: loaded on the first print

            return printing.print_archive_copy(reg, out, pledge.household_id, pledge.campaign_id)

        self.run(self.tr("Archive copy"), "ban-luu", render)

    def run(
        self,
        title: str,
        stem: str,
        render: Render,
        note: Callable[[Any], str] = lambda _result: "",
        ready: Callable[[Any, PreviewDialog], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """Render ``stem``-date.pdf on the lane; open it when done (unless cancelled)."""
        out = self._folder / f"{stem}-{dt.datetime.now():%Y%m%d-%H%M%S-%f}.pdf"

        def work(reg: OpenRegister, progress: Any, cancelled: Any) -> Any:
            return render(reg, out, progress, cancelled)

        def done(result: Any) -> None:
            self.rendered.emit(result)
            if getattr(result, "cancelled", False) or not out.exists():
                self.message.emit(
                    self.tr("{title}: stopped, nothing printed").format(title=title), 8000
                )
                return
            heading = title[:1].upper() + title[1:]
            preview = self.open_preview(
                out, heading, note(result), f"{stem}-{dt.date.today():%d-%m-%Y}.pdf", parent
            )
            if ready is not None:
                ready(result, preview)

        self._tasks.submit(
            Task(self.tr("Preparing {title}").format(title=title), work, done, self._failed)
        )

    def open_preview(
        self, pdf: Path, title: str, note: str, suggested: str, parent: QWidget | None = None
    ) -> PreviewDialog:
        """The preview window (over ``parent`` when a modal dialog asked for it)."""
        if self.preview is not None:
            self.preview.close()
        try:
            dialog = PreviewDialog(
                pdf, title, self._tasks, parent or self._parent, note=note, suggested_name=suggested
            )
        except KnownError as err:
            self._failed(err)
            raise
        self.preview = dialog
        dialog.remove_when_closed = pdf.parent == self._folder
        dialog.finished.connect(lambda _result: self._forget(dialog))
        dialog.show()
        return dialog

    def _forget(self, dialog: PreviewDialog) -> None:
        if self.preview is dialog:
            self.preview = None

    def shutdown(self) -> None:
        if self.preview is not None:
            self.preview.close()
        shutil.rmtree(self._folder, ignore_errors=True)

    # --- internals ----------------------------------------------------------------------

    def _sheets_note(self, outcome: Any) -> str:
        note = self.tr("{households} households, {sheets} sheets, {pages} pages").format(
            households=group_thousands(outcome.households),
            sheets=group_thousands(outcome.sheets),
            pages=group_thousands(outcome.pages),
        )
        if outcome.nobody_lives:
            note += self.tr("; {count} where nobody lives any more left out").format(
                count=group_thousands(outcome.nobody_lives)
            )
        return note

    def _failed(self, error: KnownError) -> None:
        text = describe(error)
        self.message.emit(text, 0)
        warn(self._parent, self.tr("Printing"), text)


def image_page(data: bytes, out: Path) -> None:
    """A photo or scan (PNG, JPEG) on one A4 page, fitted inside 10 mm margins."""
    image = QImage.fromData(data)
    if image.isNull():
        raise KnownError("attachment.not_image_or_pdf", name=out.name)
    writer = QPdfWriter(str(out))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(10, 10, 10, 10), QPageLayout.Unit.Millimeter)
    writer.setResolution(150)
    painter = QPainter(writer)
    try:
        area = painter.viewport()
        size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
        painter.drawImage(QRect(area.topLeft(), size), image)
    finally:
        painter.end()


def _hamlet(reg: OpenRegister, hamlet_id: str | None) -> Any:
    if hamlet_id is None:
        return None
    return next((h for h in repo.list_hamlets(reg.db) if h.id == hamlet_id), None)


def _reports() -> ModuleType:
    """The report services, imported on first use: reportlab costs 0.2 s of start-up."""
    from desktop.services import reports

    return reports
