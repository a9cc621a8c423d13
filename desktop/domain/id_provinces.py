"""Province prefixes of the 12-digit personal ID (số định danh cá nhân / CCCD)."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from types import MappingProxyType

# Digits 1–3 of a personal ID are the province where the birth was registered, using the
# 63 pre-2025 province codes of Circular 07/2016/TT-BCA (as amended by 59/2021/TT-BCA).
# The 2025 province merger did not re-number IDs already issued, so these stay the
# prefixes a clerk will meet; anything else is suspicious but not impossible.
_PREFIXES: dict[str, str] = {
    "001": "Hà Nội",
    "002": "Hà Giang",
    "004": "Cao Bằng",
    "006": "Bắc Kạn",
    "008": "Tuyên Quang",
    "010": "Lào Cai",
    "011": "Điện Biên",
    "012": "Lai Châu",
    "014": "Sơn La",
    "015": "Yên Bái",
    "017": "Hòa Bình",
    "019": "Thái Nguyên",
    "020": "Lạng Sơn",
    "022": "Quảng Ninh",
    "024": "Bắc Giang",
    "025": "Phú Thọ",
    "026": "Vĩnh Phúc",
    "027": "Bắc Ninh",
    "030": "Hải Dương",
    "031": "Hải Phòng",
    "033": "Hưng Yên",
    "034": "Thái Bình",
    "035": "Hà Nam",
    "036": "Nam Định",
    "037": "Ninh Bình",
    "038": "Thanh Hóa",
    "040": "Nghệ An",
    "042": "Hà Tĩnh",
    "044": "Quảng Bình",
    "045": "Quảng Trị",
    "046": "Thừa Thiên Huế",
    "048": "Đà Nẵng",
    "049": "Quảng Nam",
    "051": "Quảng Ngãi",
    "052": "Bình Định",
    "054": "Phú Yên",
    "056": "Khánh Hòa",
    "058": "Ninh Thuận",
    "060": "Bình Thuận",
    "062": "Kon Tum",
    "064": "Gia Lai",
    "066": "Đắk Lắk",
    "067": "Đắk Nông",
    "068": "Lâm Đồng",
    "070": "Bình Phước",
    "072": "Tây Ninh",
    "074": "Bình Dương",
    "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu",
    "079": "Hồ Chí Minh",
    "080": "Long An",
    "082": "Tiền Giang",
    "083": "Bến Tre",
    "084": "Trà Vinh",
    "086": "Vĩnh Long",
    "087": "Đồng Tháp",
    "089": "An Giang",
    "091": "Kiên Giang",
    "092": "Cần Thơ",
    "093": "Hậu Giang",
    "094": "Sóc Trăng",
    "095": "Bạc Liêu",
    "096": "Cà Mau",
}

# Normalised here so the table stays NFC whatever editor last saved this file.
KNOWN_ID_PROVINCE_PREFIXES: Mapping[str, str] = MappingProxyType(
    {code: unicodedata.normalize("NFC", name) for code, name in _PREFIXES.items()}
)

# The 2025 merger (Resolution 202/2025/QH15, from 1 July 2025): a former province's code →
# the code of the province it is part of now (provinces.csv), for those whose name went
# (or changed: Thừa Thiên Huế is Thành phố Huế). A clerk still says "Hà Giang".
_NOW_PART_OF: dict[str, str] = {
    "002": "08",  # Hà Giang → Tuyên Quang
    "006": "19",  # Bắc Kạn → Thái Nguyên
    "015": "15",  # Yên Bái → Lào Cai
    "017": "25",  # Hòa Bình → Phú Thọ
    "026": "25",  # Vĩnh Phúc → Phú Thọ
    "024": "24",  # Bắc Giang → Bắc Ninh
    "030": "31",  # Hải Dương → Hải Phòng
    "034": "33",  # Thái Bình → Hưng Yên
    "035": "37",  # Hà Nam → Ninh Bình
    "036": "37",  # Nam Định → Ninh Bình
    "044": "44",  # Quảng Bình → Quảng Trị
    "046": "46",  # Thừa Thiên Huế → Thành phố Huế
    "049": "48",  # Quảng Nam → Đà Nẵng
    "062": "51",  # Kon Tum → Quảng Ngãi
    "052": "52",  # Bình Định → Gia Lai
    "058": "56",  # Ninh Thuận → Khánh Hòa
    "054": "66",  # Phú Yên → Đắk Lắk
    "060": "68",  # Bình Thuận → Lâm Đồng
    "067": "68",  # Đắk Nông → Lâm Đồng
    "070": "75",  # Bình Phước → Đồng Nai
    "074": "79",  # Bình Dương → Thành phố Hồ Chí Minh
    "077": "79",  # Bà Rịa - Vũng Tàu → Thành phố Hồ Chí Minh
    "080": "80",  # Long An → Tây Ninh
    "082": "82",  # Tiền Giang → Đồng Tháp
    "083": "86",  # Bến Tre → Vĩnh Long
    "084": "86",  # Trà Vinh → Vĩnh Long
    "091": "91",  # Kiên Giang → An Giang
    "093": "92",  # Hậu Giang → Thành phố Cần Thơ
    "094": "92",  # Sóc Trăng → Thành phố Cần Thơ
    "095": "96",  # Bạc Liêu → Cà Mau
}


def former_province_names(province_code: str) -> list[str]:
    """The names of the former provinces (before 1 July 2025) that are part of the province
    of this two-digit code now, besides its own name: "08" → ["Hà Giang"]."""
    return [
        KNOWN_ID_PROVINCE_PREFIXES[old] for old, now in _NOW_PART_OF.items() if now == province_code
    ]
