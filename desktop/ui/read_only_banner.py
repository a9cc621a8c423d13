"""The banner over a register opened read-only: a read-only medium, a damaged file, or a
copy in the backup folder."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QMainWindow, QSizePolicy

from desktop.services.register import OpenRegister
from desktop.store.damage import damage_of
from desktop.userdata import in_backup_folder


def banner_text(register: OpenRegister) -> str:
    damage = damage_of(register.path)
    if damage is not None:
        return QCoreApplication.translate(
            "ReadOnlyBanner",
            "This register is damaged ({detail}) and is open read-only: nothing can be "
            "changed or saved. Restore it from a backup (File › Restore from a backup…).",
        ).format(detail=damage)
    if in_backup_folder(register.path):
        return QCoreApplication.translate(
            "ReadOnlyBanner",
            "This is a backup copy kept in CamKet's backup folder, not the register in use, "
            "and is open read-only: old copies are removed as new ones are made, and what "
            "was saved here would go with them. To use it, restore it (File › Restore from "
            "a backup…).",
        )
    return QCoreApplication.translate(
        "ReadOnlyBanner",
        "This register is on a read-only file or disk and is open read-only: nothing can be "
        "changed or saved. Copy it to a writable folder to work on it.",
    )


def add_read_only_banner(window: QMainWindow, register: OpenRegister) -> QLabel | None:
    """A banner across the top of ``window`` when ``register`` is open read-only."""
    if not register.read_only:
        return None
    from PySide6.QtWidgets import QToolBar  # a writable register's window has none

    label = QLabel(banner_text(register))
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    label.setObjectName("readOnlyBanner")
    label.setStyleSheet("QLabel { background: #fff3cd; color: #664d03; padding: 6px; }")
    label.setAccessibleName(QCoreApplication.translate("ReadOnlyBanner", "Read-only"))
    bar = QToolBar(window)
    bar.setMovable(False)
    bar.setFloatable(False)
    bar.toggleViewAction().setEnabled(False)
    bar.addWidget(label)
    window.addToolBar(bar)  # at the top
    return label
