"""Correcting a saved movement from the Biến động list (Enter), a guest entering the border
belt, and an upper-level register that opens movements and tips only to read."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.domain.movements import Guest, Movement, MovementKind, ReminderReason
from desktop.services import ledger
from desktop.store.tips import concerned, list_tips
from desktop.ui.ledger_page import LedgerPage
from desktop.ui.main_window import MainWindow
from desktop.ui.movement_dialog import MovementDialog
from desktop.ui.tip_dialog import TipDialog
from tests.ui.conftest import SmallRegister, settled
from tests.ui.test_ledger_page import OpenWindow, _counted, _ledger, saved_tip


def _guest_stay(window: MainWindow) -> Movement:
    host = ledger.host_household(window.register.db, "NT-001")
    today = dt.date.today()
    stay = Movement(
        MovementKind.LUU_TRU,
        host,
        today - dt.timedelta(days=2),
        guest=Guest("Vương Lập Quân", nationality="Trung Quốc"),
        until=today + dt.timedelta(days=3),
    )
    return ledger.add_movement(window.register, stay, today)


def _enter_on_first_movement(page: LedgerPage, qtbot: QtBot) -> MovementDialog:
    page.refresh()
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 1))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    (dialog,) = [d for d in page.findChildren(MovementDialog) if d.isVisible()]
    return dialog


def test_enter_on_a_movement_opens_it_to_correct_with_the_checks_of_a_new_one(
    main_window: OpenWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    window = main_window(small_register.path)
    stay = _guest_stay(window)
    page = _ledger(window, qtbot)
    dialog = _enter_on_first_movement(page, qtbot)
    assert dialog.original == stay
    assert (dialog.guest_name.text(), dialog.host.text()) == ("Vương Lập Quân", "NT-001")
    assert dialog.border_belt.isVisibleTo(dialog) and dialog.permit.isVisibleTo(dialog)
    assert dialog.ended.isVisibleTo(dialog) and dialog.ended.text() == ""
    dialog.until.setText((stay.starts_on + dt.timedelta(days=40)).strftime("%d/%m/%Y"))
    dialog.save()
    settled(qtbot, window)
    assert "hãy ghi là tạm trú" in dialog.error.text() and dialog.isVisible()
    dialog.until.setText((stay.starts_on + dt.timedelta(days=5)).strftime("%d/%m/%Y"))
    dialog.border_belt.setChecked(True)
    dialog.permit.setText("GP 15/CAT-PA72")
    dialog.save()
    settled(qtbot, window)
    assert not dialog.isVisible()
    assert page.count.text() == "1 biến động"  # corrected, not added
    where = page.model.data(page.model.index(0, 7))
    assert "vành đai biên giới" in where
    kept = window.register.db.execute(
        "SELECT border_belt, border_permit, rev FROM movement WHERE id = ?", [stay.id]
    ).fetchone()
    assert kept == (1, "GP 15/CAT-PA72", 2)
    dialog = page.add_movement()  # a new one: the border belt is a lưu trú's only
    assert not dialog.border_belt.isVisibleTo(dialog) and not dialog.ended.isVisibleTo(dialog)
    dialog.reject()


def test_an_upper_register_opens_movements_and_tips_only_to_read(
    main_window: OpenWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    window = main_window(small_register.path)
    stay = _guest_stay(window)
    page = _ledger(window, qtbot)
    page.add_tip().place.setText("Mốc 79")
    tip_dialog = page.findChild(TipDialog)
    assert tip_dialog is not None
    tip_dialog.save()
    settled(qtbot, window)
    page.set_read_only()
    dialog = _enter_on_first_movement(page, qtbot)
    assert dialog.guest_name.text() == "Vương Lập Quân" and dialog.guest_name.isReadOnly()
    assert not dialog.kind.isEnabled() and not dialog.border_belt.isEnabled()
    assert [b.text() for b in dialog.buttons.buttons()] == ["Đóng"]
    dialog.until.setText("01/01/2020")
    dialog.save()  # Ctrl+S and Save write nothing here
    settled(qtbot, window)
    assert window.register.db.execute(
        "SELECT rev, until FROM movement WHERE id = ?", [stay.id]
    ).fetchone() == (1, stay.until.isoformat() if stay.until else None)
    dialog.reject()
    tip = page.open_tip(0)
    assert tip.place.isReadOnly() and not tip.about.isEnabled()
    tip.place.setText("Khác")
    tip.save()
    settled(qtbot, window)
    assert list_tips(window.register.db)[0].place == "Mốc 79"


def test_a_guest_in_the_border_belt_is_reminded_until_the_border_guard_is_told(
    main_window: OpenWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    from desktop.ui.overview_page import REMINDER_NAMES

    assert set(REMINDER_NAMES) == set(ReminderReason)  # every reminder has its words
    window = main_window(small_register.path, place=None)
    stay = _guest_stay(window)
    ledger.edit_movement(window.register, replace(stay, border_belt=True), dt.date.today())
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    overview = _counted(window, qtbot)
    qtbot.waitUntil(lambda: not window.tasks.busy)  # counted again on coming back
    shown = [
        overview.reminder_model.data(overview.reminder_model.index(row, 1))
        for row in range(overview.reminder_model.rowCount())
    ]
    assert "Khách vào vành đai biên giới, chưa thông báo Đồn Biên phòng" in shown
    page = _ledger(window, qtbot)
    page.select_movement(stay.id)
    assert page.handed_button.isEnabled()
    page.handed_button.click()
    settled(qtbot, window)
    assert not [
        r
        for r in ledger.reminders(window.register, dt.date.today())
        if r.reason is ReminderReason.VANH_DAI_CHUA_BAO_BIEN_PHONG
    ]


def test_a_correction_keeps_what_a_merge_changed_meanwhile_in_another_field(
    main_window: OpenWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    window = main_window(small_register.path)
    stay = _guest_stay(window)
    page = _ledger(window, qtbot)
    dialog = _enter_on_first_movement(page, qtbot)
    # While the form is open, a merge (or another window) writes the stay's permit.
    today = dt.date.today()
    ledger.edit_movement(window.register, replace(stay, border_permit="GP 09/BP"), today)
    dialog.reason.setText("Thăm người thân")
    dialog.save()
    settled(qtbot, window)
    assert not dialog.isVisible()
    kept = window.register.db.execute(
        "SELECT reason, border_permit FROM movement WHERE id = ?", [stay.id]
    ).fetchone()
    assert kept == ("Thăm người thân", "GP 09/BP")  # before: the permit was undone


def test_a_correction_of_a_field_changed_meanwhile_is_refused_and_kept_in_the_form(
    main_window: OpenWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    window = main_window(small_register.path)
    stay = _guest_stay(window)
    page = _ledger(window, qtbot)
    dialog = _enter_on_first_movement(page, qtbot)
    ledger.edit_movement(window.register, replace(stay, reason="Buôn bán"), dt.date.today())
    dialog.reason.setText("Thăm người thân")
    dialog.save()
    settled(qtbot, window)
    assert dialog.isVisible() and "vừa được sửa ở nơi khác" in dialog.error.text()
    assert dialog.reason.text() == "Thăm người thân"
    stored = window.register.db.execute(
        "SELECT reason FROM movement WHERE id = ?", [stay.id]
    ).fetchone()
    assert stored == ("Buôn bán",)


def test_a_tips_correction_keeps_a_person_and_an_outcome_written_meanwhile(
    main_window: OpenWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    window = main_window(small_register.path)
    page = _ledger(window, qtbot)
    dialog = saved_tip(window, page, qtbot)
    (tip,) = list_tips(window.register.db)
    # Meanwhile another window records the outcome and links a person.
    (hoa,) = window.register.db.execute(
        "SELECT id FROM person WHERE full_name = 'Giàng A Hòa'"
    ).fetchone()
    now = dt.datetime.now()
    ledger.update_tip(window.register, replace(tip, outcome="Đã xác minh"), now, (hoa,))
    dialog.handed_to.setText("Đồn Biên phòng Ma Quai")
    dialog.save()
    settled(qtbot, window)
    assert not dialog.isVisible()
    (tip,) = list_tips(window.register.db)
    assert (tip.handed_to, tip.outcome) == ("Đồn Biên phòng Ma Quai", "Đã xác minh")
    assert [name for _, name in concerned(window.register.db, tip.id)] == ["Giàng A Hòa"]
