"""Pledge templates as data: parsing, validation against Decree 30 and placeholder filling."""

from __future__ import annotations

import datetime as dt
import re
import string
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.errors import KnownError

# What a template may write in braces, and what each stands for (forms/README.md lists them).
PLACEHOLDERS: dict[str, str] = {
    "household_head": "họ và tên chủ hộ",
    "household_code": "mã hộ",
    "address": "địa chỉ của hộ",
    "hamlet": "tên thôn/bản",
    "hamlet_head": "họ và tên trưởng thôn/bản",
    "commune": "tên xã, ví dụ “Xã Sìn Hồ”",
    "province": "tên tỉnh",
    "place": "địa danh của dòng ngày tháng, ví dụ “Sìn Hồ”",
    "border_post": "tên Đồn Biên phòng",
    "border_officer": "họ và tên cán bộ Biên phòng phụ trách",
    "member_count": "số nhân khẩu của hộ",
    "signer_name": "họ và tên người ký thay mặt hộ",
}

# Allowed ranges of the layout values (Decree 30/2020/NĐ-CP, Appendix I; DESIGN §6).
LAYOUT_RANGES: dict[str, tuple[float, float]] = {
    "margin_top_mm": (20, 25),
    "margin_bottom_mm": (20, 25),
    "margin_left_mm": (30, 35),
    "margin_right_mm": (15, 20),
    "nation_pt": (12, 13),  # "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold upper case
    "motto_pt": (13, 14),  # "Độc lập - Tự do - Hạnh phúc", bold
    "title_pt": (14, 14),  # "BẢN CAM KẾT", bold
    "body_pt": (13, 14),
    "first_line_indent_cm": (1.0, 1.27),
    "paragraph_space_pt": (6, 12),  # at least 6 pt between paragraphs
    "line_spacing": (1.0, 1.5),  # single to one and a half lines
    # Not fixed by Decree 30: tables and the foot may be smaller, but stay readable.
    "table_pt": (11, 13),
    "signature_pt": (12, 14),
}

_REQUIRED_TEXT = ("id", "title", "movement", "lead", "closing")
# Every key a template may have, in the order forms/README.md shows them: a mistyped one
# ("closin") is refused rather than silently printing sheets without what it meant.
_KEYS = (
    "id",
    "version",
    "title",
    "movement",
    "subject",
    "lead",
    "commitments",
    "closing",
    "signature",
    "layout",
)
_SIGNATURE_KEYS = ("heading", "name")
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


@dataclass(frozen=True)
class SignatureColumn:
    """One signature column: a heading in bold ("ĐẠI DIỆN HỘ GIA ĐÌNH") and the printed name."""

    heading: str
    name: str = ""  # may hold a placeholder, e.g. "{hamlet_head}"


@dataclass(frozen=True)
class Layout:
    margin_top_mm: float = 20
    margin_bottom_mm: float = 20
    margin_left_mm: float = 30
    margin_right_mm: float = 15
    nation_pt: float = 12
    motto_pt: float = 13
    title_pt: float = 14
    body_pt: float = 13
    first_line_indent_cm: float = 1.0
    paragraph_space_pt: float = 6
    line_spacing: float = 1.0
    table_pt: float = 11
    signature_pt: float = 13


@dataclass(frozen=True)
class PledgeTemplate:
    """A pledge sheet's words and layout, read from a TOML file in forms/."""

    id: str
    version: int
    title: str  # "BẢN CAM KẾT"
    movement: str  # the movement's name (a campaign's default title)
    subject: str  # the line under the title; the movement's name when the file has none
    lead: str  # the sentence before the numbered commitments
    commitments: tuple[str, ...]
    closing: str
    signatures: tuple[SignatureColumn, ...]
    layout: Layout
    source_name: str = ""


