"""The Trao đổi dữ liệu page (Ctrl+5): export and merge between two PCs through the window,
a refused bundle's reason, a conflict settled field by field, an upper register's communes."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QButtonGroup, QFileDialog, QPushButton
from pytestqt.qtbot import QtBot

from desktop.cli import main
from desktop.services.bundles import export_bundle
from desktop.services.demo import create_demo_register, populate_demo
from desktop.services.merge import merge_bundle
from desktop.services.register import create_from_bundle, create_register, create_upper_register
from desktop.store import households as repo
from desktop.ui.exchange_page import ExchangePage
from desktop.ui.main_window import MainWindow
from tests.ui.conftest import SmallRegister
from tests.unit.exchange_helpers import BINH_LU, SIN_HO, as_pc, opened
from tests.unit.test_half_deleted import deleted_on_office_added_on_laptop

OpenWindow = Callable[..., MainWindow]


@pytest.fixture
def two_pcs(tmp_path: Path) -> dict[str, tuple[Path, Path]]:
    """The office's register of Sìn Hồ (8 demo households) and the campaign laptop's, made
    from the office's bundle: (register, data folder) of each."""
    office = (tmp_path / "office.sqlite3", tmp_path / "office-data")
    laptop = (tmp_path / "laptop.sqlite3", tmp_path / "laptop-data")
    with as_pc(office[1]):
        create_register(office[0], SIN_HO, ["Bản Nậm Tăm", "Thôn 2"])
    with opened(*office) as reg:
        populate_demo(reg, 8, seed=3)
        export_bundle(reg, tmp_path / "first.camket")
    with as_pc(laptop[1]):
        create_from_bundle(laptop[0], tmp_path / "first.camket")
    return {"office": office, "laptop": laptop}


def _first_household(path: Path, folder: Path) -> tuple[str, str]:
    with opened(path, folder) as reg:
        row = reg.db.execute("SELECT id, code FROM household ORDER BY code").fetchone()
        return str(row[0]), str(row[1])


def _edit(path: Path, folder: Path, household_id: str, **values: str) -> None:
    with opened(path, folder) as reg:
        reg.writer.update("household", household_id, values)


def _window_as(
    main_window: OpenWindow, monkeypatch: pytest.MonkeyPatch, pc: tuple[Path, Path], **kw: object
) -> MainWindow:
    monkeypatch.setenv("CAMKET_DATA_DIR", str(pc[1]))
    window = main_window(pc[0], place="exchange", **kw)
    return window


def _done(window: MainWindow) -> Callable[[], bool]:
    return lambda: not window.tasks.busy


def test_export_from_one_pc_and_merge_into_the_other_through_the_page(
    main_window: OpenWindow,
    two_pcs: dict[str, tuple[Path, Path]],
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    household_id, code = _first_household(*two_pcs["office"])
    _edit(*two_pcs["office"], household_id, address="Km 5, đường 12")
    office = _window_as(main_window, monkeypatch, two_pcs["office"])
    page = office.exchange_page
    assert office.places.current_key() == "exchange"
    assert isinstance(page, ExchangePage)
    sent = page.transfer
    qtbot.waitUntil(lambda: sent.keys is not None)
    assert sent.recipient.text().startswith("age1")
    # Only the changes since the bundle sent before: chosen from the sent list.
    assert sent.since.count() == 1 and "first.camket" in sent.since.currentText()
    sent.changes.setChecked(True)
    out = tmp_path / "usb" / "sin-ho.camket"
    out.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(out), ""))
    shortcuts = {s.key().toString(): s for s in page.findChildren(QShortcut)}
    assert set(shortcuts) == {"Ctrl+Shift+E", "Ctrl+M"}
    shortcuts["Ctrl+Shift+E"].activated.emit()  # as the keys do on the page
    qtbot.waitUntil(lambda: "sin-ho.camket" in sent.export_result.text())
    assert out.exists()
    assert "thay đổi" in sent.export_result.text() and str(out) in sent.export_result.text()
    assert page.log.rowCount() == 2 and page.log.item(0, 2).text() == "sin-ho.camket"
    assert page.log.item(0, 1).text() == "Gửi"
    office.close()

    laptop = _window_as(main_window, monkeypatch, two_pcs["laptop"])
    assert laptop.household_page is not None  # built before the merge, refreshed after it
    received = laptop.exchange_page
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a, **_k: ([str(out)], ""))
    qtbot.mouseClick(received.transfer.merge_button, Qt.MouseButton.LeftButton)
    results = received.transfer.results
    qtbot.waitUntil(lambda: results.rowCount() == 1)
    assert results.rowCount() == 1
    assert results.item(0, 0).text() == "sin-ho.camket"
    assert "1 cập nhật" in results.item(0, 1).text() and "0 xung đột" in results.item(0, 1).text()
    assert received.log.item(0, 1).text() == "Nhận"
    assert received.log.item(0, 4).text() == "Sìn Hồ"
    # The household page, built before, reads the register again.
    households = laptop.household_page
    laptop.open_household(household_id)
    qtbot.waitUntil(lambda: households.detail.household_id == household_id)
    assert households.detail.household_id == household_id
    with opened(*two_pcs["laptop"]) as reg:
        assert repo.get_household(reg.db, household_id).address == "Km 5, đường 12"
    assert code


