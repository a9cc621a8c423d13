"""The window's export of a register that holds a text longer than a bundle may carry (stored
before the bounds) lists it under the export, as `camket export` does, and makes no file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.ui.main_window import MainWindow
from tests.ui.test_conflict_notice import _households
from tests.ui.test_exchange_page import two_pcs
from tests.unit.exchange_helpers import opened

__all__ = ["two_pcs"]  # the fixture, used here by name

OpenWindow = Callable[..., MainWindow]


def test_the_window_export_of_a_register_holding_a_too_long_note_lists_it_and_makes_no_file(
    main_window: OpenWindow,
    two_pcs: dict[str, tuple[Path, Path]],
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    office = two_pcs["office"]
    (household_id, code, _member), *_rest = _households(*office)
    with opened(*office) as reg, reg.db.conn:
        reg.db.execute("UPDATE household SET notes = ? WHERE id = ?", ["n" * 6000, household_id])
    monkeypatch.setenv("CAMKET_DATA_DIR", str(office[1]))
    window = main_window(office[0], place="exchange")
    sent = window.exchange_page.transfer
    out = tmp_path / "van-phong.camket"
    sent.export_to(out)
    qtbot.waitUntil(lambda: "Chưa xuất" in sent.export_result.text())
    assert sent.export_result.text().splitlines()[1:] == [
        f"  hộ {code}: Ghi chú: dài 6000 ký tự, quá 5000 ký tự sổ giữ; hãy viết gọn lại"
    ]
    assert not out.exists()
