"""An in-app preview of a PDF: pages one under another, scrolled, zoomed, drawn when seen."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QShortcut,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.pdf_pages import POINTS_PER_INCH, PdfPages

GAP = 12  # px between pages
ZOOMS = (0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0)
CACHED_PAGES = 12  # rendered pages kept; a 1,000-page hamlet never holds 1,000 images


class _PageCanvas(QWidget):
    """All pages stacked at one zoom; only the pages in the exposed rectangle are rendered."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages: PdfPages | None = None
        self.zoom = 1.0
        self._tops: list[int] = []
        self._cache: OrderedDict[tuple[int, float], QImage] = OrderedDict()

    def pixels_per_point(self) -> float:
        return self.zoom * self.logicalDpiX() / POINTS_PER_INCH

    def page_rect(self, index: int) -> QRect:
        assert self.pages is not None
        size = self.pages.sizes[index] * self.pixels_per_point()
        left = max(GAP, (self.width() - round(size.width())) // 2)
        return QRect(left, self._tops[index], round(size.width()), round(size.height()))

    def relayout(self) -> None:
        self._tops = []
        width, top = 0, GAP
        if self.pages is not None:
            ppp = self.pixels_per_point()
            for size in self.pages.sizes:
                self._tops.append(top)
                top += round(size.height() * ppp) + GAP
                width = max(width, round(size.width() * ppp))
        self.setFixedSize(QSize(width + 2 * GAP, top))
        self.update()

    def page_at(self, y: int) -> int:
        for index in range(len(self._tops) - 1, -1, -1):
            if self._tops[index] <= y:
                return index
        return 0

    def _image(self, index: int) -> QImage:
        assert self.pages is not None
        ratio = self.devicePixelRatioF()
        key = (index, round(self.zoom * ratio, 3))
        image = self._cache.get(key)
        if image is None:
            dpi = self.zoom * self.logicalDpiX() * ratio
            image = self.pages.render(index, dpi)
            image.setDevicePixelRatio(ratio)
            self._cache[key] = image
            while len(self._cache) > CACHED_PAGES:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(key)
        return image

    def clear_cache(self) -> None:
        self._cache.clear()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), QColor(128, 128, 128))
        if self.pages is not None:
            for index in range(self.page_at(event.rect().top()), len(self.pages)):
                rect = self.page_rect(index)
                if rect.top() > event.rect().bottom():
                    break
                if rect.intersects(event.rect()):
                    painter.fillRect(rect.translated(3, 3), QColor(80, 80, 80))
                    painter.drawImage(rect, self._image(index))
        painter.end()


