"""The main window's frame: the side bar of places, the File menu, the title."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.services.demo import create_demo_register
from desktop.services.register import create_register, create_upper_register, open_existing
from desktop.ui.main_window import MainWindow
from desktop.ui.places import Place
from desktop.userdata import recent_registers, remember_register
from tests.ui.conftest import SmallRegister

OpenWindow = Callable[..., MainWindow]


def test_the_side_bar_shows_icons_titles_and_shortcuts(
    main_window: OpenWindow, small_register: SmallRegister
) -> None:
    window = main_window(small_register.path, place=None)
    bar = window.sidebar
    titles = [bar.item(row).text() for row in range(bar.count())]
    assert titles == [
        "Tổng quan",
        "Hộ gia đình",
        "Cam kết",
        "Biến động",
        "Trao đổi dữ liệu",
        "Cài đặt",
    ]
    tips = [bar.item(row).toolTip() for row in range(bar.count())]
    assert tips == [
        "Tổng quan (Ctrl+1)",
        "Hộ gia đình (Ctrl+2)",
        "Cam kết (Ctrl+3)",
        "Biến động (Ctrl+4)",
        "Trao đổi dữ liệu (Ctrl+5)",
        "Cài đặt (Ctrl+6)",
    ]
    for row in range(bar.count()):
        assert not bar.item(row).icon().isNull()
        assert bar.visualItemRect(bar.item(row)).height() >= 36
    assert window.places.current_key() == "overview"  # the window opens on the first


def test_ctrl_n_opens_its_place_and_pages_are_built_when_first_shown(
    main_window: OpenWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    window = main_window(small_register.path)
    assert window.places.built("pledges") is None  # not made while the window opened
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.places.current_key() == "pledges"
    assert window.pages.currentWidget() is window.places.built("pledges")
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.settings_page
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.household_page


def test_a_place_added_later_takes_its_shortcuts_rank(
    main_window: OpenWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    window = main_window(small_register.path)
    built: list[QWidget] = []

    def build() -> QWidget:
        built.append(QWidget())
        return built[-1]

    window.places.add(Place("extra", "Thêm", "movements.svg", 7, build))
    keys = ["overview", "households", "pledges", "movements", "exchange", "settings", "extra"]
    assert window.places.keys() == keys
    assert window.sidebar.item(6).text() == "Thêm"
    assert window.places.current_key() == "households"  # adding a place does not switch
    assert not built
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is built[0]
    with pytest.raises(ValueError):
        window.places.add(Place("other", "Khác", "overview.svg", 5, build))


def test_the_title_shows_the_commune_and_the_file(
    main_window: OpenWindow, small_register: SmallRegister
) -> None:
    title = main_window(small_register.path).windowTitle()
    assert title == f"CamKet — Xã Sìn Hồ, Lai Châu — {small_register.path}"


def test_the_file_menu_holds_the_usual_verbs_and_ctrl_q_quits(
    main_window: OpenWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    window = main_window(small_register.path)
    menu = window.file_menu
    verbs = [a.text().replace("&", "") for a in menu.menu.actions() if not a.isSeparator()]
    assert verbs[:3] == ["Sổ đăng ký mới…", "Mở sổ đăng ký…", "Sổ đăng ký mở gần đây"]
    assert "Sao lưu…" in verbs and verbs[-1] == "Thoát"
    # Written out, not the platform's standard key: Windows has none for Quit.
    assert menu.quit_action.shortcut().toString() == "Ctrl+Q"
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())


@pytest.mark.parametrize(
    ("name", "province", "titled"),
    [
        ("Đồn Biên phòng Pa Tần", "", "Đồn Biên phòng Pa Tần"),  # no dangling comma
        ("Đồn Biên phòng Sìn Hồ", "12", "Đồn Biên phòng Sìn Hồ, Lai Châu"),
        # Before: "Sổ cấp trên tỉnh Lai Châu, Lai Châu" (camket init --upper --province 12).
        ("Sổ cấp trên tỉnh Lai Châu", "12", "Sổ cấp trên tỉnh Lai Châu"),
    ],
)
def test_an_upper_register_is_titled_with_its_province_once(
    qtbot: QtBot, tmp_path: Path, name: str, province: str, titled: str
) -> None:
    path = tmp_path / "upper.sqlite3"
    create_upper_register(path, name, province)
    register = open_existing(path)
    window = MainWindow(register)
    qtbot.addWidget(window)
    try:
        assert window.windowTitle() == f"CamKet — {titled} — {path}"
    finally:
        window.shutdown()
        register.close()


def test_open_register_in_the_file_menu_switches_to_it(
    main_window: OpenWindow,
    small_register: SmallRegister,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    other = tmp_path / "khac.sqlite3"
    create_demo_register(other, households=5, seed=2)
    window = main_window(small_register.path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args, **_kw: (str(other), ""))
    window.file_menu.open_action.trigger()
    assert window.next_register == other
    assert not window.isVisible()  # the application opens the next window on it


def test_a_file_that_is_no_register_is_refused_and_the_window_stays(
    main_window: OpenWindow,
    small_register: SmallRegister,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = tmp_path / "ghi-chu.sqlite3"
    text.write_text("không phải sổ", encoding="utf-8")
    window = main_window(small_register.path)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, body: said.append(body))
    assert not window.file_menu.open_path(text)
    assert said and "không phải sổ đăng ký" in said[0]
    assert window.isVisible() and window.next_register is None


def test_a_register_never_set_up_is_offered_the_set_up_when_opened(
    main_window: OpenWindow,
    small_register: SmallRegister,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An empty file (a copy cut short, a set-up killed before it began) opened with Tệp ▸
    Mở sổ đăng ký…: before, the window said to "mở tệp trong cửa sổ CamKet để lập sổ",
    which is what the clerk had done, and Sổ đăng ký mới… refused the file as existing."""
    from desktop.ui import first_run

    empty = tmp_path / "so-moi.sqlite3"
    empty.write_bytes(b"")
    window = main_window(small_register.path)
    asked: list[str] = []
    set_up: list[Path] = []

    def question(_parent: object, _title: str, body: str) -> QMessageBox.StandardButton:
        asked.append(body)
        return QMessageBox.StandardButton.Yes

    def run_setup(path: Path, _parent: object, *, offer_existing: bool = True) -> Path:
        set_up.append(path)
        create_register(path, "03478", ["Bản Nậm Tăm"])  # as the wizard's Finish does
        return path

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(first_run, "run_setup", run_setup)
    monkeypatch.setattr(QMessageBox, "warning", lambda *_a: pytest.fail("refused, not offered"))
    assert window.file_menu.open_path(empty)
    assert asked and "chưa được lập" in asked[0] and "Lập sổ ngay" in asked[0]
    assert set_up == [empty]
    assert window.next_register == empty  # the application opens it next


