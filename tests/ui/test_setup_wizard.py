"""The first-run wizard as a clerk drives it: filter without marks, pick, add hamlets, finish."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWizard
from pytestqt.qtbot import QtBot

from desktop import app
from desktop.domain.entities import HamletKind
from desktop.services.demo import create_demo_register
from desktop.services.pledges import current_campaign
from desktop.services.register import OpenRegister, open_existing
from desktop.store.households import list_hamlets
from desktop.store.local import is_sample
from desktop.store.search import household_ids
from desktop.ui import first_run
from desktop.ui.first_run import (
    CAMPAIGN,
    COMMUNE,
    HAMLETS,
    KEEPERS,
    START,
    SUMMARY,
    SetupWizard,
)
from desktop.ui.main_window import MainWindow
from desktop.userdata import default_register_path, sample_register_path
from tests.ui.conftest import SmallRegister


@pytest.fixture
def wizard(qtbot: QtBot, tmp_path: Path) -> SetupWizard:
    shown = SetupWizard(tmp_path / "camket.sqlite3")
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def press_enter(qtbot: QtBot, wizard: SetupWizard) -> None:
    focused = QApplication.focusWidget()
    qtbot.keyClick(focused if focused is not None else wizard, Qt.Key.Key_Return)


def choose_sop_cop(qtbot: QtBot, wizard: SetupWizard) -> None:
    page = wizard.commune_page
    assert not page.isComplete()  # nothing is chosen for the clerk
    qtbot.keyClicks(page.provinces.filter, "son la")
    assert page.chosen_province() is not None
    assert page.chosen_province().name == "Sơn La"  # type: ignore[union-attr]
    qtbot.keyClick(page.provinces.filter, Qt.Key.Key_Return)  # on to the commune filter
    qtbot.keyClicks(page.communes.filter, "sop cop")
    assert page.chosen_commune().name == "Xã Sốp Cộp"  # type: ignore[union-attr]
    assert page.isComplete()


def test_a_clerk_sets_up_the_register_and_the_window_opens_on_it(
    qtbot: QtBot, wizard: SetupWizard, main_window: Callable[..., MainWindow]
) -> None:
    assert wizard.currentId() == START
    press_enter(qtbot, wizard)  # "create the register of my commune" is the default
    assert wizard.currentId() == COMMUNE
    choose_sop_cop(qtbot, wizard)
    assert wizard.commune_page.communes.filter.hasFocus()
    press_enter(qtbot, wizard)
    assert wizard.currentId() == HAMLETS

    editor = wizard.hamlet_page.editor
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    editor.name.insert("Bản Nà Khi")
    assert editor.kind.currentData() == HamletKind.BAN  # read off the name
    editor.head.insert("Lò Văn Pọm")
    qtbot.keyClick(editor.head, Qt.Key.Key_Return)  # adds, and stays on the page
    assert wizard.currentId() == HAMLETS
    assert editor.name.hasFocus() and editor.name.text() == ""
    editor.name.insert("Tổ dân phố 2")
    qtbot.keyClick(editor.border, Qt.Key.Key_Space)  # not a border hamlet
    qtbot.keyClick(editor.name, Qt.Key.Key_Return)
    assert editor.table.rowCount() == 2
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == KEEPERS

    keepers = wizard.keepers_page
    keepers.clerk.insert("Lò Thị Hoa")
    keepers.post.insert("Đồn Biên phòng Sốp Cộp")
    keepers.officer.insert("Thiếu tá Vì Văn Xôm")
    press_enter(qtbot, wizard)
    assert wizard.currentId() == CAMPAIGN
    campaign = wizard.campaign_page
    chosen = campaign.chosen_template()
    assert chosen is not None and chosen.template_id == "bien-gioi"  # the lasting one
    titles = [campaign.template_list.item(i).text() for i in range(campaign.template_list.count())]
    assert any(
        t.startswith("Toàn dân tham gia bảo vệ chủ quyền lãnh thổ, an ninh biên giới quốc gia")
        for t in titles
    )
    campaign.target_spin.setValue(95)
    press_enter(qtbot, wizard)
    assert wizard.currentId() == SUMMARY
    summary = wizard.summary_page.summary.text()
    assert "Xã Sốp Cộp, Sơn La" in summary and "Bản Nà Khi" in summary
    assert "Lò Thị Hoa" in summary
    assert "an ninh biên giới quốc gia" in summary and "chỉ tiêu 95 %" in summary

    press_enter(qtbot, wizard)  # Finish
    assert wizard.result() == QWizard.DialogCode.Accepted and wizard.created
    window = main_window(wizard.path)
    assert "Xã Sốp Cộp, Sơn La" in window.windowTitle()
    combo = window.household_page.hamlet_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Tất cả thôn/bản",
        "Bản Nà Khi",
        "Tổ dân phố 2",
    ]
    register = window.register
    hamlets = {h.name: h for h in list_hamlets(register.db)}
    assert hamlets["Bản Nà Khi"].head_name == "Lò Văn Pọm"
    assert hamlets["Bản Nà Khi"].is_border and not hamlets["Tổ dân phố 2"].is_border
    assert hamlets["Tổ dân phố 2"].kind == HamletKind.TO_DAN_PHO
    assert register.commune.border_officer == "Thiếu tá Vì Văn Xôm"
    first = current_campaign(register)
    assert (first.template_id, first.target_percent) == ("bien-gioi", 95)


def test_the_campaign_page_shows_a_sample_sheet_of_the_chosen_template(
    qtbot: QtBot, wizard: SetupWizard
) -> None:
    wizard.next()
    choose_sop_cop(qtbot, wizard)
    wizard.next()
    wizard.hamlet_page.editor.name.insert("Thôn 1")
    wizard.next()
    wizard.keepers_page.post.insert("Đồn Biên phòng Sốp Cộp")
    wizard.next()
    assert wizard.currentId() == CAMPAIGN
    page = wizard.campaign_page
    covid = next(row for row, t in enumerate(page.templates) if t.template_id == "covid-xnc-2021")
    page.template_list.setCurrentRow(covid)
    qtbot.mouseClick(page.sample_button, Qt.MouseButton.LeftButton)
    shown = page.sample_dialog
    assert shown is not None and shown.isVisible()
    text = shown.pages.text(0)  # type: ignore[attr-defined]
    assert "xã Sốp Cộp" in text and "Đồn Biên phòng Sốp Cộp" in text
    assert "phòng, chống dịch Covid-19" in text
    shown.close()


def test_a_commune_of_35_hamlets_keeps_finish_on_a_768_px_screen(
    qtbot: QtBot, wizard: SetupWizard
) -> None:
    """Communes merged in 2025 hold 30 to 60 hamlets: the summary listed each on a line
    of a page that grew as tall as them (851 px for 35), Finish off a 768 px screen."""
    wizard.next()
    choose_sop_cop(qtbot, wizard)
    wizard.next()
    editor = wizard.hamlet_page.editor
    for number in range(1, 36):
        editor.name.insert(f"Bản Nà Khi {number}")
        editor.head.insert(f"Lò Văn Pọm {number}")
        editor.add()
    assert editor.table.rowCount() == 35
    while wizard.currentId() != SUMMARY:
        wizard.next()
    QApplication.processEvents()
    assert "Bản Nà Khi 35" in wizard.summary_page.summary.text()
    room = 768 - 48  # the screen less the title bar and a task bar
    assert wizard.minimumHeight() <= room
    assert wizard.height() <= room
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.isVisible() and finish.geometry().bottom() < wizard.height()


def test_a_hamlet_typed_twice_is_refused_beside_the_form(qtbot: QtBot, wizard: SetupWizard) -> None:
    wizard.next()
    choose_sop_cop(qtbot, wizard)
    wizard.next()
    editor = wizard.hamlet_page.editor
    editor.name.insert("Bản Nà Khi")
    qtbot.keyClick(editor.name, Qt.Key.Key_Return)
    editor.name.insert("ban na khi")
    qtbot.keyClick(editor.name, Qt.Key.Key_Return)
    assert editor.table.rowCount() == 1
    assert editor.error.isVisible()
    assert "Xã đã có thôn/bản “ban na khi”" in editor.error.text()
    # Correct it: pick the row (Enter on it goes to its name), rename it, save.
    editor.table.setFocus()
    editor.table.selectRow(0)
    qtbot.keyClick(editor.table, Qt.Key.Key_Return)
    assert editor.name.hasFocus() and editor.name.selectedText() == "Bản Nà Khi"
    editor.name.setText("Bản Nà Khi Trên")
    qtbot.keyClick(editor.name, Qt.Key.Key_Return)
    assert editor.table.item(0, 0).text() == "Bản Nà Khi Trên"


def test_a_name_typed_but_not_added_is_taken_by_next(qtbot: QtBot, wizard: SetupWizard) -> None:
    wizard.next()
    choose_sop_cop(qtbot, wizard)
    wizard.next()
    wizard.hamlet_page.editor.name.insert("Thôn Mới")
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.next()
    assert wizard.currentId() == KEEPERS
    assert [h.name for h in wizard.hamlet_page.editor.hamlets()] == ["Thôn Mới"]


def test_a_filter_that_matches_nothing_chooses_nothing(qtbot: QtBot, wizard: SetupWizard) -> None:
    wizard.next()
    page = wizard.commune_page
    qtbot.keyClicks(page.provinces.filter, "lai chau")
    qtbot.keyClick(page.provinces.filter, Qt.Key.Key_Return)
    qtbot.keyClicks(page.communes.filter, "zzz")
    assert page.chosen_commune() is None
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    page.communes.filter.clear()
    qtbot.keyClicks(page.communes.filter, "sin ho")
    assert page.chosen_commune().code == "03478"  # type: ignore[union-attr]


def test_a_province_typed_by_its_name_before_the_2025_merger_finds_the_province_of_today(
    qtbot: QtBot, wizard: SetupWizard
) -> None:
    """Before, "ha giang" (a border province until 1 July 2025, part of Tuyên Quang now)
    left both lists empty and said nothing; a commune filter that matched nothing too."""
    wizard.next()
    page = wizard.commune_page
    picker = page.picker
    assert picker.communes.note.text() == "Chọn tỉnh, thành phố trước (ở cột bên trái)."
    qtbot.keyClicks(page.provinces.filter, "ha giang")
    assert page.chosen_province().name == "Tuyên Quang"  # type: ignore[union-attr]
    assert picker.provinces.note.isVisibleTo(wizard)
    assert (
        picker.provinces.note.text() == "Hà Giang nay thuộc Tuyên Quang (sáp nhập từ 01/07/2025)."
    )
    page.provinces.filter.clear()
    qtbot.keyClicks(page.provinces.filter, "ha")  # its own names first: not Cần Thơ (Hậu Giang)
    assert page.chosen_province().name == "Thành phố Hà Nội"  # type: ignore[union-attr]
    assert picker.provinces.note.isHidden()
    page.provinces.filter.clear()
    qtbot.keyClicks(page.provinces.filter, "tuyen quang")
    qtbot.keyClick(page.provinces.filter, Qt.Key.Key_Return)
    qtbot.keyClicks(page.communes.filter, "zzz")
    assert page.chosen_commune() is None
    said = picker.communes.note.text()
    assert said.startswith("Tuyên Quang không có xã, phường nào tên “zzz”.")
    assert "xoá ô này để xem cả" in said and picker.communes.note.isVisibleTo(wizard)
    page.communes.filter.clear()
    assert picker.communes.note.isHidden()
    qtbot.keyClicks(page.provinces.filter, "zz")
    assert picker.provinces.note.text() == "Không có tỉnh, thành phố nào tên “tuyen quangzz”."


def test_a_refused_register_keeps_the_wizard_open(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        first_run.QMessageBox, "critical", lambda _parent, _title, text: shown.append(text)
    )
    wizard = SetupWizard(tmp_path / "no-such-folder" / "camket.sqlite3")
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.next()
    choose_sop_cop(qtbot, wizard)
    wizard.next()
    wizard.hamlet_page.editor.name.insert("Thôn 1")
    wizard.next()
    wizard.next()
    wizard.next()
    assert wizard.currentId() == SUMMARY
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert shown and "Thư mục không tồn tại" in shown[0]
    assert wizard.isVisible() and wizard.currentId() == SUMMARY and not wizard.created


def _drive_modal(action: Callable[[SetupWizard], None]) -> None:
    """Run ``action`` on the wizard once app.run_app has it open (modal, in its own loop)."""

    def run() -> None:
        shown = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, SetupWizard) and w.isVisible()
        ]
        if shown:
            action(shown[0])
        else:
            QTimer.singleShot(20, run)

    QTimer.singleShot(0, run)


def test_leaving_the_wizard_creates_nothing(qapp: QApplication, tmp_path: Path) -> None:
    missing = tmp_path / "camket.sqlite3"
    _drive_modal(lambda wizard: wizard.reject())
    assert app.run_app(missing) == 0
    assert not missing.exists()


def test_sample_data_opens_a_register_of_its_own_and_leaves_no_user_register(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[OpenRegister] = []

    def show(_application: object, register: OpenRegister) -> int:
        shown.append(register)
        register.close()
        return 0

    def choose_demo(wizard: SetupWizard) -> None:
        wizard.start_page.demo.click()

    monkeypatch.setattr(app, "_show", show)
    path = default_register_path()
    _drive_modal(choose_demo)
    assert app.run_app(path) == 0
    assert [register.path for register in shown] == [sample_register_path()]
    assert not path.exists()  # the user's register is still to be set up
    register = open_existing(sample_register_path())
    try:
        assert len(household_ids(register.db)) == first_run.DEMO_HOUSEHOLDS
        assert is_sample(register.db)
    finally:
        register.close()
    # The next start asks again; sample data again opens the same sample register.
    _drive_modal(choose_demo)
    assert app.run_app(path) == 0
    assert len(shown) == 2 and shown[1].path == sample_register_path()
    assert not path.exists()


def test_a_demo_register_anywhere_says_so_in_the_title_and_status_bar(
    main_window: Callable[..., MainWindow], small_register: SmallRegister, tmp_path: Path
) -> None:
    # `camket demo --db any-name.sqlite3` makes sample data as much as the wizard does: the
    # mark is recorded in the register, not guessed from the file's name.
    demo = tmp_path / "xa-sin-ho.sqlite3"
    create_demo_register(demo, households=5, seed=2)
    window = main_window(demo)
    assert window.windowTitle().startswith("DỮ LIỆU MẪU — CamKet — Xã Sìn Hồ")
    assert window.sample_mark is not None and window.sample_mark.isVisible()
    assert "Dữ liệu mẫu" in window.sample_mark.text()
    # A real register is never marked, even in the sample's place.
    sample = sample_register_path()
    sample.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(small_register.path, sample)
    real = main_window(sample)
    assert "MẪU" not in real.windowTitle() and real.sample_mark is None


def test_an_unmakeable_data_folder_is_reported(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    path = blocker / "CamKet" / "camket.sqlite3"
    monkeypatch.setattr(first_run, "sample_register_path", lambda: path)
    shown: list[str] = []
    monkeypatch.setattr(
        first_run.QMessageBox, "critical", lambda _parent, _title, text: shown.append(text)
    )
    wizard = SetupWizard(path)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.start_page.demo.click()
    assert shown and "CamKet" in shown[0] and not wizard.created
    assert wizard.isVisible()


def test_the_next_start_opens_a_register_made_with_file_new_instead_of_setting_up_again(
    qapp: QApplication,
    small_register: SmallRegister,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Day one: sample data, then File › New register… named sin-ho.sqlite3 (not the file
    the start looks for). Day two the start found no register and offered only to make
    one again (or the sample): the register worked in all day was nowhere to be chosen."""
    from desktop.userdata import remember_register

    remember_register(small_register.path)  # as the window opening it does
    shown: list[Path] = []

    def show(_application: object, register: OpenRegister) -> int:
        shown.append(register.path)
        register.close()
        return 0

    def open_last(wizard: SetupWizard) -> None:
        recent = getattr(wizard.start_page, "recent", None)
        if recent is None or small_register.path.name not in recent.text():
            wizard.reject()  # no way to it: the test fails below instead of waiting here
            return
        recent.click()

    monkeypatch.setattr(app, "_show", show)
    path = default_register_path()
    _drive_modal(open_last)
    assert app.run_app(path) == 0
    assert shown == [small_register.path]
    assert not path.exists()  # nothing made

    # One on a USB stick, never opened on this PC: chosen with a file dialog.
    stick = tmp_path / "usb" / "sin-ho.sqlite3"
    stick.parent.mkdir()
    shutil.copy(small_register.path, stick)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(stick), ""))
    _drive_modal(lambda wizard: wizard.start_page.open_other.click())
    assert app.run_app(path) == 0
    assert shown[-1] == stick and not path.exists()


