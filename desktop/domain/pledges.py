"""Pledge campaigns, pledge states, the QR payload and what a printed sheet carries."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from desktop.domain.entities import calendar_day, new_id, stable_id
from desktop.domain.errors import KnownError
from desktop.domain.text_bounds import CAMPAIGN_TEXT, refuse_long_text
from desktop.domain.validation import Issue, Severity, is_formula_like


class PledgeStatus(StrEnum):
    """not printed → printed → signed / refused / absent (DESIGN §3)."""

    NOT_PRINTED = "chua_in"
    PRINTED = "da_in"
    SIGNED = "da_ky"
    REFUSED = "tu_choi"
    ABSENT = "vang_mat"


# States that close a household's pledge for the campaign's count toward 100 %.
FINAL_STATUSES = frozenset({PledgeStatus.SIGNED, PledgeStatus.REFUSED, PledgeStatus.ABSENT})
# What a returned sheet (or a visit) can record.
RESULT_STATUSES = FINAL_STATUSES


class AttachmentKind(StrEnum):
    SIGNATURE = "signature"  # drawn on the pad, PNG
    SCAN = "scan"  # the scanned paper sheet: PNG, JPEG or PDF


# An attachment is refused above this size: a phone photo of a sheet is 2–5 MB, a scanned
# A4 page at 300 dpi well under 10 MB; anything bigger is a mistake (a video, a folder zip).
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024

# Magic bytes, not file names: a photo renamed .pdf is still a photo, a .png that is a
# Word file is refused.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"%PDF-", "application/pdf"),
)


# What an attachment may be (its `mime`): all CamKet keeps, prints and sends.
ATTACHMENT_TYPES = tuple(mime for _magic, mime in _MAGIC)


def detect_mime(data: bytes) -> str | None:
    """'image/png', 'image/jpeg' or 'application/pdf' by the content's first bytes."""
    for magic, mime in _MAGIC:
        if data.startswith(magic):
            return mime
    return None


def check_attachment_size(size: int, name: str = "") -> None:
    if size > MAX_ATTACHMENT_BYTES:
        raise KnownError(
            "attachment.too_large",
            name=name,
            size_mb=f"{size / 1024 / 1024:.1f}".replace(".", ","),
            limit_mb=MAX_ATTACHMENT_BYTES // (1024 * 1024),
        )


def check_attachment(kind: AttachmentKind, data: bytes, name: str = "") -> str:
    """The MIME type of an acceptable attachment; KnownError naming the file otherwise."""
    check_attachment_size(len(data), name)
    if not data:
        raise KnownError("attachment.empty", name=name)
    mime = detect_mime(data)
    if kind is AttachmentKind.SIGNATURE and mime != "image/png":
        raise KnownError("attachment.signature_not_png", name=name)
    if mime is None:
        raise KnownError("attachment.not_image_or_pdf", name=name)
    return mime


@dataclass(frozen=True)
class Attachment:
    """A signature drawn on the pad or a scanned sheet, kept with its pledge."""

    pledge_id: str
    kind: AttachmentKind
    mime: str
    sha256: str
    size: int
    file_name: str = ""
    created_at: str = ""
    id: str = field(default_factory=new_id)


def place_name(commune_name: str) -> str:
    """The date line's place: 'Xã Sìn Hồ' → 'Sìn Hồ'."""
    for prefix in ("Xã ", "Phường ", "Đặc khu ", "Thị trấn "):
        if commune_name.startswith(prefix):
            return commune_name[len(prefix) :]
    return commune_name


@dataclass(frozen=True)
class StoredTemplate:
    """A template's text as kept in the register: campaigns and pledges name its version."""

    template_id: str
    version: int
    title: str
    source: str = ""  # the template file's text (TOML)
    based_on: str = ""  # "template_id@version" it was copied from, for a clerk's edit
    # One row per template version in every register: two PCs that keep (or edit into) the
    # same version hold the same row, and a concurrent edit is a conflict to review.
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:  # frozen: set once, here
            object.__setattr__(
                self, "id", stable_id("template", self.template_id, str(self.version))
            )


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


def check_campaign(
    title: str, starts_on: dt.date | None, ends_on: dt.date | None, target_percent: int
) -> None:
    """A campaign a clerk starts must hold together (KnownError otherwise): a title (not
    one a spreadsheet would take for a formula), an end not before its start, a target of
    1–100 % of the households signed."""
    if not title.strip():
        raise KnownError("campaign.title_missing")
    if is_formula_like(title):
        raise KnownError("campaign.title_formula_like", title=title.strip())
    refuse_long_text(CAMPAIGN_TEXT, {"title": title})
    check_campaign_dates(starts_on, ends_on, target_percent)


def check_campaign_dates(
    starts_on: dt.date | None, ends_on: dt.date | None, target_percent: int
) -> None:
    """A campaign's dates and target, as started or corrected (KnownError otherwise): an end
    not before its start, a target of 1–100 % of the households signed."""
    if starts_on and ends_on and ends_on < starts_on:
        raise KnownError(
            "campaign.ends_before_start",
            starts=starts_on.strftime("%d/%m/%Y"),
            ends=ends_on.strftime("%d/%m/%Y"),
        )
    if not 1 <= target_percent <= 100:
        raise KnownError("campaign.target_out_of_range", target=target_percent)


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
    # A household has one pledge per campaign on every PC: the same row when bundles meet.
    id: str = ""

    def __post_init__(self) -> None:
        self.id = self.id or stable_id("pledge", self.campaign_id, self.household_id)


