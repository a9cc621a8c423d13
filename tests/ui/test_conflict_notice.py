"""A household with another PC's version waiting for review says so when the clerk edits it
(its own row, a member's or a relative's), with a button that opens that conflict in Trao
đổi dữ liệu; a household with none shows no notice."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.services.bundles import export_bundle
from desktop.services.merge import merge_bundle
from desktop.ui.main_window import MainWindow
from tests.ui.test_exchange_page import _edit, two_pcs
from tests.ui.test_household_editor import open_editor_on
from tests.unit.exchange_helpers import opened

__all__ = ["two_pcs"]  # the fixture, used here by name

OpenWindow = Callable[..., MainWindow]


def _households(path: Path, folder: Path) -> list[tuple[str, str, str]]:
    """(household id, code, its first member's id) of each household, by code."""
    with opened(path, folder) as reg:
        rows = reg.db.execute(
            "SELECT h.id, h.code, (SELECT id FROM person WHERE household_id = h.id"
            " ORDER BY position LIMIT 1) FROM household h ORDER BY h.code"
        ).fetchall()
    return [(str(a), str(b), str(c)) for a, b, c in rows]


def test_editing_a_household_with_a_conflict_waiting_says_so_and_opens_it(
    main_window: OpenWindow,
    two_pcs: dict[str, tuple[Path, Path]],
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    office, laptop = two_pcs["office"], two_pcs["laptop"]
    (first_id, first, _), (_, second, member_id), (_, third, _) = _households(*office)[:3]
    _edit(*office, first_id, address="Văn phòng ghi")
    _edit(*laptop, first_id, address="Máy xách tay ghi")
    for pc, name in ((office, "Lò Văn Páo"), (laptop, "Lò Văn Pao")):
        with opened(*pc) as reg:
            reg.writer.update("person", member_id, {"full_name": name})
    with opened(*laptop) as reg:
        export_bundle(reg, tmp_path / "laptop.camket")
    with opened(*office) as reg:
        assert merge_bundle(reg, tmp_path / "laptop.camket").total("conflicts") == 2
        waiting = dict(reg.db.execute("SELECT tbl, id FROM conflict").fetchall())

    monkeypatch.setenv("CAMKET_DATA_DIR", str(office[1]))
    window = main_window(office[0])
    editor = open_editor_on(window, qtbot, first)
    notice = editor.conflict_notice
    assert notice.isVisible()
    assert notice.text.text() == (
        "Một máy khác cũng đã sửa hộ này: 1 phiên bản đang chờ xem xét ở Trao đổi dữ liệu."
        " Lưu ở đây không giải quyết được việc đó."
    )
    editor.cancel()
    editor = open_editor_on(window, qtbot, third)
    assert not editor.conflict_notice.isVisible()
    editor.cancel()
    editor = open_editor_on(window, qtbot, second)  # a member's name waits
    assert editor.conflict_notice.isVisible()
    qtbot.mouseClick(editor.conflict_notice.button, Qt.MouseButton.LeftButton)
    assert window.places.current_key() == "exchange"
    view = window.exchange_page.conflicts
    assert view.current is not None and view.current.id == waiting["person"]


def test_a_household_changed_alike_on_both_pcs_shows_no_notice(
    main_window: OpenWindow,
    two_pcs: dict[str, tuple[Path, Path]],
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    office, laptop = two_pcs["office"], two_pcs["laptop"]
    (first_id, first, member_id) = _households(*office)[0]
    for pc in (office, laptop):
        _edit(*pc, first_id, address="Bản Nậm Tăm, cạnh trường")
        with opened(*pc) as reg:
            reg.writer.update("person", member_id, {"full_name": "Lò Văn Páo"})
    with opened(*laptop) as reg:
        export_bundle(reg, tmp_path / "laptop.camket")
    with opened(*office) as reg:
        assert merge_bundle(reg, tmp_path / "laptop.camket").total("conflicts") == 0
        assert reg.db.execute("SELECT count(*) FROM conflict").fetchone()[0] == 2  # settled

    monkeypatch.setenv("CAMKET_DATA_DIR", str(office[1]))
    window = main_window(office[0])
    editor = open_editor_on(window, qtbot, first)
    assert not editor.conflict_notice.isVisible()
    editor.cancel()
