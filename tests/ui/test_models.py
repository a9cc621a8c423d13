"""The register's table models pass Qt's model tester and show Vietnamese text and numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from desktop.domain.entities import BirthDate, Gender, Person, RelativeAbroad, ResidenceKind
from desktop.services.register import open_existing
from desktop.store.search import household_ids
from desktop.ui.household_model import (
    HouseholdTableModel,
    MemberTableModel,
    RelativeTableModel,
    group_thousands,
)

if TYPE_CHECKING:
    from tests.ui.conftest import SmallRegister


def test_thousands_are_grouped_with_dots() -> None:
    assert group_thousands(0) == "0"
    assert group_thousands(999) == "999"
    assert group_thousands(1234) == "1.234"
    assert group_thousands(198041) == "198.041"
    assert group_thousands(1234567) == "1.234.567"


def test_household_model_passes_the_model_tester(
    qtmodeltester: ModelTester, small_register: SmallRegister
) -> None:
    register = open_existing(small_register.path)
    try:
        model = HouseholdTableModel(register.db)
        qtmodeltester.check(model)
        model.set_ids(household_ids(register.db))
        assert model.rowCount() == 6
        headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
        assert headers == ["Mã hộ", "Chủ hộ", "Thôn/bản", "Số nhân khẩu"]
        assert model.index(0, 3).data(Qt.ItemDataRole.TextAlignmentRole) == (
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        model.set_ids([])
        model.set_ids(household_ids(register.db, "hoa"))
        assert model.rowCount() == 2
    finally:
        register.close()


def test_household_model_reads_pages_lazily_and_forgets_old_ones(
    small_register: SmallRegister,
) -> None:
    register = open_existing(small_register.path)
    try:
        model = HouseholdTableModel(register.db)
        model.PAGE_SIZE, model.MAX_PAGES = 2, 2
        model.set_ids(household_ids(register.db))
        assert model.pages_fetched == 0
        assert model.index(5, 0).data() == "HT-002"
        assert model.index(4, 0).data() == "HT-001"
        assert model.pages_fetched == 1
        assert [model.index(r, 0).data() for r in range(4)] == [
            "NT-001",
            "NT-002",
            "PK-001",
            "PK-002",
        ]
        assert model.pages_fetched == 3
        assert model.cached_pages == 2
        # An id that disappeared meanwhile shows an empty row, not an error.
        model.set_ids(["no-such-household"])
        assert model.index(0, 0).data() is None
    finally:
        register.close()


def test_member_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = MemberTableModel()
    qtmodeltester.check(model)
    model.set_records(
        [
            Person(
                "h",
                "Giàng A Páo",
                Gender.MALE,
                BirthDate(1980, 1, 5),
                id_number="012080000001",
                relationship="Chủ hộ",
                ethnicity="Mông",
            ),
            Person(
                "h",
                "Sùng Thị Dợ",
                Gender.FEMALE,
                BirthDate(1984),
                relationship="Vợ",
                ethnicity="Mông",
                residence=ResidenceKind.TEMPORARY,
            ),
            Person("h", "Giàng A Sình", Gender.MALE),
        ]
    )
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
    assert headers == [
        "Họ và tên",
        "Giới tính",
        "Ngày sinh",
        "Số định danh",
        "Quan hệ với chủ hộ",
        "Dân tộc",
        "Cư trú",
    ]
    rows = [[model.index(r, c).data() for c in range(7)] for r in range(3)]
    assert rows[0] == [
        "Giàng A Páo",
        "Nam",
        "05/01/1980",
        "012080000001",
        "Chủ hộ",
        "Mông",
        "Thường trú",
    ]
    assert rows[1][1:3] == ["Nữ", "1984"]
    assert rows[1][6] == "Tạm trú"
    assert rows[2][2] == ""


def test_relative_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = RelativeTableModel()
    qtmodeltester.check(model)
    model.set_records([RelativeAbroad("h", "Lò Văn Khánh", "Con trai", "Lào", "2021")])
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "Họ và tên",
        "Quan hệ",
        "Nước",
        "Đi từ",
    ]
    assert [model.index(0, c).data() for c in range(4)] == [
        "Lò Văn Khánh",
        "Con trai",
        "Lào",
        "2021",
    ]