def check_result(
    status: PledgeStatus,
    on: dt.date,
    today: dt.date,
    *,
    signer_id: str | None,
    member_ids: Iterable[str],
    reason: str,
    starts_on: dt.date | None = None,
    campaign_id: str = "",
) -> None:
    """What a clerk records for a household must hold together (KnownError otherwise): a
    date neither in the future nor before the campaign's start (when it has one; the
    message names the campaign ``campaign_id``'s command to correct its start)."""
    if status not in RESULT_STATUSES:
        raise KnownError("pledge.bad_status", status=str(status))
    if on > today:
        raise KnownError("pledge.date_in_future", date=on.strftime("%d/%m/%Y"))
    if starts_on is not None and on < starts_on:
        raise KnownError(
            "pledge.date_before_campaign",
            date=on.strftime("%d/%m/%Y"),
            starts=starts_on.strftime("%d/%m/%Y"),
            campaign=campaign_id[:8] or "ID",
        )
    if status is PledgeStatus.SIGNED:
        if signer_id is None:
            raise KnownError("pledge.signer_missing")
        if signer_id not in set(member_ids):
            raise KnownError("pledge.signer_not_member")
    elif not reason.strip():
        raise KnownError("pledge.reason_missing", status=str(status))


def validate_stored_pledge(
    pledge: Pledge,
    member_ids: Iterable[str],
    today: dt.date,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
) -> list[Issue]:
    """What does not hold together in a stored pledge (dated in the future or before its
    campaign's start ``starts_on``, missing signer or reason); a signer no longer in the
    household (moved since) and a day after the campaign's end ``ends_on`` (a late sheet,
    recorded and counted as any: a drive often runs past its planned end) are warnings."""
    issues: list[Issue] = []
    if pledge.status not in FINAL_STATUSES:
        return issues
    on = pledge.signed_on
    shown = {"date": on.strftime("%d/%m/%Y")} if on is not None else {}
    if on is None:
        issues.append(Issue("signed_on", "pledge.no_date", Severity.ERROR))
    elif on > today:
        issues.append(Issue("signed_on", "pledge.date_in_future", Severity.ERROR, shown))
    elif starts_on is not None and on < starts_on:
        starts = {"starts": starts_on.strftime("%d/%m/%Y")}
        issues.append(
            Issue("signed_on", "pledge.date_before_campaign", Severity.ERROR, shown | starts)
        )
    elif ends_on is not None and on > ends_on:
        ends = {"ends": ends_on.strftime("%d/%m/%Y")}
        issues.append(
            Issue("signed_on", "pledge.date_after_campaign", Severity.WARNING, shown | ends)
        )
    if pledge.status is PledgeStatus.SIGNED:
        if not pledge.signer_id:
            issues.append(Issue("signer_id", "pledge.no_signer", Severity.ERROR))
        elif pledge.signer_id not in set(member_ids):
            issues.append(Issue("signer_id", "pledge.signer_elsewhere", Severity.WARNING))
    elif not pledge.reason.strip():
        issues.append(Issue("reason", "pledge.no_reason", Severity.ERROR))
    return issues


_SHEET_DATE = re.compile(r"\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*", re.ASCII)


def parse_sheet_date(text: str) -> dt.date:
    """'05/01/2026' (also 5/1/2026, 05-01-2026) as written on a sheet; KnownError otherwise
    (a day that does not exist, a year before 1900 or after 2100)."""
    match = _SHEET_DATE.fullmatch(text)
    if match is None:
        raise KnownError("date.unparseable", text=text)
    day, month, year = (int(g) for g in match.groups())
    return calendar_day(year, month, day, text.strip())


@dataclass(frozen=True)
class HamletProgress:
    """One hamlet's count toward the campaign's target (the commune's total has no id)."""

    hamlet_id: str
    hamlet_name: str
    households: int
    signed: int
    refused: int
    absent: int
    printed: int  # printed, not yet back
    not_printed: int
    target_percent: int = 100

    @property
    def unsigned(self) -> int:
        return self.households - self.signed

    @property
    def percent(self) -> float:
        """Signed households as a share of all, 0–100."""
        return 100.0 * self.signed / self.households if self.households else 0.0

    @property
    def percent_of_target(self) -> float:
        """How far toward the target, 0–100 (100 once the target is reached)."""
        return min(100.0, 100.0 * self.percent / self.target_percent)


def total_progress(rows: Iterable[HamletProgress], name: str = "") -> HamletProgress:
    """The commune's total over its hamlets."""
    rows = list(rows)
    return HamletProgress(
        hamlet_id="",
        hamlet_name=name,
        households=sum(r.households for r in rows),
        signed=sum(r.signed for r in rows),
        refused=sum(r.refused for r in rows),
        absent=sum(r.absent for r in rows),
        printed=sum(r.printed for r in rows),
        not_printed=sum(r.not_printed for r in rows),
        target_percent=rows[0].target_percent if rows else 100,
    )


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
    household_id: str = ""  # which household to mark printed once drawn ("" when blank)

    @property
    def member_count(self) -> int:
        return len(self.members)


def blank_sheet(
    *,
    province_name: str = "",
    commune_name: str = "",
    place_name: str = "",
    border_post: str = "",
    border_officer: str = "",
    hamlet_name: str = "",
    hamlet_head: str = "",
) -> PledgeSheet:
    """A PledgeSheet with no household (``household_code`` ""): drawn with gaps to fill."""
    return PledgeSheet(
        province_name=province_name,
        commune_name=commune_name,
        place_name=place_name,
        hamlet_name=hamlet_name,
        hamlet_head=hamlet_head,
        border_post=border_post,
        border_officer=border_officer,
        household_code="",
        head_name="",
        head_birth="",
        head_id_number="",
        address="",
    )
