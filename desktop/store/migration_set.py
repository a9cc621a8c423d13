"""A set of migrations: which are applied is read with plain SQL, so that opening an up-to-date
register (the window's start) needs no sqlite-utils; applying them is sqlite-utils' Migrations'."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

MIGRATIONS_TABLE = "_sqlite_migrations"  # sqlite-utils' name for its record of them


class AppliedMigration(NamedTuple):
    name: str
    applied_at: str


class MigrationSet:
    """Migrations registered in order under one set name, as sqlite-utils' Migrations keeps
    them (its table ``_sqlite_migrations``, one row per migration applied)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.names: list[str] = []  # in order
        self._functions: list[Callable[[Database], None]] = []
        self._migrations: Migrations | None = None

    def add(self, fn: Callable[[Database], None]) -> Callable[[Database], None]:
        """Register ``fn`` as the next migration, under its function's name."""
        self.names.append(fn.__name__)
        self._functions.append(fn)
        self._migrations = None
        return fn

    def applied(self, db: Database) -> list[AppliedMigration]:
        """The migrations of this set applied to ``db``, in the order they were applied."""
        if not db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]
        ).fetchone():
            return []
        return [
            AppliedMigration(str(name), str(applied_at))
            for name, applied_at in db.execute(
                f"SELECT name, applied_at FROM {MIGRATIONS_TABLE} WHERE migration_set = ?"
                " ORDER BY rowid",
                [self.name],
            )
        ]

    def pending(self, db: Database) -> list[str]:
        """The names of the migrations not yet applied to ``db``, in order."""
        applied = {migration.name for migration in self.applied(db)}
        return [name for name in self.names if name not in applied]

    def apply(self, db: Database, *, stop_before: str | Iterable[str] | None = None) -> None:
        """Apply the pending migrations (each in its own transaction), by sqlite-utils."""
        self._sqlite_utils_migrations().apply(db, stop_before=stop_before)

    def _sqlite_utils_migrations(self) -> Migrations:
        if self._migrations is None:
            from sqlite_utils.migrations import Migrations

            migrations = Migrations(self.name)
            for fn in self._functions:
                migrations()(fn)
            self._migrations = migrations
        return self._migrations
