"""The search index of a bulk load's new rows made beside the load, on a second core."""

from __future__ import annotations

import json
import logging
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database

log = logging.getLogger(__name__)

SEPARATOR = "\x1f"  # between the texts compared with the table's (no search text holds it)
Shadows = dict[str, list[tuple[Any, ...]]]  # an FTS5 table's shadow tables, by name: rows


class IndexAhead:
    """The FTS5 index of ``texts``, the search texts of the rows a load writes into
    ``table`` (rowids ``last`` + 1, + 2, …), made in a database in memory by a thread of
    its own while the load goes on: SQLite tokenises without Python's lock, so the ~0.13 s
    of a 41,000-person import's index runs beside what the load does after its inserts
    (the tables' indexes made again, the change log), not after it. The same SQLite
    library, the same table definition and the same rows in the same order in one statement
    make the same shadow tables, byte for byte, as the load's own ``INSERT … SELECT`` would
    (FTS5 writes a segment at each statement's end and whenever its buffer fills, nowhere
    else). ``take`` hands them to the load only where that holds (BulkLoad.finish)."""

    def __init__(self, db: Database, table: str, last: int, texts: list[str]) -> None:
        self.table, self.last, self.count = table, last, len(texts)
        self._texts = texts
        self._joined = ""  # the texts joined by SEPARATOR, which none of them holds
        self._built = False
        self._aux: Any = None  # the database in memory where the index is made
        self._fresh: Shadows = {}  # its shadow tables before the insert: a new index's
        fts = f"{table}_fts"
        row = db.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [fts]
        ).fetchone()
        if row is None:
            return
        # Made here, on the load's thread, which holds Python's lock anyway: on the index's
        # thread each statement would take the lock back, waiting up to 5 ms each time for
        # the load's thread to let it go. The index's thread only inserts.
        try:
            aux = type(db.conn)(":memory:", check_same_thread=False)  # sqlite3's or SQLCipher's
            aux.execute(str(row[0]))
            self._fresh = _shadows(aux, fts)
        except Exception:  # the load indexes its rows itself (BulkLoad.finish)
            log.exception("search index of %s not made ahead", table)
            return
        self._aux = aux
        self._thread = threading.Thread(target=self._build, name=f"{fts}-ahead", daemon=True)
        self._thread.start()

    def _build(self) -> None:
        try:
            joined = SEPARATOR.join(self._texts)
            self._aux.execute(
                f"INSERT INTO [{self.table}_fts](rowid, search_text)"
                " SELECT key + ?, value FROM json_each(?)",
                [self.last + 1, json.dumps(self._texts, ensure_ascii=False)],
            )
            self._aux.commit()
        except Exception:  # the load indexes its rows itself (BulkLoad.finish)
            log.exception("search index of %s not made ahead", self.table)
            return
        if joined.count(SEPARATOR) == len(self._texts) - 1:
            self._joined = joined
            self._built = True

    def take(self, db: Database) -> Shadows | None:
        """The shadow tables made ahead, when they are what the load's own fill would make
        in ``db``: its index as a new one's (nothing indexed yet, the same settings) and the
        table's rows after ``last`` exactly the texts given, in rowid order, none deleted;
        else None (the load fills the index itself)."""
        if self._aux is None:
            return None
        self._thread.join()
        try:
            # Read here, not on the index's thread: there each row fetched would take
            # Python's lock back, waiting for the load's thread to let it go.
            built = _shadows(self._aux, f"{self.table}_fts") if self._built else {}
        except Exception:  # the load indexes its rows itself
            log.exception("search index of %s made ahead not read", self.table)
            return None
        finally:
            self._aux.close()
            self._aux = None
        if not built or set(self._fresh) != set(built):
            return None
        if _shadows(db, f"{self.table}_fts", self._fresh) != self._fresh:
            return None  # the register's index holds rows, or other settings
        # One statement, its work without Python's lock (fetching 41,252 texts to compare
        # them took 28 ms): the texts joined in the order the rowid range is read (were
        # SQLite to read it in another order, they would differ: the load fills the index);
        # every text given, none NULL (count), none holding the separator (the joined texts
        # would then hold more of them than the given ones), no row deleted.
        stored = db.execute(
            "SELECT count(*), count(search_text), coalesce(max(rowid), 0), total(deleted != 0),"
            f" coalesce(group_concat(search_text, ?), '') FROM [{self.table}] WHERE rowid > ?",
            [SEPARATOR, self.last],
        ).fetchone()
        count, last = self.count, self.last
        if tuple(stored) != (count, count, last + count, 0, self._joined):
            return None
        return built


def _shadows(conn: Any, fts: str, names: Shadows | None = None) -> Shadows:
    """The rows of the shadow tables of FTS5 table ``fts`` (of ``names`` when given)."""
    if names is None:
        names = {
            name: []
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB ?",
                [f"{fts}_*"],
            ).fetchall()
        }
    return {name: conn.execute(f"SELECT * FROM [{name}]").fetchall() for name in names}


def put_shadows(db: Database, table: str, shadows: Shadows) -> None:
    """Inside the load's transaction: ``table``'s search index made of ``shadows``.
    FTS5's 'delete-all' first, so that this connection's FTS5 forgets the index it may
    have read and cached before (it would write its next change over the new segments)."""
    fts = f"{table}_fts"
    db.execute(f"INSERT INTO [{fts}]([{fts}]) VALUES ('delete-all')")
    for name, rows in shadows.items():
        db.execute(f"DELETE FROM [{name}]")
        if rows:
            marks = ", ".join("?" * len(rows[0]))
            db.conn.executemany(f"INSERT INTO [{name}] VALUES ({marks})", rows)
