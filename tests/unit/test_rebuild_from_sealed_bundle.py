"""A dead PC rebuilt from its last bundle when that bundle was encrypted to a receiver
(`export --to`): `init --from` says which key it needs, opens it with the receiver's age
secret key file (`--identity`, as `age-keygen` writes it), and makes nothing otherwise."""

from __future__ import annotations

from pathlib import Path

import pyrage
import pytest

from desktop.cli import main
from desktop.services.bundles import register_keys
from desktop.services.demo import populate_demo
from desktop.services.register import create_register
from tests.unit.exchange_helpers import SIN_HO, as_pc, content, opened


def age_keygen(path: Path) -> str:
    """An identity file as `age-keygen -o FILE` writes it; its recipient."""
    identity = pyrage.x25519.Identity.generate()
    recipient = str(identity.to_public())
    path.write_text(
        f"# created: 2026-12-05T08:00:00+07:00\n# public key: {recipient}\n{identity}\n",
        encoding="utf-8",
    )
    return recipient


@pytest.fixture
def sealed(tmp_path: Path) -> tuple[Path, Path, Path]:
    """The office's register, its last bundle encrypted to the commune's safe key, and the
    identity file of that key (kept in the safe)."""
    folder, office = tmp_path / "office-data", tmp_path / "office.sqlite3"
    with as_pc(folder):
        create_register(office, SIN_HO, ["Bản Nậm Tăm", "Thôn 2"])
    with opened(office, folder) as reg:
        populate_demo(reg, 8, seed=4)
    safe_key = tmp_path / "khoa-ket-sat.txt"
    age_keygen(safe_key)
    bundle = tmp_path / "sin-ho.camket"
    with as_pc(folder):
        assert (
            main(["export", "--db", str(office), "--out", str(bundle), "--to", str(safe_key)]) == 0
        )
    assert bundle.read_bytes().startswith(b"age-encryption.org/v1")
    return office, bundle, safe_key


def test_a_sealed_bundle_rebuilds_the_register_with_the_receivers_key(
    tmp_path: Path, sealed: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    office, bundle, safe_key = sealed
    new_pc, rebuilt = tmp_path / "new-pc-data", tmp_path / "rebuilt.sqlite3"
    with as_pc(new_pc):
        code = main(
            ["init", "--db", str(rebuilt), "--from", str(bundle), "--identity", str(safe_key)]
        )
    assert code == 0, capsys.readouterr().err
    assert content(rebuilt, new_pc) == content(office, tmp_path / "office-data")
    with opened(rebuilt, new_pc) as reg:
        # The key opened the bundle; the register keeps an age key of its own.
        assert register_keys(reg).age_recipient not in safe_key.read_text(encoding="utf-8")


def test_without_the_key_init_says_which_key_it_needs_and_makes_nothing(
    tmp_path: Path, sealed: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _office, bundle, _key = sealed
    rebuilt = tmp_path / "rebuilt.sqlite3"
    with as_pc(tmp_path / "new-pc-data"):
        assert main(["init", "--db", str(rebuilt), "--from", str(bundle)]) == 2
    said = capsys.readouterr().err
    assert "đã được mã hoá cho một nơi nhận" in said
    assert "--identity" in said and "AGE-SECRET-KEY-1" in said
    assert not rebuilt.exists()


def test_a_wrong_or_unusable_key_file_is_refused_and_makes_nothing(
    tmp_path: Path, sealed: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    office, bundle, _key = sealed
    rebuilt = tmp_path / "rebuilt.sqlite3"
    other_key = tmp_path / "khoa-khac.txt"
    age_keygen(other_key)
    public_only = tmp_path / "khoa-cong-khai.txt"
    public_only.write_text(f"age recipient: {age_keygen(tmp_path / 'x.txt')}\n", encoding="utf-8")
    mistyped = tmp_path / "khoa-chep-tay.txt"
    age_keygen(mistyped)
    text = mistyped.read_text(encoding="utf-8")
    last = text.rstrip()[-1]
    mistyped.write_text(text.rstrip()[:-1] + ("Q" if last != "Q" else "P") + "\n", "utf-8")
    cases = [
        (other_key, "không được mã hoá cho khóa bí mật đã chỉ ra"),
        (public_only, "không chứa khóa bí mật age"),
        (mistyped, "có thể đã chép sai một chữ"),
        (tmp_path / "khong-co.txt", "Không tìm thấy tệp khóa bí mật"),
        (office, "sổ đăng ký"),  # a register is never read as a key file
    ]
    for key_file, reason in cases:
        with as_pc(tmp_path / "new-pc-data"):
            init = ["init", "--db", str(rebuilt), "--from", str(bundle)]
            assert main([*init, "--identity", str(key_file)]) == 2
        said = capsys.readouterr().err
        assert reason in said and "Errno" not in said
        assert key_file.name in said or key_file in (other_key, office)
        assert not rebuilt.exists()
    with as_pc(tmp_path / "new-pc-data"):
        assert main(["init", "--db", str(rebuilt), "--commune", SIN_HO, "--identity", "k"]) == 2
    assert "chỉ dùng cùng --from" in capsys.readouterr().err
    assert not rebuilt.exists()


def test_a_safe_key_file_saved_again_by_notepad_still_opens_the_bundle(
    tmp_path: Path, sealed: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """The safe key's line kept alone in Notepad and saved as "UTF-8" (a byte order mark
    before AGE-SECRET-KEY-1…, a Windows line end) is the same key."""
    office, bundle, safe_key = sealed
    (line,) = [t for t in safe_key.read_text("utf-8").splitlines() if t.startswith("AGE-")]
    resaved = tmp_path / "khoa-ket-sat-notepad.txt"
    resaved.write_bytes(f"{line}\r\n".encode("utf-8-sig"))
    new_pc, rebuilt = tmp_path / "new-pc-data", tmp_path / "rebuilt.sqlite3"
    with as_pc(new_pc):
        code = main(
            ["init", "--db", str(rebuilt), "--from", str(bundle), "--identity", str(resaved)]
        )
    assert code == 0, capsys.readouterr().err
    assert content(rebuilt, new_pc) == content(office, tmp_path / "office-data")
