"""Trust on first use: who signed bundles about to be merged, when this register never met them.

A register records an installation's signing key with the first bundle it merges from it;
later bundles must carry the same key. The window asks a person before that first bundle:
it shows who the bundle says it comes from and a short fingerprint of its key, to compare
with what `camket keys` prints on the sending PC.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desktop.domain.errors import KnownError
from desktop.exchange.bundle_file import open_bundle
from desktop.exchange.identity import key_fingerprint
from desktop.services.merge import check_scope, decryptor
from desktop.services.register import OpenRegister
from desktop.store import replicas
from desktop.store.admin_units import find_commune, find_province


@dataclass
class Newcomer:
    """An installation this register never met, and the files it signed."""

    installation_id: str
    public_key: str
    register: str  # "commune" or "upper"
    name: str  # an upper register's name, or ""
    communes: list[str]  # the communes its bundle holds, in words ("Xã Sìn Hồ, Lai Châu")
    province: str  # an upper register's province in words, or ""
    files: list[Path] = field(default_factory=list)

    @property
    def fingerprint(self) -> str:
        return key_fingerprint(self.public_key)

    @property
    def pair(self) -> tuple[str, str]:
        """What merge_bundles takes as ``confirmed``."""
        return self.installation_id, self.public_key


def newcomers(reg: OpenRegister, paths: list[Path]) -> list[Newcomer]:
    """The installations that signed any of ``paths`` and that this register never met, in
    the order of the files. A file the merge would refuse anyway (damaged, another
    commune's, a known installation under another key…) is left to the merge to explain."""
    found: dict[tuple[str, str], Newcomer] = {}
    for path in paths:
        try:
            bundle = open_bundle(path, decrypt=decryptor(reg.db), whole=False)
        except KnownError:
            continue
        try:
            manifest = bundle.manifest
            check_scope(reg.db, bundle)
            replicas.check_installation(
                reg.db, manifest.installation_id, manifest.public_key, bundle.source
            )
        except KnownError:
            continue
        finally:
            bundle.close()
        sender = manifest.installation_id
        if sender == reg.installation_id or replicas.has_met(reg.db, sender):
            continue
        pair = (sender, manifest.public_key)
        if pair not in found:
            province = find_province(manifest.province) if manifest.province else None
            found[pair] = Newcomer(
                sender,
                manifest.public_key,
                manifest.register,
                _one_line(manifest.name),
                [_commune_words(code) for code in manifest.communes[:_SHOWN_COMMUNES]],
                province.name if province else "",
            )
            if len(manifest.communes) > _SHOWN_COMMUNES:
                found[pair].communes.append("…")
        found[pair].files.append(path)
    return list(found.values())


# What the sender wrote itself is shown as one short line of plain text: a name cannot
# draw a fingerprint of its own under the real one.
_SHOWN_COMMUNES = 12
_NAME_LIMIT = 80


def _one_line(text: str) -> str:
    words = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return words if len(words) <= _NAME_LIMIT else words[: _NAME_LIMIT - 1] + "…"


def _commune_words(code: str) -> str:
    unit = find_commune(code)
    if unit is None:
        return _one_line(code)
    province = find_province(unit.province_code)
    return f"{unit.name}, {province.name}" if province else unit.name
