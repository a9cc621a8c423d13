"""An upper register's Các xã tab drops a commune's data: asked first, naming the commune
and its households, then done on the write lane while the window stays live."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.services.bundles import export_bundle
from desktop.services.demo import populate_demo
from desktop.services.merge import merge_bundle
from desktop.services.register import create_register, create_upper_register
from desktop.ui.main_window import MainWindow
from tests.unit.exchange_helpers import BINH_LU, SIN_HO, as_pc, opened

OpenWindow = Callable[..., MainWindow]


def _post_of_two_communes(tmp_path: Path) -> tuple[Path, Path]:
    post = (tmp_path / "post.sqlite3", tmp_path / "post-data")
    with as_pc(post[1]):
        create_upper_register(post[0], "Đồn Biên phòng Sìn Hồ", "12")
    for seed, (code, households) in enumerate(((SIN_HO, 8), (BINH_LU, 3))):
        pc = (tmp_path / f"{code}.sqlite3", tmp_path / f"{code}-data")
        with as_pc(pc[1]):
            create_register(pc[0], code, ["Thôn 1", "Thôn 2"])
        with opened(*pc) as reg:
            populate_demo(reg, households, seed=seed)
            export_bundle(reg, tmp_path / f"{code}.camket")
        with opened(*post) as reg:
            assert merge_bundle(reg, tmp_path / f"{code}.camket").refused is None
    return post


def test_a_communes_data_is_removed_from_the_communes_tab_after_a_question(
    main_window: OpenWindow, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    post = _post_of_two_communes(tmp_path)
    monkeypatch.setenv("CAMKET_DATA_DIR", str(post[1]))
    window = main_window(post[0], place="exchange")
    communes = window.exchange_page.communes
    assert communes is not None
    qtbot.waitUntil(lambda: communes.loaded)
    table = communes.table
    assert not communes.forget_button.isEnabled()  # no commune chosen yet
    row = next(r for r in range(table.rowCount()) if table.item(r, 1).text() == SIN_HO)
    table.selectRow(row)
    assert communes.forget_button.isEnabled()

    asked: list[str] = []

    def answer(reply: QMessageBox.StandardButton) -> Callable[..., QMessageBox.StandardButton]:
        def ask(_parent: object, _title: str, text: str, *_a: object) -> object:
            asked.append(text)
            return reply

        return ask

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    qtbot.mouseClick(communes.forget_button, Qt.MouseButton.LeftButton)
    assert "Xã Sìn Hồ (03478): 8 hộ" in asked[0]  # names the commune and its households
    assert not window.tasks.busy  # declined: nothing runs

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    progress: list[tuple[int, int]] = []
    window.tasks.progressed.connect(lambda done, total: progress.append((done, total)))
    qtbot.mouseClick(communes.forget_button, Qt.MouseButton.LeftButton)
    assert window.tasks.busy  # on the write lane: the window goes on
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=20000)
    qtbot.waitUntil(
        lambda: [table.item(r, 3).text() for r in range(table.rowCount())
                 if table.item(r, 1).text() == SIN_HO] == ["0"]
    )  # fmt: skip
    assert progress and progress[-1][0] == progress[-1][1]
    assert "Đã xoá dữ liệu của Xã Sìn Hồ: 8 hộ" in window.statusBar().currentMessage()
    with opened(*post) as reg:
        live = dict(
            reg.db.execute(
                "SELECT commune_code, count(*) FROM household WHERE deleted = 0"
                " GROUP BY commune_code"
            ).fetchall()
        )
    assert live == {BINH_LU: 3}


def test_a_commune_merged_twice_by_an_older_version_is_said_above_the_communes(
    main_window: OpenWindow, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    post = _post_of_two_communes(tmp_path)
    laptop = (tmp_path / "laptop.sqlite3", tmp_path / "laptop-data")
    with as_pc(laptop[1]):  # Sìn Hồ set up again on its own, its hamlets named alike
        create_register(laptop[0], SIN_HO, ["Thôn 1", "Thôn 2"])
    with opened(*laptop) as reg:
        populate_demo(reg, 4, seed=7)
        export_bundle(reg, tmp_path / "laptop.camket")
    monkeypatch.setattr("desktop.services.merge.check_upper_register", lambda *_a: None)
    with opened(*post) as reg:  # as a version before the refusal merged it
        assert merge_bundle(reg, tmp_path / "laptop.camket").refused is None
    monkeypatch.setenv("CAMKET_DATA_DIR", str(post[1]))
    window = main_window(post[0], place="exchange")
    communes = window.exchange_page.communes
    assert communes is not None
    qtbot.waitUntil(lambda: communes.loaded)
    said = communes.doubled_hint.text()
    assert communes.doubled_hint.isVisible() and "Xã Sìn Hồ (03478)" in said
    assert "Thôn 1, Thôn 2" in said and "hai lần" in said and "camket check" in said
    assert "Bình Lư" not in said
