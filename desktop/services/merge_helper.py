"""Bundles' table lines read, checked and decoded in a helper process beside the merge's
writing (a clerk's PC has two cores): one process for a batch of bundles, reading the next
bundle while one is written; the same chunks, derived columns and refusals as reading them
in the merge's own process (merge_lines.lines_of)."""

from __future__ import annotations

import logging
import marshal
import os
import pickle
import queue
import sys
import threading
import traceback
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from desktop.domain.errors import KnownError
from desktop.domain.text import fold_for_search
from desktop.exchange.bundle_file import Bundle, open_bundle, reopen_bundle, table_entry
from desktop.services.merge_lines import by_lines, incoming_conflicts, table_lines
from desktop.store.derived import MADE_BESIDE, Deriver, people_rows
from desktop.store.registry import COMMUNE_COLUMN, TABLES, table
from desktop.store.replicas import version_columns
from desktop.store.row_decoder import (
    ColumnType,
    Line,
    Lines,
    ReadyRows,
    column_types,
    ready_rows_maker,
    serialized_rows,
    takes_ready_rows,
)

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

log = logging.getLogger(__name__)

# A bundle alone of fewer lines in the tables read by lines is read in the merge's own
# process: starting the helper (a Python with CamKet's modules, ~0.3 s of CPU) would cost
# a commune's bundle more than its reading does.
HELPED_ROWS = 60_000
# In a batch, the next bundle of at least this many lines starts the helper while the one
# before it is merged here (its start is then off the merge's path), and once started it
# reads every bundle after.
AHEAD_ROWS = 5_000
_AHEAD = 32  # chunks received and not yet written: the helper runs on meanwhile
# People's rows are made ready to store in the helper (ReadyRows) only for a bundle read
# ahead in a batch: there its extra work (~1.3 s of CPU for the district's people) runs
# while the bundle before is written. A bundle alone, read while it is merged, took longer
# so (the helper became the slower half: the district into an empty upper register, idle,
# 7.99-9.05 s of wall against 7.29-8.34 s with its people sent as lines).
READY_ALONE = False
# What the helper sends, each message one of: a chunk of lines and their derived columns
# (marshal: lists, tuples, text, numbers and None only), a chunk of rows ready to store
# (ReadyRows: their ids and the serialized chunk), the end of a table (the name of its
# entry when its hash matched), a refusal (its code and params), a failure (its text);
# each after the number of the bundle (job) it is about.
_CHUNK, _READY, _TABLE_END, _REFUSED, _FAILED = b"D", b"R", b"T", b"E", b"F"
_EVERY_JOB = 0xFFFFFFFF  # the helper's end: no job after it gets anything
_F_SETPIPE_SZ, _PIPE_BYTES = 1031, 1024 * 1024  # Linux's fcntl for a pipe's size


class HelperStopped(RuntimeError):
    """The helper ended before its work was done (killed: the memory killer of a small PC,
    an antivirus) or failed: the merge reads the bundle in its own process instead."""


def lined_rows(bundle: Bundle) -> int:
    """The bundle's lines in the tables the helper can read (not private nor binary)."""
    rows = bundle.manifest.rows
    return sum(rows.get(spec.name, 0) for spec in TABLES if not (spec.private or spec.binary))


def helps(bundle: Bundle) -> bool:
    """Whether a bundle alone has lines enough for the helper process to pay its start."""
    return lined_rows(bundle) >= HELPED_ROWS and bundle.origin is not None


