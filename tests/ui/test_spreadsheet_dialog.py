"""Xuất bảng tính… in the window, driven as a clerk would: choose, name the file, wait."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from desktop.domain.upload_sheet import UploadSheet
from desktop.services.bundles import export_bundle
from desktop.services.demo import populate_demo
from desktop.services.merge import merge_bundle
from desktop.services.register import create_register, create_upper_register
from desktop.ui.main_window import MainWindow
from tests.ui.conftest import SmallRegister
from tests.unit.exchange_helpers import BINH_LU, SIN_HO, as_pc, opened

OpenWindow = Callable[..., MainWindow]


def _choose(combo, data: object) -> None:  # type: ignore[no-untyped-def]
    combo.setCurrentIndex(combo.findData(data))


def test_the_file_menu_exports_a_csv_for_the_upper_level(
    main_window: OpenWindow,
    small_register: SmallRegister,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = main_window(small_register.path)
    texts = [a.text() for a in window.file_menu.menu.actions()]
    assert "Xuất &bảng tính…" in texts
    window.spreadsheet_export.action.trigger()
    dialog = window.spreadsheet_export.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "Xuất bảng tính"
    # A commune register exports its own commune only.
    assert dialog.commune.currentText() == "Xã Sìn Hồ (03478)" and not dialog.commune.isEnabled()
    assert not dialog.delimiter.isEnabled()  # Excel is the first choice: no delimiter
    _choose(dialog.what, UploadSheet.PEOPLE)
    _choose(dialog.kind, ".csv")
    assert dialog.delimiter.isEnabled()
    _choose(dialog.delimiter, ",")
    _choose(dialog.headers, "machine")
    offered: list[str] = []

    def save_as(_parent: object, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        offered.append(suggested)
        return str(tmp_path / "nhan-khau"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "Đã xuất" in window.statusBar().currentMessage(), timeout=20000)
    assert Path(offered[0]).name == "nhan-khau-03478.csv"
    out = tmp_path / "nhan-khau.csv"  # the suffix added to a name typed without it
    assert window.statusBar().currentMessage() == f"Đã xuất 7 dòng: {out}"
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    hung = next(r for r in rows if r["full_name"] == "Đặng Văn Hùng")
    assert (hung["id_number"], hung["birth"], hung["hamlet"]) == (
        "012075001234", "12/03/1975", "Bản Nậm Tăm",
    )  # fmt: skip


def test_an_excel_file_of_relatives_abroad(
    main_window: OpenWindow,
    small_register: SmallRegister,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = main_window(small_register.path)
    dialog = window.spreadsheet_export.open_dialog()
    _choose(dialog.what, UploadSheet.RELATIVES)
    out = tmp_path / "than-nhan.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(out), ""))
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: out.exists(), timeout=20000)
    qtbot.waitUntil(lambda: "Đã xuất 1 dòng" in window.statusBar().currentMessage())
    sheet = load_workbook(out).active
    assert sheet is not None
    assert [c.value for c in sheet[1]][:5] == ["Mã xã", "Tên xã", "Thôn/bản", "Mã hộ", "Họ và tên"]
    assert [c.value for c in sheet[2]][:5] == [
        "03478", "Xã Sìn Hồ", "Bản Nậm Tăm", "NT-001", "Đặng Văn Tài",
    ]  # fmt: skip


def test_the_exchange_page_of_an_upper_register_exports_one_commune(
    main_window: OpenWindow,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bundles = []
    for code, hamlet, seed in ((SIN_HO, "Bản Nậm Tăm", 3), (BINH_LU, "Bản Bình Lư", 9)):
        path, folder = tmp_path / f"{code}.sqlite3", tmp_path / f"{code}-data"
        with as_pc(folder):
            create_register(path, code, [hamlet])
        with opened(path, folder) as reg:
            populate_demo(reg, 3, seed=seed)
            bundles.append(tmp_path / f"{code}.camket")
            export_bundle(reg, bundles[-1])
    post = (tmp_path / "post.sqlite3", tmp_path / "post-data")
    with as_pc(post[1]):
        create_upper_register(post[0], "Đồn Biên phòng Sìn Hồ", "12")
    with opened(*post) as reg:
        for bundle in bundles:
            assert merge_bundle(reg, bundle).refused is None
    monkeypatch.setenv("CAMKET_DATA_DIR", str(post[1]))
    window = main_window(post[0], place="exchange")
    page = window.exchange_page
    assert page.spreadsheet_button.isVisible()
    assert page.spreadsheet_button.text() == "Xuất bảng tính…"
    page.spreadsheet_button.click()
    dialog = window.spreadsheet_export.dialog
    assert dialog is not None and dialog.isVisible() and dialog.commune.isEnabled()
    communes = [dialog.commune.itemText(i) for i in range(dialog.commune.count())]
    assert communes == ["Tất cả các xã trong sổ", "Xã Bình Lư (03390)", "Xã Sìn Hồ (03478)"]
    _choose(dialog.commune, BINH_LU)
    _choose(dialog.what, UploadSheet.HOUSEHOLDS)
    out = tmp_path / "binh-lu.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(out), ""))
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "Đã xuất 3 dòng" in window.statusBar().currentMessage(), timeout=20000)
    sheet = load_workbook(out).active
    assert sheet is not None
    assert {row[0].value for row in sheet.iter_rows(min_row=2)} == {BINH_LU}
