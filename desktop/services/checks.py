"""`camket check`: SQLite's integrity check plus the domain validation of every live row and
the values of every row a bundle could not carry."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from sqlite_utils import Database

from desktop.domain.entities import Household, Person
from desktop.domain.errors import KnownError
from desktop.domain.pledges import validate_stored_pledge
from desktop.domain.roster import duplicate_issue, id_number_key
from desktop.domain.unreadable import unreadable
from desktop.domain.validation import (
    Issue,
    IssueCode,
    Severity,
    validate_hamlet,
    validate_household,
    validate_person,
)
from desktop.services.export_repairs import unsendable_rows
from desktop.services.half_deleted import HalfDeletedKind, half_deleted_households
from desktop.services.set_apart import commune_label, doubled_communes
from desktop.store import households as repo
from desktop.store import local
from desktop.store import pledges as pledge_store
from desktop.store.backups import Backup, list_backups
from desktop.store.damage import clear_damaged, mark_damaged
from desktop.store.encryption import database_errors
from desktop.store.places import hamlet_labels, several_communes, short_commune_name
from desktop.store.register import expected_tables, open_register


@dataclass(frozen=True)
class Finding:
    entity: str
    label: str  # what a clerk recognises: household code, person's name
    issue: Issue


T = TypeVar("T")
LATEST_BACKUPS = 3  # named when the register is damaged
_NO_DATES: tuple[dt.date | None, dt.date | None] = (None, None)  # a pledge of no campaign


@dataclass
class CheckReport:
    integrity: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    backups: list[Backup] = field(default_factory=list)  # the latest, when the file is damaged

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.issue.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.issue.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        return not self.integrity and not self.errors

    def _restore_lines(self) -> list[str]:
        if not self.backups:
            return ["Sổ bị hỏng và chưa có bản sao lưu nào; đừng ghi thêm vào sổ này."]
        out = ["Sổ bị hỏng: khôi phục từ bản sao lưu gần nhất (camket restore TỆP --db SỔ):"]
        for backup in self.backups:
            taken = backup.taken_at.astimezone().strftime("%H:%M %d/%m/%Y")
            out.append(f"  {backup.path} ({taken})")
        return out

    def lines(self, describe: Callable[[Issue], str] | None = None) -> list[str]:
        word = describe or (lambda issue: f"{issue.field}: {issue.code}")
        out = ["Kiểm tra toàn vẹn SQLite: " + ("ổn" if not self.integrity else "LỖI")]
        out += [f"  {line}" for line in self.integrity]
        if self.integrity:
            out += self._restore_lines()
        if self.counts:
            out.append(
                "Đã kiểm tra: " + ", ".join(f"{n} {name}" for name, n in self.counts.items())
            )
        for finding in self.findings:
            level = "LỖI" if finding.issue.severity is Severity.ERROR else "cảnh báo"
            out.append(f"  [{level}] {finding.entity} {finding.label}: {word(finding.issue)}")
        out.append(f"{len(self.errors)} lỗi, {len(self.warnings)} cảnh báo")
        return out


def check_register(path: Path | str, today: dt.date | None = None) -> CheckReport:
    """SQLite's integrity check, the tables the register must have, then every live row.
    A damaged file is named with the latest backups to restore from, and marked damaged so
    that no command writes to it; a sound one is no longer marked. Never writes to the file."""
    report = CheckReport()
    try:
        db = open_register(path, read_only=True)
    except KnownError as err:
        if err.code != "db.corrupt":
            raise
        report.integrity = [str(err.params.get("detail", err.code))]
    else:
        try:
            report.integrity = _damage(db)
            if not report.integrity:
                _validate(db, report, today or dt.date.today())
        except database_errors() as exc:  # a damaged page met while reading the rows
            report.integrity.append(f"đọc hỏng: {exc}")
        finally:
            db.close()
    if report.integrity:
        mark_damaged(path, report.integrity[0])
        report.backups = list_backups(path)[:LATEST_BACKUPS]
    else:
        clear_damaged(path)
    return report


def _damage(db: Database) -> list[str]:
    missing = sorted(expected_tables() - set(db.table_names()))
    if missing:  # the checks below would stumble on them
        return [f"thiếu bảng {table}" for table in missing]
    found: list[str] = []
    result = [row[0] for row in db.execute("PRAGMA integrity_check").fetchall()]
    if result != ["ok"]:
        found += result
    fk = db.execute("PRAGMA foreign_key_check").fetchall()
    return found + [f"khoá ngoại hỏng: bảng {row[0]}, dòng {row[1]}" for row in fk]


def _validate(db: Database, report: CheckReport, today: dt.date) -> None:
    """The domain's checks of every live hamlet, household, person and pledge, commune by
    commune (the order of the name indexes: m0008)."""
    live = db.query("SELECT * FROM hamlet WHERE deleted = 0 ORDER BY sort_key")
    hamlets = list(_read(live, repo.hamlet_from))
    # A register of several communes (an upper one's) names each row's commune, as its lists
    # do: two communes' NT-001 or Thôn 1 are told apart.
    several = several_communes(db)
    hamlet_names = hamlet_labels(db) if several else {}
    names_of_hamlets = {h.id: hamlet_names.get(h.id, h.name) for h in hamlets}
    for hamlet in hamlets:
        name = names_of_hamlets[hamlet.id]
        report.findings += [Finding("thôn", name, i) for i in _short(validate_hamlet(hamlet))]
    codes: dict[str, str] = {}  # a household's code, with its commune in an upper register
    taken: set[tuple[str, str]] = set()  # two PCs may number a new household alike
    n_households = n_people = 0
    households = "SELECT * FROM household WHERE deleted = 0 ORDER BY commune_code, sort_key"
    for row, household in _rows_read(db.query(households), repo.household_from):
        commune = row["commune_code"]
        shown = household.code or _without_code(db, household, names_of_hamlets)
        code = codes[household.id] = (
            f"{shown}, {short_commune_name(commune, commune)}" if several else shown
        )
        label = f"{shown} ({short_commune_name(commune, commune)})" if several else code
        n_households += 1
        found = _short(validate_household(household))
        report.findings += [Finding("hộ", label, i) for i in found]
        if (commune, household.code) in taken:
            clash = Issue("code", IssueCode.HOUSEHOLD_CODE_TAKEN, Severity.ERROR)
            report.findings.append(Finding("hộ", label, clash))
        taken.add((row["commune_code"], household.code))
    members: dict[str, set[str]] = defaultdict(set)
    holders: dict[str, Person] = {}  # personal ID -> the first person found with it
    people = db.query("SELECT * FROM person WHERE deleted = 0 ORDER BY commune_code, sort_key")
    for person in _read(people, repo.person_from):
        members[person.household_id].add(person.id)
        n_people += 1
        label = f"{person.full_name} (hộ {codes.get(person.household_id, '?')})"
        # A value CamKet cannot read is named once, by services.unsendable.
        gone = unreadable(person)
        found = [i for i in _short(validate_person(person, today)) if i.field not in gone]
        report.findings += [Finding("nhân khẩu", label, i) for i in found]
        key = id_number_key(person.id_number)
        if key is not None and key in holders:
            first = holders[key]
            issue = duplicate_issue(
                "id_number",
                IssueCode.ID_NUMBER_DUPLICATE,
                first,
                codes.get(first.household_id, "?"),
            )
            report.findings.append(Finding("nhân khẩu", label, issue))
        elif key is not None:
            holders[key] = person
    n_pledges = 0
    # A campaign whose date CamKet cannot read is named by services.unsendable (_rows_read).
    campaigns = db.query("SELECT *, 0 AS is_current FROM campaign WHERE deleted = 0")
    dates = {c.id: (c.starts_on, c.ends_on) for c in _read(campaigns, pledge_store.campaign_from)}
    for pledge in _read(
        db.query(
            "SELECT p.* FROM pledge p JOIN household h ON h.id = p.household_id"
            " WHERE p.deleted = 0 AND h.deleted = 0 ORDER BY h.commune_code, h.sort_key"
        ),
        pledge_store.pledge_from,
    ):
        n_pledges += 1
        report.findings += [
            Finding("cam kết của hộ", _parenthesised(codes.get(pledge.household_id, "?")), i)
            for i in validate_stored_pledge(
                pledge,
                members[pledge.household_id],
                today,
                *dates.get(pledge.campaign_id, _NO_DATES),
            )
        ]
    half = Issue("household", IssueCode.HOUSEHOLD_HALF_DELETED, Severity.WARNING)
    report.findings += [
        Finding(
            "hộ", f"{h.code} (đã xoá)" if h.kind is HalfDeletedKind.DELETED_IN_USE else h.code, half
        )
        for h in half_deleted_households(db)
    ]
    # Every text a bundle could not carry, of every synced table (tombstones too: they
    # travel), and every attachment's name that is no plain name, as the export refuses or
    # repairs them: named once here, not by the checks above.
    report.findings += [Finding(*row) for row in unsendable_rows(db, upper=local.is_upper(db))]
    if local.is_upper(db):  # registers made before merges refused a commune set up apart
        report.findings += [
            Finding(
                "xã",
                commune_label(code),
                Issue(
                    "hamlet",
                    IssueCode.COMMUNE_DOUBLED,
                    Severity.ERROR,
                    {"hamlets": ", ".join(hamlets), "code": code},
                ),
            )
            for code, hamlets in doubled_communes(db)
        ]
    report.counts = {
        "thôn/bản": len(hamlets),
        "hộ": n_households,
        "nhân khẩu": n_people,
        "bản cam kết": n_pledges,
    }


def _without_code(db: Database, household: Household, hamlet_names: dict[str, str]) -> str:
    """How a household with no code (written by another program) is named: by its head and
    hamlet, as the household list finds it."""
    head = db.execute("SELECT full_name FROM person WHERE id = ?", [household.head_id]).fetchone()
    hamlet = hamlet_names.get(household.hamlet_id, "?")
    return f"chưa có mã, chủ hộ {head[0] if head else '?'}, {hamlet}"


def _parenthesised(code: str) -> str:
    """'NT-001 (Sìn Hồ)' for the 'NT-001, Sìn Hồ' a person's label holds."""
    code, comma, commune = code.partition(", ")
    return f"{code} ({commune})" if comma else code


def _rows_read(
    rows: Iterable[dict[str, Any]], reader: Callable[[dict[str, Any]], T]
) -> Iterator[tuple[dict[str, Any], T]]:
    """Each row with what ``reader`` makes of it; a row holding a value CamKet cannot read (a
    code, a date written by another program or an old version) is left out: the merge's
    decoder refuses the same values (store.column_rules reads codes and dates as these
    readers do), so services.unsendable names each, as an error saying what to do."""
    for row in rows:
        try:
            yield row, reader(row)
        except (ValueError, TypeError):
            continue


def _read(rows: Iterable[dict[str, Any]], reader: Callable[[dict[str, Any]], T]) -> Iterator[T]:
    """What ``reader`` makes of each row it can read (_rows_read)."""
    return (value for _row, value in _rows_read(rows, reader))


def _short(issues: list[Issue]) -> list[Issue]:
    """``issues`` but a text too long (services.unsendable names those, for every table)."""
    return [i for i in issues if i.code != IssueCode.TEXT_TOO_LONG]
