"""Composition root: the QApplication, the register it opens and the main window over it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.domain.errors import KnownError
from desktop.messages import describe
from desktop.services.register import OpenRegister, open_existing
from desktop.ui.translations import install_translators
from desktop.userdata import preferred_language


def run_app(
    path: Path, screenshot: Path | None = None, size: str = "1366x768", page: int = 1
) -> int:
    """Open the register at ``path`` in the main window; the exit code of the application.

    With ``screenshot``, render the window offscreen at ``size``, showing side-bar place
    ``page`` (1-based, as Ctrl+1…), into that PNG and return.
    A known failure is reported (dialog, or stderr for a screenshot) and gives 2.
    """
    path = Path(path)
    if screenshot is not None:
        return _screenshot(path, Path(screenshot), size, page)
    app = _application()
    if not path.exists() and not _first_run(path):
        return 0
    try:
        register = open_existing(path)
    except KnownError as err:
        _critical(describe(err))
        return 2
    return _show(app, register)


def _application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        install_translators(existing, preferred_language())
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName("CamKet")
    install_translators(app, preferred_language())
    # Fusion where the platform has no single native look (Linux desktops, offscreen).
    if sys.platform not in ("win32", "darwin"):
        app.setStyle("Fusion")
    return app


def _show(app: QApplication, register: OpenRegister) -> int:
    """The main window until it is closed; a window closed to change the language (Settings)
    is opened again, in that language, on the same register."""
    from desktop.ui.main_window import MainWindow

    try:
        while True:
            window = MainWindow(register)
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
            if window.reopen_language is None:
                return code
            install_translators(app, window.reopen_language)
            window.deleteLater()
    finally:
        register.close()


def _first_run(path: Path) -> bool:
    """No register yet: the set-up wizard; False when the clerk left it."""
    from desktop.ui.first_run import run_setup

    return run_setup(path)


def _screenshot(path: Path, target: Path, size: str, page: int) -> int:
    from desktop.ui.screenshot import parse_size, quiet_offscreen_noise, save_screenshot

    try:
        width, height = parse_size(size)
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # read when the QApplication is made
        app = _application()
        register = open_existing(path)
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
    QMessageBox.critical(None, QCoreApplication.translate("App", "CamKet"), text)
