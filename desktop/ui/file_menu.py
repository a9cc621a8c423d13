"""The File menu (Tệp): a new register, another register, the recent ones, quitting."""

from __future__ import annotations

import logging
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
from desktop.userdata import forget_register, recent_registers

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from desktop.services.register import OpenRegister
    from desktop.ui.main_window import MainWindow

REGISTER_SUFFIX = ".sqlite3"
RECENT_FOLDER_WIDTH = 420  # pixels of a recent register's folder in the menu (the rest "…")


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
        # Greyed or not before it is first opened; its entries are made when it opens.
        self.recent_menu.setEnabled(bool(self._other_recent()))
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
            if err.code == "db.no_commune":  # an empty file, a set-up cut short
                return self._set_up(path)
            QMessageBox.warning(self._window, self.tr("Open register"), describe(err))
            return False
        if self._window.open_register(path, opened):
            return True
        opened.close()  # the window stays (an unsaved household, a running job)
        return False

    def _set_up(self, path: Path) -> bool:
        """A register never set up (an empty file, a set-up cut short) is offered the set-up
        wizard, as the start offers it: before, the window said to open it in the window to
        set it up, and File ▸ New register… refused it as a file that exists."""
        from PySide6.QtWidgets import QMessageBox

        from desktop.ui.first_run import run_setup

        asked = QMessageBox.question(
            self._window,
            self.tr("Open register"),
            self.tr(
                "{path} is a register never set up (an empty file, or a set-up cut short). "
                "Set it up now: the commune, its hamlets, the first campaign?"
            ).format(path=path),
        )
        if asked != QMessageBox.StandardButton.Yes:
            return False
        made = run_setup(path, self._window, offer_existing=False)
        return made is not None and self._window.open_register(made)

    def _other_recent(self) -> list[Path]:
        """The recent registers but the one this window shows."""
        current = self._window.register.path.resolve()
        return [path for path in recent_registers() if path.resolve() != current]

    def _fill_recent(self) -> None:
        from desktop.ui.screen_fit import elided_folder  # Qt's enums: not for the start

        self.recent_menu.clear()
        others = self._other_recent()
        for shown, path in enumerate(others, start=1):
            folder = elided_folder(self.recent_menu, path.parent, RECENT_FOLDER_WIDTH)
            action = self.recent_menu.addAction(f"&{shown} {path.name} — {folder}")
            action.setToolTip(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_recent(p))
        self.recent_menu.setEnabled(bool(others))

    def open_recent(self, path: Path) -> bool:
        """A recent register, opened as Open register… opens it. One no longer where it was
        (moved, renamed, deleted) is said so, taken off the list, and Open register… offered
        to find it; one whose folder is gone (a USB stick not plugged in) stays listed."""
        if path.exists():
            return self.open_path(path)
        from PySide6.QtWidgets import QMessageBox

        title = self.tr("Recent registers")
        if not path.parent.is_dir():
            QMessageBox.warning(
                self._window,
                title,
                self.tr(
                    "The folder {folder} of {name} is not there. If the register is on a USB "
                    "stick or another disk, plug it in and choose it again."
                ).format(folder=path.parent, name=path.name),
            )
            return False
        try:
            forget_register(path)
        except OSError as exc:  # a read-only data folder: it stays listed, nothing more
            log.warning("recent register not forgotten: %s", exc)
        asked = QMessageBox.question(
            self._window,
            title,
            self.tr(
                "{name} is no longer in {folder}: it was moved, renamed or deleted, and is "
                "taken off the recent registers. Find it where it is now (Open register…)?"
            ).format(name=path.name, folder=path.parent),
        )
        if asked == QMessageBox.StandardButton.Yes:
            self.open_register()
        return False
