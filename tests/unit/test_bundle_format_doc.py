"""docs/bundle-format.md is precise enough for another program: its column lists and coded
values are the registry's and the domain's, and a bundle written from the page alone (the
standard library and `cryptography`, none of CamKet's code) merges with `camket merge`."""

from __future__ import annotations

import base64
import csv
import dataclasses
import datetime as dt
import hashlib
import io
import json
import re
import sqlite3
import uuid
import zipfile
from collections.abc import Mapping
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from desktop.cli import main
from desktop.domain.entities import DepartureStatus, Gender, HamletKind, ResidenceKind
from desktop.domain.movements import MovementKind
from desktop.domain.pledges import AttachmentKind, PledgeStatus
from desktop.domain.row_ids import commune_id, stable_id
from desktop.domain.text_bounds import KEY_TEXT
from desktop.exchange.bundle_file import (
    CONFLICT_COLUMNS,
    MAX_ATTACHMENT_BYTES,
    MAX_ENTRIES,
    MAX_MANIFEST_BYTES,
    MAX_RATIO,
    MAX_TABLE_BYTES,
    MAX_TOTAL_BYTES,
    Manifest,
)
from desktop.messages import MESSAGES
from desktop.services.register import OpenRegister
from desktop.store.column_rules import DATED, TEXT_BOUNDS
from desktop.store.registry import TABLES
from desktop.store.row_decoder import column_types

DOC = Path(__file__).resolve().parents[2] / "docs" / "bundle-format.md"


