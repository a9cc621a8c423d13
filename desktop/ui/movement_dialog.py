"""Recording a movement, keyboard first: the kind, the person found by search (or a guest
typed in), the days and what the kind asks for; and ending one."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import KnownError
from desktop.domain.movements import Guest, Movement, MovementKind
from desktop.domain.pledges import parse_sheet_date
from desktop.messages import describe
from desktop.services import ledger
from desktop.services.register import OpenRegister
from desktop.ui.ledger_model import day_text, kind_name
from desktop.ui.person_search import PersonSearch

ERROR_STYLE = "color: #b00020;"
# Which fields each kind asks for, besides the person (or guest) and the first day.
_FIELDS: dict[MovementKind, tuple[str, ...]] = {
    MovementKind.TAM_TRU: ("until", "place", "reason"),
    MovementKind.TAM_VANG: ("until", "place", "reason"),
    MovementKind.LUU_TRU: ("until", "reason"),
    MovementKind.DI_NUOC_NGOAI: ("until", "country", "gate", "reason"),
    MovementKind.VE_TU_NUOC_NGOAI: ("until", "country", "gate", "reason"),
    MovementKind.CHUYEN_DEN: ("place", "reason"),
    MovementKind.CHUYEN_DI: ("place", "reason"),
    MovementKind.SINH: (),
    MovementKind.CHET: ("reason",),
}


def _day(text: str) -> dt.date | None:
    return parse_sheet_date(text) if text.strip() else None


class MovementDialog(QDialog):
    """Add one movement; ``saved`` holds it once the dialog is accepted."""

    def __init__(
        self,
        register: OpenRegister,
        today: dt.date,
        parent: QWidget | None = None,
        kind: MovementKind = MovementKind.TAM_VANG,
    ) -> None:
        super().__init__(parent)
        self.register, self.today = register, today
        self.saved: Movement | None = None
        self._person: tuple[str, str] | None = None  # (person id, household id)
        self.setWindowTitle(self.tr("Record a movement"))
        self.kind = QComboBox()
        for k in MovementKind:
            self.kind.addItem(kind_name(k), k)
        self.kind.setCurrentIndex(list(MovementKind).index(kind))
        self.is_guest = QCheckBox(self.tr("A guest not in the register"))
        self.person_search = PersonSearch(register.db, self)
        self.person, self.hits = self.person_search.box, self.person_search.hits
        self.chosen = QLabel()
        self.guest_name, self.guest_year = QLineEdit(), QLineEdit()
        self.guest_id, self.nationality, self.host = QLineEdit(), QLineEdit(), QLineEdit()
        self.guest_year.setPlaceholderText(self.tr("yyyy"))
        self.nationality.setPlaceholderText(self.tr("Việt Nam"))
        self.host.setPlaceholderText(self.tr("Household code, e.g. NT-012"))
        self.starts, self.until = QLineEdit(day_text(today)), QLineEdit()
        for field in (self.starts, self.until):
            field.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.place, self.country, self.gate = QLineEdit(), QLineEdit(), QLineEdit()
        self.trail = QCheckBox(self.tr('Not through a gate ("đường mòn, lối mở")'))
        self.reason = QLineEdit()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.form = QFormLayout()
        self._rows: dict[str, QWidget] = {}
        for key, label, widget in (
            ("kind", self.tr("Kind"), self.kind),
            ("is_guest", "", self.is_guest),
            ("person", self.tr("Person"), self.person),
            ("hits", "", self.hits),
            ("chosen", "", self.chosen),
            ("guest_name", self.tr("Guest's full name"), self.guest_name),
            ("guest_year", self.tr("Birth year"), self.guest_year),
            ("guest_id", self.tr("ID card or passport"), self.guest_id),
            ("nationality", self.tr("Nationality"), self.nationality),
            ("host", self.tr("Staying at household"), self.host),
            ("starts", self.tr("From"), self.starts),
            ("until", self.tr("Until"), self.until),
            ("place", self.tr("Place"), self.place),
            ("country", self.tr("Country"), self.country),
            ("gate", self.tr("Border gate"), self.gate),
            ("trail", "", self.trail),
            ("reason", self.tr("Reason"), self.reason),
        ):
            self.form.addRow(label, widget)
            self._rows[key] = widget
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._show_fields)
        self.is_guest.toggled.connect(self._show_fields)
        self.person.textChanged.connect(self._forget_person)
        self.person_search.chosen.connect(self._choose)
        self.trail.toggled.connect(lambda on: self.gate.setEnabled(not on))
        self.resize(560, 0)
        self._show_fields()
        self.kind.setFocus()

    # --- the person ---------------------------------------------------------------------

    def _choose(self, person_id: str, household_id: str, label: str) -> None:
        self.choose_person(person_id, household_id, label)
        self.starts.setFocus()
        self.starts.selectAll()

    def _forget_person(self) -> None:
        self._person = None
        self.chosen.clear()

    def choose_person(self, person_id: str, household_id: str, label: str) -> None:
        """Start with this person chosen (opened from a household or a reminder)."""
        self._person = (person_id, household_id)
        self.chosen.setText(self.tr("Chosen: {who}").format(who=label))

    # --- the fields the kind asks for ----------------------------------------------------

    def current_kind(self) -> MovementKind:
        return MovementKind(self.kind.currentData())

    def _show_fields(self) -> None:
        kind = self.current_kind()
        guest_allowed = kind is MovementKind.LUU_TRU
        guest = guest_allowed and self.is_guest.isChecked()
        wanted = set(_FIELDS[kind]) | {"kind", "starts"}
        wanted |= {"is_guest"} if guest_allowed else set()
        if guest:
            wanted |= {"guest_name", "guest_year", "guest_id", "nationality", "host"}
        else:
            wanted |= {"person", "hits", "chosen"}
        for key, widget in self._rows.items():
            self.form.setRowVisible(widget, key in wanted)
        labels = {
            MovementKind.TAM_TRU: (self.tr("Until"), self.tr("Permanent residence")),
            MovementKind.TAM_VANG: (self.tr("Expected back"), self.tr("Going to")),
            MovementKind.DI_NUOC_NGOAI: (self.tr("Expected back"), ""),
            MovementKind.VE_TU_NUOC_NGOAI: (self.tr("Follow up until"), ""),
            MovementKind.CHUYEN_DEN: ("", self.tr("Moved in from")),
            MovementKind.CHUYEN_DI: ("", self.tr("Moved out to")),
        }
        until_label, place_label = labels.get(kind, (self.tr("Until"), self.tr("Place")))
        for field, text in ((self.until, until_label), (self.place, place_label)):
            label = self.form.labelForField(field)
            if text and isinstance(label, QLabel):
                label.setText(text)
        self.adjustSize()

    # --- saving --------------------------------------------------------------------------

    def movement(self) -> Movement:
        """The movement the form describes (KnownError when a day or the person is missing)."""
        kind = self.current_kind()
        fields = _FIELDS[kind]
        guest = None
        if kind is MovementKind.LUU_TRU and self.is_guest.isChecked():
            year = self.guest_year.text().strip()
            if year and not year.isdigit():
                raise KnownError("movement.bad_birth_year", year=year)
            guest = Guest(
                self.guest_name.text(), int(year) if year else None, self.guest_id.text(),
                self.nationality.text(),
            )  # fmt: skip
            person_id, household_id = (
                None,
                ledger.host_household(self.register.db, self.host.text()),
            )
        elif self._person is None:
            raise KnownError("movement.unknown_person", person=self.person.text())
        else:
            person_id, household_id = self._person
        starts = _day(self.starts.text())
        if starts is None:
            raise KnownError("date.unparseable", text="")
        return Movement(
            kind=kind,
            household_id=household_id,
            starts_on=starts,
            person_id=person_id,
            guest=guest,
            until=_day(self.until.text()) if "until" in fields else None,
            place=self.place.text() if "place" in fields else "",
            country=self.country.text() if "country" in fields else "",
            gate=self.gate.text() if "gate" in fields and not self.trail.isChecked() else "",
            via_trail="gate" in fields and self.trail.isChecked(),
            reason=self.reason.text() if "reason" in fields else "",
        )

    def save(self) -> None:
        try:
            self.saved = ledger.add_movement(self.register, self.movement(), self.today)
        except KnownError as err:
            self.error.setText(describe(err))
            return
        self.accept()


class EndMovementDialog(QDialog):
    """The day a lasting movement ended (back home, the guest left); ``ended`` once saved."""

    def __init__(
        self,
        register: OpenRegister,
        movement_id: str,
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.register, self.movement_id = register, movement_id
        self.ended: Movement | None = None
        self.setWindowTitle(self.tr("End a movement"))
        self.day = QLineEdit(day_text(today))
        self.day.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Ended on"), self.day)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.day.selectAll()

    def save(self) -> None:
        try:
            self.ended = ledger.end_movement(
                self.register, self.movement_id, parse_sheet_date(self.day.text())
            )
        except KnownError as err:
            self.error.setText(describe(err))
            return
        self.accept()
