"""Esc (or the window's ×) on a form with something typed asks before dropping it: a tip
typed at length, a movement, an edited pledge template, the set-up wizard's hamlets were
lost to one key. Cancel drops as asked; an untouched form closes at once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from desktop.ui import first_run, form_dialog, template_editor
from desktop.ui.first_run import SetupWizard
from desktop.ui.ledger_page import LedgerPage
from desktop.ui.main_window import MainWindow
from tests.ui.conftest import SmallRegister
from tests.ui.test_template_editor import open_editor

OpenWindow = Callable[..., MainWindow]


class Answers:
    """The clerk's answers to "close and drop it?", and how often it was asked."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.drop = False
        self.asked = 0
        for module in (form_dialog, template_editor, first_run):
            monkeypatch.setattr(module, "confirm_discard", self._answer)

    def _answer(self, _parent: object) -> bool:
        self.asked += 1
        return self.drop


def _ledger(window: MainWindow) -> LedgerPage:
    window.show_place("movements")
    page = window.places.page("movements")
    assert isinstance(page, LedgerPage)
    return page


def test_escape_on_a_typed_tip_or_movement_asks_and_keeps_it(
    qtbot: QtBot,
    main_window: OpenWindow,
    small_register: SmallRegister,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answers = Answers(monkeypatch)
    page = _ledger(main_window(small_register.path))
    tip = page.add_tip()
    qtbot.waitExposed(tip)
    tip.place.setText("Mốc 79")
    tip.description.setText("Ba người lạ mặt đi về phía đường mòn lúc nửa đêm")
    qtbot.keyClick(tip, Qt.Key.Key_Escape)
    assert answers.asked == 1 and tip.isVisible()
    assert tip.description.text().startswith("Ba người lạ mặt")
    answers.drop = True
    qtbot.keyClick(tip.description, Qt.Key.Key_Escape)  # from inside a field too
    assert answers.asked == 2 and not tip.isVisible()
    assert tip.result() == QDialog.DialogCode.Rejected

    movement = page.add_movement()
    qtbot.waitExposed(movement)
    movement.reason.setText("đi làm ăn xa")
    answers.drop = False
    qtbot.keyClick(movement, Qt.Key.Key_Escape)
    assert answers.asked == 3 and movement.isVisible()
    movement.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()  # dropped as asked
    assert answers.asked == 3 and not movement.isVisible()


def test_escape_on_an_untouched_form_closes_it_without_a_question(
    qtbot: QtBot,
    main_window: OpenWindow,
    small_register: SmallRegister,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answers = Answers(monkeypatch)
    page = _ledger(main_window(small_register.path))
    for dialog in (page.add_tip(), page.add_movement()):
        qtbot.waitExposed(dialog)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert not dialog.isVisible()
    assert answers.asked == 0


def test_escape_on_an_edited_template_asks_and_keeps_the_text(
    qtbot: QtBot,
    main_window: OpenWindow,
    small_register: SmallRegister,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answers = Answers(monkeypatch)
    dialog = open_editor(qtbot, main_window(small_register.path))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing edited: closes
    assert answers.asked == 0 and not dialog.isVisible()
    dialog = open_editor(qtbot, main_window(small_register.path))
    dialog.editor.appendPlainText("- Không cho người lạ ngủ lại qua đêm mà không báo.")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert answers.asked == 1 and dialog.isVisible()
    assert "Không cho người lạ" in dialog.editor.toPlainText()


def test_escape_in_the_set_up_wizard_past_its_first_page_asks(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = Answers(monkeypatch)
    wizard = SetupWizard(tmp_path / "camket.sqlite3")
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.next()
    qtbot.keyClicks(wizard.commune_page.provinces.filter, "lai chau")
    qtbot.keyClick(wizard.commune_page.provinces.filter, Qt.Key.Key_Escape)
    assert answers.asked == 1 and wizard.isVisible()
    assert wizard.commune_page.provinces.filter.text() == "lai chau"
    answers.drop = True
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert answers.asked == 2 and not wizard.isVisible()
    assert not (tmp_path / "camket.sqlite3").exists()