class PdfPreview(QWidget):
    """A toolbar (zoom, page, print) over the scrolled pages of one PDF.

    ``print_requested`` is emitted by the "Print…" button (Ctrl+P while the preview has
    focus); the owner runs the system print dialog and the print job.
    """

    print_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = _PageCanvas()
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(self.canvas)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll_area.setBackgroundRole(self.canvas.backgroundRole())
        self.scroll_area.verticalScrollBar().valueChanged.connect(self._update_page_label)
        self.scroll_area.viewport().installEventFilter(self)

        self.zoom_out_button = QToolButton()
        self.zoom_out_button.setText("−")
        self.zoom_out_button.setToolTip(self.tr("Zoom out (Ctrl+-)"))
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.zoom_in_button = QToolButton()
        self.zoom_in_button.setText("+")
        self.zoom_in_button.setToolTip(self.tr("Zoom in (Ctrl++)"))
        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.fit_button = QToolButton()
        self.fit_button.setText(self.tr("Fit width"))
        self.fit_button.clicked.connect(self.fit_width)
        self.zoom_label = QLabel()
        self.page_label = QLabel()
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setToolTip(self.tr("Print through the system print dialog (Ctrl+P)"))
        self.print_button.clicked.connect(self.print_requested)

        bar = QHBoxLayout()
        bar.addWidget(self.zoom_out_button)
        bar.addWidget(self.zoom_label)
        bar.addWidget(self.zoom_in_button)
        bar.addWidget(self.fit_button)
        bar.addStretch(1)
        bar.addWidget(self.page_label)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.scroll_area, stretch=1)

        # Page Down/Up turn the pages wherever the keyboard is in the preview (it opens on a
        # zoom button: before, only four Tabs to the unmarked page area let keys scroll it).
        self.page_label.setToolTip(self.tr("Page Down, Page Up: the next or previous page"))
        for keys, slot in (
            (QKeySequence.StandardKey.ZoomIn, self.zoom_in),
            (QKeySequence.StandardKey.ZoomOut, self.zoom_out),
            (QKeySequence.StandardKey.Print, self.print_requested.emit),
            (QKeySequence.StandardKey.MoveToNextPage, lambda: self.turn_page(1)),
            (QKeySequence.StandardKey.MoveToPreviousPage, lambda: self.turn_page(-1)),
            (QKeySequence.StandardKey.MoveToStartOfDocument, lambda: self.show_page(0)),
            (QKeySequence.StandardKey.MoveToEndOfDocument, lambda: self.show_page(-1)),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._show_state()

    # --- public -------------------------------------------------------------------------

    @property
    def pages(self) -> PdfPages | None:
        return self.canvas.pages

    def set_pages(self, pages: PdfPages | None) -> None:
        """Show these pages (the preview does not close the previous ones: the owner does)."""
        self.canvas.pages = pages
        self.canvas.clear_cache()
        self.canvas.relayout()
        self.scroll_area.verticalScrollBar().setValue(0)
        self._show_state()

    def set_zoom(self, zoom: float) -> None:
        zoom = max(ZOOMS[0], min(zoom, ZOOMS[-1]))
        bar = self.scroll_area.verticalScrollBar()
        share = bar.value() / max(1, self.canvas.height())
        self.canvas.zoom = zoom
        self.canvas.clear_cache()
        self.canvas.relayout()
        bar.setValue(round(share * self.canvas.height()))
        self._show_state()

    def zoom_in(self) -> None:
        self.set_zoom(next((z for z in ZOOMS if z > self.canvas.zoom + 1e-6), ZOOMS[-1]))

    def zoom_out(self) -> None:
        smaller = [z for z in ZOOMS if z < self.canvas.zoom - 1e-6]
        self.set_zoom(smaller[-1] if smaller else ZOOMS[0])

    def fit_width(self) -> None:
        if not self.pages:
            return
        widest = max(size.width() for size in self.pages.sizes)
        room = self.scroll_area.viewport().width() - 2 * GAP
        ppp_at_one = self.canvas.logicalDpiX() / POINTS_PER_INCH
        self.set_zoom(room / (widest * ppp_at_one))

    def fit_width_if_wider(self) -> None:
        """Fit the width when the pages at this zoom are wider than the view: on a 1024×768
        screen an A4 page at 100 % was cut on its right, behind a scroll bar."""
        if self.pages and self.canvas.width() > self.scroll_area.viewport().width():
            self.fit_width()

    def current_page(self) -> int:
        return self.canvas.page_at(self.scroll_area.verticalScrollBar().value() + GAP)

    def turn_page(self, step: int) -> None:
        """The next (``step`` 1) or previous (-1) page at the top, within the document."""
        if self.pages:
            self.show_page(min(max(self.current_page() + step, 0), len(self.pages) - 1))

    def show_page(self, index: int) -> None:
        """Page ``index`` (from the end when negative) at the top of the view."""
        if self.pages and index < 0:
            index += len(self.pages)
        if self.pages and 0 <= index < len(self.pages):
            self.scroll_area.verticalScrollBar().setValue(self.canvas.page_rect(index).top() - GAP)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Ctrl + wheel zooms, as in every PDF reader; the wheel alone scrolls.
        if (
            isinstance(event, QWheelEvent)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
            and self.pages
        ):
            if event.angleDelta().y() > 0:
                self.zoom_in()
            elif event.angleDelta().y() < 0:
                self.zoom_out()
            return True
        return super().eventFilter(watched, event)

    # --- state --------------------------------------------------------------------------

    def _show_state(self) -> None:
        has_pages = bool(self.pages)
        for widget in (self.zoom_in_button, self.zoom_out_button, self.fit_button):
            widget.setEnabled(has_pages)
        self.print_button.setEnabled(has_pages)
        self.zoom_label.setText(f"{round(self.canvas.zoom * 100)} %")
        self._update_page_label()

    def _update_page_label(self) -> None:
        if not self.pages:
            self.page_label.setText(self.tr("No document"))
            return
        self.page_label.setText(
            self.tr("Page {page} of {count}").format(
                page=self.current_page() + 1, count=len(self.pages)
            )
        )