def _section(title: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    start = text.index(f"## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def _code_lists(section: str) -> dict[str, list[str]]:
    """Lines "| `name` | `a`, `b`, … |" of a section's table, as {name: [a, b, …]}."""
    found: dict[str, list[str]] = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and cells[0].startswith("`"):
            found[cells[0].strip("`")] = re.findall(r"`([^`]*)`", cells[1])
    return found


def test_the_page_lists_every_table_csv_header_as_the_registry_writes_it():
    listed = _code_lists(_section("Columns of each table"))
    assert listed == {spec.name: list(spec.exported) for spec in TABLES}


def test_the_page_lists_every_coded_value_the_register_accepts():
    listed = _code_lists(_section("Coded values"))
    assert listed == {
        "hamlet.kind": [k.value for k in HamletKind],
        "person.gender": [g.value for g in Gender],
        "person.residence": [r.value for r in ResidenceKind],
        "relative_abroad.departure": [d.value for d in DepartureStatus],
        "pledge.status": [s.value for s in PledgeStatus],
        "attachment.kind": [k.value for k in AttachmentKind],
        "movement.kind": [k.value for k in MovementKind],
    }


def _listed(sentence_start: str, section: str = "Table CSVs") -> list[str]:
    """The `names` of the page's sentence that begins with ``sentence_start``, to its end
    (`table.column` as written; a bare `column` is of every table)."""
    text = " ".join(_section(section).split())
    start = text.index(sentence_start) + len(sentence_start)
    sentence = re.split(r"\.(?:\s|$)", text[start:], maxsplit=1)[0]
    return re.findall(r"`([a-z_.]+)`", sentence)


def _each_table(names: list[str]) -> set[tuple[str, str]]:
    return {
        (spec.name, column)
        for name in names
        for spec in TABLES
        for column in [name.split(".")[-1]]
        if (name.startswith(f"{spec.name}.") or "." not in name) and column in spec.exported
    }


def test_the_page_lists_the_whole_number_columns_and_those_that_may_be_null(
    register: OpenRegister,
) -> None:
    """Another program writes an integer and NULL where the register reads them."""
    integer, nullable = set(), set()
    for spec in TABLES:
        for name, kind in column_types(register.db, spec).items():
            if name in spec.exported and name not in spec.private_sync:
                if kind.integer:
                    integer.add((spec.name, name))
                if kind.nullable:
                    nullable.add((spec.name, name))
    assert _each_table(_listed("The whole-number columns are written as decimal integers:")) == (
        integer
    )
    assert _each_table(_listed("An empty field is NULL in a column that may be NULL")) == nullable


def test_the_page_lists_the_days_and_moments_the_register_reads() -> None:
    dated = {key for key, parse in DATED.items() if key != ("person", "birth")}
    days = _each_table(_listed("Dates are ISO (`2026-12-05`):"))
    moments = _each_table(_listed("Moments are ISO 8601 date and time"))
    stamps = _each_table(["created_at", "updated_at"])
    assert days | moments | stamps == dated
    assert all(DATED[key] == dt.date.fromisoformat for key in days)
    assert not days & moments


def test_the_page_lists_every_key_of_the_manifest_and_which_may_be_left_out() -> None:
    keys = _code_lists(_section("manifest.json"))
    assert set(keys) == {"format"} | {f.name for f in dataclasses.fields(Manifest)}
    optional = {key for key, line in _manifest_lines().items() if "*optional*" in line}
    defaults = {
        f.name
        for f in dataclasses.fields(Manifest)
        if f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
    }
    # format_version is read first (none: an unknown format); files lists every entry.
    assert optional == defaults - {"format_version", "files"}


def _manifest_lines() -> dict[str, str]:
    return {
        line.split("`")[1]: line
        for line in _section("manifest.json").splitlines()
        if line.startswith("| `")
    }


def test_the_page_names_every_refusal_a_merge_gives() -> None:
    listed = _code_lists(_section("Refusals"))
    assert set(listed) == {code for code in MESSAGES if code.startswith("bundle.")}


def test_the_page_gives_each_stable_id_the_code_makes() -> None:
    """Another program makes these rows' ids as every installation does."""
    made = set()
    for path in (DOC.parents[1] / "desktop").rglob("*.py"):
        made |= set(re.findall(r'stable_id\(\s*"([a-z-]+)"', path.read_text(encoding="utf-8")))
    table = _section("Table CSVs").split("**Stable ids.**", 1)[1].split("\n\n", 2)[1]
    recipes = re.findall(r'`"([a-z-]+)\\x1f"', table)
    assert set(recipes) == made
    namespace = re.search(r"namespace\s+`([0-9a-f-]{36})`", _section("Table CSVs"))
    assert namespace
    ids = uuid.UUID(namespace[1])
    assert str(uuid.uuid5(ids, "pledge\x1fc1\x1fh1")) == stable_id("pledge", "c1", "h1")
    assert str(uuid.uuid5(ids, "commune\x1f03478")) == commune_id("03478")


def test_the_page_gives_every_bound_of_text_a_reader_enforces() -> None:
    text = " ".join(_section("Lengths of free text").split())
    free, keys = text.split("naming the file, line, column and field: ", 1)[1].split(" Ids and ", 1)
    listed: dict[tuple[str, str], int] = {}
    for count, names in re.findall(
        r"([0-9][0-9,]*) for (.*?)(?=[;.]? ?(?:and )?[0-9][0-9,]* for |\.$)", free
    ):
        table = ""
        for name in re.findall(r"`([a-z_.]+)`", names):
            table, _, column = name.rpartition(".") if "." in name else (table, "", name)
            listed[table, column] = int(count.replace(",", ""))
    key_names = re.findall(r"`([a-z_.]+)`", keys.split(" are at most ", 1)[0])
    assert f"are at most {KEY_TEXT.maximum} characters" in keys
    for spec in TABLES:
        for column in spec.exported:
            pointed = (
                column in spec.parents or column == "id" or f"{spec.name}.{column}" in key_names
            )
            if pointed or (column in key_names and "." not in column):
                listed[spec.name, column] = KEY_TEXT.maximum
    assert listed == {key: bound.maximum for key, bound in TEXT_BOUNDS.items()}


def test_the_page_gives_the_limits_a_reader_enforces() -> None:
    text = " ".join(_section("The file").split())
    assert f"at most {MAX_ENTRIES:,} entries" in text
    assert f"at most {MAX_TABLE_BYTES // 2**30} GiB" in text
    assert f"an attachment at most {MAX_ATTACHMENT_BYTES // 2**20} MiB" in text
    assert f"the manifest at most {MAX_MANIFEST_BYTES // 2**20} MiB" in text
    assert f"{MAX_TOTAL_BYTES // 2**30} GiB in all" in text
    assert f"{MAX_RATIO:,} times larger than its compressed size" in text
    assert f"Columns {', '.join(f'`{c}`' for c in CONFLICT_COLUMNS)}" in _section("conflicts.csv")


# ---- a writer that knows only the page -------------------------------------------------

STAMP = "2026-12-01T08:00:00.000Z"
COMMUNE = "03478"  # Xã Sìn Hồ, Lai Châu (Decision 19/2025/QĐ-TTg)


def _csv_bytes(header: list[str], rows: list[dict[str, str]]) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    return "\ufeff".encode() + text.getvalue().encode("utf-8")


def _commune_row_id(code: str) -> str:
    """A commune row's id as the page says to make it (its namespace read off the page)."""
    section = _section("manifest.json")
    namespace = re.search(r"namespace `([0-9a-f-]{36})`", section)
    assert namespace, "the page gives the namespace of a commune row's id"
    return str(uuid.uuid5(uuid.UUID(namespace[1]), f"commune\x1f{code}"))


def _json_values(table: str, header: list[str], row: dict[str, str]) -> dict[str, object]:
    """A version of a row as conflicts.csv's `data` holds it, as the page says: every column
    of the CSV but `vv`, whole numbers as numbers, an empty NULL column as null."""
    integer = _each_table(_listed("The whole-number columns are written as decimal integers:"))
    nullable = _each_table(_listed("An empty field is NULL in a column that may be NULL"))
    data: dict[str, object] = {}
    for column in header[: header.index("vv")]:
        text = row.get(column, "")
        if (table, column) in nullable and text == "":
            data[column] = None
        else:
            data[column] = int(text) if (table, column) in integer else text
    return data


def _write_from_the_page(
    out: Path,
    key: Ed25519PrivateKey,
    installation: str,
    conflict: Mapping[str, object] | None = None,
    person_values: dict[str, str] | None = None,
    drop: str = "",
) -> None:
    """A bundle of one hamlet, household and person; ``conflict``: values that another
    version of the person (waiting in conflicts.csv) has instead."""
    headers = _code_lists(_section("Columns of each table"))
    stamps = {
        "created_at": STAMP,
        "updated_at": STAMP,
        "updated_by": installation,
        "rev": "1",
        "deleted": "0",
        "vv": json.dumps({installation: 1}, separators=(",", ":")),
    }
    hamlet, household, person = (str(uuid.uuid4()) for _ in range(3))
    rows = {
        "commune": [
            {"id": _commune_row_id(COMMUNE), "code": COMMUNE, "name": "Xã Sìn Hồ"}
            | {"province_code": "12", "province_name": "Lai Châu"}
        ],
        "hamlet": [
            {"id": hamlet, "commune_code": COMMUNE, "name": "Bản Nậm Cầy", "kind": "ban"}
            | {"head_name": "Lò Văn Pền", "is_border": "1"}
        ],
        "household": [
            {"id": household, "commune_code": COMMUNE, "hamlet_id": hamlet, "code": "NC-007"}
            | {"address": "Bản Nậm Cầy", "phone": "0912345678", "head_id": person}
        ],
        "person": [
            {"id": person, "household_id": household, "full_name": "Lò Thị Xuyến"}
            | {"gender": "nu", "birth": "1988-03-14", "id_number": "012188001234"}
            | {"ethnicity": "Thái", "relationship": "Chủ hộ", "residence": "thuong_tru"}
            | {"position": "0"}
            | (person_values or {})
        ],
    }
    entries: dict[str, bytes] = {}
    for table, table_rows in rows.items():
        entries[f"tables/{table}.csv"] = _csv_bytes(
            headers[table], [row | stamps for row in table_rows]
        )
    if conflict is not None:
        waiting = _json_values("person", headers["person"], rows["person"][0] | stamps)
        waiting |= conflict
        vv = str(waiting.pop("vv", json.dumps({str(uuid.uuid4()): 1})))  # concurrent: both kept
        waiting.pop(drop, None)
        entries["conflicts.csv"] = _csv_bytes(
            ["tbl", "row_id", "vv", "data"],
            [{"tbl": "person", "row_id": person, "vv": vv, "data": json.dumps(waiting)}],
        )
    _signed_bundle(out, key, installation, entries, {t: len(r) for t, r in rows.items()})


def _signed_bundle(
    out: Path,
    key: Ed25519PrivateKey,
    installation: str,
    entries: dict[str, bytes],
    counts: dict[str, int],
    **manifest_values: object,
) -> None:
    """The ZIP of ``entries`` with its manifest and signature, as the page says."""
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    manifest = {
        "format": "camket-bundle",
        "format_version": 2,
        "kind": "full",
        "register": "commune",
        "communes": [COMMUNE],
        "province": "",
        "name": "",
        "installation_id": installation,
        "public_key": base64.b64encode(public).decode("ascii"),
        "made_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z",
        "register_id": str(uuid.uuid4()),
        "seq": 3,
        "since_seq": 0,
        "current_campaign": "",
        "rows": counts,
        "files": {
            name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
            for name, data in entries.items()
        },
    } | manifest_values
    body = json.dumps(manifest, ensure_ascii=False).encode("utf-8")
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", body)
        zf.writestr("manifest.sig", base64.b64encode(key.sign(body)))
        for name, data in entries.items():
            zf.writestr(name, data)


def test_a_bundle_written_from_the_page_alone_merges_and_a_forged_one_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def camket(*args: str) -> tuple[int, str]:
        code = main(list(args))
        return code, capsys.readouterr().out

    upper = tmp_path / "upper.sqlite3"
    assert camket("init", "--db", str(upper), "--upper")[0] == 0
    key = Ed25519PrivateKey.generate()
    installation = str(uuid.uuid4())
    bundle = tmp_path / "from-the-page.camket"
    _write_from_the_page(bundle, key, installation)

    code, said = camket("merge", "--db", str(upper), str(bundle), "--json")
    assert code == 0, said
    assert json.loads(said)[0]["new"] == 4, said
    code, found = camket("search", "--db", str(upper), "xuyen")
    assert "Lò Thị Xuyến" in found, found

    # The same installation id under another key: refused whole, as the page says.
    forged = tmp_path / "forged.camket"
    _write_from_the_page(forged, Ed25519PrivateKey.generate(), installation)
    code, said = camket("merge", "--db", str(upper), str(forged))
    assert code == 2, said
    assert "Lò Thị Xuyến" in camket("search", "--db", str(upper), "xuyen")[1]


@pytest.mark.parametrize(
    ("column", "value"),
    [("gender", "x"), ("residence", "thuong tru"), ("birth", "1988-13"), ("birth", "14/03/1988")],
)
def test_a_value_the_register_could_not_read_back_is_refused_naming_file_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], column: str, value: str
) -> None:
    upper = tmp_path / "upper.sqlite3"
    assert main(["init", "--db", str(upper), "--upper"]) == 0
    bundle = tmp_path / "other-program.camket"
    _write_from_the_page(
        bundle, Ed25519PrivateKey.generate(), str(uuid.uuid4()), None, {column: value}
    )
    capsys.readouterr()
    before = upper.read_bytes()

    assert main(["merge", "--db", str(upper), str(bundle)]) == 2
    said = capsys.readouterr().err
    assert f"other-program.camket: person.csv, dòng 2: cột {column}" in said
    assert f"“{value}”" in said
    assert said.count("other-program.camket") == 1
    assert upper.read_bytes() == before
    assert main(["check", "--db", str(upper)]) == 0


