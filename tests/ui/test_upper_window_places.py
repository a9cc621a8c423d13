"""An upper-level register's window names every hamlet with its commune (Tổng quan, Cam kết,
the household list and its detail) and calls its total row all communes, not "Toàn xã"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.ui.main_window import MainWindow
from desktop.ui.overview_page import OverviewPage
from tests.unit.exchange_helpers import (
    BINH_LU,
    SIN_HO,
    as_pc,
    listed_commune_bundle,
    upper_register_of,
)


def _column(model: object, column: int = 0) -> list[str]:
    rows = model.rowCount()  # type: ignore[attr-defined]
    return [model.index(r, column).data() for r in range(rows)]  # type: ignore[attr-defined]


def test_the_window_of_an_upper_register_tells_two_communes_hamlets_apart(
    qtbot: QtBot, main_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    bundles = [
        listed_commune_bundle(tmp_path, SIN_HO, "A-01"),
        listed_commune_bundle(tmp_path, BINH_LU, "B-01"),
    ]
    post = upper_register_of(tmp_path, bundles)
    with as_pc(tmp_path / "post-data"):
        window = main_window(post, place="overview")
        overview = window.pages.currentWidget()
        assert isinstance(overview, OverviewPage)
        qtbot.waitUntil(lambda: overview.counted)
        hamlets = [
            "Thôn 1 (Bình Lư)",
            "Thôn 2 (Bình Lư)",
            "Bản Nậm Tăm (Sìn Hồ)",
            "Thôn 1 (Sìn Hồ)",
        ]
        assert _column(overview.progress_model) == [*hamlets, "Toàn bộ các xã"]

        window.show_place("pledges")
        page = window.pledge_page
        assert _column(page.progress_model) == [*hamlets, "Toàn bộ các xã"]
        page.progress_view.selectRow(0)  # Bình Lư's Thôn 1: its household signed there
        QApplication.processEvents()
        assert page.unsigned_model.rowCount() == 0
        assert page.unsigned_label.text() == "Chưa ký ở Thôn 1 (Bình Lư): 0 hộ"
        page.progress_view.selectRow(len(hamlets))
        QApplication.processEvents()
        assert sorted(_column(page.unsigned_model)) == ["A-02", "B-02"]
        assert page.unsigned_label.text() == "Chưa ký trong tất cả các xã: 2 hộ"

        window.show_place("households")
        households = window.household_page
        combo = households.hamlet_combo
        assert [combo.itemText(i) for i in range(1, combo.count())] == hamlets
        shown = dict(zip(_column(households.model), _column(households.model, 2), strict=True))
        assert shown == {
            "A-01": "Thôn 1 (Sìn Hồ)",
            "A-02": "Bản Nậm Tăm (Sìn Hồ)",
            "B-01": "Thôn 1 (Bình Lư)",
            "B-02": "Thôn 2 (Bình Lư)",
        }
        households.detail.show_household(households.model.household_id(0) or "")
        code = households.model.index(0, 0).data()
        assert households.detail.hamlet.text() == shown[code]