def parse_template(text: str, source_name: str) -> PledgeTemplate:
    """A validated template from TOML text; ``source_name`` names the file in errors.

    Raises KnownError("template.syntax" | "template.missing_key" | "template.bad_value" |
    "template.unknown_key" | "template.unknown_placeholder" | "template.stray_brace" |
    "template.out_of_range") with ``file`` and ``line``.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        raise KnownError(
            "template.syntax",
            file=source_name,
            line=int(match.group(1)) if match else 0,
            detail=str(error),
        ) from None
    reader = _Reader(text, source_name)
    reader.known_keys(data, _KEYS)
    for key in _REQUIRED_TEXT:
        if key not in data:
            raise KnownError("template.missing_key", file=source_name, line=0, key=key)
    template_id = reader.text(data, "id")
    if not _ID_RE.match(template_id):
        raise KnownError(
            "template.bad_value", file=source_name, line=reader.line_of("id"), key="id"
        )
    version = data.get("version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise KnownError(
            "template.bad_value", file=source_name, line=reader.line_of("version"), key="version"
        )
    commitments = data.get("commitments")
    if (
        not isinstance(commitments, list)
        or not commitments
        or not all(isinstance(item, str) and item.strip() for item in commitments)
    ):
        raise KnownError(
            "template.bad_value",
            file=source_name,
            line=reader.line_of("commitments"),
            key="commitments",
        )
    template = PledgeTemplate(
        id=template_id,
        version=version,
        title=reader.text(data, "title"),
        movement=reader.text(data, "movement"),
        subject=reader.text(data, "subject", required=False) or reader.text(data, "movement"),
        lead=reader.text(data, "lead"),
        commitments=tuple(_clean(item) for item in commitments),
        closing=reader.text(data, "closing"),
        signatures=reader.signatures(data),
        layout=reader.layout(data),
        source_name=source_name,
    )
    for piece in _all_text(template):
        if not _braces_match(piece):
            raise KnownError(
                "template.stray_brace", file=source_name, line=reader.line_with_stray_brace()
            )
        for name in placeholders_in(piece):
            if name not in PLACEHOLDERS:
                raise KnownError(
                    "template.unknown_placeholder",
                    file=source_name,
                    line=reader.line_containing("{" + name),
                    name=name,
                )
    return template


def read_template_text(path: Path) -> str:
    """The text of a template file (KnownError "template.unreadable" if unreadable)."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise KnownError("template.unreadable", file=str(path)) from None


def load_template(path: Path) -> PledgeTemplate:
    """Read and validate one template file."""
    return parse_template(read_template_text(path), str(path))


def placeholders_in(text: str) -> list[str]:
    """The names in braces of a template text ("{hamlet}" → "hamlet"); "{{" is a brace."""
    if not _braces_match(text):
        return []
    return [field for _, field, _, _ in string.Formatter().parse(text) if field is not None]


def _braces_match(text: str) -> bool:
    try:
        list(string.Formatter().parse(text))
    except ValueError:  # "{" never closed, or a lone "}"
        return False
    return True


def fill(text: str, values: Mapping[str, str]) -> str:
    """The text with each placeholder replaced by its value (a missing one by a dotted gap)."""
    gap = "…………………"
    return text.format_map({name: values.get(name) or gap for name in PLACEHOLDERS})


def _clean(text: str) -> str:
    # TOML multi-line strings keep the author's line breaks; a sheet flows its own lines.
    return unicodedata.normalize("NFC", " ".join(text.split()))


def _all_text(template: PledgeTemplate) -> list[str]:
    texts = [template.title, template.movement, template.subject, template.lead, template.closing]
    texts.extend(template.commitments)
    for column in template.signatures:
        texts.extend((column.heading, column.name))
    return texts


