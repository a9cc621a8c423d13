"""The first bundle of a PC the register never met: the window asks, with the commune and the
key's fingerprint; "no" leaves the register as it was, "yes" merges and records the key."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.exchange.identity import key_fingerprint
from desktop.services import trust
from desktop.services.bundles import export_bundle, register_keys
from desktop.services.demo import populate_demo
from desktop.services.register import create_from_bundle, create_register
from desktop.store import households as repo
from desktop.ui import exchange_transfer
from desktop.ui.main_window import MainWindow
from tests.ui.conftest import settled
from tests.unit.exchange_helpers import SIN_HO, as_pc, opened

OpenWindow = Callable[..., MainWindow]


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_a_new_pcs_first_bundle_is_merged_only_once_its_fingerprint_is_confirmed(
    main_window: OpenWindow, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    office = (tmp_path / "office.sqlite3", tmp_path / "office-data")
    laptop = (tmp_path / "laptop.sqlite3", tmp_path / "laptop-data")
    with as_pc(office[1]):
        create_register(office[0], SIN_HO, ["Bản Nậm Tăm"])
    with opened(*office) as reg:
        populate_demo(reg, 3, seed=4)
        export_bundle(reg, tmp_path / "first.camket")
    with as_pc(laptop[1]):
        create_from_bundle(laptop[0], tmp_path / "first.camket")
    with opened(*laptop) as reg:  # the laptop edits, and sends its first bundle
        household_id = reg.db.execute("SELECT id FROM household ORDER BY code").fetchone()[0]
        reg.writer.update("household", household_id, {"address": "Km 5, đường 12"})
        export_bundle(reg, tmp_path / "laptop.camket")
        fingerprint = key_fingerprint(register_keys(reg).signing_key)

    monkeypatch.setenv("CAMKET_DATA_DIR", str(office[1]))
    window = main_window(office[0], place="exchange")
    transfer = window.exchange_page.transfer
    settled(qtbot, window)  # the page's keys read (the register's age key made on first use)
    before = _dump(office[0])

    transfer.merge_files([tmp_path / "laptop.camket"])
    qtbot.waitUntil(lambda: transfer.trust_question is not None)
    question = transfer.trust_question
    assert question is not None and question.isVisible()
    assert "laptop.camket" in question.text() and "Xã Sìn Hồ, Lai Châu" in question.text()
    assert fingerprint in question.informativeText()
    assert question.defaultButton() is question.decline_button
    assert question.textFormat() == Qt.TextFormat.PlainText  # no markup from the bundle
    qtbot.mouseClick(question.decline_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: transfer.results.rowCount() == 1)
    assert transfer.results.item(0, 1).text().startswith("Không nhận: Chưa nhận tệp laptop.camket")
    assert transfer.merge_button.isEnabled()
    assert _dump(office[0]) == before  # declined: nothing written, not even the log

    transfer.merge_files([tmp_path / "laptop.camket"])
    qtbot.waitUntil(lambda: transfer.trust_question is not None)
    question = transfer.trust_question
    assert question is not None
    qtbot.mouseClick(question.trust_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: transfer.results.rowCount() == 1 and not window.tasks.busy)
    assert "1 cập nhật" in transfer.results.item(0, 1).text()
    assert repo.get_household(window.register.db, household_id).address == "Km 5, đường 12"

    # Met now: its next bundle is merged without a question.
    with opened(*laptop) as reg:
        reg.writer.update("household", household_id, {"address": "Km 6"})
        export_bundle(reg, tmp_path / "laptop-2.camket")
    transfer.merge_files([tmp_path / "laptop-2.camket"])
    qtbot.waitUntil(lambda: not window.tasks.busy and transfer.merge_button.isEnabled())
    assert transfer.trust_question is None
    assert "1 cập nhật" in transfer.results.item(0, 1).text()
    # This PC's own fingerprint is on the page, for the other PC to compare with.
    own = key_fingerprint(register_keys(window.register).signing_key)
    assert own in transfer.signing.text() and own != fingerprint


def test_stopped_while_the_files_are_read_nothing_is_asked_nor_merged(
    main_window: OpenWindow, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    office = (tmp_path / "office.sqlite3", tmp_path / "office-data")
    laptop = (tmp_path / "laptop.sqlite3", tmp_path / "laptop-data")
    with as_pc(office[1]):
        create_register(office[0], SIN_HO, ["Bản Nậm Tăm"])
    with opened(*office) as reg:
        export_bundle(reg, tmp_path / "first.camket")
    with as_pc(laptop[1]):
        create_from_bundle(laptop[0], tmp_path / "first.camket")
    with opened(*laptop) as reg:
        export_bundle(reg, tmp_path / "laptop.camket")
    monkeypatch.setenv("CAMKET_DATA_DIR", str(office[1]))
    window = main_window(office[0], place="exchange")
    transfer = window.exchange_page.transfer
    settled(qtbot, window)  # the page's keys read (the register's age key made on first use)
    before = _dump(office[0])
    real = trust.newcomers

    def read_then_stop(*args: object) -> object:
        window.tasks.cancel()  # the clerk presses Stop while the files are read
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(exchange_transfer, "newcomers", read_then_stop)
    transfer.merge_files([tmp_path / "laptop.camket"])
    qtbot.waitUntil(lambda: transfer.results.rowCount() == 1 and not window.tasks.busy)
    assert transfer.trust_question is None
    assert transfer.results.item(0, 1).text() == "Đã dừng: không nhận gì từ tệp này"
    assert transfer.merge_button.isEnabled()
    assert _dump(office[0]) == before
