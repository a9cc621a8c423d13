"""What the window offers when there is no register yet (until the set-up wizard exists)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def offer_demo_register(path: Path, parent: QWidget | None = None) -> bool:
    """Ask whether to start on sample data; True when the clerk chose "Dùng dữ liệu mẫu"."""

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("FirstRun", "CamKet — no register yet"))
    box.setText(
        QCoreApplication.translate("FirstRun", "There is no register at:\n{path}").format(path=path)
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "FirstRun",
            "You can try CamKet on a sample register (300 households, made-up names). "
            "To create the register of your commune, use the command: "
            'camket init --commune COMMUNE_CODE --hamlet "Hamlet name" …',
        )
    )
    demo = box.addButton(
        QCoreApplication.translate("FirstRun", "Use sample data"), QMessageBox.ButtonRole.AcceptRole
    )
    leave = box.addButton(
        QCoreApplication.translate("FirstRun", "Quit"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(demo)
    box.setEscapeButton(leave)
    box.exec()
    return box.clickedButton() is demo
