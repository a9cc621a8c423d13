"""Pools of Vietnamese names (Kinh and the minorities of the north-west border) and hamlets."""

from __future__ import annotations

import random
import unicodedata
from bisect import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate

from desktop.domain.entities import Gender
from desktop.domain.text import fold_for_search


class Weighted:
    """A weighted choice that costs one random() and one bisect (rng.choices builds lists)."""

    def __init__(self, pairs: Iterable[tuple[str, float]]) -> None:
        items = list(pairs)
        self.values: tuple[str, ...] = tuple(_nfc(v) for v, _ in items)
        self.weights: tuple[float, ...] = tuple(w for _, w in items)
        self._cum: list[float] = list(accumulate(w for _, w in items))
        self._total: float = self._cum[-1]

    def pick(self, rng: random.Random) -> str:
        return self.values[bisect(self._cum, rng.random() * self._total)]


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _words(text: str) -> tuple[str, ...]:
    return tuple(_nfc(w) for w in text.split())


def _weighted(text: str) -> Weighted:
    """'Nguyễn:38 Trần:11 Hà_Nhì:7' (underscores for spaces) as a Weighted."""
    pairs = (w.rsplit(":", 1) for w in _words(text))
    return Weighted((v.replace("_", " "), float(n)) for v, n in pairs)


def _ranked(text: str, top: float = 3.0) -> Weighted:
    """Earlier names more common: weights fall from ``top`` to 1 along the list."""
    names = _words(text)
    step = (top - 1.0) / max(len(names) - 1, 1)
    return Weighted((n, top - i * step) for i, n in enumerate(names))


# --- Kinh ------------------------------------------------------------------------------------

# Shares of the Kinh population (surveys put Nguyễn near 38 %); the north says Hoàng and Vũ
# where the south says Huỳnh and Võ, so the northern forms dominate here.
KINH_FAMILY = _weighted(
    "Nguyễn:38 Trần:11 Lê:9.5 Phạm:7 Hoàng:4 Huỳnh:1.1 Phan:4.5 Vũ:3 Võ:0.9 Đặng:2.1 Bùi:2"
    " Đỗ:1.4 Hồ:1.3 Ngô:1.3 Dương:1 Lý:0.5 Đào:0.6 Đoàn:0.5 Đinh:0.6 Trịnh:0.5 Trương:0.5"
    " Lương:0.4 Hà:0.5 Mai:0.3 Cao:0.3 Lưu:0.3 Tạ:0.3 Vương:0.2 Lâm:0.2 Tô:0.2 Chu:0.2"
    " Kiều:0.1 Quách:0.1 Phùng:0.2 Nghiêm:0.1 Khổng:0.05 Thân:0.1 Từ:0.05 Hứa:0.05 La:0.05"
    " Triệu:0.1 Lại:0.1 Tăng:0.05"
)
_KINH_MALE_MIDDLE = _ranked(
    "Đức Minh Quang Hữu Công Xuân Thanh Ngọc Đình Tiến Mạnh Trung Hoàng Anh Quốc Thế Bá Duy"
    " Gia Hải Tuấn Trọng Khắc Việt Bảo Nhật Hồng Phúc Chí Kim Thành"
)
_KINH_FEMALE_MIDDLE = _ranked(
    "Thu Ngọc Thanh Minh Phương Thùy Hồng Kim Mai Bích Hải Lan Diệu Khánh Bảo Quỳnh Hoài Mỹ"
    " Hà Thúy Huyền Ánh Cẩm Tuyết Xuân Như Vân Hương"
)
_KINH_MALE_GIVEN = _ranked(
    "Hùng Dũng Tuấn Minh Nam Hải Long Sơn Thắng Cường Hoàng Quang Trung Đức Hiếu Huy Hưng"
    " Thành Tùng Phong Bình Hòa Việt Khánh Kiên Lâm Linh Lộc Mạnh Nghĩa Phúc Quân Tâm Tiến"
    " Toàn Trường Tú Vinh Vũ An Bảo Chiến Công Duy Dương Đạt Định Giang Hào Hiển Khải Khang"
    " Khoa Khôi Lực Luân Ngọc Nhân Phát Quý Sang Tài Thái Thanh Thịnh Thuận Thông Tín Trí"
    " Nhật Hậu Hiệp Hợp Kỳ Lợi Lương Chung Cảnh Dân Điệp Đông Hạnh Hiền Hiệu Hoan Huấn Kha"
    " Lập Liêm Lĩnh Lượng Nguyên Ninh Phương Quyết Sáng Sỹ Tấn Thạch Thiện Thọ Thưởng Trọng"
    " Tường Văn Vượng Xuân Yên Đăng Bằng Chinh Đoàn Hưởng Khương Mậu Nhất Tuyên Tuyển",
    top=4.0,
)
_KINH_FEMALE_GIVEN = _ranked(
    "Hương Lan Hoa Hằng Linh Trang Thảo Huyền Ngọc Mai Hà Nga Thủy Thúy Yến Dung Hạnh Hiền"
    " Hồng Huệ Liên Loan Nhung Oanh Phương Quỳnh Tâm Thanh Thu Vân An Anh Ánh Bích Chi Duyên"
    " Giang Hường Lý My Ngân Nhàn Quyên Thắm Thơm Trâm Uyên Xuân Hậu Lụa Lành Nhài Nụ Tươi"
    " Gấm Cúc Đào Diệp Hoài Khánh Lệ Liễu Lương Mận Miên Nguyệt Nhi Nương Phượng Sen Soan"
    " Sương Tình Thoa Thơ Thùy Tuyết Vi Vui Xoan Yên Hải Kiều Lê Mến Ngà Nhạn Quế Quyết",
    top=4.0,
)

