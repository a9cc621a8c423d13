"""Fixtures for the Qt-free tests: small registers built through the real store."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.domain.entities import BirthDate, Gender, Household, Person
from desktop.services.register import OpenRegister, create_register, open_existing
from desktop.store import households as repo
from desktop.userdata import DATA_DIR_ENV, setup_logging

SIN_HO = "03478"  # Xã Sìn Hồ, Lai Châu: a border commune of the official list


@pytest.fixture
def register(tmp_path: Path) -> Iterator[OpenRegister]:
    """A register file of Xã Sìn Hồ with three hamlets and four households."""
    path = tmp_path / "sinho.sqlite3"
    create_register(path, SIN_HO, ["Bản Nậm Tăm", "Thôn 2", "Thôn 10"])
    opened = open_existing(path)
    tam, thon2, thon10 = repo.list_hamlets(opened.db)
    households = [
        (
            tam,
            "NT-001",
            [
                ("Đặng Văn Hoà", Gender.MALE, BirthDate(1980, 3, 4), "012080001234"),
                ("Lò Thị Hòa", Gender.FEMALE, BirthDate(1985), ""),
            ],
        ),
        (
            tam,
            "NT-002",
            [
                ("Giàng A Páo", Gender.MALE, BirthDate(1975, 1, 2), "012075000111"),
                ("Sùng Thị Mỷ", Gender.FEMALE, BirthDate(1978, 6, 7), ""),
            ],
        ),
        (
            thon2,
            "T2-001",
            [
                ("Nguyễn Văn An", Gender.MALE, BirthDate(1990, 5, 1), ""),
                ("Trần Thị Bình", Gender.FEMALE, BirthDate(1992, 2, 9), ""),
            ],
        ),
        (thon10, "T10-001", [("Phạm Thị Hoa", Gender.FEMALE, BirthDate(1960), "")]),
    ]
    for hamlet, code, people in households:
        household = Household(hamlet_id=hamlet.id, code=code, phone="0912345678")
        repo.add_household(
            opened.writer,
            household,
            [
                Person(household.id, name, gender, birth, id_number, relationship="")
                for name, gender, birth, id_number in people
            ],
        )
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def _private_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Logs, default registers and the installation identity of a test go to a folder of
    its own (beside tmp_path, not in it), never the real one."""
    monkeypatch.setenv("CAMKET_DATA_DIR", str(tmp_path_factory.mktemp("userdata")))


@pytest.fixture
def log_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The log file set up in a data folder of the test's own; its handler closed after."""
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))
    path = setup_logging()
    yield path
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "baseFilename", None) == str(path.resolve()):
            root.removeHandler(handler)
            handler.close()
