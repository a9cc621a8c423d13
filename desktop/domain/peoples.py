"""Word lists the clerk picks from while typing: Vietnam's 54 ethnic groups, relationships."""

from __future__ import annotations

# The 54 ethnic groups of the official list (Decision 121-TCTK/PPCĐ, 1979), as the General
# Statistics Office writes them, by population order.
ETHNIC_GROUPS: tuple[str, ...] = (
    "Kinh", "Tày", "Thái", "Mường", "Khmer", "Hoa", "Nùng", "Mông", "Dao", "Gia Rai",
    "Ê Đê", "Ba Na", "Sán Chay", "Chăm", "Cơ Ho", "Xơ Đăng", "Sán Dìu", "Hrê", "Ra Glai",
    "Mnông", "Thổ", "Xtiêng", "Khơ Mú", "Bru - Vân Kiều", "Cơ Tu", "Giáy", "Tà Ôi", "Mạ",
    "Giẻ Triêng", "Co", "Chơ Ro", "Xinh Mun", "Hà Nhì", "Chu Ru", "Lào", "La Chí", "Kháng",
    "Phù Lá", "La Hủ", "La Ha", "Pà Thẻn", "Lự", "Ngái", "Chứt", "Lô Lô", "Mảng",
    "Cơ Lao", "Bố Y", "Cống", "Si La", "Pu Péo", "Rơ Măm", "Brâu", "Ơ Đu",
)  # fmt: skip

# Relationships to the head as household lists write them; free text is still accepted.
RELATIONSHIPS: tuple[str, ...] = (
    "Chủ hộ", "Vợ", "Chồng", "Con", "Con trai", "Con gái", "Con dâu", "Con rể", "Cháu",
    "Cháu nội", "Cháu ngoại", "Bố", "Mẹ", "Ông", "Bà", "Anh", "Chị", "Em", "Anh trai",
    "Chị gái", "Em trai", "Em gái", "Bố vợ", "Mẹ vợ", "Bố chồng", "Mẹ chồng", "Người ở nhờ",
)  # fmt: skip
