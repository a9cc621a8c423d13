"""Per-user preferences: the interface language is Vietnamese unless the user chose English."""

from __future__ import annotations

import json

import pytest

from desktop.userdata import (
    data_dir,
    preferred_language,
    read_preferences,
    set_preferred_language,
    write_preferences,
)


def test_vietnamese_is_the_default_and_english_is_remembered() -> None:
    assert preferred_language() == "vi"
    set_preferred_language("en")
    assert preferred_language() == "en"
    saved = json.loads((data_dir() / "settings.json").read_text(encoding="utf-8"))
    assert saved == {"language": "en"}


def test_other_preferences_are_kept_when_one_changes() -> None:
    write_preferences(last_folder="D:/Danh sách")
    set_preferred_language("en")
    assert read_preferences() == {"last_folder": "D:/Danh sách", "language": "en"}


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"language": "fr"}', ""])
def test_an_unreadable_or_strange_file_falls_back_to_vietnamese(content: str) -> None:
    data_dir().mkdir(parents=True, exist_ok=True)
    (data_dir() / "settings.json").write_text(content, encoding="utf-8")
    assert preferred_language() == "vi"


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError):
        set_preferred_language("fr")
    assert preferred_language() == "vi"