def test_a_register_deep_in_a_sticks_folders_keeps_the_wizard_on_a_1024_screen(
    qtbot: QtBot, small_register: SmallRegister, tmp_path: Path
) -> None:
    """The button to the register opened last named its whole folder: one kept deep in a
    USB stick's folders made the start page 2,285 px wide, Next and Cancel off the screen."""
    from desktop.userdata import remember_register

    deep = tmp_path.joinpath("USB", *["Sổ đăng ký của xã Sìn Hồ, huyện cũ, tỉnh Lai Châu"] * 4)
    deep.mkdir(parents=True)
    kept = deep / "so-dang-ky-sin-ho.sqlite3"
    shutil.copy(small_register.path, kept)
    remember_register(kept)
    shown = SetupWizard(tmp_path / "new" / "camket.sqlite3")
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    recent = shown.start_page.recent
    assert recent.isVisible() and "so-dang-ky-sin-ho.sqlite3" in recent.text()
    assert shown.width() <= 1000
    assert shown.button(QWizard.WizardButton.CancelButton).geometry().right() < shown.width()
    assert recent.toolTip() == str(kept)  # the whole path, to read before choosing it


def test_the_sample_opened_last_is_not_offered_again_as_a_register_made_before(
    qtbot: QtBot, small_register: SmallRegister, tmp_path: Path
) -> None:
    """After a look at the sample, the next start offered "Mở du-lieu-mau.sqlite3 …, sổ mở
    lần gần nhất" under "a register made before": the sample has its own button; the one
    offered is the real register opened before it."""
    from desktop.userdata import remember_register

    sample = sample_register_path()
    sample.parent.mkdir(parents=True, exist_ok=True)
    create_demo_register(sample, households=5, seed=1)
    remember_register(sample)
    alone = SetupWizard(tmp_path / "new" / "camket.sqlite3")
    qtbot.addWidget(alone)
    assert alone.start_page.recent.isHidden()
    remember_register(small_register.path)
    remember_register(sample)  # the sample last, the real register before it
    both = SetupWizard(tmp_path / "new" / "camket.sqlite3")
    qtbot.addWidget(both)
    assert not both.start_page.recent.isHidden()
    assert small_register.path.name in both.start_page.recent.text()
    assert sample.name not in both.start_page.recent.text()


