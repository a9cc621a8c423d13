"""The English window words each family of known errors in English, reached as a clerk
reaches them: a damaged bundle merged on Data exchange, a campaign dated backwards, …
(desktop/messages_en.py; tests/unit/test_english_messages.py holds every id to it)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from desktop.services.bundles import export_bundle
from desktop.services.demo import populate_demo
from desktop.services.register import create_register
from desktop.ui.main_window import MainWindow
from desktop.ui.translations import install_translators
from tests.unit.exchange_helpers import SIN_HO, as_pc, opened

OpenWindow = Callable[..., MainWindow]


@pytest.fixture
def in_english(qapp: QApplication) -> Iterator[None]:
    install_translators(qapp, "en")
    yield
    install_translators(qapp, "vi")


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The register of Sìn Hồ with 4 sample households, this PC's data folder set."""
    path, folder = tmp_path / "office.sqlite3", tmp_path / "office-data"
    with as_pc(folder):
        create_register(path, SIN_HO, ["Bản Nậm Tăm", "Thôn 2"])
    with opened(path, folder) as reg:
        populate_demo(reg, 4, seed=3)
    monkeypatch.setenv("CAMKET_DATA_DIR", str(folder))
    return path


def test_a_bundle_cut_short_merged_on_data_exchange_is_refused_in_english(
    in_english: None,
    main_window: OpenWindow,
    office: Path,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    whole = tmp_path / "whole.camket"
    with opened(office, tmp_path / "office-data") as reg:
        export_bundle(reg, whole)
    cut = tmp_path / "cut.camket"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    window = main_window(office, place="exchange")
    transfer = window.exchange_page.transfer
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a, **_k: ([str(cut)], ""))
    qtbot.mouseClick(transfer.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: transfer.results.rowCount() == 1 and transfer.merge_button.isEnabled())
    assert transfer.results.item(0, 1).text() == (
        "Refused: The file cut.camket is cut short (perhaps not fully copied, or the USB stick"
        " was pulled out too early); nothing was taken from it. Copy it again from the sending"
        " PC."
    )


def test_an_export_encrypted_for_a_key_file_not_there_says_so_in_english(
    in_english: None,
    main_window: OpenWindow,
    office: Path,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = main_window(office, place="exchange")
    sent = window.exchange_page.transfer
    missing = tmp_path / "district-key.txt"
    sent.key_file.setText(str(missing))
    out = tmp_path / "usb" / "sin-ho.camket"
    out.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(out), ""))
    qtbot.mouseClick(sent.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sent.export_button.isEnabled() and "key" in sent.export_result.text())
    assert sent.export_result.text() == (
        f"The key file {missing} was not found. Get the receiver's key (age1…) with the"
        " command camket keys on the receiving PC."
    )
    assert not out.exists()
