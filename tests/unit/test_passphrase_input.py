"""A passphrase as clerks' keyboards and terminals give it: Vietnamese letters typed composed
or decomposed unlock alike, and bytes that are not UTF-8 are a wrong passphrase, not a crash."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import unicodedata
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.store import encryption
from desktop.userdata import data_dir

# "Mật khẩu xã Sìn Hồ" as Unikey types it in "Unicode dựng sẵn" and in "Unicode tổ hợp".
COMPOSED = unicodedata.normalize("NFC", "Mật khẩu xã Sìn Hồ")
DECOMPOSED = unicodedata.normalize("NFD", COMPOSED)


pytestmark = pytest.mark.usefixtures("fast_kdf")


def init_encrypted(
    path: Path, passphrase: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, passphrase)
    assert main(["init", "--db", str(path), "--commune", "03478", "--encrypt"]) == 0
    capsys.readouterr()
    encryption.forget_keys()  # as a new process would start


def check_with(
    path: Path, passphrase: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str]:
    encryption.forget_keys()
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, passphrase)
    code = main(["check", "--db", str(path)])
    return code, capsys.readouterr().err


@pytest.mark.parametrize(("chosen", "typed"), [(DECOMPOSED, COMPOSED), (COMPOSED, DECOMPOSED)])
def test_a_vietnamese_passphrase_typed_composed_or_decomposed_unlocks_alike(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    chosen: str,
    typed: str,
) -> None:
    path = tmp_path / "sin-ho.sqlite3"
    init_encrypted(path, chosen, monkeypatch, capsys)
    assert check_with(path, typed, monkeypatch, capsys)[0] == 0
    assert check_with(path, "Mật khẩu xã Sìn Hồ!", monkeypatch, capsys)[0] == 2


def test_a_passphrase_of_bytes_that_are_not_utf8_is_refused_as_wrong_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "sin-ho.sqlite3"
    init_encrypted(path, COMPOSED, monkeypatch, capsys)
    # A terminal in a Windows code page (or a script) gives bytes Python holds as surrogates.
    latin = os.fsdecode("Mật khẩu".encode("cp1258", "replace") + b"\xff\xfe")
    code, err = check_with(path, latin, monkeypatch, capsys)
    assert code == 2
    assert "Mật khẩu hoặc mã khôi phục không đúng" in err

    other = tmp_path / "khac.sqlite3"
    init_encrypted(other, latin, monkeypatch, capsys)  # chosen from such a terminal: it opens
    assert check_with(other, latin, monkeypatch, capsys)[0] == 0


def test_a_slot_an_earlier_version_made_of_a_decomposed_passphrase_still_unlocks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "sin-ho.sqlite3"
    init_encrypted(path, COMPOSED, monkeypatch, capsys)
    assert check_with(path, COMPOSED, monkeypatch, capsys)[0] == 0
    key = encryption.key_for(path)
    assert key is not None
    # Earlier versions stretched the passphrase as it was typed.
    salt = os.urandom(16)
    stretched = hashlib.pbkdf2_hmac("sha256", DECOMPOSED.encode("utf-8"), salt, 1000, 32)
    slot = {
        "salt": salt.hex(),
        "wrapped": bytes(a ^ b for a, b in zip(key, stretched, strict=True)).hex(),
        "check": hmac.new(key, b"camket key check", "sha256").hexdigest()[:32],
    }
    (data_dir() / encryption.KEYS_FILE).write_text(json.dumps({"slots": [slot]}), "utf-8")
    assert check_with(path, DECOMPOSED, monkeypatch, capsys)[0] == 0


@pytest.mark.parametrize(
    "chosen",
    [
        " " * 8,  # eight presses of the space bar
        "ab" + " " * 6,
        unicodedata.normalize("NFD", "ậậậậ"),  # four letters, twelve code points typed
    ],
)
def test_a_passphrase_is_as_long_as_the_letters_it_has(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], chosen: str
) -> None:
    # Spaces around it and the marks Unikey's "Unicode tổ hợp" types apart counted: eight
    # spaces made an encrypted register ("at least 8 characters").
    path = tmp_path / "sin-ho.sqlite3"
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, chosen)
    assert main(["init", "--db", str(path), "--commune", "03478", "--encrypt"]) == 2
    assert "Mật khẩu cần ít nhất 8 ký tự" in capsys.readouterr().err
    assert not path.exists()