class BatchReading:
    """The bundles of a batch, each opened (``open``) with the next one opened ahead of
    it, and the one helper process that reads their lines (``feed``): started for a bundle
    alone that helps, or by a next bundle of AHEAD_ROWS lines, then kept for the batch.
    ``close`` ends the helper and closes a bundle opened ahead and not merged."""

    def __init__(self, db: Database, decrypt: Any) -> None:
        self.db, self.decrypt = db, decrypt
        self._helper: LineHelper | None = None
        self._broken = False  # the helper could not start, or died: lines are read here
        self._ahead: tuple[Path, Bundle, LineFeed | None] | None = None
        self._feed: LineFeed | None = None  # the feed of the bundle opened last (open)
        # People's rows sent ready to store (ReadyRows) where this connection opens them.
        self._ready = takes_ready_rows(db.conn)

    def open(self, path: Path, following: Path | None = None) -> Bundle:
        """The bundle at ``path`` (as open_bundle; KnownError when refused); ``following``,
        the batch's next, opened ahead and given to the helper to read meanwhile."""
        ahead, self._feed = self._ahead, None
        if ahead is not None and ahead[0] == path:
            bundle, self._feed, self._ahead = ahead[1], ahead[2], None
        else:
            bundle = open_bundle(path, decrypt=self.decrypt, whole=False)
        if self._ahead is not None and self._ahead[0] != following:
            self._drop(self._ahead)
            self._ahead = None
        if following is not None and self._ahead is None:
            try:
                later = open_bundle(following, decrypt=self.decrypt, whole=False)
            except KnownError:  # refused again, with its reason, when its turn comes
                return bundle
            wanted = self._helper is not None or lined_rows(later) >= AHEAD_ROWS
            self._ahead = (following, later, self._read(later, ahead=True) if wanted else None)
        return bundle

    def feed(self, bundle: Bundle) -> LineFeed | None:
        """The helper reading the bundle just opened, or None: its lines are read here (a
        small bundle alone, or no helper)."""
        feed, self._feed = self._feed, None
        if self._helper is not None and self._helper.failed:
            self._broken = True
        if feed is None and helps(bundle):
            feed = self._read(bundle)
        if feed is not None and self._broken:
            feed.close()
            return None
        return feed

    def close(self) -> None:
        self._drop(self._ahead)
        self._ahead = None
        if self._helper is not None:
            self._helper.close()
            self._helper = None

    def _read(self, bundle: Bundle, *, ahead: bool = False) -> LineFeed | None:
        if self._broken or bundle.origin is None:
            return None
        try:
            if self._helper is None:
                self._helper = LineHelper(self.db)
            fresh = fresh_tables(self.db, bundle.manifest.communes)
            return self._helper.read(bundle, fresh, self._ready and (ahead or READY_ALONE))
        except (OSError, RuntimeError) as exc:  # no process, or no way to spawn one here
            log.warning("merge helper process not started, lines read here: %s", exc)
            self._broken = True
            return None

    def _drop(self, ahead: tuple[Path, Bundle, LineFeed | None] | None) -> None:
        if ahead is not None:
            if ahead[2] is not None:
                ahead[2].close()
            ahead[1].close()


def fresh_tables(db: Database, communes: list[str]) -> list[str]:
    """The tables whose derived columns the helper makes (MADE_BESIDE) that hold no row of
    ``communes``: a bundle's rows are new there (a first merge, a commune new to an upper
    register), and stored as read. Elsewhere the merge makes those of the rows it writes."""
    marks = ", ".join("?" * len(communes))
    fresh = []
    for name in sorted(MADE_BESIDE):
        if table(name).holds_commune and communes:
            sql, params = f"SELECT 1 FROM [{name}] WHERE {COMMUNE_COLUMN} IN ({marks})", communes
        else:
            sql, params = f"SELECT 1 FROM [{name}]", []
        if db.execute(f"{sql} LIMIT 1", params).fetchone() is None:
            fresh.append(name)
    return fresh


