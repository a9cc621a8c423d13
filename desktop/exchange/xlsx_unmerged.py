"""An XLSX's bytes for calamine with its sheet's merged-cell pass cut short.

python-calamine reads a sheet's merged cells whenever it reads the sheet: a second pass over
the whole sheet XML (inflated and parsed again) looking for <mergeCells>, which comes after
the cells. The import has no use for merged cells, and that pass was a third of the
reading (1.3 G of 3.1 G instructions for a 10,000-household list). Here the sheet's part
is given an empty <mergeCells></mergeCells> before its first byte, so that pass stops at
once; the cells' pass reads on to <sheetData> as before (an element before it is looked
over). The part's compressed bytes are kept as they are: a stored deflate block holding the
new bytes goes in front of them (a deflate stream is its blocks one after another, and
nothing in the original blocks points back before their own start), and the part's CRC-32
is combined with the new bytes' one. Every other part is copied as it was. Checked with
python-calamine 0.9.1 (pyproject.toml allows 0.9 to below 1); a release that refuses the
rebuilt bytes costs a second read of the file as it is (spreadsheet._read_xlsx).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

Buffer = bytes | memoryview

MERGE_CELLS = b"<mergeCells></mergeCells>"
# MERGE_CELLS as a deflate block stored as it is, not the last of its stream.
_STORED_PREFIX = struct.pack("<BHH", 0, len(MERGE_CELLS), len(MERGE_CELLS) ^ 0xFFFF) + MERGE_CELLS
_DEFLATED = 8
_LOCAL = struct.Struct("<4sHHHHHLLLHH")  # a local file header, its name and extra follow
_CENTRAL = struct.Struct("<4sHHHHHHLLLHHHHHLL")
_END = struct.Struct("<4sHHHHLLH")
_ENCRYPTED, _DESCRIPTOR = 0x1, 0x8
_ZIP64_LIMIT = 0xFFFF_FFFF


def without_merge_pass(data: bytes, sheet: str) -> bytes | None:
    """The XLSX ``data`` rebuilt with MERGE_CELLS before the part ``sheet`` (the sheet's
    cells read the same), or None when the file is not laid out for it: the part is not
    deflated or is encrypted, does not begin with a tag (a byte order mark, UTF-16), a part
    is not where the directory says, or the archive needs ZIP64. The caller then reads
    ``data`` as it is (and calamine judges it)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
    target = next((i for i in infos if i.filename == sheet), None)
    if target is None or target.compress_type != _DEFLATED or target.flag_bits & _ENCRYPTED:
        return None
    view = memoryview(data)
    parts = []
    for info in infos:
        if (found := _stored(view, info)) is None:
            return None
        name, raw = found
        if info is target:
            if not zlib.decompressobj(-15).decompress(raw[:256], 1).startswith(b"<"):
                return None
            stored: list[Buffer] = [_STORED_PREFIX, raw]
            crc = crc32_combine(zlib.crc32(MERGE_CELLS), info.CRC, info.file_size)
            size = len(MERGE_CELLS) + info.file_size
        else:
            stored, crc, size = [raw], info.CRC, info.file_size
        parts.append((info, name, stored, crc, size))
    return _archive(parts)


def _stored(data: memoryview, info: zipfile.ZipInfo) -> tuple[bytes, memoryview] | None:
    """The part's name as its local header spells it, and its bytes as stored; None when
    the header is not where the directory says (calamine then judges the file itself)."""
    name_at = info.header_offset + _LOCAL.size
    if name_at > len(data):
        return None
    header = _LOCAL.unpack_from(data, info.header_offset)
    start = name_at + header[9] + header[10]
    if header[0] != b"PK\x03\x04" or start + info.compress_size > len(data):
        return None
    return bytes(data[name_at : name_at + header[9]]), data[start : start + info.compress_size]


def _archive(parts: list[tuple[zipfile.ZipInfo, bytes, list[Buffer], int, int]]) -> bytes | None:
    """The parts (each stored as its pieces one after another) as one ZIP archive: local
    headers with their sizes (no data descriptor), then the central directory."""
    pieces: list[Buffer] = []
    central: list[bytes] = []
    offset = 0
    for info, name, stored, crc, size in parts:
        stored_size = sum(len(piece) for piece in stored)
        if max(offset, stored_size, size) >= _ZIP64_LIMIT:
            return None
        year, month, day, hour, minute, second = info.date_time
        dos_time = hour << 11 | minute << 5 | second // 2
        dos_date = (year - 1980) << 9 | month << 5 | day
        flags = info.flag_bits & ~_DESCRIPTOR
        fixed = (20, flags, info.compress_type, dos_time, dos_date, crc, stored_size, size)
        pieces += [_LOCAL.pack(b"PK\x03\x04", *fixed, len(name), 0), name, *stored]
        central += [
            _CENTRAL.pack(
                b"PK\x01\x02", 20, *fixed, len(name), 0, 0, 0, 0, info.external_attr, offset
            ),
            name,
        ]
        offset += _LOCAL.size + len(name) + stored_size
    directory = b"".join(central)
    end = _END.pack(b"PK\x05\x06", 0, 0, len(parts), len(parts), len(directory), offset, 0)
    return b"".join([*pieces, directory, end])


_POLY = 0xEDB88320  # CRC-32's polynomial, bit-reversed as zlib keeps it


def _times_mod(a: int, b: int) -> int:
    """a × b modulo the polynomial (bit-reversed: x⁰ is the top bit), as zlib's multmodp."""
    product, bit = 0, 1 << 31
    while True:
        if a & bit:
            product ^= b
            if not a & (bit - 1):
                return product
        bit >>= 1
        b = (b >> 1) ^ _POLY if b & 1 else b >> 1


def crc32_combine(first: int, second: int, second_length: int) -> int:
    """The CRC-32 of two byte strings one after the other, from each one's CRC-32 and the
    second's length (zlib's crc32_combine, which Python's zlib does not offer): ``first``
    times x^(8 × second_length), plus ``second``."""
    shift, power = 1 << 31, 1 << 30  # x⁰, then x^(2^k) for k = 0, 1, …
    length = 8 * second_length
    while length:
        if length & 1:
            shift = _times_mod(power, shift)
        power = _times_mod(power, power)
        length >>= 1
    return _times_mod(shift, first) ^ second
