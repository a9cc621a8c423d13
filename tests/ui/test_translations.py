"""The interface speaks Vietnamese by default and English on request; no string is left out."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QLibraryInfo, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QTableView,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot

from desktop import app as camket_app
from desktop.bundled import resource_path
from desktop.ui import screenshot, translations
from desktop.ui.first_run import SetupWizard
from desktop.ui.main_window import MainWindow
from desktop.ui.translations import install_translators
from desktop.userdata import preferred_language, set_preferred_language

if TYPE_CHECKING:
    from tests.ui.conftest import SmallRegister

ROOT = Path(__file__).resolve().parents[2]
APP_TS = resource_path("translations", "camket_vi.ts")
QTBASE_TS = resource_path("translations", "qtbase_vi.ts")
FIX = (
    "Run `make translations`, then give each of these its Vietnamese in "
    "resources/translations/camket_vi.ts (.venv/bin/pyside6-linguist, or a text editor: "
    'write the <translation> and remove type="unfinished").'
)
_PLACEHOLDER = re.compile(r"\{\w*\}|%\d")

Message = tuple[str, str, str, str | None]  # context, source, translation, type


def messages(ts: Path) -> list[Message]:
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            found.append(
                (
                    name,
                    message.findtext("source", ""),
                    translation.text or "",
                    translation.get("type"),
                )
            )
    return found


def test_every_tr_string_of_the_sources_has_vietnamese(tmp_path: Path) -> None:
    # lupdate the sources into a copy of the catalog: a new tr() string arrives unfinished.
    fresh = tmp_path / "camket_vi.ts"
    shutil.copyfile(APP_TS, fresh)
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "translations.py"), "update", "--ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    missing = [
        f"  [{context}] {source!r}"
        for context, source, text, kind in messages(fresh)
        if kind in ("unfinished", "vanished", "obsolete") or not text.strip()
    ]
    assert not missing, (
        f"{len(missing)} string(s) without Vietnamese:\n" + "\n".join(missing) + f"\n{FIX}"
    )
    in_code = {(context, source) for context, source, *_ in messages(fresh)}
    in_catalog = {(context, source) for context, source, *_ in messages(APP_TS)}
    assert in_catalog == in_code, f"camket_vi.ts is out of step with the sources. {FIX}"


def _unseen_by_lupdate(path: Path) -> list[str]:
    """Calls whose string lupdate cannot pick up, or files under the wrong context."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        literal = [isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args]
        if name == "tr":
            # lupdate files x.tr("…") under the context "x"; at run time it is x's class.
            on_self = isinstance(func, ast.Attribute) and ast.unparse(func.value) == "self"
            bad = not (on_self and literal[:1] == [True])
        elif name == "translate":
            # A name (a QT_TRANSLATE_NOOP table entry) is fine; built text never is.
            bad = any(isinstance(a, ast.JoinedStr | ast.Call | ast.BinOp) for a in node.args)
        elif name == "QT_TRANSLATE_NOOP":
            bad = literal != [True, True]
        else:
            continue
        if bad:
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)[:80]}")
    return found


def test_every_translatable_call_is_one_lupdate_can_read() -> None:
    sources = [*sorted((ROOT / "desktop" / "ui").rglob("*.py")), ROOT / "desktop" / "app.py"]
    unseen = [line for path in sources for line in _unseen_by_lupdate(path)]
    assert unseen == [], (
        'Write self.tr("literal"), QCoreApplication.translate("Context", "literal") or '
        'QT_TRANSLATE_NOOP("Context", "literal"), then .format(): lupdate reads only '
        "literals, and files x.tr() under the context x.\n" + "\n".join(unseen)
    )


@pytest.mark.parametrize("ts", [APP_TS, QTBASE_TS], ids=lambda path: path.name)
def test_translations_keep_placeholders_and_are_nfc(ts: Path) -> None:
    for context, source, text, _kind in messages(ts):
        where = f"{ts.name} [{context}] {source!r}"
        assert sorted(_PLACEHOLDER.findall(text)) == sorted(_PLACEHOLDER.findall(source)), where
        assert unicodedata.normalize("NFC", text) == text, f"{where}: not NFC"


def test_qtbase_catalog_translates_real_qt_strings() -> None:
    # Qt's own catalogs know every string Qt shows: ours must use the same sources. French
    # and German between them cover the Qt versions CamKet runs on ("&Look in:" is newer).
    catalogs = []
    for language in ("fr", "de"):
        catalog = QTranslator()
        assert catalog.load(
            f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        )
        catalogs.append(catalog)
    unknown = [
        f"[{context}] {source!r}"
        for context, source, _text, _kind in messages(QTBASE_TS)
        if not any(catalog.translate(context, source) for catalog in catalogs)
    ]
    assert unknown == []


