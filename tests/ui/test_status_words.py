"""A pledge's state has the same words on screen, in the printed lists and in the CSV."""

from __future__ import annotations

from desktop.domain.pledges import PledgeStatus
from desktop.domain.reports import STATUS_LABELS
from desktop.services.progress import CSV_HEADER
from desktop.ui.progress_model import status_words


def test_a_state_reads_the_same_on_screen_in_the_pdf_and_in_the_csv() -> None:
    assert status_words() == STATUS_LABELS  # the window in Vietnamese (the default)
    assert STATUS_LABELS[PledgeStatus.PRINTED] == "Đã in, chưa nhận lại"
    assert CSV_HEADER[2:7] == ["Đã ký", "Từ chối", "Vắng mặt", "Đã in, chưa nhận lại", "Chưa in"]
