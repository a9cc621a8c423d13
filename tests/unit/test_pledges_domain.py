"""The QR payload a USB scanner types back: digits only, round trip, refusals."""

from __future__ import annotations

import uuid

import pytest

from desktop.domain.errors import KnownError
from desktop.domain.pledges import QR_LENGTH, QrPayload, looks_like_qr, parse_qr


def test_payload_round_trips_and_is_digits_only() -> None:
    payload = QrPayload("03478", str(uuid.uuid4()), str(uuid.uuid4()))
    text = payload.text()
    # Telex and VNI input methods rewrite letters (dd → đ) and digits after vowels: a
    # digits-only payload is typed back unchanged whatever the keyboard is set to.
    assert text.isdigit()
    assert len(text) == QR_LENGTH
    assert parse_qr(f"  {text}\r\n") == payload
    assert looks_like_qr(text)


@pytest.mark.parametrize("scanned", ["NT-001", "", "8401", "8401" + "9" * 83, "abc" * 29])
def test_anything_else_is_refused(scanned: str) -> None:
    with pytest.raises(KnownError) as err:
        parse_qr(scanned)
    assert err.value.code == "qr.malformed"


def test_household_codes_are_not_taken_for_payloads() -> None:
    assert not looks_like_qr("NT-0042")
    assert not looks_like_qr("8401")
