"""Registers on disk for the window tests, the `main_window` factory that cleans up, the
interface in Vietnamese (the default language) and the cycle collector on the window's thread
for every test."""

from __future__ import annotations

import os
import sqlite3
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.domain.entities import (
    BirthDate,
    Gender,
    Household,
    Person,
    RelativeAbroad,
    ResidenceKind,
)
from desktop.services.register import OpenRegister, create_register, open_existing
from desktop.store import households as repo
from desktop.ui.cycle_collector import collect_on_this_thread, stop_collecting
from desktop.ui.main_window import MainWindow
from desktop.ui.translations import current_language, install_translators

SIN_HO = "03478"  # Xã Sìn Hồ, Lai Châu
HAMLETS = ("Bản Nậm Tăm", "Bản Pa Khóa", "Thôn Hồng Thu")
UI_TESTS = Path(__file__).parent


@pytest.fixture(scope="session", autouse=True)
def _vietnamese_interface(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The clerk's default: Vietnamese catalogs installed before any widget is made."""
    with pytest.MonkeyPatch.context() as patch:
        # A stale .qm is compiled into the cache: keep that cache out of the real one.
        patch.setenv("CAMKET_DATA_DIR", str(tmp_path_factory.mktemp("session-userdata")))
        install_translators(qapp, "vi")


@pytest.fixture(autouse=True)
def _collector_on_the_window_thread(qapp: QApplication) -> None:
    """As the application runs (app._application): Python's cycle collector never runs on
    the search's, the lane's or a reader's thread, where it freed Qt objects (segfaults)."""
    collect_on_this_thread(qapp)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> object:
    """After the last window test (its fixtures torn down, its windows closed), the tests
    that follow run without Qt: the automatic collection comes back for them."""
    result = yield
    if nextitem is None or UI_TESTS not in nextitem.path.parents:
        stop_collecting()
    return result


@pytest.fixture(autouse=True)
def _private_data_dir(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Preferences and logs of a test go to its own folder; a test that switched the
    language leaves Vietnamese behind."""
    monkeypatch.setenv("CAMKET_DATA_DIR", str(tmp_path / "userdata"))
    yield
    if current_language() != "vi":
        install_translators(qapp, "vi")


@dataclass
class SmallRegister:
    """Six households in three hamlets; ids by household code."""

    path: Path
    ids: dict[str, str]
    hamlet_ids: dict[str, str]


def _person(full_name: str, gender: Gender, birth: BirthDate | None, **fields: object) -> Person:
    return Person(household_id="", full_name=full_name, gender=gender, birth=birth, **fields)  # type: ignore[arg-type]


@pytest.fixture
def small_register(tmp_path: Path) -> SmallRegister:
    path = tmp_path / "camket.sqlite3"
    create_register(path, SIN_HO, HAMLETS)
    register = open_existing(path)
    try:
        hamlets = {h.name: h.id for h in repo.list_hamlets(register.db)}
        households = [
            (
                "NT-001",
                "Bản Nậm Tăm",
                [
                    _person(
                        "Đặng Văn Hùng",
                        Gender.MALE,
                        BirthDate(1975, 3, 12),
                        id_number="012075001234",
                        relationship="Chủ hộ",
                        ethnicity="Dao",
                    ),
                    _person(
                        "Lý Thị Mai",
                        Gender.FEMALE,
                        BirthDate(1979),
                        relationship="Vợ",
                        ethnicity="Dao",
                        residence=ResidenceKind.TEMPORARY,
                    ),
                ],
            ),
            ("NT-002", "Bản Nậm Tăm", [_person("Lò Thị Hoà", Gender.FEMALE, BirthDate(1988))]),
            ("PK-001", "Bản Pa Khóa", [_person("Giàng A Hòa", Gender.MALE, BirthDate(1990))]),
            ("PK-002", "Bản Pa Khóa", [_person("Sùng Thị Dợ", Gender.FEMALE, None)]),
            ("HT-001", "Thôn Hồng Thu", [_person("Nguyễn Văn An", Gender.MALE, None)]),
            ("HT-002", "Thôn Hồng Thu", [_person("Trần Thị Bích", Gender.FEMALE, None)]),
        ]
        ids: dict[str, str] = {}
        for code, hamlet, people in households:
            household = Household(hamlet_id=hamlets[hamlet], code=code, address=f"{hamlet}, Sìn Hồ")
            repo.add_household(register.writer, household, people)
            ids[code] = household.id
        repo.add_relative_abroad(
            register.writer,
            RelativeAbroad(
                household_id=ids["NT-001"],
                full_name="Đặng Văn Tài",
                relationship="Con trai",
                country="Trung Quốc",
                since="2019",
            ),
        )
    finally:
        register.close()
    return SmallRegister(path, ids, hamlets)


@pytest.fixture
def bulk_register(tmp_path: Path) -> Callable[[int], Path]:
    """A register of n households (one member each), loaded with raw executemany."""

    def make(count: int) -> Path:
        path = tmp_path / f"bulk-{count}.sqlite3"
        create_register(path, SIN_HO, HAMLETS)
        register = open_existing(path)
        try:
            hamlet_ids = [h.id for h in repo.list_hamlets(register.db)]
            household_rows, person_rows = [], []
            for n in range(count):
                code = f"H-{n:06d}"
                household = Household(hamlet_id=hamlet_ids[n % len(hamlet_ids)], code=code)
                head = Person(
                    household_id=household.id,
                    full_name=f"Nguyễn Văn {n}",
                    gender=Gender.MALE,
                )
                household.head_id = head.id
                household_rows.append(repo.household_row(household))
                person_rows.append(repo.person_row(head, code))
            _insert_many(register, "household", household_rows)
            _insert_many(register, "person", person_rows)
        finally:
            register.close()
        return path

    return make


def _insert_many(register: OpenRegister, table: str, rows: list[dict[str, object]]) -> None:
    stamped = list(register.writer.stamp_new(table, rows))
    columns = list(stamped[0])
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    with register.db.conn:
        register.db.conn.executemany(sql, [[row[c] for c in columns] for row in stamped])


@pytest.fixture
def main_window(qtbot: QtBot) -> Iterator[Callable[..., MainWindow]]:
    """Open a register in the main window, shown and with its first list loaded, then go to
    ``place`` (as Ctrl+2 would; most tests work on the households); ``place=None`` leaves
    the window on the place it opens on (Tổng quan).

    At teardown every window is shut down (its search thread finished), closed and its
    register closed.
    """
    opened: list[tuple[MainWindow, OpenRegister]] = []
    ui_writes: list[str] = []

    def make(
        path: Path, size: tuple[int, int] = (1366, 768), place: str | None = "households"
    ) -> MainWindow:
        register = open_existing(path)
        register.db.conn.set_trace_callback(lambda sql: _note_ui_write(sql, ui_writes))
        window = MainWindow(register)
        opened.append((window, register))
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        if place is not None:
            window.show_place(place)
        qtbot.waitUntil(lambda: window.household_page.results_loaded)
        return window

    yield make

    for window, register in opened:
        window.household_page.editor.dirty = False  # a failed test must not leave a question up
        window.close()
        search = window.household_page.search
        assert search.wait_idle(5000)
        assert search.active_threads == 0, "a search thread outlived its window"
        register.close()
        if window.next_opened is not None:  # File ▸ Open opened it for the next window
            window.next_opened.close()
        window.deleteLater()
    # Every write of the window goes through the task lane (its own connection): the
    # window's connection only reads, so another program's write lock never freezes it.
    assert ui_writes == [], "written on the window's connection by desktop/ui code"


_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "BEGIN IMMEDIATE", "CREATE", "DROP")


def _note_ui_write(sql: str, writes: list[str]) -> None:
    """Note a write on the window's connection made by the window's code (a test may
    write through ``window.register`` itself to set a scene)."""
    if not sql.lstrip()[:16].upper().startswith(_WRITES):
        return
    frames = [f.filename for f in traceback.extract_stack()]
    if any(f"desktop{os.sep}ui{os.sep}" in name for name in frames):
        writes.append(" ".join(sql.split())[:80])


@pytest.fixture
def other_writer(small_register: SmallRegister) -> Iterator[sqlite3.Connection]:
    """Another program (`camket sign` in a loop, an import in a second process) holding
    the register's write lock until the test lets it go."""
    other = sqlite3.connect(str(small_register.path), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    yield other
    if other.in_transaction:
        other.rollback()
    other.close()


def settled(qtbot: QtBot, window: MainWindow) -> None:
    """Wait until the write lane has delivered every job: their callbacks and the "what
    changed" notice have run (edits are saved off the UI thread)."""
    qtbot.waitUntil(lambda: not window.tasks.busy)


def drive_windows(qapp: QApplication, act: Callable[[MainWindow], bool]) -> None:
    """For app._show's windows as they come and go: ``act`` on the one shown, once it has
    nothing on its lane (a new window first takes its daily backup), every 20 ms until
    ``act`` says it is done (False)."""

    def tick() -> None:
        shown = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if shown and not shown[0].tasks.busy and not act(shown[0]):
            return
        QTimer.singleShot(20, tick)

    QTimer.singleShot(0, tick)
