"""Exporting a bundle straight into its file: whole or not at all, a stop leaving nothing,
the same bytes a reader checks, the signatures and scans kept with pledges beside their rows."""

from __future__ import annotations

import hashlib
from pathlib import Path

from desktop.domain.pledges import AttachmentKind
from desktop.exchange.bundle_file import open_bundle
from desktop.services import checkin
from desktop.services.bundles import export_bundle
from desktop.services.pledges import pledge_for
from desktop.services.register import OpenRegister
from desktop.store import replicas
from tests.unit.test_checkin import png


def test_an_export_stopped_halfway_leaves_no_file(register: OpenRegister, tmp_path: Path) -> None:
    out = tmp_path / "stick" / "sinho.camket"
    out.parent.mkdir()
    asked = []

    def cancelled() -> bool:
        asked.append(True)
        return len(asked) > 3  # after three tables were written into the file

    summary = export_bundle(register, out, cancelled=cancelled)
    assert summary.cancelled
    assert list(out.parent.iterdir()) == []  # neither the bundle nor a part of it
    assert replicas.bundle_records(register.db) == []  # nothing sent


def test_an_exported_bundle_is_whole_and_recorded_by_its_hash(
    register: OpenRegister, tmp_path: Path
) -> None:
    out = tmp_path / "sinho.camket"
    summary = export_bundle(register, out)
    assert summary.rows["household"] == 4 and summary.rows["person"] == 7
    bundle = open_bundle(out)  # every entry's hash checked
    try:
        assert sum(1 for _ in bundle.rows("person")) == 1 + 7
    finally:
        bundle.close()
    (sent,) = replicas.bundle_records(register.db)
    assert sent.sha256 == hashlib.sha256(out.read_bytes()).hexdigest()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_a_register_holding_a_signature_and_a_scan_exports_them_with_their_rows(
    register: OpenRegister, tmp_path: Path
) -> None:
    household_id = register.db.execute("SELECT id FROM household WHERE code = 'NT-001'").fetchone()
    pledge = pledge_for(register, household_id[0])
    signature = checkin.save_attachment(register, pledge, AttachmentKind.SIGNATURE, png())
    scan = tmp_path / "ban-quet.pdf"
    scan.write_bytes(b"%PDF-1.4\n%%EOF\n")
    scanned = checkin.attach_file(register, pledge, AttachmentKind.SCAN, scan)
    out = tmp_path / "sinho.camket"
    assert export_bundle(register, out).rows["attachment"] == 2
    bundle = open_bundle(out)
    try:
        assert bundle.attachment(signature.sha256) == png()
        assert bundle.attachment(scanned.sha256) == scan.read_bytes()
        names = {row[6] for row in list(bundle.rows("attachment"))[1:]}
    finally:
        bundle.close()
    assert names == {"", "ban-quet.pdf"}
