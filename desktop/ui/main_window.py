"""The main window: the commune and register file in the title, the register page, a status bar."""

from __future__ import annotations

from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget

from desktop.services.register import OpenRegister
from desktop.ui.household_page import HouseholdPage


class MainWindow(QMainWindow):
    """One window over one open register; closing it stops the page's background search."""

    def __init__(self, register: OpenRegister, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.register = register
        commune = register.commune
        self.setWindowTitle(
            self.tr("CamKet — {commune}, {province} — {path}").format(
                commune=commune.name, province=commune.province_name, path=register.path
            )
        )
        self.household_page = HouseholdPage(register, self)
        self.setCentralWidget(self.household_page)
        self.household_page.status_message.connect(self.statusBar().showMessage)

        find = QAction(self.tr("Tìm kiếm"), self)
        find.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        find.triggered.connect(self.household_page.focus_search)
        self.addAction(find)
        self.find_action = find
        self.statusBar().showMessage(self.tr("Sổ đăng ký: {path}").format(path=register.path))
        self._closed = False

    def shutdown(self) -> None:
        """Stop background work; safe to call more than once."""
        if not self._closed:
            self._closed = True
            self.household_page.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)