def test_recent_registers_are_listed_latest_first(
    main_window: OpenWindow, small_register: SmallRegister, tmp_path: Path
) -> None:
    first, second = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    for path in (first, second, small_register.path):
        remember_register(path)
    assert recent_registers()[:3] == [small_register.path.resolve(), second, first]
    window = main_window(small_register.path)
    menu = window.file_menu.recent_menu
    menu.aboutToShow.emit()
    listed = [action.toolTip() for action in menu.actions()]
    assert listed == [str(second), str(first)]  # the open one is not offered again


def test_a_recent_register_moved_away_is_said_so_taken_off_the_list_and_looked_for(
    main_window: OpenWindow,
    small_register: SmallRegister,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Before, a register moved to another folder stayed in Tệp ▸ Sổ đăng ký mở gần đây:
    each time chosen it said only "Không tìm thấy tệp sổ đăng ký", and stayed listed."""
    moved = tmp_path / "sin-ho-cu.sqlite3"
    create_demo_register(moved, households=5, seed=2)
    remember_register(moved)
    now = tmp_path / "USB"
    now.mkdir()
    moved.rename(now / moved.name)
    window = main_window(small_register.path)
    asked: list[str] = []

    def question(_parent: object, _title: str, body: str) -> QMessageBox.StandardButton:
        asked.append(body)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(now / moved.name), "")
    )
    menu = window.file_menu.recent_menu
    menu.aboutToShow.emit()
    menu.actions()[0].trigger()
    assert asked and "sin-ho-cu.sqlite3 không còn ở" in asked[0] and "Mở sổ đăng ký…" in asked[0]
    assert moved.resolve() not in recent_registers()
    assert window.next_register == now / moved.name  # found where it is now, and opened


def test_a_recent_register_on_a_stick_not_plugged_in_stays_listed(
    main_window: OpenWindow,
    small_register: SmallRegister,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    on_stick = tmp_path / "USB" / "sin-ho.sqlite3"
    remember_register(on_stick)
    window = main_window(small_register.path)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, body: said.append(body))
    assert not window.file_menu.open_recent(on_stick)
    assert said and "hãy cắm vào rồi chọn lại" in said[0]
    assert on_stick.resolve() in recent_registers()
    assert window.next_register is None


CTRL = Qt.KeyboardModifier.ControlModifier


class _StrayWindows(QObject):
    """Every widget shown as a window of its own that is no window, dialog or popup: a
    button shown before it is laid out flashes up as a little window on the desktop."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Show
            and isinstance(watched, QWidget)
            and watched.isWindow()
            and not isinstance(watched, QMainWindow | QDialog | QMenu)
            and watched.windowType() not in (Qt.WindowType.Popup, Qt.WindowType.ToolTip)
        ):
            self.shown.append(f"{type(watched).__name__} {getattr(watched, 'text', str)()}")
        return False


