"""Demo registers: repeatable, realistic, valid, searchable, and never half-written."""

from __future__ import annotations

import datetime as dt
import sqlite3
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from desktop.cli import main
from desktop.domain.entities import Gender, Household, Person, stable_id
from desktop.domain.errors import KnownError
from desktop.domain.text import fold_for_search, normalize_text
from desktop.domain.validation import validate_household, validate_person
from desktop.services import demo_names as names
from desktop.services.checks import check_register
from desktop.services.demo import (
    MAX_DEMO_HOUSEHOLDS,
    DemoSummary,
    create_demo_register,
    demo_hamlet_count,
    populate_demo,
)
from desktop.services.progress import commune_total, progress
from desktop.services.register import open_existing
from desktop.store import households as repo
from desktop.store.register import memory_register
from desktop.store.search import household_ids, search_people
from desktop.store.sync import Writer

ACTOR = "00000000-0000-4000-8000-000000000001"
AS_OF = dt.date(2026, 1, 1)
TODAY = dt.date(2026, 3, 15)
HOUSEHOLDS = 300


def _demo(
    households: int = HOUSEHOLDS, seed: int = 7, **kwargs: Any
) -> tuple[Database, DemoSummary]:
    db = memory_register()
    summary = populate_demo((db, Writer(db, ACTOR)), households, seed, as_of=AS_OF, **kwargs)
    return db, summary


def _rows(db: Database, sql: str) -> list[dict[str, Any]]:
    return list(db.query(sql))


PEOPLE_SQL = """
    SELECT p.*, h.code, m.name AS hamlet, m.kind AS hamlet_kind
    FROM person p JOIN household h ON h.id = p.household_id JOIN hamlet m ON m.id = h.hamlet_id
    ORDER BY h.code, p.position"""


@pytest.fixture(scope="module")
def demo() -> tuple[Database, DemoSummary]:
    return _demo()


@pytest.fixture(scope="module")
def people(demo: tuple[Database, DemoSummary]) -> list[dict[str, Any]]:
    return _rows(demo[0], PEOPLE_SQL)


