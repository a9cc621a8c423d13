"""`camket passphrase`: a new passphrase opens the encrypted register on this computer and
the old one no longer does; on a new computer the recovery key sets one; the key, the
backups and the recovery key stay as they were; a wrong or refused passphrase changes
nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.cli.encryption_commands import NEW_PASSPHRASE_ENV
from desktop.store import encryption
from desktop.store.backups import list_backups
from tests.unit.test_encryption import PASSPHRASE, init_encrypted

NEW = "đồn-biên-phòng-2027"


pytestmark = pytest.mark.usefixtures("fast_kdf")


def opens_with(path: Path, secret: str, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Whether a new process given ``secret`` opens the register (`camket check`)."""
    encryption.forget_keys()
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, secret)
    try:
        return main(["check", "--db", str(path)]) == 0
    finally:
        monkeypatch.delenv(encryption.PASSPHRASE_ENV)
        encryption.forget_keys()


def change(path: Path, current: str, new: str, monkeypatch: pytest.MonkeyPatch) -> int:
    encryption.forget_keys()
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, current)
    monkeypatch.setenv(NEW_PASSPHRASE_ENV, new)
    try:
        return main(["passphrase", "--db", str(path)])
    finally:
        monkeypatch.delenv(encryption.PASSPHRASE_ENV)
        monkeypatch.delenv(NEW_PASSPHRASE_ENV)


def test_the_new_passphrase_opens_the_register_and_its_backups_and_the_old_one_no_longer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "sin-ho.sqlite3"
    recovery = init_encrypted(path, monkeypatch, capsys)
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, PASSPHRASE)
    assert main(["backup", "--db", str(path)]) == 0
    monkeypatch.delenv(encryption.PASSPHRASE_ENV)
    before = path.read_bytes()

    assert change(path, PASSPHRASE, NEW, monkeypatch) == 0
    assert "Đã đổi mật khẩu" in capsys.readouterr().out

    assert path.read_bytes() == before  # the key is kept: nothing of the file rewritten
    assert opens_with(path, NEW, monkeypatch)
    assert not opens_with(path, PASSPHRASE, monkeypatch)
    assert "Mật khẩu hoặc mã khôi phục không đúng" in capsys.readouterr().err
    assert opens_with(path, recovery, monkeypatch)
    (backup,) = list_backups(path)
    assert opens_with(backup.path, NEW, monkeypatch)


def test_on_a_new_computer_the_recovery_key_sets_a_passphrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "sin-ho.sqlite3"
    recovery = init_encrypted(path, monkeypatch, capsys)
    monkeypatch.setenv("CAMKET_DATA_DIR", str(tmp_path / "new-pc"))  # no key slots there
    assert not opens_with(path, PASSPHRASE, monkeypatch)

    assert change(path, recovery, NEW, monkeypatch) == 0

    assert opens_with(path, NEW, monkeypatch)
    assert opens_with(path, recovery, monkeypatch)


@pytest.mark.parametrize(
    ("current", "new", "said"),
    [
        ("mat-khau-sai", NEW, "Mật khẩu hoặc mã khôi phục không đúng"),
        (PASSPHRASE, "ngắn", "Mật khẩu cần ít nhất 8 ký tự"),
    ],
)
def test_a_wrong_current_passphrase_or_a_refused_new_one_changes_nothing(
    current: str,
    new: str,
    said: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "sin-ho.sqlite3"
    init_encrypted(path, monkeypatch, capsys)

    assert change(path, current, new, monkeypatch) == 2
    assert said in capsys.readouterr().err

    assert opens_with(path, PASSPHRASE, monkeypatch)
    assert not opens_with(path, new, monkeypatch)


def test_without_a_terminal_or_the_variable_the_new_passphrase_is_asked_for_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "sin-ho.sqlite3"
    init_encrypted(path, monkeypatch, capsys)
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, PASSPHRASE)
    assert main(["passphrase", "--db", str(path)]) == 2
    assert NEW_PASSPHRASE_ENV in capsys.readouterr().err


def test_a_plain_register_has_no_passphrase_to_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "sin-ho.sqlite3"
    assert main(["init", "--db", str(path), "--commune", "03478"]) == 0
    capsys.readouterr()
    assert main(["passphrase", "--db", str(path)]) == 2
    assert "chưa được mã hóa" in capsys.readouterr().err
