"""A big bundle's table lines read, checked and decoded in a helper process beside the
merge's writing (a clerk's PC has two cores): the same chunks, derived columns and
refusals as reading them in the merge's own process (merge_lines.lines_of)."""

from __future__ import annotations

import logging
import marshal
import pickle
import queue
import sys
import threading
import traceback
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from desktop.domain.errors import KnownError
from desktop.exchange.bundle_file import Bundle, reopen_bundle, table_entry
from desktop.services.merge_lines import by_lines, incoming_conflicts, table_lines
from desktop.store.derived import MADE_BESIDE, Deriver
from desktop.store.registry import TABLES
from desktop.store.replicas import version_columns
from desktop.store.row_decoder import ColumnType, Lines, column_types

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

log = logging.getLogger(__name__)

# A bundle of fewer lines in the tables read by lines is read in the merge's own process:
# starting the helper (a Python with CamKet's modules, ~0.3 s of CPU) would cost a
# commune's bundle more than its reading does.
HELPED_ROWS = 60_000
_AHEAD = 32  # chunks received and not yet written: the helper runs on meanwhile
# What the helper sends, each message one of: a chunk of lines and their derived columns
# (marshal: lists, tuples, text, numbers and None only), the end of a table (the name of
# its entry when its hash matched), a refusal (its code and params), a failure (its text).
_CHUNK, _TABLE_END, _REFUSED, _FAILED = b"D", b"T", b"E", b"F"
_F_SETPIPE_SZ, _PIPE_BYTES = 1031, 1024 * 1024  # Linux's fcntl for a pipe's size


class HelperStopped(RuntimeError):
    """The helper ended before its work was done (killed: the memory killer of a small PC,
    an antivirus) or failed: the merge reads the bundle in its own process instead."""


def helps(bundle: Bundle) -> bool:
    """Whether a bundle has lines enough for the helper process to pay its start."""
    rows = bundle.manifest.rows
    lined = sum(rows.get(spec.name, 0) for spec in TABLES if not (spec.private or spec.binary))
    return lined >= HELPED_ROWS and bundle.origin is not None


def start_feed(db: Database, bundle: Bundle) -> LineFeed | None:
    """A helper process reading a big bundle's lines (helps), or None: a small bundle, or
    a helper that could not be started (the merge reads its lines itself, as before)."""
    if not helps(bundle):
        return None
    try:
        return LineFeed(db, bundle)
    except OSError as exc:
        log.warning("merge helper process not started, lines read here: %s", exc)
        return None


