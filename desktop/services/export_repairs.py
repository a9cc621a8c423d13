"""Rows a bundle may not carry that no screen can repair (a deleted row's text longer than its
bound, an attachment's file name that is no plain name, both stored before those rules), made
sendable by CamKet itself just before an export: local, audited edits through the writer."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlite_utils import Database

from desktop.domain.errors import KnownError
from desktop.domain.file_names import unique_file_name
from desktop.domain.text_bounds import ATTACHMENT_TEXT, cut_to_bound
from desktop.domain.validation import Issue, IssueCode, Severity
from desktop.services.register import OpenRegister
from desktop.store.column_rules import TEXT_BOUNDS
from desktop.store.long_texts import LongText, OddFileName, long_texts, odd_file_names
from desktop.store.register_database import known_sqlite_errors
from desktop.store.registry import commune_sql, table

# Rows named when an export is refused for texts too long (`camket check` names them all).
LISTED = 20
ATTACHMENT = "tệp đính kèm cam kết của hộ"


@dataclass(frozen=True)
class Repair:
    """One text CamKet cut to its bound, or one attachment it renamed, before an export."""

    entity: str  # the row's kind: "hộ", "nhân khẩu", "tệp đính kèm cam kết của hộ"…
    label: str  # what a clerk knows it by: "NT-001 (đã xoá)"
    field: str  # as the window's form names it: "Ghi chú", "Tên tệp"
    length: int = 0  # a text cut: its length before, and its bound now
    maximum: int = 0
    old_name: str = ""  # an attachment renamed
    new_name: str = ""


def prepare_export(reg: OpenRegister, since: int = 0) -> tuple[Repair, ...]:
    """Before an export (of every row, or of the changes after the mark ``since``): refuse
    it while a text the clerk can edit is longer than its bound (KnownError
    ``export.long_texts``, naming them); else cut the texts of rows no screen opens (deleted,
    or of a deleted household) to their bounds and give each attachment whose name is no
    plain name its plain one, in one audited transaction committed before the export reads
    its snapshot. An upper-level register edits no commune's rows: it refuses the export,
    naming them and their communes, until the commune's next bundle (repaired there by its
    own export) is merged (KnownError ``export.upper_unsendable``)."""
    texts, names = long_texts(reg.db, since), odd_file_names(reg.db, since)
    if not texts and not names:
        return ()
    if not reg.writer.edits_communes:
        rows = upper_rows(reg.db, texts, names)
        raise KnownError("export.upper_unsendable", count=len(rows), rows=tuple(rows[:LISTED]))
    left = [found for found in texts if not found.cuttable]
    if left:
        raise long_texts_refusal(left)
    return tuple(_repair(reg, [t for t in texts if t.cuttable], names))


def repair_unsendable(reg: OpenRegister) -> tuple[Repair, ...]:
    """`camket check --fix`: the repairs an export would make, made now (whatever texts the
    clerk still has to shorten); none in an upper-level register, which edits no commune's
    rows."""
    if not reg.writer.edits_communes:
        return ()
    texts = [found for found in long_texts(reg.db) if found.cuttable]
    names = odd_file_names(reg.db)
    return tuple(_repair(reg, texts, names)) if texts or names else ()


Named = tuple[str, str, Issue]  # a row's kind, what a clerk knows it by, what is wrong


def unsendable_rows(db: Database, *, upper: bool) -> list[Named]:
    """For `camket check`: every row a bundle may not carry as it is. A text the clerk can
    edit is an error to shorten; what the export repairs itself is a warning saying so; in an
    upper-level register each is an error naming its commune, whose next bundle repairs it."""
    texts, names = long_texts(db), odd_file_names(db)
    if upper:
        return upper_rows(db, texts, names)
    return [
        (f.entity, f.label, f.issue if not f.cuttable else _cut_at_export(f)) for f in texts
    ] + [
        (
            ATTACHMENT,
            n.label,
            Issue(
                "file_name",
                IssueCode.FILE_NAME_RENAMED_AT_EXPORT,
                Severity.WARNING,
                {"name": n.file_name},
            ),
        )
        for n in names
    ]


def _cut_at_export(found: LongText) -> Issue:
    return Issue(found.column, IssueCode.TEXT_CUT_AT_EXPORT, Severity.WARNING, _sizes(found))


def long_texts_refusal(found: list[LongText]) -> KnownError:
    """The export's refusal naming texts the clerk shortens first (every peer would refuse
    the bundle whole)."""
    rows = tuple((f.entity, f.label, f.issue) for f in found[:LISTED])
    return KnownError("export.long_texts", count=len(found), rows=rows)


def _repair(reg: OpenRegister, texts: list[LongText], names: list[OddFileName]) -> list[Repair]:
    writer, db = reg.writer, reg.db
    done: list[Repair] = []
    by_row: dict[tuple[str, str], list[LongText]] = defaultdict(list)
    for found in texts:
        by_row[found.table, found.row_id].append(found)
    with known_sqlite_errors(reg.path), db.atomic():  # a full disk said so, nothing written
        for (table_name, row_id), columns in by_row.items():
            values = _stored(db, table_name, row_id, [f.column for f in columns])
            cut = {f.column: cut_to_bound(values[f.column], f.maximum) for f in columns}
            writer.update(table_name, row_id, cut)
            for f in columns:  # lengths only: a private text (a tip's informant) is no log's
                reason = {"column": f.column, "length": f.length, "maximum": f.maximum}
                writer.note(table_name, row_id, "shorten_to_send", reason)
                field = TEXT_BOUNDS[table_name, f.column].label
                done.append(Repair(f.entity, f.label, field, f.length, f.maximum))
        taken = _names_by_household(db, {n.household_id for n in names})
        for odd in names:
            others = taken[odd.household_id]
            new_name = unique_file_name(odd.file_name, others - {odd.file_name})
            others.discard(odd.file_name)
            others.add(new_name)
            writer.update("attachment", odd.row_id, {"file_name": new_name})
            renamed = {"file_name": odd.file_name, "new_name": new_name}
            writer.note("attachment", odd.row_id, "rename_to_send", renamed)
            field = ATTACHMENT_TEXT["file_name"].label
            done.append(
                Repair(ATTACHMENT, odd.label, field, old_name=odd.file_name, new_name=new_name)
            )
    return done


def _stored(db: Database, table_name: str, row_id: str, columns: list[str]) -> dict[str, str]:
    names = ", ".join(f"[{c}]" for c in columns)
    row = db.execute(f"SELECT {names} FROM [{table_name}] WHERE id = ?", [row_id]).fetchone()
    return dict(zip(columns, row, strict=True))


def _names_by_household(db: Database, household_ids: set[str]) -> dict[str, set[str]]:
    """The file names of every attachment (tombstones too) of each household's pledges."""
    taken: dict[str, set[str]] = defaultdict(set)
    for household_id in household_ids:
        for (name,) in db.execute(
            "SELECT a.file_name FROM attachment a JOIN pledge p ON p.id = a.pledge_id"
            " WHERE p.household_id = ?",
            [household_id],
        ):
            taken[household_id].add(name or "")
    return taken