# --- minorities of the north-west (Lai Châu, Điện Biên, Lào Cai) ------------------------------


@dataclass(frozen=True)
class EthnicNames:
    """How one ethnic group names people: family name, middle (by gender), given (by gender)."""

    ethnicity: str
    family: Weighted
    male_middle: Weighted
    female_middle: Weighted
    male_given: Weighted
    female_given: Weighted


def _group(
    ethnicity: str,
    family: str,
    male_middle: Sequence[tuple[str, float]],
    female_middle: Sequence[tuple[str, float]],
    male_given: str,
    female_given: str,
) -> EthnicNames:
    return EthnicNames(
        ethnicity,
        _ranked(family, top=2.5),
        Weighted(male_middle),
        Weighted(female_middle),
        _ranked(male_given, top=2.0),
        _ranked(female_given, top=2.0),
    )


_THAI_MALE = (
    "Ún Pọm Hặc Xôm Chăn Khăm Ọi Inh Piểng Puôn Tuyên Sướng Thanh Hùng Minh Tiến Quý Nọi"
    " Ngoan Biên Dương Lả Hom Xiến Pánh Thoát Khiêm Quyết Hoan Lựu Phanh Sương"
)
_THAI_FEMALE = (
    "Ín Pỏm Xuân Ọn Hoa Phăn Éo Ươi Lả Thoa Duyên Hương Lan Nhất Bún Xiêng Ánh Thanh Hiền Nga"
    " Khăm Piêng Lọi Ún Chiên Vui Tâm Hồng"
)
_KINH_MALE_SHORT = "Dền Pù Sình Hoan Thái Chiến Hùng Quân Sơn Thắng Tiến Long Minh Dũng Hải"
_KINH_FEMALE_SHORT = "Hoa Lan Hương Mai Ngọc Thu Liên Hồng Nhung Duyên Hà Vân Nga Thủy"

