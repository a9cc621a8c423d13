"""Bundles merged together from the window (Trao đổi dữ liệu, Chọn tệp để gộp…): the
batch's helper process reads the second bundle while the window's work lane writes the
first, and the page shows each bundle's outcome as a merge in one process does."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from desktop.services import merge_helper
from desktop.services.bundles import export_bundle
from desktop.services.demo import populate_demo
from desktop.services.register import create_register, create_upper_register
from desktop.ui.main_window import MainWindow
from tests.unit.exchange_helpers import BINH_LU, SIN_HO, as_pc, opened

OpenWindow = Callable[..., MainWindow]


def _bundle(tmp_path: Path, code: str, seed: int) -> Path:
    path, folder = tmp_path / f"{code}.sqlite3", tmp_path / f"{code}-data"
    with as_pc(folder):
        create_register(path, code, ["Thôn 1"])
    with opened(path, folder) as reg:
        populate_demo(reg, 6, seed=seed)
        export_bundle(reg, tmp_path / f"{code}.camket")
    return tmp_path / f"{code}.camket"


def test_two_communes_bundles_merged_from_the_window_with_the_batch_helper(
    main_window: OpenWindow, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundles = [_bundle(tmp_path, SIN_HO, 1), _bundle(tmp_path, BINH_LU, 2)]
    post = (tmp_path / "post.sqlite3", tmp_path / "post-data")
    with as_pc(post[1]):
        create_upper_register(post[0], "Đồn Biên phòng Sìn Hồ", "12")
    given: list[str] = []
    read = merge_helper.LineHelper.read

    def counted(helper: merge_helper.LineHelper, bundle: object, *asked: Any) -> object:
        given.append(bundle.source)  # type: ignore[attr-defined]
        return read(helper, bundle, *asked)  # type: ignore[arg-type]

    monkeypatch.setattr(merge_helper, "AHEAD_ROWS", 0)  # however small, as 40 communes' are
    monkeypatch.setattr(merge_helper.LineHelper, "read", counted)
    monkeypatch.setenv("CAMKET_DATA_DIR", str(post[1]))
    window = main_window(post[0], size=(1024, 768), place="exchange")
    page = window.exchange_page
    page.tabs.setCurrentWidget(page.transfer)
    chosen = ([str(b) for b in bundles], "")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a, **_k: chosen)
    transfer = page.transfer
    qtbot.mouseClick(transfer.merge_button, Qt.MouseButton.LeftButton)
    for _ in bundles:  # each commune's PC, never met, trusted by the person
        qtbot.waitUntil(lambda: transfer.trust_question is not None)
        question = transfer.trust_question
        assert question is not None
        qtbot.mouseClick(question.trust_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda q=question: transfer.trust_question is not q)  # type: ignore[misc]
    results = transfer.results
    qtbot.waitUntil(lambda: results.rowCount() == 2 and not window.tasks.busy, timeout=60_000)
    cells = [[item.text() if (item := results.item(r, c)) else "" for c in (0, 1)] for r in (0, 1)]
    assert [name for name, _ in cells] == [b.name for b in bundles]
    assert all(" mới" in outcome for _, outcome in cells)
    assert given == [bundles[1].name]  # the second read by the helper meanwhile
    assert multiprocessing.active_children() == []  # it ended with the batch
    with opened(*post) as reg:
        communes = reg.db.execute("SELECT count(DISTINCT commune_code) FROM person").fetchone()
    assert communes[0] == 2