def upper_rows(db: Database, texts: list[LongText], names: list[OddFileName]) -> list[Named]:
    """An upper-level register forwards its communes' rows as they sent them: each row a
    peer would refuse, named with its commune, whose next bundle brings it repaired."""
    communes = {
        name: _communes_of(db, name, [t.row_id for t in texts if t.table == name])
        for name in {t.table for t in texts}
    }
    communes["attachment"] = {
        **communes.get("attachment", {}),
        **_communes_of(db, "attachment", [n.row_id for n in names]),
    }
    rows: list[Named] = [
        (
            f.entity,
            f.label + _of_commune(communes[f.table].get(f.row_id)),
            Issue(f.column, IssueCode.TEXT_TOO_LONG_TO_SEND, Severity.ERROR, _sizes(f)),
        )
        for f in texts
    ] + [
        (
            ATTACHMENT,
            n.label + _of_commune(communes["attachment"].get(n.row_id)),
            Issue(
                "file_name", IssueCode.FILE_NAME_NOT_PLAIN, Severity.ERROR, {"name": n.file_name}
            ),
        )
        for n in names
    ]
    return rows


def _of_commune(code: str | None) -> str:
    return f", xã {code}" if code else ""


def _sizes(found: LongText) -> dict[str, int]:
    return {"length": found.length, "maximum": found.maximum}


def _communes_of(db: Database, table_name: str, ids: list[str]) -> dict[str, str]:
    sql = commune_sql(table(table_name))
    if sql is None or not ids:  # a template, a campaign: of no one commune
        return {}
    marks = ", ".join("?" * len(ids))
    return {row_id: code for row_id, code in db.execute(f"{sql} ({marks})", ids)}
