"""Registers known to be damaged: a marker beside the file, so that no command writes to it.

`camket check` (or a write that meets a damaged page) leaves the marker; a check that finds
the file sound removes it. The marker names the file it was made for (device and inode): a
register restored from a backup is another file, and the old marker no longer applies.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

log = logging.getLogger(__name__)

MARKER_SUFFIX = ".damaged"


def marker_path(register: Path) -> Path:
    return register.with_name(register.name + MARKER_SUFFIX)


def mark_damaged(register: Path | str, detail: str) -> None:
    """Remember that ``register`` is damaged (a read-only folder keeps no marker: nothing
    can write there anyway)."""
    register = Path(register)
    try:
        identity = _identity(register)
        found = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        text = json.dumps({"file": identity, "found": found, "detail": detail[:500]})
        marker_path(register).write_text(text, encoding="utf-8")
    except OSError as exc:
        log.warning("the damage of %s could not be marked: %s", register.name, exc)
        return
    log.warning("%s is damaged: %s", register.name, detail[:200])


def damage_of(register: Path | str) -> str | None:
    """What was found wrong with ``register``, or None when it is not known to be damaged."""
    register = Path(register)
    marker = marker_path(register)
    try:
        fields = json.loads(marker.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return "?"
    try:
        if fields.get("file") != _identity(register):
            return None  # the register was replaced (restored) since
    except OSError:
        return None
    return str(fields.get("detail") or "?")


def clear_damaged(register: Path | str) -> None:
    try:
        marker_path(Path(register)).unlink(missing_ok=True)
    except OSError as exc:
        log.warning("damage marker of %s not removed: %s", Path(register).name, exc)


def _identity(register: Path) -> list[int]:
    stat = register.stat()
    return [stat.st_dev, stat.st_ino]
