"""The name an attachment keeps of the file it came from: a plain name, never a path. It is
shown beside the pledge and travels in bundles to PCs of every system, so nothing in it may
make it a path or a device there (a separator, a control character, "..", Windows' CON, NUL,
COM1, …)."""

from __future__ import annotations

import re
from collections.abc import Collection

from desktop.domain.text_bounds import FILE_NAME_MAX

# What no system takes in a name: separators and Windows' reserved marks, control characters.
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')
# Names Windows opens as a device, whatever their extension ("con.png", "LPT1.pdf").
_DEVICE = re.compile(r"(?i)(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?")


def plain_file_name(name: str) -> str:
    """``name`` made safe to keep and show: unsafe marks as "_", a device name or dots-only
    name prefixed with "_", no trailing dot or space (Windows drops them), at most
    FILE_NAME_MAX characters (its extension kept)."""
    cleaned = _UNSAFE.sub("_", name)
    if len(cleaned) > FILE_NAME_MAX:
        stem, dot, extension = cleaned.rpartition(".")
        keep = f"{dot}{extension}" if stem and len(extension) < 10 else ""
        cleaned = cleaned[: FILE_NAME_MAX - len(keep)] + keep
    cleaned = cleaned.rstrip(". ")
    if _DEVICE.fullmatch(cleaned) or (name and not cleaned):
        cleaned = "_" + cleaned
    return cleaned


def is_plain_file_name(name: str) -> bool:
    """``name`` is kept as it is by plain_file_name: no path, no device, not too long."""
    return plain_file_name(name) == name


def unique_file_name(name: str, taken: Collection[str]) -> str:
    """The plain name of ``name``, or when one of ``taken`` is already called so (letter case
    aside: Windows and macOS make no difference), "stem (2).ext", "stem (3).ext", … (the
    extension kept)."""
    plain = plain_file_name(name)
    used = {other.casefold() for other in taken}
    stem, dot, extension = plain.rpartition(".")
    if not stem or len(extension) >= 10:  # no extension ("scan", ".bashrc" is one stem)
        stem, dot, extension = plain, "", ""
    candidate, number = plain, 1
    while candidate.casefold() in used:
        number += 1
        mark = f" ({number}){dot}{extension}"
        candidate = plain_file_name(stem[: FILE_NAME_MAX - len(mark)] + mark)
    return candidate
