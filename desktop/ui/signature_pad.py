"""A pad to sign on with a mouse, a pen or a finger; the signature comes out as cropped PNG."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

INK = QColor(16, 32, 96)  # blue-black, as a ball-point pen
BASE_WIDTH = 2.6  # px at the pad's scale; a pen's pressure scales it


def _pen(width: float) -> QPen:
    pen = QPen(INK, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


@dataclass
class Stroke:
    """One touch-down to lift: points and the pen width at each (pressure-scaled)."""

    points: list[QPointF] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)

    def add(self, point: QPointF, width: float) -> None:
        if self.points and (self.points[-1] - point).manhattanLength() < 0.5:
            return  # a pen reports many events per pixel: keep the path light
        self.points.append(QPointF(point))
        self.widths.append(width)


def stroke_path(points: list[QPointF]) -> QPainterPath:
    """A smooth path through the points: quadratic curves between midpoints.

    Raw input events come 5–15 px apart when the hand moves fast; straight segments between
    them show corners. Curving through the midpoints, with each sampled point as the control
    point, gives the rounded line of real ink at no cost.
    """
    path = QPainterPath()
    if not points:
        return path
    path.moveTo(points[0])
    if len(points) == 1:
        path.lineTo(points[0] + QPointF(0.1, 0.1))  # a dot
        return path
    for index in range(1, len(points) - 1):
        mid = (points[index] + points[index + 1]) / 2
        path.quadTo(points[index], mid)
    path.lineTo(points[-1])
    return path


class SignaturePad(QWidget):
    """Draw with the mouse, a tablet pen (pressure) or one finger; ``clear()`` starts over.

    ``png()`` gives the signature cropped to its ink (plus a margin), on a transparent or
    white background, ready to be stored and printed on the "bản lưu".
    """

    changed = Signal()  # a stroke was added or the pad was cleared

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.strokes: list[Stroke] = []
        self._current: Stroke | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 140)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Signature pad"))
        self.setToolTip(self.tr("Sign here with the mouse, a pen or a finger"))

    def sizeHint(self) -> QSize:
        return QSize(480, 200)

    # --- public -------------------------------------------------------------------------

    def is_empty(self) -> bool:
        return not self.strokes

    def clear(self) -> None:
        self.strokes.clear()
        self._current = None
        self.update()
        self.changed.emit()

    def ink_rect(self) -> QRectF:
        """The bounding box of the ink, pen widths included (empty when nothing is drawn)."""
        rect = QRectF()
        for stroke in self.strokes:
            half = max(stroke.widths) / 2 + 1
            box = stroke_path(stroke.points).boundingRect().adjusted(-half, -half, half, half)
            rect = rect.united(box)
        return rect

    def image(self, *, white: bool = False, margin: int = 8, scale: float = 2.0) -> QImage:
        """The ink cropped to its box plus ``margin`` px, drawn at ``scale`` for print."""
        ink = self.ink_rect()
        if ink.isEmpty():
            raise ValueError("the signature pad is empty")
        box = ink.adjusted(-margin, -margin, margin, margin)
        size = QSize(round(box.width() * scale), round(box.height() * scale))
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor(Qt.GlobalColor.white) if white else QColor(0, 0, 0, 0))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(scale, scale)
        painter.translate(-box.topLeft())
        self._draw_strokes(painter)
        painter.end()
        return image

    def png(self, *, white: bool = False, margin: int = 8, scale: float = 2.0) -> bytes:
        """The signature as PNG bytes (see ``image``)."""
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.image(white=white, margin=margin, scale=scale).save(buffer, "PNG")  # type: ignore[call-overload]
        buffer.close()
        return bytes(data.data())

    # --- input --------------------------------------------------------------------------

    def _begin(self, point: QPointF, pressure: float = 0.5) -> None:
        self._current = Stroke()
        self.strokes.append(self._current)
        self._extend(point, pressure)

    def _extend(self, point: QPointF, pressure: float = 0.5) -> None:
        if self._current is None:
            return
        # Pressure 0.5 (what a mouse or finger "has") gives the base width.
        self._current.add(point, BASE_WIDTH * (0.4 + 1.2 * max(0.0, min(pressure, 1.0))))
        self.update()

    def _end(self) -> None:
        if self._current is not None:
            self._current = None
            self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position())
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._end()
        event.accept()

    def tabletEvent(self, event: QTabletEvent) -> None:
        # Accepted, so Qt does not also synthesize mouse events for the same pen stroke.
        kind = event.type()
        if kind == QTabletEvent.Type.TabletPress:
            self._begin(event.position(), event.pressure())
        elif kind == QTabletEvent.Type.TabletMove and self._current is not None:
            self._extend(event.position(), event.pressure())
        elif kind == QTabletEvent.Type.TabletRelease:
            self._end()
        event.accept()

    def event(self, event: object) -> bool:
        if isinstance(event, QTouchEvent):
            return self._touch(event)
        return super().event(event)  # type: ignore[arg-type]

    def _touch(self, event: QTouchEvent) -> bool:
        points = event.points()
        kind = event.type()
        if kind == QTouchEvent.Type.TouchBegin and points:
            self._begin(points[0].position(), 0.5)
        elif kind == QTouchEvent.Type.TouchUpdate and points:
            self._extend(points[0].position(), 0.5)
        elif kind in (QTouchEvent.Type.TouchEnd, QTouchEvent.Type.TouchCancel):
            if points and kind == QTouchEvent.Type.TouchEnd:
                self._extend(points[0].position(), 0.5)
            self._end()
        event.accept()
        return True

    # --- drawing ------------------------------------------------------------------------

    def _draw_strokes(self, painter: QPainter) -> None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for stroke in self.strokes:
            if len(set(stroke.widths)) == 1:  # mouse or finger: one path, one width
                painter.setPen(_pen(stroke.widths[0]))
                painter.drawPath(stroke_path(stroke.points))
                continue
            # A pen's pressure varies along the stroke: each curve piece (midpoint to
            # midpoint) takes the width at its sampled point; round caps join the pieces.
            points, widths = stroke.points, stroke.widths
            start = points[0]
            for index in range(1, len(points)):
                end = (
                    (points[index] + points[index + 1]) / 2
                    if index + 1 < len(points)
                    else points[index]
                )
                piece = QPainterPath(start)
                piece.quadTo(points[index], end)
                painter.setPen(_pen(widths[index]))
                painter.drawPath(piece)
                start = end

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(Qt.GlobalColor.white))
        # A base line to sign on, as on paper.
        painter.setPen(QPen(QColor(190, 190, 190), 1, Qt.PenStyle.DashLine))
        base = self.height() - 32
        painter.drawLine(24, base, self.width() - 24, base)
        painter.setPen(QPen(QColor(150, 150, 150), 1))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._draw_strokes(painter)
        if self.is_empty():
            painter.setPen(QColor(150, 150, 150))
            painter.drawText(
                self.rect().adjusted(0, 0, 0, -40),
                Qt.AlignmentFlag.AlignCenter,
                self.tr("Sign here"),
            )
        painter.end()
