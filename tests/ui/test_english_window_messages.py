"""The English window words each family of known errors in English, reached as a clerk
reaches them: a damaged bundle merged on Data exchange, a campaign dated backwards, …
(desktop/messages_en.py; tests/unit/test_english_messages.py holds every id to it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from desktop.domain.movements import Movement, MovementKind
from desktop.domain.pledges import PledgeStatus
from desktop.services import ledger
from desktop.services import pledges as service
from desktop.services.bundles import export_bundle
from desktop.services.campaigns import start_campaign
from desktop.services.demo import populate_demo
from desktop.services.register import create_from_bundle, create_register, open_existing
from desktop.store.pledges import get_template
from desktop.ui.ledger_page import LedgerPage
from desktop.ui.main_window import MainWindow
from desktop.ui.translations import install_translators
from tests.ui.conftest import SmallRegister, settled
from tests.ui.test_campaigns_dialog import open_dialog
from tests.unit.exchange_helpers import (
    SIN_HO,
    as_pc,
    listed_commune_bundle,
    opened,
    resign,
    upper_register_of,
    with_cell,
)

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


def merged(window: MainWindow, bundle: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> str:
    """What Data exchange says of ``bundle`` chosen with "Choose files to merge…"."""
    transfer = window.exchange_page.transfer
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a, **_k: ([str(bundle)], ""))
    qtbot.mouseClick(transfer.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: transfer.results.rowCount() == 1 and transfer.merge_button.isEnabled())
    return transfer.results.item(0, 1).text()


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
    assert merged(main_window(office, place="exchange"), cut, qtbot, monkeypatch) == (
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


def test_a_campaigns_start_moved_after_recorded_results_is_refused_in_english(
    in_english: None, main_window: OpenWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    """The households named with their days ("NT-001 on 26/11/2026"), as the dialog words
    the rest, not "NT-001 ngày …"."""
    today = dt.date.today()
    signed, later = today - dt.timedelta(days=20), today - dt.timedelta(days=10)
    register = open_existing(small_register.path)
    try:
        first = service.current_campaign(register)
        template = get_template(register.db, first.template_id, first.template_version)
        assert template is not None
        start_campaign(
            register.writer, template, title="Đợt 2", starts_on=today - dt.timedelta(days=30)
        )
        service.record_result(register, small_register.ids["NT-001"], PledgeStatus.SIGNED, signed)
    finally:
        register.close()
    window = main_window(small_register.path)
    _page, dialog = open_dialog(qtbot, window)
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    edit = dialog.edit_dialog
    assert edit is not None
    qtbot.waitExposed(edit)
    edit.starts_box.setChecked(True)
    edit.starts_edit.setDate(QDate(later.year, later.month, later.day))
    qtbot.mouseClick(edit.save_button, Qt.MouseButton.LeftButton)
    settled(qtbot, window)
    assert edit.error.text() == (
        f"The start date is not changed to {later:%d/%m/%Y}: households with a result of the"
        f" campaign before that day: 1 (NT-001 on {signed:%d/%m/%Y}). Choose a start date of"
        f" {signed:%d/%m/%Y} or earlier, or first correct those households' signing days (the"
        " Pledges page, or camket sign HOUSEHOLD_CODE --on DD/MM/YYYY)."
    )
    edit.reject()


def test_a_signing_day_before_an_undated_campaign_was_set_up_is_noted_in_english(
    in_english: None, main_window: OpenWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    window = main_window(small_register.path)
    page = window.pledge_page
    window.show_page(window.pages.indexOf(page))
    record = page.open_pledge(small_register.ids["NT-001"])
    qtbot.waitExposed(record)
    record.date_edit.setDate(QDate(1990, 1, 1))
    assert record.date_note.isVisible()
    assert record.date_note.text().startswith(
        "Note: the campaign “Toàn dân tham gia bảo vệ chủ quyền lãnh thổ, an ninh biên giới quốc"
        " gia” has no start date"
    )
    assert "the signing day 01/01/1990 is before the campaign was set up" in (
        record.date_note.text()
    )
    record.reject()


def test_an_upper_registers_progress_report_is_refused_in_english(
    in_english: None,
    main_window: OpenWindow,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    post = upper_register_of(tmp_path, [listed_commune_bundle(tmp_path, SIN_HO, "A-01")])
    said: list[str] = []
    monkeypatch.setattr(
        "desktop.ui.pledge_printing.warn", lambda _parent, _title, text: said.append(text)
    )
    with as_pc(tmp_path / "post-data"):
        window = main_window(post, place="pledges")
        page = window.pledge_page
        assert page.report_button.isEnabled()
        qtbot.mouseClick(page.report_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(said))
    assert said == [
        "An upper-level register does not print reports in the form of a commune's People's"
        " Committee; each commune's figures are exported with camket spreadsheet (--what"
        " progress, households, people…)."
    ]


def test_a_movement_kind_inside_an_english_refusal_is_named_as_the_ledger_names_it(
    in_english: None, main_window: OpenWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    """Before, "… before recording tạm vắng": the kind in Vietnamese inside English."""
    window = main_window(small_register.path)
    person_id, household_id = ledger.find_person(window.register.db, "012075001234")
    moved = dt.date.today() - dt.timedelta(days=20)
    gone = Movement(
        MovementKind.CHUYEN_DI, household_id, moved, person_id=person_id, place="Hà Nội"
    )
    ledger.add_movement(window.register, gone, dt.date.today())
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    page = window.pages.currentWidget()
    assert isinstance(page, LedgerPage)
    dialog = page.add_movement()
    dialog.kind.setCurrentIndex(dialog.kind.findData(MovementKind.TAM_VANG.value))
    dialog.person.setText("Đặng Văn Hùng")
    qtbot.keyClick(dialog.person, Qt.Key.Key_Return)  # the first hit
    dialog.starts.setText(f"{dt.date.today() - dt.timedelta(days=5):%d/%m/%Y}")
    dialog.save()
    settled(qtbot, window)
    assert dialog.error.text() == (
        f"This person moved out on {moved:%d/%m/%Y}; record the moving in (if they came back)"
        " before recording temporary absence."
    )
    dialog.reject()


def test_a_bundle_value_over_its_bound_is_named_by_row_and_field_in_english(
    in_english: None,
    main_window: OpenWindow,
    office: Path,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Before, "can-bo.camket: tables/commune.csv, dòng 2: the column clerk_name (“Cán bộ
    phụ trách sổ”) …": the row and the field's name in Vietnamese inside English."""
    full = tmp_path / "full.camket"
    with opened(office, tmp_path / "office-data") as reg:
        export_bundle(reg, full)
    laptop, laptop_data = tmp_path / "laptop.sqlite3", tmp_path / "laptop-data"
    with as_pc(laptop_data):
        create_from_bundle(laptop, full)
    long_clerk = with_cell("commune", "clerk_name", "Lò Văn Páo " * 60)
    hostile = resign(full, tmp_path / "can-bo.camket", tmp_path / "office-data", long_clerk)
    monkeypatch.setenv("CAMKET_DATA_DIR", str(laptop_data))
    assert merged(main_window(laptop, place="exchange"), hostile, qtbot, monkeypatch) == (
        "Refused: can-bo.camket: commune.csv, row 2: the column clerk_name (“Clerk keeping the"
        " register”) is 660 characters long, over the 500 the register keeps; nothing was"
        " taken from it."
    )


def test_an_export_refused_for_a_too_long_note_lists_it_in_english(
    in_english: None, main_window: OpenWindow, office: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    """Before, the list under "Not exported: …" began "  hộ NT-001: Notes: …"."""
    with opened(office, tmp_path / "office-data") as reg, reg.db.conn:
        code, household_id = reg.db.execute("SELECT code, id FROM household").fetchone()
        reg.db.execute("UPDATE household SET notes = ? WHERE id = ?", ["n" * 6000, household_id])
    window = main_window(office, place="exchange")
    sent = window.exchange_page.transfer
    out = tmp_path / "van-phong.camket"
    sent.export_to(out)
    qtbot.waitUntil(lambda: "Not exported" in sent.export_result.text())
    listed = sent.export_result.text().splitlines()[1:]
    assert len(listed) == 1 and listed[0].startswith(f"  household {code}: Notes: 6000 characters")
    assert not out.exists()
