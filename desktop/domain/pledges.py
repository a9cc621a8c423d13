"""Pledge campaigns, pledge states, the QR payload and what a printed sheet carries."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from enum import StrEnum

from desktop.domain.entities import new_id
from desktop.domain.errors import KnownError


class PledgeStatus(StrEnum):
    """not printed → printed → signed / refused / absent (DESIGN §3)."""

    NOT_PRINTED = "chua_in"
    PRINTED = "da_in"
    SIGNED = "da_ky"
    REFUSED = "tu_choi"
    ABSENT = "vang_mat"


# States that close a household's pledge for the campaign's count toward 100 %.
FINAL_STATUSES = frozenset({PledgeStatus.SIGNED, PledgeStatus.REFUSED, PledgeStatus.ABSENT})


@dataclass
class Campaign:
    """A pledge drive: which template (and version) its sheets are printed with."""

    title: str
    template_id: str
    template_version: int
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    target_percent: int = 100
    is_current: bool = True
    id: str = field(default_factory=new_id)


@dataclass
class Pledge:
    """One household's pledge in one campaign."""

    household_id: str
    campaign_id: str
    template_version: int
    status: PledgeStatus = PledgeStatus.NOT_PRINTED
    printed_at: str | None = None  # UTC ISO-8601 of the last print
    signed_on: dt.date | None = None  # the date written on the sheet
    signer_id: str | None = None  # a member of the household
    witnesses: str = ""  # hamlet head; Border Guard officer
    reason: str = ""  # why refused or absent
    notes: str = ""
    id: str = field(default_factory=new_id)


# --- the QR code at the foot of every sheet ---------------------------------------------------
# A USB scanner "types" the payload into the check-in box like a keyboard. With Unikey or
# EVKey on (as on most Vietnamese PCs) Telex turns "dd" into "đ" and "f" into a tone, and
# VNI turns a digit after a vowel into a tone: only a payload of digits alone survives both.
# So: "8401" (format 1), the 5-digit commune code, then the campaign and household UUIDs as
# 39-digit numbers: 87 digits, which QR's numeric mode holds in a small symbol.
QR_PREFIX = "8401"
_UUID_DIGITS = 39
QR_LENGTH = len(QR_PREFIX) + 5 + 2 * _UUID_DIGITS


@dataclass(frozen=True)
class QrPayload:
    commune_code: str
    campaign_id: str
    household_id: str

    def text(self) -> str:
        return (
            QR_PREFIX
            + self.commune_code
            + f"{uuid.UUID(self.campaign_id).int:0{_UUID_DIGITS}d}"
            + f"{uuid.UUID(self.household_id).int:0{_UUID_DIGITS}d}"
        )


def looks_like_qr(scanned: str) -> bool:
    """True when the text is meant as a QR payload (not a typed household code)."""
    text = scanned.strip()
    return text.startswith(QR_PREFIX) and text.isdigit() and len(text) >= 20


def parse_qr(scanned: str) -> QrPayload:
    """The payload of a scanned sheet; KnownError("qr.malformed") for anything else."""
    text = scanned.strip()
    if not (looks_like_qr(text) and len(text) == QR_LENGTH):
        raise KnownError("qr.malformed", text=text[:60])
    commune = text[4:9]
    campaign = int(text[9 : 9 + _UUID_DIGITS])
    household = int(text[9 + _UUID_DIGITS :])
    if campaign >= 1 << 128 or household >= 1 << 128:
        raise KnownError("qr.malformed", text=text[:60])
    return QrPayload(commune, str(uuid.UUID(int=campaign)), str(uuid.UUID(int=household)))


# --- what one printed sheet shows (filled by services, drawn by printing) --------------------


@dataclass(frozen=True)
class SheetMember:
    full_name: str
    gender: str  # "Nam" / "Nữ"
    birth: str  # "05/01/1990" or "1990"
    id_number: str
    relationship: str


@dataclass(frozen=True)
class SheetRelative:
    full_name: str
    relationship: str
    country: str
    since: str


@dataclass(frozen=True)
class PledgeSheet:
    """Everything a pre-filled (or, with household_code "", blank) sheet prints."""

    province_name: str
    commune_name: str  # "Xã Sìn Hồ"
    place_name: str  # the date line's place: "Sìn Hồ"
    hamlet_name: str
    hamlet_head: str
    border_post: str
    border_officer: str
    household_code: str
    head_name: str
    head_birth: str
    head_id_number: str
    address: str
    members: tuple[SheetMember, ...] = ()
    relatives: tuple[SheetRelative, ...] = ()
    qr_payload: str = ""
    signed_on: dt.date | None = None  # None: "ngày … tháng … năm …" left to fill by hand
    signer_name: str = ""
    signature_png: bytes | None = None  # the "bản lưu" of a signed pledge shows it

    @property
    def member_count(self) -> int:
        return len(self.members)