def _households(people: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for person in people:
        out.setdefault(person["code"], []).append(person)
    return out


def _age(person: dict[str, Any]) -> int:
    """Age on AS_OF (demo births run up to the day before it)."""
    return AS_OF.year - 1 - int(person["birth"][:4])


# --- repeatable ------------------------------------------------------------------------------


def test_same_seed_gives_identical_data(people: list[dict[str, Any]]) -> None:
    again = _rows(_demo()[0], PEOPLE_SQL)
    keys = ("code", "full_name", "gender", "birth", "id_number", "phone", "relationship")
    assert [tuple(p[k] for k in keys) for p in again] == [tuple(p[k] for k in keys) for p in people]
    # Its rows are made afresh, as a clerk's would be: other rows, not the same ones again.
    assert {p["id"] for p in again}.isdisjoint(p["id"] for p in people)


@pytest.mark.parametrize("table", ["hamlet", "household", "person", "relative_abroad"])
def test_rows_made_later_sort_after(demo: tuple[Database, DemoSummary], table: str) -> None:
    ids = [r[0] for r in demo[0].execute(f"SELECT id FROM {table} ORDER BY rowid")]
    assert len(ids) > 1 and ids == sorted(ids)


def test_different_seed_gives_different_data(people: list[dict[str, Any]]) -> None:
    other = _rows(_demo(seed=8)[0], PEOPLE_SQL)
    assert [p["full_name"] for p in other] != [p["full_name"] for p in people]
    assert [p["id_number"] for p in other] != [p["id_number"] for p in people]
    assert {p["id"] for p in other}.isdisjoint(p["id"] for p in people)


def test_memory_and_file_demos_hold_the_same_people(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite3"
    create_demo_register(path, households=60, seed=3, as_of=AS_OF)
    db = Database(sqlite3.connect(path))
    try:
        from_file = [(r["full_name"], r["id_number"]) for r in _rows(db, PEOPLE_SQL)]
        hamlets = [r["name"] for r in _rows(db, "SELECT name FROM hamlet ORDER BY sort_key")]
    finally:
        db.close()
    memory, _ = _demo(60, seed=3)
    assert [(r["full_name"], r["id_number"]) for r in _rows(memory, PEOPLE_SQL)] == from_file
    assert [h.name for h in repo.list_hamlets(memory)] == hamlets


# --- counts ----------------------------------------------------------------------------------


def test_summary_matches_the_database(demo: tuple[Database, DemoSummary]) -> None:
    db, summary = demo
    count = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
    assert summary == DemoSummary(
        households=count("SELECT count(*) FROM household"),
        people=count("SELECT count(*) FROM person"),
        hamlets=count("SELECT count(*) FROM hamlet"),
        relatives_abroad=count("SELECT count(*) FROM relative_abroad"),
        temporary_residents=count("SELECT count(*) FROM person WHERE residence = 'tam_tru'"),
    )
    assert summary.households == HOUSEHOLDS
    assert summary.hamlets == demo_hamlet_count(HOUSEHOLDS)
    assert 3.2 <= summary.people / summary.households <= 5.2
    assert summary.relatives_abroad > 0 and summary.temporary_residents > 0
    audit = _rows(db, "SELECT * FROM audit WHERE action = 'demo'")
    assert len(audit) == 1 and audit[0]["entity_id"] == "*"
    # commune insert + update, one bulk note; each hamlet's head named is an edit of its own
    assert count("SELECT count(*) FROM audit WHERE entity != 'hamlet'") <= 3
    assert count("SELECT count(*) FROM audit WHERE entity = 'hamlet'") <= summary.hamlets


def test_hamlet_count_scales_and_is_clamped() -> None:
    assert demo_hamlet_count(1) == 4
    assert demo_hamlet_count(12_000) == 100
    assert demo_hamlet_count(MAX_DEMO_HOUSEHOLDS) == 400


def test_commune_hamlets_and_codes(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    commune = repo.get_commune(db)
    assert commune is not None
    assert (commune.code, commune.name) == ("03478", "Xã Sìn Hồ")
    assert commune.clerk_name and commune.border_post.startswith("Đồn Biên phòng")
    hamlets = repo.list_hamlets(db)
    kinds = Counter(h.name.split()[0] for h in hamlets)
    assert kinds["Bản"] >= 2 and kinds["Thôn"] >= 1
    assert len({fold_for_search(h.name) for h in hamlets}) == len(hamlets)
    assert all(h.head_name for h in hamlets)
    rows = _rows(db, "SELECT * FROM household")
    assert len({r["code"] for r in rows}) == len(rows)
    for row in rows:
        assert validate_household(repo.household_from(row)) == []
        assert row["address"].endswith(next(h.name for h in hamlets if h.id == row["hamlet_id"]))


# --- realistic -------------------------------------------------------------------------------


def test_names_are_nfc_in_vietnamese_order(people: list[dict[str, Any]]) -> None:
    for person in people:
        name = person["full_name"]
        assert unicodedata.is_normalized("NFC", name) and name == normalize_text(name)
        assert len(name.split()) >= 3
        assert name.split()[0] in names.ALL_FAMILY_NAMES
    kinh = [p for p in people if p["ethnicity"] == "Kinh"]
    assert Counter(p["full_name"].split()[0] for p in kinh).most_common(1)[0][0] == "Nguyễn"
    assert not any(p["full_name"].split()[-1] in ("Văn", "Thị") for p in people)


def test_minority_names_fill_the_ban_hamlets(people: list[dict[str, Any]]) -> None:
    ban = [p for p in people if p["hamlet_kind"] == "ban"]
    thon = [p for p in people if p["hamlet_kind"] != "ban"]
    assert sum(p["ethnicity"] != "Kinh" for p in ban) > 0.75 * len(ban)
    assert sum(p["ethnicity"] == "Kinh" for p in thon) > 0.6 * len(thon)
    assert set(Counter(p["ethnicity"] for p in ban)) <= set(names.ETHNICITIES)
    for person in ban:
        group = names.MINORITY_GROUPS.get(person["ethnicity"])
        if group is not None and person["relationship"] == "Chủ hộ":
            assert person["full_name"].split()[0] in group.family.values
    mong = [p["full_name"] for p in people if p["ethnicity"] == "Mông"]
    assert any(" A " in n for n in mong) and any(" Thị " in n for n in mong)


def test_families_fit_together(people: list[dict[str, Any]]) -> None:
    female_only = {"Vợ", "Mẹ", "Con dâu"}
    male_only = {"Chồng", "Bố", "Con rể"}
    sizes = []
    for members in _households(people).values():
        sizes.append(len(members))
        head = members[0]
        assert head["position"] == 0 and head["relationship"] == "Chủ hộ"
        assert [m["relationship"] for m in members].count("Chủ hộ") == 1
        assert [m["position"] for m in members] == list(range(len(members)))
        parents = [m for m in members if m["relationship"] in ("Chủ hộ", "Chồng")]
        father = next((m for m in parents if m["gender"] == Gender.MALE), None)
        for m in members:
            if m["relationship"] in female_only:
                assert m["gender"] == Gender.FEMALE
            if m["relationship"] in male_only:
                assert m["gender"] == Gender.MALE
            if m["relationship"] == "Con":
                assert _age(head) - _age(m) >= 14
                if father is not None:  # children take their father's family name
                    assert m["full_name"].split()[0] == father["full_name"].split()[0]
            if m["relationship"] == "Cháu":
                assert _age(head) - _age(m) >= 28
            if m["relationship"] in ("Bố", "Mẹ"):
                assert _age(m) - _age(head) >= 20
            assert 0 <= _age(m) <= 98
    assert max(sizes) >= 9 and min(sizes) == 1


def test_births_ids_phones_validate_without_issues(people: list[dict[str, Any]]) -> None:
    for row in people:
        person: Person = repo.person_from(row)
        assert validate_person(person, TODAY) == [], person
    year_only = sum(len(p["birth"]) == 4 for p in people) / len(people)
    assert 0.08 <= year_only <= 0.22
    ids = [p["id_number"] for p in people if p["id_number"]]
    assert len(ids) == len(set(ids))
    assert Counter(i[:3] for i in ids if len(i) == 12).most_common(1)[0][0] == "012"
    assert any(not p["id_number"] and _age(p) < 14 for p in people)
    assert all(len(p["id_number"]) != 9 or _age(p) >= 60 for p in people)
    assert 0.15 < sum(bool(p["phone"]) for p in people) / len(people) < 0.6


def test_relatives_abroad_look_real(demo: tuple[Database, DemoSummary]) -> None:
    rows = _rows(demo[0], "SELECT * FROM relative_abroad")
    for row in rows:
        relative = repo.relative_from(row)
        assert relative.country in names.COUNTRIES.values
        assert relative.since[-4:].isdigit() and relative.plans_to_return and relative.contact
        assert relative.full_name.split()[0] in names.ALL_FAMILY_NAMES


# --- the register stays sound ----------------------------------------------------------------


def test_check_register_finds_nothing(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite3"
    summary = create_demo_register(path, households=150, seed=11)
    report = check_register(path)
    assert report.ok and report.integrity == []
    assert report.errors == [] and report.warnings == []
    pledges = sqlite3.connect(path).execute("SELECT count(*) FROM pledge").fetchone()[0]
    assert pledges > 0  # the demo's campaign is under way, and its pledges hold together
    assert report.counts == {
        "thôn/bản": 4,
        "hộ": 150,
        "nhân khẩu": summary.people,
        "bản cam kết": pledges,
    }


def test_search_finds_demo_people_without_diacritics(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    for fts in ("person_fts", "household_fts"):  # raises when the index and rows disagree
        db.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")
    row = _rows(db, "SELECT id, full_name FROM person WHERE full_name LIKE 'Đ%' LIMIT 1")
    target = row[0] if row else _rows(db, "SELECT id, full_name FROM person LIMIT 1")[0]
    query = fold_for_search(target["full_name"])
    assert query.isascii()
    hits = search_people(db, query, limit=500)
    assert target["id"] in {h.person_id for h in hits}
    code = _rows(db, "SELECT code FROM household LIMIT 1")[0]["code"]
    assert len(household_ids(db, code.lower())) >= 1


def test_search_still_indexes_rows_added_after_a_demo() -> None:
    db, _ = _demo(20)
    writer = Writer(db, ACTOR, "03478")
    hamlet = repo.list_hamlets(db)[0]
    household = Household(hamlet.id, "MOI-1")
    repo.add_household(writer, household, [Person("", "Đặng Thị Zyx", Gender.FEMALE)])
    assert [h.full_name for h in search_people(db, "dang thi zyx")] == ["Đặng Thị Zyx"]


# --- progress, cancel, refusals --------------------------------------------------------------


def test_progress_runs_to_the_total() -> None:
    seen: list[tuple[int, int]] = []
    _demo(4500, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 4500) and seen[-1] == (4500, 4500)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen) and len(seen) >= 3


def test_cancel_rolls_everything_back() -> None:
    db = memory_register()
    calls = iter([False, True])
    summary = populate_demo(
        (db, Writer(db, ACTOR)), 4500, 1, cancelled=lambda: next(calls, True), as_of=AS_OF
    )
    assert summary == DemoSummary(cancelled=True)
    for table in ("commune", "hamlet", "household", "person", "audit", "person_fts"):
        assert db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    triggers = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {"person_fts_insert", "household_fts_insert"} <= triggers


def test_cancelled_demo_file_is_removed(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite3"
    summary = create_demo_register(path, households=10, cancelled=lambda: True)
    assert summary.cancelled
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("count", [0, -5, MAX_DEMO_HOUSEHOLDS + 1])
def test_bad_count_is_refused_before_any_file(tmp_path: Path, count: int) -> None:
    path = tmp_path / "demo.sqlite3"
    with pytest.raises(KnownError) as caught:
        create_demo_register(path, households=count)
    assert caught.value.code == "demo.bad_count"
    assert caught.value.params == {"count": count, "maximum": MAX_DEMO_HOUSEHOLDS}
    assert not path.exists()
    db = memory_register()
    with pytest.raises(KnownError):
        populate_demo((db, Writer(db, ACTOR)), count, 1)
    assert db.execute("SELECT count(*) FROM commune").fetchone()[0] == 0


def test_existing_register_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite3"
    create_demo_register(path, households=5)
    before = path.read_bytes()
    with pytest.raises(KnownError) as caught:
        create_demo_register(path, households=5)
    assert caught.value.code == "db.exists"
    assert path.read_bytes() == before
    opened = open_existing(path)
    try:
        assert len(household_ids(opened.db)) == 5
    finally:
        opened.close()


def test_cli_demo_creates_a_register(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cli.sqlite3"
    assert main(["demo", "--db", str(path), "--households", "40", "--seed", "2"]) == 0
    out = capsys.readouterr().out
    assert "40 hộ" in out and "4 thôn/bản" in out and str(path) in out
    assert path.exists()


def test_cli_demo_of_another_commune_goes_with_it_into_an_upper_register(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    binh_lu, sin_ho = tmp_path / "binh-lu.sqlite3", tmp_path / "sin-ho.sqlite3"
    assert main(["demo", "--db", str(binh_lu), "--households", "6", "--commune", "3390"]) == 0
    assert main(["demo", "--db", str(sin_ho), "--households", "4"]) == 0
    upper = tmp_path / "upper.sqlite3"
    assert main(["init", "--db", str(upper), "--upper", "--province", "12"]) == 0
    for demo in (binh_lu, sin_ho):
        bundle = demo.with_suffix(".camket")
        assert main(["export", "--db", str(demo), "--out", str(bundle)]) == 0
        assert main(["merge", "--db", str(upper), str(bundle)]) == 0
    with sqlite3.connect(upper) as conn:
        counts = conn.execute(
            "SELECT commune_code, count(*) FROM household GROUP BY 1 ORDER BY 1"
        ).fetchall()
    assert counts == [("03390", 6), ("03478", 4)]
    capsys.readouterr()
    elsewhere = tmp_path / "nowhere.sqlite3"
    assert main(["demo", "--db", str(elsewhere), "--commune", "99999"]) == 2
    assert "Không có mã xã 99999" in capsys.readouterr().err
    assert not elsewhere.exists()


def test_cli_demo_refuses_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cli.sqlite3"
    assert main(["demo", "--db", str(path), "--households", "0"]) == 2
    assert "Số hộ phải từ 1 đến 2000000: 0" in capsys.readouterr().err
    assert not path.exists()


# --- a campaign under way --------------------------------------------------------------------


def test_demo_campaign_is_under_way_and_consistent(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite3"
    create_demo_register(path, households=600, seed=5, as_of=AS_OF)
    opened = open_existing(path)
    try:
        rows = progress(opened)
        total = commune_total(rows)
        # Some hamlets are further than others; none is done, every state shows somewhere.
        percents = [r.signed / r.households for r in rows]
        assert max(percents) - min(percents) > 0.1
        assert 0 < total.signed < total.households
        assert total.refused > 0 and total.absent > 0 and total.printed > 0
        assert total.not_printed > 0
        pledges = _rows(opened.db, "SELECT * FROM pledge")
        by_code = _rows(opened.db, PLEDGE_STATUS_SQL)
        heads = {r["id"]: r["head_id"] for r in _rows(opened.db, "SELECT * FROM household")}
        for pledge in pledges:
            assert pledge["printed_at"] is not None
            # A household's pledge in a campaign: the same row on every installation.
            assert pledge["id"] == stable_id(
                "pledge", pledge["campaign_id"], pledge["household_id"]
            )
            if pledge["status"] == "da_ky":
                assert pledge["signer_id"] == heads[pledge["household_id"]]
                assert dt.date.fromisoformat(pledge["signed_on"]) < AS_OF
            if pledge["status"] in ("tu_choi", "vang_mat"):
                assert pledge["reason"]
    finally:
        opened.close()
    assert check_register(path).ok
    again = tmp_path / "again.sqlite3"
    create_demo_register(again, households=600, seed=5, as_of=AS_OF)
    with sqlite3.connect(again) as conn:
        statuses = conn.execute(PLEDGE_STATUS_SQL).fetchall()
    assert statuses == [(r["code"], r["status"]) for r in by_code]  # same seed, same campaign


PLEDGE_STATUS_SQL = (
    "SELECT h.code, p.status FROM pledge p JOIN household h ON h.id = p.household_id ORDER BY 1"
)
