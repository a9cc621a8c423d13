"""The local SQLite register: schema, migrations, repositories, search and audit."""

from desktop.store.sqlite_utils_import import import_sqlite_utils

import_sqlite_utils()  # before any store module imports it (see sqlite_utils_import)