def test_standard_buttons_read_vietnamese(qapp: QApplication) -> None:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    assert buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "Đồng ý"
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Hủy"
    box = QMessageBox(QMessageBox.Icon.Question, "", "", QMessageBox.StandardButton.Yes)
    box.addButton(QMessageBox.StandardButton.No)
    assert box.button(QMessageBox.StandardButton.Yes).text() == "&Có"
    assert box.button(QMessageBox.StandardButton.No).text() == "&Không"
    wizard = QWizard()
    wizard.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
    assert wizard.buttonText(QWizard.WizardButton.NextButton) == "&Tiếp >"
    assert wizard.buttonText(QWizard.WizardButton.FinishButton) == "&Hoàn tất"
    files = QFileDialog()
    files.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    assert files.labelText(QFileDialog.DialogLabel.LookIn) == "&Tìm trong:"
    assert files.labelText(QFileDialog.DialogLabel.FileType) == "&Loại tệp:"
    for widget in (buttons, box, wizard, files):
        widget.deleteLater()


def test_main_window_is_vietnamese_by_default_and_english_after_switching(
    qapp: QApplication,
    small_register: SmallRegister,
    main_window: Callable[..., MainWindow],
) -> None:
    assert preferred_language() == "vi"
    window = main_window(small_register.path)
    assert window.sidebar.item(0).text() == "Tổng quan"
    assert window.household_page.count_label.text() == "6 hộ"
    assert window.household_page.model.headerData(0, Qt.Orientation.Horizontal) == "Mã hộ"
    window.close()

    set_preferred_language("en")
    install_translators(qapp, preferred_language())
    window = main_window(small_register.path)
    assert window.sidebar.item(0).text() == "Overview"
    assert window.household_page.count_label.text() == "6 households"
    assert window.household_page.model.headerData(0, Qt.Orientation.Horizontal) == "Household code"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"
    buttons.deleteLater()


def _shown_texts(widget: QWidget) -> list[str]:
    texts = [widget.toolTip(), widget.accessibleName(), widget.windowTitle()]
    if isinstance(widget, QAbstractButton | QLabel):
        texts.append(widget.text())
    if isinstance(widget, QLineEdit):
        texts.append(widget.placeholderText())
    if isinstance(widget, QGroupBox):
        texts.append(widget.title())
    if isinstance(widget, QComboBox):
        texts += [widget.itemText(i) for i in range(widget.count())]
    if isinstance(widget, QListWidget):
        texts += [widget.item(i).text() for i in range(widget.count())]
    if isinstance(widget, QTableView) and widget.model() is not None:
        titles = widget.horizontalHeader().model()  # the view's, or titles held by Qt
        texts += [
            str(titles.headerData(c, Qt.Orientation.Horizontal) or "")
            for c in range(titles.columnCount())
        ]
    for action in widget.actions():
        texts += [action.text(), action.toolTip()]
    return texts


def _english_left_in(top: QWidget) -> list[str]:
    """Texts on screen that are English sources of camket_vi.ts with another Vietnamese
    text: built before the translators were installed, or looked up under another context."""
    english = {
        source.replace("&", "")
        for _context, source, text, _kind in messages(APP_TS)
        if "{" not in source and text.replace("&", "") != source.replace("&", "")
    }
    return sorted(
        {
            f"{type(widget).__name__}: {text!r}"
            for widget in [top, *top.findChildren(QWidget)]
            for text in _shown_texts(widget)
            if text and text.replace("&", "") in english
        }
    )


def test_no_english_is_left_on_the_vietnamese_screens(
    qtbot: QtBot, small_register: SmallRegister, main_window: Callable[..., MainWindow]
) -> None:
    window = main_window(small_register.path)
    window.household_page.select_row(0)
    assert _english_left_in(window) == []
    wizard = SetupWizard(small_register.path.with_name("new.sqlite3"))
    qtbot.addWidget(wizard)
    assert _english_left_in(wizard) == []


@pytest.mark.parametrize(("language", "title"), [(None, "Tổng quan"), ("en", "Overview")])
def test_screenshot_renders_in_the_preferred_language(
    qapp: QApplication,
    small_register: SmallRegister,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    language: str | None,
    title: str,
) -> None:
    if language:
        set_preferred_language(language)
    seen: list[str] = []

    def save(window: MainWindow, target: Path, width: int, height: int, page: int = 1) -> None:
        seen.append(window.sidebar.item(0).text())

    monkeypatch.setattr(screenshot, "save_screenshot", save)
    assert camket_app.run_app(small_register.path, screenshot=tmp_path / "x.png") == 0
    assert seen == [title]


def test_a_stale_catalog_is_compiled_into_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "translations"
    folder.mkdir()
    shutil.copyfile(APP_TS, folder / "camket_vi.ts")
    monkeypatch.setattr(translations, "translations_dir", lambda: folder)
    compiled = translations.catalog_path("camket_vi")
    assert compiled is not None and compiled.parent != folder and compiled.suffix == ".qm"
    catalog = QTranslator()
    assert catalog.load(str(compiled))
    assert catalog.translate("MainWindow", "Households") == "Hộ gia đình"

    assert translations.catalog_path("camket_xx") is None
    assert "translation camket_xx is missing" in caplog.text
