"""An upper-level register's window names every hamlet with its commune (Tổng quan, Cam kết,
the household list and its detail) and calls its total row all communes, not "Toàn xã"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.cli import main
from desktop.ui.main_window import MainWindow
from desktop.ui.overview_page import OverviewPage
from tests.ui.conftest import settled
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
        # Codes may repeat between communes: each household with its hamlet and commune.
        assert sorted(_column(page.unsigned_model, 5)) == [
            "Bản Nậm Tăm (Sìn Hồ)",
            "Thôn 2 (Bình Lư)",
        ]
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


def test_an_upper_register_chooses_the_campaign_it_counts_in_the_window(
    qtbot: QtBot, main_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    bundles = [
        listed_commune_bundle(tmp_path, SIN_HO, "A-01"),
        listed_commune_bundle(tmp_path, BINH_LU, "B-01"),
    ]
    post, post_pc = tmp_path / "post.sqlite3", tmp_path / "post-data"
    with as_pc(post_pc):  # merged, but no campaign chosen on this PC yet
        assert main(["init", "--db", str(post), "--upper", "--province", "12"]) == 0
        assert main(["merge", "--db", str(post), *map(str, bundles)]) == 0
        window = main_window(post, place="pledges")
        page = window.pledge_page
        assert page.campaign_label.text() == (
            "Sổ chưa có đợt cam kết nào đang thực hiện. Chọn đợt của một xã bằng nút"
            " Đợt cam kết… (Ctrl+D)."
        )
        assert page.progress_model.rowCount() == 0  # no "Toàn bộ các xã" row of zeros
        # Nothing to report before a campaign is chosen (pressed, they said the line again).
        assert not page.report_button.isEnabled() and not page.unsigned_button.isEnabled()
        assert page.campaigns_button.isVisible()
        # Nothing to check in here: neither the box nor its label, nor the import button.
        assert page.check_in_label.isHidden() and page.check_in_box.isHidden()
        assert window.import_button.isHidden()
        window.show_place("overview")
        overview = window.pages.currentWidget()
        assert isinstance(overview, OverviewPage)
        qtbot.waitUntil(lambda: overview.counted)
        assert overview.campaign.text() == (
            "Chưa có đợt cam kết đang thực hiện: chọn một đợt ở trang Cam kết (Ctrl+3)."
        )
        assert overview.progress_view.isHidden() and overview.progress_model.rowCount() == 0
        window.show_place("pledges")
        qtbot.keyClick(page, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
        dialog = page.campaigns_dialog
        assert dialog is not None and not dialog.new_box.isVisible()  # no commune's to start
        assert not dialog.edit_button.isVisible()  # nor to correct
        titles = [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]
        assert sorted(t.rsplit(" (", 1)[1] for t in titles) == ["Bình Lư)", "Sìn Hồ)"]
        dialog.table.selectRow(0)
        qtbot.mouseClick(dialog.current_button, Qt.MouseButton.LeftButton)
        settled(qtbot, window)
        qtbot.waitUntil(lambda: page.progress_model.rowCount() == 5)
        assert page.progress_model.index(4, 0).data() == "Toàn bộ các xã"
        assert page.report_button.isEnabled() and page.unsigned_button.isEnabled()
        assert page.progress_model.index(4, 2).data() == "2"  # each commune's own campaign
        # A sheet is the commune's, printed and signed there: no print button, and Ctrl+P
        # opens no print dialog (its sheets read the register's name for the commune's).
        assert page.print_button.isHidden()
        dialog.reject()
        window.activateWindow()
        page.progress_view.setFocus()
        qtbot.keyClick(page.progress_view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
        QApplication.processEvents()
        assert page.print_dialog is None


def test_a_screenshot_of_an_upper_register_shows_its_communes_counted(
    main_window: Callable[..., MainWindow], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from desktop.ui import exchange_communes
    from desktop.ui.screenshot import save_screenshot

    counted = exchange_communes.commune_summaries

    def as_a_province(db: object) -> object:  # its millions of people take a while
        time.sleep(0.5)
        return counted(db)  # type: ignore[arg-type]

    monkeypatch.setattr(exchange_communes, "commune_summaries", as_a_province)
    bundles = [
        listed_commune_bundle(tmp_path, SIN_HO, "A-01"),
        listed_commune_bundle(tmp_path, BINH_LU, "B-01"),
    ]
    post = upper_register_of(tmp_path, bundles)
    with as_pc(tmp_path / "post-data"):
        window = main_window(post, place=None)
        save_screenshot(window, tmp_path / "upper.png", 1366, 768)  # opens on its communes
        communes = window.exchange_page.communes
        assert communes is not None and communes.table.rowCount() == 2
        assert communes.table.item(0, 0).text() == "Xã Bình Lư"


def test_an_upper_register_with_no_campaign_chosen_says_so_in_the_windows_language(
    qapp: QApplication, main_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    """Before, the English window's Pledges page began with the Vietnamese of the command's
    error ("Sổ chưa có đợt cam kết nào đang thực hiện. Choose one of the communes'
    campaigns…"), where Overview says it in English."""
    from desktop.ui.translations import install_translators

    bundle = listed_commune_bundle(tmp_path, SIN_HO, "A-01")
    post = tmp_path / "post.sqlite3"
    with as_pc(tmp_path / "post-data"):
        assert main(["init", "--db", str(post), "--upper"]) == 0
        assert main(["merge", "--db", str(post), str(bundle)]) == 0
        for language, said in (
            ("vi", "Sổ chưa có đợt cam kết nào đang thực hiện. Chọn đợt"),
            ("en", "No pledge campaign is current in this register. Choose one"),
        ):
            install_translators(qapp, language)
            window = main_window(post, place="pledges")
            assert window.pledge_page.campaign_label.text().startswith(said)


def test_an_upper_registers_household_shows_its_own_communes_pledge_and_no_edit_buttons(
    qtbot: QtBot, main_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    """Each commune signs in its own campaign of the movement: before, a household of the
    commune whose campaign was not the one chosen showed "Chưa in" though it signed (its
    pledge looked up in the other commune's campaign), and the box offered "In phiếu" and
    "Ghi kết quả…", whose form the upper register then refused to save."""
    bundles = [
        listed_commune_bundle(tmp_path, SIN_HO, "A-01"),
        listed_commune_bundle(tmp_path, BINH_LU, "B-01"),
    ]
    post = upper_register_of(tmp_path, bundles)
    with as_pc(tmp_path / "post-data"):
        window = main_window(post)
        households = window.household_page
        box = households.pledge_box
        for row in range(households.model.rowCount()):
            code = households.model.index(row, 0).data()
            households.detail.show_household(households.model.household_id(row) or "")
            signed = box.state.text().startswith("Đã ký ngày 01/12/2026")
            assert signed == (code in ("A-01", "B-01")), code
            assert box.print_button.isHidden() and box.record_button.isHidden()


def test_an_upper_registers_reminders_name_each_households_commune(
    qtbot: QtBot,
    main_window: Callable[..., MainWindow],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Two communes each have their household A-01, each with someone away for over a year:
    before, Tổng quan and `camket reminders` of the post's register listed "A-01" twice,
    with no word of which commune's."""
    import json

    from tests.unit.exchange_helpers import LIST_HEADER

    bundles = []
    for code, id_number in ((SIN_HO, "012070000111"), (BINH_LU, "012065000222")):
        db, listing = str(tmp_path / f"{code}.sqlite3"), tmp_path / f"{code}.csv"
        listing.write_text(
            LIST_HEADER + f"Thôn 1,A-01,Lò Văn Páo,Chủ hộ,1970,Nam,{id_number}\n", encoding="utf-8"
        )
        bundles.append(tmp_path / f"{code}.camket")
        with as_pc(tmp_path / f"{code}-data"):
            assert main(["init", "--db", db, "--commune", code]) == 0
            assert main(["import", "--db", db, str(listing)]) == 0
            away = ["--kind", "tam-vang", "--person", id_number, "--from", "01/03/2025"]
            assert main(["movement", "add", "--db", db, *away, "--place", "Hà Nội"]) == 0
            assert main(["export", "--db", db, "--out", str(bundles[-1])]) == 0
    post = upper_register_of(tmp_path, bundles)
    with as_pc(tmp_path / "post-data"):
        capsys.readouterr()
        assert main(["reminders", "--db", str(post), "--on", "06/12/2026", "--json"]) == 0
        items = json.loads(capsys.readouterr().out)
        away_items = [i for i in items if i["reason"] == "tam_vang_qua_12_thang"]
        assert sorted((i["household_code"], i["commune_code"]) for i in away_items) == [
            ("A-01", BINH_LU),
            ("A-01", SIN_HO),
        ]
        window = main_window(post, place="overview")
        overview = window.pages.currentWidget()
        assert isinstance(overview, OverviewPage)
        qtbot.waitUntil(lambda: overview.counted)
        model = overview.reminder_model
        shown = [model.index(r, 3).data() for r in range(model.rowCount())]
        assert sorted(s for s in shown if s.startswith("A-01")) == [
            "A-01 (Bình Lư)",
            "A-01 (Sìn Hồ)",
        ]


def test_an_empty_upper_register_points_to_the_merge_not_to_adding_households(
    main_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    """Before, the empty household list of a new upper register offered "Thêm hộ (Ctrl+N)",
    which did nothing, and "Nhập danh sách (Ctrl+I)", which opened the import wizard over a
    register that edits no commune's households (its menu's import is off)."""
    post = tmp_path / "post.sqlite3"
    with as_pc(tmp_path / "post-data"):
        assert main(["init", "--db", str(post), "--upper"]) == 0
    window = main_window(post)
    empty = window.household_page.empty
    assert window.household_page.list_stack.currentWidget() is empty
    assert not empty.add_button.isVisible()
    assert not empty.import_button.isVisible()
    assert "Trao đổi dữ liệu (Ctrl+5)" in empty.message.text()
    empty.exchange_button.click()
    assert window.places.current_key() == "exchange"


def test_an_empty_upper_register_opens_on_how_to_merge_the_communes_bundles(
    qtbot: QtBot, main_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    """Before, a new upper register opened on an empty table of communes and "0 xã, 0 hộ",
    with nothing to say that the communes' bundles are merged on the next tab."""
    post = tmp_path / "post.sqlite3"
    with as_pc(tmp_path / "post-data"):
        assert main(["init", "--db", str(post), "--upper"]) == 0
    window = main_window(post, size=(1024, 768), place=None)
    communes = window.exchange_page.communes
    assert communes is not None and window.exchange_page.tabs.currentWidget() is communes
    qtbot.waitUntil(lambda: communes.loaded)
    assert communes.empty_hint.isVisible()
    assert communes.empty_hint.text() == (
        "Chưa gộp tệp của xã nào: ở thẻ Gửi và nhận, bấm “Chọn tệp để gộp…” rồi chọn các tệp"
        " .camket các xã gửi lên."
    )


def test_an_empty_upper_registers_pledges_say_to_merge_before_choosing_a_campaign(
    main_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    """Before: "Chọn một đợt của các xã ở Đợt cam kết… (Ctrl+D)" while no commune was
    merged, the dialog empty: nothing to choose yet."""
    post = tmp_path / "post.sqlite3"
    with as_pc(tmp_path / "post-data"):
        assert main(["init", "--db", str(post), "--upper"]) == 0
    window = main_window(post, place="pledges")
    assert "Trao đổi dữ liệu, Ctrl+5" in window.pledge_page.campaign_label.text()


def test_a_new_upper_registers_overview_says_to_merge_the_communes_bundles_first(
    qtbot: QtBot, main_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    """Before, it sent the post to the Pledges page to choose a campaign, of which there was
    none: no commune had been merged yet."""
    post = tmp_path / "post.sqlite3"
    with as_pc(tmp_path / "post-data"):
        assert main(["init", "--db", str(post), "--upper"]) == 0
        window = main_window(post, place="overview")
        overview = window.places.page("overview")
        assert isinstance(overview, OverviewPage)
        qtbot.waitUntil(lambda: overview.counted)
        assert overview.campaign.text().startswith("Chưa gộp tệp của xã nào")
        assert "Trao đổi dữ liệu (Ctrl+5)" in overview.campaign.text()


def test_an_empty_upper_registers_pledge_tables_show_every_heading_whole_at_1024_in_english(
    qtbot: QtBot, main_window: Callable[..., MainWindow], tmp_path: Path, qapp: QApplication
) -> None:
    """Before, with no campaign (no commune merged yet) the hamlets' table kept Qt's 100 px
    per column: "Printed, not back" read "Printed, not bac" on a 1024 px screen."""
    from desktop.ui.translations import install_translators

    post = tmp_path / "post.sqlite3"
    with as_pc(tmp_path / "post-data"):
        assert main(["init", "--db", str(post), "--upper", "--province", "12"]) == 0
        install_translators(qapp, "en")
        try:
            window = main_window(post, size=(1024, 768), place="pledges")
            page = window.pledge_page
            for view in (page.progress_view, page.unsigned_view):
                header = view.horizontalHeader()
                cut = [
                    view.model().headerData(c, Qt.Orientation.Horizontal)
                    for c in range(header.count())
                    if header.sectionSize(c) < header.sectionSizeHint(c)
                ]
                assert cut == []
                assert header.length() <= view.viewport().width()
        finally:
            install_translators(qapp, "vi")


def test_an_upper_registers_reminders_show_each_household_with_its_commune_whole(
    qtbot: QtBot, main_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    """Before, the household column kept the width of "NH-00000" in an upper register too:
    "TV-0074 (Sin Suối Hồ)" read "TV-0074 (Sin Suối …" on two lines, and two communes' TV-0074
    could not be told apart at a glance."""
    import datetime as dt

    from desktop.domain.presence import ReminderReason
    from desktop.store.reminders import Reminder

    post = tmp_path / "post.sqlite3"
    with as_pc(tmp_path / "post-data"):
        assert main(["init", "--db", str(post), "--upper", "--province", "12"]) == 0
        window = main_window(post, size=(1024, 768), place="overview")
        overview = window.pages.currentWidget()
        assert isinstance(overview, OverviewPage)
        qtbot.waitUntil(lambda: overview.counted)
        reminder = Reminder(
            reason=ReminderReason.LUU_TRU_QUA_HAN,
            due=dt.date(2026, 11, 21),
            movement_id="m",
            person_id="p",
            full_name="Trần Hải Long",
            household_code="TV-0074",
            commune_name="Sin Suối Hồ",
        )
        overview.reminder_model.set_records([reminder])
        view = overview.reminders
        label = "TV-0074 (Sin Suối Hồ)"
        assert view.model().index(0, 3).data() == label
        needed = view.fontMetrics().horizontalAdvance(label)
        assert view.horizontalHeader().sectionSize(3) >= needed + 8