def _start_from_bundle(wizard: SetupWizard) -> None:
    button = getattr(wizard.start_page, "from_bundle", None)
    if button is None:  # no such way: the test fails below instead of waiting here
        wizard.reject()
        return
    button.click()


def test_the_communes_second_pc_is_made_from_the_offices_bundle_not_set_up_again(
    qapp: QApplication,
    small_register: SmallRegister,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The campaign laptop: set up again through the wizard, its register was one of its
    own, and the office's bundle merged into it put every hamlet, household and person there
    twice. Its first page makes the register from the office's bundle (as init --from)."""
    from desktop.cli import main

    bundle = tmp_path / "van-phong.camket"
    assert main(["export", "--db", str(small_register.path), "--out", str(bundle)]) == 0
    monkeypatch.setenv("CAMKET_DATA_DIR", str(tmp_path / "laptop-data"))  # another PC
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(bundle), ""))
    shown: list[Path] = []

    def show(_application: object, register: OpenRegister) -> int:
        shown.append(register.path)
        register.close()
        return 0

    monkeypatch.setattr(app, "_show", show)
    path = default_register_path()

    _drive_modal(_start_from_bundle)
    assert app.run_app(path) == 0
    assert shown == [path]
    register = open_existing(path)
    try:
        codes = sorted(
            code for (code,) in register.db.execute("SELECT code FROM household WHERE deleted = 0")
        )
        hamlets = [h.name for h in list_hamlets(register.db)]
    finally:
        register.close()
    assert codes == sorted(small_register.ids)  # each once
    assert sorted(hamlets) == sorted(small_register.hamlet_ids)


