"""Test helpers: a signature drawn with mouse events, a small PDF written by Qt."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, Qt
from PySide6.QtGui import QColor, QImage, QPageSize, QPainter, QPdfWriter
from pytestqt.qtbot import QtBot

from desktop.ui.signature_pad import SignaturePad


def draw_signature(qtbot: QtBot, pad: SignaturePad) -> None:
    """Two strokes with the mouse: a wave and a short dash."""
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(40, 100))
    for x in range(40, 260, 12):
        qtbot.mouseMove(pad, QPoint(x, 100 + (30 if (x // 12) % 2 else -30)))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(260, 90))
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(270, 60))
    qtbot.mouseMove(pad, QPoint(300, 58))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(310, 56))


def make_pdf(pages: int, with_image: bool = False) -> bytes:
    """A small A4 PDF written by Qt itself (the test needs no reportlab)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    for number in range(pages):
        if number:
            writer.newPage()
        painter.drawText(400, 400, f"Trang {number + 1}")
        if with_image:
            image = QImage(40, 20, QImage.Format.Format_RGB32)
            image.fill(QColor("navy"))
            painter.drawImage(QPoint(400, 800), image)
    painter.end()
    buffer.close()
    return bytes(data.data())
