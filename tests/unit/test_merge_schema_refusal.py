"""A bundle's rows that break the register's rules are refused with the rule they broke."""

from __future__ import annotations

import sqlite3

import pytest

from desktop.messages import describe
from desktop.services.merge_rows import schema_refusal


def _broken(sql: str) -> sqlite3.IntegrityError:
    db = sqlite3.connect(":memory:")
    db.execute("pragma foreign_keys = on")
    db.execute("create table campaign (id text primary key)")
    db.execute(
        "create table pledge (id text primary key, campaign_id text not null"
        " references campaign(id), household_id text, unique (campaign_id, household_id))"
    )
    db.execute("insert into campaign values ('c')")
    db.execute("insert into pledge values ('p1', 'c', 'h')")
    with pytest.raises(sqlite3.IntegrityError) as caught:
        db.execute(sql)
    return caught.value


def test_a_row_clashing_with_another_is_not_called_a_missing_parent() -> None:
    error = schema_refusal(
        _broken("insert into pledge values ('p2', 'c', 'h')"), "xa.camket", "pledge"
    )
    assert error.code == "bundle.unique_clash"
    text = describe(error)
    assert "xa.camket" in text and "campaign_id, household_id" in text
    assert "thiếu dữ liệu gốc" not in text


def test_a_row_whose_parent_is_absent_says_so() -> None:
    error = schema_refusal(
        _broken("insert into pledge values ('p3', 'none', 'h')"), "xa.camket", "pledge"
    )
    assert error.code == "bundle.missing_parent"
    assert "thiếu dữ liệu gốc" in describe(error)


def test_any_other_broken_rule_is_named() -> None:
    error = schema_refusal(
        _broken("insert into pledge values ('p4', null, 'h')"), "xa.camket", "pledge"
    )
    assert error.code == "bundle.rule_broken"
    assert "NOT NULL" in describe(error)
