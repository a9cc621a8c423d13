"""The communes a register holds side by side (an upper level's view), a commune's data
dropped from it, and a bundle's file name."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from desktop.domain.entities import Commune
from desktop.domain.errors import KnownError
from desktop.domain.long_work import Cancelled, Progress, WorkStopped
from desktop.domain.text import fold_for_search
from desktop.services.register import OpenRegister
from desktop.services.set_apart import doubled_communes
from desktop.store import local
from desktop.store.admin_units import find_commune
from desktop.store.backups import take_backup
from desktop.store.places import hamlet_labels
from desktop.store.presence import gone_sql
from desktop.store.registry import TABLES, commune_rows_sql


@dataclass(frozen=True)
class CampaignShare:
    """How many of a commune's households signed the pledge of one campaign."""

    title: str
    signed: int
    households: int

    @property
    def percent(self) -> float:
        return 100.0 * self.signed / self.households if self.households else 0.0


@dataclass(frozen=True)
class CommuneSummary:
    code: str
    name: str
    last_received: str  # UTC ISO time of the last bundle received with it; "" when none
    households: int
    people: int
    campaigns: tuple[CampaignShare, ...]  # the campaigns its households have pledges in
    # Its hamlets held twice, from two of its registers set up apart (set_apart): its
    # households are likely counted twice.
    doubled: tuple[str, ...] = ()


def commune_summaries(db: Database) -> list[CommuneSummary]:
    """Every commune of the register, by code: its last bundle received, its live households
    and living people (not dead or moved out), the share of households that signed in
    each of its campaigns, and its hamlets held twice (set up apart, merged before merges
    refused it)."""
    households = dict(
        db.execute(
            "SELECT commune_code, count(*) FROM household WHERE deleted = 0 GROUP BY commune_code"
        ).fetchall()
    )
    people = dict(
        db.execute(
            f"""SELECT h.commune_code, count(*) FROM person p JOIN household h
               ON h.id = p.household_id WHERE p.deleted = 0 AND h.deleted = 0
               AND NOT {gone_sql("p.id", dt.date.today())}
               GROUP BY h.commune_code"""
        ).fetchall()
    )
    shares: dict[str, list[tuple[str, int]]] = {}
    for code, title, signed in db.execute(
        """SELECT h.commune_code, c.title, sum(p.status = 'da_ky') FROM pledge p
           JOIN household h ON h.id = p.household_id JOIN campaign c ON c.id = p.campaign_id
           WHERE p.deleted = 0 AND h.deleted = 0 AND c.deleted = 0
           GROUP BY h.commune_code, c.id ORDER BY h.commune_code, c.starts_on, c.title"""
    ).fetchall():
        shares.setdefault(code, []).append((title, int(signed or 0)))
    received = _last_received(db)
    doubled = dict(doubled_communes(db))
    return [
        CommuneSummary(
            code,
            name,
            received.get(code, ""),
            households.get(code, 0),
            people.get(code, 0),
            tuple(
                CampaignShare(title, signed, households.get(code, 0))
                for title, signed in shares.get(code, [])
            ),
            tuple(doubled.get(code, ())),
        )
        for code, name in db.execute(
            "SELECT code, name FROM commune WHERE deleted = 0 ORDER BY code"
        ).fetchall()
    ]


def _last_received(db: Database) -> dict[str, str]:
    last: dict[str, str] = {}
    for codes, at in db.execute(
        "SELECT commune_codes, max(at) FROM bundle_log WHERE direction = 'received'"
        " GROUP BY commune_codes"
    ).fetchall():
        for code in str(codes).split():
            last[code] = max(last.get(code, ""), at)
    return last


@dataclass(frozen=True)
class CommuneHeld:
    """What an upper register holds of one commune: what a person confirms dropping."""

    code: str
    name: str
    households: int  # live
    people: int  # live


def commune_held(db: Database, code: str) -> CommuneHeld:
    """The commune's live households and people here; KnownError when the register is a
    commune's (it holds no other) or holds nothing of that commune."""
    if not local.is_upper(db):
        raise KnownError("commune.forget_in_commune_register")
    row = db.execute(
        """SELECT c.name, (SELECT count(*) FROM household h
             WHERE h.commune_code = c.code AND h.deleted = 0),
           (SELECT count(*) FROM person p WHERE p.commune_code = c.code AND p.deleted = 0)
           FROM commune c WHERE c.code = ? AND c.deleted = 0""",
        [code],
    ).fetchone()
    if row is None:
        raise KnownError("commune.not_held", code=code)
    return CommuneHeld(code, row[0], row[1], row[2])


