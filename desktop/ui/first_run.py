"""What the window offers when there is no register yet (until the set-up wizard exists)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def offer_demo_register(path: Path, parent: QWidget | None = None) -> bool:
    """Ask whether to start on sample data; True when the clerk chose "Dùng dữ liệu mẫu"."""

    def tr(text: str) -> str:
        return QCoreApplication.translate("FirstRun", text)

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(tr("CamKet — chưa có sổ đăng ký"))
    box.setText(tr("Chưa có sổ đăng ký tại:\n{path}").format(path=path))
    box.setInformativeText(
        tr(
            "Bạn có thể xem thử CamKet với một sổ dữ liệu mẫu (300 hộ, tên giả). "
            "Để tạo sổ cho xã của mình, dùng lệnh: camket init --commune MÃ_XÃ "
            '--hamlet "Tên thôn" …'
        )
    )
    demo = box.addButton(tr("Dùng dữ liệu mẫu"), QMessageBox.ButtonRole.AcceptRole)
    leave = box.addButton(tr("Thoát"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(demo)
    box.setEscapeButton(leave)
    box.exec()
    return box.clickedButton() is demo
