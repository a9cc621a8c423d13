"""Check-in of returned sheets and their attachments: the right pledge opens, bad scans and
bad files are refused with nothing changed."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
import zlib
from pathlib import Path

import pytest

from desktop.domain.errors import KnownError
from desktop.domain.pledges import (
    MAX_ATTACHMENT_BYTES,
    AttachmentKind,
    PledgeStatus,
    QrPayload,
)
from desktop.services import checkin, pledges
from desktop.services.campaigns import start_campaign
from desktop.services.register import OpenRegister
from desktop.store import pledges as store


def png(width: int = 2, height: int = 1) -> bytes:
    """A real (tiny, white) PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 0, 0, 0, 0])
    raw = b"".join(b"\0" + b"\xff" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\0" * 100
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def _rows(reg: OpenRegister) -> tuple[int, int, int]:
    return tuple(
        reg.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("audit", "pledge", "attachment")
    )  # type: ignore[return-value]


def _payload(reg: OpenRegister, code: str, **changes: str) -> str:
    household = pledges.household_by_code(reg, code)
    fields = {
        "commune_code": reg.commune.code,
        "campaign_id": pledges.current_campaign(reg).id,
        "household_id": household.id,
        **changes,
    }
    return QrPayload(**fields).text()


def test_a_scanned_sheet_opens_its_households_pledge(register: OpenRegister) -> None:
    found = checkin.check_in(register, _payload(register, "NT-002") + "\r\n")
    assert found.household.code == "NT-002"
    assert found.hamlet_name == "Bản Nậm Tăm"
    assert found.head_name == "Giàng A Páo"
    assert [m.full_name for m in found.members] == ["Giàng A Páo", "Sùng Thị Mỷ"]
    assert found.pledge.status is PledgeStatus.NOT_PRINTED
    assert found.campaign == pledges.current_campaign(register)


def test_a_typed_code_opens_the_same_pledge_once_recorded(register: OpenRegister) -> None:
    hid = pledges.household_by_code(register, "T2-001").id
    saved = pledges.record_result(
        register, hid, PledgeStatus.SIGNED, dt.date(2026, 1, 2), today=dt.date(2026, 1, 2)
    )
    assert checkin.check_in(register, " t2-001 ").pledge == saved


@pytest.mark.parametrize(
    ("scanned", "code"),
    [
        ("", "checkin.empty"),
        ("XX-404", "household.unknown_code"),
        ("8401" + "1" * 40, "qr.malformed"),
    ],
)
def test_bad_typed_text_is_refused(register: OpenRegister, scanned: str, code: str) -> None:
    with pytest.raises(KnownError) as err:
        checkin.check_in(register, scanned)
    assert err.value.code == code


def test_a_sheet_of_another_commune_is_refused(register: OpenRegister) -> None:
    with pytest.raises(KnownError) as err:
        checkin.check_in(register, _payload(register, "NT-001", commune_code="01234"))
    assert (err.value.code, err.value.params["code"]) == ("checkin.other_commune", "01234")


def test_a_sheet_of_another_campaign_is_refused_naming_both(register: OpenRegister) -> None:
    old = pledges.current_campaign(register)
    old_sheet = _payload(register, "NT-001")
    template = store.get_template(register.db, old.template_id, old.template_version)
    assert template is not None
    start_campaign(register.writer, template, title="Đợt 2026")
    with pytest.raises(KnownError) as err:
        checkin.check_in(register, old_sheet)
    assert err.value.code == "checkin.other_campaign"
    assert err.value.params == {"title": old.title, "current": "Đợt 2026"}
    with pytest.raises(KnownError) as err:
        checkin.check_in(register, _payload(register, "NT-001", campaign_id=str(uuid.uuid4())))
    assert err.value.code == "checkin.unknown_campaign"


def test_a_sheet_of_a_deleted_household_is_refused(register: OpenRegister) -> None:
    with pytest.raises(KnownError) as err:
        checkin.check_in(register, _payload(register, "NT-001", household_id=str(uuid.uuid4())))
    assert err.value.code == "checkin.unknown_household"


def test_a_signature_is_kept_with_its_sha256_in_the_audit(register: OpenRegister) -> None:
    found = checkin.check_in(register, "NT-001")
    data = png()
    attached = checkin.save_attachment(register, found.pledge, AttachmentKind.SIGNATURE, data)
    assert (attached.mime, attached.size) == ("image/png", len(data))
    assert attached.sha256 == hashlib.sha256(data).hexdigest()
    assert checkin.signature_png(register, found.pledge.id) == data
    assert store.get_pledge(register.db, found.pledge.id)  # the new pledge was stored first
    (after,) = register.db.execute(
        "SELECT after FROM audit WHERE entity = 'attachment' AND action = 'insert'"
    ).fetchone()
    audited = json.loads(after)
    assert audited["sha256"] == attached.sha256
    assert "bytes" not in audited


def test_a_new_signature_replaces_the_old_one(register: OpenRegister) -> None:
    pledge = checkin.check_in(register, "NT-001").pledge
    checkin.save_attachment(register, pledge, AttachmentKind.SIGNATURE, png(2, 1))
    checkin.save_attachment(register, pledge, AttachmentKind.SIGNATURE, png(3, 2))
    assert checkin.signature_png(register, pledge.id) == png(3, 2)
    assert len(checkin.attachments(register, pledge.id)) == 1


@pytest.mark.parametrize(
    ("data", "mime"), [(JPEG, "image/jpeg"), (PDF, "application/pdf"), (png(), "image/png")]
)
def test_a_scan_is_told_by_its_content_not_its_name(
    register: OpenRegister, tmp_path: Path, data: bytes, mime: str
) -> None:
    pledge = checkin.check_in(register, "NT-001").pledge
    path = tmp_path / "scan.docx"  # a misleading name does not matter
    path.write_bytes(data)
    attached = checkin.attach_file(register, pledge, AttachmentKind.SCAN, path)
    assert (attached.mime, attached.file_name) == (mime, "scan.docx")
    assert checkin.attachment_bytes(register, attached.id) == data


@pytest.mark.parametrize(
    ("kind", "data", "code"),
    [
        (AttachmentKind.SCAN, b"PK\x03\x04 a word file", "attachment.not_image_or_pdf"),
        (AttachmentKind.SCAN, b"", "attachment.empty"),
        (AttachmentKind.SIGNATURE, JPEG, "attachment.signature_not_png"),
        (AttachmentKind.SCAN, b"%PDF-" + b"\0" * MAX_ATTACHMENT_BYTES, "attachment.too_large"),
    ],
)
def test_a_bad_attachment_changes_nothing(
    register: OpenRegister, tmp_path: Path, kind: AttachmentKind, data: bytes, code: str
) -> None:
    pledge = checkin.check_in(register, "NT-001").pledge
    path = tmp_path / "scan.png"
    path.write_bytes(data)
    before = _rows(register)
    with pytest.raises(KnownError) as err:
        checkin.attach_file(register, pledge, kind, path)
    assert err.value.code == code
    assert err.value.params["name"] == "scan.png"
    assert _rows(register) == before


def test_a_huge_file_names_its_size(register: OpenRegister, tmp_path: Path) -> None:
    path = tmp_path / "video.pdf"
    with path.open("wb") as fh:
        fh.truncate(25 * 1024 * 1024)
    pledge = checkin.check_in(register, "NT-001").pledge
    with pytest.raises(KnownError) as err:
        checkin.attach_file(register, pledge, AttachmentKind.SCAN, path)
    assert err.value.params == {"name": "video.pdf", "size_mb": "25,0", "limit_mb": 10}


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_file_that_never_ends_is_read_only_to_the_limit(
    register: OpenRegister, tmp_path: Path
) -> None:
    path = tmp_path / "scan.pdf"
    path.symlink_to("/dev/zero")  # says it is empty; gives zeros for ever
    pledge = checkin.check_in(register, "NT-001").pledge
    with pytest.raises(KnownError) as err:
        checkin.attach_file(register, pledge, AttachmentKind.SCAN, path)
    assert err.value.code == "attachment.too_large"
    assert err.value.params["name"] == "scan.pdf"
    assert checkin.attachments(register, pledge.id) == []


def test_a_missing_file_is_refused(register: OpenRegister, tmp_path: Path) -> None:
    pledge = checkin.check_in(register, "NT-001").pledge
    with pytest.raises(KnownError) as err:
        checkin.attach_file(register, pledge, AttachmentKind.SCAN, tmp_path / "none.pdf")
    assert err.value.code == "attachment.unreadable"


def test_a_scan_attached_by_mistake_can_be_removed(register: OpenRegister) -> None:
    pledge = checkin.check_in(register, "NT-001").pledge
    scan = checkin.save_attachment(register, pledge, AttachmentKind.SCAN, PDF, "trang1.pdf")
    checkin.remove_attachment(register, scan.id)
    assert checkin.attachments(register, pledge.id) == []
    actions = register.db.execute(
        "SELECT action FROM audit WHERE entity = 'attachment' ORDER BY seq"
    ).fetchall()
    assert actions == [("insert",), ("delete",)]