def test_ctrl_1_to_6_reach_every_place_and_the_keyboard_stays_in_the_window(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    """Before, the first Ctrl+4 showed the Báo cáo… button as a window of its own for an
    instant (set visible before it was laid out): the main window lost the keyboard, and
    Ctrl+5, Ctrl+6 did nothing until the clerk clicked it."""
    from PySide6.QtWidgets import QApplication

    window = main_window(small_register.path, place=None)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    stray = _StrayWindows()
    QApplication.instance().installEventFilter(stray)
    try:
        for number, key in zip(
            range(1, 7),
            ("overview", "households", "pledges", "movements", "exchange", "settings"),
            strict=True,
        ):
            target = QApplication.focusWidget() or window
            qtbot.keyClick(target, getattr(Qt.Key, f"Key_{number}"), CTRL)
            QApplication.processEvents()
            assert window.places.current_key() == key, number
            assert window.isActiveWindow(), key
    finally:
        QApplication.instance().removeEventFilter(stray)
    assert stray.shown == []


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_fifty_letter_hamlet_name_keeps_every_place_within_a_1024_screen(
    qtbot: QtBot,
    main_window: Callable[..., MainWindow],
    small_register: SmallRegister,
    qapp: object,
    language: str,
) -> None:
    """Before, the hamlet lists of Hộ gia đình and Biến động were as wide as their longest
    name: with "Thôn Khuổi Luông Thượng Nậm Khòn Pác Mông Xín Chải" the window asked 1,124
    px (past a 1024 px screen's edge) and Biến động's search box shrank to "T…" (28 px)."""
    from desktop.domain.entities import Hamlet, HamletKind
    from desktop.store import households as repo
    from desktop.ui.translations import install_translators

    register = open_existing(small_register.path)
    try:
        repo.add_hamlet(
            register.writer,
            Hamlet(name="Thôn Khuổi Luông Thượng Nậm Khòn Pác Mông Xín Chải", kind=HamletKind.THON),
        )
    finally:
        register.close()
    install_translators(qapp, language)  # type: ignore[arg-type]
    try:
        window = main_window(small_register.path, size=(1024, 768), place=None)
        for key in ("overview", "households", "pledges", "movements", "exchange", "settings"):
            window.show_place(key)
            QApplication.processEvents()
            assert window.minimumSizeHint().width() <= 1000, key
        window.show_place("movements")
        QApplication.processEvents()
        ledger = window.pages.currentWidget()
        assert ledger.search.width() >= 120  # type: ignore[attr-defined]
        hamlets = ledger.hamlet.view()  # type: ignore[attr-defined]
        assert hamlets.minimumWidth() >= hamlets.sizeHintForColumn(0)  # each name whole
    finally:
        install_translators(qapp, "vi")  # type: ignore[arg-type]


def test_each_place_takes_the_keyboard_when_it_is_shown(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    """Before, the window opened with the keyboard on the side bar's "Nhập danh sách" button
    and Ctrl+2 left it there: Enter (which Tổng quan's hint says opens a case) or Space began
    an import, and a name typed after Ctrl+2 went nowhere. Now the place shown takes it:
    Tổng quan its reminders, Hộ gia đình its search box."""
    window = main_window(small_register.path, place=None)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    overview = window.pages.currentWidget()
    assert window.places.current_key() == "overview"
    focused = QApplication.focusWidget()
    assert focused is overview.reminders  # type: ignore[attr-defined]
    qtbot.keyClick(focused, Qt.Key.Key_2, CTRL)
    page = window.household_page
    assert QApplication.focusWidget() is page.search_box
    qtbot.keyClicks(page.search_box, "hung")
    qtbot.waitUntil(lambda: page.count_label.text() == "1 hộ")
    qtbot.keyClick(page.search_box, Qt.Key.Key_1, CTRL)
    assert QApplication.focusWidget() is overview.reminders  # type: ignore[attr-defined]
