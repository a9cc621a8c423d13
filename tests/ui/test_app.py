"""`run_app`: screenshots at a size, and registers that cannot be opened, without crashing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtGui import QImage

from desktop import app
from desktop.domain.errors import KnownError
from desktop.ui.screenshot import parse_size

if TYPE_CHECKING:
    from tests.ui.conftest import SmallRegister


@pytest.mark.parametrize(
    ("size", "expected"), [("1366x768", (1366, 768)), ("1024x600", (1024, 600))]
)
def test_screenshot_is_a_png_of_the_requested_size(
    qapp: object,
    small_register: SmallRegister,
    tmp_path: Path,
    size: str,
    expected: tuple[int, int],
) -> None:
    target = tmp_path / "shots" / "window.png"
    assert app.run_app(small_register.path, screenshot=target, size=size) == 0
    image = QImage(str(target))
    assert not image.isNull()
    assert (image.width(), image.height()) == expected


@pytest.mark.parametrize("size", ["big", "1366", "1366x", "0x0", "100000x768", "-1x-1"])
def test_a_bad_size_is_refused(
    qapp: object,
    small_register: SmallRegister,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    size: str,
) -> None:
    target = tmp_path / "x.png"
    assert app.run_app(small_register.path, screenshot=target, size=size) == 2
    assert "RỘNGxCAO" in capsys.readouterr().err
    assert not target.exists()


def test_sizes_are_read_leniently() -> None:
    assert parse_size(" 1280 X 720 ") == (1280, 720)
    assert parse_size("1920×1080") == (1920, 1080)
    with pytest.raises(KnownError) as caught:
        parse_size("")
    assert caught.value.code == "screenshot.bad_size"


def test_an_unwritable_screenshot_is_reported(
    qapp: object, small_register: SmallRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "a-folder.png"
    folder.mkdir()
    assert app.run_app(small_register.path, screenshot=folder) == 2
    assert "Không ghi được ảnh" in capsys.readouterr().err


def test_a_missing_register_gives_2_and_a_message(
    qapp: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere.sqlite3"
    assert app.run_app(missing, screenshot=tmp_path / "x.png") == 2
    assert "Không tìm thấy tệp sổ đăng ký" in capsys.readouterr().err
    assert not missing.exists()
    assert not (tmp_path / "x.png").exists()


@pytest.mark.parametrize(
    ("content", "wording"),
    [
        (b"Ho ten;So dinh danh\nNguyen Van A;012345678901\n", "không phải sổ đăng ký"),
        (b"SQLite format 3\x00" + b"\x00" * 200, "bị hỏng"),
    ],
)
def test_a_corrupt_register_gives_2_and_a_message(
    qapp: object,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes,
    wording: str,
) -> None:
    corrupt = tmp_path / "corrupt.sqlite3"
    corrupt.write_bytes(content)
    assert app.run_app(corrupt, screenshot=tmp_path / "x.png") == 2
    assert wording in capsys.readouterr().err
    assert corrupt.read_bytes() == content  # never touched


def test_screenshot_shows_the_chosen_place(
    qapp: object, small_register: SmallRegister, tmp_path: Path
) -> None:
    opening, households, pledges = (tmp_path / f"{n}.png" for n in ("open", 2, 3))
    assert app.run_app(small_register.path, screenshot=opening) == 0
    assert app.run_app(small_register.path, screenshot=households, page=2) == 0
    assert app.run_app(small_register.path, screenshot=pledges, page=3) == 0
    assert QImage(str(households)) != QImage(str(pledges))


@pytest.mark.parametrize("page", [0, 9, 99])
def test_a_place_that_is_not_there_is_refused(
    qapp: object,
    small_register: SmallRegister,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    page: int,
) -> None:
    target = tmp_path / "x.png"
    assert app.run_app(small_register.path, screenshot=target, page=page) == 2
    assert f"Không có mục Ctrl+{page}" in capsys.readouterr().err
    assert not target.exists()


def test_the_window_starts_without_loading_the_pdf_libraries() -> None:
    # reportlab is 0.2 s of start-up; it loads with the first print, on the task lane.
    code = (
        "import sys, desktop.app, desktop.ui.main_window;"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'reportlab', 'pypdf'}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_window_imports_only_what_its_first_place_needs() -> None:
    # Other places are imported and built when first shown (issue 11 §7).
    code = (
        "import sys, desktop.cli, desktop.app, desktop.ui.main_window;"
        "print(sorted(m for m in sys.modules if m in {"
        "'desktop.ui.household_page', 'desktop.ui.pledge_page', 'desktop.ui.settings_page',"
        "'desktop.ui.import_wizard', 'desktop.ui.ledger_page', 'desktop.domain.import_rows'}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_screenshot_of_the_first_place_builds_no_other(
    qapp: object, small_register: SmallRegister, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.ui import main_window

    built: list[list[str]] = []
    original = main_window.MainWindow.shutdown

    def note_built(window: main_window.MainWindow) -> None:
        keys = window.places.keys()
        built.append([key for key in keys if window.places.built(key)])
        original(window)

    monkeypatch.setattr(main_window.MainWindow, "shutdown", note_built)
    assert app.run_app(small_register.path, screenshot=tmp_path / "first.png") == 0
    assert len(built[0]) == 1  # the place the window opens on, and only it


def test_a_damaged_register_at_the_start_is_restored_from_its_backup_and_opened(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QDialog, QMessageBox

    from desktop.services.demo import create_demo_register
    from desktop.services.register import OpenRegister, open_existing
    from desktop.store.backups import list_backups, take_backup
    from desktop.ui import restore_dialog

    path = tmp_path / "xa.sqlite3"
    create_demo_register(path, 12, seed=4)
    reg = open_existing(path)
    take_backup(reg.db, path, "manual")
    reg.close()
    size = path.stat().st_size
    with path.open("r+b") as damaged:  # cut short, as a PC switched off mid-write leaves it
        damaged.truncate(size // 2)
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    def choose_newest(dialog: restore_dialog.RestoreDialog) -> int:
        dialog.chosen = list_backups(path)[0].path
        return QDialog.DialogCode.Accepted.value

    opened: list[int] = []

    def show(_app: object, register: OpenRegister) -> int:
        opened.append(register.db.execute("SELECT count(*) FROM household").fetchone()[0])
        register.close()
        return 0

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "information", lambda *_a: None)
    monkeypatch.setattr(restore_dialog.RestoreDialog, "exec", choose_newest)
    monkeypatch.setattr(app, "_show", show)
    assert app.run_app(path) == 0
    assert "bị hỏng" in asked[0] and "bản sao lưu" in asked[0]
    assert opened == [12]
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("xa") and p != path]
    assert any(p.stat().st_size == size // 2 for p in kept)  # the damaged file is kept aside


def test_a_damaged_register_whose_restore_is_declined_gives_2(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    corrupt = tmp_path / "corrupt.sqlite3"
    content = b"SQLite format 3\x00" + b"\x00" * 200
    corrupt.write_bytes(content)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.No)
    assert app.run_app(corrupt) == 2
    assert corrupt.read_bytes() == content
