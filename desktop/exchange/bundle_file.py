"""The `.camket` bundle file: a signed ZIP of one CSV per synced table (docs/bundle-format.md).

Writing streams each table into its entry and signs the manifest last. Reading checks the
entry names, sizes, format version and the Ed25519 signature on opening, and every entry's
SHA-256 either then (``whole``) or as the entry is read: a table's rows are hashed while
they are decompressed and parsed, once (a merge reads them inside the transaction that a
mismatch found at the entry's end rolls back, and ``check_whole`` hashes whatever was not
read before it commits). Anything wrong refuses the bundle whole (KnownError naming the
reason). No entry is ever extracted to disk.
"""

from __future__ import annotations

import base64
import codecs
import csv
import hashlib
import io
import json
import logging
import re
import unicodedata
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO, Any, cast

from desktop.domain.errors import KnownError
from desktop.file_kinds import refuse_register

FORMAT = "camket-bundle"
# 2: movement.border_belt and movement.border_permit (schema m0006): an older reader refuses
# it (it would drop columns it does not know unseen); version 1 is read (registry `added`).
FORMAT_VERSION = 2
SUFFIX = ".camket"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
CONFLICTS = "conflicts.csv"
CONFLICT_COLUMNS = ("tbl", "row_id", "vv", "data")
AGE_HEADER = b"age-encryption.org/v1"

# Bounds on what a bundle may claim, checked against the ZIP directory before anything is
# decompressed (a bomb is refused, not inflated): a province's person table is ~600 MB.
MAX_ENTRIES = 500_000
MAX_TABLE_BYTES = 2 * 1024**3
MAX_ATTACHMENT_BYTES = 10 * 1024**2
MAX_MANIFEST_BYTES = 64 * 1024**2
MAX_TOTAL_BYTES = 8 * 1024**3
MAX_RATIO = 1000  # uncompressed / compressed: CSV packs ~10×, images ~1×
_CHUNK = 1024 * 1024
_MAX_ROWS = 2**31 - 1  # lines in all: a province's register holds ~3,000,000
_TEXT_CHUNK = 256 * 1024  # bytes a table's text decoder takes at a time (8 KiB by default)
_TABLE_ENTRY = re.compile(r"tables/([a-z_]+)\.csv")
_COMMUNE_CODE = re.compile(r"[0-9]{5}\Z")
_ATTACHMENT_ENTRY = re.compile(r"attachments/([0-9a-f]{64})")
_COMPOSED = partial(unicodedata.normalize, "NFC")
# No text of a register holds it, and C code (SQLite's functions, Qt, printing) takes it for
# the text's end: a line with one refuses the bundle (_text_lines).
NUL = "\x00"
# A field may be as long as its table (a pasted note): csv refuses one over 131,072
# characters unless told (2**31 - 1: a C long on Windows; the entry's own limit bounds it).
_FIELD_LIMIT = 2**31 - 1
# What reading a damaged entry raises: a bad deflate stream, a CRC, a cut, a compression
# method Python lacks (Deflate64) or a password-protected entry (RuntimeError).
_UNREADABLE = (
    zipfile.BadZipFile,
    zlib.error,
    OSError,
    EOFError,
    ValueError,
    NotImplementedError,
    RuntimeError,
)

log = logging.getLogger(__name__)


def table_entry(table: str) -> str:
    return f"tables/{table}.csv"


def attachment_entry(sha256: str) -> str:
    return f"attachments/{sha256}"