def test_a_waiting_version_as_the_page_says_merges_as_a_conflict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    upper = tmp_path / "upper.sqlite3"
    assert main(["init", "--db", str(upper), "--upper"]) == 0
    bundle = tmp_path / "other-program.camket"
    installation = str(uuid.uuid4())
    other = {"full_name": "Lò Thị Xuyên", "updated_by": installation}
    _write_from_the_page(bundle, Ed25519PrivateKey.generate(), installation, other)
    capsys.readouterr()

    assert main(["merge", "--db", str(upper), str(bundle)]) == 0
    capsys.readouterr()
    assert main(["conflicts", "--db", str(upper), "--json"]) == 0
    (waiting,) = json.loads(capsys.readouterr().out)  # either may win: neither saw the other
    ((field, current, other),) = [tuple(f.values()) for f in waiting["fields"]]
    assert (field, {current, other}) == ("full_name", {"Lò Thị Xuyến", "Lò Thị Xuyên"})


@pytest.mark.parametrize(
    ("values", "column"),
    [
        ({"gender": "?"}, "gender"),  # a code the register cannot read back
        ({"deleted": "0"}, "deleted"),  # text where the page says a number: read as set
        ({"position": 1.5}, "position"),
        ({"full_name": None}, "full_name"),  # null where the column may not be NULL
        ({"birth_place": "Sìn Hồ"}, "birth_place"),  # no such column: it would be lost
        ({"created_at": "hôm qua"}, "created_at"),
        ({"id": "another-row"}, "id"),  # a version of a row other than its row_id's
    ],
)
def test_a_waiting_version_the_register_could_not_read_back_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], values: dict[str, object], column: str
) -> None:
    upper = tmp_path / "upper.sqlite3"
    assert main(["init", "--db", str(upper), "--upper"]) == 0
    bundle = tmp_path / "other-program.camket"
    _write_from_the_page(bundle, Ed25519PrivateKey.generate(), str(uuid.uuid4()), values)
    before = upper.read_bytes()
    capsys.readouterr()

    assert main(["merge", "--db", str(upper), str(bundle)]) == 2
    assert f"conflicts.csv: person.{column}" in capsys.readouterr().err
    assert upper.read_bytes() == before


