"""The log file never holds a personal ID or phone number, in messages or in tracebacks."""

from __future__ import annotations

import logging
from pathlib import Path

from desktop.userdata import redact

ID = "012 080 001 234"
CMND = "012345678"
PHONES = ["0912 345 678", "0912.345.678", "+84 912 345 678", "+84912345678", "02143812345"]


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def test_messages_and_tracebacks_are_masked(log_file: Path) -> None:
    log = logging.getLogger("desktop.test")
    log.warning("người %s, điện thoại %s", ID, PHONES[0])
    try:
        raise ValueError(f"không lưu được {CMND} / {' / '.join(PHONES)}")
    except ValueError:
        log.exception("lỗi khi lưu hộ có số %s", ID)
    text = log_file.read_text(encoding="utf-8")
    for secret in [ID, CMND, *PHONES]:
        assert _digits(secret) not in _digits(text), secret
    assert "Traceback (most recent call last)" in text
    assert "ValueError: không lưu được [số định danh] / [số điện thoại]" in text
    assert text.count("[số điện thoại]") == len(PHONES) + 1


def test_dates_and_counts_stay_readable() -> None:
    line = "nhập 41252 dòng lúc 2026-12-05 03:11:38 từ ds-2026.xlsx (10000 hộ)"
    assert redact(line) == line


def test_the_times_in_backup_names_stay_readable_and_an_id_beside_them_is_masked() -> None:
    for line in (
        "backup (open) of sinho.sqlite3: 20261205T153012123456Z-open.sqlite3",
        "backup (merge) of sinho.sqlite3: 20261205T084512345678Z-merge.sqlite3",
        "backup of sinho.sqlite3 to /media/usb/sinho-20261205-153012.sqlite3",
        "restore: sinho.sqlite3 set aside as sinho.replaced-20261205-153012-2.sqlite3",
    ):
        assert redact(line) == line
    line = "lưu hộ có số 012080001234 (0912 345 678) trước bản 20261205T153012123456Z-open"
    assert redact(line) == (
        "lưu hộ có số [số định danh] ([số điện thoại]) trước bản 20261205T153012123456Z-open"
    )
