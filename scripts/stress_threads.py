"""Stress the register's connections and the window's threads: a run that survives says
nothing crashed, one that dies prints Python's fault trace (run with python -X faulthandler).

    python -X faulthandler scripts/stress_threads.py cipher [--seconds 20] [--threads 8]
        Threads open, key and read SQLCipher connections to one encrypted register all at
        once, round after round (SQLCipher's process-wide state: sqlcipher/sqlcipher#598).
    python -X faulthandler scripts/stress_threads.py window [--seconds 20] [--bare]
        A main window's search and Tổng quan count run on their threads, again and again,
        while the window's thread makes and drops Qt objects left in reference cycles (as a
        wizard or a dialog's event loop are). --bare leaves Python's automatic collection
        on, as before desktop.ui.cycle_collector: it dies within seconds.

It prints what it did and exits 0. Not a test (no figure is asserted): a tool to run
under `nice` in a loop when threads or connections change.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _register(folder: Path, *, encrypted: bool, households: int = 60) -> Path:
    """A demo register of ``households`` (encrypted with a key kept in this process)."""
    os.environ["CAMKET_DATA_DIR"] = str(folder / "userdata")
    from desktop.services.demo import create_demo_register
    from desktop.services.encryption import encrypt_register

    path = folder / "stress.sqlite3"
    create_demo_register(path, households=households, seed=7)
    if encrypted:
        encrypt_register(path, "mật khẩu thử tải", backup=False)  # its key kept in memory
    return path


def stress_cipher(seconds: float, threads: int) -> None:
    from desktop.store.register import connect as connect_register
    from desktop.store.register import connect_read_only

    with tempfile.TemporaryDirectory() as temp:
        path = _register(Path(temp), encrypted=True)
        start = threading.Barrier(threads)
        end = time.monotonic() + seconds
        opened = [0] * threads
        failures: list[BaseException] = []

        def hammer(n: int) -> None:
            try:
                while time.monotonic() < end:
                    start.wait()  # every thread opens and keys at the same moment
                    db = connect_read_only(path) if n % 2 else connect_register(path)
                    try:
                        db.execute("SELECT count(*) FROM person").fetchone()
                    finally:
                        db.close()
                    opened[n] += 1
            except threading.BrokenBarrierError:
                return
            except BaseException as exc:
                failures.append(exc)
            finally:
                start.abort()  # the others stop at their next round

        workers = [threading.Thread(target=hammer, args=(n,)) for n in range(threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    if failures:
        raise failures[0]
    print(f"cipher: {sum(opened)} keyed connections opened by {threads} threads at once")


def stress_window(seconds: float, bare: bool, wizards: bool) -> None:
    import gc

    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

    from desktop.services.register import open_existing
    from desktop.ui.cycle_collector import collect_on_this_thread
    from desktop.ui.first_run import SetupWizard
    from desktop.ui.main_window import MainWindow
    from desktop.ui.overview_page import OverviewPage

    app = QApplication([])
    if not bare:
        collect_on_this_thread(app)
    gc.set_threshold(100, 5, 5)  # collections often, as in a long test run's crowded heap

    class InACycle(QWidget):
        def __init__(self) -> None:
            super().__init__()
            self.me = self
            layout = QVBoxLayout(self)
            for n in range(4):
                layout.addWidget(QLabel(f"Thôn {n}"))

    with tempfile.TemporaryDirectory() as temp:
        register = open_existing(_register(Path(temp), encrypted=False))
        window = MainWindow(register)
        window.show()
        window.show_place("households")
        search = window.household_page.search
        overview = window.places.page("overview")
        assert isinstance(overview, OverviewPage)
        searches = counts = made = 0
        end = time.monotonic() + seconds
        words = ("Nguyễn", "Lò Thị", "hoa", "Giàng", "bản", "Sùng")
        while time.monotonic() < end:
            search.request(words[searches % len(words)], None, immediately=True)
            searches += 1
            if not window.tasks.busy:
                overview.refresh()
                counts += 1
            if wizards:  # the wizard's pages and editors hold it in cycles of its own
                wizard = SetupWizard(Path(temp) / "new.sqlite3")
                wizard.show()
                wizard.close()
                del wizard
                made += 1
            else:
                for _ in range(3):
                    InACycle().show()
                    made += 1
            QObject()  # owned by Python, freed at once
            app.processEvents()
        window.close()
        search.wait_idle()
        register.close()
    dropped = "set-up wizards" if wizards else "widgets in cycles"
    print(f"window: {searches} searches, {counts} counts, {made} {dropped}; no crash")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("scenario", choices=("cipher", "window"))
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--bare", action="store_true")
    parser.add_argument(
        "--wizards", action="store_true", help="drop set-up wizards, not widgets made here"
    )
    args = parser.parse_args()
    if args.scenario == "cipher":
        stress_cipher(args.seconds, args.threads)
    else:
        stress_window(args.seconds, args.bare, args.wizards)


if __name__ == "__main__":
    main()