def test_a_waiting_version_without_a_column_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    upper = tmp_path / "upper.sqlite3"
    assert main(["init", "--db", str(upper), "--upper"]) == 0
    bundle = tmp_path / "other-program.camket"
    _write_from_the_page(bundle, Ed25519PrivateKey.generate(), str(uuid.uuid4()), {}, drop="notes")
    capsys.readouterr()

    assert main(["merge", "--db", str(upper), str(bundle)]) == 2
    assert "conflicts.csv: person.notes" in capsys.readouterr().err


def _stable_id(*parts: str) -> str:
    """A row id every installation makes alike, from the page's namespace and recipe."""
    namespace = re.search(r"namespace\s+`([0-9a-f-]{36})`", _section("Table CSVs"))
    assert namespace
    return str(uuid.uuid5(uuid.UUID(namespace[1]), "\x1f".join(parts)))


class _PageWriter:
    """Another program's installation, knowing only the page: its rows, each version
    stamped as the page says (a new row, an edit, a tombstone), and its bundles."""

    def __init__(self) -> None:
        self.key = Ed25519PrivateKey.generate()
        self.installation, self.replica, self.register = (str(uuid.uuid4()) for _ in range(3))
        self.headers = _code_lists(_section("Columns of each table"))
        self.rows: dict[str, dict[str, str]] = {}  # id → the row's CSV cells
        self.table: dict[str, str] = {}  # id → its table
        self.changed: dict[str, int] = {}  # id → the seq of its latest version
        self.seq = 0

    def put(self, table: str, **cells: str) -> str:
        """A new row, or an edit of one (``deleted="1"``: its tombstone)."""
        self.seq += 1
        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
        row = self.rows.get(cells["id"])
        if row is None:
            vv = {self.replica: 1}
            row = {"created_at": now, "rev": "1", "deleted": "0"}
        else:
            vv = json.loads(row["vv"])
            vv[self.replica] = vv.get(self.replica, 0) + 1
            row = row | {"rev": str(int(row["rev"]) + 1)}
        row |= cells | {"updated_at": now, "updated_by": self.installation}
        row["vv"] = json.dumps(vv, sort_keys=True, separators=(",", ":"))
        self.rows[cells["id"]], self.table[cells["id"]] = row, table
        self.changed[cells["id"]] = self.seq
        return cells["id"]

    def bundle(self, out: Path, since: int = 0, files: dict[str, bytes] | None = None) -> int:
        """A full bundle, or one of the rows changed after ``since``; its seq."""
        entries: dict[str, bytes] = {}
        counts: dict[str, int] = {}
        for table, header in self.headers.items():
            rows = [
                row
                for row_id, row in self.rows.items()
                if self.table[row_id] == table and self.changed[row_id] > since
            ]
            if rows:
                if since:  # no private columns in a bundle of changes
                    header = [
                        c
                        for c in header
                        if c not in ("informant_name", "informant_phone", "private_vv")
                    ]
                entries[f"tables/{table}.csv"] = _csv_bytes(header, rows)
                counts[table] = len(rows)
        for name, data in (files or {}).items():
            entries[name] = data
        kind = "incremental" if since else "full"
        _signed_bundle(
            out, self.key, self.installation, entries, counts,
            kind=kind, seq=self.seq, since_seq=since, register_id=self.register,
        )  # fmt: skip
        return self.seq