class LineHelper:
    """The helper process and what it sent so far; each bundle given to it (``read``) is
    read in turn, its lines received meanwhile. ``close`` stops it, whatever it is doing;
    it ends by itself when this process does (killed too: its pipes close)."""

    def __init__(self, db: Database) -> None:
        import multiprocessing  # only when a helper is wanted (~20 ms)

        types = {spec.name: column_types(db, spec) for spec in TABLES}
        context = multiprocessing.get_context("spawn")  # never fork a process with Qt's threads
        self._received: queue.Queue[bytes] = queue.Queue(_AHEAD)
        self._closed = False
        self.failed = False  # it ended before its work was done
        self._jobs = 0
        receiving, sending = context.Pipe(duplex=False)
        orders, self._orders = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_read_lines,
            args=(sending, orders, types),
            name="camket-merge-lines",
            daemon=True,
        )
        self._process.start()
        sending.close()  # the helper's ends: its exit is the end of what is received
        orders.close()
        self._connection = receiving
        _widen(receiving)
        self._receiver = threading.Thread(target=self._receive, name="merge-lines", daemon=True)
        self._receiver.start()

    def read(self, bundle: Bundle, derive: list[str], ready: bool = False) -> LineFeed:
        """The helper reads ``bundle`` once it has read those given before (the derived
        columns of the tables ``derive`` made beside; ``ready``: the people's rows sent
        ready to store where it can, ReadyRows)."""
        self._jobs += 1
        order = (self._jobs, bundle.origin, bundle.source, bundle.sha256, derive, ready)
        self._orders.send(order)
        return LineFeed(self, self._jobs, bundle, ready)

    def forget(self, job: int) -> None:
        """The merge is done with ``job`` (merged, refused or cancelled): not read further."""
        try:
            self._orders.send((job, None, "", "", [], False))
        except OSError:  # the helper has ended: nothing to tell it
            self.failed = True

    def message(self, job: int) -> tuple[bytes, bytes]:
        """The next message about ``job`` (its kind and body); those about bundles the
        merge is done with are dropped."""
        while True:
            if self.failed and self._received.empty():  # its end was told to a bundle before
                return _FAILED, b"it ended before its work was done"
            message = self._received.get()
            about = int.from_bytes(message[1:5], "little")
            if about >= job:
                if about not in (job, _EVERY_JOB):
                    return _FAILED, f"sent bundle {about}'s lines where {job}'s were read".encode()
                return message[:1], message[5:]

    def close(self) -> None:
        self._closed = True
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._receiver.join()  # it sees the helper's end, or that it is closed
        self._connection.close()
        self._orders.close()
        self._process.close()
        _stop_resource_tracker()

    def _receive(self) -> None:
        """Receives what the helper sends (its pipe holds little: it would wait on it while
        this process writes), to its end, or until closed."""
        while not self._closed:
            try:
                message = self._connection.recv_bytes()
            except (EOFError, OSError):
                self.failed = True
                message = _FAILED + _EVERY_JOB.to_bytes(4, "little")
                message += b"it ended before its work was done"
            while not self._closed:
                try:
                    self._received.put(message, timeout=0.05)
                    break
                except queue.Full:
                    continue
            if self.failed:
                return


class LineFeed:
    """One bundle's lines as the helper sends them: ``lines(name)`` gives a table's chunks
    as lines_of would, in the registry's table order (the tables read by lines:
    merge_lines.by_lines). ``close``: the merge is done with the bundle."""

    def __init__(self, helper: LineHelper, job: int, bundle: Bundle, ready: bool = False) -> None:
        self.helper, self.job, self.bundle = helper, job, bundle
        self.ready = ready  # it may send rows ready to store (ReadyRows)

    def lines(self, name: str) -> Iterator[Lines | ReadyRows]:
        """The table's chunks of decoded lines, each with its derived columns made, or of
        rows ready to store; the helper's refusal raised where reading the table here would
        have raised it."""
        while True:
            kind, body = self.helper.message(self.job)
            if kind == _CHUNK:
                got, lines, derived = marshal.loads(body)
                self._expect(name, got)
                chunk = Lines(lines)
                chunk.derived = derived
                yield chunk
            elif kind == _READY:
                got, ids, data = marshal.loads(body)
                self._expect(name, got)
                yield ReadyRows(ids, data)
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
        self.helper.forget(self.job)

    def _expect(self, name: str, got: str) -> None:
        if got != name:
            raise HelperStopped(f"the merge's helper sent {got} lines where {name} was read")


def _stop_resource_tracker() -> None:
    """multiprocessing's resource tracker, a process that starting the helper with spawn
    starts on Linux and macOS and that would otherwise stay until the app ends, stopped
    once the helper has ended: nothing else of CamKet uses it (no semaphores, no shared
    memory), and the next helper starts it again. Its stop is not public (Python 3.8 to
    3.13 have it): without it, it stays, as before."""
    if sys.platform == "win32":
        return
    from multiprocessing import resource_tracker

    stop = getattr(getattr(resource_tracker, "_resource_tracker", None), "_stop", None)
    if stop is not None:
        stop()


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


