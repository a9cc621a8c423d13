"""The local SQLite register: schema, migrations, repositories, search and audit."""

from desktop.store.sqlite_utils_import import defer_sqlite_utils_slow_parts

defer_sqlite_utils_slow_parts()  # before any store module imports sqlite_utils