def test_another_programs_rows_edits_and_tombstones_merge_as_the_page_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A commune's first bundle from another program (its commune row, a hamlet, a
    household, people, a pledge in the register's first campaign with its signature, a
    movement), then a bundle of its changes (an edit, a tombstone): both merge into a
    commune register set up with `camket init`, again change nothing, and the pledge is the
    one CamKet records for that household (one id on every installation)."""

    def camket(*args: str) -> dict[str, object]:
        code = main([*args[:1], "--db", str(register), *args[1:], "--json"])
        said = capsys.readouterr().out
        assert code == 0, said
        return {} if not said.strip() else json.loads(said)[0]

    register = tmp_path / "sinho.sqlite3"
    assert main(["init", "--db", str(register), "--commune", COMMUNE]) == 0
    capsys.readouterr()
    other = _PageWriter()
    hamlet = other.put("hamlet", id=str(uuid.uuid4()), commune_code=COMMUNE, name="Bản Nậm Cầy",
                       kind="ban", head_name="Lò Văn Pền", is_border="1")  # fmt: skip
    household, head, wife = (str(uuid.uuid4()) for _ in range(3))
    other.put("commune", id=_stable_id("commune", COMMUNE), code=COMMUNE, name="Xã Sìn Hồ",
              province_code="12", province_name="Lai Châu")  # fmt: skip
    other.put("household", id=household, commune_code=COMMUNE, hamlet_id=hamlet, code="NC-007",
              address="Bản Nậm Cầy", head_id=head)  # fmt: skip
    for person, name, position in ((head, "Lò Văn Xuân", "0"), (wife, "Lò Thị Xuyến", "1")):
        other.put("person", id=person, household_id=household, full_name=name, gender="nu",
                  birth="1988-03", ethnicity="Thái", relationship="Chủ hộ",
                  residence="thuong_tru", position=position)  # fmt: skip
    campaign = _stable_id("first-campaign", COMMUNE, "bien-gioi")  # as `camket init` made it
    pledge = other.put("pledge", id=_stable_id("pledge", campaign, household),
                       household_id=household, campaign_id=campaign, template_version="1",
                       status="da_ky", signed_on="2026-12-02", signer_id=head,
                       printed_at="2026-12-01T08:00:00.000Z")  # fmt: skip
    picture = b"\x89PNG\r\n\x1a\n a drawn signature"
    sha = hashlib.sha256(picture).hexdigest()
    other.put("attachment", id=str(uuid.uuid4()), pledge_id=pledge, kind="signature",
              mime="image/png", sha256=sha, size=str(len(picture)),
              file_name="chu-ky.png")  # fmt: skip
    movement = other.put("movement", id=str(uuid.uuid4()), household_id=household,
                         person_id=wife, kind="tam_vang", starts_on="2026-11-01",
                         place="Hà Nội", via_trail="0", border_belt="0")  # fmt: skip
    first = tmp_path / "first.camket"
    mark = other.bundle(first, files={f"attachments/{sha}": picture})
    other.put("person", id=wife, full_name="Lò Thị Xuyên")
    other.put("movement", id=movement, deleted="1")
    changes = tmp_path / "changes.camket"
    other.bundle(changes, since=mark)

    # Its changes before the bundle they continue: refused, nothing lost.
    assert main(["merge", "--db", str(register), str(changes), "--json"]) == 2
    assert json.loads(capsys.readouterr().out)[0]["refused"] == "bundle.gap"
    merged = camket("merge", str(first))
    # The commune's row replaces the one `camket init` made with the shared stamps.
    assert (merged["new"], merged["updated"], merged["conflicts"]) == (7, 1, 0)
    assert camket("merge", str(changes))["updated"] == 2
    again = [camket("merge", str(b)) for b in (first, changes)]
    assert [(r["new"], r["updated"], r["conflicts"]) for r in again] == [(0, 0, 0), (0, 0, 0)]

    db = sqlite3.connect(register)
    assert db.execute("SELECT full_name FROM person WHERE id = ?", [wife]).fetchone() == (
        "Lò Thị Xuyên",
    )
    assert db.execute("SELECT deleted, rev FROM movement WHERE id = ?", [movement]).fetchone() == (
        1,
        2,
    )
    assert db.execute("SELECT bytes FROM attachment WHERE sha256 = ?", [sha]).fetchone() == (
        picture,
    )
    db.close()
    # CamKet records that household's pledge under the same id: no second pledge, no clash.
    assert main(["sign", "--db", str(register), "NC-007", "--on", "03/12/2026"]) == 0
    db = sqlite3.connect(register)
    assert db.execute(
        "SELECT id, signed_on FROM pledge WHERE household_id = ?", [household]
    ).fetchall() == [(pledge, "2026-12-03")]
    db.close()


@pytest.mark.parametrize(
    ("cells", "column"),
    [
        ({"size": "99999"}, "size"),
        ({"mime": "text/plain"}, "mime"),
        ({"mime": "image/jpg"}, "mime"),
    ],
)
def test_an_attachment_is_what_its_row_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], cells: dict[str, str], column: str
) -> None:
    """`size` is the bytes' length, `mime` one of the types the page names."""
    upper = tmp_path / "upper.sqlite3"
    assert main(["init", "--db", str(upper), "--upper"]) == 0
    other = _PageWriter()
    other.put("commune", id=_stable_id("commune", COMMUNE), code=COMMUNE, name="Xã Sìn Hồ",
              province_code="12", province_name="Lai Châu")  # fmt: skip
    hamlet = other.put("hamlet", id=str(uuid.uuid4()), commune_code=COMMUNE, name="Bản Nậm Cầy",
                       kind="ban", is_border="1")  # fmt: skip
    household = other.put("household", id=str(uuid.uuid4()), commune_code=COMMUNE,
                          hamlet_id=hamlet, code="NC-007")  # fmt: skip
    template = other.put("pledge_template", id=_stable_id("template", "mau", "1"),
                         template_id="mau", version="1", title="Mẫu")  # fmt: skip
    campaign = other.put("campaign", id=str(uuid.uuid4()), title="Đợt 1", template_id="mau",
                         template_version="1", target_percent="100")  # fmt: skip
    pledge = other.put("pledge", id=_stable_id("pledge", campaign, household),
                       household_id=household, campaign_id=campaign, template_version="1",
                       status="chua_in")  # fmt: skip
    picture = b"\x89PNG\r\n\x1a\n a drawn signature"
    sha = hashlib.sha256(picture).hexdigest()
    attachment = {"id": str(uuid.uuid4()), "pledge_id": pledge, "kind": "signature",
                  "mime": "image/png", "sha256": sha, "size": str(len(picture)),
                  "file_name": "chu-ky.png"}  # fmt: skip
    other.put("attachment", **(attachment | cells))
    bundle = tmp_path / "other-program.camket"
    other.bundle(bundle, files={f"attachments/{sha}": picture})
    capsys.readouterr()
    assert template

    assert main(["merge", "--db", str(upper), str(bundle), "--json"]) == 2
    (refused,) = json.loads(capsys.readouterr().out)
    assert refused["refused"] == "bundle.bad_value"
    assert f"cột {column}" in refused["reason"]