class LineFeed:
    """The helper process reading one bundle, and what it sent so far: ``lines(name)``
    gives a table's chunks as lines_of would, in the registry's table order (the tables
    read by lines: merge_lines.by_lines). ``close`` stops it, whatever it is doing."""

    def __init__(self, db: Database, bundle: Bundle) -> None:
        self.bundle = bundle
        import multiprocessing  # only when a big bundle comes (~20 ms)

        types = {spec.name: column_types(db, spec) for spec in TABLES}
        # Derived columns are made beside only for tables that hold no rows yet (a first
        # merge): a bundle merged again meets the rows held, whose derived columns it never
        # stores, and the merge makes those of rows new to a table that held some.
        empty = [
            name
            for name in MADE_BESIDE
            if db.execute(f"SELECT 1 FROM [{name}] LIMIT 1").fetchone() is None
        ]
        context = multiprocessing.get_context("spawn")  # never fork a process with Qt's threads
        self._received: queue.Queue[bytes] = queue.Queue(_AHEAD)
        self._closed = False
        receiving, sending = context.Pipe(duplex=False)
        job = (bundle.origin, bundle.source, bundle.sha256, types, empty)
        self._process = context.Process(
            target=_read_lines, args=(sending, job), name="camket-merge-lines", daemon=True
        )
        self._process.start()
        sending.close()  # the helper's end: its exit is the end of what is received
        self._connection = receiving
        _widen(receiving)
        self._receiver = threading.Thread(target=self._receive, name="merge-lines", daemon=True)
        self._receiver.start()

    def lines(self, name: str) -> Iterator[Lines]:
        """The table's chunks of decoded lines, each with its derived columns made; the
        helper's refusal raised where reading the table here would have raised it."""
        while True:
            message = self._received.get()
            kind, body = message[:1], message[1:]
            if kind == _CHUNK:
                got, lines, derived = marshal.loads(body)
                self._expect(name, got)
                chunk = Lines(lines)
                chunk.derived = derived
                yield chunk
            elif kind == _TABLE_END:
                got, entry = marshal.loads(body)
                self._expect(name, got)
                if entry:  # its hash matched the signed manifest's, as it was read
                    self.bundle.checked.add(entry)
                return
            elif kind == _REFUSED:
                code, params = pickle.loads(body)
                raise KnownError(code, **params)
            else:
                text = body.decode("utf-8", "replace")
                raise HelperStopped(f"the merge's helper process failed:\n{text}")

    def close(self) -> None:
        """Stop the helper (a merge refused, cancelled or done) and what receives from it."""
        self._closed = True
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._receiver.join()  # it sees the helper's end, or that it is closed
        self._connection.close()
        self._process.close()

    def _expect(self, name: str, got: str) -> None:
        if got != name:
            raise RuntimeError(f"the merge's helper sent {got} lines where {name} was read")

    def _receive(self) -> None:
        """Receives what the helper sends (its pipe holds little: it would wait on it while
        this process writes), to the end, or until closed."""
        while True:
            try:
                message = self._connection.recv_bytes()
            except (EOFError, OSError):
                message = _FAILED + b"it ended before its work was done"
            while not self._closed:
                try:
                    self._received.put(message, timeout=0.05)
                    break
                except queue.Full:
                    continue
            if self._closed or message[:1] in (_REFUSED, _FAILED):
                return
            if message[:1] == _TABLE_END and marshal.loads(message[1:])[0] == "":
                return


def _widen(pipe: Connection) -> None:
    """On Linux, a pipe of 1 MiB instead of 64 KiB (as the system allows): a chunk is
    received in one or two reads, each of which waits for this process's interpreter lock
    while the merge runs Python (a read of 64 KiB at a time held the helper back)."""
    if sys.platform.startswith("linux"):
        import fcntl

        try:
            fcntl.fcntl(pipe.fileno(), _F_SETPIPE_SZ, _PIPE_BYTES)
        except OSError as exc:  # a lower pipe-max-size: the default size works, slower
            log.info("merge helper pipe left at its size: %s", exc)


def _read_lines(sending: Connection, job: tuple[Any, str, str, dict[str, Any], list[str]]) -> None:
    """The helper process: the bundle opened again, each table read by lines decoded and
    its derived columns made, sent a chunk at a time; then an end with no table. A pipe
    closed (the merge stopped, or its process killed) ends it."""
    origin, source, sha256, types, empty = job
    try:
        try:
            bundle = reopen_bundle(origin, source, sha256)
            try:
                _send_tables(sending, bundle, types, empty)
            finally:
                bundle.close()
        except KnownError as err:
            sending.send_bytes(_REFUSED + pickle.dumps((err.code, dict(err.params))))
        except (BrokenPipeError, ConnectionResetError):
            return
        except Exception:  # a bug: the merge reports it, as it would its own
            sending.send_bytes(_FAILED + traceback.format_exc().encode("utf-8"))
    except (BrokenPipeError, ConnectionResetError):
        return
    finally:
        sending.close()


def _send_tables(
    sending: Connection,
    bundle: Bundle,
    types: Mapping[str, Mapping[str, ColumnType]],
    empty: list[str],
) -> None:
    waiting = incoming_conflicts(bundle)
    for spec in TABLES:
        if not by_lines(spec, waiting):
            continue
        made = Deriver(spec.name, version_columns(spec)).made if spec.name in empty else None
        for lines in table_lines(bundle, spec, types[spec.name]):
            derived = [made(values) for values, _ in lines] if made is not None else None
            sending.send_bytes(_CHUNK + marshal.dumps((spec.name, lines, derived)))
        entry = table_entry(spec.name)
        done = entry if entry in bundle.checked else ""
        sending.send_bytes(_TABLE_END + marshal.dumps((spec.name, done)))
    sending.send_bytes(_TABLE_END + marshal.dumps(("", "")))
