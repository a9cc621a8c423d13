"""Recording a movement, keyboard first: the kind, the person found by search (or a guest
typed in), the days and what the kind asks for; correcting a saved one; and ending one."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QWidget

from desktop.domain.errors import KnownError
from desktop.domain.movements import LASTING_KINDS, Guest, Movement, MovementKind
from desktop.domain.text_bounds import MOVEMENT_TEXT
from desktop.domain.unreadable import carried, unreadable
from desktop.domain.validation import HOUSEHOLD_CODE_MAX
from desktop.services import ledger
from desktop.services.register import OpenRegister
from desktop.store.movements import ledger_rows
from desktop.ui.form_dialog import FormDialog
from desktop.ui.household_model import unreadable_text
from desktop.ui.ledger_model import day_text, kind_name
from desktop.ui.person_search import PersonSearch
from desktop.ui.tasks import TaskRunner
from desktop.ui.text_limits import limit_line, show_text

log = logging.getLogger(__name__)

# Which fields each kind asks for, besides the person (or guest) and the first day.
_FIELDS: dict[MovementKind, tuple[str, ...]] = {
    MovementKind.TAM_TRU: ("until", "place", "reason"),
    MovementKind.TAM_VANG: ("until", "place", "reason"),
    MovementKind.LUU_TRU: ("until", "reason", "border_belt", "permit"),
    MovementKind.DI_NUOC_NGOAI: ("until", "country", "gate", "reason"),
    MovementKind.VE_TU_NUOC_NGOAI: ("until", "country", "gate", "reason"),
    MovementKind.CHUYEN_DEN: ("place", "reason"),
    MovementKind.CHUYEN_DI: ("place", "reason"),
    MovementKind.SINH: (),
    MovementKind.CHET: ("reason",),
}


class MovementDialog(FormDialog):
    """Add one movement, or (``movement``) correct a saved one with the same checks;
    ``saved`` holds it once the dialog is accepted."""

    def __init__(
        self,
        register: OpenRegister,
        tasks: TaskRunner,
        today: dt.date,
        parent: QWidget | None = None,
        kind: MovementKind = MovementKind.TAM_VANG,
        movement: Movement | None = None,
    ) -> None:
        super().__init__("", self.save, parent, tasks=tasks)
        editing = movement is not None
        self.setWindowTitle(self.tr("Movement") if editing else self.tr("Record a movement"))
        self.register, self.today, self.original = register, today, movement
        self.saved: Movement | None = None
        self._person: tuple[str, str] | None = None  # (person id, household id)
        self.kind = QComboBox()
        for k in MovementKind:
            self.kind.addItem(kind_name(k), k)
        self.kind.setCurrentIndex(list(MovementKind).index(movement.kind if movement else kind))
        self.is_guest = QCheckBox(self.tr("A guest not in the register"))
        self.person_search = PersonSearch(register.db, self)
        self.person, self.hits = self.person_search.box, self.person_search.hits
        self.chosen = QLabel()
        self.chosen.setWordWrap(True)  # a long name with its household and hamlet
        self.guest_name, self.guest_year = QLineEdit(), QLineEdit()
        self.guest_id, self.nationality, self.host = QLineEdit(), QLineEdit(), QLineEdit()
        self.guest_year.setPlaceholderText(self.tr("yyyy"))
        self.nationality.setPlaceholderText(self.tr("Việt Nam"))
        self.host.setPlaceholderText(self.tr("Household code, e.g. NT-012"))
        limit_line(self.host, HOUSEHOLD_CODE_MAX)
        self.starts, self.until, self.ended = QLineEdit(day_text(today)), QLineEdit(), QLineEdit()
        for field in (self.starts, self.until, self.ended):
            field.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.place, self.country, self.gate = QLineEdit(), QLineEdit(), QLineEdit()
        self.trail = QCheckBox(self.tr('Not through a gate ("đường mòn, lối mở")'))
        self.reason = QLineEdit()
        self.border_belt = QCheckBox(self.tr("Enters the border belt (vành đai biên giới)"))
        self.permit = QLineEdit()
        self.permit.setPlaceholderText(self.tr("A foreign guest's permit: number, issued by"))
        for key, line in (
            ("guest_name", self.guest_name),
            ("guest_id_number", self.guest_id),
            ("guest_nationality", self.nationality),
            ("place", self.place),
            ("country", self.country),
            ("gate", self.gate),
            ("reason", self.reason),
            ("border_permit", self.permit),
        ):
            limit_line(line, MOVEMENT_TEXT[key])  # a pasted document is cut to it, and told
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
            ("ended", self.tr("Ended on"), self.ended),
            ("place", self.tr("Place"), self.place),
            ("country", self.tr("Country"), self.country),
            ("gate", self.tr("Border gate"), self.gate),
            ("trail", "", self.trail),
            ("reason", self.tr("Reason"), self.reason),
            ("border_belt", "", self.border_belt),
            ("permit", self.tr("Permit"), self.permit),
        ):
            self.form.addRow(label, widget)
            self._rows[key] = widget
        self.kind.currentIndexChanged.connect(self._show_fields)
        self.is_guest.toggled.connect(self._show_fields)
        self.person.textChanged.connect(self._forget_person)
        self.person_search.chosen.connect(self._choose)
        self.trail.toggled.connect(lambda on: self.gate.setEnabled(not on))
        # A width of its own: adjustSize() as the fields change kept it at ~350 px, the
        # person's hits and a refusal wrapped line after line.
        self.setMinimumWidth(520)
        self._read: Movement | None = None  # the saved movement as the form showed it
        if movement is not None:
            self._fill(movement)
        self._show_fields()
        if movement is not None:
            self._read = self._as_read()
        (self.starts if editing else self.kind).setFocus()

    def _fill(self, movement: Movement) -> None:
        """The saved movement's fields, to correct."""
        (row,) = ledger_rows(self.register.db, [movement.id]).values()
        guest = movement.guest
        self.is_guest.setChecked(guest is not None)
        if guest is not None:
            show_text(self.guest_name, guest.full_name)
            self.guest_year.setText(str(guest.birth_year or ""))
            show_text(self.guest_id, guest.id_number)
            show_text(self.nationality, guest.nationality)
            self.host.setText(row.household_code)
        elif movement.person_id is not None:
            self.choose_person(
                movement.person_id,
                movement.household_id,
                f"{row.full_name}  {row.household_code}  {row.hamlet}",
            )
        gone = unreadable(movement)  # a day CamKet cannot read: empty, said; the clerk types it
        for field, column, day in (
            (self.starts, "starts_on", movement.starts_on),
            (self.until, "until", movement.until),
            (self.ended, "ended_on", movement.ended_on),
        ):
            if column in gone:
                field.setPlaceholderText(unreadable_text(movement, column, ""))
            else:
                field.setText(day_text(day))
        show_text(self.place, movement.place)
        show_text(self.country, movement.country)
        show_text(self.gate, movement.gate)
        self.trail.setChecked(movement.via_trail)
        show_text(self.reason, movement.reason)
        self.border_belt.setChecked(movement.border_belt)
        show_text(self.permit, movement.border_permit)

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
        wanted |= {"ended"} if self.original is not None and kind in LASTING_KINDS else set()
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
        """The movement the form describes (KnownError when a day or the person is missing);
        a corrected one keeps its id and what the form does not show."""
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
            typed = self.person.text().strip()
            raise KnownError(
                "movement.choose_person_typed" if typed else "movement.choose_person", typed=typed
            )
        else:
            person_id, household_id = self._person
        starts = self.day_in(self.starts)
        assert starts is not None  # required
        written = Movement(
            kind=kind,
            household_id=household_id,
            starts_on=starts,
            person_id=person_id,
            guest=guest,
            until=self.day_in(self.until, required=False) if "until" in fields else None,
            place=self.place.text() if "place" in fields else "",
            country=self.country.text() if "country" in fields else "",
            gate=self.gate.text() if "gate" in fields and not self.trail.isChecked() else "",
            via_trail="gate" in fields and self.trail.isChecked(),
            reason=self.reason.text() if "reason" in fields else "",
            border_belt="border_belt" in fields and self.border_belt.isChecked(),
            border_permit=self.permit.text() if "permit" in fields else "",
        )
        if self.original is None:
            return written
        ended = self.day_in(self.ended, required=False) if kind in LASTING_KINDS else None
        edited = replace(
            self.original,
            **{name: getattr(written, name) for name in _FORM_FIELDS},
            ended_on=ended,
        )
        # A day CamKet could not read and the clerk left empty is kept (domain.unreadable).
        left = [c for c, f in (("until", self.until), ("ended_on", self.ended)) if not f.text()]
        return carried(self.original, edited, left)

    def _as_read(self) -> Movement | None:
        """The movement as the form shows it once filled: the save writes only what the clerk
        changed from it, so a merge's change to another field meanwhile is kept. None when
        the saved movement does not read back (its whole form is saved then, as before)."""
        try:
            return self.movement()
        except KnownError as error:
            log.warning(
                "movement %s does not read back into its form: %s",
                self.original.id if self.original else "",
                error.code,
            )
            return None

    def save(self) -> None:
        def read() -> Callable[[OpenRegister], Movement]:
            movement, today = self.movement(), self.today
            if self.original is None:
                return lambda register: ledger.add_movement(register, movement, today)
            shown = self._read
            return lambda register: ledger.edit_movement(register, movement, today, shown)

        self.write_on_lane(read, lambda saved: setattr(self, "saved", saved))


# What the form sets of a movement (a correction keeps the rest: handed over, reported…).
_FORM_FIELDS = (
    "kind", "household_id", "starts_on", "person_id", "guest", "until", "place", "country",
    "gate", "via_trail", "reason", "border_belt", "border_permit",
)  # fmt: skip


class EndMovementDialog(FormDialog):
    """The day a lasting movement ended (back home, the guest left); ``ended`` once saved."""

    def __init__(
        self,
        tasks: TaskRunner,
        movement_id: str,
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("", self.save, parent, tasks=tasks)
        self.setWindowTitle(self.tr("End a movement"))
        self.movement_id = movement_id
        self.ended: Movement | None = None
        self.day = QLineEdit(day_text(today))
        self.day.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.form.addRow(self.tr("Ended on"), self.day)
        self.day.selectAll()

    def save(self) -> None:
        def read() -> Callable[[OpenRegister], Movement]:
            movement_id, day = self.movement_id, self.day_in(self.day)
            assert day is not None  # required
            return lambda register: ledger.end_movement(register, movement_id, day)

        self.write_on_lane(read, lambda ended: setattr(self, "ended", ended))
