"""Chinese formatting (babel) and Chinese numerals (checked against cn2an as an oracle)."""

from __future__ import annotations

import datetime as dt
import doctest
from decimal import ROUND_HALF_UP, Decimal

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gov_disclosure import l10n
from gov_disclosure.l10n import (
    format_amount,
    format_count,
    format_date,
    format_percent,
    quantize_half_up,
)
from gov_disclosure.text import numerals
from gov_disclosure.text.numerals import (
    MAX_NUMERAL,
    chinese_numeral,
    item_number,
    parse_chinese_numeral,
    section_number,
    sub_number,
)


def test_doctests() -> None:
    for module in (l10n, numerals):
        result = doctest.testmod(module)
        assert result.attempted > 0
        assert result.failed == 0


# --- dates ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "text"),
    [
        (dt.date(2025, 1, 27), "2025年1月27日"),
        (dt.date(2024, 12, 31), "2024年12月31日"),
        (dt.date(2021, 9, 6), "2021年9月6日"),
    ],
)
def test_format_date(date: dt.date, text: str) -> None:
    assert format_date(date) == text


def test_format_date_matches_cldr_long_format() -> None:
    from babel.dates import format_date as babel_format_date

    date = dt.date(2025, 1, 27)
    assert format_date(date) == babel_format_date(date, "long", locale="zh_Hans_CN")


@pytest.mark.parametrize("bad", [dt.datetime(2025, 1, 27, 10, 0), "2025-01-27", None])
def test_format_date_rejects_non_dates(bad: object) -> None:
    with pytest.raises(TypeError, match=r"datetime\.date"):
        format_date(bad)  # type: ignore[arg-type]


# --- counts --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "grouped", "plain"),
    [
        (0, "0", "0"),
        (999, "999", "999"),
        (1750, "1,750", "1750"),
        (826910, "826,910", "826910"),
        (57930000, "57,930,000", "57930000"),
    ],
)
def test_format_count(value: int, grouped: str, plain: str) -> None:
    assert format_count(value) == grouped
    assert format_count(value, grouping=False) == plain


@pytest.mark.parametrize("bad", [True, 1.0, Decimal(1), "1"])
def test_format_count_rejects_non_int(bad: object) -> None:
    with pytest.raises(TypeError, match="int"):
        format_count(bad)  # type: ignore[arg-type]


@given(st.integers(min_value=0, max_value=10**12))
@settings(max_examples=100, deadline=None)
def test_format_count_grouping_is_reversible(value: int) -> None:
    text = format_count(value)
    assert int(text.replace(",", "")) == value
    assert all(len(g) == 3 for g in text.split(",")[1:])


# --- amounts -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        ("1.50", None, "1.50"),
        ("3", None, "3"),
        ("0.0001", None, "0.0001"),
        ("1E+1", None, "10"),
        ("-0.00", None, "0.00"),
        ("2.345", 2, "2.35"),  # half-up, babel alone would give 2.34
        ("2.335", 2, "2.34"),
        ("2.5", 0, "3"),
        ("3.5", 0, "4"),
        ("0.125", 2, "0.13"),
        ("3", 2, "3.00"),
    ],
)
def test_format_amount(value: str, places: int | None, text: str) -> None:
    assert format_amount(Decimal(value), places=places) == text


def test_format_amount_grouping() -> None:
    assert format_amount(Decimal("316441"), grouping=True) == "316,441"
    assert format_amount(Decimal("12345.60"), grouping=True) == "12,345.60"
    assert format_amount(Decimal("12345.675"), places=2, grouping=True) == "12,345.68"


@pytest.mark.parametrize("bad", [1.5, 2, "1.5"])
def test_format_amount_rejects_non_decimal(bad: object) -> None:
    with pytest.raises(TypeError, match="Decimal"):
        format_amount(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [Decimal("NaN"), Decimal("Infinity")])
def test_format_amount_rejects_non_finite(bad: Decimal) -> None:
    with pytest.raises(ValueError, match="finite"):
        format_amount(bad)