def test_a_dead_pcs_bundle_encrypted_to_a_receiver_opens_with_the_key_file_the_clerk_picks(
    qapp: QApplication,
    small_register: SmallRegister,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The office's last bundle was sent encrypted to the commune's safe key (`export --to`):
    the wizard asks for that key file (before, it only pointed to `camket init --identity`)."""
    from desktop.cli import main
    from tests.unit.test_rebuild_from_sealed_bundle import age_keygen

    safe_key, bundle = tmp_path / "khoa-ket-sat.txt", tmp_path / "van-phong.camket"
    age_keygen(safe_key)
    out = ["export", "--db", str(small_register.path), "--out", str(bundle), "--to"]
    assert main([*out, str(safe_key)]) == 0
    monkeypatch.setenv("CAMKET_DATA_DIR", str(tmp_path / "new-pc-data"))
    picked = iter([str(bundle), str(safe_key)])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (next(picked), ""))
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_a: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: pytest.fail(f"refused: {a[2]}"))
    monkeypatch.setattr(app, "_show", lambda _application, register: register.close() or 0)
    path = default_register_path()
    _drive_modal(_start_from_bundle)
    assert app.run_app(path) == 0
    assert len(asked) == 1 and "van-phong.camket" in asked[0]
    register = open_existing(path)
    try:
        codes = register.db.execute("SELECT code FROM household WHERE deleted = 0").fetchall()
    finally:
        register.close()
    assert sorted(code for (code,) in codes) == sorted(small_register.ids)
