"""The File menu (Tệp): a new register, another register, the recent ones, quitting."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence

from desktop.domain.errors import KnownError
from desktop.messages import describe
from desktop.services.register import open_for_window
from desktop.store.window_lock import refuse_if_held
from desktop.ui.qt_values import set_shortcut
from desktop.ui.unlocking import ask_passphrase
from desktop.userdata import recent_registers

if TYPE_CHECKING:
    from desktop.services.register import OpenRegister
    from desktop.ui.main_window import MainWindow

REGISTER_SUFFIX = ".sqlite3"


def opening_text(path: Path) -> str:
    """The busy note while a register is opened (checked, brought up to date)."""
    return QCoreApplication.translate(
        "FileMenu", "Opening {name}: checking it and bringing it up to date…"
    ).format(name=path.name)


class FileMenu(QObject):
    """The window's File menu. Choosing a register closes this window and asks the
    application to open that one (MainWindow.open_register).

    Other verbs on the register file (back up, restore) go in with ``add_actions``: they sit
    after the register verbs, before Quit."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.menu = window.menuBar().addMenu(self.tr("&File"))
        self.new_action = self._action(self.tr("&New register…"), "Ctrl+Shift+N", self.new_register)
        self.open_action = self._action(
            self.tr("&Open register…"), QKeySequence.StandardKey.Open, self.open_register
        )
        self.recent_menu = self.menu.addMenu(self.tr("&Recent registers"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._fill_recent()  # so that its state is right before it is first opened
        self._verbs_end = self.menu.addSeparator()
        # Ctrl+Q written out: Windows has no standard Quit key (StandardKey.Quit is none).
        self.quit_action = self._action(self.tr("&Quit"), "Ctrl+Q", window.close)

    def _action(self, title: str, keys: str | QKeySequence.StandardKey, slot: object) -> QAction:
        action = QAction(title, self._window)
        set_shortcut(action, QKeySequence(keys))
        action.triggered.connect(slot)
        self.menu.addAction(action)
        return action

    def add_actions(self, *actions: QAction) -> None:
        """Put ``actions`` (e.g. back up, restore) before Quit, after a separator."""
        if not actions:
            return
        self.menu.insertSeparator(self._verbs_end)
        for action in actions:
            self.menu.insertAction(self._verbs_end, action)

    def new_register(self) -> Path | None:
        """Ask where, then the set-up wizard; the register it made is opened next."""
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        from desktop.ui.first_run import run_setup

        chosen, _filter = QFileDialog.getSaveFileName(
            self._window,
            self.tr("New register"),
            str(self._window.register.path.parent),
            self.tr("CamKet registers (*.sqlite3)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if not chosen:
            return None
        path = Path(chosen)
        if not path.suffix:
            path = path.with_suffix(REGISTER_SUFFIX)
        if path.exists():
            QMessageBox.warning(
                self._window,
                self.tr("New register"),
                self.tr(
                    "{path} exists already. A new register never replaces a file: "
                    "choose another name, or open it with Open register…"
                ).format(path=path),
            )
            return None
        opened = run_setup(path, self._window, offer_existing=False)
        if opened is not None:
            self._window.open_register(opened)
        return opened

    def open_register(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # the dialogs: when asked for, not at start

        chosen, _filter = QFileDialog.getOpenFileName(
            self._window,
            self.tr("Open register"),
            str(self._window.register.path.parent),
            self.tr("CamKet registers (*.sqlite3 *.db);;All files (*)"),
        )
        if chosen:
            self.open_path(Path(chosen))

    def open_path(self, path: Path) -> bool:
        """Open the register at ``path`` in place of this one; a file that is no register
        (or is gone) is refused with the reason and this one stays open. The file is
        unlocked, checked and brought up to date off the window's thread, once: the
        application shows the register opened here (read-only, with its banner, when it is
        damaged or on a medium that takes no writes, as at the start)."""
        if path.resolve() == self._window.register.path.resolve():
            return False
        if not ask_passphrase(path, self._window):
            return False
        from PySide6.QtWidgets import QMessageBox

        from desktop.ui.off_thread import wait_off_thread  # not needed to paint the window

        def check() -> OpenRegister:  # a big register's first open may migrate it
            refuse_if_held(path)
            return open_for_window(path)

        try:
            opened = wait_off_thread(self._window, opening_text(path), check)
        except KnownError as err:
            QMessageBox.warning(self._window, self.tr("Open register"), describe(err))
            return False
        if self._window.open_register(path, opened):
            return True
        opened.close()  # the window stays (an unsaved household, a running job)
        return False

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        current = self._window.register.path.resolve()
        shown = 0
        for path in recent_registers():
            if path.resolve() == current:
                continue
            shown += 1
            action = self.recent_menu.addAction(f"&{shown} {path.name} — {path.parent}")
            action.setToolTip(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        self.recent_menu.setEnabled(shown > 0)
