"""A commune and its settings, apart from the other entities: a register's start reads it
alone (domain.entities' dataclasses cost a window's start ~2 % of a bare PySide6 window's)."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.row_ids import commune_id


@dataclass
class Commune:
    """A commune and its settings: the one of a commune register, or each commune an
    upper-level register merged."""

    code: str
    name: str
    province_code: str
    province_name: str
    clerk_name: str = ""
    border_post: str = ""
    border_officer: str = ""

    @property
    def id(self) -> str:
        return commune_id(self.code)