class _Reader:
    """Typed access to the parsed TOML, with the line of a key for error messages.

    tomllib reports no line numbers for values, so the line is found by scanning the text.
    """

    def __init__(self, text: str, source_name: str) -> None:
        self.lines = text.splitlines()
        self.source_name = source_name

    def line_of(self, key: str, section: str | None = None, nth: int = 0) -> int:
        """The line of ``key =`` in ``section`` (its ``nth`` one, for [[signature]]), or of
        a table's own ``[key]`` header; 0 when not found (an inline table, say)."""
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*[=.]")
        current: str | None = None
        seen = -1
        for number, line in enumerate(self.lines, start=1):
            header = re.match(r"^\s*\[+\s*([^\]]+?)\s*\]+", line)
            if header:
                current = header.group(1)
                seen += current == section
                if section is None and current.split(".")[0].strip("\"' ") == key:
                    return number
            elif pattern.match(line) and current == section and seen == (nth if section else -1):
                return number
        return 0

    def known_keys(
        self,
        data: Mapping[str, object],
        keys: tuple[str, ...],
        section: str | None = None,
        nth: int = 0,
    ) -> None:
        for key in data:
            if key not in keys:
                line = self.line_of(key, section, nth) or self.line_containing(key)
                raise KnownError(
                    "template.unknown_key",
                    file=self.source_name,
                    line=line,
                    key=f"{section}.{key}" if section else key,
                    choices=", ".join(keys),
                )

    def line_with_stray_brace(self) -> int:
        for number, line in enumerate(self.lines, start=1):
            if not line.lstrip().startswith("#") and not _braces_match(line):
                return number
        return 0

    def nth_line_containing(self, fragment: str, nth: int) -> int:
        found = [n for n, line in enumerate(self.lines, start=1) if fragment in line]
        return found[nth] if nth < len(found) else (found[0] if found else 0)

    def line_containing(self, fragment: str) -> int:
        for number, line in enumerate(self.lines, start=1):
            if fragment in line:
                return number
        return 0

    def text(self, data: Mapping[str, object], key: str, *, required: bool = True) -> str:
        value = data.get(key, "")
        if not isinstance(value, str) or (required and not value.strip()):
            raise KnownError(
                "template.bad_value", file=self.source_name, line=self.line_of(key), key=key
            )
        return _clean(value)

    def signatures(self, data: Mapping[str, object]) -> tuple[SignatureColumn, ...]:
        columns = data.get("signature", [])
        if not isinstance(columns, list) or not 1 <= len(columns) <= 3:
            raise KnownError(
                "template.bad_value",
                file=self.source_name,
                line=self.line_containing("[[signature]]"),
                key="signature",
            )
        result = []
        for index, column in enumerate(columns):
            if isinstance(column, dict):
                self.known_keys(column, _SIGNATURE_KEYS, "signature", index)
            heading = column.get("heading") if isinstance(column, dict) else None
            name = column.get("name", "") if isinstance(column, dict) else None
            if not isinstance(heading, str) or not heading.strip() or not isinstance(name, str):
                raise KnownError(
                    "template.bad_value",
                    file=self.source_name,
                    line=self.nth_line_containing("[[signature]]", index),
                    key="signature",
                )
            result.append(SignatureColumn(_clean(heading), _clean(name)))
        return tuple(result)

    def layout(self, data: Mapping[str, object]) -> Layout:
        given = data.get("layout", {})
        if not isinstance(given, dict):
            raise KnownError(
                "template.bad_value",
                file=self.source_name,
                line=self.line_of("layout"),
                key="layout",
            )
        self.known_keys(given, tuple(LAYOUT_RANGES), "layout")
        values: dict[str, float] = {}
        for key, value in given.items():
            line = self.line_of(key, "layout")
            low, high = LAYOUT_RANGES[key]
            if not isinstance(value, int | float) or isinstance(value, bool):
                raise KnownError(
                    "template.bad_value", file=self.source_name, line=line, key=f"layout.{key}"
                )
            if not low <= value <= high:
                raise KnownError(
                    "template.out_of_range",
                    file=self.source_name,
                    line=line,
                    key=f"layout.{key}",
                    value=value,
                    low=low,
                    high=high,
                )
            values[key] = float(value)
        return Layout(**values)


def date_line(place: str, on: dt.date | None) -> str:
    """ "Sìn Hồ, ngày 05 tháng 01 năm 2026" (DESIGN §5); dotted gaps when the date is unknown.

    Decree 30 pads days below 10 and the months January and February with a zero.
    """
    where = place.strip() or "……………"
    if on is None:
        return f"{where}, ngày …… tháng …… năm 20……"
    month = f"{on.month:02d}" if on.month <= 2 else str(on.month)
    return f"{where}, ngày {on.day:02d} tháng {month} năm {on.year}"
