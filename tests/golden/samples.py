"""Fixed pledge sheets for the golden tests and the bench (no database, no randomness)."""

from __future__ import annotations

import datetime as dt

from desktop.domain.pledges import PledgeSheet, QrPayload, SheetMember, SheetRelative

COMMUNE_CODE = "03478"
CAMPAIGN_ID = "5b0f4c7e-2d1a-4e8b-9c3f-1a2b3c4d5e6f"
HOUSEHOLD_ID = "0c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f"

# Every non-ASCII letter of Vietnamese, lower and upper case: 67 × 2 = 134.
VIETNAMESE_LETTERS = (
    "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
)


def payload(household_id: str = HOUSEHOLD_ID) -> str:
    return QrPayload(COMMUNE_CODE, CAMPAIGN_ID, household_id).text()


def household(
    members: int = 4,
    *,
    code: str = "SH-0012",
    household_id: str = HOUSEHOLD_ID,
    head: str = "Giàng A Páo",
    relatives: bool = True,
    signed_on: dt.date | None = None,
    signature_png: bytes | None = None,
) -> PledgeSheet:
    """A household of Bản Nậm Cha; member 1 is the head, the rest have varied names."""
    pool = [
        ("Vàng Thị Dở", "Nữ", "12/03/1986", "012186004321", "Vợ"),
        ("Giàng A Sử", "Nam", "2008", "012208001234", "Con"),
        ("Giàng Thị Mỷ", "Nữ", "05/01/2012", "012312009876", "Con"),
        ("Nguyễn Hoàng Phương Thảo Nguyên", "Nữ", "28/02/1999", "001199012345", "Cháu"),
        ("Lò Văn Khiêm", "Nam", "1975", "012075000111", "Anh ruột của chủ hộ"),
    ]
    people = [SheetMember(head, "Nam", "1982", "012082003456", "Chủ hộ")]
    for index in range(members - 1):
        name, gender, birth, id_number, relationship = pool[index % len(pool)]
        if index >= len(pool):
            name = _numbered(name, index)
        people.append(SheetMember(name, gender, birth, id_number, relationship))
    kin = (SheetRelative("Giàng A Chứ", "Em trai", "Trung Quốc", "2019"),) if relatives else ()
    return PledgeSheet(
        province_name="Tỉnh Lai Châu",
        commune_name="Xã Sìn Hồ",
        place_name="Sìn Hồ",
        hamlet_name="Bản Nậm Cha",
        hamlet_head="Lò Văn Thắng",
        border_post="Đồn Biên phòng Sìn Hồ",
        border_officer="Đặng Quốc Việt",
        household_code=code,
        head_name=head,
        head_birth="1982",
        head_id_number="012082003456",
        address="Số nhà 17, tổ 2",
        members=tuple(people),
        relatives=kin,
        qr_payload=payload(household_id),
        signed_on=signed_on,
        signer_name=head if signed_on else "",
        signature_png=signature_png,
    )


def _numbered(name: str, index: int) -> str:
    # Members beyond the pool: distinct names so the table rows differ.
    given = ["An", "Bình", "Cường", "Dũng", "Giang", "Hưng", "Khánh", "Lộc", "Mạnh", "Nghĩa"]
    return f"{name.rsplit(' ', 1)[0]} {given[index % len(given)]}"