MINORITY_GROUPS: dict[str, EthnicNames] = {
    g.ethnicity: g
    for g in (
        _group(
            "Mông",
            "Giàng Sùng Vàng Lý Thào Hạng Mùa Lầu Tráng Hầu Vừ Chang Má Cứ Lù",
            [("A", 0.55), ("Seo", 0.15), ("Văn", 0.3)],
            [("Thị", 1.0)],
            "Páo Chá Dơ Sử Lử Dình Pó Chía Tủa Súa Lềnh Chứ Của Chồng Pàng Nhè Xà Khua Tú Lù"
            " Mua Nủ Sình Chinh Giống Sào Vư Dia Tếnh Phổng Kỷ Dũng Thái Hờ Say",
            "Mỷ Dế Sua Mai Chở Dua Pàng Chía Sú Mỉ Xía Máy Dở Say Ly Lan Dính Chi Sông Pà Và"
            " Dợ Cở Lia Mỵ Nhìa Chò Dê Sinh Súa Tồng",
        ),
        _group(
            "Thái",
            "Lò Lường Cầm Quàng Tòng Điêu Vì Lù Hoàng Bạc Lèo Mè Sa Khoàng Chạc",
            [("Văn", 1.0)],
            [("Thị", 1.0)],
            _THAI_MALE,
            _THAI_FEMALE,
        ),
        _group(
            "Dao",
            "Tẩn Triệu Bàn Phàn Lý Chảo Đặng Sần Lò Phùng Chìu",
            [("Láo", 0.25), ("Văn", 0.45), ("Vần", 0.1), ("Kiềm", 0.05), ("Tả", 0.15)],
            [("Thị", 0.5), ("Tả", 0.2), ("Lở", 0.15), ("Mùi", 0.15)],
            "Lở Sử Sài Chài Kiều Lìu Phin Quẩy Sinh Pham Chiêu Lù Tòng Chản Phấu Quyên Nhất"
            " Dùn Chàn Quẩn Vảng Chạn Phủ",
            "Mẩy Nái Xiêm Chiêu Sinh Lai Phẩy Chạ Ton Mụi Dính Sểnh Hoa Lụa Tá Chàn Xoan",
        ),
        _group(
            "Hà Nhì",
            "Lỳ Chu Pờ Lò Ly Phu Sừ Sì Chang Hù Lầu",
            [("A", 0.35), ("Gò", 0.15), ("Xá", 0.1), ("Hừ", 0.1), ("Văn", 0.3)],
            [("Thị", 0.5), ("Mé", 0.2), ("Pà", 0.15), ("Gò", 0.15)],
            "Xá Dố Phì Chừ Lù Su Khò Gô Hờ Trư Pó Xe Ló Chà Gá Mò Cà Hừ Giá",
            "Pà Chè Xé Mé Ly Gò Gá Sú Dé Mơ Chư Hừ Xó Mi Phà Cù",
        ),
        _group(
            "Tày",
            "Nông Hoàng Lục Ma Hà Lương Bế Đàm Lộc Triệu Vi Hứa Nguyễn",
            [("Văn", 0.85), ("Đức", 0.15)],
            [("Thị", 0.9), ("Thu", 0.1)],
            _KINH_MALE_SHORT + " Pảo Khẩu Lềnh",
            _KINH_FEMALE_SHORT + " Dìn Nhài",
        ),
        _group(
            "Nùng",
            "Hoàng Nông Lục Vi Lương Chu Mã Lý Lăng Chí Dương Sầm",
            [("Văn", 0.9), ("Đức", 0.1)],
            [("Thị", 1.0)],
            _KINH_MALE_SHORT + " Slam Pằn Tào",
            _KINH_FEMALE_SHORT + " Slao Phà",
        ),
        _group(
            "Giáy",
            "Vương Hoàng Lồ Sần Lù Lục Thèn Giàng Lò",
            [("Văn", 1.0)],
            [("Thị", 1.0)],
            "Chín Dìn Sinh Lìn Phong Chiến Pao Sáng Chỉn Quang Dền Thắng",
            "Pha Lan Dính Mai Phương Lềnh Thu Sen Liên Dung",
        ),
        _group(
            "Lự",
            "Lò Tao Đao Lù Chìu Pẩu",
            [("Văn", 1.0)],
            [("Thị", 1.0)],
            _THAI_MALE,
            _THAI_FEMALE,
        ),
    )
}

ALL_FAMILY_NAMES: frozenset[str] = frozenset(KINH_FAMILY.values).union(
    *(g.family.values for g in MINORITY_GROUPS.values())
)
ETHNICITIES: tuple[str, ...] = ("Kinh", *MINORITY_GROUPS)

# Households of a "Bản" (a border village): mostly minorities, each village led by one group.
BAN_ETHNICITIES = _weighted("Mông:40 Thái:22 Dao:14 Hà_Nhì:7 Kinh:5 Giáy:4 Lự:3 Tày:3 Nùng:2")
# Households of a "Thôn" or town quarter: mostly Kinh.
THON_ETHNICITIES = _weighted("Kinh:80 Thái:6 Tày:4 Mông:4 Nùng:3 Dao:3")


def family_name(rng: random.Random, ethnicity: str) -> str:
    group = MINORITY_GROUPS.get(ethnicity)
    return (group.family if group else KINH_FAMILY).pick(rng)


def full_name(
    rng: random.Random, ethnicity: str, gender: Gender, birth_year: int, family: str = ""
) -> str:
    """'Nguyễn Thị Thu Hương', 'Giàng A Páo', 'Tẩn Láo Lở': họ + đệm + tên, NFC."""
    family = family or family_name(rng, ethnicity)
    male = gender is Gender.MALE
    group = MINORITY_GROUPS.get(ethnicity)
    if group is not None:
        middle = (group.male_middle if male else group.female_middle).pick(rng)
        given = (group.male_given if male else group.female_given).pick(rng)
        if given == middle:
            given = (group.male_given if male else group.female_given).values[0]
        return f"{family} {middle} {given}"
    # Văn and Thị fade with each generation; younger Kinh get a chosen middle name.
    plain = 0.8 if birth_year < 1975 else 0.5 if birth_year < 2000 else 0.25
    middles: list[str] = []
    if rng.random() < plain:
        middles.append("Văn" if male else "Thị")
    if not middles or (birth_year >= 1980 and rng.random() < 0.15):
        pool = _KINH_MALE_MIDDLE if male else _KINH_FEMALE_MIDDLE
        middles.append(pool.pick(rng))
    pool = _KINH_MALE_GIVEN if male else _KINH_FEMALE_GIVEN
    given = pool.pick(rng)
    while given in middles:
        given = pool.pick(rng)
    return " ".join((family, *middles, given))


