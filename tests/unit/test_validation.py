"""Coded validation of hamlets, households, people, IDs, births and phones."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.entities import BirthDate, Gender, Hamlet, Household, Person
from desktop.domain.validation import (
    ISSUE_CODES,
    KNOWN_ID_PROVINCE_PREFIXES,
    IdKind,
    Issue,
    IssueCode,
    Severity,
    check_name,
    classify_id_number,
    has_errors,
    id_kind,
    id_number_for,
    normalize_phone,
    parse_birth,
    phone_with_issues,
    restore_id_zeros,
    restore_phone_zero,
    validate_hamlet,
    validate_household,
    validate_id_number,
    validate_person,
    validate_phone,
)

TODAY = dt.date(2026, 1, 5)
LAI_CHAU_MALE_1990 = "012090012345"


def codes(issues: list[Issue]) -> set[str]:
    return {issue.code for issue in issues}


# --- codes and Issue --------------------------------------------------------------------


def test_every_code_is_dotted_snake_case() -> None:
    assert len(ISSUE_CODES) == len(IssueCode)
    for code in ISSUE_CODES:
        assert re.fullmatch(r"[a-z_]+\.[a-z_]+", code), code


def test_issue_is_frozen_hashable_and_compares_params() -> None:
    params = {"age": 130}
    issue = Issue("birth", IssueCode.BIRTH_IMPLAUSIBLE_AGE, Severity.ERROR, params)
    params["age"] = 1  # the caller's dict must not leak into the issue
    assert issue.params == {"age": 130}
    assert issue == Issue("birth", "birth.implausible_age", Severity.ERROR, {"age": 130})
    assert issue != Issue("birth", "birth.implausible_age", Severity.ERROR, {"age": 131})
    assert hash(issue) == hash(Issue("birth", "birth.implausible_age", Severity.ERROR))
    assert Issue("x", "required.missing", Severity.WARNING).params == {}
    with pytest.raises(AttributeError):
        issue.code = "other"  # type: ignore[misc]


def test_has_errors() -> None:
    warning = Issue("f", IssueCode.NAME_SINGLE_WORD, Severity.WARNING)
    error = Issue("f", IssueCode.NAME_HAS_DIGITS, Severity.ERROR)
    assert not has_errors([])
    assert not has_errors([warning])
    assert has_errors([warning, error])
    assert has_errors(iter([error]))


# --- ID numbers -------------------------------------------------------------------------


def test_province_table() -> None:
    assert len(KNOWN_ID_PROVINCE_PREFIXES) == 63
    assert KNOWN_ID_PROVINCE_PREFIXES["012"] == "Lai Châu"
    assert KNOWN_ID_PROVINCE_PREFIXES["079"] == "Hồ Chí Minh"
    for code, name in KNOWN_ID_PROVINCE_PREFIXES.items():
        assert re.fullmatch(r"0\d\d", code)
        assert unicodedata.is_normalized("NFC", name)


@pytest.mark.parametrize(
    ("raw", "cleaned", "kind"),
    [
        ("012090012345", "012090012345", IdKind.CCCD),
        ("001 090 012 345", "001090012345", IdKind.CCCD),
        ("001.090.012.345", "001090012345", IdKind.CCCD),
        ("001-090-012-345", "001090012345", IdKind.CCCD),
        (" 001\u00a0090 012345 ", "001090012345", IdKind.CCCD),
        ("123456789", "123456789", IdKind.CMND),
        ("123 456 789", "123456789", IdKind.CMND),
        ("", "", IdKind.EMPTY),
        ("  ", "", IdKind.EMPTY),
        ("01209001234", "01209001234", IdKind.INVALID),
        ("0120900123456", "0120900123456", IdKind.INVALID),
        ("01209001234A", "01209001234A", IdKind.INVALID),
        ("０１２０９００１２３４５", "０１２０９００１２３４５", IdKind.INVALID),
    ],
)
def test_classify_id_number(raw: str, cleaned: str, kind: IdKind) -> None:
    assert classify_id_number(raw) == (cleaned, kind)
    assert id_kind(raw) == kind


@pytest.mark.parametrize(
    ("raw", "gender", "birth", "expected"),
    [
        (LAI_CHAU_MALE_1990, Gender.MALE, BirthDate(1990), set()),
        (LAI_CHAU_MALE_1990, Gender.MALE, BirthDate(1990, 5, 1), set()),
        (LAI_CHAU_MALE_1990, None, None, set()),
        (LAI_CHAU_MALE_1990, Gender.FEMALE, BirthDate(1990), {"id_number.gender_mismatch"}),
        ("012001012345", Gender.MALE, BirthDate(2001), {"id_number.century_mismatch"}),
        (LAI_CHAU_MALE_1990, Gender.MALE, BirthDate(1991), {"id_number.year_mismatch"}),
        (
            LAI_CHAU_MALE_1990,
            Gender.MALE,
            BirthDate(2001),
            {"id_number.century_mismatch", "id_number.year_mismatch"},
        ),
        ("012301012345", Gender.FEMALE, BirthDate(2001), set()),
        ("012301012345", Gender.MALE, BirthDate(2001), {"id_number.gender_mismatch"}),
        ("099090012345", Gender.MALE, BirthDate(1990), {"id_number.unknown_province"}),
        ("001 090 012 345", Gender.MALE, BirthDate(1990), set()),
        ("001.090.012.345", Gender.MALE, BirthDate(1990), set()),
        ("123456789", Gender.FEMALE, BirthDate(1950), set()),
        ("", Gender.MALE, BirthDate(2020), set()),
    ],
)
def test_validate_id_number_warnings(
    raw: str, gender: Gender | None, birth: BirthDate | None, expected: set[str]
) -> None:
    issues = validate_id_number(raw, gender, birth)
    assert codes(issues) == expected
    assert not has_errors(issues)
    assert all(issue.field == "id_number" for issue in issues)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("01209001234", "id_number.bad_length"),
        ("0120900123456", "id_number.bad_length"),
        ("12345", "id_number.bad_length"),
        ("01209001234A", "id_number.not_digits"),
        ("CMND123456", "id_number.not_digits"),
        ("012/090/012/345", "id_number.not_digits"),
    ],
)
def test_validate_id_number_errors(raw: str, code: str) -> None:
    issues = validate_id_number(raw, Gender.MALE, BirthDate(1990))
    assert codes(issues) == {code}
    assert has_errors(issues)


def test_bad_length_reports_length() -> None:
    (issue,) = validate_id_number("01209001234", None, None)
    assert issue.params == {"length": 11}


def test_empty_id_when_required() -> None:
    issues = validate_id_number(" ", None, None, required=True)
    assert codes(issues) == {"required.missing"}
    assert has_errors(issues)


@pytest.mark.parametrize("prefix", ["001", "012", "096"])
@pytest.mark.parametrize("gender", list(Gender))
@pytest.mark.parametrize("year", [1900, 1958, 1999, 2000, 2024, 2150, 2399])
def test_id_number_for_round_trips(prefix: str, gender: Gender, year: int) -> None:
    id_number = id_number_for(prefix, gender, year, 4321)
    assert id_number.startswith(prefix)
    assert id_number.endswith("004321")
    assert classify_id_number(id_number) == (id_number, IdKind.CCCD)
    assert validate_id_number(id_number, gender, BirthDate(year)) == []


def test_id_number_for_known_values() -> None:
    assert id_number_for("012", Gender.MALE, 1990, 12345) == LAI_CHAU_MALE_1990
    assert id_number_for("001", Gender.FEMALE, 2005, 7) == "001305000007"


@pytest.mark.parametrize(
    ("prefix", "year", "serial"),
    [
        ("099", 1990, 1),
        ("12", 1990, 1),
        ("012", 1899, 1),
        ("012", 2400, 1),
        ("012", 1990, -1),
        ("012", 1990, 1_000_000),
    ],
)
def test_id_number_for_refuses_inconsistent_input(prefix: str, year: int, serial: int) -> None:
    with pytest.raises(ValueError):
        id_number_for(prefix, Gender.MALE, year, serial)


# --- birth dates ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05/01/1990", BirthDate(1990, 1, 5)),
        ("5/1/1990", BirthDate(1990, 1, 5)),
        ("05-01-1990", BirthDate(1990, 1, 5)),
        ("05.01.1990", BirthDate(1990, 1, 5)),
        (" 05 / 01 / 1990 ", BirthDate(1990, 1, 5)),
        ("1990-01-05", BirthDate(1990, 1, 5)),
        ("1990", BirthDate(1990)),
        ("29/02/2024", BirthDate(2024, 2, 29)),
        ("05/01/2026", BirthDate(2026, 1, 5)),  # born today
        ("2026", BirthDate(2026)),
        ("05/2001", BirthDate(2001, 5)),  # month and year, as old records have it
        ("5-2001", BirthDate(2001, 5)),
        ("2001-05", BirthDate(2001, 5)),
        ("01/2026", BirthDate(2026, 1)),  # this month
        ("1 /12/1990", BirthDate(1990, 12, 1)),  # ten characters, slashes where dd/mm/yyyy has
    ],
)
def test_parse_birth_ok(text: str, expected: BirthDate) -> None:
    assert parse_birth(text, TODAY) == (expected, [])


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("31/02/1990", "birth.invalid_date"),
        ("29/02/2023", "birth.invalid_date"),
        ("01/13/1990", "birth.invalid_date"),
        ("1990-02-30", "birth.invalid_date"),
        ("1990?", "birth.unparseable"),
        ("05/01/90", "birth.unparseable"),
        ("05/01-1990", "birth.unparseable"),
        ("0a/01/1990", "birth.unparseable"),
        ("05/0\uff11/1990", "birth.unparseable"),  # a full-width digit
        ("12/3//1990", "birth.unparseable"),
        ("năm 1990", "birth.unparseable"),
        ("١٩٩٠", "birth.unparseable"),
        ("06/01/2026", "birth.in_future"),
        ("2027", "birth.in_future"),
        ("02/2026", "birth.in_future"),
        ("13/2001", "birth.invalid_date"),
        ("00/2001", "birth.invalid_date"),
        ("01/01/1900", "birth.implausible_age"),
        ("1890", "birth.implausible_age"),
    ],
)
def test_parse_birth_errors(text: str, code: str) -> None:
    birth, issues = parse_birth(text, TODAY)
    assert birth is None
    assert codes(issues) == {code}
    assert has_errors(issues)
    assert all(issue.field == "birth" for issue in issues)


def test_a_month_and_year_is_kept_and_shown_as_typed() -> None:
    birth, _issues = parse_birth("05/2001", TODAY)
    assert birth is not None
    assert (birth.iso(), birth.display()) == ("2001-05", "05/2001")
    assert BirthDate.from_iso("2001-05") == birth
    assert birth.as_date() is None and not birth.year_only


def test_parse_birth_very_old_is_a_warning() -> None:
    birth, issues = parse_birth("1915", TODAY)
    assert birth == BirthDate(1915)
    assert codes(issues) == {"birth.very_old"}
    assert not has_errors(issues)


def test_parse_birth_empty() -> None:
    assert parse_birth("  ", TODAY) == (None, [])
    birth, issues = parse_birth("", TODAY, required=True)
    assert birth is None
    assert codes(issues) == {"required.missing"}


# --- phones -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("0912 345 678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("0912-345-678", "0912345678"),
        ("+84 912345678", "0912345678"),
        ("(+84) 912 345 678", "0912345678"),
        ("84912345678", "0912345678"),
        ("0084 912 345 678", "0912345678"),
        ("+84 0912 345 678", "0912345678"),
        ("0388 123 456", "0388123456"),
        ("0212 3456 789", "02123456789"),
        ("(0212) 3456 789", "02123456789"),
        ("+84 212 3456 789", "02123456789"),
    ],
)
def test_phone_ok(raw: str, normalized: str) -> None:
    assert validate_phone(raw) == []
    assert normalize_phone(raw) == normalized


@pytest.mark.parametrize(
    "raw",
    [
        "12345",
        "0112345678",  # no mobile network starts 01 since 2018
        "091234567",
        "09123456789",
        "0212345678",  # landline needs 11 digits
        "0912 ABC 678",
        "+1 202 555 0100",
        "-",
    ],
)
def test_phone_invalid(raw: str) -> None:
    issues = validate_phone(raw)
    assert codes(issues) == {"phone.invalid"}
    assert has_errors(issues)
    assert normalize_phone(raw) == " ".join(raw.split())  # kept as typed


def test_empty_phone_is_fine() -> None:
    assert validate_phone("") == []
    assert validate_phone("   ") == []
    assert normalize_phone("  ") == ""


# --- records ----------------------------------------------------------------------------


def make_person(**changes: object) -> Person:
    values: dict[str, object] = {
        "household_id": "h1",
        "full_name": "Giàng A Páo",
        "gender": Gender.MALE,
        "birth": BirthDate(1990, 5, 1),
        "id_number": LAI_CHAU_MALE_1990,
        "phone": "0912 345 678",
    }
    values.update(changes)
    return Person(**values)  # type: ignore[arg-type]


def test_valid_person() -> None:
    assert validate_person(make_person(), TODAY) == []
    assert validate_person(make_person(birth=None, id_number="", phone=""), TODAY) == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"full_name": ""}, {("full_name", "required.missing", Severity.ERROR)}),
        ({"full_name": "   "}, {("full_name", "required.missing", Severity.ERROR)}),
        ({"full_name": "Páo"}, {("full_name", "name.single_word", Severity.WARNING)}),
        ({"full_name": "Nguyễn Văn 2"}, {("full_name", "name.has_digits", Severity.ERROR)}),
        ({"gender": None}, {("gender", "required.missing", Severity.ERROR)}),
        ({"gender": "x"}, {("gender", "gender.invalid", Severity.ERROR)}),
        (
            {"gender": Gender.FEMALE},
            {("id_number", "id_number.gender_mismatch", Severity.WARNING)},
        ),
        (
            {"birth": BirthDate(2027), "id_number": ""},
            {("birth", "birth.in_future", Severity.ERROR)},
        ),
        (
            {"birth": BirthDate(1880), "id_number": ""},
            {("birth", "birth.implausible_age", Severity.ERROR)},
        ),
        ({"id_number": "0120900"}, {("id_number", "id_number.bad_length", Severity.ERROR)}),
        ({"phone": "12345"}, {("phone", "phone.invalid", Severity.ERROR)}),
    ],
)
def test_person_issues(
    changes: dict[str, object], expected: set[tuple[str, str, Severity]]
) -> None:
    issues = validate_person(make_person(**changes), TODAY)
    assert {(i.field, i.code, i.severity) for i in issues} == expected


def test_household() -> None:
    assert validate_household(Household(hamlet_id="t1", code="BP-012")) == []
    assert validate_household(Household(hamlet_id="t1", code="Đ12/3", phone="0912345678")) == []


@pytest.mark.parametrize(
    ("household", "expected"),
    [
        (Household(hamlet_id="t1", code=""), {("code", "required.missing")}),
        (Household(hamlet_id="t1", code="BP 012"), {("code", "household.code_invalid")}),
        (Household(hamlet_id="t1", code="BP_012"), {("code", "household.code_invalid")}),
        (Household(hamlet_id="t1", code="X" * 21), {("code", "household.code_invalid")}),
        (Household(hamlet_id="", code="BP-1"), {("hamlet_id", "required.missing")}),
        (Household(hamlet_id="t1", code="1", phone="123"), {("phone", "phone.invalid")}),
    ],
)
def test_household_issues(household: Household, expected: set[tuple[str, str]]) -> None:
    issues = validate_household(household)
    assert {(i.field, i.code) for i in issues} == expected
    assert has_errors(issues)


def test_hamlet() -> None:
    assert validate_hamlet(Hamlet(name="Bản Nậm Pì")) == []
    issues = validate_hamlet(Hamlet(name="  "))
    assert codes(issues) == {"required.missing"}
    assert issues[0].field == "name"


def test_every_emitted_code_is_listed() -> None:
    emitted: set[str] = set()
    emitted |= codes(validate_person(make_person(full_name="A1", gender="x", phone="1"), TODAY))
    emitted |= codes(validate_person(make_person(full_name=""), TODAY))
    emitted |= codes(validate_id_number("099190012345", Gender.MALE, BirthDate(2001)))
    emitted |= codes(validate_id_number("1234", None, None))
    emitted |= codes(validate_id_number("12x", None, None))
    for text in ("x", "31/02/1990", "2030", "1800", "1915"):
        emitted |= codes(parse_birth(text, TODAY)[1])
    emitted |= codes(validate_household(Household(hamlet_id="t", code="a b")))
    emitted |= codes(validate_person(make_person(full_name="=HYPERLINK(1)"), TODAY))
    emitted |= codes(validate_person(make_person(full_name="NguyÔn V¨n An"), TODAY))
    emitted |= codes(validate_person(make_person(occupation="Làm nương " * 60), TODAY))
    emitted |= codes(validate_person(make_person(phone="0912345678 / 0987654321"), TODAY))
    emitted |= codes(validate_person(make_person(phone="912345678.0"), TODAY))
    two = make_person(phone="0912345678 / 0987654321", notes="x" * 4995)
    emitted |= codes(validate_person(two, TODAY))
    emitted |= codes(validate_id_number("2.085.012.345", None, None))
    emitted |= _roster_codes()
    assert emitted == ISSUE_CODES


def test_a_name_typed_in_a_legacy_font_is_a_warning_with_what_it_means() -> None:
    # "ư" in .VnTime is a soft hyphen, which tidying a name drops: read as typed.
    for typed, font, meant in (
        ("NguyÔn V¨n An", "TCVN3 (.VnTime)", "Nguyễn Văn An"),
        ("Tr\u00adêng ThÞ Ng©n", "TCVN3 (.VnTime)", "Trường Thị Ngân"),
        ("Nguyeãn Vaên An", "VNI (VNI-Times)", "Nguyễn Văn An"),
    ):
        (issue,) = check_name(typed)
        assert (issue.code, issue.severity) == (IssueCode.NAME_LEGACY_FONT, Severity.WARNING)
        assert (issue.params["font"], issue.params["meant"]) == (font, meant)
    assert check_name("Nguyễn Văn An") == [] and check_name("Lò Thị Ún") == []


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_text_a_spreadsheet_would_run_as_a_formula_is_refused_as_a_name(start: str) -> None:
    person = make_person(full_name=f"{start}Lò Văn Hùng", notes=f"{start}cmd|' /C calc'!A0")
    assert {(i.field, i.code) for i in validate_person(person, TODAY) if i.is_error} == {
        ("full_name", IssueCode.TEXT_FORMULA_LIKE),
        ("notes", IssueCode.TEXT_FORMULA_LIKE),
    }
    household = Household(hamlet_id="t", code="NT-001", notes=f" {start}1+1")
    assert codes(validate_household(household)) == {IssueCode.TEXT_FORMULA_LIKE}
    hamlet = Hamlet(name=f"{start}Bản Mới", head_name=f"{start}Lò Văn A")
    assert [(i.field, i.code) for i in validate_hamlet(hamlet)] == [
        ("name", IssueCode.TEXT_FORMULA_LIKE),
        ("head_name", IssueCode.TEXT_FORMULA_LIKE),
    ]


def test_a_name_with_a_dash_inside_is_still_a_name() -> None:
    person = make_person(full_name="Lò Thị Mai-Anh", notes="đi làm ăn xa - về Tết")
    assert validate_person(person, TODAY) == []


@pytest.mark.parametrize(
    ("stored", "restored"),
    [
        ("2085012345", "002085012345"),  # Hà Giang, two zeros lost
        ("4190012345", "004190012345"),  # Cao Bằng
        ("10085012345", "010085012345"),  # Lào Cai, one zero lost
        ("11185012345", "011185012345"),  # Điện Biên
        ("22085012345", "022085012345"),  # Quảng Ninh
        ("12345678", "012345678"),  # a 9-digit CMND that began with 0
        ("3085012345", None),  # "003" is no province
        ("99085012345", None),  # "099" is no province
        ("1234567", None),
        ("012085012345", None),  # already whole
        ("20850123x5", None),
    ],
)
def test_zeros_excel_dropped_come_back_only_as_a_real_province(
    stored: str, restored: str | None
) -> None:
    assert restore_id_zeros(stored) == restored


@pytest.mark.parametrize(
    ("stored", "restored"),
    [("912345678", "0912345678"), ("2143812345", "02143812345"), ("112345678", None)],
)
def test_a_phone_number_gets_its_zero_back_only_when_it_makes_a_number(
    stored: str, restored: str | None
) -> None:
    assert restore_phone_zero(stored) == restored


def _roster_codes() -> set[str]:
    """Codes of the whole-household checks (domain/roster.py and the household services)."""
    from desktop.domain.roster import HouseholdDraft, check_since, validate_draft

    emitted = codes(check_since("2030", TODAY)) | codes(check_since("x", TODAY))
    emitted |= codes(check_since("0001", TODAY))
    twins = [make_person(id_number="012080001234"), make_person(id_number="012080001234")]
    draft = HouseholdDraft(Household(hamlet_id="t", code="A"), twins)
    emitted |= {p.issue.code for p in validate_draft(draft, TODAY)}
    emitted |= {p.issue.code for p in validate_draft(HouseholdDraft(draft.household), TODAY)}
    # Only the register knows that a code is taken (services/households.check_draft).
    emitted.add("household.code_taken")
    # Nor what a bundle may not carry as the register holds it (services/export_repairs:
    # tests/unit/test_export_repairs.py words each).
    emitted |= {"text.too_long_to_send", "file_name.not_plain", "text.cut_at_export"}
    emitted.add("file_name.renamed_at_export")
    # services/unsendable (tests/unit/test_export_peers_refuse.py words each).
    emitted |= {"text.has_nul", "value.unreadable", "value.bad_date"}
    emitted |= {"row.other_commune", "row.no_parent", "attachment.size_wrong"}
    emitted |= {"attachment.too_large_to_send", "row.second_commune"}
    # Nor what the store could not read (domain.unreadable: tests/ui/test_unreadable_values.py).
    emitted |= {"value.unreadable_kept", "value.unreadable_choose"}
    # Nor that two PCs half-deleted a household (services/half_deleted, camket check).
    emitted.add("household.half_deleted")
    # Nor that an upper register took a commune twice (services/set_apart, camket check:
    # tests/unit/test_set_up_apart_upper.py).
    emitted.add("commune.doubled")
    return emitted


@given(
    st.text(
        alphabet=st.sampled_from(list("0123456789+ .-()\u00a0\u2010\t84ab")),
        min_size=1,
        max_size=16,
    )
)
def test_a_phone_read_once_is_what_normalising_then_validating_gives(raw: str) -> None:
    stored = normalize_phone(raw)
    assert phone_with_issues(raw) == (stored, validate_phone(stored))
