"""Row ids: time-ordered ones for rows born here, random ones for what is told apart by its
start, stable ones for rows every installation makes alike."""

from __future__ import annotations

import functools
import os
import threading
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import uuid


def new_id() -> str:
    """A fresh row id: UUID version 7 text (RFC 9562), unique across every installation
    that may merge (62 random bits) and time-ordered: the Unix time in milliseconds, then a
    counter that keeps ids made in the same millisecond by this process ascending. A row
    made later sorts after the rows made before it, so the id indexes of a register and of
    a register its bundles are merged into grow at their end instead of at random pages.
    Registers made before keep their random version 4 ids; both are plain UUID text.
    Python's uuid module makes version 7 only from 3.14: written here, without a UUID
    object (a third of the time, which shows in an import's new people)."""
    now = time.time_ns() // 1_000_000
    with _clock_lock:
        last, counter = _clock
        if now > last:
            last, counter = now, 0
        elif counter < 0xFFF:
            counter += 1
        else:  # 4,096 ids in one millisecond: the next ones borrow the next millisecond
            last, counter = last + 1, 0
        _clock[:] = last, counter
    stamp, h = f"{last:012x}", os.urandom(8).hex()  # 62 of these 64 random bits kept
    return f"{stamp[:8]}-{stamp[8:]}-7{counter:03x}-{_VARIANT[int(h[0], 16) & 3]}{h[1:4]}-{h[4:]}"


def new_ids(count: int) -> list[str]:
    """``count`` fresh row ids, each as new_id makes it, in ascending order: a bulk load's
    (an import's 41,252 people) with one reading of the clock and of the random source
    instead of one each (two thirds of their time)."""
    now = time.time_ns() // 1_000_000
    random_hex = os.urandom(8 * count).hex()
    ids: list[str] = []
    with _clock_lock:
        last, counter = _clock
        if now > last:
            last, counter = now, -1
        while len(ids) < count:
            if counter >= 0xFFF:  # as new_id: past 4,096 in one millisecond, borrow the next
                last, counter = last + 1, -1
            stamp = f"{last:012x}"
            head = f"{stamp[:8]}-{stamp[8:]}-7"
            taken = min(count - len(ids), 0xFFF - counter)
            at = 16 * len(ids)
            ids += [
                f"{head}{_COUNTER_HEX[counter + n]}-{_VARIANT_OF[random_hex[i]]}"
                f"{random_hex[i + 1 : i + 4]}-{random_hex[i + 4 : i + 16]}"
                for n, i in enumerate(range(at, at + 16 * taken, 16), start=1)
            ]
            counter += taken
        _clock[:] = last, counter
    return ids


_HEX = "0123456789abcdef"
_VARIANT = "89ab"  # RFC 9562: the variant's two high bits are 10
_VARIANT_OF = {digit: _VARIANT[int(digit, 16) & 3] for digit in _HEX}
# A counter's three hex digits by its value, in order: joined from the digits (the same
# strings as f"{counter:03x}", made in a third of the instructions: 4 M of a window's start).
_COUNTER_HEX = [high + middle + low for high in _HEX for middle in _HEX for low in _HEX]
_clock_lock = threading.Lock()
_clock = [0, 0]  # the millisecond and the counter of this process's last id


def random_id() -> str:
    """UUID version 4 text, random throughout: for what is told apart by the start of its
    id (an installation, a register file: `máy 3c47a1e0`), which a row id's time would
    make alike for all made in the same minute."""
    h = os.urandom(16).hex()
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{_VARIANT[int(h[16], 16) & 3]}{h[17:20]}-{h[20:]}"


def short_id(row_id: str) -> str:
    """A row's id shortened for a message: its last 8 characters (random in every kind of
    id; a time-ordered id begins alike for the rows made in the same minute)."""
    return f"…{row_id[-8:]}"


# Rows that every installation must make alike (a commune, a bundled template, a pledge of
# a household in a campaign) get ids derived from what they are: made on two PCs, they are
# the same row when the PCs' bundles meet, not two rows that clash.
_STABLE_NAMESPACE = "87d62f00-2c4b-5e79-8613-8df72afd6b77"


@functools.cache
def _stable_namespace() -> uuid.UUID:
    import uuid  # not for a window's start, which makes no row (uuid: ~1 % of a bare window's)

    return uuid.UUID(_STABLE_NAMESPACE)


def stable_id(*parts: str) -> str:
    """The same UUID (version 5) for the same parts, on every installation."""
    import uuid

    return str(uuid.uuid5(_stable_namespace(), "\x1f".join(parts)))


def commune_id(code: str) -> str:
    return stable_id("commune", code)
