"""The local SQLite register: schema, migrations, repositories, search and audit."""
