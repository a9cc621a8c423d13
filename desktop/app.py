"""Composition root: the QApplication, the register it opens and the main window over it."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

import desktop.ui.pyside_hook  # noqa: F401 - first of ours, before the window's modules
from desktop.domain.errors import KnownError
from desktop.messages import describe
from desktop.services.register import OpenRegister, open_for_window
from desktop.store.new_register import needs_setup
from desktop.store.window_lock import WindowLock, take_window_lock
from desktop.ui.cycle_collector import collect_on_this_thread
from desktop.ui.translations import install_translators
from desktop.ui.unexpected import errors_reported
from desktop.ui.unlocking import ask_passphrase
from desktop.userdata import preferred_language, remember_register

log = logging.getLogger(__name__)


def run_app(
    path: Path, screenshot: Path | None = None, size: str = "1366x768", page: int | None = None
) -> int:
    """Open the register at ``path`` in the main window; the exit code of the application.

    With ``screenshot``, render the window offscreen at ``size``, showing the side-bar place
    whose shortcut is Ctrl+``page`` (default: the place the window opens on), into that PNG
    and return.
    A known failure is reported (dialog, or stderr for a screenshot) and gives 2.
    """
    path = Path(path)
    if screenshot is not None:
        return _screenshot(path, Path(screenshot), size, page)
    app = _application()
    with errors_reported():
        if needs_setup(path):  # no file yet, an empty one, or a set-up that never finished
            chosen = _first_run(path)
            if chosen is None:
                return 0
            path = chosen
        if not ask_passphrase(path):  # an encrypted register: its passphrase first
            return 0
        try:
            register = open_for_window(path)
        except KnownError as err:
            if not _restored(path, err):
                return 2
            try:
                register = open_for_window(path)
            except KnownError as again:
                _critical(describe(again))
                return 2
        return _show(app, register)


def _restored(path: Path, error: KnownError) -> bool:
    """A damaged register's backups offered (ui.damaged_start); any other failure said."""
    from desktop.ui.damaged_start import DAMAGE, restored_after

    if error.code in DAMAGE:
        return restored_after(path, error)
    _critical(describe(error))
    return False


def _application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        install_translators(existing, preferred_language())
        collect_on_this_thread(existing)
        return existing
    arguments = sys.argv[:1] or ["camket"]  # Qt reads its options after the program's name
    # Fusion where the platform has no single native look (Linux desktops, offscreen). Asked
    # for as Qt's own -style argument, not setStyle("Fusion"): that call built a second style
    # and wrapped it for Python (QStyle's dozen enums), ~10 ms of the window's start.
    if sys.platform not in ("win32", "darwin"):
        arguments += ["-style", "Fusion"]
    app = QApplication(arguments)
    app.setApplicationName("CamKet")
    install_translators(app, preferred_language())
    # Before any worker thread runs Python (opening the register, the search, the lane).
    collect_on_this_thread(app)
    return app


def _show(app: QApplication, register: OpenRegister) -> int:
    """The main window until it is closed; a window closed to change the language (Settings)
    is opened again, in that language, on the same register; one closed to open another
    register (File menu) is followed by a window on that one. A register another window
    holds is refused with who holds it (2)."""
    from desktop.ui.main_window import MainWindow

    try:
        lock = take_window_lock(register.path)
    except KnownError as err:
        register.close()
        _critical(describe(err))
        return 2
    try:
        while True:
            _remember(register.path)
            window = MainWindow(register)
            window.after_first_paint(window.backup_actions.backup_if_stale)
            screen = app.primaryScreen()
            if screen is not None and screen.availableGeometry().width() <= 1440:
                window.showMaximized()  # a 1366×768 laptop: every pixel is wanted
            else:
                window.resize(1280, 800)
                window.show()
            try:
                code = app.exec()
            finally:
                window.shutdown()
            window.deleteLater()
            if window.reopen_language is not None:
                install_translators(app, window.reopen_language)
            elif window.next_register is not None:
                register, lock = _switch(register, lock, window.next_register, window.next_opened)
            else:
                return code
    finally:
        register.close()
        lock.release()


def _switch(
    register: OpenRegister, lock: WindowLock, path: Path, opened: OpenRegister | None = None
) -> tuple[OpenRegister, WindowLock]:
    """The register at ``path`` (and its window lock) in place of ``register`` (closed, its
    lock released); if it cannot be opened, the reason is shown and ``register`` stays.
    ``opened``: that register as File ▸ Open already opened and checked it, not opened again
    (a big or encrypted file took as long again)."""
    try:
        chosen_lock = take_window_lock(path)
    except KnownError as err:
        if opened is not None:
            opened.close()
        _critical(describe(err))
        return register, lock
    if opened is not None:
        register.close()
        lock.release()
        return opened, chosen_lock
    # Imported here: the window's start does not need them before the first switch.
    from desktop.ui.file_menu import opening_text
    from desktop.ui.off_thread import wait_off_thread

    try:
        # Off the window's thread, under the busy note File ▸ Open shows: a big register's
        # checks (or an encrypted one's key) would leave the application frozen, no window.
        chosen = wait_off_thread(None, opening_text(path), lambda: open_for_window(path))
    except KnownError as err:
        chosen_lock.release()
        _critical(describe(err))
        return register, lock
    register.close()
    lock.release()
    return chosen, chosen_lock


def _remember(path: Path) -> None:
    try:
        remember_register(path)
    except OSError as exc:  # a read-only data folder must not keep the register shut
        log.warning("recent registers not saved: %s", exc)


def _first_run(path: Path) -> Path | None:
    """No register yet: the set-up wizard; the register to open, None when the clerk left."""
    from desktop.ui.first_run import run_setup

    return run_setup(path)


def _screenshot(path: Path, target: Path, size: str, page: int | None) -> int:
    from desktop.ui.screenshot import parse_size, quiet_offscreen_noise, save_screenshot

    try:
        width, height = parse_size(size)
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # read when the QApplication is made
        app = _application()
        register = open_for_window(path)
    except KnownError as err:
        print(f"camket: {describe(err)}", file=sys.stderr)
        return 2
    from desktop.ui.main_window import MainWindow

    with quiet_offscreen_noise():
        window = MainWindow(register)
        app.processEvents()
        try:
            save_screenshot(window, target, width, height, page)
        except KnownError as err:
            print(f"camket: {describe(err)}", file=sys.stderr)
            return 2
        finally:
            window.shutdown()
            window.close()
            window.deleteLater()
            register.close()
    return 0


def _critical(text: str) -> None:
    from PySide6.QtWidgets import QMessageBox  # not loaded for a start that goes well

    QMessageBox.critical(None, QCoreApplication.translate("App", "CamKet"), text)
