"""Who a report sent upward is addressed to and who signs it (Decree 30's frame), kept with
the register on this PC; defaults from the commune until the clerk sets them in Settings."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from desktop.domain.entities import Commune
from desktop.domain.text import normalize_text
from desktop.store.local import get_setting, set_setting

_KEYS = {
    "recipient": "report_recipient",
    "copies_to": "report_copies_to",
    "signer_title": "report_signer_title",
    "signer_name": "report_signer_name",
}


@dataclass(frozen=True)
class ReportSettings:
    recipient: str  # "Kính gửi: …"
    copies_to: tuple[str, ...]  # "Nơi nhận:" besides the recipient and the archive
    signer_title: str  # under "TM. ỦY BAN NHÂN DÂN": "CHỦ TỊCH", "KT. CHỦ TỊCH PHÓ CHỦ TỊCH"
    signer_name: str


def default_settings(commune: Commune) -> ReportSettings:
    # Province names are "Cao Bằng" or "Thành phố Hà Nội": "Ủy ban nhân dân tỉnh Cao Bằng".
    province = commune.province_name
    if province.startswith("Thành phố "):
        province = "thành phố " + province.removeprefix("Thành phố ")
    else:
        province = "tỉnh " + province.removeprefix("Tỉnh ")
    return ReportSettings(
        recipient=f"Ủy ban nhân dân {province}",
        copies_to=(commune.border_post,) if commune.border_post else (),
        signer_title="CHỦ TỊCH",
        signer_name="",
    )


def load_report_settings(db: Database, commune: Commune) -> ReportSettings:
    default = default_settings(commune)
    stored = {field: get_setting(db, key) for field, key in _KEYS.items()}
    copies = stored["copies_to"]
    return ReportSettings(
        recipient=default.recipient if stored["recipient"] is None else stored["recipient"],
        copies_to=default.copies_to
        if copies is None
        else tuple(line for line in copies.splitlines() if line.strip()),
        signer_title=stored["signer_title"] or default.signer_title,
        signer_name=stored["signer_name"] or "",
    )


def save_report_settings(db: Database, settings: ReportSettings) -> None:
    with db.atomic():
        set_setting(db, _KEYS["recipient"], normalize_text(settings.recipient))
        lines = (normalize_text(line) for line in settings.copies_to)
        set_setting(db, _KEYS["copies_to"], "\n".join(line for line in lines if line))
        set_setting(db, _KEYS["signer_title"], normalize_text(settings.signer_title))
        set_setting(db, _KEYS["signer_name"], normalize_text(settings.signer_name))
