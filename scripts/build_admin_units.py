"""Regenerate resources/admin_units/ (34 provinces, 3,321 communes) from vietnam-provinces.

Run from the repository root with the dev extra installed:

    .venv/bin/python scripts/build_admin_units.py

Output is deterministic: the CSVs depend only on the installed package's data, and the
"Generated" date in SOURCE.md is kept from the previous run while the CSVs are unchanged
(otherwise it is SOURCE_DATE_EPOCH if set, else today's UTC date).
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import sys
import unicodedata
from collections import Counter
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import vietnam_provinces
from vietnam_provinces import Province, Ward

OUT_DIR = Path(__file__).resolve().parent.parent / "resources" / "admin_units"
PROVINCE_KINDS = ("tỉnh", "thành phố trung ương")
# Commune kind -> the prefix every full name of that kind starts with.
COMMUNE_PREFIXES = {"xã": "Xã ", "phường": "Phường ", "đặc khu": "Đặc khu "}
UPSTREAM = "https://github.com/sunshine-tech/VietnamProvinces"
SOURCE_TXT = (  # dev/seed-data/2025-07/source.txt in the upstream repository
    "https://chinhphu.vn/du-thao-vbqppl/du-thao-quyet-dinh-cua-thu-tuong-chinh-phu-"
    "ban-hanh-bang-danh-muc-va-ma-so-cac-don-vi-hanh-chinh-7546"
)
LICENCE = "GPL-3.0-or-later"
_DATE_LINE = re.compile(r"^- Generated: (\d{4}-\d{2}-\d{2})$", re.MULTILINE)

fixed_whitespace: list[str] = []


def clean(text: str) -> str:
    """NFC, with runs of whitespace collapsed (the source has a few double spaces)."""
    nfc = unicodedata.normalize("NFC", text)
    tidy = " ".join(nfc.split())
    if tidy != nfc:
        fixed_whitespace.append(tidy)
    return tidy


def province_rows() -> list[list[str]]:
    rows = []
    for p in Province.iter_all():
        kind = clean(p.division_type.value)
        if kind not in PROVINCE_KINDS:
            raise SystemExit(f"province {p.code}: unexpected kind {kind!r}")
        rows.append([f"{int(p.code):02d}", clean(p.name), kind])
    return sorted(rows)


def commune_rows(province_codes: set[str]) -> list[list[str]]:
    rows = []
    for w in Ward.iter_all():
        code, name, kind = f"{int(w.code):05d}", clean(w.name), clean(w.division_type.value)
        province_code = f"{int(w.province_code):02d}"
        prefix = COMMUNE_PREFIXES.get(kind)
        if prefix is None or not name.startswith(prefix):
            raise SystemExit(f"commune {code}: name {name!r} does not match kind {kind!r}")
        if province_code not in province_codes:
            raise SystemExit(f"commune {code}: unknown province {province_code}")
        rows.append([code, name, name.removeprefix(prefix), kind, province_code])
    return sorted(rows)


def to_csv(header: list[str], rows: list[list[str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def generated_date(unchanged: bool) -> str:
    source_md = OUT_DIR / "SOURCE.md"
    if unchanged and source_md.exists():
        found = _DATE_LINE.search(source_md.read_text(encoding="utf-8"))
        if found:
            return found.group(1)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.date().isoformat()


def source_md(
    date: str, files: dict[str, str], counts: Counter[str], n_provinces: int, n_communes: int
) -> str:
    version = metadata.version("vietnam-provinces")
    sums = "\n".join(
        f"    {hashlib.sha256(text.encode()).hexdigest()}  {name}" for name, text in files.items()
    )
    breakdown = ", ".join(f"{n:,} {kind}" for kind, n in sorted(counts.items()))
    return f"""# Administrative units: source and licence

- Files: `provinces.csv` ({n_provinces} rows: `code,name,kind`) and `communes.csv`
  ({n_communes:,} rows: `code,name,short_name,kind,province_code`; {breakdown}).
- Source package: `vietnam-provinces` {version} (PyPI) by Nguyễn Hồng Quân,
  <{UPSTREAM}>; its data version (retrieval date) is {vietnam_provinces.__data_version__}.
- Upstream data origin: names and codes from the General Statistics Office of Viet Nam
  (GSO, now NSO); upstream cites the draft Decision listing the new units and their codes
  ({SOURCE_TXT}), published before Decision 19/2025/QĐ-TTg. Upstream's changelog
  for 2025.10.1: "Fix name for these wards: 6172, 6187, 16609, 23954, 29857". Not
  re-checked here against the final text of Decision 19/2025/QĐ-TTg.
- Licence: {LICENCE}, as declared by the upstream project's `pyproject.toml`. The
  installed wheel ships no licence file and no licence metadata, so
  `LICENSE-vietnam-provinces.txt` holds the verbatim GNU GPL v3 text from the FSF.
- Generated: {date}
- Regenerate: `.venv/bin/python scripts/build_admin_units.py` (needs the `dev` extra).

## Transformations

- Every string NFC-normalised; runs of whitespace collapsed (the source has a double
  space after the prefix in {len(fixed_whitespace)} names).
- Codes as zero-padded strings: provinces 2 digits, communes 5 digits; rows sorted by code.
- `short_name` is `name` without its kind prefix ("Xã ", "Phường ", "Đặc khu "); the
  source has no short display name of its own.
- Province names are as upstream gives them: the six centrally-run cities carry
  "Thành phố", the 28 provinces carry no "Tỉnh".

## Checksums (SHA-256)

{sums}
"""


def main() -> int:
    provinces = province_rows()
    communes = commune_rows({row[0] for row in provinces})
    files = {
        "provinces.csv": to_csv(["code", "name", "kind"], provinces),
        "communes.csv": to_csv(["code", "name", "short_name", "kind", "province_code"], communes),
    }
    for rows in (provinces, communes):
        if len({row[0] for row in rows}) != len(rows):
            raise SystemExit("duplicate codes in source")

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    unchanged = all(
        (OUT_DIR / name).exists() and (OUT_DIR / name).read_text(encoding="utf-8") == text
        for name, text in files.items()
    )
    counts = Counter(row[3] for row in communes)
    text = source_md(generated_date(unchanged), files, counts, len(provinces), len(communes))
    files["SOURCE.md"] = text
    for name, content in files.items():
        with (OUT_DIR / name).open("w", encoding="utf-8", newline="") as fh:
            fh.write(content)

    print(f"{len(provinces)} provinces, {len(communes)} communes ({dict(sorted(counts.items()))})")
    if fixed_whitespace:
        print(f"collapsed whitespace in {len(fixed_whitespace)} names: {fixed_whitespace}")
    print(f"wrote {OUT_DIR}" + (" (CSVs unchanged)" if unchanged else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