# --- hamlets --------------------------------------------------------------------------------

_BAN_FIRST = _words(
    "Nậm Pa Huổi Phìn Sì Tả Lả Ma Pú Hồng Nà Co Phiêng Chù Sà Lao Ngải Seo Khoa Tà Háng Mù"
    " Sáng Hô Pắc Mường Lùng Pô Xà Pá Tổng Cang Căn Chăn Hua Tỉnh Vàng Khun"
)
_BAN_SECOND = _words(
    "Tăm Cuổi Cha Khăm Ma Sang Hồ Lò Ngài Phìn Chải Chang Mu Pả Chô Pao Lìn Tè Sủ Dế Luông Mạ"
    " Sà Chu Vảy Hán Xá Hon Pho Cấu Thàng Lè Giang Pen Phăng Chăn Sin Há Lếch Tở Cáy"
)
_THON_NAMES = _words(
    "Đoàn_Kết Tân_Phong Hợp_Nhất Trung_Tâm Thống_Nhất Quyết_Tiến Tân_Lập Thanh_Bình Tân_Hợp"
    " Hưng_Phong Bình_Minh Hòa_Bình Tiền_Phong Quyết_Thắng Độc_Lập Tân_Tiến Phú_Cường"
)


def hamlet_names(rng: random.Random, count: int) -> list[str]:
    """``count`` distinct hamlet names: about 70 % "Bản …", the rest "Thôn …" / numbered."""
    thon = max(1, round(count * 0.3)) if count > 1 else 0
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count - thon:
        name = f"Bản {rng.choice(_BAN_FIRST)} {rng.choice(_BAN_SECOND)}"
        if fold_for_search(name) not in seen:
            seen.add(fold_for_search(name))
            names.append(name)
    named = [f"Thôn {n.replace('_', ' ')}" for n in _THON_NAMES]
    rng.shuffle(named)
    town = 2 if thon >= 12 else 0  # a commune centre big enough for street quarters
    names += [f"Tổ dân phố {i}" for i in range(1, town + 1)]
    rest = thon - town
    names += named[: min(rest, len(named) // 2)]
    names += [f"Thôn {i}" for i in range(1, rest - min(rest, len(named) // 2) + 1)]
    return names


# --- everything else a household may carry --------------------------------------------------

MOBILE_PREFIXES: tuple[str, ...] = _words(
    "086 096 097 098 032 033 034 035 036 037 038 039 088 091 094 081 082 083 084 085 089 090"
    " 093 070 076 077 078 079 092 056 058 099 059"
)

OCCUPATIONS_FARM = _ranked(
    "Làm_nương Làm_ruộng Chăn_nuôi Trồng_thảo_quả Trồng_chè Làm_thuê Trồng_rừng"
)
OCCUPATIONS_TOWN = _ranked(
    "Làm_ruộng Buôn_bán Lao_động_tự_do Công_nhân Giáo_viên Cán_bộ_xã Nội_trợ Thợ_xây"
    " Lái_xe Y_sĩ Chăn_nuôi Trồng_chè"
)
OCCUPATIONS_TEMPORARY = _ranked("Giáo_viên Công_nhân Buôn_bán Y_sĩ Thợ_xây Kỹ_sư_thủy_điện")


def phrase(pool: Weighted, rng: random.Random) -> str:
    """A pick from a pool of phrases written with '_' for spaces."""
    return pool.pick(rng).replace("_", " ")


# Where relatives abroad are: across the border first, then labour-export destinations.
COUNTRIES = _weighted(
    "Trung_Quốc:45 Lào:12 Hàn_Quốc:13 Nhật_Bản:12 Đài_Loan:12 Malaysia:3 Thái_Lan:3"
)
RELATIVE_KINDS = _weighted("Con:55 Em:15 Cháu:15 Con_dâu:8 Anh:7")
PLANS = _ranked(
    "Chưa_có_kế_hoạch_về Hết_hợp_đồng_sẽ_về Đã_vận_động,_hứa_về_trước_Tết Không_rõ"
    " Đang_làm_thủ_tục_về_nước Định_cư_lâu_dài"
)
CONTACTS = _ranked("Zalo Điện_thoại Qua_người_nhà WeChat Facebook Mất_liên_lạc")