def test_a_copy_of_the_register_on_another_pc_offers_none_of_the_originals_bundles(
    main_window: OpenWindow,
    two_pcs: dict[str, tuple[Path, Path]],
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    copy = (tmp_path / "copy.sqlite3", tmp_path / "copy-data")
    shutil.copyfile(two_pcs["office"][0], copy[0])
    window = _window_as(main_window, monkeypatch, copy)
    sent = window.exchange_page.transfer
    # The office sent first.camket, this file on this PC nothing: only a whole export.
    assert [sent.since.itemText(i) for i in range(sent.since.count())] == ["(chưa gửi tệp nào)"]
    assert not sent.changes.isEnabled() and sent.whole.isChecked()


def test_a_refused_bundle_says_why_in_vietnamese(
    main_window: OpenWindow,
    two_pcs: dict[str, tuple[Path, Path]],
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    other, other_folder = tmp_path / "binhlu.sqlite3", tmp_path / "binhlu-data"
    with as_pc(other_folder):
        create_register(other, BINH_LU, ["Bản Bình Lư"])
    with opened(other, other_folder) as reg:
        export_bundle(reg, tmp_path / "binhlu.camket")
    window = _window_as(main_window, monkeypatch, two_pcs["office"])
    transfer = window.exchange_page.transfer
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *_a, **_k: ([str(tmp_path / "binhlu.camket")], "")
    )
    qtbot.mouseClick(transfer.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(_done(window))
    reason = transfer.results.item(0, 1).text()
    assert reason.startswith("Không nhận: Tệp binhlu.camket là dữ liệu của Xã Bình Lư (03390)")
    assert "Sổ cấp trên mới nhận dữ liệu nhiều xã" in reason
    assert window.exchange_page.log.rowCount() == 1  # nothing received is logged
    # The list import opens from here too.
    qtbot.mouseClick(window.exchange_page.import_button, Qt.MouseButton.LeftButton)
    wizard = window.import_wizard
    assert wizard is not None and wizard.isVisible()
    wizard.reject()


def test_a_conflict_is_settled_field_by_field(
    main_window: OpenWindow,
    two_pcs: dict[str, tuple[Path, Path]],
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    household_id, code = _first_household(*two_pcs["office"])
    _edit(*two_pcs["office"], household_id, address="Văn phòng ghi", phone="0912345678")
    _edit(*two_pcs["laptop"], household_id, address="Máy xách tay ghi", phone="0987654321")
    with opened(*two_pcs["laptop"]) as reg:
        export_bundle(reg, tmp_path / "laptop.camket")
    with opened(*two_pcs["office"]) as reg:
        assert merge_bundle(reg, tmp_path / "laptop.camket").total("conflicts") == 1
        shown = repo.get_household(reg.db, household_id)
    other = {"Văn phòng ghi": "Máy xách tay ghi", "Máy xách tay ghi": "Văn phòng ghi"}

    window = _window_as(main_window, monkeypatch, two_pcs["office"])
    page = window.exchange_page
    assert page.tabs.tabText(page.tabs.indexOf(page.conflicts)) == "Xung đột (1)"
    page.show_conflicts()
    view = page.conflicts
    assert view.list.count() == 1 and code in view.list.item(0).text()
    rows = {view.fields.item(r, 0).text(): r for r in range(view.fields.rowCount())}
    assert set(rows) == {"Địa chỉ", "Số điện thoại"}
    # The other version's address, the current version's phone.
    view.fields.cellWidget(rows["Địa chỉ"], 2).click()
    assert view.fields.cellWidget(rows["Địa chỉ"], 2).text() == other[shown.address]
    qtbot.mouseClick(view.combine_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.list.count() == 0)
    with opened(*two_pcs["office"]) as reg:
        settled = repo.get_household(reg.db, household_id)
        audit = reg.db.execute("SELECT action FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    assert (settled.address, settled.phone) == (other[shown.address], shown.phone)
    assert audit == ("resolve",)
    assert page.tabs.tabText(page.tabs.indexOf(page.conflicts)) == "Xung đột"
    assert view.heading.text() == "Không có xung đột nào đang chờ."


def test_the_same_edit_on_both_pcs_is_no_conflict_in_the_window(
    main_window: OpenWindow,
    two_pcs: dict[str, tuple[Path, Path]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    household_id, _code = _first_household(*two_pcs["office"])
    for pc in ("office", "laptop"):
        _edit(*two_pcs[pc], household_id, address="Bản Nậm Tăm, cạnh trường", phone="0912345678")
    with opened(*two_pcs["laptop"]) as reg:
        export_bundle(reg, tmp_path / "laptop.camket")
    with opened(*two_pcs["office"]) as reg:
        assert merge_bundle(reg, tmp_path / "laptop.camket").total("conflicts") == 0

    window = _window_as(main_window, monkeypatch, two_pcs["office"])
    page = window.exchange_page
    assert page.tabs.tabText(page.tabs.indexOf(page.conflicts)) == "Xung đột"
    page.show_conflicts()
    assert page.conflicts.list.count() == 0
    assert page.conflicts.heading.text() == "Không có xung đột nào đang chờ."


def test_a_pledge_conflict_reads_in_words_and_days(
    main_window: OpenWindow,
    two_pcs: dict[str, tuple[Path, Path]],
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _household_id, code = _first_household(*two_pcs["office"])
    _signed_here_refused_there(two_pcs, tmp_path, code)
    window = _window_as(main_window, monkeypatch, two_pcs["office"])
    page = window.exchange_page
    page.show_conflicts()
    view = page.conflicts
    shown = {
        view.fields.item(r, 0).text(): {
            view.fields.cellWidget(r, 1).text(),
            view.fields.cellWidget(r, 2).text(),
        }
        for r in range(view.fields.rowCount())
    }
    # The state in the words of the Cam kết page, the days as a clerk writes them.
    assert shown["Trạng thái"] == {"Đã ký", "Từ chối"}
    assert shown["Ngày ký"] == {"04/12/2026", "03/12/2026"}
    for _ in range(5):  # shown again and again (each merge, each click in the list)
        view.refresh()
    qtbot.waitUntil(lambda: len(view.fields.findChildren(QButtonGroup)) == view.fields.rowCount())


def test_an_upper_register_opens_on_its_communes_and_edits_none(
    main_window: OpenWindow,
    two_pcs: dict[str, tuple[Path, Path]],
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    other, other_folder = tmp_path / "binhlu.sqlite3", tmp_path / "binhlu-data"
    with as_pc(other_folder):
        create_register(other, BINH_LU, ["Bản Bình Lư"])
    with opened(other, other_folder) as reg:
        populate_demo(reg, 3, seed=9)
        export_bundle(reg, tmp_path / "binhlu.camket")
    post = (tmp_path / "post.sqlite3", tmp_path / "post-data")
    with as_pc(post[1]):
        create_upper_register(post[0], "Đồn Biên phòng Sìn Hồ", "12")
    with opened(*post) as reg:
        for bundle in (tmp_path / "first.camket", tmp_path / "binhlu.camket"):
            assert merge_bundle(reg, bundle).refused is None

    monkeypatch.setenv("CAMKET_DATA_DIR", str(post[1]))
    window = main_window(post[0], size=(1024, 768), place=None)
    assert window.places.current_key() == "exchange"
    page = window.exchange_page
    assert page.tabs.currentWidget() is page.communes and page.communes is not None
    communes = page.communes
    qtbot.waitUntil(lambda: communes.loaded)  # counted on the task lane
    table = communes.table
    names = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert names == ["Xã Bình Lư", "Xã Sìn Hồ"]
    assert [table.item(r, 3).text() for r in range(2)] == ["3", "8"]
    assert "%" in table.item(1, 5).text()
    assert table.item(1, 2).text() != "—"  # its last bundle received
    table.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # the latest received first
    assert table.item(0, 0).text() == "Xã Bình Lư"
    table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    assert [table.item(r, 3).text() for r in range(2)] == ["8", "3"]
    table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    # No editing of commune data: no import, no new household, no edit buttons.
    assert not page.import_button.isVisible()
    assert not window.new_household_action.isEnabled()
    assert not window.import_action.isEnabled()
    households = window.household_page
    assert households.read_only and not households.new_button.isVisible()
    assert not window.check_in_action.isEnabled()
    ledger = window.places.page("movements")
    assert ledger.new_button.isHidden() and ledger.new_tip_button.isHidden()  # type: ignore[attr-defined]
    assert ledger.read_only  # type: ignore[attr-defined]  # Enter opens a movement, a tip to read
    assert window.pledge_page.check_in_box.isHidden() and window.pledge_page.print_button.isHidden()
    hamlet_box = window.settings_page.hamlet_editor.parentWidget()
    assert hamlet_box is not None and hamlet_box.isHidden()
    # Hamlets of many communes are told apart by their commune.
    combo = households.hamlet_combo
    labels = [combo.itemText(i) for i in range(1, combo.count())]
    assert "Bản Bình Lư (Bình Lư)" in labels and "Thôn 2 (Sìn Hồ)" in labels
    # The search reaches every commune.
    with opened(other, other_folder) as reg:
        wanted = reg.db.execute("SELECT id, code FROM household ORDER BY code").fetchone()
    qtbot.keyClicks(page.communes.search, wanted[1])
    qtbot.keyClick(page.communes.search, Qt.Key.Key_Return)
    assert window.places.current_key() == "households"
    assert households.search_box.text() == wanted[1]
    qtbot.waitUntil(lambda: households.model.row_of(wanted[0]) is not None)
    buttons = [b.text() for b in page.findChildren(QPushButton) if b.isVisible()]
    assert "Nhập danh sách… (Ctrl+I)" not in buttons


def test_exporting_sample_data_says_that_no_real_register_takes_it(
    main_window: OpenWindow, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo = (tmp_path / "thu.sqlite3", tmp_path / "demo-data")
    with as_pc(demo[1]):
        create_demo_register(demo[0], households=4, seed=2)
    window = _window_as(main_window, monkeypatch, demo)
    sent = window.exchange_page.transfer
    out = tmp_path / "thu.camket"
    sent.export_to(out)
    qtbot.waitUntil(lambda: "thu.camket" in sent.export_result.text())
    assert "dữ liệu mẫu" in sent.export_result.text() and "sổ thật của xã sẽ từ chối" in (
        sent.export_result.text()
    )


def test_a_copy_of_the_register_on_the_same_pc_brings_its_edit_as_a_conflict_to_review(
    main_window: OpenWindow,
    two_pcs: dict[str, tuple[Path, Path]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    office, pc = two_pcs["office"]
    copy = tmp_path / "ban-sao" / office.name  # copied in the file manager, on the same PC
    copy.parent.mkdir()
    shutil.copyfile(office, copy)
    household_id, code = _first_household(office, pc)
    _edit(copy, pc, household_id, address="Bản sao ghi")
    for address in ("Văn phòng ghi", "Văn phòng ghi lại"):  # the register is edited more
        _edit(office, pc, household_id, address=address)
    with opened(copy, pc) as reg:
        export_bundle(reg, tmp_path / "copy.camket")
    with opened(office, pc) as reg:
        assert merge_bundle(reg, tmp_path / "copy.camket").total("conflicts") == 1

    window = _window_as(main_window, monkeypatch, two_pcs["office"])
    page = window.exchange_page
    assert page.tabs.tabText(page.tabs.indexOf(page.conflicts)) == "Xung đột (1)"
    page.show_conflicts()
    view = page.conflicts
    assert view.list.count() == 1 and code in view.list.item(0).text()
    rows = {view.fields.item(r, 0).text(): r for r in range(view.fields.rowCount())}
    assert set(rows) == {"Địa chỉ"}
    line = rows["Địa chỉ"]
    shown = [view.fields.cellWidget(line, column).text() for column in (1, 2)]
    assert sorted(shown) == ["Bản sao ghi", "Văn phòng ghi lại"]


def test_saves_on_other_pages_leave_the_conflicts_unread_until_the_page_is_shown(
    main_window: OpenWindow,
    two_pcs: dict[str, tuple[Path, Path]],
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With thousands of conflicts waiting, reading them after every save or scan froze the
    window for a second: the page reads them when it is shown, and shows what changed."""
    from desktop.services.conflicts import keep_version, open_conflicts
    from desktop.ui import conflict_view
    from desktop.ui.tasks import Task

    household_id, _code = _first_household(*two_pcs["office"])
    _edit(*two_pcs["office"], household_id, address="Văn phòng ghi")
    _edit(*two_pcs["laptop"], household_id, address="Máy xách tay ghi")
    with opened(*two_pcs["laptop"]) as reg:
        export_bundle(reg, tmp_path / "laptop.camket")
    with opened(*two_pcs["office"]) as reg:
        assert merge_bundle(reg, tmp_path / "laptop.camket").total("conflicts") == 1
    window = _window_as(main_window, monkeypatch, two_pcs["office"])
    page = window.exchange_page
    assert page.tabs.tabText(page.tabs.indexOf(page.conflicts)) == "Xung đột (1)"
    window.show_place("households")
    reads: list[int] = []

    def counted(db: object) -> object:
        reads.append(1)
        return open_conflicts(db)  # type: ignore[arg-type]

    monkeypatch.setattr(conflict_view, "open_conflicts", counted)

    def settle(reg: object, _progress: object, _cancelled: object) -> None:
        (conflict,) = open_conflicts(reg.db)  # type: ignore[attr-defined]
        keep_version(reg, conflict, "other")  # type: ignore[arg-type]

    window.tasks.submit(Task("settle", settle, edit=True))
    qtbot.waitUntil(_done(window))
    assert reads == []  # nothing read for a page out of view
    window.show_place("exchange")
    assert reads and page.tabs.tabText(page.tabs.indexOf(page.conflicts)) == "Xung đột"
    assert page.conflicts.heading.text() == "Không có xung đột nào đang chờ."


def test_a_receivers_key_file_pasted_as_windows_copies_a_path_encrypts_the_bundle(
    main_window: OpenWindow,
    two_pcs: dict[str, tuple[Path, Path]],
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Explorer's "Copy as path" gives "C:\\…\\khoa.txt" in double quotes: pasted under
    "Encrypt for", the bundle is sealed for that register (before: the key file was not
    found, its name taken with the quotes)."""
    from desktop.services.bundles import register_keys

    with opened(*two_pcs["laptop"]) as reg:
        recipient = register_keys(reg).age_recipient
    key = tmp_path / "khoa may xach tay.txt"
    key.write_text(f"age recipient: {recipient}\n", encoding="utf-8")
    window = _window_as(main_window, monkeypatch, two_pcs["office"])
    sent = window.exchange_page.transfer
    sent.key_file.setText(f'"{key}"')
    out = tmp_path / "sin-ho.camket"
    sent.export_to(out)
    qtbot.waitUntil(_done(window))
    assert out.read_bytes().startswith(b"age-encryption.org/v1"), sent.export_result.text()
    with opened(*two_pcs["laptop"]) as reg:
        assert merge_bundle(reg, out).refused is None


def test_the_household_shows_its_pledge_recorded_otherwise_on_another_pc_waiting(
    main_window: OpenWindow,
    two_pcs: dict[str, tuple[Path, Path]],
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The laptop records a refusal at the house while the office records the sheet that
    came back signed (or reprints it): one version is shown, the other waits. The household's
    pledge box said only the state shown, nothing of the other PC's result waiting."""
    household_id, code = _first_household(*two_pcs["office"])
    _signed_here_refused_there(two_pcs, tmp_path, code)
    window = _window_as(main_window, monkeypatch, two_pcs["office"])
    window.open_household(household_id)
    box = window.household_page.pledge_box
    qtbot.waitUntil(lambda: box.household_id == household_id)
    assert box.waiting.isVisible() and "Một máy khác" in box.waiting.text()
    assert box.review_button.isVisible()
    qtbot.mouseClick(box.review_button, Qt.MouseButton.LeftButton)
    page = window.exchange_page
    assert window.places.current_key() == "exchange" and page.tabs.currentWidget() is page.conflicts
    assert code in page.conflicts.list.currentItem().text()
    other = window.household_page  # a household with nothing waiting shows no such line
    second = next(h for h in _households(*two_pcs["office"]) if h != household_id)
    window.open_household(second)
    qtbot.waitUntil(lambda: other.pledge_box.household_id == second)
    assert not other.pledge_box.waiting.isVisible()


def _households(path: Path, folder: Path) -> list[str]:
    with opened(path, folder) as reg:
        return [str(r[0]) for r in reg.db.execute("SELECT id FROM household ORDER BY code")]


def test_a_moment_in_a_conflict_reads_as_a_day_and_a_time(small_register: SmallRegister) -> None:
    """A pledge printed on both PCs at other times: "In lúc" showed the stored UTC text
    (2026-12-06T00:13:15.202Z) where `camket conflicts` says 06/12/2026 00:13."""
    import datetime as dt

    from desktop.services.register import open_existing
    from desktop.ui.conflict_view import value_text

    stored = "2026-12-06T00:13:15.202Z"
    moment = dt.datetime(2026, 12, 6, 0, 13, 15, 202000, tzinfo=dt.UTC).astimezone()
    register = open_existing(small_register.path)
    try:
        shown = value_text(register.db, "printed_at", stored, "pledge")
    finally:
        register.close()
    assert shown == moment.strftime("%d/%m/%Y %H:%M")


def test_a_household_deleted_on_one_pc_and_added_to_on_the_other_is_restored_in_the_window(
    main_window: OpenWindow,
    two_pcs: dict[str, tuple[Path, Path]],
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    household_id, code, count = deleted_on_office_added_on_laptop(tmp_path, two_pcs)

    window = _window_as(main_window, monkeypatch, two_pcs["office"])
    page = window.exchange_page
    assert page.tabs.tabText(page.tabs.indexOf(page.conflicts)) == "Xung đột (1)"
    page.show_conflicts()
    view = page.conflicts
    assert view.half_list.count() == 1
    assert code in view.half_list.item(0).text() and "Lò Thị Mới" in view.half_list.item(0).text()
    assert view.restore_half.text() == "Khôi phục hộ"
    qtbot.mouseClick(view.restore_half, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.half_list.count() == 0)
    assert not view.half_list.isVisibleTo(view)
    with opened(*two_pcs["office"]) as reg:
        names = [p.full_name for p in repo.members(reg.db, household_id)]
    assert len(names) == count + 1 and "Lò Thị Mới" in names
    assert page.tabs.tabText(page.tabs.indexOf(page.conflicts)) == "Xung đột"


def test_two_moments_of_one_minute_in_a_conflict_are_told_apart_by_their_seconds(
    main_window: OpenWindow,
    two_pcs: dict[str, tuple[Path, Path]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The sheet printed on both PCs within one minute: "In lúc" showed the same words in
    both columns, a choice between two identical-looking values."""
    household_id, _code = _first_household(*two_pcs["office"])
    for pc, at in (("office", "2026-12-06T00:13:15.202Z"), ("laptop", "2026-12-06T00:13:10.979Z")):
        with opened(*two_pcs[pc]) as reg:
            (pledge_id,) = reg.db.execute(
                "SELECT id FROM pledge WHERE household_id = ?", [household_id]
            ).fetchone()
            reg.writer.update("pledge", pledge_id, {"printed_at": at})
    with opened(*two_pcs["laptop"]) as reg:
        export_bundle(reg, tmp_path / "laptop.camket")
    with opened(*two_pcs["office"]) as reg:
        assert merge_bundle(reg, tmp_path / "laptop.camket").total("conflicts") == 1
    window = _window_as(main_window, monkeypatch, two_pcs["office"])
    page = window.exchange_page
    page.show_conflicts()
    view = page.conflicts
    (line,) = [
        r for r in range(view.fields.rowCount()) if view.fields.item(r, 0).text() == "In lúc"
    ]
    shown = {view.fields.cellWidget(line, c).text() for c in (1, 2)}
    assert len(shown) == 2 and all(text.count(":") == 2 for text in shown)


def test_a_screenshot_of_the_exchange_place_shows_the_registers_key(
    main_window: Callable[..., MainWindow],
    small_register: SmallRegister,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The README's picture of Trao đổi dữ liệu: the keys come off the task lane; before,
    `camket --screenshot --page N` grabbed the box empty."""
    import time

    from desktop.ui import exchange_transfer
    from desktop.ui.screenshot import save_screenshot

    read = exchange_transfer.register_keys

    def slowly(register: object) -> object:  # a busy disk: the age key is written first
        time.sleep(0.5)
        return read(register)  # type: ignore[arg-type]

    monkeypatch.setattr(exchange_transfer, "register_keys", slowly)
    window = main_window(small_register.path, place=None)
    places = window.places
    page = next(n for n in places.shortcuts() if places.key_of_shortcut(n) == "exchange")
    save_screenshot(window, tmp_path / "exchange.png", 1366, 768, page)
    assert window.exchange_page.transfer.recipient.text().startswith("age1")


def test_the_conflicts_heading_stands_apart_from_the_lists_title(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    """Before, ~5 px (the splitter's handle) parted "Xung đột (hai máy cùng sửa một dòng):"
    from "Không có xung đột…": they read as one sentence."""
    from PySide6.QtCore import QPoint

    window = main_window(small_register.path, place="exchange")
    page = window.exchange_page
    page.show_conflicts()
    view = page.conflicts
    qtbot.waitUntil(lambda: view.heading.mapTo(view, QPoint(0, 0)).x() > view.list.width())
    list_right = view.list.mapTo(view, QPoint(view.list.width(), 0)).x()
    assert view.heading.mapTo(view, QPoint(0, 0)).x() - list_right >= 12


def _signed_here_refused_there(
    two_pcs: dict[str, tuple[Path, Path]], tmp_path: Path, code: str
) -> None:
    """The office records household ``code`` signed, the laptop refused; the laptop's bundle
    merged into the office leaves one pledge conflict there."""
    for pc, result in (
        ("office", ["--on", "04/12/2026"]),
        ("laptop", ["--on", "03/12/2026", "--status", "refused", "--reason", "không đồng ý"]),
    ):
        with as_pc(two_pcs[pc][1]):
            assert main(["sign", "--db", str(two_pcs[pc][0]), code, *result]) == 0
    with opened(*two_pcs["laptop"]) as reg:
        export_bundle(reg, tmp_path / "laptop.camket")
    with opened(*two_pcs["office"]) as reg:
        assert merge_bundle(reg, tmp_path / "laptop.camket").total("conflicts") == 1


def test_an_upper_registers_communes_sort_by_name_in_vietnamese_order(
    main_window: OpenWindow, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before, the name column sorted by code point and by the whole name: Phường Đoàn Kết
    came first (P before X), Xã Bình Lư before Xã Bản Bo (ì before ả). Now by the name
    without its kind, as a Vietnamese list reads: Bản Bo, Bình Lư, Dào San, Đoàn Kết."""
    post = (tmp_path / "post.sqlite3", tmp_path / "post-data")
    with as_pc(post[1]):
        create_upper_register(post[0], "Đồn Biên phòng Sìn Hồ", "12")
    for code in ("03388", "03390", "03424", "03571"):  # Đoàn Kết, Bình Lư, Bản Bo, Dào San
        path, folder = tmp_path / f"{code}.sqlite3", tmp_path / f"{code}-data"
        with as_pc(folder):
            create_register(path, code, ["Bản 1"])
        with opened(path, folder) as reg:
            populate_demo(reg, 1, seed=int(code))
            export_bundle(reg, tmp_path / f"{code}.camket")
        with opened(*post) as reg:
            assert merge_bundle(reg, tmp_path / f"{code}.camket").refused is None
    monkeypatch.setenv("CAMKET_DATA_DIR", str(post[1]))
    window = main_window(post[0], size=(1024, 768), place=None)
    communes = window.exchange_page.communes
    assert communes is not None
    qtbot.waitUntil(lambda: communes.loaded)
    table = communes.table
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    names = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert names == ["Xã Bản Bo", "Xã Bình Lư", "Xã Dào San", "Phường Đoàn Kết"]
    table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert table.item(0, 0).text() == "Phường Đoàn Kết"


def test_a_fresh_pcs_hamlets_typed_again_give_way_to_the_offices_in_the_window(
    main_window: OpenWindow,
    two_pcs: dict[str, tuple[Path, Path]],
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A PC set up through the wizard with the commune's hamlets typed (no household yet)
    merges the office's bundle: the merge's line says its own empty "Bản Nậm Tăm" gave way
    to the office's, and the register lists the village once."""
    fresh = (tmp_path / "fresh.sqlite3", tmp_path / "fresh-data")
    with as_pc(fresh[1]):
        create_register(fresh[0], SIN_HO, ["Bản Nậm Tăm"])
    window = _window_as(main_window, monkeypatch, fresh)
    received = window.exchange_page
    first = tmp_path / "first.camket"
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a, **_k: ([str(first)], ""))
    transfer = received.transfer
    qtbot.mouseClick(transfer.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: transfer.trust_question is not None)  # the office, never met
    qtbot.mouseClick(transfer.trust_question.trust_button, Qt.MouseButton.LeftButton)
    results = transfer.results
    qtbot.waitUntil(lambda: results.rowCount() == 1)
    said = results.item(0, 1).text()
    assert "Các thôn của sổ này chưa có hộ mà tệp cũng có" in said and "Bản Nậm Tăm" in said
    with opened(*fresh) as reg:
        names = [name for (name,) in reg.db.execute("SELECT name FROM hamlet WHERE deleted = 0")]
    assert sorted(names) == ["Bản Nậm Tăm", "Thôn 2"]
    window.close()