@dataclass
class Manifest:
    """What a bundle says about itself; ``files`` holds every other entry's SHA-256 and
    size, ``rows`` the row count of each table file."""

    kind: str  # "full" or "incremental"
    register: str  # "commune" or "upper"
    communes: list[str]
    installation_id: str
    public_key: str
    made_at: str
    seq: int  # the exporting register's change_log high-water mark
    register_id: str
    province: str = ""
    since_seq: int = 0
    current_campaign: str = ""
    sample: bool = False  # made-up sample data: only a sample register merges it
    name: str = ""  # an upper register's name ("Đồn Biên phòng Sìn Hồ"); "" for a commune's
    rows: dict[str, int] = field(default_factory=dict)
    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    format_version: int = FORMAT_VERSION

    def to_json(self) -> bytes:
        body = {"format": FORMAT, **self.__dict__}
        return json.dumps(body, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def is_commune_code(code: object) -> bool:
    """A commune's official five-digit code, as a manifest names its communes ("3478", Excel's
    lost zero, is none): a reader refuses a bundle naming any other."""
    return isinstance(code, str) and _COMMUNE_CODE.match(code) is not None


def manifest_from(data: bytes, source: str) -> Manifest:
    try:
        body = json.loads(data.decode("utf-8"))
        if not isinstance(body, dict) or body.pop("format", None) != FORMAT:
            raise KnownError("bundle.not_a_bundle", file=source)
        version = body.get("format_version")
        if type(version) is int and version > FORMAT_VERSION:
            raise KnownError("bundle.newer_format", file=source, version=str(version))
        if type(version) is not int or version < 1:
            raise KnownError(
                "bundle.unknown_format", file=source, detail=f"format_version {version!r}"
            )
        manifest = Manifest(**body)
        _check_types(manifest, source)
        if manifest.kind not in ("full", "incremental"):
            raise KnownError("bundle.unknown_format", file=source, detail=f"kind {manifest.kind!r}")
        if manifest.register not in ("commune", "upper"):
            detail = f"register {manifest.register!r}"
            raise KnownError("bundle.unknown_format", file=source, detail=detail)
        odd = [c for c in manifest.communes if not is_commune_code(c)]
        if odd:  # a commune is its official five-digit code ("3478": Excel's lost zero)
            raise KnownError("bundle.unknown_format", file=source, detail=f"communes {odd[0]!r}")
        return manifest
    except KnownError:
        raise
    except (ValueError, TypeError, RecursionError) as exc:  # "[[[[…": nested past the stack
        raise KnownError("bundle.damaged", file=source, detail=f"manifest: {exc}") from exc


# The type docs/bundle-format.md gives each key of the manifest (a bool is no integer here).
_MANIFEST_TYPES: dict[str, type] = {
    "kind": str,
    "register": str,
    "installation_id": str,
    "public_key": str,
    "made_at": str,
    "seq": int,
    "register_id": str,
    "province": str,
    "since_seq": int,
    "current_campaign": str,
    "sample": bool,
    "name": str,
}


def _check_types(manifest: Manifest, source: str) -> None:
    """KnownError bundle.unknown_format naming the first key whose value is not of the type
    the format gives it (another program's manifest: a count written as text, ``files`` as a
    list), instead of a crash wherever the value is first used."""

    def odd(key: str, value: Any) -> KnownError:
        return KnownError("bundle.unknown_format", file=source, detail=f"{key} {value!r:.60}")

    for key, kind in _MANIFEST_TYPES.items():
        value: Any = getattr(manifest, key)
        if type(value) is not kind or (isinstance(value, int) and value < 0):
            raise odd(key, value)
    if type(manifest.communes) is not list:
        raise odd("communes", manifest.communes)
    if type(manifest.rows) is not dict:
        raise odd("rows", manifest.rows)
    for table, count in manifest.rows.items():
        if type(count) is not int or count < 0:
            raise odd(f"rows.{table}", count)
    if type(manifest.files) is not dict:
        raise odd("files", manifest.files)
    for name, entry in manifest.files.items():
        if not (
            type(entry) is dict
            and type(entry.get("sha256")) is str
            and type(entry.get("size")) is int
            and entry["size"] >= 0
        ):
            raise odd(f"files.{name}", entry)


# --- writing --------------------------------------------------------------------------------


class _HashingWriter(io.RawIOBase):
    """Counts and hashes what passes into a ZIP entry."""

    def __init__(self, target: IO[bytes]) -> None:
        self.target, self.sha = target, hashlib.sha256()
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self.sha.update(chunk)
        self.size += len(chunk)
        self.target.write(chunk)
        return len(chunk)


class BundleWriter:
    """Writes the entries of one bundle; ``finish`` signs and closes it."""

    def __init__(self, target: IO[bytes]) -> None:
        self._zip = zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED)
        self.files: dict[str, dict[str, Any]] = {}
        self.rows: dict[str, int] = {}

    def write_csv(self, name: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        """An RFC 4180 CSV in UTF-8 with a BOM (Excel shows the diacritics); the row count."""
        counted = _Counted(rows)
        with self._zip.open(name, "w", force_zip64=True) as raw:
            hashing = _HashingWriter(raw)
            buffered = io.BufferedWriter(hashing, _CHUNK)
            buffered.write(codecs.BOM_UTF8)  # then plain UTF-8: its encoder is the C one
            text = io.TextIOWrapper(buffered, "utf-8", newline="", write_through=False)
            out = csv.writer(text, lineterminator="\r\n")
            out.writerow(header)
            # NULL and empty text are both an empty field (the column's nullability,
            # documented per table, tells them apart when read); any other value is str().
            out.writerows(counted)
            text.flush()
            text.detach().flush()
        self.files[name] = {"sha256": hashing.sha.hexdigest(), "size": hashing.size}
        return counted.count

    def write_bytes(self, name: str, data: bytes) -> None:
        if name in self.files:
            return  # an attachment is stored once, whatever rows share it
        self._zip.writestr(name, data)
        self.files[name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}

    def finish(self, manifest: Manifest, sign: Any) -> bytes:
        """Write the manifest and its signature (``sign(bytes) -> base64 text``)."""
        manifest.files = dict(self.files)
        body = manifest.to_json()
        self._zip.writestr(MANIFEST, body)
        self._zip.writestr(SIGNATURE, sign(body))
        self._zip.close()
        return body

    def abandon(self) -> None:
        """Close a bundle left unfinished (a full or size-limited disk, a cancel) while its
        file is still open: left to the garbage collector, the ZIP would try to end itself
        in a file closed by then and print a traceback under the clerk's message. What
        closing it raises is noted only: the error that stopped it is the one to report."""
        if self._zip.fp is None:  # finished
            return
        try:
            self._zip.close()
        except (OSError, ValueError) as exc:
            log.info("unfinished bundle closed: %s", exc)


def cells_as_read(values: Sequence[Any]) -> tuple[list[str], bool]:
    """A row's values as a reader of the bundle gets its cells back: as write_csv writes
    them (NULL and empty text both empty, any other value str()), composed (NFC) as
    _text_lines reads them; and whether its line holds a NUL, for which the reader refuses
    the bundle (the export's early check: services.unsendable)."""
    cells = ["" if v is None else v if type(v) is str else str(v) for v in values]
    line = "".join(cells)
    if not unicodedata.is_normalized("NFC", line):
        cells = [_COMPOSED(cell) for cell in cells]
    return cells, NUL in line


class _Counted:
    """The rows passed on as they are, counted."""

    def __init__(self, rows: Iterable[Sequence[Any]]) -> None:
        self.rows, self.count = iter(rows), 0

    def __iter__(self) -> Iterator[Sequence[Any]]:
        return self

    def __next__(self) -> Sequence[Any]:
        row = next(self.rows)
        self.count += 1
        return row


# --- reading --------------------------------------------------------------------------------


class _HashingReader(io.BufferedIOBase):
    """Hashes what is read from a ZIP entry, as it is read."""

    def __init__(self, raw: IO[bytes]) -> None:
        super().__init__()
        self.raw, self.sha = raw, hashlib.sha256()

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        data = self.raw.read(-1 if size is None else size)
        self.sha.update(data)
        return data

    def read1(self, size: int = -1) -> bytes:
        data = self.raw.read1(size)  # type: ignore[attr-defined]
        self.sha.update(data)
        return bytes(data)


@dataclass
class Bundle:
    """A bundle whose directory, manifest and signature were checked; rows are read from it
    on demand, each entry's SHA-256 checked by the time it has been read (``checked``
    holds the entries whose hash matched)."""

    source: str
    manifest: Manifest
    sha256: str
    _zip: zipfile.ZipFile
    # Entries being read: a merge refused halfway leaves its reader suspended (and kept by
    # the refusal's traceback), whose open entry would hold the file open (on Windows the
    # clerk could not then delete or move the refused bundle); close() closes them.
    _reading: list[IO[bytes]] = field(default_factory=list)
    checked: set[str] = field(default_factory=set)
    # What it was opened from: its file, or an encrypted one's decrypted bytes (a helper
    # process reading its lines opens it again from this: reopen_bundle).
    origin: Path | bytes | None = None

    def tables(self) -> list[str]:
        """The tables the bundle has a CSV of."""
        return sorted(m[1] for name in self.manifest.files if (m := _TABLE_ENTRY.fullmatch(name)))

    def rows(self, table: str) -> Iterator[list[str]]:
        """The lines of a table's CSV as lists of text, its header first (nothing when the
        bundle has no such table)."""
        name = table_entry(table)
        if name in self.manifest.files:
            yield from self._csv(name)

    def conflicts(self) -> Iterator[dict[str, str]]:
        if CONFLICTS in self.manifest.files:
            lines = self._csv(CONFLICTS)
            header = next(lines, None)
            for cells in lines:
                yield dict(zip(header or (), cells, strict=True))

    def attachment(self, sha256: str) -> bytes:
        name = attachment_entry(sha256)
        if name not in self.manifest.files:
            raise KnownError("bundle.damaged", file=self.source, detail=f"{name} missing")
        try:
            data = self._zip.read(name)
        except _UNREADABLE as exc:
            raise KnownError("bundle.damaged", file=self.source, detail=f"{name}: {exc}") from exc
        if name not in self.checked:
            self._check(name, hashlib.sha256(data).hexdigest())
        return data

    def check_whole(self) -> None:
        """Every entry's SHA-256 checked: those not read (whole) yet are hashed now;
        KnownError bundle.tampered (or damaged) for the first that does not match."""
        for name in self.manifest.files:
            if name not in self.checked:
                self._check(name, _sha256_of(self._zip, name, self.source))

    def refusal(self, err: KnownError) -> KnownError:
        """Why the bundle is refused, given an error met while reading or applying it: a
        tampered entry is named as such, whatever its altered rows made go wrong first."""
        try:
            self.check_whole()
        except KnownError as found:
            if found.code == "bundle.tampered":
                return found
        return err

    def close(self) -> None:
        for raw in self._reading:
            raw.close()
        self._zip.close()

    def _check(self, name: str, sha256: str) -> None:
        if sha256 != self.manifest.files[name].get("sha256"):
            raise KnownError("bundle.tampered", file=self.source, detail=name)
        self.checked.add(name)

    def _csv(self, name: str) -> Iterator[list[str]]:
        """The entry's lines, parsed as they are decompressed, and hashed on the way unless
        it was checked already; its hash is checked at its end, before the end is told."""
        try:
            with self._zip.open(name) as raw:
                self._reading.append(raw)
                hashing = None if name in self.checked else _HashingReader(raw)
                stream = raw if hashing is None else cast(IO[bytes], hashing)
                text = io.TextIOWrapper(stream, "utf-8-sig", newline="")
                text._CHUNK_SIZE = _TEXT_CHUNK  # type: ignore[attr-defined]
                # Text another program wrote decomposed (NFD) is read composed, as CamKet
                # stores all text (a line already NFC comes back as it is, after a quick check).
                if csv.field_size_limit() < _FIELD_LIMIT:
                    csv.field_size_limit(_FIELD_LIMIT)
                reader = csv.reader(_text_lines(text, self.source, name))
                header = next(reader, None)
                if header is not None:
                    yield header
                    width = len(header)
                    for number, cells in enumerate(reader, start=2):
                        if len(cells) != width:
                            raise KnownError(
                                "bundle.bad_row", file=self.source, entry=name, row=number
                            )
                        yield cells
                if hashing is not None:
                    self._check(name, hashing.sha.hexdigest())
        except UnicodeDecodeError as exc:  # Python's English words name no line either
            detail = f"{name}: không phải chữ UTF-8, byte 0x{exc.object[exc.start]:02x}"
            raise KnownError("bundle.damaged", file=self.source, detail=detail) from exc
        except (csv.Error, *_UNREADABLE) as exc:
            raise KnownError("bundle.damaged", file=self.source, detail=f"{name}: {exc}") from exc


def _text_lines(text: Iterator[str], source: str, entry: str) -> Iterator[str]:
    """The entry's lines composed (NFC); a NUL, which no text of a register holds and which
    C code (SQLite's functions, Qt, printing) takes for the text's end, refuses the bundle
    (Python's csv module reads it as any character)."""
    for number, line in enumerate(text, start=1):
        if NUL in line:
            raise KnownError("bundle.nul", file=source, entry=entry, row=number)
        yield _COMPOSED(line)


def open_bundle(path: Path, decrypt: Any = None, *, whole: bool = True) -> Bundle:
    """Check a bundle file whole and open it. ``decrypt(bytes) -> bytes`` opens one
    encrypted to this register (age); KnownError for every reason to refuse it. Not
    ``whole``: its directory, manifest and signature now, each entry's hash as it is read
    (a quick look at who sent it; a merge, which reads every entry once and checks the
    rest with ``check_whole`` before it commits)."""
    source = path.name
    try:
        refuse_register(path)
        if path.exists() and not (path.is_file() or path.is_dir()):
            # A device (/dev/zero) or a pipe: no end to read to (the ZIP's directory is there).
            raise KnownError("bundle.not_a_bundle", file=source)
    except OSError as exc:  # a name longer than any disk takes (pasted twice): no such file
        raise KnownError("bundle.missing", file=str(path)) from exc
    try:
        with path.open("rb") as fh:
            head = fh.read(len(AGE_HEADER))
        if head == AGE_HEADER:
            if decrypt is None:
                raise KnownError("bundle.encrypted", file=source)
            if path.stat().st_size > MAX_TOTAL_BYTES:
                raise KnownError("bundle.too_large", file=source, entry="", limit=MAX_TOTAL_BYTES)
            try:
                opened = decrypt(path.read_bytes())
            except KnownError as err:
                raise KnownError(err.code, **{**err.params, "file": source}) from err
            zf = zipfile.ZipFile(io.BytesIO(opened))
            origin: Path | bytes = opened
        else:
            zf = zipfile.ZipFile(path)  # it owns (and closes) the file
            origin = path
    except KnownError:
        raise
    except FileNotFoundError as exc:
        raise KnownError("bundle.missing", file=str(path)) from exc
    except IsADirectoryError as exc:  # a folder picked (the USB stick) instead of its file
        raise KnownError("bundle.not_a_bundle", file=source) from exc
    except zipfile.BadZipFile as exc:
        raise _not_a_zip(path, source, exc) from exc
    except (OSError, EOFError, ValueError) as exc:
        raise KnownError("bundle.damaged", file=source, detail=str(exc)) from exc
    try:
        manifest, sha = _verified(zf, source)
        bundle = Bundle(source, manifest, sha, zf, origin=origin)
        if whole:
            bundle.check_whole()
    except BaseException:
        zf.close()
        raise
    return bundle


def reopen_bundle(origin: Path | bytes, source: str, sha256: str) -> Bundle:
    """A bundle opened again from what ``open_bundle`` opened it from (Bundle.origin: a
    helper process reading its lines): its directory, manifest and signature checked again,
    its manifest the one signed that was opened (``sha256``), else bundle.tampered (the
    file was replaced meanwhile); each entry's hash checked as it is read."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(origin) if isinstance(origin, bytes) else origin)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise KnownError("bundle.damaged", file=source, detail=str(exc)) from exc
    try:
        manifest, sha = _verified(zf, source)
        if sha != sha256:
            raise KnownError("bundle.tampered", file=source, detail=MANIFEST)
    except BaseException:
        zf.close()
        raise
    return Bundle(source, manifest, sha, zf, origin=origin)


def _not_a_zip(path: Path, source: str, exc: Exception) -> KnownError:
    """Why a file is no ZIP: cut short (empty, or it starts as a bundle does and its end is
    missing: copied in part), something else altogether (a register, a picture), or
    damaged."""
    try:
        with path.open("rb") as fh:
            head = fh.read(30 + 300)
    except OSError:
        head = b"PK"
    if not head:
        return KnownError("bundle.truncated", file=source)
    if not head.startswith(b"PK"):
        return KnownError("bundle.not_a_bundle", file=source)
    size = int.from_bytes(head[26:28], "little") if len(head) >= 30 else 0
    name = head[30 : 30 + size].decode("utf-8", "replace")
    if head[:4] == b"PK\x03\x04" and (
        name in (MANIFEST, SIGNATURE, CONFLICTS) or _TABLE_ENTRY.fullmatch(name)
    ):
        return KnownError("bundle.truncated", file=source)
    return KnownError("bundle.damaged", file=source, detail=str(exc))


def _verified(zf: zipfile.ZipFile, source: str) -> tuple[Manifest, str]:
    infos = zf.infolist()
    names = {i.filename for i in infos}
    if MANIFEST not in names or SIGNATURE not in names:  # a workbook, a zipped folder
        raise KnownError("bundle.not_a_bundle", file=source)
    _check_directory(infos, source)
    if len(names) != len(infos):  # a second entry of one name: readers differ on which counts
        counted = Counter(i.filename for i in infos)
        twice = next(name for name, count in counted.items() if count > 1)
        raise KnownError("bundle.tampered", file=source, detail=twice)
    try:
        body = zf.read(MANIFEST)
        signature = zf.read(SIGNATURE)
    except _UNREADABLE as exc:
        raise KnownError("bundle.damaged", file=source, detail=str(exc)) from exc
    manifest = manifest_from(body, source)
    _check_signature(manifest, body, signature, source)
    listed = set(manifest.files)
    present = names - {MANIFEST, SIGNATURE}
    if listed != present:
        extra = sorted(present - listed) or sorted(listed - present)
        raise KnownError("bundle.tampered", file=source, detail=f"{extra[0]}")
    for info in infos:  # the sizes the manifest signs are those of the ZIP's directory
        claimed = manifest.files.get(info.filename)
        if claimed is not None and claimed["size"] != info.file_size:
            raise KnownError("bundle.tampered", file=source, detail=info.filename)
    # A line takes at least a byte of its entry; the counts size a merge's progress (Qt's
    # progress bar takes no count past 2**31 - 1) and its memory of the rows it wrote.
    for table, count in manifest.rows.items():
        entry = manifest.files.get(table_entry(table))
        if count > (entry["size"] if entry else 0):
            raise KnownError("bundle.tampered", file=source, detail=table_entry(table))
    if sum(manifest.rows.values()) > _MAX_ROWS:
        raise KnownError("bundle.tampered", file=source, detail=f"rows {MANIFEST}")
    return manifest, hashlib.sha256(body).hexdigest()


def _check_directory(infos: list[zipfile.ZipInfo], source: str) -> None:
    if len(infos) > MAX_ENTRIES:
        raise KnownError("bundle.too_large", file=source, entry="", limit=MAX_ENTRIES)
    total = 0
    for info in infos:
        name = info.filename
        if name.startswith(("/", "\\")) or ".." in name.split("/") or "\\" in name or ":" in name:
            raise KnownError("bundle.unsafe_path", file=source, entry=name)
        if name in (MANIFEST, SIGNATURE):
            limit = MAX_MANIFEST_BYTES
        elif _TABLE_ENTRY.fullmatch(name) or name == CONFLICTS:
            limit = MAX_TABLE_BYTES
        elif _ATTACHMENT_ENTRY.fullmatch(name):
            limit = MAX_ATTACHMENT_BYTES
        else:
            raise KnownError("bundle.unknown_entry", file=source, entry=name)
        if info.file_size > limit:
            raise KnownError("bundle.too_large", file=source, entry=name, limit=limit)
        packed = MAX_RATIO * max(info.compress_size, 1) + _CHUNK  # more is a zip bomb
        if info.file_size > packed:
            raise KnownError("bundle.too_large", file=source, entry=name, limit=packed)
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise KnownError("bundle.too_large", file=source, entry="", limit=MAX_TOTAL_BYTES)


def _sha256_of(zf: zipfile.ZipFile, name: str, source: str) -> str:
    sha = hashlib.sha256()
    try:
        with zf.open(name) as fh:
            while chunk := fh.read(_CHUNK):
                sha.update(chunk)
    except _UNREADABLE as exc:
        raise KnownError("bundle.damaged", file=source, detail=f"{name}: {exc}") from exc
    return sha.hexdigest()


def _check_signature(manifest: Manifest, body: bytes, signature: bytes, source: str) -> None:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(manifest.public_key))
        key.verify(base64.b64decode(signature), body)
    except (InvalidSignature, ValueError, TypeError) as exc:
        raise KnownError("bundle.bad_signature", file=source) from exc
