"""The English window's wording of known errors (desktop/messages_en.py): whole for what it
covers, the same placeholders as the Vietnamese, and never in the `camket` command."""

from __future__ import annotations

import string
from collections.abc import Iterator

import pytest

from desktop import messages
from desktop import messages_en as english
from desktop.domain.errors import KnownError
from desktop.domain.validation import Issue, Severity


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


@pytest.fixture
def in_english() -> Iterator[None]:
    messages.use_language("en")
    yield
    messages.use_language("vi")


TABLES = (
    (messages.MESSAGES, english.MESSAGES),
    (messages.ISSUE_MESSAGES, english.ISSUE_MESSAGES),
    (messages.FIELD_LABELS, english.FIELD_LABELS),
    (messages.BACKUP_REASONS, english.BACKUP_REASONS),
    (messages.THEN, english.THEN),
    (messages.DONE, english.DONE),
    (messages.SCREENS, english.SCREENS),
)


@pytest.mark.parametrize(("vietnamese", "words"), TABLES)
def test_each_english_text_words_a_vietnamese_one_with_its_placeholders(
    vietnamese: dict[str, str], words: dict[str, str]
) -> None:
    assert sorted(set(words) - set(vietnamese)) == []  # no id the code does not have
    for key, text in words.items():
        assert placeholders(text) == placeholders(vietnamese[key]), key


def test_every_message_has_its_english() -> None:
    """A message added without its English fails here, so the English window never shows
    one Vietnamese message among English ones."""
    for vietnamese, words in TABLES:
        # A new id here needs its English in desktop/messages_en.py (same name of table).
        assert sorted(set(vietnamese) - set(words)) == []


def test_the_command_speaks_vietnamese_and_the_english_window_english(
    in_english: None,
) -> None:
    error = KnownError("db.missing", path="/tmp/x.sqlite3")
    issue = Issue("birth", "birth.invalid_date", Severity.ERROR)
    assert messages.describe(error) == "Register file not found: /tmp/x.sqlite3"
    assert messages.describe_issue(issue) == "Date of birth: no such day"
    assert messages.backup_reason("open") == "automatic, when the register opened"
    assert messages.file_size_text(12_400_000) == "12.4 MB"
    assert messages.describe(KnownError("campaign.title_missing")) == "Write the campaign's title."
    assert messages.hidden_rows_warning("ds.xlsx", "Thôn 2", [5, 6]).startswith(
        "Warning: the sheet “Thôn 2” of the file ds.xlsx has 2 rows hidden"
    )
    messages.use_language("vi")
    assert messages.describe(error) == "Không tìm thấy tệp sổ đăng ký: /tmp/x.sqlite3"
    assert messages.file_size_text(12_400_000) == "12,4 MB"
    assert messages.describe_issue(issue) == "Ngày sinh: ngày không có thật"


def test_a_text_too_long_names_its_field_in_english(in_english: None) -> None:
    """Every bounded text's field (desktop/store/column_rules.py TEXT_BOUNDS) has an English
    name: a bundle's or a form's text too long never names it in Vietnamese."""
    from desktop.store.column_rules import TEXT_BOUNDS

    for bound in TEXT_BOUNDS.values():
        said = messages.describe(
            KnownError("text.too_long", field=bound.label, length=9, maximum=8)
        )
        assert f"“{bound.label}”" not in said, bound.label


def test_every_kind_of_row_an_export_refuses_is_named_in_english() -> None:
    from desktop.services.unsendable import _NAMED

    assert sorted(kind for kind, _label, _joins in _NAMED.values()) == sorted(english.ROW_KINDS)


def test_what_an_export_repaired_itself_is_said_in_english(in_english: None) -> None:
    from desktop.services.export_repairs import Repair

    cut = Repair("hộ", "NT-001 (đã xoá)", "Ghi chú", length=6000, maximum=5000)
    cleared = Repair("nhân khẩu", "Lò Văn Páo", "", old="1975-13-45", how="clear", column="birth")
    assert messages.repair_lines([cut, cleared]) == [
        "CamKet repaired 2 values no screen can correct (written by an old version or changed"
        " outside CamKet) so that the receiving PC does not refuse the file; each repair is"
        " noted in the log:",
        "  household NT-001 (đã xoá): Notes: 6000 characters long, cut to 5000",
        "  person Lò Văn Páo: Date of birth: “1975-13-45”, which the register cannot read, emptied",
    ]
