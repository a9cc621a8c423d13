"""Recording a tip (tin báo): when, where, what about, how many people, from whom, handed to."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QWidget,
)

from desktop.domain.entities import new_id
from desktop.domain.errors import KnownError
from desktop.domain.text_bounds import PHONE_TEXT, TIP_TEXT
from desktop.domain.tips import TIP_TOPICS, Tip, parse_tip_time
from desktop.domain.unreadable import unreadable
from desktop.services import ledger
from desktop.services.register import OpenRegister
from desktop.store.households import list_hamlets
from desktop.store.tips import concerned
from desktop.ui.edits import Saving
from desktop.ui.form_dialog import FormDialog, read_named
from desktop.ui.household_model import unreadable_text
from desktop.ui.person_search import PersonSearch
from desktop.ui.tasks import TaskRunner
from desktop.ui.text_limits import limit_line, show_text

log = logging.getLogger(__name__)


class TipDialog(FormDialog):
    """Add one tip; ``saved`` holds it once accepted. The informant's name and phone are
    kept in the register only (never in a list, a log or a spreadsheet)."""

    def __init__(
        self,
        register: OpenRegister,
        tasks: TaskRunner,
        now: dt.datetime,
        parent: QWidget | None = None,
        tip: Tip | None = None,
    ) -> None:
        super().__init__("", self.save, parent, tasks=tasks)
        self.register, self.now, self.editing = register, now, tip
        self.saved: Tip | None = None
        self.setWindowTitle(self.tr("Record a tip") if tip is None else self.tr("Tip"))
        self.received = QLineEdit(now.strftime("%d/%m/%Y %H:%M"))
        self.received.setPlaceholderText(self.tr("dd/mm/yyyy hh:mm"))
        self.hamlet = QComboBox()
        self.hamlet.addItem(self.tr("(no hamlet)"), None)
        for hamlet in list_hamlets(register.db):
            self.hamlet.addItem(hamlet.name, hamlet.id)
        self.place = QLineEdit()
        self.place.setPlaceholderText(self.tr("Landmark, border marker…"))
        self.about = QComboBox()
        self.about.setEditable(True)
        self.about.addItems(TIP_TOPICS)
        self.people = QSpinBox()
        self.people.setRange(0, 10_000)
        self.people.setSpecialValueText(self.tr("not known"))
        self.description = QLineEdit()
        self.informant = QLineEdit()
        self.informant.setPlaceholderText(self.tr("Empty: anonymous"))
        self.phone = limit_line(QLineEdit(), PHONE_TEXT)
        self.handed_to = QLineEdit()
        self.handed_to.setPlaceholderText(self.tr("Border Guard post or commune police"))
        self.handed_at = QLineEdit()
        self.handed_at.setPlaceholderText(self.tr("dd/mm/yyyy hh:mm"))
        self.outcome = QLineEdit()
        for key, line in (
            ("place", self.place),
            ("about", self.about.lineEdit() or QLineEdit()),  # editable: it has one
            ("description", self.description),
            ("informant_name", self.informant),
            ("handed_to", self.handed_to),
            ("outcome", self.outcome),
        ):
            limit_line(line, TIP_TEXT[key])  # a pasted document is cut to it, and told
        self.person_search = PersonSearch(register.db, self)
        self.concerned = QListWidget()
        self.concerned.setMaximumHeight(70)
        self.concerned.setToolTip(self.tr("Delete takes the chosen person off"))
        self.person_search.chosen.connect(self._add_person)
        QShortcut(QKeySequence.StandardKey.Delete, self.concerned, self._drop_person)
        form = self.form
        form.addRow(self.tr("Received at"), self.received)
        form.addRow(self.tr("Hamlet"), self.hamlet)
        form.addRow(self.tr("Place"), self.place)
        form.addRow(self.tr("About"), self.about)
        form.addRow(self.tr("How many people"), self.people)
        form.addRow(self.tr("Description"), self.description)
        form.addRow(self.tr("Informant"), self.informant)
        form.addRow(self.tr("Informant's phone"), self.phone)
        form.addRow(self.tr("Handed to"), self.handed_to)
        form.addRow(self.tr("Handed at"), self.handed_at)
        form.addRow(self.tr("Outcome"), self.outcome)
        form.addRow(self.tr("People of the register"), self.person_search.box)
        form.addRow("", self.person_search.hits)
        form.addRow(self.tr("It concerns"), self.concerned)
        self.resize(520, 0)
        # The saved tip and its people as the form shows them: the save writes only what
        # the clerk changed from it, so a merge's change meanwhile is kept.
        self._read: tuple[Tip, tuple[str, ...]] | None = None
        if tip is not None:
            self._fill(tip)
            self._read = self._as_read()
        self.place.setFocus()

    def _as_read(self) -> tuple[Tip, tuple[str, ...]] | None:
        tip_id = self.editing.id if self.editing else ""
        try:
            return self.tip(), self.person_ids()
        except KnownError as error:  # an old time that no longer reads: the whole form saves
            log.warning("tip %s does not read back into its form: %s", tip_id, error.code)
            return None

    def _fill(self, tip: Tip) -> None:
        if "received_at" in unreadable(tip):  # empty, said: the clerk types the right one
            self.received.setPlaceholderText(unreadable_text(tip, "received_at", ""))
        else:
            self.received.setText(tip.received_at.strftime("%d/%m/%Y %H:%M"))
        self.hamlet.setCurrentIndex(max(0, self.hamlet.findData(tip.hamlet_id)))
        hamlet = self.hamlet.currentText() if tip.hamlet_id else ""
        show_text(self.place, tip.place.removesuffix(f", {hamlet}") if hamlet else tip.place)
        self.about.setCurrentText(tip.about)
        self.people.setValue(tip.people_count or 0)
        show_text(self.description, tip.description)
        show_text(self.informant, tip.informant_name)
        show_text(self.phone, tip.informant_phone)
        show_text(self.handed_to, tip.handed_to)
        self.handed_at.setText(tip.handed_at.strftime("%d/%m/%Y %H:%M") if tip.handed_at else "")
        show_text(self.outcome, tip.outcome)
        for person_id, name in concerned(self.register.db, tip.id):
            self._add_person(person_id, "", name)

    def _add_person(self, person_id: str, _household_id: str, label: str) -> None:
        if person_id in self.person_ids():
            return
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, person_id)
        self.concerned.addItem(item)
        self.person_search.box.clear()

    def _drop_person(self) -> None:
        row = self.concerned.currentRow()
        if row >= 0:
            self.concerned.takeItem(row)

    def person_ids(self) -> tuple[str, ...]:
        items = (self.concerned.item(i) for i in range(self.concerned.count()))
        return tuple(item.data(Qt.ItemDataRole.UserRole) for item in items)

    def tip(self) -> Tip:
        handed = self.handed_at.text().strip()
        place = self.place.text().strip()
        hamlet_name = self.hamlet.currentText() if self.hamlet.currentData() else ""
        return Tip(
            commune_code=self.register.commune.code,
            received_at=read_named(self.form, self.received, parse_tip_time),
            place=", ".join(p for p in (place, hamlet_name) if p),
            about=self.about.currentText(),
            informant_name=self.informant.text(),
            informant_phone=self.phone.text(),
            hamlet_id=self.hamlet.currentData(),
            people_count=self.people.value() or None,
            description=self.description.text(),
            handed_to=self.handed_to.text(),
            handed_at=read_named(self.form, self.handed_at, parse_tip_time) if handed else None,
            outcome=self.outcome.text(),
            id=self.editing.id if self.editing else new_id(),
        )

    def save(self) -> Saving | None:
        def read() -> Callable[[OpenRegister], Tip]:
            tip, now, person_ids = self.tip(), self.now, self.person_ids()
            if self.editing is None:
                return lambda register: ledger.add_tip(register, tip, now, person_ids)
            shown = self._read
            return lambda register: ledger.update_tip(register, tip, now, person_ids, shown)

        return self.write_on_lane(read, lambda saved: setattr(self, "saved", saved))
