"""The window's start as `make bench` times it: `python -m bench.first_paint DB PNG` goes the
way `camket --db DB` goes (the command line parsed, logging, the QApplication, the register
opened) and saves the main window as first painted, before the Tổng quan counts arrive from
the task lane (`camket --screenshot` waits for them)."""

from __future__ import annotations

import os
import sys


def main(argv: list[str]) -> None:
    from desktop.cli import parse_arguments
    from desktop.userdata import setup_logging

    args = parse_arguments(["--db", argv[0]])
    setup_logging()
    from desktop import app
    from desktop.ui.main_window import MainWindow

    application = app._application()
    register = app.open_for_window(args.db)
    window = MainWindow(register)
    window.after_first_paint(window.backup_actions.backup_if_stale)  # as app._show does
    window.resize(1366, 768)
    window.show()
    application.processEvents()
    window.grab().save(argv[1])
    # Painted: the start is over. The counts the task lane began are not waited for (over
    # a district's register they take seconds; the window stays usable meanwhile).
    os._exit(0)


if __name__ == "__main__":
    main(sys.argv[1:])
