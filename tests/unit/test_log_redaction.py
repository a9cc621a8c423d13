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
