"""docs/bundle-format.md is precise enough for another program: its column lists and coded
values are the registry's and the domain's, and a bundle written from the page alone (the
standard library and `cryptography`, none of CamKet's code) merges with `camket merge`."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import hashlib
import io
import json
import re
import uuid
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from desktop.cli import main
from desktop.domain.entities import DepartureStatus, Gender, HamletKind, ResidenceKind
from desktop.domain.movements import MovementKind
from desktop.domain.pledges import AttachmentKind, PledgeStatus
from desktop.store.registry import TABLES

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


def _write_from_the_page(
    out: Path,
    key: Ed25519PrivateKey,
    installation: str,
    conflict: dict[str, str] | None = None,
    person_values: dict[str, str] | None = None,
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
        waiting = rows["person"][0] | stamps | {"rev": "2"} | conflict
        vv = waiting.pop("vv")
        entries["conflicts.csv"] = _csv_bytes(
            ["tbl", "row_id", "vv", "data"],
            [{"tbl": "person", "row_id": person, "vv": vv, "data": json.dumps(waiting)}],
        )
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
        "rows": {table: len(table_rows) for table, table_rows in rows.items()},
        "files": {
            name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
            for name, data in entries.items()
        },
    }
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


def test_a_waiting_version_the_register_could_not_read_back_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    upper = tmp_path / "upper.sqlite3"
    assert main(["init", "--db", str(upper), "--upper"]) == 0
    bundle = tmp_path / "other-program.camket"
    _write_from_the_page(bundle, Ed25519PrivateKey.generate(), str(uuid.uuid4()), {"gender": "?"})
    before = upper.read_bytes()
    capsys.readouterr()

    assert main(["merge", "--db", str(upper), str(bundle)]) == 2
    assert "conflicts.csv: person.gender" in capsys.readouterr().err
    assert upper.read_bytes() == before
