"""Normalisation of labels, numbers and dates (never of narrative)."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gov_disclosure import form
from gov_disclosure.parsers.labels import HEADINGS, LABELS, Kind, lookup
from gov_disclosure.parsers.normalize import find_period, read_amount, read_count, read_date
from gov_disclosure.text.blanks import is_blank
from gov_disclosure.text.fold import label_key, strip_numbering


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("（二）部分公开", "(二)部分公开"),
        ("（二）部分公开", "( 二 ) 部 分 公 开"),
        ("结果维持", "结果维 持"),
        ("结果维持", "结 果 维 持"),
        ("结果维持", "结\n果\n维\n持"),
        ("结果维持", "\u3000结果维持\u3000"),
        ("本年收费金额（单位：万元）", "本年收费金额(单位:万元)"),
        ("3.危及“三安全一稳定”", "3.危及「三安全一穩定」"),
        ("3.危及“三安全一稳定”", "3、危及三安全一稳定"),
        ("行政规范性文件", "行政規範性檔案"),
        ("一、总体情况", "一、總體情況"),
        ("规章", "规章。"),
    ],
)
def test_label_key_folds_spellings(a, b):
    assert label_key(a) == label_key(b)


def test_label_key_keeps_distinct_labels_distinct():
    keys = [label_key(lab) for t in form.TABLES for b in t.blocks for r in b.rows for lab in [r.label]]
    assert len(keys) == len(set(keys))


def test_strip_numbering():
    assert strip_numbering(label_key("（七）总计")) == "总计"
    assert strip_numbering(label_key("四、结转下年度继续办理")) == "结转下年度继续办理"
    assert strip_numbering(label_key("1.属于国家秘密")) == "属于国家秘密"


def test_every_official_label_is_indexed():
    for t in form.TABLES:
        for b in t.blocks:
            for r in b.rows:
                kinds = {lab.kind for lab in lookup(r.label)}
                assert kinds & {Kind.ROW, Kind.CASE_BLOCK}, r.label
            for c in b.columns:
                assert any(lab.kind is Kind.COLUMN for lab in lookup(c.label)), c.label
    for s in form.SECTIONS:
        assert HEADINGS[label_key(s.heading)] == s.id
        for v in s.variants:
            assert HEADINGS[label_key(v)] == s.id


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ("结转下一年度继续办理", "carried_forward"),
        ("四、结转下一年度继续办理", "carried_forward"),
        ("七、总计", "outcome_total"),
        ("(七)总计", "outcome_total"),
        ("（二）部分公开", "partly_disclosed"),
        ("予以公开", "disclosed"),
    ],
)
def test_row_label_variants(text, row):
    [lab] = lookup(text)
    assert lab.kind is Kind.ROW and lab.id == row and lab.variant == (label_key(text) != label_key(lab.label))


def test_ambiguous_variants_are_not_indexed():
    # "其他" is the column 其他 of table 三, never the row "3.其他" without its number.
    assert {lab.kind for lab in lookup("其他")} == {Kind.COLUMN}
    # 总计 is a column of tables 三 and 四.
    assert {lab.table for lab in LABELS[label_key("总计")]} == {"三", "四"}


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("0", 0),
        ("12", 12),
        (" 12 ", 12),
        ("１２", 12),
        ("\u3000１２\u3000", 12),
        ("1,234", 1234),
        ("1，234", 1234),
        ("12件", 12),
        ("-3", -3),
        ("－3", -3),
        ("", None),
        ("—", None),
        ("——", None),
        ("-", None),
        ("--", None),
        ("/", None),
        ("／", None),
        ("无", None),
        ("\xa0", None),
    ],
)
def test_read_count(raw, value):
    assert read_count(raw) == (value, None)


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("abc", "not-a-number"),
        ("1.5", "not-integer"),
        ("3.0", "not-integer"),
        ("十", "not-a-number"),
        ("1,23", "not-a-number"),
        ("9" * 41, "too-long"),
        ("12元", "not-a-number"),
    ],
)
def test_read_count_problems(raw, problem):
    assert read_count(raw) == (None, problem)


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("1.50", Decimal("1.50")),
        ("3", Decimal("3")),
        ("1,234.5", Decimal("1234.5")),
        ("12.5万元", Decimal("12.5")),
        ("１．５", Decimal("1.5")),
        (".5", Decimal("0.5")),
        ("—", None),
        ("", None),
        ("-2.5", Decimal("-2.5")),
    ],
)
def test_read_amount(raw, value):
    got, problem = read_amount(raw)
    assert problem is None
    assert got == value and str(got) == str(value)


def test_read_amount_problems():
    assert read_amount("251000元") == (None, "unit")
    assert read_amount("abc") == (None, "not-a-number")


@given(st.integers(-(10**12), 10**12))
@settings(max_examples=100, deadline=None)
def test_read_count_reads_every_integer(n):
    assert read_count(str(n)) == (n, None)
    assert read_count(f"{n:,}") == (n, None)


@given(st.decimals(min_value=0, max_value=10**9, places=4, allow_nan=False))
@settings(max_examples=100, deadline=None)
def test_read_amount_keeps_digits(d):
    assert read_amount(f"{d:f}") == (d, None)
    assert str(read_amount(f"{d:f}")[0]) == f"{d:f}"


@pytest.mark.parametrize(
    "text",
    [
        "2025年1月27日",
        "二〇二五年一月二十七日",
        "二○二五年一月二十七日",
        "2025-01-27",
        "2025/1/27",
        "2025.1.27",
        "２０２５年１月２７日",
        " 2025 年 1 月 27 日 ",
    ],
)
def test_read_date_forms(text):
    assert read_date(text) == (_dt.date(2025, 1, 27), True)


def test_read_date_invalid_and_not_dates():
    assert read_date("2025年2月30日") == (None, True)
    assert read_date("乃东区人民政府办公室") == (None, False)
    assert read_date("2025年1月27日发布") == (None, False)


@pytest.mark.parametrize(
    "text",
    [
        "报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。",
        "统计期限为2024年1月1日至12月31日。",
        "本报告统计时限为二〇二四年一月一日至二〇二四年十二月三十一日。",
        "统计期间：2024年1月1日—2024年12月31日",
    ],
)
def test_find_period(text):
    assert find_period(text) == (_dt.date(2024, 1, 1), _dt.date(2024, 12, 31))


def test_find_period_none():
    assert find_period("2024年,乃东区坚持以习近平新时代中国特色社会主义思想为指导") is None


def test_is_blank():
    assert is_blank(" — ") and is_blank("") and is_blank("无") and not is_blank("0")