def _read_lines(
    sending: Connection, orders: Connection, types: dict[str, dict[str, ColumnType]]
) -> None:
    """The helper process: each bundle it is given opened again, each of its tables read
    by lines decoded and their derived columns made, sent a chunk at a time, until the
    merge is done with it. Its orders' pipe closed (the merge's process ended, or was
    killed) ends it at once; its sending pipe closed, as soon as it sends."""
    jobs: queue.Queue[tuple[int, Any, str, str, list[str], bool]] = queue.Queue()
    done = [0]  # the last bundle the merge is done with (orders come in its order)

    def listen() -> None:
        while True:
            try:
                order = orders.recv()
            except (EOFError, OSError):
                os._exit(0)
            if order[1] is None:
                done[0] = max(done[0], order[0])
            else:
                jobs.put(order)

    threading.Thread(target=listen, name="merge-orders", daemon=True).start()
    try:
        while True:
            job, origin, source, sha256, derive, ready = jobs.get()
            tag = job.to_bytes(4, "little")
            try:
                bundle = reopen_bundle(origin, source, sha256)
                try:
                    _send_tables(sending, tag, bundle, types, (derive, ready), (done, job))
                finally:
                    bundle.close()
            except KnownError as err:
                sending.send_bytes(_REFUSED + tag + pickle.dumps((err.code, dict(err.params))))
            except (BrokenPipeError, ConnectionResetError):
                return
            except Exception:  # a bug: the merge reads this bundle itself, and logs it
                sending.send_bytes(_FAILED + tag + traceback.format_exc().encode("utf-8"))
    except (BrokenPipeError, ConnectionResetError):
        return
    finally:
        sending.close()


def _send_tables(
    sending: Connection,
    tag: bytes,
    bundle: Bundle,
    types: Mapping[str, Mapping[str, ColumnType]],
    making: tuple[list[str], bool],
    forgotten: tuple[list[int], int],
) -> None:
    """The bundle's tables read by lines, a chunk at a time, until the merge is done with
    it (``forgotten``: the last bundle it is done with, and this one's number); ``making``:
    the tables whose derived columns are made here, and whether people's rows are sent
    ready to store (ReadyRows) where their households are the bundle's (HouseholdsRead)."""
    done, job = forgotten
    derive, ready = making
    waiting = incoming_conflicts(bundle, types)
    households = HouseholdsRead() if ready and {"household", "person"} <= set(derive) else None
    maker = ready_rows_maker() if households is not None else None
    for spec in TABLES:
        if not by_lines(spec, waiting):
            continue
        made = Deriver(spec.name, version_columns(spec)).made if spec.name in derive else None
        for lines in table_lines(bundle, spec, types[spec.name]):
            if done[0] >= job:
                return
            derived = [made(values) for values, _ in lines] if made is not None else None
            if households is not None and spec.name == "household":
                households.note(lines)
            rows = None
            if households is not None and spec.name == "person":
                rows = households.people(lines, derived)
            if rows is not None and households is not None and maker is not None:
                ids = [values[households.person_id_at] for values, _ in lines]
                message = marshal.dumps((spec.name, ids, serialized_rows(rows, maker)))
                sending.send_bytes(_READY + tag + message)
                continue
            sending.send_bytes(_CHUNK + tag + marshal.dumps((spec.name, lines, derived)))
        entry = table_entry(spec.name)
        hashed = entry if entry in bundle.checked else ""
        sending.send_bytes(_TABLE_END + tag + marshal.dumps((spec.name, hashed)))


class HouseholdsRead:
    """The households a bundle's lines hold (their code folded for search and their
    commune, by id), kept by the helper to make the rows of their people as the merge
    stores them (ReadyRows): the merge takes them only when every household line of the
    bundle was stored as read (TableMerge.ready_rows), so that these are the households the
    register holds. A household named on two lines is none of them here."""

    def __init__(self) -> None:
        household, person = version_columns(table("household")), version_columns(table("person"))
        self.id_at, self.code_at = household.index("id"), household.index("code")
        self.commune_at = household.index(COMMUNE_COLUMN)
        self.person_id_at = person.index("id")
        self.household_at = person.index("household_id")
        self.held: dict[str, tuple[str, str] | None] = {}

    def note(self, lines: list[Line]) -> None:
        held, id_at, code_at, commune_at = self.held, self.id_at, self.code_at, self.commune_at
        for values, _ in lines:
            household_id = values[id_at]
            held[household_id] = (
                None
                if household_id in held
                else (fold_for_search(values[code_at]), values[commune_at])
            )

    def people(
        self, lines: list[Line], made: list[tuple[Any, ...]] | None
    ) -> list[tuple[Any, ...]] | None:
        """The chunk's people as stored (store.derived.people_rows), or None when one of
        them belongs to a household not read here (its line is then met as lines are)."""
        if made is None or not lines:
            return None
        held, at = self.held, self.household_at
        households = {}
        for household_id in {values[at] for values, _ in lines}:
            household = held.get(household_id)
            if household is None:
                return None
            households[household_id] = household
        return people_rows(lines, households, at, made)
