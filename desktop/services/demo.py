"""Demo registers: repeatable, realistic synthetic households written in one fast transaction."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path

from sqlite_utils import Database

from desktop.domain.entities import Gender, Hamlet, ResidenceKind, new_id
from desktop.domain.errors import KnownError
from desktop.domain.long_work import Cancelled, Progress, WorkStopped
from desktop.domain.pledges import Pledge, PledgeStatus
from desktop.services import demo_names as names
from desktop.services.demo_households import DemoGenerator, HamletPlan
from desktop.services.demo_ledger import populate_ledger
from desktop.services.pledges import witness_line
from desktop.services.register import (
    OpenRegister,
    create_register,
    hamlet_kind_of,
    official_commune,
)
from desktop.store import households as repo
from desktop.store import pledges as pledge_store
from desktop.store.bulk import bulk_load, insert_rows
from desktop.store.local import REGISTER_COMMUNE, mark_sample, set_setting
from desktop.store.sync import Writer

MAX_DEMO_HOUSEHOLDS = 2_000_000
DEMO_COMMUNE_CODE = "03478"  # Xã Sìn Hồ, Lai Châu: a border commune of Mông, Thái, Dao villages
CHUNK_HOUSEHOLDS = 2_000  # one executemany batch; progress and cancel are checked between them


@dataclass(frozen=True)
class DemoSummary:
    """What a demo run wrote (all zero, with ``cancelled``, when it was cancelled)."""

    households: int = 0
    people: int = 0
    hamlets: int = 0
    relatives_abroad: int = 0
    temporary_residents: int = 0
    cancelled: bool = False


def demo_hamlet_count(households: int) -> int:
    """About one hamlet per 120 households, at least 4 and at most 400."""
    return min(400, max(4, round(households / 120)))


def check_demo_count(households: int) -> None:
    if not 1 <= households <= MAX_DEMO_HOUSEHOLDS:
        raise KnownError("demo.bad_count", count=households, maximum=MAX_DEMO_HOUSEHOLDS)


def create_demo_register(
    path: Path | str,
    households: int = 1000,
    seed: int = 1,
    *,
    commune_code: str = DEMO_COMMUNE_CODE,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    as_of: dt.date | None = None,
) -> DemoSummary:
    """A new register file for a border commune, filled with ``households`` demo households
    and marked as sample data (local.is_sample).

    The count is checked before any file exists; the register is built in a temporary file
    and moved into place when whole, so a cancelled, failed or killed run leaves nothing.
    """
    check_demo_count(households)
    hamlets = names.hamlet_names(random.Random(f"hamlets/{seed}"), demo_hamlet_count(households))
    filled: list[DemoSummary] = []

    def fill(opened: OpenRegister) -> None:
        with opened.db.atomic():  # marked before any household: it is never a real register
            mark_sample(opened.db)
        summary = populate_demo(opened, households, seed, progress, cancelled, as_of=as_of)
        filled.append(summary)
        if summary.cancelled:
            raise WorkStopped  # the half-made register is not moved into place

    try:
        create_register(path, commune_code, hamlets, fill=fill)
    except WorkStopped:
        return DemoSummary(cancelled=True)
    return filled[0]


def populate_demo(
    opened: OpenRegister | tuple[Database, Writer],
    households: int,
    seed: int,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    *,
    as_of: dt.date | None = None,
) -> DemoSummary:
    """Add demo households to an open register in one transaction (rolled back on cancel).

    Uses the register's hamlets (and makes demo hamlets when it has none) and its commune
    (the demo commune when it has none). The same seed gives the same people; births are
    relative to ``as_of`` (default: 1 January of this year, so a year's runs agree).
    """
    check_demo_count(households)
    db, writer = (opened.db, opened.writer) if isinstance(opened, OpenRegister) else opened
    ledger_on = as_of or dt.date.today()  # the ledger is recent: some reminders due today
    as_of = as_of or dt.date(dt.date.today().year, 1, 1)
    try:
        with db.atomic(), bulk_load(db):
            return _populate(db, writer, households, seed, (as_of, ledger_on), progress, cancelled)
    except WorkStopped:
        return DemoSummary(cancelled=True)


def _populate(
    db: Database,
    writer: Writer,
    total: int,
    seed: int,
    days: tuple[dt.date, dt.date],
    progress: Progress | None,
    cancelled: Cancelled | None,
) -> DemoSummary:
    as_of, ledger_on = days
    rng = random.Random(seed)
    last_rowid = db.execute("SELECT coalesce(max(rowid), 0) FROM household").fetchone()[0]
    gen = DemoGenerator(rng, as_of)
    gen.taken_codes = {r[0] for r in db.execute("SELECT code FROM household WHERE deleted = 0")}
    gen.taken_ids = {r[0] for r in db.execute("SELECT id_number FROM person WHERE id_number != ''")}
    _ensure_commune(db, writer, random.Random(f"commune/{seed}"))
    hamlets = repo.list_hamlets(db)
    if not hamlets:  # the same names, in the same order, as create_demo_register makes
        made = names.hamlet_names(random.Random(f"hamlets/{seed}"), demo_hamlet_count(total))
        rows = [repo.hamlet_row(Hamlet(n, hamlet_kind_of(n), id=new_id())) for n in made]
        insert_rows(db, "hamlet", list(writer.stamp_new("hamlet", rows)))
        hamlets = repo.list_hamlets(db)
    plans = gen.plan_hamlets(hamlets, total)
    counts = {"households": 0, "people": 0, "relatives_abroad": 0, "temporary_residents": 0}
    stream = gen.households(plans)
    if progress:
        progress(0, total)
    while batch := list(islice(stream, CHUNK_HOUSEHOLDS)):
        if cancelled and cancelled():
            raise WorkStopped
        house_rows, person_rows, relative_rows = [], [], []
        for household, people, relatives in batch:
            house_rows.append(repo.household_row(household))
            person_rows += [repo.person_row(p, household.code) for p in people]
            relative_rows += [repo.relative_row(r) for r in relatives]
            counts["temporary_residents"] += sum(
                p.residence is ResidenceKind.TEMPORARY for p in people
            )
        for table, rows in (
            ("household", house_rows),
            ("person", person_rows),
            ("relative_abroad", relative_rows),
        ):
            insert_rows(db, table, list(writer.stamp_new(table, rows)))
        counts["households"] += len(house_rows)
        counts["people"] += len(person_rows)
        counts["relatives_abroad"] += len(relative_rows)
        if progress:
            progress(counts["households"], total)
    if cancelled and cancelled():
        raise WorkStopped
    named = _name_hamlet_heads(db, writer, plans)
    pledges = _demo_pledges(db, writer, random.Random(f"pledges/{seed}"), as_of, last_rowid)
    ledger = populate_ledger(db, writer, random.Random(f"ledger/{seed}"), ledger_on, last_rowid)
    writer.note_bulk(
        "household",
        "demo",
        {
            "seed": seed,
            **counts,
            "hamlets": len(hamlets),
            "hamlet_heads": named,
            "pledges": pledges,
            "movements": ledger.movements,
            "tips": ledger.tips,
        },
    )
    return DemoSummary(
        households=counts["households"],
        people=counts["people"],
        hamlets=len(hamlets),
        relatives_abroad=counts["relatives_abroad"],
        temporary_residents=counts["temporary_residents"],
    )


def _ensure_commune(db: Database, writer: Writer, rng: random.Random) -> None:
    """The demo commune when the register has none; demo clerk and post where left empty."""
    commune = repo.get_commune(db) or official_commune(DEMO_COMMUNE_CODE)
    if not writer.commune_code:  # a bare database (tests): it becomes this commune's register
        set_setting(db, REGISTER_COMMUNE, commune.code)
        writer.commune_code = commune.code
    place = commune.name.removeprefix("Xã ").removeprefix("Phường ").removeprefix("Đặc khu ")
    filled = replace(
        commune,
        clerk_name=commune.clerk_name or names.full_name(rng, "Kinh", Gender.FEMALE, 1988),
        border_post=commune.border_post or f"Đồn Biên phòng {place}",
        border_officer=commune.border_officer or names.full_name(rng, "Kinh", Gender.MALE, 1982),
    )
    if filled != repo.get_commune(db):
        repo.save_commune(writer, filled)


def _name_hamlet_heads(db: Database, writer: Writer, plans: list[HamletPlan]) -> int:
    """Hamlets without a head get one of their household heads; the count named. Through
    the Writer, one row each (a handful of hamlets): each naming is an edit that travels."""
    named = 0
    for plan in plans:
        if plan.head_name and not plan.hamlet.head_name:
            named += writer.update("hamlet", plan.hamlet.id, {"head_name": plan.head_name})
    return named


# A campaign under way: each hamlet has got so far (share of households signed), and of the
# rest some sheets are out, a few households refused or were away.
DEMO_HAMLET_PROGRESS = (0.35, 0.97)
DEMO_OTHER_STATUSES = (
    (PledgeStatus.REFUSED, 0.03, "Chưa đồng ý, hẹn gặp lại"),
    (PledgeStatus.ABSENT, 0.10, "Đi làm ăn xa, chưa về"),
    (PledgeStatus.PRINTED, 0.45, ""),
)


def _demo_pledges(
    db: Database,
    writer: Writer,
    rng: random.Random,
    as_of: dt.date,
    after_rowid: int,
) -> int:
    """Pledges of the current campaign for the new households, as in a campaign under way;
    the number written. A register without a campaign gets none."""
    campaign = pledge_store.current_campaign(db)
    if campaign is None:
        return 0
    level: dict[str, float] = {}
    witnesses = {
        hamlet_id: witness_line(head, officer)
        for hamlet_id, head, officer in db.execute(
            "SELECT h.id, h.head_name, (SELECT border_officer FROM commune LIMIT 1)"
            " FROM hamlet h WHERE h.deleted = 0"
        )
    }
    rows = []
    households = db.execute(
        "SELECT id, hamlet_id, head_id FROM household WHERE rowid > ? AND deleted = 0"
        " ORDER BY rowid",
        [after_rowid],
    )
    for household_id, hamlet_id, head_id in households:
        share = level.setdefault(hamlet_id, rng.uniform(*DEMO_HAMLET_PROGRESS))
        signed_on = as_of - dt.timedelta(days=rng.randint(1, 60))
        printed_at = f"{signed_on - dt.timedelta(days=rng.randint(1, 10))}T01:00:00+00:00"
        # The pledge's stable id, as every pledge of a household in a campaign has.
        pledge = Pledge(household_id, campaign.id, campaign.template_version)
        if rng.random() < share:
            pledge = replace(
                pledge,
                status=PledgeStatus.SIGNED,
                printed_at=printed_at,
                signed_on=signed_on,
                signer_id=head_id,
                witnesses=witnesses.get(hamlet_id, ""),
            )
        else:
            draw = rng.random()
            for status, upto, reason in DEMO_OTHER_STATUSES:
                if draw < upto:
                    final = status is not PledgeStatus.PRINTED
                    pledge = replace(
                        pledge,
                        status=status,
                        printed_at=printed_at,
                        signed_on=signed_on if final else None,
                        witnesses=witnesses.get(hamlet_id, "") if final else "",
                        reason=reason,
                    )
                    break
            else:
                continue  # not printed yet: no pledge row, as in a real register
        rows.append(pledge_store.pledge_row(pledge))
    insert_rows(db, "pledge", list(writer.stamp_new("pledge", rows)))
    return len(rows)
