"""The log file never holds a personal ID or phone number, in messages or in tracebacks."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.userdata import DATA_DIR_ENV, redact, setup_logging

ID = "012 080 001 234"
CMND = "012345678"
PHONES = ["0912 345 678", "0912.345.678", "+84 912 345 678", "+84912345678", "02143812345"]


@pytest.fixture
def log_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))
    path = setup_logging()
    yield path
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "baseFilename", None) == str(path.resolve()):
            root.removeHandler(handler)
            handler.close()


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