@dataclass(frozen=True)
class CommuneForgotten:
    held: CommuneHeld  # as it was
    rows: int  # rows made tombstones, every table
    backup: Path | None  # the copy taken first; None when cancelled before
    cancelled: bool = False
    households: int = 0  # of the rows


def forget_commune(
    reg: OpenRegister,
    code: str,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    *,
    keep: Path | None = None,
) -> CommuneForgotten:
    """Drop a commune's data from an upper register (its register there was set up apart
    from the one its PCs use now, or it is there twice): every row of it, hamlets to tips'
    people, becomes a tombstone that travels (store.sync: Writer.forget_rows), after a
    backup copy, in one transaction, audited. A register this one merges into drops them
    too; a later bundle of the register they came from meets deletions that follow what it
    sent: its rows unchanged since stay deleted, those it changed are conflicts. The
    commune's own row stays (its name, and the id every installation gives it): the
    commune's next bundle, of the register it uses now, merges as a first one. ``keep``:
    a full bundle of the commune's register that stays (merged here already): its rows are
    spared, every other row of the commune dropped (a commune taken twice before merges
    refused it: set_apart.doubled_communes)."""
    held = commune_held(reg.db, code)
    kept = _rows_of_bundle(reg, keep, code) if keep is not None else {}
    if cancelled and cancelled():
        return CommuneForgotten(held, 0, None, cancelled=True)
    backup = take_backup(reg.db, reg.path, "forget")
    rows = households = 0
    try:
        with reg.db.atomic():
            tables = [
                (spec.name, sql) for spec in TABLES
                if spec.name != "commune" and (sql := commune_rows_sql(spec)) is not None
            ]  # fmt: skip
            for number, (name, sql) in enumerate(tables):
                if cancelled and cancelled():
                    raise WorkStopped
                spared = kept.get(name, set())
                ids = [r for (r,) in reg.db.execute(sql, [code]) if r not in spared]
                written = reg.writer.forget_rows(name, ids)
                if written:
                    reg.writer.note_bulk(name, "forget", {"commune": code, "rows": written})
                rows += written
                households += written if name == "household" else 0
                if progress:
                    progress(number + 1, len(tables) + 1)
            reg.writer.note("commune", code, "forget", {"households": households, "rows": rows})
    except WorkStopped:
        return CommuneForgotten(held, 0, backup, cancelled=True)
    if progress:
        progress(len(tables) + 1, len(tables) + 1)
    return CommuneForgotten(held, rows, backup, households=households)


def _rows_of_bundle(reg: OpenRegister, path: Path, code: str) -> dict[str, set[str]]:
    """The ids of every row of a full bundle of the commune's own register, by table."""
    from desktop.exchange.bundle_file import open_bundle
    from desktop.services.merge import decryptor

    bundle = open_bundle(path, decryptor(reg.db))
    try:
        manifest = bundle.manifest
        if (
            manifest.register != "commune"
            or manifest.communes != [code]
            or (manifest.kind != "full")
        ):
            what = (
                "tệp các thay đổi"
                if manifest.kind != "full" and manifest.register == "commune"
                else f"tệp của {' '.join(manifest.communes)} ({manifest.register})"
            )
            raise KnownError("commune.keep_not_its", file=path.name, code=code, what=what)
        ids: dict[str, set[str]] = {}
        for spec in TABLES:
            lines = bundle.rows(spec.name)
            header = next(lines, None)
            if header is not None and "id" in header:
                at = header.index("id")
                ids[spec.name] = {cells[at] for cells in lines}
        return ids
    finally:
        bundle.close()


def hamlet_choices(db: Database) -> list[tuple[str, str]]:
    """(id, label) of every live hamlet, in list order (desktop.store.places.hamlet_labels:
    labelled with its commune, 'Thôn 2 (Sìn Hồ)', when the register holds several)."""
    return list(hamlet_labels(db).items())


_KIND_WORDS = ("xa ", "phuong ", "dac khu ", "thi tran ")


def bundle_file_name(commune: Commune, day: dt.date) -> str:
    """'sin-ho-2026-12-05.camket': the commune's short name without diacritics (an upper
    register's own name) and the day."""
    unit = find_commune(commune.code) if commune.code else None
    words = fold_for_search(unit.short_name if unit else commune.name)
    for kind in _KIND_WORDS:
        if words.startswith(kind):
            words = words[len(kind) :]
    stem = "-".join(words.split()) or "camket"
    return f"{stem}-{day.isoformat()}.camket"