@given(
    st.decimals(min_value=0, max_value=10**9, allow_nan=False, allow_infinity=False, places=4),
    st.integers(0, 4),
    st.booleans(),
)
@settings(max_examples=200, deadline=None)
def test_format_amount_is_half_up_and_exact(value: Decimal, places: int, grouping: bool) -> None:
    expected = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = format_amount(value, places=places, grouping=grouping)
    assert Decimal(text.replace(",", "")) == expected
    assert len(text.partition(".")[2]) == places
    # Without places, the given decimals are kept exactly.
    kept = format_amount(value, grouping=grouping)
    assert Decimal(kept.replace(",", "")) == value
    assert len(kept.partition(".")[2]) == max(0, -int(value.as_tuple().exponent))


def test_quantize_half_up_errors() -> None:
    with pytest.raises(ValueError, match="places"):
        quantize_half_up(Decimal(1), -1)
    with pytest.raises(TypeError, match="Decimal"):
        quantize_half_up(1.0, 1)  # type: ignore[arg-type]


# --- percentages ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (Decimal("0.97"), 0, "97%"),
        (Decimal("0.9705"), 1, "97.1%"),  # half-up
        (Decimal("0.125"), 0, "13%"),  # half-up (half-even would give 12%)
        (Decimal("0.5"), 0, "50%"),
        (1, 0, "100%"),
        (Decimal("12.5"), 0, "1,250%"),
    ],
)
def test_format_percent(value: Decimal | int, places: int, text: str) -> None:
    assert format_percent(value, places=places) == text


def test_format_percent_rejects_float_and_bool() -> None:
    with pytest.raises(TypeError):
        format_percent(0.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        format_percent(True)


# --- Chinese numerals ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (0, "零"),
        (1, "一"),
        (10, "十"),
        (11, "十一"),
        (19, "十九"),
        (20, "二十"),
        (99, "九十九"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (1010, "一千零一十"),
        (10000, "一万"),
        (10010, "一万零一十"),
        (100010, "十万零一十"),
        (20000000, "二千万"),
    ],
)
def test_chinese_numeral_examples(n: int, text: str) -> None:
    assert chinese_numeral(n) == text
    assert parse_chinese_numeral(text) == n


def test_chinese_numeral_matches_cn2an_exhaustively_below_10000() -> None:
    for n in range(10000):
        assert chinese_numeral(n) == cn2an.an2cn(n), n


@given(st.integers(min_value=0, max_value=MAX_NUMERAL))
@settings(max_examples=300, deadline=None)
def test_chinese_numeral_matches_cn2an(n: int) -> None:
    text = chinese_numeral(n)
    assert text == cn2an.an2cn(n)
    assert parse_chinese_numeral(text) == n
    assert cn2an.cn2an(text, "strict") == n


def test_headings_numbers() -> None:
    assert [section_number(n) for n in (1, 6, 11)] == ["一、", "六、", "十一、"]
    assert [sub_number(n) for n in (1, 10, 12)] == ["（一）", "（十）", "（十二）"]
    assert [item_number(n) for n in (1, 8)] == ["1.", "8."]


def test_numbers_match_the_form_headings() -> None:
    from gov_disclosure import form

    for section in form.SECTIONS:
        assert section.heading.startswith(section_number(section.number))
    for i, row in enumerate(form.APPLICATIONS.rows[4:12], start=1):
        assert row.label.startswith(item_number(i))
        assert row.groups[-1].startswith(sub_number(3))


@pytest.mark.parametrize("bad", [-1, MAX_NUMERAL + 1])
def test_chinese_numeral_range(bad: int) -> None:
    with pytest.raises(ValueError, match="expected 0"):
        chinese_numeral(bad)


@pytest.mark.parametrize("fn", [section_number, sub_number, item_number])
def test_heading_numbers_reject_zero_and_bool(fn: object) -> None:
    assert callable(fn)
    with pytest.raises(ValueError, match="≥ 1"):
        fn(0)
    with pytest.raises(TypeError, match="int"):
        fn(True)


@pytest.mark.parametrize("bad", ["", "十a", "一二十", "万", "一万二万"])
def test_parse_chinese_numeral_errors(bad: str) -> None:
    with pytest.raises(ValueError, match="parse_chinese_numeral"):
        parse_chinese_numeral(bad)


def test_parse_chinese_numeral_variants() -> None:
    assert parse_chinese_numeral("一十一") == 11
    assert parse_chinese_numeral("两百") == 200
    assert parse_chinese_numeral("一百〇五") == 105
    assert parse_chinese_numeral("二〇二四") == 2024  # digit by digit, as years are written
