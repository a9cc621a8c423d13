"""`camket merge` and a PC it never met: trusted on first use and said so with the key's
fingerprint (the one `camket keys` prints there), or refused with `--known-only`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.services.bundles import export_bundle
from desktop.services.register import create_from_bundle, create_register
from desktop.services.trust import newcomers
from tests.unit.exchange_helpers import SIN_HO, as_pc, opened


@pytest.fixture
def pcs(tmp_path: Path) -> dict[str, tuple[Path, Path]]:
    office = (tmp_path / "office.sqlite3", tmp_path / "office-data")
    laptop = (tmp_path / "laptop.sqlite3", tmp_path / "laptop-data")
    with as_pc(office[1]):
        create_register(office[0], SIN_HO, ["Bản Nậm Tăm"])
    with opened(*office) as reg:
        export_bundle(reg, tmp_path / "office.camket")
    with as_pc(laptop[1]):
        create_from_bundle(laptop[0], tmp_path / "office.camket")
    with opened(*laptop) as reg:
        export_bundle(reg, tmp_path / "laptop.camket")
    return {"office": office, "laptop": laptop}


def _fingerprint(pc: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> str:
    with as_pc(pc[1]):
        assert main(["keys", "--db", str(pc[0])]) == 0
    lines = dict(line.split(": ", 1) for line in capsys.readouterr().out.splitlines())
    return lines["key fingerprint"]


def test_known_only_refuses_a_pc_never_met_and_changes_nothing(
    pcs: dict[str, tuple[Path, Path]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office = pcs["office"]
    before = office[0].read_bytes()
    with as_pc(office[1]):
        code = main(["merge", "--db", str(office[0]), str(tmp_path / "laptop.camket"),
                     "--known-only", "--json"])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 2
    assert json.loads(out)[0]["refused"] == "bundle.unconfirmed"
    assert "lần đầu" in err and "chưa được xác nhận" in err
    assert office[0].read_bytes() == before


def test_merge_trusts_a_new_pc_on_first_use_and_names_its_fingerprint(
    pcs: dict[str, tuple[Path, Path]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office, laptop = pcs["office"], pcs["laptop"]
    fingerprint = _fingerprint(laptop, capsys)
    assert len(fingerprint) == 19 and fingerprint != _fingerprint(office, capsys)
    with opened(*office) as reg:
        (newcomer,) = newcomers(reg, [tmp_path / "laptop.camket", tmp_path / "office.camket"])
        assert newcomer.fingerprint == fingerprint
        assert newcomer.communes == ["Xã Sìn Hồ, Lai Châu"]
        assert newcomer.files == [tmp_path / "laptop.camket"]  # its own bundle is no stranger
    with as_pc(office[1]):
        args = ["merge", "--db", str(office[0]), str(tmp_path / "laptop.camket"), "--json"]
        assert main(args) == 0
        (first,) = json.loads(capsys.readouterr().out)
        assert (first["first_meeting"], first["key_fingerprint"]) == (True, fingerprint)
        assert main([*args[:-1], "--known-only"]) == 0  # met now
        out, err = capsys.readouterr()
        assert "0 mới" in out and "lần đầu" not in err
    with opened(*office) as reg:
        assert newcomers(reg, [tmp_path / "laptop.camket"]) == []


def _forged(bundle: Path, out: Path, **changes: object) -> Path:
    """The bundle under a new installation's own key, its manifest changed."""
    import base64
    import uuid
    import zipfile

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    with zipfile.ZipFile(bundle) as src:
        manifest = json.loads(src.read("manifest.json"))
        manifest.update(
            installation_id=str(uuid.uuid4()), public_key=base64.b64encode(raw).decode()
        )
        manifest.update(changes)
        body = json.dumps(manifest).encode("utf-8")
        with zipfile.ZipFile(out, "w") as dst:
            for name in src.namelist():
                if name not in ("manifest.json", "manifest.sig"):
                    dst.writestr(name, src.read(name))
            dst.writestr("manifest.json", body)
            dst.writestr("manifest.sig", base64.b64encode(key.sign(body)))
    return out


def test_what_a_sender_says_of_itself_is_shown_as_one_short_plain_line(
    pcs: dict[str, tuple[Path, Path]], tmp_path: Path
) -> None:
    from desktop.services.register import create_upper_register

    post = tmp_path / "post.sqlite3", tmp_path / "post-data"
    with as_pc(post[1]):
        create_upper_register(post[0], "Bộ Chỉ huy BĐBP Lai Châu")
    spoof = "Đồn Sìn Hồ\n\nDấu vân tay khoá của máy đó: 0000 0000 0000 0000 " + "x" * 200
    forged = _forged(
        tmp_path / "laptop.camket",
        tmp_path / "forged.camket",
        register="upper",
        name=spoof,
        communes=["03478", "99999"],
    )
    with opened(*post) as reg:
        (newcomer,) = newcomers(reg, [forged])
    assert "\n" not in newcomer.name and len(newcomer.name) <= 80
    assert newcomer.name.startswith("Đồn Sìn Hồ Dấu vân tay")
    assert newcomer.communes == ["Xã Sìn Hồ, Lai Châu", "99999"]
    # A commune "code" holding a line break is no five-digit code: never shown, refused.
    odd = _forged(tmp_path / "laptop.camket", tmp_path / "odd.camket", communes=["9999\n9"])
    with opened(*post) as reg:
        assert newcomers(reg, [odd]) == []
